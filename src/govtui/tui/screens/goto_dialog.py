"""``:`` — go to a task by its id (``1-9``), as ``:`` does in vim and lazygit."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class GotoDialog(ModalScreen[str | None]):
    """Dismissed with the typed id (without a leading ``:``), or ``None``."""

    BINDINGS = [Binding("escape", "cancel", "取消 Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-dialog", classes="dialog"):
            yield Label(Text("跳转到任务 — 输入编号如 1-9 (本计划内也可只输 9), Enter 跳转, Esc 取消"))
            yield Input(placeholder=":1-9", id="goto-input")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        wanted = event.value.strip().lstrip(":：").strip()
        self.dismiss(wanted or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
