"""The units field of the task editor (``e``) and the task adder (``A``): known units suggested as you
type, in Chinese or pinyin (``cws`` → 财务室), and a role typed in pinyin after a unit (``办公室qt`` →
``办公室(牵头)``), so that units can be entered without a Chinese input method.  ``Tab`` takes the first
suggestion (or moves on when there is none)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from govtui.domain.unit_input import complete, current_segment, suggest

#: A role typed in pinyin (full or initials) after a unit's name, longest first.
ROLE_PINYIN = {"qiantou": "牵头", "peihe": "配合", "fuze": "负责", "qt": "牵头", "ph": "配合", "fz": "负责"}


def role_suggestions(segment: str, known: set[str], pinyin: dict[str, dict[str, Any]]) -> list[str]:
    """A unit then a role in pinyin: ``办公室qt`` or ``bgsqt`` → ``办公室(牵头)`` (the unit's name in
    Chinese or in pinyin, as :func:`govtui.domain.unit_input.suggest` reads it)."""
    typed = segment.strip()
    for key, role in ROLE_PINYIN.items():
        if not typed.lower().endswith(key) or len(typed) == len(key):
            continue
        name = typed[: -len(key)].rstrip("(（ ")
        names = [name] if name in known else suggest(name, known, pinyin) if name.isascii() else []
        return [f"{n}({role})" for n in names[:3]]
    return []


class UnitField(Vertical):
    """An ``Input`` (id ``input_id``) and, below it, the suggestions for the unit being typed."""

    DEFAULT_CSS = """
    UnitField { height: auto; }
    UnitField > #unit-suggestions { height: auto; }
    """
    BINDINGS = [Binding("tab", "complete_or_next", "补全 / 下一项", show=False)]

    def __init__(self, value: str, known: set[str], pinyin: dict[str, dict[str, Any]] | None = None, *,
                 input_id: str) -> None:
        super().__init__()
        self.known = known
        self.pinyin = pinyin or {}
        self.suggestions: list[str] = []
        self._value = value
        self._input_id = input_id

    def compose(self) -> ComposeResult:
        yield Input(self._value, id=self._input_id)
        hint = Static("", id="unit-suggestions")
        hint.display = False
        yield hint

    @property
    def input(self) -> Input:
        return self.query_one(f"#{self._input_id}", Input)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        field = event.input
        _, segment = current_segment(field.value, field.cursor_position)
        plain = suggest(segment, self.known, self.pinyin)
        self.suggestions = list(dict.fromkeys([*plain, *role_suggestions(segment, self.known, self.pinyin)]))
        line = Text()
        if self.suggestions:
            line.append("建议 (Tab 采用第一个): ", style="dim")
            line.append("  ".join(self.suggestions))
        elif segment and segment.strip() in self.known:
            line.append("角色可用拼音: qt 牵头 · ph 配合 · fz 负责 (如 bgsqt, Tab → 办公室(牵头))", style="dim")
        hint = self.query_one("#unit-suggestions", Static)
        hint.update(line)
        hint.display = bool(line)  # no empty row between the fields when there is nothing to say

    def action_complete_or_next(self) -> None:
        field = self.input
        if self.suggestions:
            field.value, field.cursor_position = complete(field.value, field.cursor_position, self.suggestions[0])
            return
        self.screen.focus_next()
