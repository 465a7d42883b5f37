"""Web pages (.html) saved from a government site → blocks, without scripts, navigation and footers.

Block elements become lines; tables become rows with ``rowspan`` and ``colspan`` kept: a cell
spanning rows is repeated, marked ``merged``, in the rows below it.
"""

from __future__ import annotations

from html.parser import HTMLParser

from govtui.importers.blocks import Block, Cell, Document, Line, Row

_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "table",
          "ul", "ol", "dd", "dt", "blockquote", "title"}
_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "select", "button", "iframe", "svg", "head"}


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    value = next((v for k, v in attrs if k == name), None)
    return max(1, min(int(value), 50)) if value and value.strip().isdigit() else 1


class _Nesting(HTMLParser):
    """Which tables (in document order) hold another table: page-layout tables, not task tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.holds: list[bool] = []
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            if self._open:
                self.holds[self._open[-1]] = True
            self._open.append(len(self.holds))
            self.holds.append(False)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._open:
            self._open.pop()


class _Page(HTMLParser):
    def __init__(self, layout: list[bool]) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._line: list[str] = []
        self._skip = 0
        self._layout = layout  # per table in document order: True when it only lays out the page
        self._open: list[bool] = []  # the tables open around the current tag: whether each is a task table
        self._seen = 0
        self._tables = 0
        self._row: list[Cell] | None = None
        self._cell: list[str] | None = None
        self._spans = (1, 1)
        self._pending: dict[int, tuple[Cell, int]] = {}  # column → (cell spanning down, rows left)

    def _flush(self) -> None:
        text = " ".join("".join(self._line).split()) if self._line else ""
        if text:
            self.blocks.append(Line(text))
        self._line = []

    def _place(self, cell: Cell, rows: int) -> None:
        assert self._row is not None
        while len(self._row) in self._pending:
            self._carry(len(self._row))
        if rows > 1:
            self._pending[len(self._row)] = (cell, rows - 1)
        self._row.append(cell)

    def _carry(self, column: int) -> None:
        assert self._row is not None
        above, left = self._pending.pop(column)
        self._row.append(Cell(above.text, merged=True, span=above.span))
        if left > 1:
            self._pending[column] = (above, left - 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        if tag == "table":
            layout = self._seen < len(self._layout) and self._layout[self._seen]
            self._seen += 1
            reading = self._cell is None and not layout  # a table inside a task table's cell stays its text
            self._open.append(reading)
            if reading:
                self._flush()
                self._tables += 1
                self._pending = {}
        elif tag == "tr" and self._in_table:
            self._row = []
        elif tag in ("td", "th") and self._in_table and self._row is not None:
            self._cell = []
            self._spans = (_span(attrs, "rowspan"), _span(attrs, "colspan"))
        if (tag in _BLOCK or tag in ("td", "th")) and self._cell is None:
            self._flush()  # a layout table's cells are blocks of the page
        elif tag in ("br", "p", "div") and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            text = "\n".join(" ".join(part.split()) for part in "".join(self._cell).split("\n") if part.strip())
            rows, cols = self._spans
            for offset in range(cols):
                self._place(Cell(text, merged=offset > 0, span=cols), rows)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            while len(self._row) in self._pending:
                self._carry(len(self._row))
            if any(c.text for c in self._row):
                self.blocks.append(Row(self._row, table=self._tables))
            self._row = None
        elif tag == "table" and self._open:
            self._open.pop()
        if (tag in _BLOCK or tag in ("td", "th")) and self._cell is None:
            self._flush()

    @property
    def _in_table(self) -> bool:
        """Directly inside a task table (not a layout table around it, nor a table inside one of its cells)."""
        return bool(self._open) and self._open[-1]

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._row is None:
            self._line.append(data)


def read_html(text: str, name: str) -> Document:
    nesting = _Nesting()
    nesting.feed(text)
    nesting.close()
    page = _Page(nesting.holds)
    page.feed(text)
    page.close()
    page._flush()
    return Document(name, page.blocks, format="html", merges_marked=True, cells_aligned=True)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)
