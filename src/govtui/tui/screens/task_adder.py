"""Add a task by hand: the requirement, the section it goes under (the one highlighted in the tree,
or another chosen here), its units and deadline.  ``Ctrl+S`` adds it; ``Esc`` cancels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, TextArea

from govtui.domain.model import Plan, Unit
from govtui.domain.text import strip_controls, truncate
from govtui.domain.unit_input import check_units
from govtui.tui.screens.confirm import close_or_ask
from govtui.tui.screens.task_editor import DEADLINE_HINT, UNITS_HINT, confirm_new_units, deadline_ok
from govtui.tui.widgets.unit_field import UnitField

WHOLE_PLAN = "__plan__"


@dataclass(frozen=True, slots=True)
class NewTask:
    plan_id: str
    section_id: str | None
    text: str
    units: list[Unit]
    deadline: str


class TaskAdder(ModalScreen[NewTask | None]):
    BINDINGS = [Binding("escape", "cancel", "取消 Cancel"), Binding("ctrl+s", "save", "保存 Save")]

    def __init__(self, plan: Plan, section_id: str | None, known_units: set[str],
                 pinyin: dict[str, dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.section_id = section_id if section_id and plan.section(section_id) else None
        self.known_units = known_units
        self.pinyin = pinyin or {}

    def compose(self) -> ComposeResult:
        options = [("(计划末尾, 不属于章节)", WHOLE_PLAN)] + [
            (truncate("  " * (s.level - 1) + strip_controls(s.heading), 60), s.id) for s in self.plan.sections]
        with Vertical(id="task-adder", classes="dialog"):
            yield Label(Text(f"新增任务 — 计划 {self.plan.id} {strip_controls(self.plan.title)}"), id="adder-title")
            yield Label("所属章节")
            yield Select(options, value=self.section_id or WHOLE_PLAN, allow_blank=False, id="adder-section")
            yield Label("要求 (Ctrl+S 保存, Esc 取消)")
            yield TextArea("", id="adder-text", soft_wrap=True, show_line_numbers=False)
            yield Label(UNITS_HINT.replace("责任单位 (", "责任单位 (可留空; ").replace("、财务室", ""))
            yield UnitField("", self.known_units, self.pinyin, input_id="adder-units")
            yield Label(DEADLINE_HINT, id="deadline-hint")
            yield Input("", id="adder-deadline")

    def on_mount(self) -> None:
        self.query_one("#adder-text", TextArea).focus()

    def action_save(self) -> None:
        text = self.query_one("#adder-text", TextArea).text.strip()
        if not text:
            self.notify("请填写任务要求 (the requirement is empty)", severity="error", markup=False)
            self.query_one("#adder-text", TextArea).focus()
            return
        units_text = self.query_one("#adder-units", Input).value
        try:
            units, new = check_units(units_text, self.known_units) if units_text.strip() else ([], [])
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if not deadline_ok(self, "#adder-deadline"):
            return
        section = self.query_one("#adder-section", Select).value
        task = NewTask(self.plan.id, None if section in (WHOLE_PLAN, Select.BLANK) else str(section), text,
                       units, self.query_one("#adder-deadline", Input).value)
        confirm_new_units(self, new, self.known_units, self.pinyin, proceed=lambda: self.dismiss(task),
                          back=self.query_one("#adder-units", Input).focus)

    def action_cancel(self) -> None:
        """Esc: what was typed is not thrown away without asking."""
        typed = bool(self.query_one("#adder-text", TextArea).text.strip() or any(
            self.query_one(f"#adder-{name}", Input).value.strip() for name in ("units", "deadline")))
        close_or_ask(self, typed, "放弃已填写的新任务? (discard the new task)")
