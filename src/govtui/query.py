"""Filtering tasks: by unit (and role), status, overdue, plan, section and full text.

Shared by the quick lookup on the command line and by the app's filters, so the two
always agree on what "my tasks" means.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from govtui.model import Role, Status, Task
from govtui.text import search_key


@dataclass(frozen=True, slots=True, repr=False)
class TaskFilter:
    units: frozenset[str] = frozenset()  # resolved unit names (any of them)
    role: Role | None = None
    status: str | None = None  # a Status value or "overdue"
    overdue: bool = False
    plan: str | None = None
    section: str | None = None
    search: str | None = None
    include_generic: bool = False

    def with_(self, **changes: object) -> TaskFilter:
        return replace(self, **changes)  # type: ignore[arg-type]

    def active(self) -> bool:
        return bool(self.units or self.role or self.status or self.overdue or self.plan or self.section
                    or self.search)

    def matches(self, task: Task, today: dt.date, haystack: str | None = None) -> bool:
        """Whether ``task`` passes.  ``haystack`` is its precomputed :func:`task_search_text`."""
        if self.plan and task.plan_id != self.plan:
            return False
        if self.section and self.section not in task.sections:
            return False
        if self.status == "overdue" or self.overdue:
            if not task.is_overdue(today):
                return False
        if self.status and self.status != "overdue" and task.status.value != self.status:
            return False
        if self.units or self.role:
            named = any((not self.units or u.name in self.units) and (self.role is None or u.role is self.role)
                        for u in task.units)
            generic = self.include_generic and any(
                u.generic and (self.role is None or u.role is self.role) for u in task.units)
            if not (named or generic):
                return False
        if self.search:
            needle = search_key(self.search)
            if needle not in (haystack if haystack is not None else task_search_text(task)):
                return False
        return True


def task_search_text(task: Task) -> str:
    """The folded text search looks in: id, requirement, units, deadline and notes."""
    parts = [task.id, task.text, task.deadline.text, *(u.name for u in task.units), *(n.text for n in task.notes)]
    return search_key("\n".join(parts))


def filter_tasks(tasks: Iterable[Task], task_filter: TaskFilter, today: dt.date) -> list[Task]:
    return [t for t in tasks if task_filter.matches(t, today)]


def unit_counts(tasks: Iterable[Task]) -> dict[str, Counter[str]]:
    """Each unit name → counts by role (and ``generic`` when it is a group)."""
    counts: dict[str, Counter[str]] = {}
    for task in tasks:
        for unit in task.units:
            counter = counts.setdefault(unit.name, Counter())
            counter[unit.role.value] += 1
            counter["total"] += 1
            if unit.generic:
                counter["generic"] = 1
    return counts


def resolve_units(query: str, known: Iterable[str]) -> list[str]:
    """Unit names a user's ``--unit`` text means: the exact name, else every name containing it."""
    from govtui.units import clean_name  # its patterns compile only when a unit is looked up

    wanted = clean_name(query)
    names = sorted(set(known))
    if wanted in names:
        return [wanted]
    key = search_key(wanted)
    return [n for n in names if key and key in search_key(n)]


def status_filter(text: str) -> str:
    """Accept ``done``, ``已完成``, ``overdue`` or ``逾期``."""
    if text.strip().lower() in ("overdue", "逾期"):
        return "overdue"
    return Status.parse(text).value
