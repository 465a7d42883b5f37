"""Plain-text and JSON renderings of tasks and plans for the command line.

Widths are measured in terminal cells (a Chinese character takes two), and all document
text passes through :func:`~govtui.domain.text.strip_controls` so nothing in a document can
move the cursor or recolour the terminal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from govtui.domain.history import history_lines, local_stamp
from govtui.domain.model import (
    ARCHIVED_MARK,
    FLAG_LABELS,
    OVERDUE_LABEL,
    Deadline,
    Plan,
    Role,
    Status,
    Task,
    TaskRow,
    Unit,
    status_text,
)
from govtui.domain.text import cell_len, one_line, pad, strip_controls

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any

    from govtui.domain.workdays import WorkCalendar


def safe(text: str) -> str:
    return strip_controls(text)


def units_label(units: Sequence[Unit]) -> str:
    """``办公室*、各科室``: lead units first, marked with a star; the others after, as listed."""
    lead = [f"{u.name}*" for u in units if u.role is Role.LEAD]
    return "、".join([*lead, *(u.name for u in units if u.role is not Role.LEAD)]) or "—"


def deadline_label(deadline: Deadline) -> str:
    """The due date when known, else the deadline as printed."""
    if deadline.due:
        return deadline.due.isoformat()
    return deadline.text or "—"


def section_headings(task: Task, plans: dict[str, Plan]) -> list[str]:
    plan = plans.get(task.plan_id)
    if plan is None:
        return []
    return [s.heading for sid in task.sections if (s := plan.section(sid)) is not None]


def task_json(task: Task, plans: dict[str, Plan], today: dt.date) -> dict[str, Any]:
    """The ``--json`` form of a task (a contract: keys are never removed or change meaning).

    ``deadline.due`` is the date the document gives; a recurring duty (每季度 …) has none there, and its
    current occurrence, which the store keeps, is ``next_due``.
    """
    due = task.deadline.due.isoformat() if task.deadline.due else None
    recurring = task.deadline.kind.value == "recurring"
    return {
        "id": task.id,
        "plan_id": task.plan_id,
        "number": task.number,
        "sections": section_headings(task, plans),
        "text": task.text,
        "units": [{"name": u.name, "role": u.role.value, "generic": u.generic} for u in task.units],
        "deadline": {"text": task.deadline.text, "due": None if recurring else due, "kind": task.deadline.kind.value},
        "next_due": due,
        "status": task.status.value,
        "overdue": task.is_overdue(today),
        "notes": [n.to_dict() for n in task.notes],
        "flags": task.flags,
        "rev": task.rev,
        "proof": task.proof,
        "occurrences": task.occurrences,
        "previous": task.previous,
    }


#: Cells the command line's task table keeps for 要求 before 状态 takes a shorter form.
TEXT_WANT = 16
#: Before the status someone set, where there is no room for ``·逾期``: the task is overdue.
OVERDUE_MARK = "!"
def status_forms(text: str) -> list[str]:
    """A status cell's forms, widest first, each saying the status someone set: ``进行中·逾期3天``,
    ``进行中·逾期``, ``!进行中`` (overdue, marked)."""
    status, dot, late = text.partition("·")
    if not dot or not late.startswith(OVERDUE_LABEL):
        return [text]
    return [text, f"{status}·{OVERDUE_LABEL}", f"{OVERDUE_MARK}{status}"]


def fit_status(text: str, width: int) -> str:
    """The status cell in ``width`` cells: when ``进行中·逾期3天`` does not fit, a shorter form that keeps
    the status whole (``进行中·逾期``, then ``!进行中``) rather than ``进行中·…`` or ``逾期`` alone."""
    forms = status_forms(text)
    return next((form for form in forms if cell_len(form) <= width), forms[-1])


def task_table(rows: Sequence[TaskRow], today: dt.date, width: int) -> list[str]:
    """An aligned table that fits ``width`` cells: ID, 状态, 时限, 责任单位, 要求."""
    cells = [(r.id, status_text(r.status, r.deadline, today, compact=True), deadline_label(r.deadline),
              safe(units_label(r.units)), one_line(safe(r.text_head))) for r in rows]
    header = ("ID", "状态", "时限", "责任单位", "要求")
    id_w = max(cell_len(r[0]) for r in [header, *cells])
    due_w = min(12, max(cell_len(r[2]) for r in [header, *cells]))
    unit_w = min(24, max(cell_len(r[3]) for r in [header, *cells]))
    # 状态 as the app shows it (进行中·逾期3天); narrow, the shorter forms that keep the status set
    status_w, statuses = 0, [r[1] for r in [header, *cells]]
    for form in range(3):
        status_w = max(cell_len(forms[min(form, len(forms) - 1)]) for forms in map(status_forms, statuses))
        if width - (id_w + status_w + due_w + unit_w + 8) >= TEXT_WANT:
            break
    text_w = max(10, width - (id_w + status_w + due_w + unit_w + 8))
    lines = []
    for row in [header, *cells]:
        padded = [pad(row[0], id_w), pad(fit_status(row[1], status_w), status_w), pad(row[2], due_w),
                  pad(row[3], unit_w), pad(row[4], text_w).rstrip()]
        lines.append("  ".join(padded).rstrip())
    return lines


#: A piece of a detail line and what it is (``title``, ``heading``, ``label``, ``dim``, ``alert``,
#: ``missing``, or ``""`` for plain text): the command line prints the text, the app styles it.
Span = tuple[str, str]


def task_detail(task: Task, plan: Plan | None, today: dt.date,
                history: Sequence[dict[str, Any]] | None = None, *, previous: Task | None = None,
                previous_plan: Plan | None = None, calendar: WorkCalendar | None = None) -> list[list[Span]]:
    """One task in full, line by line: plan and sections, requirement, units by role, deadline (working
    days left), recurring occurrences, status, proof of publication, notes, last year's similar task
    (``previous``, in ``previous_plan``) and (when given) the latest changes.  Document text is stripped
    of control characters."""
    from govtui.domain.proof import proof_label  # not on the quick lookup's path
    from govtui.domain.workdays import WorkCalendar, left_label

    calendar = calendar or WorkCalendar()
    lines: list[list[Span]] = []
    if plan is not None:
        lines.append([(safe(plan.title) + (f" {ARCHIVED_MARK}" if plan.archived else ""), "title")])
        for sid in task.sections:
            section = plan.section(sid)
            if section is not None:
                lines.append([("  " * section.level + safe(section.heading), "heading")])
    lines += [[(f"任务 {task.id}  编号 {task.number}", "title")], [], [(safe(task.text), "")], []]
    for role in Role:
        names = task.unit_names(role)
        if names:
            lines.append([(f"{role.label}: ", "label"), (safe("、".join(names)), "")])
    if not task.units:
        lines.append([("责任单位: ", "label"), ("未注明", "missing")])
    deadline: list[Span] = [("时限: ", "label")]
    if not task.deadline.says_only_the_date():
        deadline.append((safe(task.deadline.text) or "未注明", ""))
    if task.deadline.due:
        left = task.days_left(today) or 0
        deadline.append((f"{'  → ' if len(deadline) > 1 else ''}{task.deadline.due.isoformat()} ", ""))
        if task.status is not Status.DONE:
            deadline.append((f"({left_label(calendar, today, task.deadline.due)})",
                             "alert" if task.is_overdue(today) else ""))
        else:
            deadline.append((f"(剩余 {left} 天)", "") if left >= 0 else (f"(已过 {-left} 天)", ""))
    lines.append(deadline)
    if task.deadline.kind.value == "recurring":
        met = "、".join(safe(str(o.get("label", o.get("due")))) for o in task.occurrences) or "暂无"
        following = task.deadline.due.isoformat() if task.deadline.due else "本年度已全部完成"
        lines.append([("周期性任务: ", "label"), (f"下一期 {following}; 已完成 {met}", "")])
    lines.append([("状态: ", "label"), (f"{task.status_text(today)} ({task.status.value})",
                                       "alert" if task.is_overdue(today) else "")])
    warnings = [FLAG_LABELS[f] for f in task.flags if f in FLAG_LABELS]
    if warnings:
        lines.append([("提示: ", "label"), ("; ".join(warnings), "alert" if "incomplete" in task.flags else "dim")])
    if task.proof:
        lines.append([("公开凭证: ", "label"), (safe(proof_label(task.proof)), "")])
    elif task.status is Status.DONE:
        lines.append([("公开凭证: ", "label"), ("未记录 (按 p, 或 govtui set ID --proof URL 补记)", "missing")])
    if "carried-over" in task.flags:
        lines.append([("上年结转任务", "label")])
    fallback = calendar.fallback_note()
    if fallback:
        lines.append([(fallback, "dim")])
    if task.notes:
        lines += [[], [("进展记录", "heading")]]
        for note in task.notes:
            lines.append([(f"  {safe(note.author)}  {local_stamp(note.time)}", "dim")])
            lines.extend([(f"    {line}", "")] for line in safe(note.text).splitlines())
    if previous is not None:
        year = f"{previous_plan.year} 年" if previous_plan and previous_plan.year else "上年"
        lines += [[], [(f"回头看: {year}相似任务 {previous.id}", "heading")],
                  [(f"  {one_line(safe(previous.text))}", "dim")]]
        outcome = f"  结果: {previous.display_status(today)}"
        if previous.proof:
            outcome += f"; 公开凭证: {safe(proof_label(previous.proof))}"
        lines.append([(outcome, "")])
        for note in previous.notes[-3:]:
            lines.append([(f"  {local_stamp(note.time)}  {safe(note.author)}: ", "dim"),
                          (one_line(safe(note.text)), "")])
    changes = history_lines(history or [])
    if changes:
        lines += [[], [("修改历史", "heading")]]
        lines.extend([(f"  {line}", "dim")] for line in changes[-10:])
    return lines


def plain(lines: Sequence[Sequence[Span]]) -> str:
    """Detail lines as plain text."""
    return "\n".join("".join(text for text, _ in line) for line in lines)
