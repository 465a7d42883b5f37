"""The selected task in full: section path, requirement, units by role, deadline, status, notes, history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from govtui.history import history_lines, local_stamp
from govtui.model import Plan, Role, Task
from govtui.text import strip_controls


def _safe(text: str) -> str:
    return strip_controls(text)


def describe_task(task: Task | None, plan: Plan | None, today: dt.date,
                  history: list[dict[str, Any]] | None = None) -> Text:
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
        if task.is_overdue(today):
            out.append(f"(逾期 {-left} 天)", style="bold red")
        elif left >= 0:
            out.append(f"(剩余 {left} 天)")
    out.append("\n状态: ", style="bold")
    out.append(f"{task.display_status(today)} ({task.status.value})\n")
    if task.notes:
        out.append("\n进展记录\n", style="bold underline")
        for note in task.notes:
            out.append(f"{_safe(note.author)}  {local_stamp(note.time)}\n", style="dim")
            out.append(_safe(note.text) + "\n")
    lines = history_lines(history or [])
    if lines:
        out.append("\n修改历史\n", style="bold underline")
        for line in lines[-10:]:
            out.append(line + "\n", style="dim")
    return out


class DetailPane(VerticalScroll, can_focus=True):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[object, ...] | None = None

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="detail-body")

    def show(self, task: Task | None, plan: Plan | None, today: dt.date,
             history: list[dict[str, Any]] | None = None) -> None:
        """Show ``task``; nothing is redrawn when it is the same version of the same task."""
        key = (task.id, task.rev, task.status, len(task.notes), len(history or ()), today) if task else None
        if key == self._shown and key is not None:
            return
        self._shown = key
        self.query_one("#detail-body", Static).update(describe_task(task, plan, today, history))
        self.scroll_home(animate=False)
