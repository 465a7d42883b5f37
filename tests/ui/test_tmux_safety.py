"""End to end in a real terminal (tmux): themes never crash the app, a crash exits non-zero, a note
draft is never dropped silently, undo and redo walk back and forth, bad `ui` options are explained."""

from __future__ import annotations

import json
import shlex
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from govtui.domain.paths import themes_dir

from ..conftest import GOVTUI, stored_tasks
from ..terminal import Terminal, Terminals, until

pytestmark = [pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"), pytest.mark.slow]

SHIPPED = sorted(json.loads(p.read_text(encoding="utf-8"))["name"] for p in themes_dir().glob("*.json"))


@pytest.fixture
def tmux(terminals: Terminals, tmp_path: Path) -> Callable[..., tuple[Terminal, Path]]:
    """Start a command in a new tmux session; returns the terminal and the file its exit code lands in."""

    def start(command: str, width: int = 100, height: int = 30) -> tuple[Terminal, Path]:
        exit_file = tmp_path / f"exit-{len(terminals.sessions)}"
        term = terminals.start(command, width, height, {"GOVTUI_LOCK_TIMEOUT": "20"}, exit_file=exit_file)
        return term, exit_file

    return start


def exit_code(exit_file: Path, timeout: float = 15.0) -> int:
    deadline = time.monotonic() + timeout
    while not exit_file.exists() or not exit_file.read_text().strip():
        if time.monotonic() > deadline:
            raise AssertionError("the process did not end")
        time.sleep(0.2)
    return int(exit_file.read_text().strip())


def test_t_twice_keeps_the_app_running_and_it_opens_again(tmux, seeded: Path, isolated_env: Path) -> None:  # type: ignore[no-untyped-def]
    term, exit_file = tmux(f"{GOVTUI} --db {seeded}")
    term.wait_for("显示 37 / 37")
    for _ in SHIPPED:  # through every theme, the high-contrast one included
        term.keys("t")
        time.sleep(0.8)
        assert "显示 37 / 37" in term.wait_for("显示 37 / 37"), term.screen()
        assert not exit_file.exists(), term.screen()
    saved = json.loads((isolated_env / "config.json").read_text(encoding="utf-8"))["theme"]
    term.keys("q")
    assert exit_code(exit_file) == 0
    again, again_exit = tmux(f"{GOVTUI} --db {seeded}")
    again.wait_for("显示 37 / 37")
    assert saved in SHIPPED
    again.keys("q")
    assert exit_code(again_exit) == 0


@pytest.mark.parametrize("theme", SHIPPED)
def test_the_app_opens_in_every_shipped_theme(tmux, seeded: Path, isolated_env: Path, theme: str) -> None:  # type: ignore[no-untyped-def]
    (isolated_env / "config.json").write_text(json.dumps({"theme": theme}), encoding="utf-8")
    term, exit_file = tmux(f"{GOVTUI} --db {seeded}", 80, 24)
    screen = term.wait_for("显示 37 / 37")
    assert "1-1" in screen and "无法使用" not in screen
    term.keys("n")
    term.wait_for("进展记录")
    term.keys("Escape")
    time.sleep(0.5)
    term.keys("q")
    assert exit_code(exit_file) == 0, term.screen()


def test_a_broken_saved_theme_falls_back(tmux, seeded: Path, isolated_env: Path) -> None:  # type: ignore[no-untyped-def]
    (isolated_env / "config.json").write_text(json.dumps({"theme": "no-such-theme"}), encoding="utf-8")
    term, exit_file = tmux(f"{GOVTUI} --db {seeded}")
    screen = term.wait_for("显示 37 / 37")
    term.wait_for("no-such-theme")
    assert "govtui-dark" in term.screen() or "govtui-dark" in screen
    term.keys("q")
    assert exit_code(exit_file) == 0


def test_a_crash_exits_non_zero_and_says_so(tmux, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    crash = ("import sys; import govtui.tui.screens.main as m; "
             "m.MainScreen.action_help = lambda self: 1 / 0; "
             "from govtui.cli.main import main; sys.argv[0] = 'govtui'; main()")
    term, exit_file = tmux(f"{shlex.quote(sys.executable)} -c {shlex.quote(crash)} --db {seeded}")
    term.wait_for("显示 37 / 37")
    term.keys("?", literal=True)
    assert exit_code(exit_file) == 3
    assert "内部错误" in term.screen()


def test_escape_in_the_note_editor_asks_first(tmux, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    term, exit_file = tmux(f"{GOVTUI} --db {seeded}")
    term.wait_for("显示 37 / 37")
    term.keys("n")
    term.wait_for("Ctrl+S 保存")
    term.keys("写了一半的记录", literal=True)
    term.wait_for("写了一半的记录")
    term.keys("Escape")
    term.wait_for("放弃这条尚未保存的进展记录")
    term.keys("n")
    time.sleep(0.5)
    screen = term.screen()
    assert "写了一半的记录" in screen and "放弃这条" not in screen
    term.keys("C-s")
    until(lambda: bool(stored_tasks(seeded)["1-1"]["notes"]))
    assert stored_tasks(seeded)["1-1"]["notes"][0]["text"] == "写了一半的记录"
    term.keys("q")
    assert exit_code(exit_file) == 0


def test_ctrl_z_walks_back_and_ctrl_y_forward(tmux, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    term, exit_file = tmux(f"{GOVTUI} --db {seeded}")
    term.wait_for("显示 37 / 37")
    term.keys("2")
    until(lambda: stored_tasks(seeded)["1-1"]["status"] == "doing")
    term.keys("3")
    until(lambda: stored_tasks(seeded)["1-1"]["status"] == "done")
    term.keys("C-z")
    until(lambda: stored_tasks(seeded)["1-1"]["status"] == "doing")
    term.wait_for("已撤销")
    term.keys("C-z")
    until(lambda: stored_tasks(seeded)["1-1"]["status"] == "todo")
    term.keys("C-y")
    until(lambda: stored_tasks(seeded)["1-1"]["status"] == "doing")
    term.wait_for("已重做")
    assert "被" not in term.screen()  # no "changed by someone else"
    term.keys("q")
    assert exit_code(exit_file) == 0


def test_ui_with_an_unknown_unit_or_a_missing_folder_explains(tmux, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    term, exit_file = tmux(f"{GOVTUI} --db {seeded} ui --unit 不存在的单位")
    term.wait_for("没有名为 不存在的单位 的单位")
    assert exit_code(exit_file) == 2
    term, exit_file = tmux(f"{GOVTUI} --db /typo/dir/x.json")
    term.wait_for("/typo/dir 不存在")
    assert exit_code(exit_file) == 2


def test_keys_typed_during_a_slow_load_never_act_later(tmux, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`i` and `/abc` Enter typed while a large store loads: refused with 正在加载… while the screen
    answers; typed while the screen is held up, dropped when it is back. Nothing is written either way."""
    from govtui.store.storage import read_store

    from ..conftest import build_store

    path = tmp_path / "big.json"
    build_store(path, 6000)
    from govtui.store.store import Store

    Store(path).plan_rows()  # the lookup index and its first screen: the app starts from them
    before, manifest = read_store(path), path.read_bytes()
    gates = tmp_path / "gates"
    gates.mkdir()
    launcher = Path(__file__).with_name("launch_held.py")
    term, exit_file = tmux(f"{sys.executable} {launcher} {path} {gates}")
    term.wait_for("显示")
    term.keys("i")  # the screen answers, the store is still being read
    term.wait_for("正在加载")
    term.keys("/")
    term.keys("abc", literal=True)
    term.keys("Enter")
    (gates / "read").touch()  # the read ends; showing it holds the event loop up
    until(lambda: (gates / "blocked").exists())
    term.keys("i")
    term.keys("/")
    term.keys("abc", literal=True)
    term.keys("Enter", "3", "b", "y", "X", "y")
    # typed while held: wait until the terminal driver has read all 17 keys, before the loop goes on
    until(lambda: (gates / "keys").exists() and len((gates / "keys").read_text().split()) >= 17)
    (gates / "show").touch()
    screen = term.wait_for("已忽略")
    assert "输入路径, Enter 预览" not in screen, screen  # no import dialog opened late
    assert read_store(path) == before and path.read_bytes() == manifest  # no data changed
    term.keys("q")  # keys typed now act (a busy machine may take a while to close 6,000 tasks' screen)
    try:
        code = exit_code(exit_file, timeout=60)
    except AssertionError:
        raise AssertionError(f"the app did not end after q; its screen:\n{term.screen()}") from None
    assert code == 0, term.screen()
