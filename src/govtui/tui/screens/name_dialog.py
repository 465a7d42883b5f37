"""Set the name one's changes are recorded under (kept in the user config)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class NameDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "取消 Cancel")]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="name-dialog", classes="dialog"):
            yield Label(Text("我的名字 (记录在修改历史和进展记录中) — Enter 保存, Esc 取消"))
            yield Input(self.current, id="name-input")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if not name:
            self.notify("名字不能为空 (the name cannot be empty)", severity="warning", markup=False)
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
