"""A yes/no question: ``y`` (or Enter) confirms, ``n`` or ``Esc`` goes back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class Confirm(ModalScreen[bool]):
    BINDINGS = [Binding("y,enter", "answer(True)", "是 / yes"), Binding("n,escape", "answer(False)", "否 / no")]

    def __init__(self, question: str, details: str = "", *, yes: str = "确定", no: str = "返回") -> None:
        super().__init__()
        self.question = question
        self.details = details
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="confirm", classes="dialog"):
            yield Static(Text(self.question), id="confirm-question")
            if self.details:
                yield Static(Text(self.details), id="confirm-details")
            yield Label(Text(f"y {self.yes}  ·  n / Esc {self.no}"))

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


def close_or_ask(screen: ModalScreen[Any], changed: bool, question: str,
                 back: Callable[[], object] | None = None) -> None:
    """``Esc`` in an editor: close at once when nothing was changed; else ask first, so that what was
    typed is never thrown away by one key (``back``: where the focus returns when the answer is no)."""
    if not changed:
        screen.dismiss(None)
        return

    def answered(discard: bool | None) -> None:
        if discard:
            screen.dismiss(None)
        elif back is not None:
            back()

    screen.app.push_screen(Confirm(question, yes="放弃修改", no="继续编辑"), answered)
