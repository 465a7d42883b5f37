"""Edit a task's responsible units and deadline text (the deadline is parsed again)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from govtui.model import Task
from govtui.units import format_units


@dataclass(frozen=True, slots=True)
class TaskEdit:
    units: str
    deadline: str


class TaskEditor(ModalScreen[TaskEdit | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, task: Task) -> None:
        super().__init__()
        self.edited = task

    def compose(self) -> ComposeResult:
        with Vertical(id="task-editor", classes="dialog"):
            yield Label(f"编辑任务 {self.edited.id} — Enter/Ctrl+S 保存, Tab 切换, Esc 取消")
            yield Label("责任单位 (如: 办公室牵头,各科室配合)")
            yield Input(format_units(self.edited.units), id="edit-units")
            yield Label("时限 (如: 2024年6月底前, 持续推进)")
            yield Input(self.edited.deadline.text, id="edit-deadline")

    @on(Input.Submitted)
    def action_save(self) -> None:
        self.dismiss(TaskEdit(self.query_one("#edit-units", Input).value,
                              self.query_one("#edit-deadline", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
