"""A yes/no question: y or Enter confirms, n or Esc declines."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class Confirm(ModalScreen[bool]):
    BINDINGS = [Binding("y,enter", "answer(True)", "是"), Binding("n,escape", "answer(False)", "否")]

    def __init__(self, question: str, details: str = "") -> None:
        super().__init__()
        self.question = question
        self.details = details

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="confirm", classes="dialog"):
            yield Label(self.question, markup=False)
            if self.details:
                yield Static(self.details, markup=False)
            yield Label("y 确定 · n 取消", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
