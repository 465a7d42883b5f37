"""The short prompts of the corrections (the review screen's and the main screen's ``F``): one line of text,
the plan's organisation / year / title, the units of marked tasks, a heading to move under, a list of
choices, and a page of text to read.  Document text is shown literally (``Text``, never markup)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from govtui.domain.unit_input import check_units
from govtui.tui.screens.task_editor import UNITS_HINT, confirm_new_units
from govtui.tui.widgets.unit_field import UnitField


class TextPrompt(ModalScreen[str | None]):
    """One line typed (Enter), or ``None`` (Esc); ``details`` above the field (e.g. a task's sentences)."""

    BINDINGS = [Binding("escape", "cancel", "取消 Cancel")]

    def __init__(self, question: str, value: str = "", details: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question, self.value, self.details, self.placeholder = question, value, details, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Label(Text(self.question))
            if self.details:
                with VerticalScroll(classes="prompt-details"):
                    yield Static(Text(self.details))
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()  # at once: what is typed as the prompt shows goes into it

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class PlanFields:
    organization: str
    year: int | None
    title: str


class PlanPrompt(ModalScreen[PlanFields | None]):
    """The plan's organisation, year and title (Tab between them, Enter saves)."""

    BINDINGS = [Binding("escape", "cancel", "取消 Cancel"), Binding("ctrl+s", "save", "保存 Save")]

    def __init__(self, organization: str, year: int | None, title: str) -> None:
        super().__init__()
        self.fields = (organization, "" if year is None else str(year), title)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Label("计划的制发单位、年度和标题 — Tab 切换, Enter 保存, Esc 取消")
            yield Label("制发单位 (organisation)")
            yield Input(self.fields[0], id="plan-org")
            yield Label("年度 (year, 如 2024)")
            yield Input(self.fields[1], id="plan-year")
            yield Label("标题 (title)")
            yield Input(self.fields[2], id="plan-title")

    def on_mount(self) -> None:
        self.query_one("#plan-org", Input).focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        year_text = self.query_one("#plan-year", Input).value.strip()
        if year_text and not (year_text.isdigit() and 1990 <= int(year_text) <= 2100):
            self.notify(f"年度 {year_text!r} 不对: 请写 4 位年份, 如 2024", severity="error", markup=False)
            self.query_one("#plan-year", Input).focus()
            return
        self.dismiss(PlanFields(self.query_one("#plan-org", Input).value.strip(),
                                int(year_text) if year_text else None,
                                self.query_one("#plan-title", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class UnitsPrompt(ModalScreen[list[Any] | None]):
    """Units and roles for one task or every marked one: the units field of ``e`` (pinyin suggestions,
    roles typed as ``qt``), new unit names confirmed first."""

    BINDINGS = [Binding("escape", "cancel", "取消 Cancel"), Binding("ctrl+s", "save", "保存 Save")]

    def __init__(self, title: str, value: str, known: set[str], pinyin: dict[str, dict[str, Any]]) -> None:
        super().__init__()
        self.title_text, self.value, self.known, self.pinyin = title, value, known, pinyin

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Label(Text(self.title_text + " — Enter 保存, Tab 补全, Esc 取消"))
            yield Label(UNITS_HINT)
            yield UnitField(self.value, self.known, self.pinyin, input_id="prompt-units")

    def on_mount(self) -> None:
        self.query_one("#prompt-units", Input).focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        field = self.query_one("#prompt-units", Input)
        try:
            units, new = check_units(field.value, self.known)
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        confirm_new_units(self, new, self.known, self.pinyin, proceed=lambda: self.dismiss(units), back=field.focus)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Choice(ModalScreen[str | None]):
    """One of several choices (Enter), or ``None`` (Esc): ``choices`` are (key, label) pairs."""

    BINDINGS = [Binding("escape", "cancel", "取消 Cancel")]

    def __init__(self, question: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt choice"):
            yield Label(Text(self.question + " — Enter 选择, Esc 取消"))
            yield OptionList(*(Option(Text(label), id=key) for key, label in self.choices), id="choice-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextView(ModalScreen[None]):
    """A page of text to read (scrolls with ↑↓ PgUp PgDn); Esc or q closes."""

    BINDINGS = [Binding("escape,q", "close", "关闭 Close"), Binding("j", "scroll(1)", show=False),
                Binding("k", "scroll(-1)", show=False)]

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__()
        self.title_text, self.lines = title, lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog text-view", id="text-view"):
            yield Static(Text(self.title_text + " (Esc 关闭)", style="bold"))
            yield Static(Text("\n".join(self.lines)))

    def on_mount(self) -> None:
        self.query_one("#text-view").focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#text-view", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
