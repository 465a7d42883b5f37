"""催办 briefs: per unit, a paste-ready text for the office chat or the OA system.

Each brief lists the unit's overdue tasks and those due within a number of working days, with
编号, a short requirement, the deadline, days late or working days left, and the last note.
"""

from __future__ import annotations

import datetime as dt

from govtui.domain.model import Status, Task
from govtui.domain.text import one_line, strip_controls, truncate
from govtui.domain.workdays import WorkCalendar, left_label

#: Working days ahead that count as "due soon" when nothing else is asked.
TEXT_WIDTH = 60  # cells of the requirement kept in a brief


def soon_window(today: dt.date, workdays: int, calendar: WorkCalendar) -> int:
    """The calendar days that ``workdays`` working days from ``today`` span (for ``TaskFilter.due_within``)."""
    return (calendar.add_workdays(today, workdays) - today).days


def due_soon(tasks: list[Task], today: dt.date, days: int, calendar: WorkCalendar) -> list[Task]:
    """Not-done tasks overdue or due within ``days`` working days, soonest first."""
    horizon = calendar.add_workdays(today, days)
    found = [t for t in tasks if t.status is not Status.DONE and t.deadline.due is not None
             and t.deadline.due <= horizon]
    return sorted(found, key=lambda t: (t.deadline.due or today, t.id))


def units_in(tasks: list[Task], *, generic: bool = False) -> list[str]:
    """Unit names in first-seen order (generic groups such as 各科室 only when asked)."""
    names: dict[str, None] = {}
    for task in tasks:
        for unit in task.units:
            if generic or not unit.generic:
                names.setdefault(unit.name, None)
    return list(names)


def brief(unit: str, tasks: list[Task], today: dt.date, days: int, calendar: WorkCalendar) -> str | None:
    """The brief for one unit, or ``None`` when nothing of its is overdue or due soon."""
    mine = due_soon([t for t in tasks if unit in t.unit_names()], today, days, calendar)
    if not mine:
        return None
    late = [t for t in mine if t.deadline.due and t.deadline.due < today]
    lines = [f"【催办】{unit}（{today.year}年{today.month}月{today.day}日）",
             f"以下任务已逾期或将在 {days} 个工作日内到期，请抓紧办理并及时反馈进展："]
    for number, task in enumerate(mine, 1):
        due = task.deadline.due
        assert due is not None
        requirement = truncate(one_line(strip_controls(task.text)), TEXT_WIDTH)
        lines.append(f"{number}. [{task.id}] 编号{task.number} {requirement}")
        printed = strip_controls(task.deadline.text)
        deadline = due.isoformat() if not printed or task.deadline.says_only_the_date() else f"{printed}（{due}）"
        lines.append(f"   时限：{deadline}，{left_label(calendar, today, due)}"
                     f"{'，状态：' + task.status.label if task.status is not Status.TODO else ''}")
        if task.notes:
            note = task.notes[-1]
            lines.append(f"   最新进展：{truncate(one_line(strip_controls(note.text)), TEXT_WIDTH)}"
                         f"（{strip_controls(note.author)} {note.time[:10]}）")
        else:
            lines.append("   最新进展：暂无")
    lines.append(f"共 {len(mine)} 项：逾期 {len(late)} 项，即将到期 {len(mine) - len(late)} 项。")
    return "\n".join(lines)


def briefs(tasks: list[Task], today: dt.date, days: int, calendar: WorkCalendar,
           units: list[str] | None = None) -> list[tuple[str, str]]:
    """(unit, brief) for each unit with something overdue or due soon; every named unit by default."""
    chosen = units if units is not None else units_in(tasks)
    out = []
    for unit in chosen:
        text = brief(unit, tasks, today, days, calendar)
        if text is not None:
            out.append((unit, text))
    return out
