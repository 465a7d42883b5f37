"""Task-division tables that arrive as rows of cells: spreadsheets, CSV, Word and web-page tables.

Unlike a text dump, each cell's column is known, so columns are mapped once: by header
name (序号, 具体要求, 责任单位, 牵头单位, 配合单位, 完成时限 …) and by content — a column
most of whose cells read ``一、…`` or ``(一)…`` holds sections whatever its header says,
and a column of bare numbers holds task numbers.  Cells merged over several rows are
filled in by the reader (spreadsheets, Word) or inherited here (CSV, web pages).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govtui.deadlines import parse_deadline
from govtui.importers.common import NUMBER_ONLY, find_title, make_section, match_heading
from govtui.importers.table import header_role
from govtui.model import Deadline, Section, Task
from govtui.text import fold
from govtui.units import parse_units

_LEAD_HEADERS = ("牵头单位", "牵头部门", "牵头科室", "牵头股室", "牵头处室")
_COOPERATE_HEADERS = ("配合单位", "配合部门", "配合科室", "配合股室", "协办单位", "参与单位")


@dataclass(slots=True)
class RowTable:
    """A table as rows of cell texts, with the lines printed above it (its title)."""

    rows: list[list[str]]
    above: list[str] = field(default_factory=list)
    name: str = ""  # sheet name, when there is one


def column_role(header: str) -> str | None:
    key = "".join(fold(header).split())
    if key in _LEAD_HEADERS:
        return "lead"
    if key in _COOPERATE_HEADERS:
        return "cooperate"
    return header_role(header)


def find_header_row(rows: list[list[str]], limit: int = 15) -> int | None:
    for i, row in enumerate(rows[:limit]):
        roles = [column_role(c) for c in row if c.strip()]
        known = [r for r in roles if r]
        if len(known) >= 2 and any(r in ("units", "lead", "cooperate", "deadline", "text") for r in known):
            return i
    return None


def title_of(table: RowTable) -> str | None:
    """The title printed above the table or in its first rows (a merged title row)."""
    candidates = [*table.above]
    header = find_header_row(table.rows)
    for row in table.rows[: header or 0]:
        candidates.extend(c for c in row if c.strip())
    at = find_title(candidates)
    return candidates[at] if at is not None else None


def _roles(rows: list[list[str]], header_at: int) -> list[str | None]:
    header = rows[header_at]
    width = max(len(r) for r in rows)
    roles = [column_role(header[i]) if i < len(header) else None for i in range(width)]
    body = rows[header_at + 1:]
    for i in range(width):
        cells = [fold(r[i]).strip() for r in body if i < len(r) and r[i].strip()]
        if not cells:
            continue
        headings = sum(1 for c in cells if match_heading(c) and len(c) <= 60)
        numbers = sum(1 for c in cells if NUMBER_ONLY.match(c))
        if numbers and numbers * 2 >= len(cells) - headings and roles[i] in (None, "text", "number"):
            roles[i] = "number"  # headings in a number column are still read as headings
        elif headings * 2 >= len(cells) and roles[i] not in ("units", "lead", "cooperate", "deadline", "number"):
            roles[i] = "section"
    return roles


def parse_rows(table: RowTable, year: int | None, *, inherit: bool) -> tuple[list[Section], list[Task]] | None:
    """Read a row table; ``None`` when it has no recognisable header.

    ``inherit``: an empty unit or deadline cell takes the value above it (cells that were merged
    in the original and come out empty, as in CSV saved from a spreadsheet).
    """
    rows = [[(c or "").strip() for c in row] for row in table.rows]
    header_at = find_header_row(rows)
    if header_at is None:
        return None
    roles = _roles(rows, header_at)
    sections: list[Section] = []
    tasks: list[Task] = []
    top: Section | None = None
    sub: Section | None = None
    last_units = last_deadline = ""
    for row in rows[header_at + 1:]:
        cells = row + [""] * (len(roles) - len(row))
        texts: list[str] = []
        number = units = lead = cooperate = deadline = ""
        skip_next = False
        for position, (cell, role) in enumerate(zip(cells, roles, strict=False)):
            if not cell or skip_next:
                skip_next = skip_next and not cell
                continue
            heading = match_heading(cell) if role in ("section", "text", "number", None) and len(fold(cell)) <= 60 \
                else None
            if heading is not None and not heading.title:
                # "（一）" in one cell and its title in the next
                following = next((c for c in cells[position + 1:] if c), "")
                heading = match_heading(f"{cell}{following}") if following else None
                skip_next = heading is not None
            if heading is not None and (role in ("section", "number") or not any(r == "section" for r in roles)):
                if heading.level == 1:
                    if top is None or (top.label, top.title) != (heading.label, heading.title):
                        top, sub = make_section(heading, sections, None), None
                elif sub is None or (sub.label, sub.title) != (heading.label, heading.title):
                    sub = make_section(heading, sections, top)
                continue
            if role == "number":
                number = (NUMBER_ONLY.match(fold(cell)) or [None, cell])[1] or cell
            elif role in ("text", None, "section"):
                texts.append(cell)
            elif role == "units":
                units = f"{units};{cell}" if units else cell
            elif role == "lead":
                lead = cell
            elif role == "cooperate":
                cooperate = cell
            elif role == "deadline":
                deadline = cell
        unit_text = ";".join(p for p in (units, f"牵头单位:{lead}" if lead else "",
                                         f"配合单位:{cooperate}" if cooperate else "") if p)
        if not texts:
            continue
        if inherit:
            unit_text = unit_text or last_units
            deadline = deadline or last_deadline
        last_units, last_deadline = unit_text, deadline
        parsed_units = parse_units(unit_text) if unit_text else []
        order = len(tasks)
        tasks.append(Task(id="", plan_id="", number=number or str(order + 1), order=order,
                          sections=[s.id for s in (top, sub) if s is not None], text="\n".join(texts),
                          units=parsed_units, deadline=parse_deadline(deadline, year) if deadline else Deadline(),
                          flags=[] if parsed_units else ["no-units"]))
    return sections, tasks
