"""The app speaks Chinese in Textual's own places too: the command palette's prompt and its built-in commands."""

from __future__ import annotations

import re

from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import Footer

from govtui.store.store import Store
from govtui.tui.app import make_app
from govtui.tui.screens.palette import NO_MATCHES

from .conftest import wait_for

CJK = re.compile(r"[\u4e00-\u9fff]")


async def test_the_command_palette_asks_in_chinese(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        commands = list(app.get_system_commands(app.main))
        titles = [c.title for c in commands]
        assert "退出 · Quit" in titles and "切换主题 · Theme" in titles and "截图 · Screenshot" in titles
        assert all(CJK.search(c.title) and CJK.search(c.help) for c in commands), titles
        footer = [getattr(key, "description", "") for key in app.main.query_one(Footer).children]
        assert "命令面板" in footer and "palette" not in footer, footer
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        assert app.screen.query_one(CommandInput).placeholder == "输入命令名称 (中文或英文, 如 状态 / status)…"
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))
        app.search_themes()  # the palette's 切换主题 · Theme
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette) and bool(app.screen.query(CommandInput)))
        await pilot.pause()
        assert CJK.search(app.screen.query_one(CommandInput).placeholder)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))


async def test_ctrl_c_says_in_chinese_how_to_quit(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: bool(app._notifications))
        notice = list(app._notifications)[-1]
        assert "退出" in notice.message and "退出" in (notice.title or ""), (notice.title, notice.message)
        assert app.is_running


def palette_prompts(app) -> list[str]:  # type: ignore[no-untyped-def]
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_palette_says_no_match_in_chinese(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette) and bool(app.screen.query(CommandInput)))
        await pilot.press(*"zzqqxx")
        await wait_for(pilot, lambda: any(NO_MATCHES in p for p in palette_prompts(app)), timeout=10)
        assert not any("No matches" in p for p in palette_prompts(app))


async def test_the_theme_list_offers_the_shipped_themes_only(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.search_themes()
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette) and bool(app.screen.query(CommandList)))
        await wait_for(pilot, lambda: len(palette_prompts(app)) >= 3)
        await pilot.pause(0.3)
        offered = palette_prompts(app)
        assert sorted(p.split(" · ")[-1] for p in offered) == sorted(app.theme_names), offered
        assert len(app.theme_names) == 3 and not any("nord" in p or "textual" in p for p in offered)


async def test_a_saved_textual_theme_gives_way_to_the_default(store: Store) -> None:
    from govtui.domain.config import save_config
    from govtui.tui.themes import DEFAULT_THEME

    save_config({"theme": "nord"})  # one of Textual's, chosen in an earlier version's palette
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        assert "nord" not in app.available_themes
