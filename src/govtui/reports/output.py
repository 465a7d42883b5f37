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
from govtui.domain.text import cell_len, one_line, pad, pad_column, strip_controls, truncate

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
    """An aligned table that fits ``width`` cells: ID, 状态, 时限, 责任单位, 要求.

    Laid out a column at a time: the cells of 状态, 时限 and 责任单位 repeat (a few dozen distinct values
    over thousands of rows), so each distinct value is worked out, measured and padded once; 要求, the
    last column, is only cut (the line's trailing blanks go anyway)."""
    header = ("ID", "状态", "时限", "责任单位", "要求")
    statuses: dict[tuple[Status, dt.date | None], str] = {}
    deadlines: dict[tuple[str, dt.date | None], str] = {}
    unit_labels: dict[tuple[Unit, ...], str] = {}
    ids, states, dues, units, texts = [header[0]], [header[1]], [header[2]], [header[3]], [header[4]]
    for r in rows:
        deadline = r.deadline
        ids.append(r.id)
        key = (r.status, deadline.due)
        state = statuses.get(key)
        if state is None:
            state = statuses[key] = status_text(r.status, deadline, today, compact=True)
        states.append(state)
        dkey = (deadline.text, deadline.due)
        due = deadlines.get(dkey)
        if due is None:
            due = deadlines[dkey] = deadline_label(deadline)
        dues.append(due)
        ukey = tuple(r.units)
        label = unit_labels.get(ukey)
        if label is None:
            label = unit_labels[ukey] = safe(units_label(r.units))
        units.append(label)
        texts.append(r.text_head)
    ascii_ids = all(map(str.isascii, ids))
    id_w = max(map(len, ids)) if ascii_ids else max(map(cell_len, ids))
    due_w = min(12, max(map(cell_len, set(dues))))
    unit_w = min(24, max(map(cell_len, set(units))))
    # 状态 as the app shows it (进行中·逾期3天); narrow, the shorter forms that keep the status set
    status_w, forms_of = 0, {state: status_forms(state) for state in set(states)}
    for form in range(3):
        status_w = max(cell_len(forms[min(form, len(forms) - 1)]) for forms in forms_of.values())
        if width - (id_w + status_w + due_w + unit_w + 8) >= TEXT_WANT:
            break
    text_w = max(10, width - (id_w + status_w + due_w + unit_w + 8))
    fitted = {state: pad(fit_status(state, status_w), status_w) for state in forms_of}
    id_cells = [i.ljust(id_w) for i in ids] if ascii_ids else [pad(i, id_w) for i in ids]
    state_cells = [fitted[state] for state in states]
    due_cells, unit_cells = pad_column(dues, due_w), pad_column(units, unit_w)
    cut: dict[str, str] = {header[4]: header[4]}  # the same requirement in many plans (copies of one plan) is cut once
    text_cells = [cut.get(t) or cut.setdefault(t, truncate(one_line(safe(t)), text_w)) for t in texts]
    return [f"{a}  {b}  {c}  {d}  {e}".rstrip()
            for a, b, c, d, e in zip(id_cells, state_cells, due_cells, unit_cells, text_cells, strict=True)]


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
