"""Pick a status filter: 未开始 / 进行中 / 已完成 / 受阻 / 逾期."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from govtui.model import OVERDUE_LABEL, Status

STATUS_OPTIONS = [(s.value, s.label) for s in Status] + [("overdue", OVERDUE_LABEL)]


class StatusPicker(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="status-picker", classes="dialog"):
            yield Label("按状态筛选 — Enter 应用, Esc 取消")
            yield OptionList(*(Option(Text(f"{label}  {value}"), id=value) for value, label in STATUS_OPTIONS),
                             id="status-options")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
