"""End to end: the real ``govtui`` in a real terminal (tmux), read back with capture-pane."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from govtui.storage import read_store
from govtui.text import cell_len

from ..conftest import GOVTUI

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, name: str, width: int, height: int) -> None:
        self.name = name
        self.width = width
        self.height = height

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = ["tmux", "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys]
        subprocess.run(args, check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True,
                              check=True).stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} not on screen:\n{screen}")

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0


@pytest.fixture
def terminal(seeded: Path, isolated_env: Path) -> Iterator:  # type: ignore[type-arg]
    sessions: list[str] = []

    def start(width: int, height: int) -> Terminal:
        name = f"govtui-test-{uuid.uuid4().hex[:8]}"
        env = ["-e", f"HOME={isolated_env}", "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8",
               "-e", f"GOVTUI_CONFIG={isolated_env / 'config.json'}"]
        command = f"env -u COLUMNS -u LINES {GOVTUI} --db {seeded}; sleep 30"
        subprocess.run(["tmux", "-u", "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height),
                        *env, command], check=True)
        sessions.append(name)
        subprocess.run(["tmux", "resize-window", "-t", name, "-x", str(width), "-y", str(height)],
                       capture_output=True)
        return Terminal(name, width, height)

    yield start
    for name in sessions:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def stored_status(db: Path, task_id: str) -> str:
    data = read_store(db)
    return next(t["status"] for t in data["tasks"].values() if t["id"] == task_id)


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
