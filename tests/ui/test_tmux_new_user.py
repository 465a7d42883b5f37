"""End to end in tmux, as a new officer at 80×24 meets the app: the footer shows every key it lists
(``?`` help and ``q`` included) and the palette in Chinese; the full-screen task follows a change made
by someone else; the tree names each plan."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from govtui.domain.text import cell_len

from ..conftest import GOVTUI
from ..terminal import Terminals, until

pytestmark = [pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"), pytest.mark.slow]


def test_footer_and_palette_at_80x24(terminals: Terminals, seeded: Path) -> None:
    term = terminals.start(f"{GOVTUI} --db {seeded}", 80, 24)
    screen = term.wait_for("显示 37 / 37")
    footer = screen.splitlines()[-1]
    for shown in ("u 单位", "s 状态", "/ 搜索", "2 进行中", "3 已完成", "n 写进展", "? 帮助", "q 退出", "命令面板"):
        assert shown in footer, footer
    assert cell_len(footer) <= 80
    lines = screen.splitlines()
    assert any("民政局 2019 0/15" in line for line in lines)  # the tree names the plan, not its year alone
    term.keys("C-p")
    term.wait_for("输入命令名称")
    term.keys("theme", literal=True)
    term.wait_for("切换主题 · Theme")  # Textual's own commands named in Chinese too
    term.keys("Escape")
    term.keys("q")


def test_task_view_follows_a_change_by_someone_else(terminals: Terminals, seeded: Path) -> None:
    term = terminals.start(f"{GOVTUI} --db {seeded}", 80, 24)
    term.wait_for("显示 37 / 37")
    term.keys("Enter")
    term.wait_for("任务 1-1 全文")
    assert "未开始" in term.screen()
    subprocess.run([GOVTUI, "--db", str(seeded), "set", "1-1", "--status", "blocked", "--note", "等待批复"],
                   check=True, capture_output=True, env={**os.environ, "GOVTUI_USER": "李雷"})
    until(lambda: "等待批复" in term.screen() and "受阻" in term.screen(), terminal=term)
    assert "任务 1-1 全文" in term.screen()  # still the full-screen view, now current
    term.keys("2")  # and its keys act on the task shown
    until(lambda: "进行中" in term.screen(), terminal=term)
    term.keys("Escape")
    term.wait_for("显示 37 / 37")
    term.keys("q")


@pytest.mark.parametrize("width", [60, 66, 77])
def test_footer_below_80_columns_cuts_no_character(terminals: Terminals, seeded: Path, width: int) -> None:
    """Narrower than 80 the palette's key (docked right) covered the footer's keys and cut a character
    in two (``^p 命  面板``); now it leaves the footer, whose keys stay whole."""
    term = terminals.start(f"{GOVTUI} --db {seeded}", width, 20)
    screen = term.wait_for("显示 37 / 37")
    footer = screen.splitlines()[-1]
    assert "u 单位" in footer and "? 帮助" in footer, footer
    assert "命" not in footer or "命令面板" in footer, footer
    assert "令面板" not in footer or "命令面板" in footer, footer
    term.keys("q")
