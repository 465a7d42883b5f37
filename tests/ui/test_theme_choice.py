"""The app through Pilot: a theme chosen from the command palette is remembered like ``t``."""

from __future__ import annotations

from govtui.domain.config import load_config
from govtui.store.store import Store
from govtui.tui.app import make_app

from .conftest import wait_for


async def test_theme_from_the_palette_is_remembered(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        started = app.theme
        other = next(name for name in app.theme_names if name != started)
        # the palette's "Change theme" list sets App.theme, as this does
        app.theme = other
        await wait_for(pilot, lambda: load_config().get("theme") == other)
    again = make_app(store)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == other

