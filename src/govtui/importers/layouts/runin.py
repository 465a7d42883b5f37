"""A whole plan run together on one or a few lines, with ``一、`` / ``(一)`` / ``1.`` mid-line.

The text is broken before each mid-line numbering mark that follows the end of a sentence,
and the pieces are read by whichever other layout explains them best.
"""

from __future__ import annotations

import itertools
import re

from govtui.domain.deadlines import BEFORE_A_DATE
from govtui.domain.text import HAN, normalize
from govtui.domain.units import looks_like_units
from govtui.domain.vocabulary import CN_NUMERALS, HEADERS
from govtui.importers.blocks import RUN_TOGETHER, Document, Line
from govtui.importers.draft import PlanDraft
from govtui.importers.header import header_role
from govtui.importers.layouts.cells import CellStreamLayout
from govtui.importers.layouts.fit import Fit
from govtui.importers.layouts.paragraphs import ParagraphLayout
from govtui.importers.layouts.prose import ProseLayout
from govtui.importers.layouts.wrapping import heading_apart

_MARK = re.compile(rf"(?<=[。;:)\s])\s*(?=[{CN_NUMERALS}]+、|\([{CN_NUMERALS}]+\)|\d{{1,2}}\.(?!\d)|\d{{1,2}}、)"
                   rf"|(?<=[{HAN}])(?=\([{CN_NUMERALS}]{{1,3}}\)\S)"  # ``二、工作任务(一)围绕…``: glued
                   rf"|(?<=[{HAN}])(?<![第件表图号款条项])(?=1[.、](?!\d)\S)")  # ``…信息公开1.全面公开…``


#: A table dumped as run-in text: a row's unit cell glued between its sentence's end and the next row's bare number
#: (``…解读。市发展改革委2按月公开…``) or the next heading (``…。市审计局二、推进…``).
_GLUED_UNITS = re.compile(rf"(?<=[。;])([^。;\d]{{2,60}}?)"
                          rf"(?=\d{{1,2}}(?![\d.、年月日%])[{HAN}]|[{CN_NUMERALS}]+、)")
#: The first row's bare number glued to its heading: ``一、加强预期引导1密切跟踪…``.
_HEADED_NUMBER = re.compile(rf"[{CN_NUMERALS}]+、[^。,;\d]{{2,40}}?(?<=[{HAN}])(\d{{1,2}})(?![\d.、年月日%])"
                            rf"(?=[{HAN}])")
#: The table's header run into its first heading: ``…牵头落实单位一、加强预期引导``.
_HEADER_THEN_HEADING = re.compile(r"(?<=单位|科室|部门|时限|时间|要求)(?=一、)")


#: A row run on into the next through its unit and deadline cells (``…小组。办公室牵头,各科室配合 11 月底前强化考核…``),
#: or through its unit cell before the next group's spaced number (``…不低于 4%。 政工科牵头,办公室配合 1 基础建设…``).
_DEADLINE_CELL = rf"(?:{BEFORE_A_DATE})"
_RUN_ON = re.compile(rf"\s*([^。;\d]{{2,60}}?)\s*(?:({_DEADLINE_CELL})(?=\s*\S)|(?=\s+\d{{1,2}}\s+[{HAN}]))")
#: The table's header run into the text (``…实施方案序号 工作任务 具体要求 责任科室(单位) 完成时限加强…``), and printed
#: again where a page starts: three header words or more in a row.
_HEADER_WORD = re.compile(rf"(?:{'|'.join(sorted((w for ws in HEADERS.values() for w in ws), key=len, reverse=True))})"
                          r"(?:\([^()]{1,8}\))?")
_HEADER_RUN = re.compile(rf"(?:{_HEADER_WORD.pattern}\s*){{3,}}")


def _run_on(norm: str) -> list[re.Match[str]]:
    """Each row's unit cell (and deadline cell) run on between its sentence's end and the next row."""
    found = []
    for end in re.finditer(r"[。;]", norm):
        m = _RUN_ON.match(norm, end.end())
        if m is not None and looks_like_units(m.group(1)):
            found.append(m)
    return found


def _header_runs(norm: str) -> list[re.Match[str]]:
    return [m for m in _HEADER_RUN.finditer(norm)
            if {"text", "units"} <= {header_role(w.group()) for w in _HEADER_WORD.finditer(m.group())}]


def _glued_rows(piece: str, headers: set[str]) -> list[str]:
    """A run-in table's piece cut into its cells where unit cells sit glued between rows; its header cut into its
    cells the first time (``headers``: those seen), dropped where a page prints it again."""
    norm = normalize(piece)
    found = [m for m in _GLUED_UNITS.finditer(norm) if looks_like_units(m.group(1))]
    run_on, runs = _run_on(norm), _header_runs(norm)
    if not found and not run_on:
        return [piece]
    cuts = {0, len(piece)} | {m.start() for m in _HEADER_THEN_HEADING.finditer(norm)}
    cuts |= {at for m in run_on for at in (m.start(1), m.end(1), *((m.start(2), m.end(2)) if m.group(2) else ()))}
    dropped: set[int] = set()
    for m in runs:
        cuts |= {m.start(), m.end()} | {m.start() + w.start() for w in _HEADER_WORD.finditer(m.group())}
        if m.group().strip() in headers:
            dropped |= set(range(m.start(), m.end()))
        headers.add(m.group().strip())
    cuts |= {at for m in _HEADED_NUMBER.finditer(norm) for at in (m.start(1), m.end(1))}
    for m in found:
        cuts |= {m.start(1), m.end(1)}
        if digits := re.match(r"\d{1,2}", norm[m.end(1):]):
            cuts.add(m.end(1) + digits.end())  # the next row's number, a cell of its own
    return [piece[a:b].strip() for a, b in itertools.pairwise(sorted(cuts)) if piece[a:b].strip() and a not in dropped]


def _pages_joined(lines: list[Line]) -> list[Line]:
    """A sharing site's dump prints each page as one line opened by its page number (``1、`` ``2、`` ``3、``): where a
    page breaks in the middle of a word (``…审计工`` / ``2、作报告…``) or of a bracket (``(1`` / ``3、)…``) the marker
    goes and the pages join."""
    pages: dict[int, tuple[int, int]] = {}  # id of the line → (its page number, where its text starts)
    for block in lines:
        mark = re.match(r"^(\d{1,2})、", normalize(block.text.strip()))
        if mark is not None and int(mark.group(1)) == len(pages) + 1:
            pages[id(block)] = (len(pages) + 1, mark.end())
    if len(pages) < 2 or not any(len(b.text) > RUN_TOGETHER for b in lines if id(b) in pages):
        return lines
    out: list[Line] = []
    for block in lines:
        number, start = pages.get(id(block), (0, 0))
        text = block.text.strip()
        if number > 1 and out and re.search(rf"(?:[{HAN}]|\(\s*\d{{1,2}})$", out[-1].text):
            out[-1] = Line(out[-1].text + text[start:])  # the word the page break split, whole again
        else:
            out.append(Line(text[start:]) if number == 1 else block)
    return out


def _resplit(document: Document) -> Document:
    blocks: list[Line] = []
    headers: set[str] = set()
    for block in _pages_joined([b for b in document.blocks if isinstance(b, Line)]):
        if len(block.text) > RUN_TOGETHER:
            norm = normalize(block.text)
            cuts = [0, *[m.start() for m in _MARK.finditer(norm)], len(block.text)]
            for a, b in itertools.pairwise(cuts):
                for piece in heading_apart(block.text[a:b].strip()):
                    blocks.extend(Line(cell) for cell in _glued_rows(piece, headers) if cell)
        else:
            blocks.append(block)
    return document.like(list(blocks))


class RunInLayout:
    name = "连排文本"
    inherit_cells = False

    def fit(self, document: Document) -> Fit:
        long = [b for b in document.blocks if isinstance(b, Line) and len(b.text) > RUN_TOGETHER]
        marks = sum(len(_MARK.findall(normalize(b.text))) + len(_run_on(normalize(b.text))) for b in long) + sum(
            1 for b in long for m in _GLUED_UNITS.finditer(normalize(b.text)) if looks_like_units(m.group(1)))
        # lines of some length (a sharing page's chrome — its size, its date, ``文档介绍`` — is short)
        lines = sum(1 for b in document.blocks if isinstance(b, Line) and len(normalize(b.text).strip()) >= 20)
        if marks < 2 or len(long) * 3 < lines:
            return Fit(0, "")
        inner = max(layout.fit(_resplit(document)).score for layout in (CellStreamLayout(), ProseLayout()))
        return Fit(marks * 2 + inner, f"{len(long)} 行连排文本, 行中 {marks} 处编号")

    def build(self, document: Document, draft: PlanDraft) -> None:
        split = _resplit(document)
        inner: list[CellStreamLayout | ProseLayout] = [CellStreamLayout(), ProseLayout()]
        best = max(inner, key=lambda layout: layout.fit(split).score)
        if best.fit(split).score > 0:
            draft.inherit_cells = best.inherit_cells
            best.build(split, draft)
        else:  # numbered pieces that neither a table nor prose explains: each sentence of them a task, flagged
            ParagraphLayout().build(split, draft)
