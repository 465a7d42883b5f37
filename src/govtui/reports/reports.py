"""Progress reports: per unit (tasks as lead / cooperating / responsible, done, doing, blocked, overdue,
completion) and per plan by section.  Plain data, computed once by :func:`build_report`: ``govtui report``
prints it and the app draws it, so the two always agree.

The role columns add up to the total: a unit's task counts under the unit's role in it (牵头 before 负责
before 配合 when a task names the unit twice); a section's task counts under the way it is divided
(牵头: it names a lead unit; else 负责: it names units without a role word; else 配合: only cooperating
units; 未注明: no unit at all).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from govtui.domain.model import Plan, Role, Status, Task

if TYPE_CHECKING:
    from govtui.reports.progress import MonthlyProgress

#: The role columns in the order they are shown, with their labels.
ROLE_COLUMNS = ((Role.LEAD, "牵头"), (Role.COOPERATE, "配合"), (Role.RESPONSIBLE, "负责"))
PRECEDENCE = (Role.LEAD, Role.RESPONSIBLE, Role.COOPERATE)


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
    unassigned: int = 0  # tasks naming no unit (section rows only)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def count_role(self, roles: set[Role]) -> None:
        """Count one task under the first of ``roles`` by precedence (none: 未注明)."""
        role = next((r for r in PRECEDENCE if r in roles), None)
        self.lead += role is Role.LEAD
        self.cooperate += role is Role.COOPERATE
        self.responsible += role is Role.RESPONSIBLE
        self.unassigned += role is None

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
            row.count_role({u.role for u in task.units if u.name == name})
            row.count(task, today)
    return sorted(rows.values(), key=lambda r: (-r.total, r.name))


def section_report(plan: Plan, tasks: list[Task], today: dt.date) -> list[ProgressRow]:
    """One row for the plan, then one per section (indented by level), in document order."""
    whole = ProgressRow(plan.title)
    by_section = {s.id: ProgressRow(("  " * s.level) + s.heading) for s in plan.sections}
    for task in tasks:
        if task.plan_id != plan.id:
            continue
        roles = {u.role for u in task.units}
        whole.count(task, today)
        whole.count_role(roles)
        for sid in task.sections:
            if sid in by_section:
                by_section[sid].count(task, today)
                by_section[sid].count_role(roles)
    return [whole, *(by_section[s.id] for s in plan.sections)]


#: The number columns of a report table: label and ProgressRow field.
NUMBER_COLUMNS = (("牵头", "lead"), ("配合", "cooperate"), ("负责", "responsible"), ("未注明", "unassigned"),
                  ("合计", "total"), ("完成", "done"), ("进行", "doing"), ("受阻", "blocked"), ("逾期", "overdue"))


def report_columns(rows: list[ProgressRow]) -> list[tuple[str, str]]:
    """The number columns for ``rows`` (未注明 only when some task names no unit), shared by the CLI and app."""
    return [(label, name) for label, name in NUMBER_COLUMNS
            if name != "unassigned" or any(r.unassigned for r in rows)]


def report_values(row: ProgressRow, columns: list[tuple[str, str]]) -> list[tuple[str, int]]:
    return [(label, int(getattr(row, name))) for label, name in columns]


def bar(percent: int, width: int = 20) -> str:
    filled = round(width * percent / 100)
    return "█" * filled + "░" * (width - filled)


@dataclass(slots=True)
class Report:
    """What a progress report shows: by unit, by section per plan, done without proof, the year."""

    date: dt.date
    tasks: list[Task]
    units: list[ProgressRow]
    sections: dict[str, list[ProgressRow]] = field(default_factory=dict)  # plan id → rows
    without_proof: list[Task] = field(default_factory=list)
    progress: MonthlyProgress | None = None
    progress_plan: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``govtui report --json`` (stable English keys)."""
        return {"date": self.date.isoformat(), "units": [r.to_dict() for r in self.units],
                "plans": [{"id": pid, "title": rows[0].name, "sections": [r.to_dict() for r in rows]}
                          for pid, rows in self.sections.items()],
                "done_without_proof": [t.id for t in self.without_proof],
                **({"progress": self.progress.to_dict()} if self.progress else {})}


def build_report(tasks: list[Task], plans: dict[str, Plan], history: dict[str, list[dict[str, Any]]],
                 today: dt.date, *, plan_id: str | None = None, with_progress: bool = True) -> Report:
    """The one report computation for ``tasks`` (already filtered).

    Sections: of ``plan_id`` when given, else of every plan (in id order) that ``tasks`` touch.
    The year's progress (``with_progress``): for ``plan_id``, else for the plan most tasks belong to,
    over the tasks of plans of that year.
    """
    from govtui.domain.snapshot import plan_id_key

    touched = {t.plan_id for t in tasks}
    if plan_id is not None:
        shown = [plans[plan_id]] if plan_id in plans else []
    else:
        shown = [plans[p] for p in sorted(touched & set(plans), key=plan_id_key)]
    report = Report(today, tasks, unit_report(tasks, today),
                    {p.id: section_report(p, tasks, today) for p in shown},
                    [t for t in tasks if t.status is Status.DONE and not t.proof])
    counts = Counter(t.plan_id for t in tasks)
    main = plan_id if plan_id is not None else (counts.most_common(1)[0][0] if counts else None)
    if with_progress and main is not None:
        from govtui.reports.progress import monthly

        plan = plans.get(main)
        year = plan.year if plan and plan.year else today.year
        in_year = [t for t in tasks if plans.get(t.plan_id) is None or (plans[t.plan_id].year or year) == year]
        report.progress = monthly(in_year, history, year, today)
        report.progress_plan = main
    return report
