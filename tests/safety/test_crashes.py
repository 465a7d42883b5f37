"""Killed writers, hang-ups and terminations: the store is always whole, and what was saved stays saved."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from govtui.domain.files import TEMP_PREFIX
from govtui.domain.model import Status
from govtui.store.checks import check_file, list_backups
from govtui.store.storage import read_store
from govtui.store.store import SCHEMA_VERSION, Store

from ..conftest import GOVTUI, TMUX, build_store

WRITER = textwrap.dedent("""
    import sys
    from govtui.store.store import Store
    store = Store(sys.argv[1])
    store.snapshot()
    print("ready", flush=True)
    for i in range(1000):
        store.add_note("5-5", f"{sys.argv[2]}-{i}")
        print(i, flush=True)  # acknowledged: this note is on disk
""")


@pytest.mark.slow
def test_sigkill_during_writes_leaves_before_or_after(tmp_path: Path) -> None:
    """A writer adds notes in a loop and is killed at a random moment, 50 times over.

    Every time, the store opens, and the notes are exactly those of the writes that
    completed (each write is there whole or not at all), including every acknowledged one.
    """
    db = tmp_path / "big.json"
    build_store(db, 10_000)
    rng = random.Random(1)
    notes: list[str] = [n.text for n in Store(db).task("5-5").notes]
    for attempt in range(50):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), f"k{attempt}"],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.4))
        proc.send_signal(signal.SIGKILL)
        acknowledged = [line.strip() for line in proc.stdout.read().splitlines() if line.strip().isdigit()]
        proc.wait()
        current = [n.text for n in Store(db).task("5-5").notes]  # opens and parses: never half-written
        added = current[len(notes):]
        assert current[: len(notes)] == notes
        assert added == [f"k{attempt}-{i}" for i in range(len(added))]  # whole writes, in order
        assert len(added) >= len(acknowledged)  # nothing acknowledged is lost
        notes = current
    assert check_file(db) == []
    assert len(notes) >= 10  # the kills landed while writes were going on
    Store(db, lock_timeout=2).set_status("5-5", Status.DONE)  # no lock left behind


def test_leftover_temp_files_are_removed_at_next_start(seeded: Path, run) -> None:  # type: ignore[no-untyped-def]
    stale = seeded.parent / f"{TEMP_PREFIX}{seeded.name}.abc123"
    stale.write_bytes(b"{half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = seeded.parent / f"{TEMP_PREFIX}{seeded.name}.inflight"
    fresh.write_bytes(b"{being written")
    assert run("plans").returncode == 0
    assert not stale.exists()
    assert fresh.exists()  # a live writer's file is left alone


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_app_killed_by_hangup_keeps_what_was_saved(seeded: Path, isolated_env: Path, sig: int) -> None:
    import shutil

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    name = f"govtui-sig-{os.getpid()}-{sig}"
    pidfile = isolated_env / "pid"
    cmd = f"echo $$ > {pidfile}; exec env -u COLUMNS -u LINES {GOVTUI} --db {seeded}"
    subprocess.run([*TMUX, "-u", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", "-e", "LANG=C.UTF-8",
                    "-e", f"HOME={isolated_env}", cmd], check=True)
    try:
        deadline = time.monotonic() + 20
        while "显示 37 / 37" not in _screen(name) and time.monotonic() < deadline:
            time.sleep(0.2)
        subprocess.run([*TMUX, "send-keys", "-t", name, "j", "3"], check=True)
        while "已保存" not in _screen(name) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "已保存" in _screen(name)  # the user was told it is saved …
        os.kill(int(pidfile.read_text().strip()), sig)
        time.sleep(1.0)
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", name], capture_output=True)
    data = read_store(seeded)  # … so it is on disk, in a valid store
    assert next(t for t in data["tasks"].values() if t["id"] == "1-2")["status"] == "done"
    assert check_file(seeded) == []
    Store(seeded, lock_timeout=1).set_status("1-2", Status.DOING)  # and no lock is held


def _screen(name: str) -> str:
    return subprocess.run([*TMUX, "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout


def test_check_and_restore(seeded: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert run("check").returncode == 0
    assert "ok" in run("check").stdout
    # a change makes a backup of the version before it
    assert run("set", "1-1", "--status", "done").returncode == 0
    assert list_backups(seeded)
    data = read_store(seeded)
    first = next(iter(data["tasks"]))
    data["tasks"]["99999"] = dict(data["tasks"][first])  # duplicate id
    data["tasks"]["99998"] = {**data["tasks"][first], "id": "7-7", "plan_id": "7"}  # no such plan
    seeded.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("check")
    assert result.returncode == 2
    assert "用了 2 次" in result.stderr and "所属计划 '7' 不存在" in result.stderr
    listed = run("restore", input="")  # the backups, when, and what each would undo
    assert listed.returncode == 0 and "将撤销其后的" in listed.stdout
    refused = run("restore", "--backup", "1", input="")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    restored = run("restore", "--yes")  # the newest backup
    assert restored.returncode == 0, restored.stderr
    assert run("check").returncode == 0
    assert "从备份 store.json.bak1" in run("history").stdout  # recorded as one action of the history


def test_older_store_is_migrated_with_a_backup_first(db: Path, run) -> None:  # type: ignore[no-untyped-def]
    task = {"id": "1-1", "plan_id": "1", "number": "1", "order": 0, "sections": [], "text": "旧任务",
            "units": [{"name": "办公室", "role": "responsible"}], "deadline": None, "status": "todo"}
    old = {"plans": {"1": {"id": "1", "title": "旧计划", "sections": []}}, "tasks": {"1": task}}
    db.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    original = db.read_bytes()
    assert run("set", "1-1", "--status", "done").returncode == 0
    data = read_store(db)
    assert next(iter(data["meta"].values()))["schema"] == SCHEMA_VERSION
    assert (db.parent / f"{db.name}.schema0").read_bytes() == original
    assert Store(db).task("1-1").status is Status.DONE


def test_newer_store_refused_by_cli(db: Path, run) -> None:  # type: ignore[no-untyped-def]
    db.write_text(json.dumps({"meta": {"1": {"schema": SCHEMA_VERSION + 5}}, "plans": {}, "tasks": {}}),
                  encoding="utf-8")
    before = db.read_bytes()
    result = run("set", "1-1", "--status", "done")
    assert result.returncode == 2 and "更新版本的 govtui" in result.stderr
    assert db.read_bytes() == before
