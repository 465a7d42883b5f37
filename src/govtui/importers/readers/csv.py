"""CSV files (UTF-8 or GB18030, as Excel on a Chinese desktop saves them) → rows."""

from __future__ import annotations

import csv as csvlib
import io

from govtui.importers.blocks import Block, Cell, Document, Row


def read_csv(text: str, name: str) -> Document:
    sample = text[:8192]
    try:
        dialect: type[csvlib.Dialect] | csvlib.Dialect = csvlib.Sniffer().sniff(sample, delimiters=",\t;，")
    except csvlib.Error:
        dialect = csvlib.excel
    blocks: list[Block] = [Row([Cell(c.strip()) for c in row])
                           for row in csvlib.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]
    return Document(name, blocks, format="csv", cells_aligned=True)
