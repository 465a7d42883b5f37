"""Radio buttons and check boxes whose mark says whether they are on, not only their colour.

Textual's stock ones draw the same ``●`` / ``X`` on or off and tell them apart by colour alone, which a
monochrome terminal (or a screen reader of the text) loses: these draw the mark only when on.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class MarkedRadioButton(RadioButton):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class MarkedCheckbox(Checkbox):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button
