"""End to end in a real terminal (tmux on its own server): the 催办 brief reaches the clipboard through
OSC 52 (tmux's buffer with set-clipboard on) and a file; the report draws the year."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from govtui.domain.model import Status
from govtui.store.store import Store

from ..conftest import GOVTUI

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def tmux(isolated_env: Path) -> Iterator[list[str]]:
    server = ["tmux", "-L", f"govtui-year-{uuid.uuid4().hex[:8]}", "-f", "/dev/null"]
    yield server
    subprocess.run([*server, "kill-server"], capture_output=True)


def wait_for(server: list[str], text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = subprocess.run([*server, "capture-pane", "-p", "-t", "app"], capture_output=True, text=True).stdout
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not on screen:\n{screen}")


def test_brief_copied_with_osc52_and_saved(tmux: list[str], seeded: Path, isolated_env: Path,
                                           tmp_path: Path) -> None:
    store = Store(seeded)
    store.set_deadline("1-1", "2024年6月底前")
    store.set_deadline("1-8", "2024年7月10日前")
    store.set_status("1-8", Status.DONE)
    out = tmp_path / "out"
    env = ["-e", f"HOME={isolated_env}", "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8", "-e", "GOVTUI_TODAY=2024-07-01",
           "-e", f"GOVTUI_OUTPUT={out}", "-e", f"GOVTUI_CONFIG={isolated_env / 'config.json'}"]
    command = f"env -u COLUMNS -u LINES {GOVTUI} --db {seeded} ui --unit 办公室; sleep 30"
    subprocess.run([*tmux, "-u", "new-session", "-d", "-s", "app", "-x", "120", "-y", "40", *env, command], check=True)
    subprocess.run([*tmux, "set", "-g", "set-clipboard", "on"], check=True)
    wait_for(tmux, "单位=办公室")
    subprocess.run([*tmux, "send-keys", "-t", "app", "m"], check=True)
    screen = wait_for(tmux, "已复制到剪贴板 (OSC 52)")
    assert "催办-办公室-2024-07-01.txt" in screen
    buffer = subprocess.run([*tmux, "show-buffer"], capture_output=True, text=True).stdout
    assert buffer.startswith("【催办】办公室（2024年7月1日）") and "[1-1] 编号1" in buffer
    assert "1-8" not in buffer  # done
    assert (out / "催办-办公室-2024-07-01.txt").read_text(encoding="utf-8").strip() == buffer.strip()
    subprocess.run([*tmux, "send-keys", "-t", "app", "r"], check=True)
    screen = wait_for(tmux, "完成进度")
    assert "已完成但无公开凭证 1 项: 1-8" in screen
