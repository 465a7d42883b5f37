"""The one small form every reader produces and every layout reads.

A document becomes an ordered list of blocks: :class:`Line` (a heading-like line, a
paragraph, or one cell of a table dumped a cell at a time) and :class:`Row` (a table row
whose cells keep their merge information).  Nothing after the readers knows which file
format a block came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: A line this long is a page run together on one line (its line breaks printed as spaces), as law databases and
#: sharing sites print them: it is read piece by piece, and a notice inside it never makes it a notice.
RUN_TOGETHER = 200


@dataclass(slots=True)
class Cell:
    """One table cell.  ``merged``: the cell continues a cell merged from the row above (its text is
    the merged cell's text, or empty when the reader could not tell)."""

    text: str
    merged: bool = False
    span: int = 1  # columns covered (colspan / gridSpan / merged range)
    #: The column the cell stands in when whoever rebuilt its row knows it (a cell stream's units cell, told by
    #: where it stands), else ``None``: its column is told by the header or by what it holds.
    role: str | None = None


@dataclass(slots=True)
class Line:
    """A line or paragraph of running text; ``cell``: one cell of a table printed a cell at a time;
    ``cut``: a cell whose closing ``|`` never came (the page ended inside it)."""

    text: str
    cell: bool = False
    cut: bool = False


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    table: int = 0  # which table of the document the row belongs to

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def filled(self) -> list[Cell]:
        return [c for c in self.cells if c.text.strip()]


Block = Line | Row


@dataclass(slots=True)
class Document:
    """A file read into blocks.  ``name``: the file name; ``sheet``: the sheet or table name, if any."""

    name: str
    blocks: list[Block] = field(default_factory=list)
    sheet: str = ""
    format: str = "text"  # what it was read from (text, html, docx, xlsx, csv, pdf): for people, not for layouts
    #: What its reader can tell (the layouts read these, never the format): a merged cell is marked as such
    #: (an empty cell is then a merged one only where the reader says so) …
    merges_marked: bool = False
    #: … and each row's cells sit in their columns (a text dump's cells may run short or long).
    cells_aligned: bool = False

    def like(self, blocks: list[Block]) -> Document:
        """Another document of the same file, reader and capabilities, holding ``blocks``."""
        return Document(self.name, blocks, self.sheet, self.format, self.merges_marked, self.cells_aligned)

    @property
    def lines(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Line)]

    @property
    def rows(self) -> list[Row]:
        return [b for b in self.blocks if isinstance(b, Row)]
