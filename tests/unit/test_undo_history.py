"""Undo and redo per user, one action per step; the history as people read it; who did it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from govtui.domain.config import save_config
from govtui.domain.model import Role, Status, Unit
from govtui.importers import read_plan
from govtui.store.errors import StoreError
from govtui.store.store import Store

from ..conftest import TABLE_SAMPLE, stored_tasks


def as_user(store: Store, name: str) -> Store:
    other = Store(store.path)
    other.user = name
    return other


def stored(db: Path, task_id: str) -> dict:  # type: ignore[type-arg]
    return stored_tasks(db)[task_id]


def test_an_edit_of_units_and_deadline_is_one_undo_step(store: Store, db: Path) -> None:
    before = stored(db, "1-1")
    store.edit_task("1-1", [Unit("财务室", Role.LEAD)], "10月底前")
    assert stored(db, "1-1")["deadline"]["due"] == "2024-10-31"
    result = store.undo()
    assert {e["field"] for e in result.entries} == {"units", "deadline"}
    after = stored(db, "1-1")
    assert after["units"] == before["units"] and after["deadline"] == before["deadline"]


def test_own_undo_is_not_someone_elses_change_and_undo_goes_back_step_by_step(store: Store, db: Path) -> None:
    store.set_status("1-1", Status.DOING)
    store.set_status("1-1", Status.DONE)
    store.add_note("1-1", "第一条")
    store.undo()
    assert stored(db, "1-1")["notes"] == []
    store.undo()  # refused before: the task's revision had moved on through the user's own undo
    assert stored(db, "1-1")["status"] == "doing"
    store.undo()
    assert stored(db, "1-1")["status"] == "todo"
    store.undo()  # the sample plans' imports are this user's actions too: taken back newest first
    assert {t["plan_id"] for t in stored_tasks(db).values()} == {"1"}
    store.undo()
    assert stored_tasks(db) == {}
    with pytest.raises(StoreError, match="没有可撤销"):
        store.undo()
    store.redo()
    store.redo()
    assert {t["plan_id"] for t in stored_tasks(db).values()} == {"1", "2"}
    store.redo()
    assert stored(db, "1-1")["status"] == "doing"
    store.redo()
    store.redo()
    assert stored(db, "1-1")["status"] == "done" and [n["text"] for n in stored(db, "1-1")["notes"]] == ["第一条"]
    with pytest.raises(StoreError, match="没有可重做"):
        store.redo()


def test_a_new_change_empties_the_redo_list(store: Store, db: Path) -> None:
    store.set_status("1-1", Status.DONE)
    store.undo()
    store.set_status("1-2", Status.BLOCKED)
    with pytest.raises(StoreError, match="没有可重做"):
        store.redo()
    assert stored(db, "1-1")["status"] == "todo"


def test_undo_is_per_user_and_refused_with_who_and_when(store: Store, db: Path) -> None:
    from govtui.domain.history import local_stamp  # new with per-user undo
    store.user = "张伟"
    wang = as_user(store, "王敏")
    store.set_status("1-1", Status.DONE)
    store.set_status("1-2", Status.DOING)
    wang.set_status("1-2", Status.BLOCKED)
    wang.set_status("1-3", Status.DONE)
    # 张伟's latest (1-2) was changed after him by 王敏: refused with who, what and when, and nothing
    # older is undone instead (his 1-1 change stays)
    for _ in range(2):
        with pytest.raises(StoreError) as refused:
            store.undo()
        message = str(refused.value)
        assert "1-2" in message and "王敏" in message and "状态" in message
        assert local_stamp(wang.history("1-2")[-1]["time"]) in message
        assert stored(db, "1-2")["status"] == "blocked" and stored(db, "1-1")["status"] == "done"
    # 王敏's own undo is untouched by 张伟's
    wang.undo()
    assert stored(db, "1-3")["status"] == "todo"
    wang.undo()
    assert stored(db, "1-2")["status"] == "doing"
    store.undo()  # 王敏 took his change back: 张伟's newest action applies again
    assert stored(db, "1-2")["status"] == "todo"
    store.undo()
    assert stored(db, "1-1")["status"] == "todo"


def test_another_users_undone_change_does_not_block(store: Store, db: Path) -> None:
    store.user = "张伟"
    wang = as_user(store, "王敏")
    store.set_status("1-1", Status.DONE)
    wang.add_note("1-1", "误记")
    wang.undo()
    store.undo()
    assert stored(db, "1-1")["status"] == "todo" and stored(db, "1-1")["notes"] == []


def test_notes_append_without_conflicting_with_a_status_change(store: Store, db: Path) -> None:
    shown = store.task("1-1")
    as_user(store, "王敏").set_status("1-1", Status.DONE)
    store.add_note("1-1", "已公开")  # no expected revision: notes only append
    saved = stored(db, "1-1")
    assert saved["status"] == "done" and [n["text"] for n in saved["notes"]] == ["已公开"]
    assert saved["rev"] == shown.rev + 2


def test_changes_that_change_nothing_are_not_recorded(store: Store) -> None:
    store.set_status("1-1", Status.TODO)
    store.set_units("1-1", store.task("1-1").units)
    assert store.history("1-1") == []
    assert store.task("1-1").rev == 0


def test_history_lines_are_chinese_local_time_one_per_change(store: Store) -> None:
    from govtui.domain.history import history_lines
    store.user = "王敏"
    store.set_status("1-9", Status.DOING)
    store.set_status("1-9", Status.DONE)
    store.add_note("1-9", "已在门户网站公开")
    lines = history_lines(store.history("1-9"))
    stamp = dt.datetime.now().astimezone().strftime("%m-%d")
    assert lines[0].startswith(f"王敏 {stamp} ") and lines[0].endswith("状态 未开始 → 进行中")
    assert lines[1].endswith("状态 进行中 → 已完成")
    assert lines[2].endswith("添加进展记录 “已在门户网站公开”")
    for line in lines:
        assert "'" not in line and "{" not in line and "T" not in line.split()[2]


def test_local_time_and_old_no_op_entries() -> None:
    from govtui.domain.history import describe, local_stamp
    utc = "2024-11-23T06:05:00+00:00"
    expected = dt.datetime(2024, 11, 23, 6, 5, tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert local_stamp(utc, now=dt.datetime(2025, 1, 1).astimezone()) == expected
    assert describe({"field": "status", "before": "done", "after": "done", "user": "x", "time": utc}) == []
    assert describe({"field": "undo-status", "before": "done", "after": "todo", "user": "x", "time": utc})[0] \
        .endswith("撤销 状态 已完成 → 未开始")


def test_a_re_import_records_what_it_changed_per_task(store: Store, tmp_path: Path) -> None:
    from govtui.domain.history import history_lines
    text = TABLE_SAMPLE.read_text(encoding="utf-8").replace("办公室 |\n持续推进 |", "财务室 |\n2024年6月底前 |", 1)
    changed = tmp_path / TABLE_SAMPLE.name
    changed.write_text(text, encoding="utf-8")
    store.import_plan(read_plan(changed))
    lines = history_lines(store.history("1-1"))
    assert any("重新导入 责任单位 办公室 → 财务室" in line for line in lines), lines
    assert any("重新导入 时限 持续推进 → 2024年6月底前" in line for line in lines), lines
    assert history_lines(store.history("1-2")) == []


def test_display_name_from_env_then_config_then_login(monkeypatch: pytest.MonkeyPatch, db: Path) -> None:
    from govtui.domain.config import display_name
    from govtui.domain.files import login_name

    assert display_name() == login_name()
    save_config({"user": "李娜"})
    assert display_name() == "李娜"
    monkeypatch.setenv("GOVTUI_USER", "王敏")
    assert display_name() == "王敏"
    store = Store(db)
    store.import_plan(read_plan(TABLE_SAMPLE))
    store.add_note("1-1", "记录")
    store.set_status("1-1", Status.DONE)
    assert store.task("1-1").notes[0].author == "王敏"
    assert store.history("1-1")[-1]["user"] == "王敏"
    assert os.environ["GOVTUI_USER"] == "王敏"


def test_done_with_proof_and_a_note_is_one_undo_step_and_redo_brings_the_proof_back(store: Store, db: Path) -> None:
    proof = {"url": "https://www.example.gov.cn/xxgk/1.html", "index_no": "", "column": "政策解读"}
    with store.action():
        store.set_status("1-1", Status.DONE)
        store.set_proof("1-1", proof)
        store.add_note("1-1", "已发布")
    result = store.undo()
    assert [e["field"] for e in result.entries] == ["note", "proof", "status"]
    after = stored(db, "1-1")
    assert after["status"] == "todo" and not after.get("proof") and after["notes"] == []
    store.redo()
    again = stored(db, "1-1")
    assert again["status"] == "done" and again["proof"] == proof and [n["text"] for n in again["notes"]] == ["已发布"]
