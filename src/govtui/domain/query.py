"""What a filter means: the one place that decides whether a task matches.

A :class:`TaskFilter` holds every criterion a person can ask for — units (with a role, and
optionally the generic units such as 各科室), statuses, overdue, due soon, 待核对 (an importer's
guess to check), plan and section, and text — and :meth:`TaskFilter.matches` is the only code
that says yes or no.  The command line, the quick-lookup index and the app all go through it.

The indexes (:class:`~govtui.domain.task_index.TaskIndex` for the app, :class:`govtui.store.lookup_index.LookupIndex`
for the quick lookup) only *narrow*: they offer posting lists (:class:`Postings`) from which
:meth:`TaskFilter.candidates` picks rows that *may* match, and :meth:`TaskFilter.select`
still asks :meth:`~TaskFilter.matches` about each one.  An index can therefore make a filter
faster, never different.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence

from govtui.domain.model import DOUBT_FLAGS, Deadline, Role, Status, Task, Unit
from govtui.domain.text import search_key

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:  # what the filter needs of tasks and indexes: for the type checker only
    from typing import Any, Protocol, TypeVar

    class Filterable(Protocol):
        """What :meth:`TaskFilter.matches` reads of a task (a :class:`Task` or a
        :class:`~govtui.domain.model.TaskRow`)."""

        @property
        def plan_id(self) -> str: ...
        @property
        def sections(self) -> Sequence[str]: ...
        @property
        def status(self) -> Status: ...
        @property
        def units(self) -> Sequence[Unit]: ...
        @property
        def deadline(self) -> Deadline: ...
        def is_overdue(self, today: dt.date) -> bool: ...


    T = TypeVar("T", bound=Filterable)


    class Postings(Protocol):
        """Row numbers by criterion, offered by an index.  Each answer may hold more rows than match
        (an index need not know roles, say), never fewer; ``None``: this index cannot narrow by that."""

        def __len__(self) -> int: ...
        def plan_rows(self, plan: str) -> set[int]: ...
        def section_rows(self, plan: str, section: str) -> set[int] | None: ...
        def status_rows(self, status: Status) -> set[int]: ...
        def unit_rows(self, name: str, role: Role | None) -> set[int]: ...
        def generic_rows(self, role: Role | None) -> set[int]: ...
        def due_rows(self, last_day: dt.date) -> set[int] | None: ...


class TaskFilter:
    """What to show.  Immutable: :meth:`with_` makes a changed copy, ``a & b`` adds ``b``'s criteria.

    ``units``: any of these unit names (already resolved, see :func:`resolve_units`); ``role``: only
    where a unit has this role (alone: any unit with this role); ``include_generic``: with ``units``,
    also tasks given to generic units (各科室 …); ``statuses``: any of these stored statuses;
    ``overdue``: past the due date and not done; ``due_within``: not done and due within that many
    days (overdue included); ``doubt``: 待核对, with a flag of :data:`~govtui.domain.model.DOUBT_FLAGS`
    (whole tasks only: see :attr:`needs_whole_tasks`); ``plan`` / ``section``: in this plan (and
    section); ``text``: the folded text (see :func:`task_search_text`) contains it; ``hide_plans``:
    not in these plans (the archived ones, in the default views: see :func:`archived_hidden`).
    Criteria combine with *and*.
    """

    __slots__ = ("_needle", "doubt", "due_within", "hide_plans", "include_generic", "overdue", "plan", "role",
                 "section", "statuses", "text", "units")
    FIELDS = ("units", "role", "include_generic", "statuses", "overdue", "due_within", "doubt", "plan", "section",
              "text", "hide_plans")

    def __init__(self, units: Iterable[str] = (), role: Role | None = None, include_generic: bool = False,
                 statuses: Iterable[Status] = (), overdue: bool = False, due_within: int | None = None,
                 plan: str | None = None, section: str | None = None, text: str | None = None,
                 hide_plans: Iterable[str] = (), doubt: bool = False) -> None:
        self.units = frozenset(units)
        self.hide_plans = frozenset(hide_plans)
        self.role = role
        self.include_generic = include_generic
        self.statuses = frozenset(statuses)
        self.overdue = overdue
        self.due_within = due_within
        self.doubt = doubt
        self.plan = plan or None
        self.section = section or None
        self.text = text or None
        self._needle = search_key(text) if text else ""

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS if getattr(self, name))
        return f"TaskFilter({shown})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TaskFilter):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self.FIELDS)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in self.FIELDS))

    def with_(self, **changes: Any) -> TaskFilter:
        return TaskFilter(**{**{name: getattr(self, name) for name in self.FIELDS}, **changes})

    def __and__(self, other: TaskFilter) -> TaskFilter:
        """Both filters' criteria; where both set the same one (a unit, a plan …), ``other``'s wins."""
        units = other.units or other.role is not None
        return TaskFilter(
            units=other.units if units else self.units, role=other.role if units else self.role,
            include_generic=other.include_generic if units else self.include_generic,
            statuses=other.statuses or self.statuses, overdue=self.overdue or other.overdue,
            due_within=other.due_within if other.due_within is not None else self.due_within,
            doubt=self.doubt or other.doubt,
            plan=other.plan or self.plan, section=other.section if other.plan else self.section,
            text=other.text or self.text, hide_plans=self.hide_plans | other.hide_plans)

    def active(self) -> bool:
        return bool(self.units or self.role is not None or self.statuses or self.overdue or self.doubt
                    or self.due_within is not None or self.plan or self.section or self.text or self.hide_plans)

    @property
    def needs_whole_tasks(self) -> bool:
        """Whether only a whole :class:`Task` can answer (a table row has no notes and no flags)."""
        return bool(self.text or self.doubt)

    # -- the decision ------------------------------------------------------------------
    @property
    def needle(self) -> str:
        """The searched text as search compares it (see :func:`govtui.domain.text.search_key`); empty: no search."""
        return self._needle

    def matches(self, task: Filterable, today: dt.date, haystack: str | None = None, *, found: bool = False) -> bool:
        """Whether ``task`` passes.  ``haystack``: its :func:`task_search_text`, when already known; ``found``: its
        search text is known to hold the searched text."""
        if self.plan and task.plan_id != self.plan:
            return False
        if task.plan_id in self.hide_plans:
            return False
        if self.section and self.section not in task.sections:
            return False
        if self.statuses and task.status not in self.statuses:
            return False
        if self.overdue and not task.is_overdue(today):
            return False
        if self.due_within is not None:
            due = task.deadline.due
            if due is None or task.status is Status.DONE or (due - today).days > self.due_within:
                return False
        if (self.units or self.role is not None) and not self._unit_matches(task.units):
            return False
        if self.doubt:
            if not isinstance(task, Task):
                raise TypeError("待核对需要完整的任务, TaskRow 没有标记 (the doubt filter needs whole tasks)")
            if DOUBT_FLAGS.isdisjoint(task.flags):
                return False
        if self._needle and not found:
            if haystack is None:
                if not isinstance(task, Task):
                    raise TypeError("全文查找需要完整的任务, TaskRow 只有文字开头 (text search needs whole tasks)")
                haystack = task_search_text(task)
            if self._needle not in haystack:
                return False
        return True

    def _unit_matches(self, units: Sequence[Unit]) -> bool:
        role = self.role
        for unit in units:
            if role is not None and unit.role is not role:
                continue
            if not self.units or unit.name in self.units or (self.include_generic and unit.generic):
                return True
        return False

    # -- with an index -----------------------------------------------------------------
    def candidates(self, index: Postings, today: dt.date) -> Sequence[int]:
        """Rows of ``index`` that may match, in order (narrowed by its posting lists)."""
        chosen: set[int] | None = None

        def narrow(rows: set[int] | None) -> None:
            nonlocal chosen
            if rows is not None:
                chosen = set(rows) if chosen is None else chosen & rows

        if self.plan:
            rows = index.section_rows(self.plan, self.section) if self.section else None
            narrow(rows if rows is not None else index.plan_rows(self.plan))
        if self.statuses:
            narrow(set().union(*(index.status_rows(s) for s in self.statuses)))
        if self.units:
            named = set().union(*(index.unit_rows(name, self.role) for name in self.units))
            narrow(named | index.generic_rows(self.role) if self.include_generic else named)
        last_days = ([today - dt.timedelta(days=1)] if self.overdue else []) + \
            ([today + dt.timedelta(days=self.due_within)] if self.due_within is not None else [])
        if last_days:
            narrow(index.due_rows(min(last_days)))
        return sorted(chosen) if chosen is not None else range(len(index))

    def select(self, index: Postings, today: dt.date, task_at: Callable[[int], T],
               text_rows: set[int] | None = None) -> list[T]:
        """The tasks passing this filter, in index order: candidates, each checked by :meth:`matches`.
        ``text_rows``: the rows whose search text holds the searched text, when the index knows them."""
        found: list[T] = []
        rows = self.candidates(index, today)
        searched = bool(self._needle) and text_rows is not None
        if searched and text_rows is not None:
            rows = sorted(text_rows if isinstance(rows, range) else text_rows.intersection(rows))
            if not self.with_(text=None).active():  # a search and nothing else: the rows found are the answer
                return [task_at(row) for row in rows]
        for row in rows:
            task = task_at(row)
            if self.matches(task, today, found=searched):
                found.append(task)
        return found

    def may_match_doc(self, doc: dict[str, Any]) -> bool:
        """Cheap checks on a stored task document before building the task (``False``: surely not)."""
        if self.plan and doc.get("plan_id") != self.plan:
            return False
        if doc.get("plan_id") in self.hide_plans:
            return False
        if self.statuses and doc.get("status", "todo") not in self.statuses:
            return False
        if self.doubt and DOUBT_FLAGS.isdisjoint(doc.get("flags", ())):
            return False
        if self.units and not self.include_generic:
            return any(u.get("name") in self.units for u in doc.get("units", ()))
        return True


def archived_hidden(archived: Iterable[str], task_filter: TaskFilter) -> TaskFilter:
    """``task_filter`` as a default view sees it: archived plans hidden, unless it asks for one of
    them by plan or searches text (an archived plan is still found when asked for)."""
    if task_filter.text or (task_filter.plan and task_filter.plan in set(archived)):
        return task_filter
    return task_filter & TaskFilter(hide_plans=archived)


def task_search_text(task: Task) -> str:
    """The folded text search looks in: id, requirement, units, deadline and notes."""
    parts = [task.id, task.text, task.deadline.text, *(u.name for u in task.units), *(n.text for n in task.notes)]
    return search_key("\0".join(parts))  # apart: a needle is found within one of them, never across two


#: Status words beyond the four stored statuses: not done, overdue, due soon, needs checking.
OPEN_WORDS = ("open", "未完成")
OVERDUE_WORDS = ("overdue", "逾期")
SOON_WORDS = ("soon", "即将到期")
DOUBT_WORDS = ("doubt", "待核对")
_WORD_SPLIT = re.compile(r"[,，、+\s]+")


def status_words(text: str) -> list[str]:
    """``进行中+受阻`` / ``doing,blocked`` → the words, in order."""
    return [w for w in _WORD_SPLIT.split(text.strip()) if w]


def asks_soon(text: str) -> bool:
    """Whether a status text asks for 即将到期 (the caller then works out how many days that is)."""
    return any(w.lower() in SOON_WORDS for w in status_words(text))


def status_filter(text: str, soon_within: int | None = None) -> TaskFilter:
    """The filter status words ask for, several at once (``进行中+受阻``, ``doing,blocked``).

    Stored statuses (``done`` / ``已完成`` …) and ``未完成`` (``open``: not done) are alternatives: any of
    them.  ``逾期`` (``overdue``), ``即将到期`` (``soon``: not done and due within ``soon_within``
    calendar days, overdue included) and ``待核对`` (``doubt``: an importer's guess not yet checked)
    narrow those further; with both 逾期 and 即将到期, 即将到期 (which holds the overdue).
    ``soon`` without ``soon_within`` is refused: the caller knows the user's window.
    """
    words = status_words(text)
    if not words:
        raise ValueError("没有给出状态 (no status given); 可选: 未开始/进行中/已完成/受阻/未完成/逾期/即将到期/待核对, "
                         "或 todo, doing, done, blocked, open, overdue, soon, doubt")
    statuses: set[Status] = set()
    overdue = doubt = False
    due_within: int | None = None
    for word in words:
        key = word.lower()
        if key in OVERDUE_WORDS:
            overdue = True
        elif key in OPEN_WORDS:
            statuses |= {s for s in Status if s is not Status.DONE}
        elif key in DOUBT_WORDS:
            doubt = True
        elif key in SOON_WORDS:
            if soon_within is None:
                raise ValueError(f"{word}: 这里不知道多少天内算即将到期 (soon window unknown)")
            due_within = soon_within
        else:
            statuses.add(Status.parse(word))
    return TaskFilter(statuses=statuses, overdue=overdue and due_within is None, due_within=due_within, doubt=doubt)
