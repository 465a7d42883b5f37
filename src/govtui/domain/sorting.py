"""The orders the task table offers (编号, 时限, 状态, 单位): what comes first when a filter has let tasks through."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from govtui.domain.model import Role, Status, Task
from govtui.domain.snapshot import plan_id_key
from govtui.domain.text import search_key

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import Any

#: The orders the task table offers, in the order a key cycles through them: name → label.
SORTS: dict[str, str] = {"number": "编号", "due": "时限", "status": "状态", "unit": "单位"}
_NUMBER_PARTS = re.compile(r"(\d+)")
#: Where each status sorts: what needs attention first (overdue, then blocked, doing, todo), done last.
_STATUS_RANK = {Status.BLOCKED: 1, Status.DOING: 2, Status.TODO: 3, Status.DONE: 4}


@lru_cache(maxsize=65536)  # numbers repeat from plan to plan: 1, 2, 3 …
def number_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """编号 compared as numbers: ``2`` before ``10``, ``1.2`` before ``1.10`` (text parts as text)."""
    parts = _NUMBER_PARTS.split(text)
    return tuple((0, int(p)) if i % 2 else (1, p) for i, p in enumerate(parts) if p)


def lead_unit(task: Task) -> str | None:
    """The unit a task is sorted under: its first lead unit, else its first unit."""
    for unit in task.units:
        if unit.role is Role.LEAD:
            return unit.name
    return task.units[0].name if task.units else None


def sort_key(name: str, today: dt.date, spelling: Mapping[str, str] | None = None) -> Callable[[Task], tuple[Any, ...]]:
    """The key of sort ``name`` (see :data:`SORTS`); ties keep document order (plan, 编号, position).

    ``spelling``: unit name → its pinyin, so that 单位 sorts as a Chinese reader expects (办公室 before
    财务科); a unit without one sorts by its characters.
    """

    def document(task: Task) -> tuple[Any, ...]:
        return (plan_id_key(task.plan_id), number_key(task.number), task.order)

    if name == "number":
        return document
    if name == "due":
        return lambda t: (t.deadline.due is None, t.deadline.due or today, document(t))
    if name == "status":
        return lambda t: (0 if t.is_overdue(today) else _STATUS_RANK[t.status], document(t))
    if name == "unit":
        spelled = spelling or {}
        unit_keys: dict[str | None, tuple[bool, str]] = {}

        def by_unit(task: Task) -> tuple[Any, ...]:
            unit = lead_unit(task)
            key = unit_keys.get(unit)
            if key is None:
                key = unit_keys[unit] = (unit is None, spelled.get(unit or "") or search_key(unit or ""))
            return (*key, document(task))
        return by_unit
    raise ValueError(f"不认识的排序 {name!r} (unknown sort); 可选: {', '.join(SORTS)}")


def sort_tasks(tasks: Iterable[Task], name: str, today: dt.date,
               spelling: Mapping[str, str] | None = None) -> list[Task]:
    """``tasks`` in the order of sort ``name`` (stable); ``spelling`` as for :func:`sort_key`."""
    return sorted(tasks, key=sort_key(name, today, spelling))
