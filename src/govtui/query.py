"""Filtering tasks: by unit (and role), status, overdue, plan, section and full text.

Shared by the quick lookup on the command line and by the app's filters, so the two
always agree on what "my tasks" means.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from govtui.model import Role, Status, Task
from govtui.text import search_key


class TaskFilter:
    """What to show.  Treated as immutable: :meth:`with_` makes a changed copy."""

    __slots__ = ("include_generic", "overdue", "plan", "role", "search", "section", "status", "units")

    def __init__(self, units: frozenset[str] = frozenset(), role: Role | None = None, status: str | None = None,
                 overdue: bool = False, plan: str | None = None, section: str | None = None,
                 search: str | None = None, include_generic: bool = False) -> None:
        self.units = units  # resolved unit names (any of them)
        self.role = role
        self.status = status  # a Status value or "overdue"
        self.overdue = overdue
        self.plan = plan
        self.section = section
        self.search = search
        self.include_generic = include_generic

    def with_(self, **changes: Any) -> TaskFilter:
        return TaskFilter(**{**{name: getattr(self, name) for name in self.__slots__}, **changes})

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


class AmbiguousUnit(ValueError):
    """A typed unit matches several units; ``names`` lists them."""

    def __init__(self, query: str, names: list[str]) -> None:
        super().__init__(f"{query!r} matches several units: {', '.join(names)}")
        self.names = names


def resolve_units(query: str, known: Iterable[str], pinyin: dict[str, dict[str, Any]] | None = None,
                  *, strict: bool = False) -> list[str]:
    """Unit names a user's ``--unit`` text means.

    The exact name; else pinyin (``bgs``, ``bangongshi``) when the text is Latin letters; else
    every name containing the text.  ``strict``: more than one candidate raises :class:`AmbiguousUnit`
    instead of taking them all.
    """
    from govtui.pinyin import is_romanised, pinyin_matches
    from govtui.units import clean_name  # its patterns compile only when a unit is looked up

    wanted = clean_name(query)
    names = sorted(set(known))
    if wanted in names:
        return [wanted]
    found: list[str] = []
    if is_romanised(wanted) and pinyin:
        found = [n for n in pinyin_matches(wanted, pinyin) if n in names]
    if not found:
        key = search_key(wanted)
        found = [n for n in names if key and key in search_key(n)]
    if strict and len(found) > 1:
        raise AmbiguousUnit(query, found)
    return found


def status_filter(text: str) -> str:
    """Accept ``done``, ``已完成``, ``overdue`` or ``逾期``."""
    if text.strip().lower() in ("overdue", "逾期"):
        return "overdue"
    return Status.parse(text).value


class TaskIndex:
    """Posting lists over one list of tasks, so a filter intersects sets instead of testing every task.

    Built once per snapshot (the app rebuilds it only when the store changes); the search
    texts are built on the first search.
    """

    def __init__(self, tasks: list[Task]) -> None:
        self.tasks = tasks
        self.by_unit: dict[str, set[int]] = {}
        self.by_unit_role: dict[tuple[str, Role], set[int]] = {}
        self.generic: dict[Role | None, set[int]] = {None: set()}
        self.by_status: dict[str, set[int]] = {}
        self.by_plan: dict[str, set[int]] = {}
        self.by_section: dict[tuple[str, str], set[int]] = {}
        self._haystacks: list[str] | None = None
        self.position: dict[str, int] = {}
        for i, task in enumerate(tasks):
            self._add(i, task)

    def _postings(self, task: Task) -> list[set[int]]:
        """Every posting list ``task`` belongs in (created when missing)."""
        lists = [self.by_status.setdefault(task.status.value, set()), self.by_plan.setdefault(task.plan_id, set())]
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
        if self._haystacks is not None:
            self._haystacks[i] = task_search_text(task)

    def haystacks(self) -> list[str]:
        if self._haystacks is None:
            self._haystacks = [task_search_text(t) for t in self.tasks]
        return self._haystacks

    def select(self, task_filter: TaskFilter, today: dt.date) -> list[Task]:
        """The tasks passing ``task_filter``, in their original order."""
        if not task_filter.active():
            return self.tasks
        chosen: set[int] | None = None

        def narrow(rows: set[int]) -> None:
            nonlocal chosen
            chosen = set(rows) if chosen is None else chosen & rows

        if task_filter.plan:
            if task_filter.section:
                narrow(self.by_section.get((task_filter.plan, task_filter.section), set()))
            else:
                narrow(self.by_plan.get(task_filter.plan, set()))
        if task_filter.status and task_filter.status != "overdue":
            narrow(self.by_status.get(task_filter.status, set()))
        if task_filter.units or task_filter.role:
            rows: set[int] = set()
            names = task_filter.units or frozenset(self.by_unit)
            for name in names:
                key_rows = self.by_unit.get(name, set()) if task_filter.role is None else \
                    self.by_unit_role.get((name, task_filter.role), set())
                rows |= key_rows
            if task_filter.include_generic:
                rows |= self.generic.get(task_filter.role, set())
            narrow(rows)
        positions = sorted(chosen) if chosen is not None else range(len(self.tasks))
        if task_filter.status == "overdue" or task_filter.overdue:
            positions = [i for i in positions if self.tasks[i].is_overdue(today)]
        if task_filter.search:
            needle = search_key(task_filter.search)
            hay = self.haystacks()
            positions = [i for i in positions if needle in hay[i]]
        return [self.tasks[i] for i in positions]


def raw_prefilter(doc: dict[str, Any], task_filter: TaskFilter) -> bool:
    """Cheap checks on a stored task before building it: plan, stored status, unit names."""
    if task_filter.plan and doc.get("plan_id") != task_filter.plan:
        return False
    if task_filter.status and task_filter.status != "overdue" and doc.get("status", "todo") != task_filter.status:
        return False
    if task_filter.units and not task_filter.include_generic:
        return any(u.get("name") in task_filter.units for u in doc.get("units", ()))
    return True
