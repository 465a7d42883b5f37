"""Importers: a document file → an :class:`~govtui.model.ImportedPlan`.  Pure: no store, no UI.

``read_plan(path)`` is the one entry point.  It checks the file, decodes it (UTF-8,
then GB18030), removes control characters, and picks the reader by what the text
holds: a task-division table, or a prose plan with responsibility annotations.
"""

from __future__ import annotations

import os
from pathlib import Path

from govtui.errors import DocumentError
from govtui.importers.common import clean_title, find_title, org_and_year, plan_key
from govtui.importers.prose import parse_prose
from govtui.importers.table import parse_table, split_cells
from govtui.model import ImportedPlan, Plan
from govtui.text import DecodeError, decode_document, strip_controls

__all__ = ["MAX_BYTES", "DocumentError", "parse_text", "read_plan"]

#: Largest document accepted.  Real plans are tens of kilobytes; this leaves room for
#: exported spreadsheets while keeping memory bounded.
MAX_BYTES = 20 * 1024 * 1024

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF file (save it as text or Word first)",
    b"PK\x03\x04": "a zip archive (Word or Excel files are not supported by this reader)",
    b"\xd0\xcf\x11\xe0": "an old Office file (.doc/.xls; save it as .docx, .xlsx or text)",
    b"\x7fELF": "a program",
    b"Rar!": "a RAR archive",
    b"\x1f\x8b": "a gzip archive",
}


def read_bytes(path: Path) -> bytes:
    """Read a document with the checks a person needs explained, not a traceback."""
    if not path.exists():
        raise DocumentError(f"{path}: no such file")
    if path.is_dir():
        raise DocumentError(f"{path}: is a directory, not a document")
    if not path.is_file():
        raise DocumentError(f"{path}: not a regular file")
    if not os.access(path, os.R_OK):
        raise DocumentError(f"{path}: permission denied (cannot read the file)")
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(f"{path}: the file is empty")
    if size > MAX_BYTES:
        raise DocumentError(f"{path}: {size / 1024 / 1024:.0f} MB is too large for a plan document "
                            f"(limit {MAX_BYTES // 1024 // 1024} MB)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror})") from exc


def document_text(data: bytes, name: str) -> str:
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise DocumentError(f"{name}: this is {what}, not a plan document")
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{name}: the file holds NUL bytes: it is binary, not a text document")
    try:
        text = decode_document(data)
    except DecodeError as exc:
        raise DocumentError(f"{name}: {exc}") from exc
    return strip_controls(text)


def parse_text(text: str, source: str, *, organization: str | None = None,
               year: int | None = None) -> ImportedPlan:
    """Parse the decoded text of a plan document."""
    lines = text.split("\n")
    if not any(line.strip() for line in lines):
        raise DocumentError(f"{source}: the file holds no text")
    title_at = find_title(lines)
    title = clean_title(lines[title_at]) if title_at is not None else ""
    found_org, found_year = org_and_year(title) if title else ("", None)
    plan_year = year or found_year
    warnings: list[str] = []

    plan: Plan
    table_start = (title_at + 1) if title_at is not None else 0
    table = parse_table(split_cells(lines[table_start:]), plan_year)
    if table is not None and table[1]:
        sections, tasks = table
        plan = Plan(id="", title="", kind="table", sections=sections)
    else:
        plan, tasks, _ = parse_prose(lines, plan_year)
    if not tasks:
        raise DocumentError(f"{source}: no plan found (no numbered tasks in a table, and no "
                            "paragraphs under 一、/(一) headings)")

    plan.title = title or Path(source).stem
    plan.organization = organization or found_org
    plan.year = plan_year
    plan.source = Path(source).name
    plan.key = plan_key(title, plan.source)
    if not plan.organization:
        warnings.append("the document does not name its organisation (set it with --org NAME)")
    if plan.year is None:
        warnings.append("the document does not name its year: relative deadlines have no due date "
                        "(set it with --year YYYY)")
    unowned = [t.number for t in tasks if "no-units" in t.flags]
    if unowned:
        warnings.append(f"{len(unowned)} task(s) name no responsible unit: {', '.join(unowned[:10])}")
    return ImportedPlan(plan, tasks, warnings)


def read_plan(path: str | os.PathLike[str], *, organization: str | None = None,
              year: int | None = None) -> ImportedPlan:
    """Read one plan document from ``path``; raises :class:`DocumentError` with a readable message."""
    file = Path(path)
    data = read_bytes(file)
    return parse_text(document_text(data, str(file)), str(file), organization=organization, year=year)
