"""Pick a unit (with its task counts) and a role; typing narrows the list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet
from textual.widgets.option_list import Option

from govtui.model import Role
from govtui.text import search_key, strip_controls


@dataclass(frozen=True, slots=True)
class UnitChoice:
    name: str
    role: Role | None


ROLE_CHOICES: list[tuple[str, Role | None]] = [("全部角色", None), ("牵头", Role.LEAD), ("配合", Role.COOPERATE),
                                               ("负责", Role.RESPONSIBLE)]


def unit_matches(query: str, name: str, keys: dict[str, list[str]] | None = None) -> bool:
    """Whether typed ``query`` picks unit ``name`` (by text, or by extra keys such as pinyin)."""
    needle = search_key(query)
    if not needle:
        return True
    return needle in search_key(name) or any(needle in k for k in (keys or {}).get(name, []))


class UnitPicker(ModalScreen[UnitChoice | None]):
    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, counts: dict[str, Counter[str]], keys: dict[str, list[str]] | None = None) -> None:
        super().__init__()
        self.counts = counts
        self.keys = keys or {}
        self.names = sorted(counts, key=lambda n: (-counts[n]["total"], n))

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Label("按单位筛选 — 输入以缩小范围, ↑↓ 选择, Enter 应用, Tab 选角色, Esc 取消")
            yield Input(placeholder="单位名称…", id="unit-query")
            yield OptionList(id="unit-options")
            with RadioSet(id="unit-role"):
                for i, (label, _) in enumerate(ROLE_CHOICES):
                    yield RadioButton(label, value=i == 0)

    def on_mount(self) -> None:
        self._refill("")

    def _refill(self, query: str) -> None:
        options = self.query_one("#unit-options", OptionList)
        options.clear_options()
        for name in self.names:
            if unit_matches(query, name, self.keys):
                c = self.counts[name]
                prompt = Text(strip_controls(name))
                prompt.append(f"  {c['total']} 项 (牵头 {c['lead']} · 配合 {c['cooperate']} · 负责 {c['responsible']})",
                              style="dim")
                options.add_option(Option(prompt, id=name))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed, "#unit-query")
    def _typed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if isinstance(self.focused, Input) and event.key in ("down", "up"):
            options = self.query_one("#unit-options", OptionList)
            options.action_cursor_down() if event.key == "down" else options.action_cursor_up()
            event.stop()

    def _role(self) -> Role | None:
        index = self.query_one("#unit-role", RadioSet).pressed_index
        return ROLE_CHOICES[max(0, index)][1]

    @on(Input.Submitted, "#unit-query")
    def _submit_input(self) -> None:
        options = self.query_one("#unit-options", OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            self.dismiss(UnitChoice(option.id or "", self._role()))

    @on(OptionList.OptionSelected, "#unit-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(UnitChoice(event.option.id or "", self._role()))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
