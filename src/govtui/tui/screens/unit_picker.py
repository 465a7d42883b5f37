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
from textual.widgets import Checkbox, Input, Label, OptionList, RadioButton, RadioSet
from textual.widgets.option_list import Option

from govtui.domain.model import Role
from govtui.domain.text import search_key, strip_controls
from govtui.tui.widgets.toggles import MarkedCheckbox, MarkedRadioButton


@dataclass(frozen=True, slots=True)
class UnitChoice:
    name: str
    role: Role | None
    #: Also tasks given to generic units (各科室 …), as ``--include-generic`` on the command line.
    include_generic: bool = False


ROLE_CHOICES: list[tuple[str, Role | None]] = [("全部角色", None), ("牵头", Role.LEAD), ("配合", Role.COOPERATE),
                                               ("负责", Role.RESPONSIBLE)]


def unit_matches(query: str, name: str, keys: dict[str, list[str]] | None = None) -> bool:
    """Whether typed ``query`` picks unit ``name`` (by text, or by extra keys such as pinyin)."""
    needle = search_key(query)
    if not needle:
        return True
    return needle in search_key(name) or any(needle in k for k in (keys or {}).get(name, []))


class UnitPicker(ModalScreen[UnitChoice | None]):
    """``Ctrl+R`` steps the role (全部 → 牵头 → 配合 → 负责), ``Ctrl+G`` includes the generic units: one key
    each, whatever has the focus (typing goes on in the name field)."""

    BINDINGS = [Binding("escape", "dismiss_none", "取消 Cancel"),
                Binding("ctrl+r", "next_role", "角色", priority=True),
                Binding("ctrl+g", "toggle_generic", "含各科室", priority=True)]

    def __init__(self, counts: dict[str, Counter[str]], keys: dict[str, list[str]] | None = None) -> None:
        super().__init__()
        self.counts = counts
        self.keys = keys or {}
        self.names = sorted(counts, key=lambda n: (-counts[n]["total"], n))
        self._role_index = 0
        self._set_by_key: list[int] = []  # roles set by Ctrl+R whose radio-set echo is still to come

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Label("按单位筛选 — 输入以缩小范围, ↑↓ 选择, Enter 应用, Esc 取消; Ctrl+R 切换角色, "
                        "Ctrl+G 含各科室等泛指单位", markup=False)
            yield Input(placeholder="单位名称…", id="unit-query")
            yield OptionList(id="unit-options")
            with RadioSet(id="unit-role"):
                for i, (label, _) in enumerate(ROLE_CHOICES):
                    yield MarkedRadioButton(label, value=i == 0)
            yield MarkedCheckbox("含各科室等泛指单位 (include generic units)", id="unit-generic")

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

    # The role is kept here: the radio set learns of a change by a message, which Ctrl+R Ctrl+R Enter
    # typed quickly would overtake.
    def _role(self) -> Role | None:
        return ROLE_CHOICES[self._role_index][1]

    @on(RadioSet.Changed, "#unit-role")
    def _role_chosen(self, event: RadioSet.Changed) -> None:
        if event.index in self._set_by_key:  # the echo of Ctrl+R
            self._set_by_key.remove(event.index)
        else:
            self._role_index = max(0, event.index)

    def _choice(self, name: str) -> UnitChoice:
        return UnitChoice(name, self._role(), self.query_one("#unit-generic", Checkbox).value)

    def action_next_role(self) -> None:
        self._role_index = (self._role_index + 1) % len(ROLE_CHOICES)
        self._set_by_key = [*self._set_by_key, self._role_index]
        list(self.query_one("#unit-role", RadioSet).query(RadioButton))[self._role_index].value = True

    def action_toggle_generic(self) -> None:
        self.query_one("#unit-generic", Checkbox).toggle()

    @on(Input.Submitted, "#unit-query")
    def _submit_input(self) -> None:
        options = self.query_one("#unit-options", OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            self.dismiss(self._choice(option.id or ""))

    @on(OptionList.OptionSelected, "#unit-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._choice(event.option.id or ""))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
