"""Excel workbooks (.xlsx) via openpyxl → one document per sheet, merged ranges kept as merged cells."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from govtui.domain.errors import DocumentError
from govtui.domain.limits import check_xlsx
from govtui.importers.blocks import Block, Cell, Document, Row


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(data: bytes, name: str) -> list[Document]:
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise DocumentError(f"{name}: 读取 Excel 文件需要 openpyxl") from exc
    check_xlsx(data, name)  # a zip bomb, a cell at XFD1048576, a million rows: refused before parsing
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise DocumentError(f"{name}: 不是可读取的 Excel (.xlsx) 文件 ({type(exc).__name__})") from exc
    documents = []
    for sheet in workbook.worksheets:
        grid = [[Cell(_text(v)) for v in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            origin = _text(sheet.cell(merged.min_row, merged.min_col).value)
            span = merged.max_col - merged.min_col + 1
            for r in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if c - 1 < len(grid[r - 1]):
                        first = r == merged.min_row and c == merged.min_col
                        grid[r - 1][c - 1] = Cell(origin, merged=not first, span=span)
        blocks: list[Block] = [Row(cells) for cells in grid if any(c.text for c in cells)]
        if blocks:
            documents.append(Document(name, blocks, sheet=sheet.title, format="xlsx",
                                      merges_marked=True, cells_aligned=True))
    return documents
