"""End to end in a real terminal (tmux): the task full-screen, marks and a batch status change."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from govtui.domain.text import cell_len

from ..conftest import GOVTUI, stored_tasks
from ..terminal import Terminal, Terminals, until

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def term(seeded: Path, terminals: Terminals) -> Callable[[int, int], Terminal]:
    return lambda width, height: terminals.start(f"{GOVTUI} --db {seeded}", width, height, {"GOVTUI_USER": "王敏"})


@pytest.mark.slow
def test_enter_shows_the_task_full_screen(term, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    t = term(80, 24)
    t.wait_for("显示 37 / 37")
    t.keys("Enter")
    t.wait_for("任务 1-1 全文")
    screen = t.wait_for("状态: 未开始")
    assert "显示 37 / 37" not in screen  # the table is gone: the task has the screen
    assert "负责: 办公室" in screen and "时限: 持续推进" in screen
    assert "及时公开加快构建现代化产业体系" in screen
    t.keys("Escape")
    screen = t.wait_for("显示 37 / 37")
    assert "任务 1-1 全文" not in screen
    t.keys("q")


@pytest.mark.slow
def test_mark_two_tasks_set_done_and_undo_in_one_step(term, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    t = term(100, 30)
    t.wait_for("显示 37 / 37")
    t.keys("Space")
    t.keys("Space")
    screen = t.wait_for("已标记 2")
    assert "✓1-1" in screen and "✓1-2" in screen
    assert "已标记 2" in screen.splitlines()[0]  # the count stays in the top line
    t.keys("3")
    until(lambda: stored_tasks(seeded)["1-1"]["status"] == "done" and stored_tasks(seeded)["1-2"]["status"] == "done")
    assert stored_tasks(seeded)["1-3"]["status"] == "todo"
    t.wait_for("2 项任务 已完成")
    t.keys("C-z")
    until(lambda: stored_tasks(seeded)["1-1"]["status"] == "todo" and stored_tasks(seeded)["1-2"]["status"] == "todo")
    t.keys("x")
    until(lambda: "✓1-1" not in t.screen() and "✓1-2" not in t.screen() and "已标记" not in t.screen())
    t.keys("q")


@pytest.mark.slow
def test_export_prompt_completes_with_tab_and_stays_open_on_error(term, isolated_env: Path) -> None:  # type: ignore[no-untyped-def]
    (isolated_env / "导出文件夹").mkdir()
    t = term(100, 30)
    t.wait_for("显示 37 / 37")
    t.keys("E")
    t.wait_for("政务公开进展-")  # the dialog, with a name suggested
    # clear the suggested name (again until it is gone: the prompt takes the focus as the dialog opens)
    until(lambda: t.keys("C-u") is None and "政务公开进展-" not in t.screen())
    t.keys("~/导出", literal=True)
    t.wait_for("~/导出")
    t.keys("Tab")
    t.wait_for("~/导出文件夹/")
    t.keys("进展.txt", literal=True)
    t.keys("Enter")
    screen = t.wait_for("无法识别格式")
    assert "~/导出文件夹/进展.txt" in screen  # the typed name is kept
    for gone in ("进展.txt", "进展.tx", "进展.t"):  # one key at a time, as a person types
        t.keys("BSpace")
        until(lambda gone=gone: gone not in t.screen(), terminal=t)  # type: ignore[misc]
    t.keys("md", literal=True)
    t.wait_for("~/导出文件夹/进展.md")
    t.keys("Enter")
    until(lambda: (isolated_env / "导出文件夹" / "进展.md").exists(), terminal=t)
    t.wait_for("已导出 37 项任务")
    t.keys("q")


@pytest.mark.slow
def test_dialog_hints_wrap_at_80_columns(term) -> None:  # type: ignore[no-untyped-def]
    """A dialog's hint longer than the dialog wraps onto the next line instead of being cut."""
    t = term(80, 24)
    t.wait_for("显示 37 / 37")
    t.keys("s")
    screen = t.wait_for("按状态筛选 —")
    assert "进一步缩小" in screen
    assert all(cell_len(line) <= 80 for line in screen.splitlines())
    t.keys("Escape")
    t.keys("q")
