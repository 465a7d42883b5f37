"""A yes/no question: ``y`` (or Enter) confirms, ``n`` or ``Esc`` goes back."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class Confirm(ModalScreen[bool]):
    BINDINGS = [Binding("y,enter", "answer(True)", "是 / yes"), Binding("n,escape", "answer(False)", "否 / no")]

    def __init__(self, question: str, yes: str = "确定", no: str = "返回") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(Text(self.question), id="confirm-question")
            yield Label(Text(f"y {self.yes}  ·  n / Esc {self.no}"))

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
