"""Excel workbooks (.xlsx) via openpyxl: one row table per sheet, merged cells filled in."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from govtui.errors import DocumentError
from govtui.importers.rows import RowTable


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(data: bytes, name: str) -> list[RowTable]:
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise DocumentError(f"{name}: reading Excel files needs openpyxl") from exc
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise DocumentError(f"{name}: not a readable Excel (.xlsx) file ({type(exc).__name__})") from exc
    tables = []
    for sheet in workbook.worksheets:
        rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            value = _text(sheet.cell(merged.min_row, merged.min_col).value)
            for r in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if c - 1 < len(rows[r - 1]):
                        rows[r - 1][c - 1] = value
        rows = [r for r in rows if any(c.strip() for c in r)]
        if rows:
            tables.append(RowTable(rows, name=sheet.title))
    return tables
