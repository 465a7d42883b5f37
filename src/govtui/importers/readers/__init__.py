"""Readers: one per file format, each turning a file into :class:`~govtui.importers.blocks.Document` s.

:data:`READERS` is their registry — a format, the file suffixes that name it, a sniff of the file's bytes
and the reading function (imported only when a file of that format is read: python-docx, openpyxl and
pdfminer load on use).  :func:`reader_for` picks the first reader whose suffix or sniff fits, in the
registry's order: a file's bytes decide over its name for the binary formats, plain text comes last.

A reader says what its documents can do (``Document.merges_marked``, ``Document.cells_aligned``); the
layouts read those capabilities, never the format's name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govtui.importers.blocks import Document


@dataclass(frozen=True, slots=True)
class Reader:
    format: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]  # the file's bytes say it is this format
    function: str  # "module:function", imported on use
    decoded: bool  # the function reads the decoded text (else the bytes)
    split_tables: bool  # tables with different headers in one file are different plans

    def read(self, data: bytes, name: str) -> list[Document]:
        from govtui.importers.readers.decoding import document_text

        module, function = self.function.split(":")
        read = getattr(import_module(f"govtui.importers.readers.{module}"), function)
        found = read(document_text(data, name) if self.decoded else data, name)
        return found if isinstance(found, list) else [found]


def _zip_holding(folder: bytes) -> Callable[[bytes], bool]:
    return lambda data: data.startswith(b"PK\x03\x04") and folder in data[:4096]


def _html_head(data: bytes) -> bool:
    """Tags near the top (ASCII in every encoding govtui reads but UTF-16, decoded as such)."""
    from govtui.importers.readers.html import looks_like_html

    head = data[:8192]
    text = head.decode("utf-16", "ignore") if head.startswith((b"\xff\xfe", b"\xfe\xff")) \
        else head.decode("utf-8", "ignore")
    return looks_like_html(text)


READERS: tuple[Reader, ...] = (
    Reader("docx", (".docx", ".docm"), _zip_holding(b"word/"), "docx:read_docx", decoded=False, split_tables=True),
    Reader("xlsx", (".xlsx", ".xlsm"), _zip_holding(b"xl/"), "xlsx:read_xlsx", decoded=False, split_tables=False),
    Reader("pdf", (".pdf",), lambda data: data.startswith(b"%PDF"), "pdf:read_pdf", decoded=False, split_tables=True),
    Reader("csv", (".csv",), lambda data: False, "csv:read_csv", decoded=True, split_tables=False),
    Reader("html", (".html", ".htm"), _html_head, "html:read_html", decoded=True, split_tables=True),
    Reader("text", (), lambda data: True, "text:read_text", decoded=True, split_tables=False),
)


def reader_for(suffix: str, data: bytes) -> Reader:
    """The reader of a file with this suffix (lower case, with its dot) and these bytes."""
    return next(r for r in READERS if suffix in r.suffixes or r.sniff(data))
