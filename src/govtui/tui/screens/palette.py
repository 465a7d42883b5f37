"""The command palette in Chinese, and the theme list of the themes govtui ships.

Textual's palette says ``No matches found`` in English, from inside a private method
(``CommandPalette._start_no_matches_countdown``); :class:`GovPalette` says it in Chinese there.
tests/ui/test_app_language.py fails when a Textual release renames what this relies on.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

NO_MATCHES = "没有匹配的命令 (no matches)"


class GovPalette(CommandPalette):
    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's, in Chinese: after a moment with nothing found, the list says so."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:  # discovering (nothing typed): nothing to say
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class ShippedThemes(Provider):
    """The themes govtui ships (and tests), by their Chinese names too: not Textual's twenty."""

    def _commands(self) -> list[tuple[str, Callable[[], None]]]:
        app: Any = self.app
        names: dict[str, str] = getattr(app, "theme_labels", lambda: {})()

        def choose(name: str) -> None:
            app.theme = name

        return [(f"{label} · {name}", partial(choose, name)) for name, label in names.items()]

    async def discover(self) -> Hits:
        for title, callback in self._commands():
            yield DiscoveryHit(title, callback)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback in self._commands():
            if (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), callback)
