"""Everything in a store at one moment, as model objects: what the app shows and filters."""

from __future__ import annotations

from functools import lru_cache

from govtui.domain.model import Plan, Task

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any

Counts = tuple[dict[tuple[str | None, str | None], int], dict[tuple[str | None, str | None], int]]  # done, total


@lru_cache(maxsize=4096)
def plan_id_key(plan_id: str) -> tuple[int, str]:
    """Plans in number order (plan 2 before plan 10), anything else after them."""
    return (int(plan_id), "") if plan_id.isdigit() else (1 << 30, plan_id)


class Snapshot:
    """Everything in the store at one moment, as model objects, in document order."""

    __slots__ = ("by_id", "counts", "history", "plans", "tasks")

    def __init__(self, plans: dict[str, Plan] | None = None, tasks: list[Task] | None = None,
                 by_id: dict[str, Task] | None = None, history: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.plans = plans if plans is not None else {}
        self.tasks = tasks if tasks is not None else []
        self.by_id = by_id if by_id is not None else {}
        self.history = history if history is not None else {}  # task id → entries, oldest first
        #: Only on a preview (the first tasks of a large store, see ``Store.preview``): the tree's
        #: done and total counts per (plan, section) over the whole store; ``None`` on a whole snapshot.
        self.counts: Counts | None = None

    @property
    def partial(self) -> bool:
        """Whether this is a preview holding only the first tasks."""
        return self.counts is not None

    def total(self) -> int:
        """How many tasks the store holds (on a preview too)."""
        return self.counts[1].get((None, None), 0) if self.counts is not None else len(self.tasks)

    def ordered_plans(self) -> list[Plan]:
        """The plans by number (plan 2 before plan 10)."""
        return sorted(self.plans.values(), key=lambda p: plan_id_key(p.id))

    def with_task(self, task: Task, entry: dict[str, Any] | None = None) -> Snapshot:
        """A copy with ``task`` in place of the task of the same id (and ``entry`` added to its history)."""
        old = self.by_id.get(task.id)
        if old is None:
            return self
        tasks = list(self.tasks)
        tasks[tasks.index(old)] = task
        history = self.history
        if entry is not None:
            history = {**history, task.id: [*history.get(task.id, []), entry]}
        return Snapshot(self.plans, tasks, {**self.by_id, task.id: task}, history)
