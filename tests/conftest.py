"""Shared fixtures: every test gets its own store, config and data folders; nothing touches the user's."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

#: A table dumped one cell per line: task 2's unit and deadline cells are merged with task 1's (empty below it),
#: and the page ends in the middle of task 4 (the importer's doubts, and merged cells, are tested on it).
MERGED_CELLS_TABLE = """XX区司法局2024年政务公开重点工作任务分工
序号
工作任务
责任科室
时限要求
一、深化重点领域公开
1
公开行政执法信息，落实行政执法公示制度。
执法监督科
6月底前
2
公开法律援助服务指南。
3
公开人民调解工作情况。
公共法律服务科
持续推进
4
做好政府信息公开申请办理，规范答复
"""

TABLE_SAMPLE = DATA / "huainan-2024-task-division.txt"
PROSE_SAMPLE = DATA / "taishan-2019-work-points.txt"
def _load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("govtui_bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_store = _load_generator().build_store
GOVTUI = shutil.which("govtui", path=str(Path(sys.executable).parent)) or "govtui"
#: tmux on a server of this test run's own (its own socket, no user config): other tmux users on the
#: machine, or another test run, can neither see these sessions nor stop the server under them.
TMUX = ["tmux", "-L", f"govtui-tests-{os.getpid()}", "-f", "/dev/null"]


@pytest.fixture(scope="session", autouse=True)
def tmux_server() -> Iterator[None]:
    """Keep the test server up between tests (a server with no session left exits, and a session started
    while it exits fails), and stop it at the end."""
    if shutil.which("tmux") is None:
        yield None
        return
    subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep 86400"], capture_output=True)
    yield None
    subprocess.run([*TMUX, "kill-server"], capture_output=True)


def stored_tasks(db: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    """Task id → the task as stored on disk (read the way govtui reads it, every plan's part)."""
    from govtui.store.storage import read_store

    return {t["id"]: t for t in read_store(db)["tasks"].values()}


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("GOVTUI_CONFIG", str(home / "config" / "govtui" / "config.json"))
    monkeypatch.delenv("GOVTUI_DB", raising=False)
    monkeypatch.delenv("GOVTUI_TODAY", raising=False)
    monkeypatch.setenv("GOVTUI_LOCK_TIMEOUT", "20")
    return home


@pytest.fixture
def db(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    return folder / "store.json"


@pytest.fixture
def run(db: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real ``govtui`` process against the test store."""

    def runner(*args: str, input: str | None = None, env: dict[str, str] | None = None,
               use_db: bool = True) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "COLUMNS": "120", **(env or {})}
        cmd = [GOVTUI, *(["--db", str(db)] if use_db else []), *args]
        return subprocess.run(cmd, capture_output=True, text=True, input=input, env=full_env, timeout=120)

    return runner


@pytest.fixture
def seeded(db: Path, run: Callable[..., subprocess.CompletedProcess[str]]) -> Path:
    result = run("import", str(TABLE_SAMPLE), str(PROSE_SAMPLE))
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def store(db: Path):  # type: ignore[no-untyped-def]
    """A real store in a temp dir holding the two sample plans (ids 1-… and 2-…)."""
    from govtui.importers import read_plan
    from govtui.store.store import Store

    s = Store(db)
    s.import_plan(read_plan(TABLE_SAMPLE))
    s.import_plan(read_plan(PROSE_SAMPLE))
    return s
