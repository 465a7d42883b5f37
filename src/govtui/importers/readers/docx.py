"""Word documents (.docx) via python-docx → paragraphs as lines, tables as rows.

A cell merged down (``vMerge``) comes back from python-docx as the same cell element in
each row it covers: it is kept once and marked ``merged`` below; a cell merged across
(``gridSpan``) is kept once with its span.
"""

from __future__ import annotations

import io
from typing import Any

from govtui.domain.errors import DocumentError
from govtui.domain.limits import check_docx
from govtui.importers.blocks import Block, Cell, Document, Line, Row
from govtui.importers.readers.numbering import Numbering


def read_docx(data: bytes, name: str) -> Document:
    try:
        from docx import Document as WordDocument
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise DocumentError(f"{name}: 读取 Word 文件需要 python-docx") from exc
    check_docx(data, name)  # a zip bomb or a huge table: refused before parsing
    try:
        word = WordDocument(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a broken file
        raise DocumentError(f"{name}: 不是可读取的 Word (.docx) 文件 ({type(exc).__name__})") from exc
    blocks: list[Block] = []
    tables = 0
    numbering = Numbering(word)
    texts: dict[Any, str] = {}  # cell element → its text, numbered once (a merged cell comes back in each row)

    def cell_text(cell: Any) -> str:
        if cell._tc not in texts:
            texts[cell._tc] = "\n".join(numbering.label(p._p) + p.text for p in cell.paragraphs).strip()
        return texts[cell._tc]

    for item in word.iter_inner_content():
        if isinstance(item, Paragraph):
            text = numbering.label(item._p) + item.text
            blocks.extend(Line(part.strip()) for part in text.split("\n") if part.strip())
        elif isinstance(item, Table):
            tables += 1
            above: list[Any] = []
            for row in item.rows:
                cells: list[Cell] = []
                seen: list[Any] = []
                for column, cell in enumerate(row.cells):
                    if seen and cell._tc is seen[-1]:  # merged across: kept in each column it covers
                        cells[-1].span += 1
                        cells.append(Cell(cells[-1].text, merged=True, span=cells[-1].span))
                        continue
                    seen.append(cell._tc)
                    merged = column < len(above) and above[column] is cell._tc
                    cells.append(Cell(cell_text(cell), merged=merged))
                above = [c._tc for c in row.cells]
                if any(c.text for c in cells):
                    blocks.append(Row(cells, table=tables))
    return Document(name, blocks, format="docx", merges_marked=True, cells_aligned=True)
