"""Changes by hand through the store: notes edited or deleted, tasks added or deleted, plans archived."""

from __future__ import annotations

import pytest

from govtui.domain.history import history_lines
from govtui.domain.model import Role, Unit
from govtui.store.store import NotFoundError, Store, StoreError


def test_edit_and_delete_ones_own_note_recorded_and_undoable(store: Store) -> None:
    store.user = "王敏"
    store.add_note("1-9", "初稿[已]报送")
    store.user = "李强"
    store.add_note("1-9", "李强的记录")
    with pytest.raises(StoreError, match="王敏"):
        store.edit_note("1-9", "改别人的", index=1)  # someone else's note
    store.user = "王敏"
    store.edit_note("1-9", "定稿已报送")  # one's latest note
    assert [n.text for n in store.task("1-9").notes] == ["定稿已报送", "李强的记录"]
    lines = history_lines(store.history("1-9"))
    assert any("修改进展记录 “初稿[已]报送” → “定稿已报送”" in line for line in lines)
    store.undo()
    assert [n.text for n in store.task("1-9").notes] == ["初稿[已]报送", "李强的记录"]
    store.delete_note("1-9", index=1)
    assert [n.text for n in store.task("1-9").notes] == ["李强的记录"]
    assert "删除进展记录 “初稿[已]报送”" in history_lines(store.history("1-9"))[-1]
    store.undo()
    assert [n.text for n in store.task("1-9").notes] == ["初稿[已]报送", "李强的记录"]
    with pytest.raises(NotFoundError):
        store.delete_note("1-9", index=9)


def test_add_a_task_under_a_section_then_undo_and_redo(store: Store) -> None:
    before = [t.id for t in store.tasks()]
    task = store.add_task("1", "s6", "新增:开展政策解读培训", [Unit("办公室", Role.LEAD)], "2024年9月底前")
    assert task.id == "1-N1" and task.sections == store.task("1-9").sections == ("s5", "s6")
    ids = [t.id for t in store.tasks()]
    assert ids.index("1-N1") == ids.index("1-12") + 1  # right after the section's last task
    assert store.task("1-N1").deadline.due is not None
    assert "新增任务 1-N1" in history_lines(store.history("1-N1"))[-1]
    store.undo()
    assert [t.id for t in store.tasks()] == before
    store.redo()
    assert "1-N1" in [t.id for t in store.tasks()]
    assert store.add_task("1", None, "第二项", []).id == "1-N2"
    with pytest.raises(NotFoundError):
        store.add_task("1", "s99", "x", [])
    with pytest.raises(StoreError):
        store.add_task("1", "s6", "  ", [])


def test_delete_a_task_recorded_and_undoable(store: Store) -> None:
    store.add_note("1-9", "保留的记录")
    store.delete_task("1-9")
    assert "1-9" not in [t.id for t in store.tasks()]
    assert "删除任务 1-9" in history_lines(store.history("1-9"))[-1]
    store.undo()
    assert [n.text for n in store.task("1-9").notes] == ["保留的记录"]
    with pytest.raises(NotFoundError):
        store.delete_task("1-99")


def test_archive_and_bring_back_a_plan(store: Store) -> None:
    assert store.set_archived("2") is True
    assert store.snapshot().plans["2"].archived
    assert store.set_archived("2") is False  # already
    assert store.set_archived("2", False) is True
    assert not store.snapshot().plans["2"].archived
    with pytest.raises(NotFoundError):
        store.set_archived("9")


def test_a_reimport_keeps_tasks_added_by_hand(store: Store) -> None:
    from govtui.importers import read_plan

    from ..conftest import TABLE_SAMPLE

    store.add_task("1", "s6", "手工新增的任务", [])
    assert store.preview_import(read_plan(TABLE_SAMPLE)).removed == []
    store.import_plan(read_plan(TABLE_SAMPLE))
    assert store.task("1-N1").text == "手工新增的任务"
