"""Plain-text and JSON renderings of tasks and plans for the command line.

Widths are measured in terminal cells (a Chinese character takes two), and all document
text passes through :func:`~govtui.text.strip_controls` so nothing in a document can
move the cursor or recolour the terminal.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from govtui.model import Plan, Role, Task
from govtui.text import cell_len, one_line, pad, strip_controls


def safe(text: str) -> str:
    return strip_controls(text)


def units_label(task: Task) -> str:
    """``办公室*、各科室``: a star marks the lead unit."""
    return "、".join(f"{u.name}*" if u.role is Role.LEAD else u.name for u in task.units) or "—"


def deadline_label(task: Task) -> str:
    if task.deadline.due:
        return task.deadline.due.isoformat()
    return task.deadline.text or "—"


def section_headings(task: Task, plans: dict[str, Plan]) -> list[str]:
    plan = plans.get(task.plan_id)
    if plan is None:
        return []
    return [s.heading for sid in task.sections if (s := plan.section(sid)) is not None]


def task_json(task: Task, plans: dict[str, Plan], today: dt.date) -> dict[str, Any]:
    return {
        "id": task.id,
        "plan_id": task.plan_id,
        "number": task.number,
        "sections": section_headings(task, plans),
        "text": task.text,
        "units": [{"name": u.name, "role": u.role.value, "generic": u.generic} for u in task.units],
        "deadline": {"text": task.deadline.text, "due": task.deadline.due.isoformat() if task.deadline.due else None,
                     "kind": task.deadline.kind.value},
        "status": task.status.value,
        "overdue": task.is_overdue(today),
        "notes": [n.to_dict() for n in task.notes],
        "flags": task.flags,
        "rev": task.rev,
    }


def task_table(tasks: list[Task], today: dt.date, width: int) -> list[str]:
    """An aligned table that fits ``width`` cells: ID, 状态, 时限, 责任单位, 要求."""
    rows = [(t.id, t.display_status(today), deadline_label(t), units_label(t), one_line(safe(t.text)))
            for t in tasks]
    header = ("ID", "状态", "时限", "责任单位", "要求")
    id_w = max(cell_len(r[0]) for r in [header, *rows])
    status_w = max(cell_len(r[1]) for r in [header, *rows])
    due_w = min(12, max(cell_len(r[2]) for r in [header, *rows]))
    unit_w = min(24, max(cell_len(safe(r[3])) for r in [header, *rows]))
    text_w = max(10, width - (id_w + status_w + due_w + unit_w + 8))
    lines = []
    for row in [header, *rows]:
        cells = [pad(row[0], id_w), pad(row[1], status_w), pad(row[2], due_w), pad(safe(row[3]), unit_w),
                 pad(row[4], text_w).rstrip()]
        lines.append("  ".join(cells).rstrip())
    return lines


def task_detail(task: Task, plans: dict[str, Plan], today: dt.date) -> list[str]:
    plan = plans.get(task.plan_id)
    lines = [f"任务 {task.id}  (编号 {task.number})"]
    if plan:
        lines.append(f"计划: {safe(plan.title)}")
    for heading in section_headings(task, plans):
        lines.append(f"  {safe(heading)}")
    lines += ["", safe(task.text), ""]
    for role in Role:
        names = task.unit_names(role)
        if names:
            lines.append(f"{role.label}: {safe('、'.join(names))}")
    if not task.units:
        lines.append("责任单位: (未注明)")
    deadline = task.deadline.text or "(未注明)"
    if task.deadline.due:
        left = task.days_left(today) or 0
        when = f"剩余 {left} 天" if left >= 0 else f"逾期 {-left} 天"
        deadline += f"  → {task.deadline.due.isoformat()} ({when})"
    lines.append(f"时限: {safe(deadline)}")
    lines.append(f"状态: {task.display_status(today)} ({task.status.value})")
    if task.notes:
        lines.append("进展记录:")
        from govtui.history import local_stamp

        for note in task.notes:
            lines.append(f"  {safe(note.author)}  {local_stamp(note.time)}")
            lines.extend(f"    {line}" for line in safe(note.text).splitlines())
    return lines


def plan_counts(plan: Plan, tasks: int) -> dict[str, Any]:
    levels = Counter(s.level for s in plan.sections)
    return {
        "id": plan.id, "title": plan.title, "organization": plan.organization, "year": plan.year,
        "published": plan.published.isoformat() if plan.published else None, "kind": plan.kind,
        "source": plan.source, "sections": levels.get(1, 0), "subsections": levels.get(2, 0),
        "tasks": tasks,
    }
