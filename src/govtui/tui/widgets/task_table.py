"""The task table: renders only the rows on screen, so 50,000 tasks cost what 50 do.

Textual's stock ``DataTable`` measures every cell on each change; this widget is a
``ScrollView`` with ``render_line`` (the Line API), fixed column widths measured in
terminal cells, and a pinned header line.  Document text goes into plain
``Segment``s, so brackets in a task are never read as markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.cells import chop_cells
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from govtui.domain.model import Status, Task
from govtui.domain.text import cell_len, one_line, pad, strip_controls
from govtui.reports.output import deadline_label, fit_status, status_forms, units_label
from govtui.tui.messages import TaskHighlighted

#: Cells below which a column stops being readable: 要求 keeps 6 characters, 时限 a date's month and day.
TEXT_MIN, TEXT_GOOD = 12, 24
UNITS_MIN, DEADLINE_MIN, STATUS_MIN = 8, 5, 6
DEADLINE_WANT = 10  # 2024-06-30, 持续推进
#: Below this many cells the table shows a due date in its plan's own year as ``06-30``.
SHORT_DATES_BELOW = 70
#: At most this many cells for "one whole unit name" before 要求 grows (a longer name is cut).
UNIT_NAME_MAX = 12
MARK = "✓"  # before the id of a marked task


@dataclass(frozen=True, slots=True)
class Columns:
    """Column widths in terminal cells, laid out from the width there is: 状态 is never dropped, no column
    goes below its readable minimum while there is room, and 要求 takes the rest."""

    id: int
    text: int
    units: int
    deadline: int
    status: int

    @classmethod
    def fit(cls, width: int, id_width: int, status_width: int = STATUS_MIN, status_short: int = STATUS_MIN,
            *, status_min: int = STATUS_MIN, unit_name: int = 12, deadline_want: int = DEADLINE_WANT) -> Columns:
        """``status_width``: the longest status shown (``未开始·逾期12天``); ``status_short``: the longest
        without the days (``未开始·逾期``); ``status_min``: the narrowest that still says it (``!未开始``).
        ``unit_name``: the widest first unit of a row (责任单位 shows one whole before 要求 grows);
        ``deadline_want``: the widest 时限 shown."""
        id_w = max(4, id_width)
        free = width - id_w - 4  # four single spaces between five columns
        size = {"status": max(STATUS_MIN, status_min), "deadline": max(DEADLINE_MIN, min(DEADLINE_WANT, deadline_want)),
                "units": UNITS_MIN, "text": TEXT_MIN}
        # Too narrow even for that: 责任单位 gives a little (a three-character name stays whole), then 时限,
        # then 要求 (it keeps 6 characters as long as it can), then 责任单位 again; 状态 stays.
        for column, floor in (("units", 6), ("deadline", DEADLINE_MIN), ("text", 8), ("units", 4), ("text", 4)):
            over = sum(size.values()) - free
            if over <= 0:
                break
            size[column] = max(floor, size[column] - over)
        extra = free - sum(size.values())
        # Room to spare: 责任单位 to one whole unit name (it answers "is it mine?"), 状态 with ·逾期, 要求 up
        # to a good width, 状态 in full, 责任单位 wider (from 90 columns), then 要求 takes the rest.
        wide = width >= 90
        whole_unit = max(UNITS_MIN, min(UNIT_NAME_MAX, unit_name))
        for column, want in (("units", whole_unit), ("status", max(STATUS_MIN, min(status_short, status_width))),
                             ("text", TEXT_GOOD if wide else TEXT_GOOD - 4), ("status", max(STATUS_MIN, status_width)),
                             ("units", 22 if wide else whole_unit)):
            if extra <= 0:
                break
            grow = min(extra, max(0, want - size[column]))
            extra -= grow
            size[column] += grow
        size["text"] += max(0, extra)
        return cls(id_w, size["text"], size["units"], size["deadline"], size["status"])


def table_deadline(task: Task, plan_year: int | None, short: bool) -> str:
    """时限 in the table: the due date, or the deadline as printed; ``short``: a date in the plan's own
    year as ``06-30`` (the year is the plan's, in the tree)."""
    due = task.deadline.due
    if short and due is not None and due.year == plan_year:
        return f"{due.month:02d}-{due.day:02d}"
    return deadline_label(task.deadline)


class TaskTable(ScrollView, can_focus=True):
    """A keyboard-driven table of tasks with one highlighted row."""

    COMPONENT_CLASSES = {
        "task-table--header", "task-table--cursor", "task-table--overdue", "task-table--done",
        "task-table--blocked", "task-table--marked",
    }
    BINDINGS = [
        Binding("down,j", "cursor(1)", "向下 Down", show=False),
        Binding("up,k", "cursor(-1)", "向上 Up", show=False),
        Binding("pagedown,ctrl+f", "page(1)", "下一页 Page down", show=False),
        Binding("pageup,ctrl+b", "page(-1)", "上一页 Page up", show=False),
        Binding("home,g", "jump(0)", "第一行 First", show=False),
        Binding("end,G", "jump(-1)", "最后一行 Last", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tasks: list[Task] = []
        self.cursor = 0
        self.today = dt.date.today()
        self._id_width = 4
        self._status_width = STATUS_MIN
        self._status_short = STATUS_MIN
        self._status_min = STATUS_MIN
        self._unit_name = UNITS_MIN
        self._deadline_want = (DEADLINE_WANT, DEADLINE_WANT)  # (dates in full, short dates)
        #: Plan id → its year (a due date in that year shows as ``06-30`` where the table is narrow).
        self.plan_years: dict[str, int | None] = {}
        #: Shown instead of rows when there are none (how to import a plan; how to clear a filter).
        self.empty_lines: list[str] = []
        self.marked: set[str] = set()  # ids of the marked tasks, drawn with ✓ (the view's marks: set by the screen)
        #: The units of the unit filter: named first in the 责任单位 column.
        self.first_units: frozenset[str] = frozenset()

    # -- data ---------------------------------------------------------------------------
    def set_tasks(self, tasks: list[Task], today: dt.date, keep: str | None = None) -> None:
        """Show ``tasks``; keep the highlight on task id ``keep`` when it is still there."""
        self.tasks = tasks
        self.today = today
        self._id_width = max((len(t.id) for t in tasks[:5000]), default=4)
        sample = tasks[:5000]
        statuses = {t.status_text(today, compact=True) for t in sample}
        self._status_width = max(map(cell_len, statuses), default=STATUS_MIN)
        self._status_short = max((cell_len(fit_status(s, 11)) for s in statuses), default=STATUS_MIN)
        self._status_min = max((cell_len(status_forms(s)[-1]) for s in statuses), default=STATUS_MIN)
        self._unit_name = max((cell_len(self._units_text(t).split("、")[0]) for t in sample), default=UNITS_MIN)
        self._deadline_want = tuple(  # type: ignore[assignment]
            max((cell_len(table_deadline(t, self.plan_years.get(t.plan_id), short)) for t in sample),
                default=DEADLINE_WANT) for short in (False, True))
        index = 0
        if keep is not None:
            index = next((i for i, t in enumerate(tasks) if t.id == keep), min(self.cursor, len(tasks) - 1))
        self.cursor = max(0, index)
        self.virtual_size = Size(0, len(tasks) + 1)
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(TaskHighlighted(self.current))

    def replace_row(self, before: Task, after: Task) -> bool:
        """Show ``after`` in the row of ``before`` (the highlighted one, else found by its id); ``False`` when
        ``before`` is not shown.  The list is the table's own copy: the snapshot it came from stays as it was."""
        row = self.cursor if self.current is not None and self.current.id == before.id else None
        if row is None:
            row = next((i for i, t in enumerate(self.tasks) if t.id == before.id), None)
            if row is None:
                return False
        self.tasks = [*self.tasks]
        self.tasks[row] = after
        self.refresh()
        return True

    @property
    def current(self) -> Task | None:
        return self.tasks[self.cursor] if 0 <= self.cursor < len(self.tasks) else None

    # -- movement -----------------------------------------------------------------------
    def move_to(self, index: int) -> None:
        if not self.tasks:
            return
        index = max(0, min(index, len(self.tasks) - 1))
        if index != self.cursor:
            self.cursor = index
            self._scroll_cursor_into_view()
            self.refresh()
            self.post_message(TaskHighlighted(self.current))

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.size.height - 2))

    def action_jump(self, where: int) -> None:
        self.move_to(0 if where == 0 else len(self.tasks) - 1)

    def _scroll_cursor_into_view(self) -> None:
        rows = max(1, self.size.height - 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_to(int(self.scroll_y) + event.y - 1)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, len(self.tasks) + 1)

    # -- rendering ----------------------------------------------------------------------
    def _row_text(self, cols: Columns, task: Task) -> str:
        first_line = one_line(strip_controls(task.text.split("\n", 1)[0]))
        return " ".join((
            pad((MARK if task.id in self.marked else "") + task.id, cols.id),
            pad(first_line, cols.text),
            pad(strip_controls(self._units_text(task)), cols.units),
            pad(strip_controls(table_deadline(task, self.plan_years.get(task.plan_id), self._short_dates())),
                cols.deadline),
            pad(fit_status(task.status_text(self.today, compact=True), cols.status), cols.status),
        ))

    def _units_text(self, task: Task) -> str:
        """``办公室*、各科室``; with a unit filter, the filtered unit first, so that a narrow column shows
        why the task is listed (``办公室、相关业务…``, not ``相关业务科…``)."""
        if not self.first_units or not any(u.name in self.first_units for u in task.units):
            return units_label(task.units)
        mine = [u for u in task.units if u.name in self.first_units]
        rest = [u for u in task.units if u.name not in self.first_units]
        return "、".join([units_label(mine), *([units_label(rest)] if rest else [])])

    def _empty_rows(self, width: int) -> list[str]:
        """The empty table's message wrapped to the width by display cells: a long line (the samples'
        folder) goes on the next row instead of being cut off."""
        rows: list[str] = []
        for line in self.empty_lines:
            rows.extend(chop_cells(" " + strip_controls(line), max(8, width - 1)) or [""])
        return rows

    def _short_dates(self) -> bool:
        return self.scrollable_content_region.width < SHORT_DATES_BELOW

    def columns(self) -> Columns:
        """The columns for the table's width and the tasks it shows."""
        # the ✓ of a marked task takes a cell only while tasks are marked
        id_width = self._id_width + (len(MARK) if self.marked else 0)
        return Columns.fit(self.scrollable_content_region.width, id_width, self._status_width,
                           self._status_short, status_min=self._status_min, unit_name=self._unit_name,
                           deadline_want=self._deadline_want[self._short_dates()])

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        cols = self.columns()
        base = self.rich_style
        if y == 0:
            header = " ".join((pad("编号", cols.id), pad("要求", cols.text), pad("责任单位", cols.units),
                               pad("时限", cols.deadline), pad("状态", cols.status)))
            header_style = base + self.get_component_rich_style("task-table--header")
            return Strip([Segment(pad(header, width), header_style)]).crop(0, width)
        index = int(self.scroll_y) + y - 1
        message = self._empty_rows(width) if not self.tasks else []
        if 0 <= index - 1 < len(message):  # a blank line, then the message
            return Strip([Segment(pad(message[index - 1], width), base)]).crop(0, width)
        if index >= len(self.tasks):
            return Strip.blank(width, base)
        task = self.tasks[index]
        style: Style = base
        if task.is_overdue(self.today):
            style += self.get_component_rich_style("task-table--overdue")
        elif task.status is Status.DONE:
            style += self.get_component_rich_style("task-table--done")
        elif task.status is Status.BLOCKED:
            style += self.get_component_rich_style("task-table--blocked")
        if task.id in self.marked:
            style += self.get_component_rich_style("task-table--marked")
        if index == self.cursor:
            style += self.get_component_rich_style("task-table--cursor")
        text = self._row_text(cols, task)
        line = text + " " * max(0, width - cell_len(text))
        return Strip([Segment(line, style)]).crop(0, width)
