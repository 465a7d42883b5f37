"""The store on real files: readable UTF-8, atomic, locked, re-import rules, conflicts."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from govtui.domain.model import Status
from govtui.importers import read_plan
from govtui.store.errors import StoreError, StoreLockedError
from govtui.store.parts import parts_dir
from govtui.store.storage import read_store
from govtui.store.store import SCHEMA_VERSION, ConflictError, NotFoundError, Store

from ..conftest import TABLE_SAMPLE


def test_file_is_readable_utf8_with_schema_version(store: Store, db: Path) -> None:
    parts = sorted(parts_dir(db).iterdir())
    raw = b"".join(p.read_bytes() for p in [db, *parts])
    assert "淮南市残疾人联合会".encode() in raw
    assert b"\\u" not in raw
    manifest = json.loads(db.read_bytes().decode("utf-8"))  # the store file names one part per plan
    assert {parts_dir(db) / name for name in manifest["_parts"].values()} <= set(parts)
    data = read_store(db)
    assert next(iter(data["meta"].values()))["schema"] == SCHEMA_VERSION
    assert len(data["tasks"]) == 37
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in parts)
    assert not [p for p in db.parent.iterdir() if ".govtui-tmp-" in p.name]


def test_task_ids_follow_printed_numbers(store: Store) -> None:
    ids = [t.id for t in store.tasks()]
    assert ids[:5] == ["1-1", "1-2", "1-3", "1-4", "1-6"]
    assert "1-16" in ids and "1-13" not in ids
    assert ids[22:24] == ["2-1", "2-2"]


def test_status_and_notes_persist_with_history(store: Store, db: Path) -> None:
    task = store.set_status("1-9", Status.DOING)
    assert task.rev == 1
    store.add_note("1-9", "已部署")
    reopened = Store(db)
    task = reopened.task("1-9")
    assert task.status is Status.DOING
    assert [n.text for n in task.notes] == ["已部署"]
    assert task.notes[0].author == store.user
    history = reopened.history("1-9")
    assert [(h["field"], h["before"], h["user"]) for h in history][:1] == [("status", "todo", store.user)]
    assert history[1]["after"]["text"] == "已部署"


def test_reimport_updates_in_place_keeping_work(store: Store, db: Path, tmp_path: Path) -> None:
    store.set_status("1-9", Status.DONE)
    store.add_note("1-16", "网站已改版")
    before_ids = [t.id for t in store.tasks()]
    # an edited copy of the same document: one task's text changed, one task removed
    text = TABLE_SAMPLE.read_text(encoding="utf-8")
    text = text.replace("鼓励建设统一信息化办理平台", "鼓励建设统一的信息化办理平台")
    copy = tmp_path / "again.txt"
    copy.write_text(text, encoding="utf-8")
    result = store.import_plan(read_plan(copy))
    assert not result.created
    assert result.plan.id == "1"
    assert (result.added, result.updated, result.removed) == (0, 1, 0)
    assert [t.id for t in store.tasks()] == before_ids
    assert store.task("1-9").status is Status.DONE
    assert [n.text for n in store.task("1-16").notes] == ["网站已改版"]
    assert "统一的信息化" in store.task("1-20").text
    assert len(Store(db).plans()) == 2


def test_conflicting_edit_is_detected(store: Store, db: Path) -> None:
    shown = store.task("1-4")
    other = Store(db)
    other.set_status("1-4", Status.BLOCKED)
    with pytest.raises(ConflictError) as info:
        store.set_status("1-4", Status.DONE, expected_rev=shown.rev)
    assert info.value.current.status is Status.BLOCKED
    assert Store(db).task("1-4").status is Status.BLOCKED


def test_unknown_task(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no such task"):
        store.set_status("9-99", Status.DONE)


def test_invalid_store_is_named_and_never_overwritten(db: Path) -> None:
    db.write_text("{not json", encoding="utf-8")
    before = db.read_bytes()
    store = Store(db)
    with pytest.raises(StoreError, match=str(db)):
        store.snapshot()
    with pytest.raises(StoreError, match="不是 govtui 库文件"):
        store.import_plan(read_plan(TABLE_SAMPLE))
    assert db.read_bytes() == before


def test_newer_schema_is_refused(db: Path) -> None:
    db.write_text(json.dumps({"meta": {"1": {"schema": SCHEMA_VERSION + 1}}}), encoding="utf-8")
    before = db.read_bytes()
    with pytest.raises(StoreError, match="更新版本的 govtui"):
        Store(db).import_plan(read_plan(TABLE_SAMPLE))
    assert db.read_bytes() == before


def _add_notes(path: str, task_id: str, count: int, tag: str) -> None:
    store = Store(path)
    for i in range(count):
        store.add_note(task_id, f"{tag}-{i}")


def test_two_processes_writing_at_once_lose_nothing(store: Store, db: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_add_notes, args=(str(db), "1-1", 60, tag)) for tag in ("a", "b")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    notes = [n.text for n in Store(db).task("1-1").notes]
    assert sorted(notes) == sorted([f"a-{i}" for i in range(60)] + [f"b-{i}" for i in range(60)])
    assert Store(db).task("1-1").rev == 120


def test_busy_lock_names_its_holder(store: Store, db: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from govtui.store.store import Store
            s = Store({str(db)!r})
            with s.transaction():
                print("locked", flush=True)
                time.sleep(30)
        """)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreLockedError, match=rf"pid {holder.pid}"):
            Store(db, lock_timeout=0.5).set_status("1-1", Status.DONE)
    finally:
        holder.kill()
        holder.wait()
    # the killed holder's OS lock is gone: the next writer is not blocked
    Store(db, lock_timeout=2).set_status("1-1", Status.DONE)
    assert Store(db).task("1-1").status is Status.DONE


def test_group_shared_folder_gets_group_access(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    store = Store(shared / "store.json")
    store.import_plan(read_plan(TABLE_SAMPLE))
    assert stat.S_IMODE((shared / "store.json").stat().st_mode) == 0o660


def _layout(db: Path) -> dict[str, str]:
    layout: dict[str, str] = json.loads(db.read_bytes())["_parts"]
    return layout


def test_a_status_change_writes_only_its_plans_part(store: Store, db: Path) -> None:
    before = _layout(db)
    assert {"1", "2"} <= set(before)  # one part per plan
    store.set_status("1-1", Status.DONE)
    after = _layout(db)
    assert after["1"] != before["1"]  # plan 1's part was written under a new name …
    assert {k: v for k, v in after.items() if k != "1"} == {k: v for k, v in before.items() if k != "1"}
    part = json.loads((parts_dir(db) / after["1"]).read_bytes())
    assert {t["id"] for t in part["tasks"].values()} == {t.id for t in store.tasks() if t.plan_id == "1"}
    assert [e["task"] for e in part["history"].values()] == ["1-1"]  # the change's history goes with its plan
    assert Store(db).task("1-1").status is Status.DONE  # a fresh reader sees it


def test_parts_no_version_names_are_removed_backups_carry_theirs(store: Store, db: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import govtui.domain.files as files
    from govtui.store.storage import read_store

    monkeypatch.setattr(files, "BACKUP_INTERVAL", 3600.0)
    for old in files.backup_paths(db):  # the imports' backups: the next change takes a new one
        old.unlink(missing_ok=True)
    before = read_store(db)
    store.set_status("1-1", Status.DONE)  # takes a backup of the version before, its parts inside it
    store.set_status("1-2", Status.DONE)
    store.set_status("1-3", Status.DONE)
    assert {p.name for p in parts_dir(db).iterdir()} == set(_layout(db).values())  # nothing else is kept
    shutil.rmtree(parts_dir(db))  # the backup needs none of the store's files
    assert read_store(db.with_name(db.name + ".bak1")) == before


def test_a_backup_is_written_after_its_change_from_the_version_kept_meanwhile(
        store: Store, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The backup of the version a change replaces is written once the change is on disk; a process that
    ended in between leaves that version (``.bak0``, its parts kept), and the next change backs it up."""
    import shutil

    import govtui.domain.files as files
    import govtui.store.storage as storage

    monkeypatch.setattr(files, "BACKUP_INTERVAL", 3600.0)
    for old in files.backup_paths(db):
        old.unlink(missing_ok=True)
    before = read_store(db)
    seen: list[tuple[str, bool]] = []

    def interrupted(self: storage.SafeJSONStorage, pending: Path, layout: dict[str, str]) -> None:
        seen.append((Store(db).task("1-1").status.value, pending.exists()))  # the change is on disk already
        raise SystemExit  # the process ends before its backup is written

    with monkeypatch.context() as patched:
        patched.setattr(storage.SafeJSONStorage, "_back_up", interrupted)
        with pytest.raises(SystemExit):
            store.set_status("1-1", Status.DONE)
    assert seen == [("done", True)]
    pending = files.pending_backup_path(db)
    assert not files.backup_paths(db)[0].exists()
    replaced = parts_dir(db) / json.loads(pending.read_bytes())["_parts"]["1"]  # plan 1's part before the change
    assert replaced.exists() and replaced.name not in _layout(db).values()  # kept for the backup
    Store(db).set_status("1-2", Status.DONE)  # a later change backs that version up, then lets its part go
    assert not pending.exists() and not replaced.exists()
    shutil.rmtree(parts_dir(db))  # the backup needs none of the store's files
    assert read_store(files.backup_paths(db)[0]) == before


def test_a_part_changed_after_it_was_read_is_checked_again_before_it_is_backed_up(
        store: Store, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import govtui.domain.files as files

    monkeypatch.setattr(files, "BACKUP_INTERVAL", 3600.0)
    for old in files.backup_paths(db):
        old.unlink(missing_ok=True)
    assert store.tasks()  # every part read and checked by this process
    other = parts_dir(db) / _layout(db)["2"]
    other.write_bytes(other.read_bytes()[:-20] + b"\n")  # torn by something else since
    store.set_status("1-1", Status.DONE)  # the change is made (plan 1 is whole) …
    plan1 = json.loads((parts_dir(db) / _layout(db)["1"]).read_bytes())
    assert [t["status"] for t in plan1["tasks"].values() if t["id"] == "1-1"] == ["done"]
    assert not files.backup_paths(db)[0].exists()  # … but a damaged version never becomes a backup
    assert not files.pending_backup_path(db).exists()


def test_a_single_file_store_is_split_on_its_first_change_and_kept(tmp_path: Path) -> None:
    from govtui.store.records import encode

    source = tmp_path / "source.json"
    Store(source).import_plan(read_plan(TABLE_SAMPLE))
    whole = read_store(source)
    db = tmp_path / "old.json"
    db.write_bytes(encode(whole))  # the layout of earlier versions: every table in one file
    original = db.read_bytes()
    assert Store(db).task("1-1").text  # read as it is
    assert not parts_dir(db).exists()
    Store(db).set_status("1-1", Status.DONE)
    assert db.with_name("old.json.single").read_bytes() == original  # the single file is kept
    assert set(_layout(db)) >= {"1"}
    data = read_store(db)
    assert {k: v for k, v in data["tasks"].items() if v["id"] != "1-1"} == \
        {k: v for k, v in whole["tasks"].items() if v["id"] != "1-1"}
    assert Store(db).task("1-1").status is Status.DONE


def test_a_missing_part_is_reported_not_a_traceback(store: Store, db: Path) -> None:
    (parts_dir(db) / _layout(db)["1"]).unlink()
    with pytest.raises(StoreError, match="分片"):
        Store(db).tasks()
    from govtui.store.checks import check_file

    assert check_file(db) and "分片" in check_file(db)[0]


def test_a_reader_forgets_the_parts_of_versions_gone_by(store: Store, db: Path) -> None:
    reader = Store(db)
    for status in (Status.DONE, Status.DOING, Status.BLOCKED):
        store.set_status("1-1", status)  # another writer: plan 1's part gets a new name each time
        assert reader.task("1-1").status is status
        assert reader.raw()["tasks"]  # a whole read keeps the parts it parsed (for its next write)
    assert set(reader.storage._parts) == set(_layout(db).values())


def _parts_read(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The part files ``store`` parses from now on."""
    from govtui.store.parts import read_part

    read: list[str] = []

    def recording(where: Path) -> dict:  # type: ignore[type-arg]
        if where.parent == parts_dir(store.path):
            read.append(where.name)
        return read_part(where)

    monkeypatch.setattr("govtui.store.store_files.read_part", recording)
    return read


def test_a_status_change_reads_only_its_plans_part(store: Store, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = Store(db)
    writer.set_status("2-1", Status.DOING)  # a first change writes the manifest's next ids
    assert set(json.loads(db.read_bytes())["_next"]) == {"plans", "tasks", "history"}
    fresh = Store(db)
    read = _parts_read(fresh, monkeypatch)
    fresh.set_status("1-1", Status.DONE)
    fresh.add_note("1-2", "已部署")
    assert read and set(read) <= {_layout(db)["1"]} | set(read[:1])  # plan 1's part only (each version once)
    assert all(name.startswith("1.") for name in read)
    data = read_store(db)
    assert len(data["tasks"]) == 37
    assert [h["field"] for h in data["history"].values() if h["task"]] == ["status", "status", "note"]
    assert Store(db).task("1-1").status is Status.DONE and Store(db).task("2-1").status is Status.DOING


def test_scoped_writers_never_reuse_a_record_id(store: Store, db: Path) -> None:
    """Two processes changing different plans, each reading only its plan: every history entry is kept."""
    store.set_status("1-1", Status.DOING)
    first, second = Store(db), Store(db)
    for round_ in range(3):
        first.add_note("1-1", f"一 {round_}")
        second.add_note("2-1", f"二 {round_}")
    data = read_store(db)
    notes = [h["after"]["text"] for h in data["history"].values() if h["field"] == "note"]
    assert sorted(notes) == sorted([f"一 {i}" for i in range(3)] + [f"二 {i}" for i in range(3)])
    assert len([h for h in data["history"].values() if h["task"]]) == 7


def test_a_store_without_next_ids_is_changed_whole_then_scoped(store: Store, db: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = json.loads(db.read_bytes())
    manifest.pop("_next", None)
    db.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")  # as earlier versions wrote it
    older = Store(db)
    read = _parts_read(older, monkeypatch)
    older.set_status("1-1", Status.DONE)
    assert {name.split(".")[0] for name in read} >= {"1", "2"}  # read whole
    assert "_next" in json.loads(db.read_bytes())
    assert Store(db).task("1-1").status is Status.DONE


def test_the_snapshot_is_built_part_by_part_without_keeping_parsed_records(store: Store, db: Path) -> None:
    reader = Store(db)
    snap = reader.snapshot()
    assert len(snap.tasks) == 37 and [t.id for t in snap.tasks][:2] == ["1-1", "1-2"]
    assert reader.storage._parts == {} and reader.storage._known is None and reader._raw is None
    reader.save_index()  # the lookup index from the objects, for the next quick start
    from govtui.store import lookup_index

    index = lookup_index.load(db, reader.storage.stat_key())
    assert index is not None and index.unit_names() == Store(db).unit_names() | set()


def test_an_edit_of_units_and_deadline_reads_only_its_plans_part(store: Store, db: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from govtui.domain.model import Role, Unit

    store.set_status("2-1", Status.DOING)  # the manifest now counts the next ids
    fresh = Store(db)
    read = _parts_read(fresh, monkeypatch)
    task = fresh.edit_task("1-3", [Unit("办公室", Role.LEAD)], "6月底前")
    assert read and all(name.startswith("1.") for name in read)
    assert task.units[0].name == "办公室" and task.deadline.text == "6月底前"
    assert [h["field"] for h in Store(db).history("1-3")] == ["units", "deadline"]
    assert len({h["action"] for h in Store(db).history("1-3")}) == 1  # one undo step


def test_a_large_store_is_not_kept_parsed_between_changes(store: Store, db: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    writer = Store(db)
    writer.rename_unit("办公室", "局办公室")  # a whole-store change
    assert writer.storage._known is not None  # a small store stays parsed for the next change
    monkeypatch.setattr("govtui.store.storage.KEEP_PARSED", 10)
    writer.rename_unit("局办公室", "办公室")
    assert writer.storage._known is None and writer.storage._parts == {}
    assert "办公室" in Store(db).unit_names()
