"""Word documents (.docx) via python-docx: tables become row tables, paragraphs become lines."""

from __future__ import annotations

import io

from govtui.errors import DocumentError
from govtui.importers.rows import RowTable


def read_docx(data: bytes, name: str) -> tuple[list[str], list[RowTable]]:
    """(paragraph lines in order, tables with the paragraphs printed above each)."""
    try:
        from docx import Document
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise DocumentError(f"{name}: reading Word files needs python-docx") from exc
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a broken file
        raise DocumentError(f"{name}: not a readable Word (.docx) file ({type(exc).__name__})") from exc
    lines: list[str] = []
    tables: list[RowTable] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.extend(part for part in block.text.split("\n"))
        elif isinstance(block, Table):
            rows = []
            for row in block.rows:
                cells, previous = [], None
                for cell in row.cells:
                    # A cell merged across columns is returned once per column: keep it once.
                    if previous is not None and cell._tc is previous:
                        continue
                    previous = cell._tc
                    cells.append(cell.text.strip())
                rows.append(cells)
            tables.append(RowTable(rows, above=[line for line in lines if line.strip()][-5:]))
    return lines, tables
