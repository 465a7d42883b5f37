"""Progress reports: per unit (tasks as lead / cooperating, done, doing, blocked, overdue, completion)
and per plan by section.  Plain data; the CLI prints it and the app draws it."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from govtui.model import Plan, Role, Status, Task


@dataclass(slots=True)
class ProgressRow:
    name: str
    lead: int = 0
    cooperate: int = 0
    responsible: int = 0
    total: int = 0
    done: int = 0
    doing: int = 0
    blocked: int = 0
    overdue: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def count(self, task: Task, today: dt.date) -> None:
        self.total += 1
        self.done += task.status is Status.DONE
        self.doing += task.status is Status.DOING
        self.blocked += task.status is Status.BLOCKED
        self.overdue += task.is_overdue(today)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "percent": self.percent}


def unit_report(tasks: list[Task], today: dt.date) -> list[ProgressRow]:
    rows: dict[str, ProgressRow] = {}
    for task in tasks:
        for name in dict.fromkeys(u.name for u in task.units):
            row = rows.setdefault(name, ProgressRow(name))
            roles = {u.role for u in task.units if u.name == name}
            row.lead += Role.LEAD in roles
            row.cooperate += Role.COOPERATE in roles
            row.responsible += Role.RESPONSIBLE in roles
            row.count(task, today)
    return sorted(rows.values(), key=lambda r: (-r.total, r.name))


def section_report(plan: Plan, tasks: list[Task], today: dt.date) -> list[ProgressRow]:
    """One row for the plan, then one per section (indented by level), in document order."""
    whole = ProgressRow(plan.title)
    by_section = {s.id: ProgressRow(("  " * s.level) + s.heading) for s in plan.sections}
    for task in tasks:
        if task.plan_id != plan.id:
            continue
        whole.count(task, today)
        for sid in task.sections:
            if sid in by_section:
                by_section[sid].count(task, today)
    return [whole, *(by_section[s.id] for s in plan.sections)]


def bar(percent: int, width: int = 20) -> str:
    filled = round(width * percent / 100)
    return "█" * filled + "░" * (width - filled)
