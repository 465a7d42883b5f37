"""A Chinese character is drawn whole or not at all: after a notice closes, under a widget's hidden
edge, after a resize.  What the app writes is played into a terminal emulator (pyte: writing into half
of a wide character wipes it, as tmux does) and compared with a fresh full redraw of the same screen."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pyte
import textual.screen
from textual._compositor import ChopsUpdate, Compositor
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.pilot import Pilot
from textual.widgets import Label, Static
from textual.widgets._toast import Toast, ToastRack
from wcwidth import wcwidth

from govtui.store.store import Store
from govtui.tui.app import make_app
from govtui.tui.screens.whole_glyphs import WholeGlyphCompositor, install
from govtui.tui.widgets.task_table import TaskTable

from .conftest import wait_for


class Replay:
    """A terminal fed with every update ``app`` writes (headless tests write none: this is what a terminal
    would have received)."""

    def __init__(self, app: App[Any], width: int, height: int) -> None:
        self.app = app
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.Stream(self.screen)
        app._display = self._show  # type: ignore[method-assign]

    def _show(self, screen: object, renderable: object) -> None:
        if renderable is not None and hasattr(renderable, "render_segments"):
            self.stream.feed(renderable.render_segments(self.app.console))

    def resize(self, width: int, height: int) -> None:
        self.screen.resize(height, width)

    def lines(self) -> list[str]:
        return display(self.screen)

    def redrawn(self) -> list[str]:
        """The same screen drawn afresh, whole (what it should look like)."""
        fresh = pyte.Screen(self.screen.columns, self.screen.lines)
        update = self.app.screen._compositor.render_update(full=True)
        pyte.Stream(fresh).feed(update.render_segments(self.app.console))
        return display(fresh)


#: Where a terminal holds the right half of a character whose left half was written over.
HALF = "\N{REPLACEMENT CHARACTER}"


def display(screen: pyte.Screen) -> list[str]:
    """The screen's lines; a lone right half of a wide character shows as :data:`HALF`."""
    lines = []
    for y in range(screen.lines):
        row, text, x = screen.buffer[y], [], 0
        while x < screen.columns:
            data = row[x].data
            text.append(data or HALF)
            x += 2 if data and wcwidth(data[0]) == 2 else 1
        lines.append("".join(text))
    return lines


def differences(replay: Replay) -> list[str]:
    return [f"{got!r}\n  redrawn {want!r}" for got, want in zip(replay.lines(), replay.redrawn(), strict=True)
            if got != want]


#: Lines of Chinese starting at even and odd columns: any edge cuts a character on every other line.
ROWS = [("x" if i % 2 else "") + "未开始进行中已完成受阻" * 8 for i in range(24)]


class Rows(App[None]):
    CSS = "Static { height: 1; text-wrap: nowrap; text-overflow: clip; }"

    def compose(self) -> ComposeResult:
        for row in ROWS:
            yield Static(row)


@asynccontextmanager
async def rows_on_screen() -> AsyncIterator[tuple[Rows, Pilot[None], Replay]]:
    """The rows app at 80×24 with notices, and a replay of what it writes to the terminal from a full frame on."""
    install()
    app = Rows()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        replay = Replay(app, 80, 24)
        app.screen.refresh()
        await pilot.pause()
        yield app, pilot, replay


async def test_the_cells_under_a_closed_notice_are_redrawn_with_whole_characters() -> None:
    async with rows_on_screen() as (app, pilot, replay):
        app.notify("新建了库文件 " * 5, timeout=0.5)
        await wait_for(pilot, lambda: "新建了库文件" in "".join(replay.lines()))
        await wait_for(pilot, lambda: "新建了库文件" not in "".join(replay.lines()))
        await pilot.pause()
        assert differences(replay) == []
        assert replay.lines()[21].rstrip().endswith("进行中")  # the character at the notice's edge


async def test_every_closing_notice_is_painted_over_after_the_notices_were_laid_out_again() -> None:
    """The notice rack laid out once more with nothing changed (a second layout pass after notices come or
    go, as on a busy machine) left Textual's full map to be rebuilt lazily; the next notice closing had it
    rebuilt before the layout that compares against it, so the notice's cells were never repainted: every
    notice closing after that stayed drawn until Ctrl+L (tests/ui/test_tmux_sizes.py at 200×50 under load)."""
    async with rows_on_screen() as (app, pilot, replay):
        for i in range(3):
            app.notify(f"第{i}条通知 " * 3, timeout=60)
        await wait_for(pilot, lambda: "第2条通知" in "".join(replay.lines()))
        for i in range(3):
            app.screen.query_one(ToastRack).refresh(layout=True)
            await pilot.pause()
            toast = next(t for t in app.screen.query(Toast) if f"第{i}条" in t._notification.message)
            toast._expire()
            await wait_for(pilot, lambda t=toast: t not in app.screen.query(Toast))  # type: ignore[misc]
            await pilot.pause()
            shown = "".join(replay.lines())
            assert f"第{i}条通知" not in shown, (i, replay.lines())
            assert all(f"第{j}条通知" in shown for j in range(i + 1, 3)), (i, replay.lines())
        assert differences(replay) == []


class DockedKey(App[None]):
    """Keys that run on under a key docked on the right, as the footer's under ``^p 命令面板``."""

    CSS = "Horizontal { height: 1; } Horizontal Label { width: auto; margin-right: 1; } #top { dock: right; }"

    def compose(self) -> ComposeResult:
        with Horizontal():
            for i in range(12):
                yield Label("a 单位" if i % 2 else "bb 状态")
            yield Label("^p 命令面板", id="top")


async def test_a_character_over_the_edge_of_a_hidden_widget_stays_whole() -> None:
    install()
    app = DockedKey()
    async with app.run_test(size=(40, 3)) as pilot:
        await pilot.pause()
        assert app.screen._compositor.render_strips()[0].text.rstrip().endswith("^p 命令面板")


#: Notices as the app gives them (stacked, they reach the table's rows).
NOTICES = ["1-1 → 进行中 已保存", "催办通知已复制到剪贴板 (OSC 52); 终端不支持时见文件 催办-办公室.txt",
           "年度报告素材已写入 2024年度报告素材-1.docx 和 .md", "排序: 时限"]


async def test_notice_close_resize_filter_at_every_size_leaves_no_cut_character(store: Store) -> None:
    """The real app, every update it writes played into a terminal: after each step the screen is what a
    full redraw gives."""
    app = make_app(store, notices=["新建了库文件, 已导入示例计划 (2 个计划, 37 项任务)。i 导入 · ? 帮助"])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        replay = Replay(app, 80, 24)
        app.screen.refresh()
        await wait_for(pilot, lambda: "显示 37 / 37" in "".join(replay.lines()))
        for width, height in ((80, 24), (60, 20), (120, 40), (200, 50)):
            replay.resize(width, height)
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            for notice in NOTICES:
                app.notify(notice, timeout=0.5, markup=False)
            await wait_for(pilot, lambda: "催办通知" in "".join(replay.lines()))
            await wait_for(pilot, lambda: not app.screen.query(Toast))
            await pilot.pause()
            assert differences(replay) == [], (width, height, "notice closed")
            await pilot.press("slash", *"公开")
            await wait_for(pilot, lambda: len(app.main.query_one(TaskTable).tasks) < 37)  # type: ignore[union-attr]
            await pilot.press("escape", "escape")
            await wait_for(pilot, lambda: len(app.main.query_one(TaskTable).tasks) == 37)  # type: ignore[union-attr]
            await pilot.pause()
            assert differences(replay) == [], (width, height, "filtered")
            assert not any(HALF in line for line in replay.lines())


def test_textual_still_has_what_the_fix_relies_on() -> None:
    """Private Textual parts the fix builds on: a release that renames or reshapes one fails here."""
    install()
    assert textual.screen.Compositor is WholeGlyphCompositor  # type: ignore[attr-defined]
    assert list(inspect.signature(Compositor._render_chops).parameters) == ["self", "crop", "is_rendered_line"]
    assert list(inspect.signature(Compositor._get_renders).parameters) == ["self", "crop"]
    assert isinstance(Compositor.cuts, property)
    assert list(inspect.signature(ChopsUpdate.__init__).parameters) == ["self", "chops", "spans", "chop_ends"]
    assert "self._compositor = Compositor()" in inspect.getsource(textual.screen.Screen.__init__)
    # a layout compares with ``_full_map``, which the ``full_map`` property rebuilds lazily
    assert list(inspect.signature(Compositor.reflow).parameters) == ["self", "parent", "size"]
    assert "old_map = self._full_map" in inspect.getsource(Compositor.reflow)
    assert "self._full_map = map" in inspect.getsource(Compositor.reflow)
    assert "self._full_map = map" in inspect.getsource(Compositor.full_map.fget)  # type: ignore[attr-defined]
