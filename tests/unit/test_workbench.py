"""The workbench without Textual: a real store in a temp dir, every job run at once (:class:`Direct`), and a
listener that writes down what the person would be told and what the screen would draw again.

What the main screen shows (filters, order, archived plans, marks) and every change a person makes are
checked here, against the store on disk; the Pilot tests (tests/ui/) check the keys that lead to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from govtui.domain.model import Role, Status, Task, Unit
from govtui.domain.sorting import SORTS, sort_tasks
from govtui.domain.unit_names import unit_counts
from govtui.store.store import Store
from govtui.workbench.live import Change, Direct, IndexReady, Severity, SnapshotChanged, TaskChanged
from govtui.workbench.view import FilterLayer, ViewState
from govtui.workbench.workbench import SHOW_WITHIN, Workbench

from ..conftest import stored_tasks


@dataclass
class Heard:
    """The listener of a test: what was said (severity, title, text) and which changes were shown."""

    said: list[tuple[str, str, str]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def say(self, text: str, *, title: str = "", severity: Severity = "information",
            timeout: float | None = None) -> None:
        self.said.append((severity, title, text))

    def changed(self, change: Change) -> None:
        self.changes.append(change)

    def texts(self) -> str:
        return "\n".join(f"{title} {text}" for _, title, text in self.said)


@dataclass
class Watcher:
    outcome: list[str] = field(default_factory=list)

    def saved(self) -> None:
        self.outcome.append("saved")

    def failed(self) -> None:
        self.outcome.append("failed")


@pytest.fixture
def heard() -> Heard:
    return Heard()


@pytest.fixture
def bench(store: Store, heard: Heard) -> Workbench:
    wb = Workbench(store, Direct(), heard)
    wb.start()
    return wb


def ids(tasks: list[Task] | None) -> list[str]:
    assert tasks is not None
    return [t.id for t in tasks]


# -- the view ----------------------------------------------------------------------------------
def test_filters_combine_replace_and_come_off_latest_first(bench: Workbench) -> None:
    snap = bench.snap
    office = FilterLayer.units("办公室", frozenset({"办公室"}), None)
    bench.view = bench.view.with_filter("unit", office)
    with_office = [t.id for t in snap.tasks if "办公室" in t.unit_names()]
    assert ids(bench.filtered()) == with_office and "1-8" in with_office
    bench.view = bench.view.with_filter("scope", FilterLayer.scope("计划 1", "1", None))
    assert ids(bench.filtered()) == [i for i in with_office if i.startswith("1-")]
    bench.view = bench.view.with_filter("search", FilterLayer.search("政策解读"))
    assert ids(bench.filtered()) == ["1-9"]
    assert bench.view.labels() == ["单位=办公室", "范围=计划 1", "搜索=“政策解读”"]
    # a second unit filter replaces the first and becomes the latest
    lead = FilterLayer.units("相关业务科室", frozenset({"相关业务科室"}), Role.RESPONSIBLE)
    bench.view = bench.view.with_filter("unit", lead)
    assert [f.kind for f in bench.view.filters] == ["scope", "search", "unit"]
    bench.view = bench.view.without_latest()  # Esc
    assert [f.kind for f in bench.view.filters] == ["scope", "search"]
    bench.view = bench.view.without_filters()  # c
    assert bench.filtered() == bench.snap.tasks


def test_a_status_filter_on_a_changed_task(bench: Workbench, db: Path) -> None:
    Store(db).set_status("1-3", Status.DOING)
    bench.poll()  # another process's change is read in
    bench.view = bench.view.with_filter("status", FilterLayer.status("doing,blocked"))
    assert ids(bench.filtered()) == ["1-3"]
    assert bench.view.labels() == ["状态=进行中+受阻"]


def test_the_poll_leaves_a_write_under_way_to_show_what_it_wrote(store: Store, heard: Heard) -> None:
    """The store changes while a write of ours is under way (committed, its backup still being written):
    the once-a-second poll does not read the whole store again meanwhile; the write, once done, shows its task."""
    class Held(Direct):  # a runner whose jobs wait until the test lets them go
        def __init__(self) -> None:
            self.jobs: list[object] = []

        def run(self, job, group: str) -> None:  # type: ignore[no-untyped-def]
            if group == "write":
                self.jobs.append(job)
            else:
                job()

    runner = Held()
    bench = Workbench(store, runner, heard)
    bench.start()
    task = bench.snap.by_id["1-3"]
    bench.set_status(task, Status.DOING)
    reads: list[str] = []
    real = bench.reload
    bench.reload = lambda: (reads.append("reload"), real())[-1]  # type: ignore[method-assign]
    Store(store.path).set_status("1-3", Status.DONE)  # the store on disk is no longer the one read
    bench.poll()
    assert reads == []  # the write under way is left to say what the store holds
    for job in runner.jobs:
        job()  # type: ignore[operator]
    assert bench.writes_in_flight == 0
    bench.poll()
    assert bench.snap.by_id["1-3"].status is Status.DONE  # the other write (made first) is seen


def test_a_second_status_key_before_the_first_write_has_ended_is_no_conflict(store: Store, heard: Heard) -> None:
    """``2`` then ``3`` quickly: the first change is on disk and shown, its write not yet ended (its backup still
    being written); the second key changes the task as shown — saved, not refused as a conflict with itself."""
    bench = Workbench(store, Direct(), heard)
    bench.start()
    bench._written = lambda message, task: None  # type: ignore[method-assign]  # the first write has not ended
    bench.set_status(bench.snap.by_id["1-3"], Status.DOING)
    assert stored_tasks(store.path)["1-3"]["status"] == "doing"
    bench.set_status(bench.snap.by_id["1-3"], Status.DONE)  # the task as the screen shows it now
    assert stored_tasks(store.path)["1-3"]["status"] == "done"
    assert not [said for said in heard.said if "conflict" in said[1]]


def test_sort_cycles_and_orders_as_the_domain_does(bench: Workbench) -> None:
    names = list(SORTS)
    assert bench.sorted(bench.snap.tasks) is bench.snap.tasks  # none chosen: document order
    bench.view = bench.view.next_sort()
    assert bench.view.sort == names[1]
    expected = sort_tasks(bench.snap.tasks, names[1], bench.today, None)
    assert ids(bench.sorted(bench.snap.tasks)) == ids(expected)
    for _ in range(len(names) - 1):
        bench.view = bench.view.next_sort()
    assert bench.view.sort == names[0]  # round to the start, then on again
    assert bench.view.next_sort().sort == names[1]


def test_sort_by_unit_follows_pinyin(bench: Workbench) -> None:
    bench.view = ViewState(sort="unit")
    first_units = [t.units[0].name for t in bench.sorted(bench.snap.tasks) if t.units]
    assert first_units.index("办公室") < first_units.index("相关业务科室")  # bangongshi before xiangguan…


def test_archived_plans_are_out_of_view_in_one_place(bench: Workbench, store: Store) -> None:
    bench.set_archived("2", True)
    assert store.snapshot().plans["2"].archived
    snap = bench.snap
    assert snap.plans["2"].archived
    assert [p.id for p in bench.view.shown_plans(snap)] == ["1"]  # the tree
    assert all(t.plan_id == "1" for t in bench.filtered() or [])  # the table
    assert unit_counts(bench.view.shown_tasks(snap)) == unit_counts(t for t in snap.tasks if t.plan_id == "1")
    found = bench.view.with_filter("search", FilterLayer.search("民政"))  # a search still finds it
    bench.view = found
    assert any(t.plan_id == "2" for t in bench.filtered() or [])
    bench.view = ViewState().archived_toggled()  # B
    assert [p.id for p in bench.view.shown_plans(snap)] == ["1", "2"]
    assert ids(bench.filtered()) == ids(snap.tasks)
    bench.set_archived("2", False)
    assert not Store(store.path).snapshot().plans["2"].archived


def test_marks_keep_the_table_order_and_forget_deleted_tasks(bench: Workbench) -> None:
    view = ViewState()
    for task_id in ("2-3", "1-2", "1-1"):
        view = view.mark_toggled(task_id)
    bench.view = view
    shown = [bench.snap.by_id[i] for i in ("1-1", "1-2")]  # 2-3 filtered out of the table
    assert bench.marked_ids(shown) == ["1-1", "1-2", "2-3"]
    bench.view = bench.view.mark_toggled("1-2")  # Space again: unmarked
    assert bench.marked_ids(shown) == ["1-1", "2-3"]
    bench.delete_task(bench.snap.by_id["2-3"])
    assert "2-3" not in bench.view.marks and "2-3" not in bench.snap.by_id
    assert bench.view.unmarked().marks == frozenset()


def test_filters_from_the_command_line(bench: Workbench, heard: Heard) -> None:
    bench.start_filters("bgs", "doing")  # pinyin initials of 办公室
    assert bench.view.labels() == ["单位=办公室", "状态=进行中"]
    bench.view = ViewState()
    bench.start_filters("没有这个单位", None)
    assert bench.view.filters == () and ("warning", "", "没有单位 没有这个单位") in heard.said


# -- the writes --------------------------------------------------------------------------------
def test_status_is_saved_shown_and_said(bench: Workbench, heard: Heard, db: Path) -> None:
    before = bench.snap.by_id["1-1"]
    bench.set_status(before, Status.DONE)
    assert stored_tasks(db)["1-1"]["status"] == "done"
    assert bench.snap.by_id["1-1"].status is Status.DONE
    shown = [c for c in heard.changes if isinstance(c, TaskChanged)]
    assert shown and shown[0].before is before and shown[-1].after.status is Status.DONE
    assert "1-1 → 已完成 已保存" in heard.texts()
    bench.view = ViewState().with_filter("status", FilterLayer.status("done"))
    assert ids(bench.filtered()) == ["1-1"]  # the filter index was kept current, not stale


def test_a_stale_status_change_is_a_conflict_and_the_store_wins(bench: Workbench, heard: Heard, store: Store,
                                                               db: Path) -> None:
    stale = bench.snap.by_id["1-1"]
    Store(db).set_status("1-1", Status.BLOCKED)  # someone else, meanwhile
    bench.set_status(stale, Status.DONE)
    assert stored_tasks(db)["1-1"]["status"] == "blocked"
    assert any(title == "修改冲突 / conflict" and severity == "warning" for severity, title, _ in heard.said)
    assert bench.snap.by_id["1-1"].status is Status.BLOCKED  # read again: the truth shown
    assert isinstance(heard.changes[-1], SnapshotChanged)


def test_a_note_is_saved_and_its_draft_forgotten(bench: Workbench, db: Path) -> None:
    watcher = Watcher()
    bench.add_note(bench.snap.by_id["1-2"], "已在网站公开", watcher)
    assert [n["text"] for n in stored_tasks(db)["1-2"]["notes"]] == ["已在网站公开"]
    assert watcher.outcome == ["saved"] and "1-2" not in bench.drafts
    bench.change_note("1-2", 1, "已在门户网站公开", watcher)
    assert [n["text"] for n in stored_tasks(db)["1-2"]["notes"]] == ["已在门户网站公开"]
    bench.change_note("1-2", 1, None)
    assert stored_tasks(db)["1-2"]["notes"] == []


def test_a_note_that_cannot_be_saved_keeps_its_draft(bench: Workbench, heard: Heard, db: Path) -> None:
    watcher = Watcher()
    task = bench.snap.by_id["1-2"]
    bench.delete_task(task)
    bench.add_note(task, "写给已删除的任务", watcher)
    assert watcher.outcome == ["failed"] and bench.drafts["1-2"] == "写给已删除的任务"
    assert any(title == "未保存 / not saved" for _, title, _ in heard.said)
    bench.keep_draft("1-2", "  ")  # an empty draft is forgotten
    assert "1-2" not in bench.drafts


def test_undo_and_redo_one_step_each(bench: Workbench, heard: Heard, db: Path) -> None:
    bench.change_marked(["1-1", "1-2", "1-3"], status=Status.DOING)
    assert {stored_tasks(db)[i]["status"] for i in ("1-1", "1-2", "1-3")} == {"doing"}
    bench.undo()
    assert {stored_tasks(db)[i]["status"] for i in ("1-1", "1-2", "1-3")} == {"todo"}
    assert "已撤销 (undone):" in heard.texts()
    assert bench.snap.by_id["1-2"].status is Status.TODO  # read again after the undo
    bench.redo()
    assert {stored_tasks(db)[i]["status"] for i in ("1-1", "1-2", "1-3")} == {"doing"}
    assert "已重做 (redone):" in heard.texts()


def test_units_and_deadline_in_one_write_and_kept_when_refused(bench: Workbench, db: Path) -> None:
    task = bench.snap.by_id["1-1"]
    bench.edit_task(task, [Unit("财务科", Role.LEAD)], "6月底前")
    stored = stored_tasks(db)["1-1"]
    assert [u["name"] for u in stored["units"]] == ["财务科"] and stored["deadline"]["due"] == "2024-06-30"
    bench.edit_task(task, [Unit("办公室", Role.LEAD)], "年底前")  # the old revision: a conflict
    units, deadline = bench.edit_drafts["1-1"]  # offered again by e
    assert [(u.name, u.role) for u in units] == [("办公室", Role.LEAD)] and deadline == "年底前"
    assert [u["name"] for u in stored_tasks(db)["1-1"]["units"]] == ["财务科"]


def test_added_task_plan_archive_and_delete(bench: Workbench, heard: Heard, db: Path) -> None:
    bench.add_task("1", "s2", "新增的一项任务", [Unit("办公室", Role.LEAD)], "年底前")
    added = [t for t in stored_tasks(db).values() if t["text"] == "新增的一项任务"]
    assert len(added) == 1 and "已新增任务" in heard.texts()
    bench.delete_plan("2")
    assert not any(i.startswith("2-") for i in stored_tasks(db))
    assert "2" not in bench.snap.plans
    bench.undo()
    assert any(i.startswith("2-") for i in stored_tasks(db))


def test_marked_done_on_a_recurring_duty_meets_its_occurrence(store: Store, heard: Heard, db: Path) -> None:
    task = store.add_task("1", None, "每季度更新公开目录", [Unit("办公室", Role.LEAD)], "每季度")
    bench = Workbench(store, Direct(), heard)
    due = bench.snap.by_id[task.id].deadline.due
    bench.set_status(bench.snap.by_id[task.id], Status.DONE)
    after = stored_tasks(db)[task.id]
    assert after["status"] != "done" and after["deadline"]["due"] != due  # on to the next occurrence
    assert "本期已保存" in heard.texts()


def test_the_index_is_built_in_the_background_and_said(store: Store, heard: Heard) -> None:
    bench = Workbench(store, Direct(), heard)
    assert not bench.index_current()
    bench.start()
    assert bench.index_current() and IndexReady() in heard.changes


def test_a_changed_task_stays_in_place_only_while_it_passes_the_filters_and_sorts_the_same(bench: Workbench) -> None:
    """What lets the screen replace one row instead of filtering and sorting every task again: the changed task
    still passes the view's filters, and the view's order puts it where it was (each kind of filter and order)."""
    task = next(t for t in bench.snap.tasks if t.status is Status.TODO and "办公室" in t.unit_names())
    done = task.copy_with(status=Status.DONE)
    assert bench.stays_in_place(task, done)  # no filter, document order
    assert not bench.stays_in_place(task, bench.snap.tasks[-1])  # another task
    bench.view = bench.view.with_filter("unit", FilterLayer.units("办公室", frozenset({"办公室"}), None))
    assert bench.stays_in_place(task, done)
    assert not bench.stays_in_place(task, task.copy_with(units=[Unit("财务科", Role.LEAD)]))  # filtered out
    bench.view = bench.view.with_filter("status", FilterLayer.status("todo"))
    assert not bench.stays_in_place(task, done)  # no longer 未开始
    assert bench.stays_in_place(task, task.copy_with(rev=task.rev + 1))
    bench.view = replace(ViewState(), sort="number")  # 编号: a status change keeps the place
    assert bench.stays_in_place(task, done)
    bench.view = replace(ViewState(), sort="status")
    assert not bench.stays_in_place(task, done)  # 状态: done sorts last
    assert bench.stays_in_place(task, task.copy_with(rev=task.rev + 1))


class Paced(Direct):
    """A runner whose write jobs and timers wait until the test runs them."""

    def __init__(self) -> None:
        self.jobs: list[Callable[[], None]] = []
        self.timers: list[tuple[float, Callable[[], object]]] = []

    def run(self, job: Callable[[], None], group: str) -> None:
        if group == "write":
            self.jobs.append(job)
        else:
            job()

    def after(self, seconds: float, function: Callable[[], object]) -> None:
        self.timers.append((seconds, function))

    def go(self) -> None:
        jobs, self.jobs = self.jobs, []
        for job in jobs:
            job()

    def ring(self) -> None:
        timers, self.timers = self.timers, []
        for _, function in timers:
            function()


def test_a_status_change_is_shown_once_it_is_on_disk_or_soon_when_the_disk_is_slow(store: Store, db: Path) -> None:
    """The screen's redrawing held the write up (at 200,000 tasks a change was durable in 0.15 s, not 0.03): the
    change is shown as soon as it is on disk, before its backup is written; a disk slower than SHOW_WITHIN has it
    shown then, once; a write that fails shows nothing of it."""
    seen: list[tuple[str, Status, str]] = []

    class Looking(Heard):  # what the screen is told, and what the disk holds at that moment
        def changed(self, change: Change) -> None:
            super().changed(change)
            if isinstance(change, TaskChanged):
                after = change.after
                seen.append((after.id, after.status, str(stored_tasks(db)[after.id]["status"])))

    runner = Paced()
    bench = Workbench(store, runner, Looking())
    bench.start()
    bench.set_status(bench.snap.by_id["1-2"], Status.DONE)
    assert seen == [] and [s for s, _ in runner.timers] == [SHOW_WITHIN]  # nothing shown before the disk
    runner.go()
    assert seen[0] == ("1-2", Status.DONE, "done")  # shown once on disk
    seen.clear()
    runner.ring()
    assert seen == []  # and not again when the time is up

    bench.set_status(bench.snap.by_id["1-3"], Status.BLOCKED)  # a slow disk: the time is up first
    runner.ring()
    assert seen == [("1-3", Status.BLOCKED, "todo")]
    runner.go()
    assert [s[:2] for s in seen] == [("1-3", Status.BLOCKED)] * 2  # the write's own task once it is done
    assert seen[-1][2] == "blocked"

    stale = bench.snap.by_id["1-3"].copy_with(rev=0)  # changed since: the write fails as a conflict
    seen.clear()
    bench.set_status(stale, Status.DONE)
    runner.go()
    runner.ring()
    assert all(status is not Status.DONE for _, status, _ in seen)
    assert stored_tasks(db)["1-3"]["status"] == "blocked"
