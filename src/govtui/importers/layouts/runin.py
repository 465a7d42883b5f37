"""A whole plan run together on one or a few lines, with ``一、`` / ``(一)`` / ``1.`` mid-line.

The text is broken before each mid-line numbering mark that follows the end of a sentence,
and the pieces are read by whichever other layout explains them best.
"""

from __future__ import annotations

import itertools
import re

from govtui.domain.text import normalize
from govtui.domain.vocabulary import CN_NUMERALS
from govtui.importers.blocks import Document, Line
from govtui.importers.draft import PlanDraft
from govtui.importers.headings import match_heading
from govtui.importers.layouts.cells import CellStreamLayout
from govtui.importers.layouts.fit import Fit
from govtui.importers.layouts.prose import ProseLayout

_MARK = re.compile(rf"(?<=[。;:)\s])\s*(?=[{CN_NUMERALS}]+、|\([{CN_NUMERALS}]+\)|\d{{1,2}}\.(?!\d))"
                   rf"|(?<=[\u4e00-\u9fff])(?=\([{CN_NUMERALS}]{{1,3}}\)\S)"  # ``二、工作任务(一)围绕…``: glued
                   r"|(?<=[\u4e00-\u9fff])(?<![第件表图号款条项])(?=1[.、](?!\d)\S)")  # ``…信息公开1.全面公开…``


def _heading_apart(piece: str) -> list[str]:
    """``二、夯实公开基础 持续规范…`` → the heading, then its text: a short heading ends at a space."""
    if match_heading(piece) is None:
        return [piece]
    space = re.search(r"\s", piece[:42])
    if space is None or "。" in normalize(piece[: space.start()]):
        return [piece]
    return [piece[: space.start()], piece[space.end():].strip()]


def _resplit(document: Document) -> Document:
    blocks: list[Line] = []
    for block in document.blocks:
        if isinstance(block, Line) and len(block.text) > 200:
            norm = normalize(block.text)
            cuts = [0, *[m.start() for m in _MARK.finditer(norm)], len(block.text)]
            for a, b in itertools.pairwise(cuts):
                blocks.extend(Line(piece) for piece in _heading_apart(block.text[a:b].strip()) if piece)
        elif isinstance(block, Line):
            blocks.append(block)
    return document.like(list(blocks))


class RunInLayout:
    name = "连排文本"
    inherit_cells = False

    def fit(self, document: Document) -> Fit:
        long = [b for b in document.blocks if isinstance(b, Line) and len(b.text) > 200]
        marks = sum(len(_MARK.findall(normalize(b.text))) for b in long)
        lines = sum(1 for b in document.blocks if isinstance(b, Line))
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
