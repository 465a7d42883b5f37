"""Text helpers shared by importers, search and output: decoding, cleaning, folding, cell widths.

Chinese documents mix full-width and ASCII punctuation freely (``（一）`` vs ``(一)``,
``：`` vs ``:``).  ``fold`` maps each full-width form to its ASCII twin one character
for one character, so an index found in the folded text is the same index in the
original: parsers match on the folded copy and slice the printed text.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate
from pathlib import Path

# Full-width ASCII variants (U+FF01..U+FF5E) → ASCII, ideographic space → space, and a few
# look-alikes that documents use as separators.  One character in, one character out.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}

_FOLD.update({0x3000: 0x20, 0xFE50: ord(","), 0xFE51: ord("、"), 0xFE52: ord("."),
              0xFE54: ord(";"), 0xFE55: ord(":"), 0xFF64: ord("、")})
_FOLD_TABLE = str.maketrans({chr(k): chr(v) for k, v in _FOLD.items()})

# ESC-introduced sequences (CSI, OSC, two-character escapes), then every remaining C0/C1
# control except newline and tab.  DEL included.
_ESCAPE_SEQ = r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]"
# … and the bidirectional overrides and isolates (U+202E shows ``exe.txt`` for ``txt.exe``).
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
_CONTROL_ANY = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"


#: The Chinese characters (the CJK unified ideographs and their first extension), for a character class: ``[{HAN}]``.
HAN = "\u3400-\u9fff"
_CJK = rf"[{HAN}]"


@functools.cache
def pattern(source: str) -> re.Pattern[str]:
    """``source`` compiled, on first use: a character class over CJK ranges takes milliseconds to
    compile, which every start would pay at import for patterns it may never use."""
    return re.compile(source)


class DecodeError(ValueError):
    """The bytes are neither UTF-8 nor GB18030 text."""


#: Square and lenticular brackets read as round ones: ``【责任单位:X】`` as ``(责任单位:X)``,
#: ``各县〔市、区〕教育局`` as ``各县(市、区)教育局``; one character for one, so indexes hold.
ROUND_BRACKETS = str.maketrans("【〔[】〕]", "((()))")


def fold(text: str) -> str:
    """Full-width punctuation, digits and letters → ASCII, same length."""
    return text.translate(_FOLD_TABLE)


_SIMPLIFY_TABLE: dict[int, str] | None = None


def _simplify_table() -> dict[int, str]:
    """One-character Traditional → Simplified pairs from OpenCC's dictionary (loaded on first use).

    Only pairs that map one character to one character are kept, so a simplified copy of a
    text has the same length and indexes as the text itself.
    """
    global _SIMPLIFY_TABLE
    if _SIMPLIFY_TABLE is None:
        table: dict[int, str] = {}
        try:
            # opencc-python-reimplemented ships its dictionaries as text files: read the one table,
            # without importing the converter (found, not imported: search stays quick)
            import importlib.util

            spec = importlib.util.find_spec("opencc")
            if spec is None or not spec.submodule_search_locations:
                raise ImportError("opencc")
            path = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "TSCharacters.txt"
            for line in path.read_text(encoding="utf-8").splitlines():
                source, _, targets = line.partition("\t")
                target = targets.split(" ")[0] if targets else ""
                if len(source) == 1 and len(target) == 1 and source != target:
                    table[ord(source)] = target
        except (ImportError, OSError):  # pragma: no cover - a dependency; without it, no conversion
            table = {}
        _SIMPLIFY_TABLE = table
    return _SIMPLIFY_TABLE


def simplify(text: str) -> str:
    """Traditional characters → Simplified, one character for one (辦公室 → 办公室)."""
    if text.isascii():
        return text
    return text.translate(_simplify_table())


_COMPAT_RANGES = ((0x2460, 0x24FF), (0x2F00, 0x2FDF), (0x3200, 0x33FF), (0xF900, 0xFAFF))
_COMPAT = "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _COMPAT_RANGES) + "]"


def _nfkc_char(char: str) -> str:
    import unicodedata  # on first use: lookups never need it

    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def normalize(text: str) -> str:
    """The view importers and search match on: full-width folded, NFKC, Simplified; same length.

    Each character maps to exactly one character, so an index found in the normalised text is
    the same index in the printed text: parsers match on ``normalize(text)`` and slice ``text``.
    """
    text = fold(text)
    if text.isascii():
        return text
    if not text.isascii() and pattern(_COMPAT).search(text):  # ①, ⼀ (Kangxi radicals): NFKC, one for one
        text = pattern(_COMPAT).sub(lambda m: _nfkc_char(m.group()), text)
    return simplify(text)


#: A pinyin gloss printed after a Chinese character by a converting web site: ``優(yōu)``, ``區(qū)``.
_GLOSS = rf"(?<=[{HAN}])[(（](?:[a-zü]|[\u00e0-\u00fc\u0101-\u01dc])+[)）]"


def unglossed(text: str) -> str:
    """The text without pinyin glosses (``稅收優(yōu)惠`` → ``稅收優惠``): for telling what a name is, since the
    glosses are junk a site injected; the printed text keeps them."""
    return pattern(_GLOSS).sub("", text) if "(" in text or "（" in text else text


def clause_end_unglossed(text: str) -> str:
    """The text without the pinyin glosses that end a clause (``…分別負責(zé))``, ``牽頭(tóu),``): there they
    follow role words, never a name's last character inside a list, so the role is told; names keep theirs."""
    return pattern(_GLOSS + r"(?=\s*(?:$|[,;，；。]))").sub("", text) if "(" in text or "（" in text else text


# Curly, low and prime quotes → ASCII for search only (importers match “ ” in titles, so ``fold`` keeps them).
_QUOTE_TABLE = str.maketrans({**dict.fromkeys("“”„‟″〝〞", '"'), **dict.fromkeys("‘’‚‛′", "'")})


def search_key(text: str) -> str:
    """What search compares: normalised, lower-case, without white space (辦公室 finds 办公室), and
    quotes alike whether ASCII, full-width or curly (``"政策"`` finds “政策”)."""
    return "".join(normalize(text).translate(_QUOTE_TABLE).lower().split())


@functools.cache
def search_key_changes() -> frozenset[str]:
    """Every character :func:`search_key` may change (white space apart, which it drops): the folded, compatibility,
    Traditional, quote and upper-case characters.  A superset: some map to themselves."""
    return frozenset({chr(k) for k in _FOLD} | {chr(k) for k in _simplify_table()} | {chr(k) for k in _QUOTE_TABLE}) \
        | {chr(c) for start, end in _COMPAT_RANGES for c in range(start, end + 1)} \
        | {c for c in map(chr, range(0x110000)) if c.lower() != c}


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences, control characters and bidirectional overrides; keep newlines
    and tabs.  Applied at every way in (documents, arguments, stdin, the environment) and again at
    every way out to a terminal or a spreadsheet."""
    if not text:
        return text
    if text.isprintable() or not pattern(_CONTROL_ANY).search(text):  # the usual case: nothing to remove
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(_CONTROL, "", re.sub(_ESCAPE_SEQ, "", text))


_UNSAFE_FOR_TERMINAL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_COLOUR = r"\x1b\[[0-9;]*m"


def for_terminal(text: str) -> str:
    """``text`` as it may reach a terminal: colours (SGR) kept, every other escape sequence (an OSC 52
    clipboard write, a title, cursor movement), control character and bidirectional override removed;
    newlines, tabs and carriage returns kept."""
    if not pattern(_UNSAFE_FOR_TERMINAL).search(text):
        return text
    text = pattern(_ESCAPE_SEQ).sub(lambda m: m.group() if pattern(_COLOUR).fullmatch(m.group()) else "", text)
    text = pattern(r"\x1b(?!\[[0-9;]*m)").sub("", text)
    return pattern(r"[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]").sub("", text)


def strip_controls_within(value: object) -> object:
    """:func:`strip_controls` on every string inside ``value`` (dicts and lists changed in place)."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str | dict | list):
                value[key] = strip_controls_within(item)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str | dict | list):
                value[i] = strip_controls_within(item)
    return value


def decode_document(data: bytes) -> str:
    """Decode a document: UTF-8 (BOM or not) first, then GB18030; never silently replace.

    A UTF-16 file (it has a BOM) is decoded too, since Windows tools save them.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError("文件开头像 UTF-16 文本, 但无法按 UTF-16 解码 (not UTF-16)") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    lenient = data.decode("utf-8", errors="replace")
    utf8_chinese = len(pattern(_CJK).findall(lenient))
    if utf8_chinese >= 8 and lenient.count("\ufffd") * 2 <= utf8_chinese:
        # Plenty of well-formed UTF-8 Chinese and yet not UTF-8: parts were saved in another encoding.
        line = data.count(b"\n", 0, utf8_error.start) + 1
        raise DecodeError(f"文件混用了多种编码 (mixes encodings): 大部分是 UTF-8, 但第 {line} 行不是; "
                          "请把整个文件另存为 UTF-8")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"文件既不是 UTF-8 也不是 GB18030 文本 (neither UTF-8 nor GB18030; 第 {exc.start} 字节无法解码)"
        ) from exc


# Wide (W/F) ranges that matter in practice: CJK, kana, hangul, full-width forms; and zero-width marks.
_WIDE_RANGES = ((0x1100, 0x115F), (0x2E80, 0x303E), (0x3041, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
                (0xA000, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFF60),
                (0xFFE0, 0xFFE6), (0x20000, 0x3FFFD))
_ZERO_RANGES = ((0x0300, 0x036F), (0x200B, 0x200B), (0x200D, 0x200D), (0xFE00, 0xFE0F))


class _ExtraCells(dict[str, int]):
    """Character → cells beyond one (1 for a wide character, -1 for a zero-width one, else 0), worked
    out once per character: documents reuse a few thousand characters.  Summed over a text in C
    (``map``), with no per-character Python code after the first sight of each character — and no
    regular expression over these ranges, whose compiling alone takes longer than a whole lookup."""

    def __missing__(self, char: str) -> int:
        code = ord(char)
        extra = (1 if any(lo <= code <= hi for lo, hi in _WIDE_RANGES) else
                 -1 if any(lo <= code <= hi for lo, hi in _ZERO_RANGES) else 0)
        self[char] = extra
        return extra


class _Cells(dict[str, int]):
    """Character → the cells it takes (0, 1 or 2): what :func:`_fit` adds up, in C, to find where to cut."""

    def __missing__(self, char: str) -> int:
        cells = self[char] = 1 + _extra_of(char)
        return cells


_EXTRA = _ExtraCells()
_extra_of = _EXTRA.__getitem__
_cells_of = _Cells().__getitem__


def cell_width(char: str) -> int:
    """Terminal cells taken by one character."""
    return 1 + _extra_of(char)


_SHORT_WIDTHS: dict[str, int] = {}


def cell_len(text: str) -> int:
    """Terminal cells taken by ``text`` (CJK characters take two)."""
    if text.isascii():
        return len(text)
    if len(text) <= 24:  # unit names, deadlines, statuses repeat: remember them
        width = _SHORT_WIDTHS.get(text)
        if width is None:
            if len(_SHORT_WIDTHS) > 50_000:
                _SHORT_WIDTHS.clear()
            width = _SHORT_WIDTHS[text] = len(text) + sum(map(_extra_of, text))
        return width
    return len(text) + sum(map(_extra_of, text))


def _fit(text: str, width: int, ellipsis: str) -> tuple[str, int]:
    """The longest start of ``text`` within ``width`` cells (``ellipsis`` added when cut), and its width.

    The running widths are added up in C (``accumulate``) and the cut found by bisection: no Python
    code runs per character."""
    room = width - cell_len(ellipsis)
    if room < 0:
        return "", 0
    head = text[:width + 1]  # all a cut can keep (no character takes less than a cell, but a zero-width one)
    running = list(accumulate(map(_cells_of, head)))
    if len(head) < len(text) and running[-1] <= width:  # zero-width characters in the head: all of it
        head, running = text, list(accumulate(map(_cells_of, text)))
    if not running or running[-1] <= width:
        return text, running[-1] if running else 0
    keep = bisect_right(running, room)  # characters whose running width stays within the room
    return text[:keep] + ellipsis, (running[keep - 1] if keep else 0) + width - room


def truncate(text: str, width: int, ellipsis: str = "…") -> str:
    """Cut ``text`` to at most ``width`` cells, marking the cut with ``ellipsis``."""
    if width <= 0:
        return ""
    if text.isascii():
        return text if len(text) <= width else text[: max(0, width - len(ellipsis))] + ellipsis
    return _fit(text, width, ellipsis)[0]


def pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` cells (cut when longer)."""
    if width <= 0:
        return ""
    if text.isascii():
        if len(text) <= width:
            return text + " " * (width - len(text))
        return text[: width - 1] + "…"
    fitted, used = _fit(text, width, "…")
    return fitted + " " * (width - used)


def pad_column(values: Iterable[str], width: int) -> list[str]:
    """:func:`pad` of each value, each distinct value worked out once (a column of unit names, deadlines
    or statuses holds a few dozen distinct values over thousands of rows)."""
    done: dict[str, str] = {}
    out = []
    for value in values:
        padded = done.get(value)
        if padded is None:
            padded = done[value] = pad(value, width)
        out.append(padded)
    return out


def one_line(text: str) -> str:
    """Collapse white space so a multi-line text fits one table row."""
    return " ".join(text.split())
