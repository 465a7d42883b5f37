"""Web pages (.html) saved from a government site: text lines and tables, without the site chrome.

The page is reduced to its text with one line per block element; scripts, styles,
navigation, headers and footers are dropped here, and the prose reader drops what is
left of the chrome (breadcrumbs, date and source lines, QR code, copyright).
"""

from __future__ import annotations

from html.parser import HTMLParser

from govtui.importers.rows import RowTable

_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "table",
          "ul", "ol", "dd", "dt", "blockquote", "title"}
_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "select", "button", "iframe", "svg", "head"}


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.tables: list[RowTable] = []
        self._line: list[str] = []
        self._skip = 0
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._depth = 0  # nested tables: only the outermost is read as a table
        self._colspan = 1

    def _flush(self) -> None:
        text = "".join(self._line).strip()
        if text:
            self.lines.append(" ".join(text.split()) if "\n" in text else text)
        self._line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._flush()
                self._rows = []
        elif tag == "tr" and self._rows is not None and self._depth == 1:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None and self._depth == 1:
            self._cell = []
            span = next((v for k, v in attrs if k == "colspan"), None)
            self._colspan = int(span) if span and span.isdigit() else 1
        if tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag in ("td", "th") and self._cell is not None and self._rows:
            text = " ".join("".join(self._cell).split())
            self._rows[-1].extend([text] * max(1, min(self._colspan, 20)))
            self._cell = None
        elif tag == "table":
            if self._depth == 1 and self._rows is not None:
                self.tables.append(RowTable([r for r in self._rows if r], above=self.lines[-5:]))
                self._rows = None
            self._depth = max(0, self._depth - 1)
        if tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._rows is None:
            self._line.append(data)


def read_html(text: str) -> tuple[list[str], list[RowTable]]:
    parser = _PageText()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.lines, parser.tables


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)
