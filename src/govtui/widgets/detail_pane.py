"""The selected task in full: section path, requirement, units by role, deadline, status, notes, history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from govtui.model import Plan, Role, Status, Task
from govtui.proof import proof_label
from govtui.text import strip_controls
from govtui.workdays import WorkCalendar, left_label


def _safe(text: str) -> str:
    return strip_controls(text)


def describe_task(task: Task | None, plan: Plan | None, today: dt.date,
                  history: list[dict[str, Any]] | None = None, *, calendar: WorkCalendar | None = None,
                  previous: Task | None = None, previous_plan: Plan | None = None) -> Text:
    """Build the pane's content as a ``Text`` (never markup: document text stays literal)."""
    out = Text()
    if task is None:
        out.append("没有任务 (no task matches the filters)", style="italic")
        return out
    if plan is not None:
        out.append(_safe(plan.title), style="bold")
        out.append("\n")
        for sid in task.sections:
            section = plan.section(sid)
            if section is not None:
                out.append(("  " * (section.level - 1)) + _safe(section.heading) + "\n", style="dim")
    out.append(f"任务 {task.id}  编号 {task.number}\n", style="bold")
    out.append(_safe(task.text) + "\n\n")
    for role in Role:
        names = task.unit_names(role)
        if names:
            out.append(f"{role.label}: ", style="bold")
            out.append(_safe("、".join(names)) + "\n")
    if not task.units:
        out.append("责任单位: 未注明\n", style="italic")
    out.append("时限: ", style="bold")
    out.append(_safe(task.deadline.text or "未注明"))
    if task.deadline.due:
        left = (task.deadline.due - today).days
        out.append(f"  → {task.deadline.due.isoformat()} ")
        if calendar is not None and task.status is not Status.DONE:
            out.append(f"({left_label(calendar, today, task.deadline.due)})",
                       style="bold red" if task.is_overdue(today) else "")
        elif task.is_overdue(today):
            out.append(f"(逾期 {-left} 天)", style="bold red")
        elif left >= 0:
            out.append(f"(剩余 {left} 天)")
    if task.deadline.kind.value == "recurring":
        met = "、".join(_safe(str(o.get("label", o.get("due")))) for o in task.occurrences) or "暂无"
        out.append("\n周期: ", style="bold")
        out.append(f"下一期 {task.deadline.due.isoformat() if task.deadline.due else '本年度已全部完成'}; "
                   f"已完成 {met} (按 3 完成本期)")
    out.append("\n状态: ", style="bold")
    out.append(f"{task.display_status(today)} ({task.status.value})\n")
    if task.proof:
        out.append("公开凭证: ", style="bold")
        out.append(_safe(proof_label(task.proof)) + "\n")
    elif task.status is Status.DONE:
        out.append("公开凭证: 未记录 (按 p 记录)\n", style="italic")
    if "carried-over" in task.flags:
        out.append("上年结转任务\n", style="bold")
    note = calendar.fallback_note() if calendar is not None else None
    if note:
        out.append(note + "\n", style="dim")
    if task.notes:
        out.append("\n进展记录\n", style="bold underline")
        for note in task.notes:
            out.append(f"{note.time}  {_safe(note.author)}\n", style="dim")
            out.append(_safe(note.text) + "\n")
    if previous is not None:
        year = f"{previous_plan.year} 年" if previous_plan and previous_plan.year else "上年"
        out.append(f"\n回头看: {year}相似任务 {previous.id}\n", style="bold underline")
        out.append(_safe(previous.text) + "\n", style="dim")
        out.append(f"结果: {previous.display_status(today)}")
        if previous.proof:
            out.append(f"; 公开凭证: {_safe(proof_label(previous.proof))}")
        out.append("\n")
        for note in previous.notes[-3:]:
            out.append(f"{note.time[:10]}  {_safe(note.author)}: ", style="dim")
            out.append(_safe(note.text) + "\n")
    if history:
        out.append("\n修改历史\n", style="bold underline")
        for entry in history[-10:]:
            after = entry.get("after")
            shown = after.get("text") if isinstance(after, dict) else after
            out.append(f"{entry.get('time', '')}  {_safe(str(entry.get('user', '')))}  "
                       f"{entry.get('field', '')}: {_safe(str(shown))[:60]}\n", style="dim")
    return out


class DetailPane(VerticalScroll, can_focus=True):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[object, ...] | None = None

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="detail-body")

    def show(self, task: Task | None, plan: Plan | None, today: dt.date,
             history: list[dict[str, Any]] | None = None, *, calendar: WorkCalendar | None = None,
             previous: Task | None = None, previous_plan: Plan | None = None) -> None:
        """Show ``task``; nothing is redrawn when it is the same version of the same task."""
        key = (task.id, task.rev, task.status, len(task.notes), len(history or ()), today,
               previous.rev if previous else None) if task else None
        if key == self._shown and key is not None:
            return
        self._shown = key
        self.query_one("#detail-body", Static).update(describe_task(
            task, plan, today, history, calendar=calendar, previous=previous, previous_plan=previous_plan))
        self.scroll_home(animate=False)
