"""The app's filter index: posting lists over one list of tasks, so that a filter intersects sets instead of testing
every task (it only narrows: :meth:`govtui.domain.query.TaskFilter.select` still decides each task).

A posting list is kept as a packed array of row numbers (4 bytes a row, against about 40 in a set: at 200,000
tasks some 90 MB), and made a set only when a filter asks for it."""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_right

from govtui.domain.model import Role, Status, Task
from govtui.domain.query import TaskFilter
from govtui.domain.search_match import Needle, kinds


class TaskIndex:
    """Posting lists over one list of tasks (the app's): a filter intersects sets instead of testing
    every task.  Built once per snapshot.  Text search looks in the printed texts (see
    :mod:`govtui.domain.search_match`): no folded copy of them is kept."""

    def __init__(self, tasks: list[Task]) -> None:
        self.tasks = tasks
        self.by_unit_role: dict[tuple[str, Role], array[int]] = {}
        self.by_unit: dict[str, array[int]] = {}
        self.generic: dict[Role | None, array[int]] = {None: _rows()}
        self.by_status: dict[Status, array[int]] = {}
        self.by_plan: dict[str, array[int]] = {}  # a section's rows are its plan's, checked (a plan has dozens)
        self.by_due: list[tuple[int, int]] | None = None  # (due ordinal, row), built on first use
        self.by_deadline: dict[str, array[int]] = {}  # a deadline's text (a few hundred kinds) → its rows
        self.noted: dict[int, int] = {}  # the rows of tasks with notes → the kinds their notes hold (see text_kinds)
        #: Per row, the kinds of characters its text and its id hold that search looks at closely (see search_match).
        self.text_kinds, self.id_kinds = bytearray(), bytearray()
        self.id_chars = set("".join(t.id for t in tasks))  # every character of any id: most needles have others
        for i, task in enumerate(tasks):
            self._add(i, task)

    def __len__(self) -> int:
        return len(self.tasks)

    def _postings(self, task: Task) -> list[array[int]]:
        """Every posting list ``task`` belongs in (created when missing), once each."""
        lists = [self.by_status.setdefault(task.status, _rows()), self.by_plan.setdefault(task.plan_id, _rows())]
        if task.deadline.text:
            lists.append(self.by_deadline.setdefault(task.deadline.text, _rows()))
        for unit in task.units:
            lists.append(self.by_unit.setdefault(unit.name, _rows()))
            lists.append(self.by_unit_role.setdefault((unit.name, unit.role), _rows()))
            if unit.generic:
                lists.append(self.generic[None])
                lists.append(self.generic.setdefault(unit.role, _rows()))
        return list({id(rows): rows for rows in lists}.values())  # a unit named twice: its list once

    def _add(self, i: int, task: Task) -> None:
        for rows in self._postings(task):
            rows.append(i)
        if task.notes:
            self.noted[i] = kinds("\0".join(note.text for note in task.notes))
        if i == len(self.text_kinds):
            self.text_kinds.append(kinds(task.text))
            self.id_kinds.append(kinds(task.id))
        else:
            self.text_kinds[i], self.id_kinds[i] = kinds(task.text), kinds(task.id)

    def replace(self, task: Task) -> None:
        """Put ``task`` in place of the task with its id (a status change, a note): no rebuild.  Its row is found
        among its plan's (no map of every id to its row: at 200,000 tasks that would be 10 MB)."""
        i = next((row for row in self.by_plan.get(task.plan_id, ()) if self.tasks[row].id == task.id), None)
        if i is None:
            return
        for rows in self._postings(self.tasks[i]):
            rows.remove(i)
        self.noted.pop(i, None)
        self.id_chars.update(task.id)
        self.tasks = list(self.tasks)
        self.tasks[i] = task
        self._add(i, task)
        self.by_due = None

    def text_rows(self, needle: str) -> set[int]:
        """The rows whose search text (see :func:`govtui.domain.query.task_search_text`) holds ``needle`` (a search
        key): the texts and ids looked through as printed, the unit names and deadlines once each."""
        found = Needle(needle)
        rows = set(found.rows([t.text for t in self.tasks], self.text_kinds))
        if found.can_be_in(self.id_chars):
            rows.update(found.rows([t.id for t in self.tasks], self.id_kinds))
        for lists in (self.by_unit, self.by_deadline):
            for text, posting in lists.items():
                if found.in_text(text):
                    rows.update(posting)
        noted = list(self.noted)  # the notes of a task joined by a character no needle holds: found within one
        texts = ["\0".join(note.text for note in self.tasks[i].notes) for i in noted]
        rows.update(noted[k] for k in found.rows(texts, [self.noted[i] for i in noted]))
        return rows

    # -- Postings (see govtui.domain.query): sets made from the packed lists when asked ------------
    def plan_rows(self, plan: str) -> set[int]:
        return set(self.by_plan.get(plan, ()))

    def section_rows(self, plan: str, section: str) -> set[int] | None:
        return None  # the plan's rows, each task's sections checked by the filter

    def status_rows(self, status: Status) -> set[int]:
        return set(self.by_status.get(status, ()))

    def unit_rows(self, name: str, role: Role | None) -> set[int]:
        return set(self.by_unit.get(name, ()) if role is None else self.by_unit_role.get((name, role), ()))

    def generic_rows(self, role: Role | None) -> set[int]:
        return set(self.generic.get(role, ()))

    def due_rows(self, last_day: dt.date) -> set[int] | None:
        if self.by_due is None:
            self.by_due = sorted((t.deadline.due.toordinal(), i) for i, t in enumerate(self.tasks) if t.deadline.due)
        end = bisect_right(self.by_due, (last_day.toordinal(), len(self.tasks)))
        return {i for _, i in self.by_due[:end]}

    def select(self, task_filter: TaskFilter, today: dt.date) -> list[Task]:
        """The tasks passing ``task_filter``, in their original order."""
        if not task_filter.active():
            return self.tasks
        text_rows = self.text_rows(task_filter.needle) if task_filter.needle else None
        return task_filter.select(self, today, self.tasks.__getitem__, text_rows)


def _rows() -> array[int]:
    """An empty posting list: row numbers, 4 bytes each."""
    return array("i")
