"""One binding table (keys.KEY_ACTIONS) behind the bindings, the help screen and the README's key table."""

from __future__ import annotations

import re

from govtui.tui.keys import KEY_ACTIONS, display_key
from govtui.tui.screens.help import help_text
from govtui.tui.screens.main import MainScreen

from ..conftest import ROOT


def readme_key_table() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("| key | action |")
    return text[start: text.index("\n\n", start)]


def test_readme_key_table_lists_every_binding() -> None:
    table = readme_key_table()
    keys_in_table = set(re.findall(r"`([^`]+)`", "\n".join(line.split("|")[1] for line in table.splitlines())))
    missing = [display_key(k.key) for k in KEY_ACTIONS if display_key(k.key) not in keys_in_table]
    assert missing == []


def test_help_is_generated_from_the_binding_table() -> None:
    shown = help_text().plain
    for key in KEY_ACTIONS:
        assert re.search(rf"^{re.escape(display_key(key.key))}\s+{re.escape(key.zh)}", shown, re.M), key


def test_the_screen_binds_exactly_the_table() -> None:
    bound = {(b.key, b.action) for b in MainScreen.BINDINGS if not isinstance(b, tuple)}
    assert bound == {(k.key, k.action) for k in KEY_ACTIONS}
