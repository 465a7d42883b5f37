"""Importers: a document file → :class:`~govtui.model.ImportedPlan` s.  Pure: no store, no UI.

``read_plans(path)`` is the one entry point.  It checks the file and picks the reader
by the file's kind — Word, Excel, CSV, a web page, or text (UTF-8, then GB18030) — and
then by what the content holds: a task-division table, or a prose plan with
responsibility annotations.  Control characters are removed everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

from govtui.errors import DocumentError
from govtui.importers.common import clean_title, find_title, org_and_year, plan_key
from govtui.importers.prose import parse_prose
from govtui.importers.rows import RowTable, find_header_row, parse_rows, title_of
from govtui.importers.table import parse_table, split_cells, split_rows
from govtui.model import ImportedPlan, Plan, Task
from govtui.text import DecodeError, decode_document, fold, strip_controls

__all__ = ["MAX_BYTES", "DocumentError", "parse_text", "read_plan", "read_plans"]

#: Largest document accepted.  Real plans are tens of kilobytes; this leaves room for
#: exported spreadsheets while keeping memory bounded.
MAX_BYTES = 20 * 1024 * 1024

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF file (save it as text or Word first)",
    b"PK\x03\x04": "a zip archive, not a Word (.docx) or Excel (.xlsx) file",
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
    """Decoded, cleaned text of a text document; binary files are refused by name."""
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


def _finish(plan: Plan, tasks: list[Task], title: str, source: str, organization: str | None,
            found: tuple[str, int | None], year: int | None) -> ImportedPlan:
    if not tasks:
        raise DocumentError(f"{source}: no plan found (no numbered tasks in a table, and no "
                            "paragraphs under 一、/(一) headings)")
    warnings: list[str] = []
    plan.title = title or Path(source).stem
    plan.organization = organization or found[0]
    plan.year = year or found[1]
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


def _org_above(lines: list[str], title_at: int) -> str:
    """The organisation printed on the line above a title that does not name it."""
    above = next((line.strip() for line in reversed(lines[:title_at]) if line.strip()), "")
    from govtui.units import UNIT_SUFFIXES

    return above if 2 <= len(above) <= 24 and fold(above).endswith(UNIT_SUFFIXES) else ""


def parse_text(text: str, source: str, *, organization: str | None = None,
               year: int | None = None) -> ImportedPlan:
    """Parse the decoded text of a plan document (a table dump or prose); control characters are removed."""
    lines = strip_controls(text).replace("｜", "|").split("\n")
    if not any(line.strip() for line in lines):
        raise DocumentError(f"{source}: the file holds no text")
    title_at = find_title(lines)
    title = clean_title(lines[title_at]) if title_at is not None else ""
    found = org_and_year(title) if title else ("", None)
    if title_at and not found[0]:
        found = (_org_above(lines, title_at), found[1])
    plan_year = year or found[1]
    table_start = (title_at + 1) if title_at is not None else 0
    rows = split_rows(lines[table_start:])
    if rows is not None:
        row_plan = parse_row_table(RowTable(rows, above=lines[: table_start]), source,
                                   organization=organization or found[0] or None,
                                   year=year, inherit=True, fallback_title=lines[title_at] if title_at is not None
                                   else "")
        if row_plan is not None:
            return row_plan
    table = parse_table(split_cells(lines[table_start:]), plan_year)
    if table is not None and table[1]:
        plan = Plan(id="", title="", kind="table", sections=table[0])
        tasks = table[1]
    else:
        plan, tasks, _ = parse_prose(lines, plan_year)
    return _finish(plan, tasks, title, source, organization, found, year)


def parse_row_table(table: RowTable, source: str, *, organization: str | None = None, year: int | None = None,
                    inherit: bool = False, fallback_title: str = "") -> ImportedPlan | None:
    """A plan from a table of rows (spreadsheet sheet, CSV, Word or web table); ``None`` if it is none."""
    raw_title = title_of(table) or fallback_title
    title = clean_title(raw_title) if raw_title else ""
    found = org_and_year(title) if title else ("", None)
    parsed = parse_rows(table, year or found[1], inherit=inherit)
    if parsed is None or not parsed[1]:
        return None
    plan = Plan(id="", title="", kind="table", sections=parsed[0])
    if table.name and not title:
        title = table.name
    return _finish(plan, parsed[1], title, source, organization, found, year)


def _distinct(plans: list[ImportedPlan]) -> list[ImportedPlan]:
    """Plans from one file that share a title (two sheets, two tables) are kept apart, not merged."""
    seen: dict[str, int] = {}
    for imported in plans:
        count = seen.get(imported.plan.key, 0) + 1
        seen[imported.plan.key] = count
        if count > 1:
            imported.plan.key = f"{imported.plan.key}#{count}"
    return plans


def _join_continued(tables: list[RowTable]) -> list[RowTable]:
    """A table split over pages comes as several tables, each repeating the header: join them."""
    joined: list[RowTable] = []
    for table in tables:
        header_at = find_header_row(table.rows)
        previous = joined[-1] if joined else None
        if previous is not None and header_at is not None:
            previous_header = find_header_row(previous.rows)
            if previous_header is not None and previous.rows[previous_header] == table.rows[header_at]:
                previous.rows.extend(table.rows[header_at + 1:])
                continue
        joined.append(table)
    return joined


def _from_lines_and_tables(lines: list[str], tables: list[RowTable], source: str, organization: str | None,
                           year: int | None, *, inherit: bool) -> list[ImportedPlan]:
    tables = _join_continued(tables)
    title_at = find_title(lines)
    page_title = lines[title_at] if title_at is not None else ""
    plans = [p for t in tables if (p := parse_row_table(t, source, organization=organization, year=year,
                                                         inherit=inherit, fallback_title=page_title))]
    if plans:
        return _distinct(plans)
    return [parse_text("\n".join(lines), source, organization=organization, year=year)]


def read_plans(path: str | os.PathLike[str], *, organization: str | None = None,
               year: int | None = None) -> list[ImportedPlan]:
    """Read every plan in a document: text, .docx, .xlsx, .csv or .html.

    Raises :class:`DocumentError` with a readable message when there is none.
    """
    file = Path(path)
    data = read_bytes(file)
    name = str(file)
    suffix = file.suffix.lower()
    is_zip = data.startswith(b"PK\x03\x04")
    if suffix in (".docx", ".docm") or (is_zip and b"word/" in data[:4096]):
        from govtui.importers.docx import read_docx

        lines, tables = read_docx(data, name)
        return _from_lines_and_tables([strip_controls(x) for x in lines], _clean_tables(tables), name,
                                      organization, year, inherit=False)
    if suffix in (".xlsx", ".xlsm") or (is_zip and b"xl/" in data[:4096]):
        from govtui.importers.xlsx import read_xlsx

        plans = [p for t in read_xlsx(data, name) if (p := parse_row_table(
            _clean_table(t), name, organization=organization, year=year))]
        if not plans:
            raise DocumentError(f"{name}: no sheet holds a task table (a header row such as "
                                "序号 | 具体要求 | 责任单位 | 完成时限)")
        return _distinct(plans)
    text = document_text(data, name)
    if suffix == ".csv":
        from govtui.importers.csvfile import read_csv

        plan = parse_row_table(_clean_table(read_csv(text)), name, organization=organization, year=year,
                               inherit=True)
        if plan is None:
            raise DocumentError(f"{name}: no task table found (a header row such as 序号,具体要求,责任单位,完成时限)")
        return [plan]
    from govtui.importers.htmlpage import looks_like_html

    if suffix in (".html", ".htm") or looks_like_html(text):
        from govtui.importers.htmlpage import read_html

        lines, tables = read_html(text)
        return _from_lines_and_tables(lines, _clean_tables(tables), name, organization, year, inherit=True)
    return [parse_text(text, name, organization=organization, year=year)]


def _clean_table(table: RowTable) -> RowTable:
    table.rows = [[strip_controls(c) for c in row] for row in table.rows]
    return table


def _clean_tables(tables: list[RowTable]) -> list[RowTable]:
    return [_clean_table(t) for t in tables]


def read_plan(path: str | os.PathLike[str], *, organization: str | None = None,
              year: int | None = None) -> ImportedPlan:
    """Read the (first) plan in a document."""
    return read_plans(path, organization=organization, year=year)[0]
