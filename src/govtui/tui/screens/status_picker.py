"""Pick a status filter, several values at once: 未开始 / 进行中 / 已完成 / 受阻, 未完成, 逾期, 即将到期, 待核对.

Space marks a value, Enter applies the marked ones (or the highlighted one when none is marked).
The stored statuses and 未完成 are alternatives (any of them); 逾期, 即将到期 and 待核对 narrow them.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Label, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from govtui.domain.model import DOUBT_LABEL, OVERDUE_LABEL, Status

OPEN_LABEL = "未完成"
SOON_LABEL = "即将到期"


def status_options(soon_days: int) -> list[tuple[str, str]]:
    """(value, label) of each choice; the value is what :func:`govtui.domain.query.status_filter` reads."""
    return [*((s.value, s.label) for s in Status), ("overdue", OVERDUE_LABEL),
            ("open", f"{OPEN_LABEL}  (未开始 · 进行中 · 受阻)"),
            ("soon", f"{SOON_LABEL}  ({soon_days} 个工作日内到期或已逾期, 未完成)"),
            ("doubt", f"{DOUBT_LABEL}  (导入时推定的内容, 尚未核对)")]


class StatusList(SelectionList[str]):
    """Space marks the highlighted value; Enter applies.

    The stock list toggles through a message, read after the keys typed meanwhile: typed quickly,
    Space then ↓ would mark the next value.  Here Space marks at once.
    """

    BINDINGS = [Binding("enter", "apply", "应用 Apply")]

    def render_line(self, y: int) -> Strip:
        """The stock check box shows the same ``X`` marked or not (only its colour differs, lost on a
        monochrome terminal): here a marked value shows ``✓`` and an unmarked one nothing."""
        line = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        segments = list(line)
        if len(segments) > 1 and segments[1].text == ToggleButton.BUTTON_INNER:
            mark = "✓" if option.value in self.selected else " "
            segments[1] = Segment(mark, segments[1].style, segments[1].control)
            return Strip(segments, line.cell_length)
        return line

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.get_option_at_index(self.highlighted))

    def action_apply(self) -> None:
        if isinstance(self.screen, StatusPicker):
            self.screen.action_apply()


class StatusPicker(ModalScreen[str | None]):
    """Dismissed with the chosen values joined by commas (``doing,blocked``), or ``None``."""

    BINDINGS = [Binding("escape", "dismiss_none", "取消 Cancel")]

    def __init__(self, soon_days: int = 7, chosen: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.soon_days = soon_days
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="status-picker", classes="dialog"):
            yield Label("按状态筛选 — 空格 选择多个, Enter 应用, Esc 取消 "
                        "(所选状态任一即可; 逾期/即将到期/待核对 进一步缩小)", markup=False)
            yield StatusList(
                *(Selection(label, value, value in self.chosen) for value, label in status_options(self.soon_days)),
                id="status-options")

    def action_apply(self) -> None:
        options = self.query_one("#status-options", SelectionList)
        values = [value for value, _ in status_options(self.soon_days) if value in options.selected]
        if not values and options.highlighted is not None:
            values = [str(options.get_option_at_index(options.highlighted).value)]
        self.dismiss(",".join(values) or None)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
