"""Word's automatic numbering, printed back into the text: ``一、`` ``（一）`` ``1.`` that Word draws
from its list definitions are not in a paragraph's text, yet they are the plan's structure.

Each numbered paragraph (its own ``numPr``, or its style's) gets the label Word would show: the
level's ``lvlText`` (``%1、``, ``（%2）``, ``%3.``) with each ``%N`` replaced by the counter of
level N in that level's format (Chinese counting, decimal, circled …).  Counters run per list
and a level restarts when a level above it moves on.
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _DIGITS[tens]) + "十" if tens else "") + (_DIGITS[ones] if ones else "")


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "japaneseCounting", "ideographDigital", "chineseLegalSimplified",
                       "taiwaneseCounting")):
        return _chinese(n)
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n).upper() if fmt == "upperLetter" else _letters(n)
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return str(n)


def _val(element: Any, tag: str) -> str | None:
    child = element.find(f"{_W}{tag}") if element is not None else None
    return child.get(f"{_W}val") if child is not None else None


class Numbering:
    """The labels of one document's numbered paragraphs, in reading order (call :meth:`label` once each)."""

    def __init__(self, word: Any) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → level → (format, text, start)
        self._counters: dict[str, dict[int, int]] = {}
        self._styles: dict[str, Any] = {}  # styleId → its paragraph properties (headings numbered by style)
        try:
            for style in word.styles.element.findall(f"{_W}style"):
                if (ppr := style.find(f"{_W}pPr")) is not None:
                    self._styles[style.get(f"{_W}styleId", "")] = ppr
        except AttributeError:
            pass
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{_W}lvl"):
                start = _val(lvl, "start")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (_val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                                                         int(start) if start and start.isdigit() else 1)
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall(f"{_W}num"):
            self._levels[num.get(f"{_W}numId", "")] = abstract.get(_val(num, "abstractNumId") or "", {})

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        style_id = _val(paragraph.pPr, "pStyle") if paragraph.pPr is not None else None
        for ppr in (paragraph.pPr, self._styles.get(style_id or "")):
            num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
            if num_pr is not None:
                num_id = _val(num_pr, "numId")
                level = _val(num_pr, "ilvl")
                if num_id and num_id != "0":
                    return num_id, int(level) if level and level.isdigit() else 0
                return None
        return None

    def label(self, paragraph: Any) -> str:
        """The label Word shows before a paragraph (a ``w:p`` element), or ``""``."""
        found = self._num_pr(paragraph) if self._levels else None
        if found is None or found[0] not in self._levels:
            return ""
        num_id, level = found
        levels = self._levels[num_id]
        if level not in levels or levels[level][0] in ("bullet", "none"):
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        text = levels[level][1]
        for k in range(level + 1):
            fmt, _, start = levels.get(k, ("decimal", "", 1))
            text = text.replace(f"%{k + 1}", _format(counters.get(k, start), fmt))
        return text
