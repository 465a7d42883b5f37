"""The one builder every layout feeds: sections, groups, tasks, units, deadlines and warnings.

Layouts only say what they saw, in document order — a heading, a group cell, a task with its
cells, an annotation — and :class:`PlanDraft` alone decides what that makes: which section a
task is in, which units a task with an empty (merged) unit cell inherits, how unnumbered tasks
are numbered, which task was cut off, and which warnings each task carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govtui.domain.deadlines import parse_deadline
from govtui.domain.model import Deadline, Section, Task, Unit
from govtui.domain.text import normalize
from govtui.domain.units import parse_annotation

#: How a complete sentence ends; a last task ending otherwise was cut off.
_SENTENCE_END = re.compile(r"[。.;!?)”》」』\]]\s*$")


@dataclass(slots=True)
class TaskDraft:
    number: str
    text: str
    sections: list[str]
    group: str = ""  # the group cell in force (own or inherited)
    title: str = ""  # the row's own group/title cell
    units_text: str | None = None  # None: no unit cell of its own (empty or merged)
    units: list[Unit] | None = None  # units given directly (annotations)
    deadline_text: str | None = None
    flags: list[str] = field(default_factory=list)
    #: which empty cells may continue a merged cell above ("units_text", "deadline_text"); None: any
    #: (a text dump cannot tell an empty cell from a merged one; Word, Excel, web and PDF tables can)
    inherit: set[str] | None = None
    row_of: TaskDraft | None = None  # the first task of the cell this one shares (``4.… 5.…`` in one cell)


class PlanDraft:
    """Collects what a layout reads and turns it into sections and tasks (see :meth:`finish`)."""

    def __init__(self, *, inherit_cells: bool) -> None:
        self.inherit_cells = inherit_cells  # tables: empty unit/deadline cells continue merged cells
        #: a table under a header of its own (工作任务 | 责任单位 …): its rows are tasks even where none names a
        #: unit or a deadline (the page ended before those cells)
        self.headed = False
        self.sections: list[Section] = []
        self.tasks: list[TaskDraft] = []
        self.description: list[str] = []
        self._top: Section | None = None
        self._sub: Section | None = None
        self._group = ""
        self._own_group = False
        self._cut = False  # the page ended inside the last task's row

    # -- what layouts report ---------------------------------------------------------------------

    @property
    def in_body(self) -> bool:
        return self._top is not None or self._sub is not None

    def heading(self, level: int, label: str, title: str) -> None:
        """A ``一、`` (level 1) or ``(一)`` (level 2) heading; a repeat of the open one (a merged cell) is ignored."""
        title = title.strip().rstrip("。.;").strip()
        current = self._top if level == 1 else self._sub
        if current is not None and (current.label, current.title) == (label, title):
            return
        parent = self._top.id if level == 2 and self._top is not None else None
        section = Section(id=f"s{len(self.sections) + 1}", label=label, title=title, level=level,
                          order=len(self.sections), parent=parent)
        self.sections.append(section)
        if level == 1:
            self._top, self._sub = section, None
        else:
            self._sub = section
        self._group = ""

    def group(self, title: str) -> None:
        """A group cell (an unnumbered label in a 工作任务 column) opening a group of tasks."""
        self._group = title.strip()
        self._own_group = True

    def task(self, number: str, text: str, *, title: str = "", units_text: str | None = None,
             units: list[Unit] | None = None, deadline_text: str | None = None) -> TaskDraft:
        if title:
            self._group, self._own_group = title.strip(), True
        own_title = title.strip() or (self._group if self._own_group else "")
        self._own_group = False
        draft = TaskDraft(number=number.strip(), text=text.strip(), title=own_title,
                          sections=[s.id for s in (self._top, self._sub) if s is not None], group=self._group,
                          units_text=units_text if units_text and units_text.strip() else None, units=units,
                          deadline_text=deadline_text if deadline_text and deadline_text.strip() else None)
        self.tasks.append(draft)
        return draft

    def next_number(self) -> str:
        """The number of a paragraph printed without one: its position, or the one after the last printed number
        when that is higher (an excerpt that starts at ``4.``), so that no number is used twice."""
        printed = next((int(t.number) for t in reversed(self.tasks) if t.number.isdecimal()), 0)
        return str(max(len(self.tasks), printed) + 1)

    def open_text(self) -> bool:
        """Whether the last task's text stops mid-sentence (a row continued on the next page)."""
        return bool(self.tasks) and not _SENTENCE_END.search(normalize(self.tasks[-1].text))

    def complete_last(self, text: str, units_text: str | None, deadline_text: str | None) -> bool:
        """The rest of the last task's row (its text wrapped onto a line of its own, then its cells);
        ``False`` when the last task already has its unit or deadline cells."""
        last = self.tasks[-1] if self.tasks else None
        if last is None or last.units_text is not None or last.deadline_text is not None:
            return False
        last.text = f"{last.text}{text.strip()}"
        last.units_text, last.deadline_text = units_text, deadline_text
        return True

    def units_below(self, units_text: str) -> bool:
        """A unit cell printed alone on the line below the last row, which has none: that row's (every task of
        a cell holding several); ``False`` when the last row has its units or deadline already."""
        last = self.tasks[-1] if self.tasks else None
        if last is None or last.units_text is not None or last.units or last.deadline_text is not None:
            return False
        for task in self.tasks:
            if task is last or (last.row_of is not None and task.row_of is last.row_of):
                task.units_text = units_text
        return True

    def continue_text(self, text: str) -> bool:
        """Text that continues the last task (a row broken over a page); ``False`` when there is none."""
        if not self.tasks:
            return False
        self.tasks[-1].text = f"{self.tasks[-1].text}{text.strip()}"
        return True

    def cut_off(self) -> None:
        """The page ended inside the last task's row (a cell never closed): without cells of its own it
        is cut off, however its text ends, and takes no unit or deadline from the rows above."""
        self._cut = True

    def annotate(self, annotation: str) -> bool:
        """An annotation printed on its own line: it belongs to the last task above that has none."""
        last = self.tasks[-1] if self.tasks else None
        if last is None:
            return False
        units, deadline = parse_annotation(annotation)
        if units:
            last.units = (last.units or []) + units
        if deadline and not last.deadline_text:
            last.deadline_text = deadline
        return bool(units or deadline)

    # -- what it makes ---------------------------------------------------------------------------

    def _groups_as_sections(self) -> bool:
        """Group cells become sections when the document has no headings and some group cell spans
        several tasks (a merged 工作任务 cell); otherwise each is the title of its own task."""
        if any(s.level == 1 for s in self.sections) or not any(t.group for t in self.tasks):
            return False
        return any(t.group and not t.title for t in self.tasks)

    def _apply_groups(self) -> None:
        if self._groups_as_sections():
            by_title: dict[str, str] = {}
            for task in self.tasks:
                if not task.group:
                    continue
                if task.group not in by_title or task.title:
                    section = Section(id=f"s{len(self.sections) + 1}", label="", title=task.group, level=1,
                                      order=len(self.sections))
                    self.sections.append(section)
                    by_title[task.group] = section.id
                task.sections = [by_title[task.group], *task.sections]
            return
        for task in self.tasks:
            if task.title and normalize(task.title) not in normalize(task.text):
                task.text = f"{task.title}\n{task.text}" if task.text else task.title

    def _cut_off_last(self) -> None:
        """The last task, stopping mid-sentence with no unit and no deadline of its own, was cut off."""
        if not self.tasks:
            return
        last = self.tasks[-1]
        if last.units_text is None and not last.units and last.deadline_text is None \
                and (self._cut or not _SENTENCE_END.search(normalize(last.text))):
            last.flags.append("incomplete")
            for task in self.tasks[:-1]:  # tasks printed in the same cut-off cell lost its unit cell too
                if last.row_of is not None and task.row_of is last.row_of:
                    task.flags.append("cut-row")

    def _inherit(self) -> None:
        """Empty unit and deadline cells continue the merged cell above them, within a section; a
        section's first tasks take the cell printed below them (a merged cell printed lower down)."""
        def scope(task: TaskDraft) -> str:
            return task.sections[0] if task.sections else task.group

        for attr in ("units_text", "deadline_text"):
            if not any(getattr(t, attr) is not None for t in self.tasks):
                continue  # the table has no such column
            previous: str | None = None
            previous_scope: str | None = None
            pending: list[TaskDraft] = []
            label = "merged-" + ("units" if attr == "units_text" else "deadline")
            for task in self.tasks:
                if "incomplete" in task.flags or "cut-row" in task.flags or task.units:
                    continue
                if scope(task) != previous_scope:
                    previous, previous_scope, pending = None, scope(task), []
                value = getattr(task, attr)
                if value is not None:  # its own cell: passed on to the empty cells around it
                    for earlier in pending:
                        setattr(earlier, attr, value)
                        earlier.flags.append(label)
                    pending, previous = [], value
                elif task.inherit is not None and attr not in task.inherit:
                    previous, pending = None, []  # a truly empty cell ends the merged one
                elif previous is not None:
                    setattr(task, attr, previous)
                    task.flags.append(label)
                else:
                    pending.append(task)

    def _numbers(self) -> None:
        """A task printed without a number gets one (its position, or the printed one before it ``.1``,
        ``.2`` …), flagged ``number-inferred``: a guess a person checks."""
        numbered = any(t.number for t in self.tasks)
        previous, extra = "", 0
        for position, task in enumerate(self.tasks, 1):
            if task.number:
                previous, extra = task.number, 0
                continue
            if not numbered:
                task.number = str(position)
            else:
                extra += 1
                task.number = f"{previous or '0'}.{extra}"
            task.flags.append("number-inferred")

    def finish(self, year: int | None) -> tuple[list[Section], list[Task], list[str]]:
        """Sections, tasks (ids not yet assigned) and the plan's warnings."""
        self._apply_groups()
        self._cut_off_last()
        if self.inherit_cells:
            self._inherit()
        self._numbers()
        tasks: list[Task] = []
        for order, draft in enumerate(self.tasks):
            units = list(draft.units or [])
            deadline_text = draft.deadline_text or ""
            if draft.units_text:
                cell_units, cell_deadline = parse_annotation(draft.units_text)
                units.extend(cell_units)
                deadline_text = deadline_text or cell_deadline
            units = list({(u.name, u.role): u for u in units}.values())  # a unit named twice (line and annotation)
            flags = [f for f in draft.flags if f != "incomplete"]
            if "incomplete" in draft.flags:
                flags.append("incomplete")
            if not units:
                flags.append("no-units")
            if any("、" in u.name for u in units):  # a list kept as one unit (各市、县(市、区)教育局)
                flags.append("joined-units")
            deadline = parse_deadline(deadline_text, year) if deadline_text else Deadline()
            tasks.append(Task(id="", plan_id="", number=draft.number, order=order, sections=draft.sections,
                              text=draft.text, units=units, deadline=deadline, flags=sorted(set(flags))))
        return self.sections, tasks, _warnings(tasks)


def _warnings(tasks: list[Task]) -> list[str]:
    warnings = []
    unowned = [t.number for t in tasks if "no-units" in t.flags and "incomplete" not in t.flags]
    if unowned:
        warnings.append(f"{len(unowned)} 项任务没有写明责任单位: {', '.join(unowned[:10])}")
    cut = [t.number for t in tasks if "incomplete" in t.flags]
    if cut:
        warnings.append(f"任务 {cut[0]} 似乎不完整(文字中途截断,没有责任单位和时限),已导入并标记")
    return warnings
