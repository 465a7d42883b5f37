"""Task-division tables (``…重点工作任务分工``) as text: one cell per line ended by ``|``,
a row per line split by ``|`` or tabs, or cells on lines of their own with no marks.

Cells are read as a stream and placed by what they say, with the header's column
order as a hint: ``一、…`` opens a section, ``(一)…`` a subsection, a bare number a
task; then the requirement, the responsible units and the deadline.  Cells merged
over several rows come out empty in the rows below; an empty section cell keeps the
section, and a task with no unit or deadline cell of its own takes the one above it.
The same rows also reach this module from spreadsheets and Word tables (as cells).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govtui.deadlines import looks_like_deadline, parse_deadline
from govtui.importers.common import NUMBER_LEAD, NUMBER_ONLY, make_section, match_heading
from govtui.model import Deadline, Section, Task
from govtui.text import fold
from govtui.units import looks_like_units, parse_units

HEADER_ROLES: dict[str, str] = {
    **dict.fromkeys(("序号", "编号", "任务编号", "序", "No", "NO"), "number"),
    **dict.fromkeys(("工作任务", "重点任务", "任务", "工作内容", "任务内容", "主要内容", "具体要求", "工作要求",
                     "具体内容", "工作措施", "具体措施", "主要任务", "任务要求", "重点工作", "工作事项",
                     "公开内容", "具体任务", "任务名称", "工作项目", "内容"), "text"),
    **dict.fromkeys(("责任单位", "责任科室", "责任部门", "责任股室", "责任处室", "牵头单位", "牵头部门",
                     "配合单位", "配合部门", "责任主体", "承办单位", "责任分工", "负责单位", "负责科室",
                     "牵头科室", "牵头股室", "配合科室", "配合股室", "协办单位", "责任领导"), "units"),
    **dict.fromkeys(("时限要求", "完成时限", "完成时间", "时间节点", "时限", "完成期限", "进度安排",
                     "时间安排", "完成时间节点"), "deadline"),
    **dict.fromkeys(("一级任务", "二级任务", "类别", "项目", "板块", "领域"), "section"),
    **dict.fromkeys(("备注", "完成情况", "进展情况", "状态", "到期日", "最新进展", "计划", "进展", "完成率"),
                    "ignore"),
}


def _header_key(cell: str) -> str:
    return re.sub(r"[\s()（）:：]", "", fold(cell))


def header_role(cell: str) -> str | None:
    key = _header_key(cell)
    if key in HEADER_ROLES:
        return HEADER_ROLES[key]
    if 2 <= len(key) <= 8:
        if key.endswith(("单位", "科室", "部门", "股室", "处室")):
            return "units"
        if key.startswith(("完成时", "时限")) or key.endswith(("时限", "时间")):
            return "deadline"
    return None


def split_rows(lines: list[str]) -> list[list[str]] | None:
    """Rows of cells when the text holds a table with a row per line (split by ``|``, Markdown, or
    tabs); ``None`` for the other layouts, which are read as a stream of cells."""
    piped = [line.strip() for line in lines if "|" in line]
    tabbed = [line for line in lines if "\t" in line.strip()]
    if len(piped) >= 2:
        closing = sum(1 for line in piped if line.endswith("|") and not line.startswith("|")
                      and line.rstrip("| ").count("|") == 0)
        if closing * 2 >= len(piped):
            return None  # a cell per line
        rows = []
        for line in lines:
            line = line.strip()
            if not line:
                continue
            if line.startswith("|"):
                line = line[1:]
            if line.endswith("|"):
                line = line[:-1]
            cells = [c.strip() for c in line.split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
                continue  # Markdown rule row
            rows.append(cells)
        return rows
    if len(tabbed) >= 2:
        return [[c.strip() for c in line.split("\t")] for line in lines if line.strip()]
    return _spaced_rows(lines)


def _spaced_rows(lines: list[str]) -> list[list[str]] | None:
    """Columns separated by runs of spaces (text copied out of a PDF), when a header row shows it."""
    gap = re.compile(r"[ \u3000]{2,}")
    rows = [gap.split(line.strip()) for line in lines if line.strip()]
    for row in rows[:15]:
        if len(row) >= 3 and sum(1 for c in row if header_role(c) in ("units", "deadline", "text", "number")) >= 2:
            spaced = sum(1 for r in rows if len(r) >= 2)
            return rows if spaced * 2 >= len(rows) else None
    return None


def split_cells(lines: list[str]) -> list[str]:
    """Flatten a text table into its cells, in reading order.

    Three layouts: a cell per line closed by ``|`` (a line without ``|`` continues the
    open cell), a row per line split by ``|`` (Markdown too) or tabs, and bare lines.
    """
    piped = [line.strip() for line in lines if "|" in line]
    tabbed = sum("\t" in line.strip() for line in lines)
    if len(piped) >= 2:
        closing = sum(1 for line in piped if line.endswith("|") and not line.startswith("|")
                      and line.rstrip("| ").count("|") == 0)
        return _piped_cells(lines, cell_per_line=closing * 2 >= len(piped))
    if tabbed >= 2:
        cells: list[str] = []
        for line in lines:
            cells.extend(p.strip() for p in line.split("\t"))
        return cells
    return [line.strip() for line in lines if line.strip()]


def _piped_cells(lines: list[str], *, cell_per_line: bool) -> list[str]:
    cells: list[str] = []
    buffer: list[str] = []

    def close() -> None:
        if buffer:
            cells.append("\n".join(buffer))
            buffer.clear()

    for raw in lines:
        line = raw.strip()
        if "|" not in line:
            if not line:
                continue
            if cell_per_line and not match_heading(line):
                buffer.append(line)  # a cell's text runs on until the next "|"
            else:
                close()
                cells.append(line)
            continue
        if line.startswith("|"):  # Markdown: | a | b |
            close()
            line = line[1:]
        pieces = line.split("|")
        if pieces[0].strip():
            buffer.append(pieces[0].strip())
        if buffer or not cell_per_line or len(pieces) > 1:
            cells.append("\n".join(buffer))
            buffer.clear()
        cells.extend(p.strip() for p in pieces[1:-1])
        if pieces[-1].strip():
            cells.append(pieces[-1].strip())
    close()
    # Markdown rule rows (|---|---|) are not cells.
    return [c for c in cells if not re.fullmatch(r":?-{3,}:?", c)]


@dataclass(slots=True)
class TableLayout:
    """What the header says: the order of the data columns, and which exist."""

    order: list[str] = field(default_factory=list)  # among "text", "units", "deadline"
    header_cells: int = 0

    @property
    def has_units(self) -> bool:
        return not self.order or "units" in self.order

    @property
    def has_deadline(self) -> bool:
        return not self.order or "deadline" in self.order

    def units_first(self) -> bool:
        return "units" in self.order and "text" in self.order and self.order.index("units") < self.order.index("text")


def find_header(cells: list[str], limit: int = 40) -> tuple[int, TableLayout] | None:
    """Locate the header row: a run of cells most of which are known column names."""
    for i, cell in enumerate(cells[:limit]):
        if header_role(cell) is None:
            continue
        roles: list[str] = []
        j = i
        blanks = 0
        while j < len(cells) and (header_role(cells[j]) is not None or (not cells[j] and blanks < 3)):
            role = header_role(cells[j])
            blanks += role is None
            if role:
                roles.append(role)
            j += 1
        if (len(roles) >= 2 and any(r in ("units", "deadline") for r in roles)) or (
            len(roles) >= 3 and "text" in roles
        ):
            order = [r for r in roles if r in ("text", "units", "deadline")]
            return j, TableLayout(order=list(dict.fromkeys(order)), header_cells=j - i)
    return None


class TableBuilder:
    def __init__(self, year: int | None, layout: TableLayout, has_numbers: bool) -> None:
        self.year = year
        self.layout = layout
        self.has_numbers = has_numbers
        self.sections: list[Section] = []
        self.tasks: list[Task] = []
        self.top: Section | None = None
        self.sub: Section | None = None
        self.current: _Row | None = None
        self.previous: _Row | None = None

    # -- sections -------------------------------------------------------------------------
    def _same(self, section: Section | None, label: str, title: str) -> bool:
        return section is not None and section.label == label and fold(section.title) == fold(title)

    def heading(self, cell: str) -> bool:
        heading = match_heading(cell)
        if heading is None or len(fold(heading.title)) > 60:
            return False
        if heading.level == 1:
            if self._same(self.top, heading.label, heading.title):
                return True  # a merged section cell repeated on every row
            self.finish()
            self.top = make_section(heading, self.sections, None)
            self.sub = None
        else:
            if self._same(self.sub, heading.label, heading.title):
                return True
            self.finish()
            self.sub = make_section(heading, self.sections, self.top)
        return True

    # -- tasks ----------------------------------------------------------------------------
    def start(self, number: str) -> None:
        self.finish()
        self.current = _Row(number=number, sections=[s.id for s in (self.top, self.sub) if s is not None])

    def finish(self) -> None:
        row = self.current
        if row is None:
            return
        self.current = None
        if not row.text:
            return
        if self.previous is not None and row.sections == self.previous.sections:
            # Cells merged over several rows are printed once: inherit them.
            if self.layout.has_units and row.units is None:
                row.units, row.inherited = self.previous.units, True
            if self.layout.has_deadline and not row.deadline:
                row.deadline = self.previous.deadline
        self.previous = row
        order = len(self.tasks)
        units = parse_units(row.units) if row.units else []
        deadline = parse_deadline(row.deadline, self.year) if row.deadline else Deadline()
        flags = [] if units else ["no-units"]
        self.tasks.append(Task(id="", plan_id="", number=row.number or str(order + 1), order=order,
                               sections=row.sections, text="\n".join(row.text), units=units,
                               deadline=deadline, flags=flags))

    def content(self, cell: str) -> None:
        row = self.current
        if row is None or (not self.has_numbers and row.complete(self.layout)):
            self.start("")
            row = self.current
        assert row is not None
        if row.text and self.layout.has_deadline and not row.deadline and looks_like_deadline(cell):
            row.deadline = cell
        elif (row.text or self.layout.units_first()) and self.layout.has_units and row.units is None \
                and looks_like_units(cell):
            row.units = cell
        elif row.units is not None and self.layout.has_deadline and not row.deadline and len(fold(cell)) <= 30 \
                and "deadline" in self.layout.order:
            row.deadline = cell  # the deadline column holds something unusual: keep it as text
        else:
            row.text.append(cell)


@dataclass(slots=True)
class _Row:
    number: str
    sections: list[str]
    text: list[str] = field(default_factory=list)
    units: str | None = None
    deadline: str = ""
    inherited: bool = False

    def complete(self, layout: TableLayout) -> bool:
        if not self.text:
            return False
        if layout.has_units and self.units is None:
            return bool(self.deadline)
        return not layout.has_deadline or bool(self.deadline) or self.units is not None


def parse_table(cells: list[str], year: int | None) -> tuple[list[Section], list[Task]] | None:
    """Read the cells of a task-division table; ``None`` when there is no table header."""
    found = find_header(cells)
    if found is None:
        return None
    start, layout = found
    body = cells[start:]
    has_numbers = any(NUMBER_ONLY.match(fold(c)) or NUMBER_LEAD.match(fold(c)) for c in body if c)
    builder = TableBuilder(year, layout, has_numbers)
    for cell in body:
        if not cell:
            continue
        if builder.heading(cell):
            continue
        folded = fold(cell)
        if m := NUMBER_ONLY.match(folded):
            builder.start(m.group(1))
            continue
        if (m := NUMBER_LEAD.match(folded)) and (builder.current is None or builder.current.text):
            builder.start(m.group(1))
            builder.content(cell[m.start(2):])
            continue
        builder.content(cell)
    builder.finish()
    return builder.sections, builder.tasks

