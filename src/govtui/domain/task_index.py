"""The app's filter index: posting lists over one list of tasks, so that a filter intersects sets instead of testing
every task (it only narrows: :meth:`govtui.domain.query.TaskFilter.select` still decides each task)."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right

from govtui.domain.model import Role, Status, Task
from govtui.domain.query import TaskFilter, task_search_text


class TaskIndex:
    """Posting lists over one list of tasks (the app's): a filter intersects sets instead of testing
    every task.  Built once per snapshot; the search texts are built on the first search."""

    def __init__(self, tasks: list[Task]) -> None:
        self.tasks = tasks
        self.by_unit_role: dict[tuple[str, Role], set[int]] = {}
        self.by_unit: dict[str, set[int]] = {}
        self.generic: dict[Role | None, set[int]] = {None: set()}
        self.by_status: dict[Status, set[int]] = {}
        self.by_plan: dict[str, set[int]] = {}
        self.by_section: dict[tuple[str, str], set[int]] = {}
        self.by_due: list[tuple[int, int]] | None = None  # (due ordinal, row), built on first use
        self._haystacks: list[str] | None = None
        self.position: dict[str, int] = {}
        for i, task in enumerate(tasks):
            self._add(i, task)

    def __len__(self) -> int:
        return len(self.tasks)

    def _postings(self, task: Task) -> list[set[int]]:
        """Every posting list ``task`` belongs in (created when missing)."""
        lists = [self.by_status.setdefault(task.status, set()), self.by_plan.setdefault(task.plan_id, set())]
        for unit in task.units:
            lists.append(self.by_unit.setdefault(unit.name, set()))
            lists.append(self.by_unit_role.setdefault((unit.name, unit.role), set()))
            if unit.generic:
                lists.append(self.generic[None])
                lists.append(self.generic.setdefault(unit.role, set()))
        lists.extend(self.by_section.setdefault((task.plan_id, s), set()) for s in task.sections)
        return lists

    def _add(self, i: int, task: Task) -> None:
        self.position[task.id] = i
        for rows in self._postings(task):
            rows.add(i)

    def replace(self, task: Task) -> None:
        """Put ``task`` in place of the task with its id (a status change, a note): no rebuild."""
        i = self.position.get(task.id)
        if i is None:
            return
        for rows in self._postings(self.tasks[i]):
            rows.discard(i)
        self.tasks = list(self.tasks)
        self.tasks[i] = task
        self._add(i, task)
        self.by_due = None
        if self._haystacks is not None:
            self._haystacks[i] = task_search_text(task)

    def haystacks(self) -> list[str]:
        if self._haystacks is None:
            self._haystacks = [task_search_text(t) for t in self.tasks]
        return self._haystacks

    # -- Postings -------------------------------------------------------------------------
    def plan_rows(self, plan: str) -> set[int]:
        return self.by_plan.get(plan, set())

    def section_rows(self, plan: str, section: str) -> set[int] | None:
        return self.by_section.get((plan, section), set())

    def status_rows(self, status: Status) -> set[int]:
        return self.by_status.get(status, set())

    def unit_rows(self, name: str, role: Role | None) -> set[int]:
        return self.by_unit.get(name, set()) if role is None else self.by_unit_role.get((name, role), set())

    def generic_rows(self, role: Role | None) -> set[int]:
        return self.generic.get(role, set())

    def due_rows(self, last_day: dt.date) -> set[int] | None:
        if self.by_due is None:
            self.by_due = sorted((t.deadline.due.toordinal(), i) for i, t in enumerate(self.tasks) if t.deadline.due)
        end = bisect_right(self.by_due, (last_day.toordinal(), len(self.tasks)))
        return {i for _, i in self.by_due[:end]}

    def select(self, task_filter: TaskFilter, today: dt.date) -> list[Task]:
        """The tasks passing ``task_filter``, in their original order."""
        if not task_filter.active():
            return self.tasks
        haystacks = self.haystacks() if task_filter.text else None
        return task_filter.select(self, today, self.tasks.__getitem__,
                                  haystacks.__getitem__ if haystacks is not None else None)
