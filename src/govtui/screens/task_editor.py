"""Edit a task's responsible units and deadline text (the deadline is parsed again)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from govtui.model import Role, Task


@dataclass(frozen=True, slots=True)
class TaskEdit:
    units: str
    deadline: str


def units_text(task: Task) -> str:
    """Units written back the way documents write them: 办公室牵头,各科室配合."""
    parts = []
    for role in (Role.LEAD, Role.COOPERATE):
        names = task.unit_names(role)
        if names:
            parts.append("、".join(names) + role.label)
    plain = task.unit_names(Role.RESPONSIBLE)
    if plain:
        parts.insert(0, "、".join(plain))
    return ",".join(parts)


class TaskEditor(ModalScreen[TaskEdit | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, task: Task) -> None:
        super().__init__()
        self.edited = task

    def compose(self) -> ComposeResult:
        with Vertical(id="task-editor", classes="dialog"):
            yield Label(f"编辑任务 {self.edited.id} — Enter/Ctrl+S 保存, Tab 切换, Esc 取消")
            yield Label("责任单位 (如: 办公室牵头,各科室配合)")
            yield Input(units_text(self.edited), id="edit-units")
            yield Label("时限 (如: 2024年6月底前, 持续推进)")
            yield Input(self.edited.deadline.text, id="edit-deadline")

    @on(Input.Submitted)
    def action_save(self) -> None:
        self.dismiss(TaskEdit(self.query_one("#edit-units", Input).value,
                              self.query_one("#edit-deadline", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
