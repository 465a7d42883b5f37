"""Edit a task's responsible units and deadline text (the deadline is parsed again).

Units: known names are suggested as you type (Chinese or pinyin; ``Tab`` takes the first
suggestion), a name not yet in the store is accepted only after confirming, and an empty
field is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label

from govtui.domain.model import Task, Unit
from govtui.domain.unit_input import check_units, suggest
from govtui.domain.units import format_units
from govtui.tui.screens.confirm import Confirm, close_or_ask
from govtui.tui.widgets.unit_field import UnitField

#: The units field's hint (the editor and the adder): the format, and typing without a Chinese input method.
#: The deadline field's hint: a date in digits needs no Chinese input method.
DEADLINE_HINT = "时限 (如: 2024年6月底前, 持续推进; 无中文输入法: 2024-06-30)"
UNITS_HINT = "责任单位 (如 办公室(牵头)、财务室; 拼音: bgs, bgsqt → 办公室(牵头))"


def deadline_ok(screen: ModalScreen[Any], selector: str) -> bool:
    """Whether the deadline typed in ``selector`` has no date that does not exist (2024-02-30); if it
    has, says so and keeps the dialog open with what was typed (the deadlines' one date parser)."""
    from govtui.domain.deadlines import DateError, parse_typed_deadline

    field = screen.query_one(selector, Input)
    try:
        parse_typed_deadline(field.value, None)
    except DateError as exc:
        screen.notify(f"时限{exc}", severity="error", markup=False)
        field.focus()
        return False
    return True


@dataclass(frozen=True, slots=True)
class TaskEdit:
    units: list[Unit]
    deadline: str


def confirm_new_units(screen: Screen[Any], new: list[str], known: set[str], pinyin: dict[str, dict[str, Any]],
                      proceed: Callable[[], object], back: Callable[[], object]) -> None:
    """Go on at once when no name is new; else ask, naming each new unit with the known ones it may mean."""
    if not new:
        proceed()
        return
    hints = []
    for name in new:
        close = suggest(name, known, pinyin)
        hints.append(f"  {name}" + (f"  (是否指: {'、'.join(close[:3])}?)" if close else ""))
    question = "以下单位尚不存在, 确定作为新单位添加? (new units)\n" + "\n".join(hints)

    def answered(yes: bool | None) -> None:
        proceed() if yes else back()

    screen.app.push_screen(Confirm(question, yes="添加新单位", no="返回修改"), answered)


class TaskEditor(ModalScreen[TaskEdit | None]):
    BINDINGS = [Binding("escape", "cancel", "取消 Cancel"), Binding("ctrl+s", "save", "保存 Save")]

    def __init__(self, task: Task, known_units: set[str] | None = None,
                 pinyin: dict[str, dict[str, Any]] | None = None,
                 typed: tuple[list[Unit], str] | None = None) -> None:
        """``typed``: units and deadline typed before and not saved (a conflict): shown instead of the task's."""
        super().__init__()
        self.edited = task
        self.known_units = known_units or set()
        self.pinyin = pinyin or {}
        self.units_text = format_units(typed[0] if typed else task.units)
        self.deadline_text = typed[1] if typed else task.deadline.text

    def compose(self) -> ComposeResult:
        with Vertical(id="task-editor", classes="dialog"):
            yield Label(Text(f"编辑任务 {self.edited.id} — Enter/Ctrl+S 保存, Tab 补全/切换, Esc 取消"))
            yield Label(UNITS_HINT)
            yield UnitField(self.units_text, self.known_units, self.pinyin, input_id="edit-units")
            yield Label(DEADLINE_HINT, id="deadline-hint")
            yield Input(self.deadline_text, id="edit-deadline")

    @property
    def suggestions(self) -> list[str]:
        return self.query_one(UnitField).suggestions

    @on(Input.Submitted)
    def action_save(self) -> None:
        units_text = self.query_one("#edit-units", Input).value
        deadline = self.query_one("#edit-deadline", Input).value
        try:
            units, new = check_units(units_text, self.known_units)
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.query_one("#edit-units", Input).focus()
            return
        if not deadline_ok(self, "#edit-deadline"):
            return
        field = self.query_one("#edit-units", Input)
        confirm_new_units(self, new, self.known_units, self.pinyin,
                          proceed=lambda: self.dismiss(TaskEdit(units, deadline)), back=field.focus)

    def action_cancel(self) -> None:
        """Esc: units or a deadline typed here are not thrown away without asking."""
        units = self.query_one("#edit-units", Input)
        changed = (units.value != format_units(self.edited.units)
                   or self.query_one("#edit-deadline", Input).value != self.edited.deadline.text)
        close_or_ask(self, changed, f"放弃对任务 {self.edited.id} 责任单位和时限的修改? (discard the changes)",
                     back=units.focus)
