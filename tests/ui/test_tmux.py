"""End to end: the real ``govtui`` in a real terminal (tmux), read back with capture-pane."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from govtui.domain.text import cell_len

from ..conftest import GOVTUI, stored_tasks
from ..terminal import Terminal, Terminals

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def terminal(seeded: Path, terminals: Terminals) -> Callable[[int, int], Terminal]:
    return lambda width, height: terminals.start(f"{GOVTUI} --db {seeded}", width, height)


def stored_status(db: Path, task_id: str) -> str:
    return str(stored_tasks(db)[task_id]["status"])


@pytest.mark.slow
def test_80x24_filter_and_set_status(terminal, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    term = terminal(80, 24)
    screen = term.wait_for("显示 37 / 37")
    lines = screen.splitlines()
    assert len(lines) <= 24
    assert all(cell_len(line) <= 80 for line in lines)
    assert "编号" in screen and "责任单位" in screen and "1-1" in screen
    assert "单位" in lines[-1]  # the footer shows the main keys
    term.keys("u")
    term.wait_for("按单位筛选")
    term.keys("办公室", literal=True)
    term.keys("Enter")
    screen = term.wait_for("显示 26 / 37")
    assert "单位=办公室" in screen
    term.keys("3")
    deadline = time.monotonic() + 15
    while stored_status(seeded, "1-1") != "done" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert stored_status(seeded, "1-1") == "done"
    term.wait_for("已完成")
    term.keys("q")
    deadline = time.monotonic() + 10
    while "显示" in term.screen() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "显示" not in term.screen()


@pytest.mark.slow
def test_160x48_uses_the_room(terminal) -> None:  # type: ignore[no-untyped-def]
    term = terminal(160, 48)
    term.wait_for("显示 37 / 37")
    time.sleep(1.0)  # let the first resize settle
    screen = term.wait_for("任务 1-1")
    lines = screen.splitlines()
    # the detail pane sits beside the table: the requirement text and the task list share rows
    row = next(line for line in lines if "1-1 " in line)
    assert "任务 1-1" in screen
    assert cell_len(row) > 100
    assert sum(1 for line in lines if line.strip()) > 40
    term.keys("?", literal=True)
    term.wait_for("govtui 快捷键")
    term.keys("Escape")
    term.keys("q")
