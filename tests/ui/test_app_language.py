"""The app speaks Chinese in Textual's own places too: the command palette's prompt and its built-in commands."""

from __future__ import annotations

import re

from textual.command import CommandInput, CommandPalette
from textual.widgets import Footer

from govtui.app import make_app
from govtui.store import Store

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
