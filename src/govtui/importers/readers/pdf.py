"""PDF files with a text layer, via pdfplumber → lines of text and table rows.

pdfplumber gives a cell merged with the one above as ``None``: it is kept as a merged cell
carrying the text above it.  Text outside the tables is read line by line.
"""

from __future__ import annotations

import io
from typing import Any

from govtui.domain.errors import DocumentError
from govtui.importers.blocks import Block, Cell, Document, Line, Row
from govtui.importers.headings import leading_number, match_heading


def _rows(table: list[list[Any]], number: int) -> list[Block]:
    blocks: list[Block] = []
    above: list[str] = []
    for raw in table:
        cells: list[Cell] = []
        for column, value in enumerate(raw):
            if value is None:
                cells.append(Cell(above[column] if column < len(above) else "", merged=True))
            else:
                cells.append(Cell("\n".join(p.strip() for p in str(value).split("\n") if p.strip())))
        above = [c.text for c in cells]
        if any(c.text for c in cells):
            blocks.append(Row(cells, table=number))
    return blocks


def _joined(text: str) -> str:
    """PDF cells wrap lines where the column ends: join them (Chinese needs no space), except before a
    line that starts with its own numbering (``(一)…`` under ``一、…`` in one merged cell)."""
    out = ""
    for line in text.split("\n"):
        starts = match_heading(line) is not None or leading_number(line) is not None
        out += ("\n" if out and starts else "") + line.strip()
    return out


def read_pdf(data: bytes, name: str) -> Document:
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - pdfplumber is a dependency
        raise DocumentError(f"{name}: 读取 PDF 文件需要 pdfplumber") from exc
    blocks: list[Block] = []
    tables = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                found = page.find_tables()
                boxes = [t.bbox for t in found]

                def outside(obj: dict[str, Any], boxes: list[Any] = boxes) -> bool:
                    return not any(b[0] <= obj["x0"] <= b[2] and b[1] <= obj["top"] <= b[3] for b in boxes)

                text = page.filter(outside).extract_text() or ""
                blocks.extend(Line(line.strip()) for line in text.split("\n") if line.strip())
                for table in found:
                    tables += 1
                    for block in _rows(table.extract(), tables):
                        if isinstance(block, Row):
                            for cell in block.cells:
                                cell.text = _joined(cell.text)
                        blocks.append(block)
    except DocumentError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise DocumentError(f"{name}: 不是可读取的 PDF 文件 ({type(exc).__name__})") from exc
    if not any(isinstance(b, Row) or b.text for b in blocks):
        raise DocumentError(f"{name}: 这个 PDF 没有文字层(可能是扫描件),请先做文字识别(OCR)或另存为 Word")
    return Document(name, blocks, format="pdf", merges_marked=True, cells_aligned=True)
