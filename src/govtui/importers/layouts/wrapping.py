"""Lines of prose joined back where a line break fell mid-sentence: a hard-wrapped page (a PDF, a fixed-width copy),
an inline heading's text broken off before its line's end, and a paragraph a page broke in the middle of a word."""

from __future__ import annotations

import re

from govtui.domain import vocabulary as V
from govtui.domain.text import HAN, ROUND_BRACKETS, cell_len, normalize
from govtui.importers.annotations import UNITS_LINE, find_annotations
from govtui.importers.blocks import RUN_TOGETHER
from govtui.importers.headings import is_footer, leading_number, match_heading

#: How a line ends that ends its sentence or clause.
_TERMINAL = re.compile(r"[。;:!?)”」』]\s*$")


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text (a PDF, a fixed-width copy) breaks its lines at, if it does: told by its body's
    lines (headings of the same length, ``一、切实加强…领导`` ``二、注重落实…实效``, are no wrapping)."""
    widths = [cell_len(line) for line in lines if cell_len(line) >= 30 and match_heading(line) is None]
    if len(widths) < 3:
        return None
    common = max(set(widths), key=lambda w: sum(1 for x in widths if w - 3 <= x <= w))
    near = sum(1 for x in widths if common - 3 <= x <= common)
    return common if near >= max(3, len(lines) // 4) else None


def _exact_width(lines: list[str]) -> int | None:
    """The number of characters a copy broke every full line at, when most of its long lines have exactly that many
    (a fixed-width copy): a line of exactly that length that ends a sentence was broken there too, most likely —
    a paragraph ends exactly at the width far less often than a line of one ends on a stop."""
    lengths = [len(line) for line in lines if len(line) >= 20 and match_heading(line) is None]
    if len(lengths) < 3:
        return None
    common = max(set(lengths), key=lengths.count)
    return common if lengths.count(common) >= max(3, len(lengths) // 3) else None


def unwrapped(lines: list[str]) -> list[str]:
    """Lines of a hard-wrapped body joined back into paragraphs: a full-width line that stops mid-sentence
    continues on the next line, unless that one starts a heading, a numbered item, a keyed line or the footer."""
    first = next((i for i, line in enumerate(lines) if match_heading(line)), len(lines))
    width = _wrap_width(lines[first:])
    if width is None:
        return lines
    exact = _exact_width(lines[first:])
    out = lines[:first]
    for at in range(first, len(lines)):
        line, previous = lines[at], out[-1] if len(out) > first else None
        above = lines[at - 1]  # the line as printed: ``previous`` may hold the lines above it joined already
        full = previous is not None and (len(above) == exact or (not _TERMINAL.search(normalize(above))
                                                                 and cell_len(above) >= width - 3))
        if previous is not None and full \
                and not any(end == len(previous) for _, end, _ in find_annotations(previous)) \
                and match_heading(line) is None and leading_number(line) is None and not is_footer(line) \
                and not UNITS_LINE.match(normalize(line)):  # ``牵头单位:…`` starts a line of its own
            out[-1] = previous + line
        else:
            out.append(line)
    return out


def continued_headings(lines: list[str]) -> list[str]:
    """``(一)确定主管部门。根据`` over ``《条例》规定,…``: the text after an inline heading's title that stops
    mid-sentence goes on in the next line, unless that one starts a heading, a numbered item or a keyed line."""
    out: list[str] = []
    for line in lines:
        heading = match_heading(out[-1]) if out else None
        if heading is not None and heading.rest and not _TERMINAL.search(normalize(heading.rest)) \
                and not find_annotations(out[-1]) and match_heading(line) is None and leading_number(line) is None \
                and not UNITS_LINE.match(normalize(line)) and not is_footer(line):
            out[-1] += line
        else:
            out.append(line)
    return out


#: An opening quote or bracket, which no paragraph's continuation needs a line of its own to start with.
_OPENING = "《“‘「『"
#: Marks that close or divide what stands before them: a line never starts with one (typesetting keeps them at a
#: line's end), so a line that does (``,主动公开本区…`` ``。各部门要…``) was broken just before it.  Not ``?``, which
#: copies print for characters they lost, nor ``)``, left of a number whose ``(N`` was lost (``)公开发布…``).
_CONTINUING = ",;:、。》”’」』"


def _open_brackets(norm: str) -> int:
    """How many brackets a line leaves open at its end."""
    depth = 0
    for char in norm.translate(ROUND_BRACKETS):
        depth = depth + 1 if char == "(" else max(0, depth - 1) if char == ")" else depth
    return depth


def _closes_a_bracket(norm: str) -> bool:
    """A line that closes a bracket it never opened (the rest of the line above's)."""
    depth = 0
    for char in norm.translate(ROUND_BRACKETS):
        depth += (char == "(") - (char == ")")
        if depth < 0:
            return True
    return False


#: A line opening with the 、 of a number the copy lost (``、由镇人大负责…``).
LOST_NUMBER = re.compile(r"^\s*、(?=\S)")


def lost_numbers(lines: list[str]) -> set[int]:
    """The lines that open with the 、 of a number the copy lost, when several do, each after a finished sentence
    but the first: items, numbered in order, not the line above going on."""
    lost = [i for i, line in enumerate(lines) if LOST_NUMBER.match(line)]
    after_stop = sum(1 for i in lost if i and re.search(r"[。;!?]\s*$", normalize(lines[i - 1])))
    return set(lost) if len(lost) >= 2 and after_stop >= len(lost) - 1 else set()


def broken_paragraphs(lines: list[str]) -> list[str]:
    """``…;公开行`` over ``政许可的办事依据…``: a paragraph of sentences (its clauses divided by punctuation) that
    stops on a character, not a stop or a comma, was broken in the middle of a word: the next line goes on with
    it; a line that starts with a comma, a stop or a closing quote goes on with the line above, and one that ends
    on a comma or a 、 goes on in the next. ``…,按照`` over
    ``“上下同步…”的原则`` and ``六、切实做好`` over ``《条例》施行前…``: a line that stops on a
    character was broken before an opening quote or bracket, and one that ends with an opening quote or bracket
    (``…认真执行《``) was broken after it. Never before a heading, a numbered item, a keyed line or the footer, nor
    after a title (``…工作要点``)."""
    out: list[str] = []
    items = lost_numbers(lines)
    for at, line in enumerate(lines):
        if at in items:
            out.append(line)
            continue
        previous = normalize(out[-1]) if out else ""
        norm = normalize(line)
        mid_word = ((len(previous) >= 30 and re.search(r"[,;。、]", previous) is not None)
                    or (len(previous) >= 12 and re.search(r"[。;]", previous) is not None)) \
            and re.match(rf"[{HAN}]", norm) is not None
        before_quote = len(previous) >= 4 and norm[:1] in _OPENING and not previous.endswith(V.TITLE_ENDINGS)
        if previous and previous[-1] in _OPENING and not is_footer(line):  # ``…认真执行《`` / ``政府信息公开条例》…``
            out[-1] += line
        elif previous and norm[:1] in _CONTINUING:  # ``…综合信息平台`` / ``,主动公开本区…``
            out[-1] += line
        elif previous.endswith((",", "、")) and match_heading(line) is None and leading_number(line) is None \
                and not is_footer(line) and not UNITS_LINE.match(norm):  # ``…就业政策,`` / ``通过组织召开…``
            out[-1] += line
        elif _open_brackets(previous) > 0 and _closes_a_bracket(norm) and match_heading(line) is None \
                and leading_number(line) is None:  # ``…(办公室牵头,政策法`` / ``规处、组织人事处负责落实)``
            out[-1] += line
        elif (mid_word or before_quote) and re.search(rf"[{HAN}]$", previous) and not find_annotations(out[-1]) \
                and match_heading(line) is None and leading_number(line) is None and not is_footer(line) \
                and not UNITS_LINE.match(norm) and not UNITS_LINE.match(previous):
            out[-1] += line
        else:
            out.append(line)
    return out


#: A heading run in after a sentence's (or an annotation's) end and a space, in a line as long as a page:
#: ``…制定本实施方案。 一、深化…``, ``…(执法处) 二、加强…``.
_RUN_IN_HEADING = re.compile(rf"(?<=[。;:)；：）])\s+(?=[{V.CN_NUMERALS}]{{1,3}}、|[(（][{V.CN_NUMERALS}]{{1,3}}[)）])")


def heading_apart(piece: str) -> list[str]:
    """``二、夯实公开基础 持续规范…`` → the heading, then its text: a short heading ends at a space."""
    if match_heading(piece) is None:
        return [piece]
    space = re.search(r"\s", piece[:42])
    if space is None or "。" in normalize(piece[: space.start()]):
        return [piece]
    return [piece[: space.start()], piece[space.end():].strip()]


def headings_apart(lines: list[str]) -> list[str]:
    """A line run together from a page's lines (longer than :data:`RUN_TOGETHER`) cut where a heading starts after a
    sentence's end and a space (the page's own line breaks, printed as spaces), and a short heading from its text."""
    return [part for line in lines
            for piece in (_RUN_IN_HEADING.split(line) if len(line) > RUN_TOGETHER else [line])
            for part in (heading_apart(piece) if len(line) > RUN_TOGETHER else [piece])]
