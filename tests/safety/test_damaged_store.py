"""A store damaged by something else (a disk, a sync tool, a person): the damage is found and told,
never made worse, `check` names it and `restore` brings back the last good state from each kind.

Each test damages a real store by hand in a temp folder and drives the real `govtui` process.
"""

from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from govtui.domain.files import TEMP_PREFIX, backup_paths
from govtui.store.parts import parts_dir
from govtui.store.storage import read_store

from ..conftest import GOVTUI, TABLE_SAMPLE

Run = Callable[..., subprocess.CompletedProcess[str]]
EVERY_SECOND = {"GOVTUI_BACKUP_INTERVAL": "0"}  # a backup at every change


def files_of(db: Path) -> dict[str, bytes]:
    """Every file of the store (main file, parts, backups) by name, with its bytes."""
    found = {}
    for path in sorted(db.parent.rglob("*")):
        if path.is_file() and not path.name.endswith((".lock", ".holder")):
            found[str(path.relative_to(db.parent))] = path.read_bytes()
    return found


def parts_of(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in parts_dir(db).iterdir()}


def with_backups(run: Run, db: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    """Three changes, each backed up; returns the store's tasks before the damage."""
    for task, status in (("1-1", "doing"), ("1-2", "done"), ("2-1", "blocked")):
        assert run("set", task, "--status", status, env=EVERY_SECOND).returncode == 0
    assert all(p.exists() for p in backup_paths(db))
    return read_store(db)["tasks"]


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2, one Chinese line that says the store is damaged and what to do, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("govtui: ") and "restore" in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def assert_restored(run: Run, db: Path, tasks: dict[str, dict]) -> None:  # type: ignore[type-arg]
    restored = run("restore", "--yes")
    assert restored.returncode == 0, restored.stderr
    assert run("check").returncode == 0, run("check").stderr
    back = read_store(db)["tasks"]
    assert set(t["id"] for t in back.values()) == set(t["id"] for t in tasks.values())  # every task back
    assert run("show", "1-1").returncode == 0
    kept = db.with_name(db.name + ".before-restore")
    assert stat.S_IMODE(kept.stat().st_mode) & 0o077 == 0 if kept.exists() else True


SOME_COMMANDS = [["plans"], ["--unit", "办公室"], ["show", "1-1"], ["set", "1-1", "--status", "done"],
                 ["set", "1-1", "--note", "记录"], ["import", str(TABLE_SAMPLE)], ["units", "rename", "办公室", "局办"],
                 ["undo"], ["export", "-f", "csv", "-o", "-"]]


@pytest.mark.parametrize("content", [b"", b"{}", b"{}\n", b"  \n"])
def test_an_empty_main_file_is_damage_not_a_new_store(seeded: Path, run: Run, content: bytes) -> None:
    tasks = with_backups(run, seeded)
    seeded.write_bytes(content)
    before = files_of(seeded)
    for args in SOME_COMMANDS:
        refused(run(*args), "是空的")
    assert files_of(seeded) == before  # not a byte changed, no part deleted
    check = run("check")
    assert check.returncode == 2 and "是空的" in check.stderr and "分片" in check.stderr
    assert_restored(run, seeded, tasks)


def test_a_main_file_deleted_beside_its_parts_is_damage(seeded: Path, run: Run) -> None:
    tasks = with_backups(run, seeded)
    seeded.unlink()
    before = files_of(seeded)
    for args in SOME_COMMANDS:
        refused(run(*args), "不存在")
    assert files_of(seeded) == before
    assert "不存在" in run("check").stderr and run("check").returncode == 2
    assert_restored(run, seeded, tasks)


def test_at_the_default_location_a_lookup_never_starts_a_new_store_over_the_parts(run: Run,
                                                                                   isolated_env: Path) -> None:
    default = isolated_env / "data" / "govtui" / "store.json"
    assert run("plans", use_db=False).returncode == 0  # creates the default store with the samples
    assert run("set", "1-1", "--status", "done", use_db=False).returncode == 0
    parts = parts_of(default)
    default.unlink()
    for args in (["--unit", "办公室"], ["plans"], ["show", "1-1"]):
        refused(run(*args, use_db=False), "不存在")
    assert not default.exists() and parts_of(default) == parts


def test_a_zero_length_part_is_damage_and_writes_stop(seeded: Path, run: Run) -> None:
    tasks = with_backups(run, seeded)
    assert run("--unit", "办公室").returncode == 0  # the lookup index is built
    layout = orjson.loads(seeded.read_bytes())["_parts"]
    damaged = parts_dir(seeded) / layout["1"]
    damaged.write_bytes(b"")
    before = files_of(seeded)
    check = run("check")
    assert check.returncode == 2 and damaged.name in check.stderr and "是空的" in check.stderr
    for args in (["show", "1-1"], ["set", "1-1", "--status", "done"], ["set", "2-2", "--status", "done"],
                 ["set", "2-2", "--note", "另一个计划的任务"], ["import", str(TABLE_SAMPLE)], ["--search", "公开"],
                 ["export", "-o", str(seeded.parent.parent / "out.csv")]):
        refused(run(*args))
    assert files_of(seeded) == before
    # a lookup still answers from the index built before, and says the store is damaged
    lookup = run("--unit", "办公室")
    assert lookup.returncode == 0 and "库已损坏" in lookup.stderr and "缓存" in lookup.stderr
    assert_restored(run, seeded, tasks)
    assert "库已损坏" not in run("--unit", "办公室").stderr


@pytest.mark.parametrize("damage", ["torn", "braces", "no id", "bad units", "bad status", "not a record"])
def test_a_torn_or_malformed_part_is_told_never_a_traceback(seeded: Path, run: Run, damage: str) -> None:
    tasks = with_backups(run, seeded)
    layout = orjson.loads(seeded.read_bytes())["_parts"]
    part_file = parts_dir(seeded) / layout["1"]
    raw = part_file.read_bytes()
    part = orjson.loads(raw)
    first = next(iter(part["tasks"]))
    if damage == "torn":
        part_file.write_bytes(raw[: len(raw) // 2])
    elif damage == "braces":
        part_file.write_bytes(b"{}")
    else:
        doc = part["tasks"][first]
        if damage == "no id":
            del doc["id"]
        elif damage == "bad units":
            doc["units"] = "办公室"
        elif damage == "bad status":
            doc["status"] = "finished"
        else:
            part["tasks"][first] = ["not", "a", "record"]
        part_file.write_bytes(orjson.dumps(part))
    before = files_of(seeded)
    for args in (["plans"], ["show", "1-1"], ["set", "1-1", "--status", "done"], ["import", str(TABLE_SAMPLE)],
                 ["history"], ["report"]):
        refused(run(*args), part_file.name)
    assert files_of(seeded) == before
    check = run("check")
    assert check.returncode == 2 and part_file.name in check.stderr
    assert_restored(run, seeded, tasks)


def test_backups_are_restorable_on_their_own(seeded: Path, run: Run) -> None:
    tasks = with_backups(run, seeded)
    for part in parts_dir(seeded).iterdir():  # every part of the store damaged in place …
        part.write_bytes(b"")
    for backup in backup_paths(seeded):  # … and still every backup is whole
        assert run("--db", str(backup), "check").returncode == 0
    shutil.rmtree(parts_dir(seeded))  # … even with the store's parts folder gone
    assert run("check").returncode == 2
    restored = run("restore", "--backup", "3", "--yes")
    assert restored.returncode == 0, restored.stderr
    assert run("check").returncode == 0
    assert_restored(run, seeded, tasks)
    newest = {t["id"]: t["status"] for t in read_store(seeded)["tasks"].values()}
    assert newest["1-1"] == "doing" and newest["1-2"] == "done"  # bak1: the version before the last change


@pytest.mark.parametrize("damage", ["torn main file", "missing part", "parts folder gone"])
def test_restore_works_exactly_when_the_store_is_damaged(seeded: Path, run: Run, damage: str) -> None:
    tasks = with_backups(run, seeded)
    layout = orjson.loads(seeded.read_bytes())["_parts"]
    if damage == "torn main file":
        seeded.write_bytes(seeded.read_bytes()[:100])
    elif damage == "missing part":
        (parts_dir(seeded) / layout["2"]).unlink()
    else:
        shutil.rmtree(parts_dir(seeded))
    refused(run("show", "1-1"))
    assert run("check").returncode == 2
    assert_restored(run, seeded, tasks)
    kept = seeded.with_name(seeded.name + ".before-restore")
    if damage == "torn main file":  # the damaged version is kept aside as it was, privately
        assert kept.read_bytes() == files_of(seeded).get(kept.name, kept.read_bytes())
        assert len(kept.read_bytes()) == 100


def test_a_sound_store_restores_as_one_undoable_action(seeded: Path, run: Run) -> None:
    """A readable store is not replaced: the restore rewrites what differs, and `undo` takes it back whole."""
    with_backups(run, seeded)

    def statuses() -> dict[str, object]:
        return {t["id"]: t.get("status") for t in read_store(seeded)["tasks"].values()}

    current = statuses()
    assert run("restore", "--yes").returncode == 0
    assert statuses() != current  # the newest backup was taken before the last change
    assert not seeded.with_name(seeded.name + ".before-restore").exists()  # nothing to keep aside: undo has it
    undone = run("undo")
    assert undone.returncode == 0, undone.stderr
    assert statuses() == current
    assert run("check").returncode == 0


def _limited(size: int) -> Callable[[], None]:
    """A process that cannot write a file past ``size`` bytes: the disk is full for it (EFBIG)."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def govtui_limited(db: Path, size: int, *args: str, env: dict[str, str] | None = None
                   ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([GOVTUI, "--db", str(db), *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "GOVTUI_BACKUP_INTERVAL": "86400", **(env or {})},
                          preexec_fn=_limited(size))


def test_a_failed_import_leaves_no_partial_part(db: Path, run: Run) -> None:
    assert run("import", str(Path(__file__).parents[2] / "data" / "taishan-2019-work-points.txt")).returncode == 0
    assert run("set", "1-1", "--status", "done").returncode == 0  # a backup: the next change takes none
    before = files_of(db)
    result = govtui_limited(db, 4096, "import", str(TABLE_SAMPLE))  # plan 2's part is larger than that
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(parts_dir(db)) in result.stderr  # the message names where it could not write
    assert files_of(db) == before  # no partial part, no temporary file
    assert not [p for p in db.parent.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_a_full_cache_disk_leaves_no_temporary_file(seeded: Path, isolated_env: Path) -> None:
    cache = isolated_env / ".cache" / "govtui"
    shutil.rmtree(cache, ignore_errors=True)
    for _ in range(3):
        result = govtui_limited(seeded, 2048, "--unit", "办公室")
        assert result.returncode == 0, result.stderr  # answered from the store itself
    assert not [p.name for p in cache.rglob("*") if p.name.endswith(".tmp") or p.stat().st_size == 0]


def test_a_read_only_store_is_never_written_even_by_root(seeded: Path, run: Run) -> None:
    """The README promises exit 2 for a read-only store: root, whom the OS lets write anything, too."""
    before = files_of(seeded)
    seeded.chmod(0o444)
    try:
        for args in (["set", "1-1", "--status", "done"], ["import", str(TABLE_SAMPLE)], ["restore", "--yes"]):
            result = run(*args)
            assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert "只读" in run("set", "1-1", "--status", "done").stderr
        assert files_of(seeded) == before
    finally:
        seeded.chmod(0o600)


def test_a_writer_kept_waiting_is_told_who_holds_the_lock(seeded: Path, run: Run) -> None:
    from govtui.store.storage import SafeJSONStorage

    with SafeJSONStorage(seeded).transaction():  # this process holds the lock
        result = run("set", "1-1", "--status", "done", env={"GOVTUI_LOCK_TIMEOUT": "1"})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"pid {os.getpid()}" in result.stderr and "起持有锁" in result.stderr and "已等待 1 秒" in result.stderr
    assert run("set", "1-1", "--status", "done").returncode == 0  # and the lock is free again


READS = """
import sys
import govtui.store.store_files as store_files
real = store_files.read_part
def recording(where):
    sys.stderr.write("READ " + where.name + "\\n")
    return real(where)
store_files.read_part = recording
from govtui.cli.launcher import main
sys.argv = ["govtui", *sys.argv[1:]]
main()
"""


def test_set_and_apply_read_only_the_parts_they_change(seeded: Path, tmp_path: Path) -> None:
    import sys

    assert subprocess.run([GOVTUI, "--db", str(seeded), "set", "1-1", "--status", "done"]).returncode == 0
    assert backup_paths(seeded)[0].exists()  # (a change that takes a backup reads every part, to copy it)
    changes = tmp_path / "c.jsonl"
    changes.write_text('{"id": "2-1", "status": "done"}\n{"id": "2-2", "note": "已公开"}\n', encoding="utf-8")
    for args, plan in ((["set", "2-3", "--status", "doing", "--note", "进行中"], "2"),
                       (["apply", str(changes)], "2"), (["show", "1-2"], "1")):
        layout = orjson.loads(seeded.read_bytes())["_parts"]
        result = subprocess.run([sys.executable, "-c", READS, "--db", str(seeded), *args], capture_output=True,
                                text=True, timeout=60, env={**os.environ, "GOVTUI_BACKUP_INTERVAL": "86400"})
        assert result.returncode == 0, result.stderr
        read = {line.split()[1] for line in result.stderr.splitlines() if line.startswith("READ ")}
        assert read == {layout[plan]}, (args, read, layout)
