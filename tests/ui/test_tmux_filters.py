"""End to end in tmux: sorting, status and unit filters, jumping to a task, every terminal size,
overdue tasks with their real status, the first day on an empty store."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from govtui.domain.text import cell_len

from ..conftest import GOVTUI
from ..daily_store import TODAY, build_dated_store
from ..terminal import Terminal, Terminals

pytestmark = [pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"), pytest.mark.slow]


@pytest.fixture
def dated(db: Path) -> Path:
    build_dated_store(db)
    return db


@pytest.fixture
def launch(terminals: Terminals, isolated_env: Path) -> Callable[..., Terminal]:
    def start(db: Path | None, width: int, height: int, args: str = "") -> Terminal:
        """The app on ``db`` (``None``: the default store, created on first start) in a width×height terminal."""
        env = {"GOVTUI_TODAY": TODAY.isoformat(), "XDG_DATA_HOME": str(isolated_env / "data"),
               "XDG_CACHE_HOME": str(isolated_env / "cache")}
        return terminals.start(f"{GOVTUI} {f'--db {db}' if db is not None else ''} {args}", width, height, env)

    return start


def table_ids(screen: str, ids: list[str]) -> list[str]:
    """The ids among ``ids`` in the order their rows appear on screen."""
    found: list[tuple[int, str]] = []
    for row, line in enumerate(screen.splitlines()):
        for task_id in ids:
            if re.search(rf"(^|[\s│▎▊]){re.escape(task_id)}\s", line) and "任务 " + task_id not in line:
                found.append((row, task_id))
    return [task_id for _, task_id in sorted(found)]


IDS = ["1-10", "1-2", "1-1.10", "1-1.2", "1-3"]


def test_sort_key_cycles_and_shows_in_the_top_line(launch, dated: Path) -> None:  # type: ignore[no-untyped-def]
    term = launch(dated, 120, 30)
    screen = term.wait_for("显示 5 / 5")
    assert table_ids(screen, IDS) == IDS  # as stored: document order
    assert "排序=" not in screen
    term.keys("S")
    screen = term.wait_for("排序=时限")
    assert table_ids(screen, IDS) == ["1-2", "1-3", "1-10", "1-1.2", "1-1.10"]
    assert "排序=时限" in screen.splitlines()[0]
    term.keys("S")
    screen = term.wait_for("排序=状态")
    assert table_ids(screen, IDS) == ["1-2", "1-1.10", "1-10", "1-1.2", "1-3"]
    term.keys("S")
    screen = term.wait_for("排序=单位")
    assert table_ids(screen, IDS) == ["1-10", "1-2", "1-1.10", "1-3", "1-1.2"]  # 办 财 法 法 各 (pinyin)
    term.keys("S")
    screen = term.wait_for("排序=编号")
    assert table_ids(screen, IDS) == ["1-1.2", "1-1.10", "1-2", "1-3", "1-10"]
    term.keys("q")


def test_status_picker_takes_several_values_not_done_and_due_soon(launch, dated: Path) -> None:  # type: ignore[no-untyped-def]
    term = launch(dated, 120, 30)
    term.wait_for("显示 5 / 5")
    term.keys("s")
    term.wait_for("空格 选择多个")
    term.keys("Down", "Space", "Down", "Down", "Space", "Enter")  # 进行中, 受阻
    screen = term.wait_for("显示 3 / 5")
    assert "状态=进行中+受阻" in screen.splitlines()[0]
    assert table_ids(screen, IDS) == ["1-10", "1-2", "1-1.10"]
    term.keys("s")
    term.wait_for("空格 选择多个")
    term.keys("Down", "Space", "Down", "Down", "Space")  # unmark 进行中 and 受阻
    term.keys("Down", "Down", "Space", "Enter")  # 未完成
    screen = term.wait_for("显示 4 / 5")
    assert "状态=未完成" in screen
    term.keys("s")
    term.wait_for("空格 选择多个")
    term.keys("End", "Up", "Space", "Up", "Space", "Enter")  # 即将到期 instead of 未完成 (待核对 is last)
    screen = term.wait_for("显示 2 / 5")
    assert "状态=即将到期(7个工作日)" in screen
    assert table_ids(screen, IDS) == ["1-10", "1-2"]
    term.keys("q")


def test_unit_picker_role_and_generic_units_in_one_key(launch, dated: Path) -> None:  # type: ignore[no-untyped-def]
    term = launch(dated, 120, 30)
    term.wait_for("显示 5 / 5")
    term.keys("u")
    term.wait_for("按单位筛选 — ")
    term.keys("办公室", literal=True)
    term.keys("C-r", "Enter")  # 牵头
    screen = term.wait_for("显示 1 / 5")
    assert "单位=办公室(牵头)" in screen and table_ids(screen, IDS) == ["1-10"]
    term.keys("u")
    term.wait_for("按单位筛选 — ")
    term.keys("办公室", literal=True)
    term.keys("C-g", "Enter")  # any role, with 各科室
    screen = term.wait_for("显示 3 / 5")
    assert "单位=办公室+各科室等" in screen and table_ids(screen, IDS) == ["1-10", "1-1.2", "1-3"]
    term.keys("u")
    term.wait_for("按单位筛选 — ")
    term.keys("办公室", literal=True)
    term.keys("C-r", "C-r", "C-g", "Enter")  # 配合, with 各科室
    screen = term.wait_for("显示 2 / 5")
    assert "单位=办公室(配合)+各科室等" in screen and table_ids(screen, IDS) == ["1-10", "1-3"]
    term.keys("q")


def test_colon_goes_to_a_task_by_id(launch, dated: Path) -> None:  # type: ignore[no-untyped-def]
    term = launch(dated, 120, 30)
    term.wait_for("任务 1-10")  # the first task is highlighted
    term.keys(":")
    term.wait_for("跳转到任务")
    term.keys("1-1.2", literal=True)
    term.keys("Enter")
    term.wait_for("任务 1-1.2")
    term.keys(":")
    term.wait_for("跳转到任务")
    term.keys("2", literal=True)  # a number in the plan in view
    term.keys("Enter")
    term.wait_for("任务 1-2 ")
    term.keys("s")
    term.wait_for("空格 选择多个")
    term.keys("Down", "Down", "Enter")  # 已完成: only 1-3 shown
    term.wait_for("显示 1 / 5")
    term.keys(":")
    term.wait_for("跳转到任务")
    term.keys(":1-10", literal=True)
    term.keys("Enter")
    screen = term.wait_for("任务 1-10")
    assert "显示 5 / 5" in screen  # the filter that hid it is cleared
    term.keys(":")
    term.wait_for("跳转到任务")
    term.keys("1-99", literal=True)
    term.keys("Enter")
    screen = term.wait_for("没有编号为 1-99 的任务")
    assert "任务 1-10" in screen  # the highlight stays where it was
    term.keys("q")


@pytest.mark.parametrize(("width", "height"), [(60, 20), (80, 24), (120, 40), (139, 40), (140, 40), (200, 60)])
def test_every_terminal_size(launch, seeded: Path, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    term = launch(seeded, width, height)
    screen = term.wait_for("显示 37 / 37")
    screen = term.wait_for("0/37")  # the tree is drawn
    lines = screen.splitlines()
    assert len(lines) <= height
    assert all(cell_len(line) <= width for line in lines), [line for line in lines if cell_len(line) > width]
    header = next(line for line in lines if "编号" in line and "要求" in line)
    assert "状态" in header
    text_width = cell_len(header[: header.index("责任单位")]) - cell_len(header[: header.index("要求")])
    assert text_width >= 12 + 1  # 要求 keeps at least 6 characters (12 cells) and its space
    assert "u 单位" in lines[-1]  # the footer
    # the tree's counts are never cut, however long the plan's name
    assert re.search(r"全部计划 0/37", screen)
    assert re.search(r" 0/22\b", screen) and re.search(r" 0/15\b", screen)
    term.keys("q")


def test_overdue_tasks_keep_their_status(launch, dated: Path) -> None:  # type: ignore[no-untyped-def]
    term = launch(dated, 120, 40)
    screen = term.wait_for("显示 5 / 5")
    row = next(line for line in screen.splitlines() if re.search(r"(^|│)1-2\s", line))
    assert "进行中·逾期3天" in row
    term.keys(":")
    term.wait_for("跳转到任务")
    term.keys("1-2", literal=True)
    term.keys("Enter")
    screen = term.wait_for("任务 1-2 ")
    assert "状态: 进行中 · 逾期 3 天 (doing)" in screen
    term.keys("q")


def test_first_day_empty_store_says_how_to_import(launch, db: Path) -> None:  # type: ignore[no-untyped-def]
    term = launch(db, 120, 30)  # a new store file named with --db: created empty
    screen = term.wait_for("库中还没有计划")
    assert "按 i" in screen and "govtui import 文件" in screen and "示例计划在" in screen
    assert "huainan" in screen or "/data" in screen  # where the sample plans are
    term.keys("q")


def test_first_run_message_shows_inside_the_app(launch) -> None:  # type: ignore[no-untyped-def]
    term = launch(None, 140, 40)  # the default store, created (with the samples) on first start
    term.wait_for("已新建库文件")  # the notice, in the app
    term.wait_for("显示 37 / 37")  # over the store it announces (the top line may be drawn a moment later)
    term.keys("q")


def test_filter_bar_names_the_unit_not_the_pinyin(launch, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    term = launch(seeded, 100, 30, "ui --unit bgs")
    screen = term.wait_for("显示 26 / 37")
    assert "单位=办公室" in screen and "单位=bgs" not in screen
    term.keys("q")


def test_search_treats_ascii_and_curly_quotes_alike(launch, dated: Path) -> None:  # type: ignore[no-untyped-def]
    term = launch(dated, 120, 30)
    term.wait_for("显示 5 / 5")
    term.keys("/")
    term.wait_for("搜索要求和进展记录")
    term.keys('"政策解读"', literal=True)  # the task says “政策解读”
    screen = term.wait_for("显示 1 / 5")
    assert table_ids(screen, IDS) == ["1-10"]
    term.keys("q")


def test_help_lists_the_new_keys(launch, dated: Path) -> None:  # type: ignore[no-untyped-def]
    term = launch(dated, 200, 80)  # the help table grew with C (confirm)
    term.wait_for("显示 5 / 5")
    term.keys("?")
    screen = term.wait_for("切换排序")  # the last of the keys: the whole table is drawn
    assert "govtui 快捷键" in screen and "跳转到任务" in screen and "按状态筛选" in screen
    term.keys("Escape", "q")
