"""Indicator tables (考核指标): a header of indicator levels (一级指标 … 五级指标) and 责任科室 over a stream of cells.

Each row runs from the first cell after the last row's units to its own unit cells: the cells of the upper levels
(printed only where their merged cell starts) and their scores (``23``, ``0.75``) stand before the deepest level's
indicator, the task (``是否公开…``).  The upper levels are groups, not tasks; the top one, where a row prints every
level (and again after a page break), is the section; a score, alone in its cell or glued to a text
(``…相关政策(0.25``), is no part of any text.
"""

from __future__ import annotations

import re

from govtui.domain.text import normalize
from govtui.domain.units import looks_like_units
from govtui.domain.vocabulary import CN_NUMERALS, EMPTY_CELLS
from govtui.importers.blocks import Document, Line
from govtui.importers.draft import PlanDraft
from govtui.importers.header import header_role, is_sentence
from govtui.importers.layouts.fit import Fit

_LEVEL = re.compile(rf"^[{CN_NUMERALS}]级指标$")
_SCORE_WORDS = ("分值", "分数", "得分", "权重", "指标分值", "评分标准", "考核方式")
_SCORE = re.compile(r"^\(?\d{1,3}(?:\.\d{1,2})?\s*分?\)?$")
#: A score glued to the end of a text: ``…相关政策(0.25``, ``…信息等0.5``, ``养老服务(2``.
_GLUED_SCORE = re.compile(r"(?<=[^\d.\s])\s*\(?\s*\d{1,3}(?:\.\d{1,2})?\s*分?\s*\)?\s*$")


def _cells(document: Document) -> list[str]:
    return [b.text.strip() for b in document.blocks
            if isinstance(b, Line) and b.text.strip() and normalize(b.text.strip()) not in EMPTY_CELLS]


def _header(cells: list[str]) -> tuple[int, int, int] | None:
    """(start, end, number of levels) of the header: three indicator levels or more, with the unit column."""
    start = next((i for i, cell in enumerate(cells) if _LEVEL.match(normalize(cell))), None)
    if start is None:
        return None
    end, levels = start, 0
    while end < len(cells) and (_heading_cell(cells[end]) or header_role(cells[end])):
        levels += bool(_LEVEL.match(normalize(cells[end])))
        end += 1
    units = any(header_role(cell) in ("units", "lead", "cooperate") for cell in cells[start:end])
    return (start, end, levels) if levels >= 3 and units else None


def _heading_cell(cell: str) -> bool:
    norm = normalize(cell).strip()
    return bool(_LEVEL.match(norm)) or norm in _SCORE_WORDS


def _unscored(cell: str) -> str:
    return _GLUED_SCORE.sub("", cell).strip()


def _rows(cells: list[str]) -> list[tuple[list[str], list[str]]]:
    """(the cells before the units, the unit cells) of each row; the last row may have no units (cut off)."""
    rows: list[tuple[list[str], list[str]]] = []
    texts: list[str] = []
    units: list[str] = []
    for cell in cells:
        norm = normalize(cell).strip()
        if _heading_cell(cell) or header_role(cell) or _SCORE.match(norm):
            continue  # the header printed again after a page break; a score in its own cell
        if texts and len(norm) <= 40 and looks_like_units(cell):
            units.append(cell)
            continue
        if units:
            rows.append((texts, units))
            texts, units = [], []
        texts.append(cell)
    if texts:
        rows.append((texts, units))
    return rows


class IndicatorLayout:
    name = "指标表"
    inherit_cells = True

    def fit(self, document: Document) -> Fit:
        cells = _cells(document)
        header = _header(cells)
        if header is None:
            return Fit(0, "")
        rows = [row for row in _rows(cells[header[1]:]) if row[1]]
        if len(rows) < 2:
            return Fit(0, "")
        return Fit(10 * header[2] + len(rows), f"指标表: {header[2]} 级指标, {len(rows)} 行有责任单位")

    def build(self, document: Document, draft: PlanDraft) -> None:
        cells = _cells(document)
        header = _header(cells)
        if header is None:
            return
        for texts, units in _rows(cells[header[1]:]):
            # the indicator starts at its first sentence (a text broken over cells goes on after it), else it is
            # the last cell before the units; the cells before it are its levels' groups
            start = next((i for i, text in enumerate(texts) if is_sentence(text) or "," in normalize(text)),
                         len(texts) - 1)
            groups = [_unscored(text) for text in texts[:start]]
            if len(groups) == header[2] - 1 and groups[0]:
                draft.heading(1, "", groups[0])  # a row printing every level: the top one is its section
            text = _unscored("".join(texts[start:]))
            if text:
                draft.task("", text, units_text=";".join(units) if units else None)
