"""A large store's first screen is drawn from the lookup index's first-screen file, and the whole
store is read in the background afterwards (the real app, a real store in a temp dir)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets._footer import FooterKey

import govtui.store.first_screen
import govtui.workbench.live
from govtui.domain.model import Status
from govtui.store.first_screen import first_path
from govtui.store.lookup_index import docs_path, index_path
from govtui.store.parts import manifest_layout
from govtui.store.store import Store
from govtui.tui.app import make_app
from govtui.tui.widgets.detail_pane import DetailPane
from govtui.tui.widgets.filter_bar import FilterBar
from govtui.tui.widgets.footer import FittingFooter
from govtui.tui.widgets.section_tree import SectionTree
from govtui.tui.widgets.task_table import TaskTable

from ..conftest import GOVTUI, TABLE_SAMPLE
from .conftest import wait_for


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample store (37 tasks) counts as large, and a preview holds its first 3 tasks."""
    monkeypatch.setattr(govtui.workbench.live, "PREVIEW_FROM", 10)
    monkeypatch.setattr(govtui.workbench.live, "PREVIEW_ROWS", 3)


def counted(store: Store) -> tuple[int, int]:
    tasks = store.snapshot().tasks
    return sum(t.status is Status.DONE for t in tasks), len(tasks)


async def test_first_screen_from_the_index_then_every_task(store: Store, db: Path, large: None) -> None:
    store.set_status("1-2", Status.DONE)
    done, total = counted(store)
    store.plan_rows()  # what any lookup does: saves the index (and the first screen beside it)
    fresh = Store(db)
    read_all = threading.Event()
    whole = fresh.snapshot

    def held() -> object:  # the background read waits until the first screen has been checked
        read_all.wait(30)
        return whole()

    fresh.snapshot = held  # type: ignore[method-assign]
    app = make_app(fresh)
    assert app.workbench.loading and app.workbench.snap.partial
    assert [t.id for t in app.workbench.snap.tasks] == ["1-1", "1-2", "1-3"]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0)
        main = app.main
        table = main.query_one(TaskTable)
        assert [t.id for t in table.tasks] == ["1-1", "1-2", "1-3"]
        tree = main.query_one(SectionTree)
        assert tree.root.label.plain.endswith(f"{done}/{total}")  # counts over the whole store
        first = app.workbench.snap.by_id["1-1"]
        assert first.text[:8] in str(main.query_one(DetailPane).query_one("#detail-body").render())
        bar = main.query_one(FilterBar)
        assert bar._shown[2] == total
        await pilot.press("3")  # changes wait for every task: nothing is written meanwhile
        await pilot.pause(0)
        assert fresh.snapshot is held and whole().by_id["1-1"].status is not Status.DONE
        read_all.set()
        await wait_for(pilot, lambda: not app.workbench.loading)
        assert not app.workbench.snap.partial and len(table.tasks) == total
        await pilot.press("3")
        await wait_for(pilot, lambda: Store(db).snapshot().by_id["1-1"].status is Status.DONE)


async def test_without_a_first_screen_file_the_store_is_read_at_once(store: Store, db: Path, large: None) -> None:
    first_path(db).unlink()  # a cache cleaned, a new format
    app = make_app(Store(db))
    assert not app.workbench.loading and not app.workbench.snap.partial
    assert len(app.workbench.snap.tasks) == 37


def test_a_new_store_written_whole_has_its_first_screen_at_once(db: Path) -> None:
    """The first import into a new store writes every part: the first screen is made from them at once, so the
    first start of the app draws it without reading the store whole (no lookup, no app start needed first)."""
    from govtui.importers import read_plan

    fresh = Store(db)
    fresh.import_plan(read_plan(TABLE_SAMPLE))
    preview = Store(db).preview(3)
    assert preview is not None and len(preview.tasks) == 3
    assert preview.counts is not None and preview.counts[1][(None, None)] == len(fresh.snapshot().tasks)


def test_the_first_screen_is_found_by_every_user_of_the_store(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Kept beside the store, not in one user's cache: a second user (another cache folder) starts quick too."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "importer-cache")}
    done = subprocess.run([GOVTUI, "--db", str(db), "import", str(TABLE_SAMPLE)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "reader-cache"))
    assert Store(db).preview(3) is not None
    assert not (tmp_path / "reader-cache").exists()


def test_first_screen_is_current_after_a_change(store: Store, db: Path) -> None:
    store.plan_rows()
    store.set_status("1-1", Status.DONE)  # the write brings the first screen up to date
    preview = Store(db).preview(3)
    assert preview is not None and preview.by_id["1-1"].status is Status.DONE
    assert preview.counts is not None
    assert (preview.counts[0][(None, None)], preview.counts[1][(None, None)]) == counted(store)
    assert preview.counts[0][("1", None)] == sum(t.status is Status.DONE for t in store.snapshot().tasks
                                                  if t.plan_id == "1")


def test_a_write_patches_the_first_screen_to_what_a_whole_rebuild_would_make(store: Store, db: Path) -> None:
    """After each write the saved counts and plans (patched part by part) equal those made from every entry."""
    store.plan_rows()
    store.set_status("1-1", Status.DONE)
    store.set_status("2-1", Status.DONE)
    store.set_status("1-1", Status.TODO)  # a count back to nothing: no key left at zero
    store.set_archived("2", True)
    for _ in range(2):
        saved = govtui.store.first_screen.load(db, entries=True)
        assert saved is not None and saved.key == store.storage.stat_key()
        rebuilt = govtui.store.first_screen.FirstScreen(saved.key, saved.entries, saved.first)
        assert saved.shown() == rebuilt.shown()
        assert (saved.counts()[0][(None, None)], saved.counts()[1][(None, None)]) == counted(store)
        store.undo()


def test_the_first_screens_plans_are_the_stores_plans(store: Store, db: Path) -> None:
    """Kept as flat rows with their sections as text, the plans read back whole, sections when asked for."""
    store.plan_rows()
    preview = Store(db).preview(3)
    assert preview is not None
    whole = store.snapshot().plans
    assert list(preview.plans) == list(whole)
    assert any(plan.has_sections for plan in preview.plans.values())
    for plan_id, plan in preview.plans.items():
        assert plan.has_sections == whole[plan_id].has_sections
        assert plan.to_dict() == whole[plan_id].to_dict()  # the sections parsed on first use


def test_a_stale_first_screen_is_brought_up_to_date_from_the_new_parts_only(
        store: Store, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(govtui.store.first_screen, "FIRST_ROWS", 3)  # the first tasks are all in plan 1
    store.plan_rows()
    other = Store(db)
    other.storage.committed = None  # another program (an older govtui) changes the store
    other.set_status("2-1", Status.DONE)
    other.set_status("2-2", Status.BLOCKED)
    fresh = Store(db)
    read: list[str] = []
    part = fresh.storage.part

    def reading(name: str) -> dict[str, object]:
        read.append(name)
        return part(name)

    fresh.storage.part = reading  # type: ignore[method-assign]
    preview = fresh.preview(3)
    assert preview is not None and preview.counts is not None
    assert read == [manifest_layout(db)["2"]]  # plan 2's new part only; plan 1's entry stands
    assert (preview.counts[0][(None, None)], preview.counts[1][(None, None)]) == counted(store)
    assert [t.id for t in preview.tasks] == ["1-1", "1-2", "1-3"]
    read.clear()
    assert fresh.preview(3) is not None and read == []  # saved again: current now


def test_a_missing_lookup_index_leaves_the_first_screen(store: Store, db: Path) -> None:
    store.plan_rows()
    store.set_status("1-3", Status.DOING)
    for path in (index_path(db), docs_path(db)):
        path.unlink()
    preview = Store(db).preview(3)
    assert preview is not None and preview.by_id["1-3"].status is Status.DOING


def test_a_first_screen_too_far_behind_is_not_used(store: Store, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.plan_rows()
    other = Store(db)
    other.storage.committed = None
    other.set_status("1-1", Status.DONE)
    other.set_status("2-1", Status.DONE)  # every part new: the store is read whole
    monkeypatch.setattr(govtui.store.first_screen, "STALE_SHARE", 8)
    assert Store(db).preview(3) is None


FIRST_PAINT = """
import asyncio, sys
import govtui.workbench.live
import govtui.store.first_screen
from govtui.tui.app import make_app
from govtui.store.first_screen import first_path
from govtui.store.lookup_index import docs_path, index_path
from govtui.store.store import Store

govtui.workbench.live.PREVIEW_FROM = 10

async def main() -> None:
    app = make_app(Store(sys.argv[1]))
    assert app.workbench.loading
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0)
        print("LOADED:" + ",".join(sorted(m for m in sys.modules)), flush=True)
        app.exit()

asyncio.run(main())
"""

NOT_AT_FIRST_PAINT = {
    "openpyxl", "docx", "pdfplumber", "pdfminer", "pypinyin", "rapidfuzz", "chinese_calendar", "plotext",
    "textual_plotext", "click", "lxml", "opencc", "reportlab",
    "govtui.importers", "govtui.reports.exporters", "govtui.reports.reports", "govtui.domain.pinyin", "govtui.reports.annual", "govtui.store.carry",
    "govtui.cli", "govtui.cli.care", "govtui.cli.reporting", "govtui.store.import_preview", "govtui.domain.units", "govtui.reports.remind",
    "govtui.tui.screens.report", "govtui.tui.screens.help", "govtui.tui.screens.unit_picker", "govtui.tui.screens.import_dialog",
}


def test_first_paint_loads_only_what_the_first_screen_needs(store: Store, db: Path) -> None:
    store.plan_rows()
    result = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(db)], capture_output=True, text=True,
                            timeout=120)
    line = next(x for x in result.stdout.splitlines() if x.startswith("LOADED:"))
    loaded = set(line.removeprefix("LOADED:").split(","))
    assert "govtui.tui.screens.main" in loaded
    assert not loaded & NOT_AT_FIRST_PAINT, sorted(loaded & NOT_AT_FIRST_PAINT)


async def test_first_screen_leaves_out_archived_plans(store: Store, db: Path, large: None) -> None:
    store.set_archived("2")
    store.plan_rows()
    fresh = Store(db)
    read_all = threading.Event()
    whole = fresh.snapshot

    def held() -> object:
        read_all.wait(30)
        return whole()

    fresh.snapshot = held  # type: ignore[method-assign]
    app = make_app(fresh)
    assert app.workbench.loading
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0)
        table = app.main.query_one(TaskTable)
        assert [t.id for t in table.tasks] == ["1-1", "1-2", "1-3"]
        read_all.set()
        await wait_for(pilot, lambda: not app.workbench.loading)
        assert table.tasks and all(t.plan_id == "1" for t in table.tasks)


async def test_a_tree_of_many_plans_draws_a_screenful_first_then_the_rest(tmp_path: Path) -> None:
    """Plans beyond a screenful are added once the first screen is drawn; loading again meanwhile never
    adds an older load's plans (no plan twice)."""
    from ..conftest import build_store

    path = tmp_path / "many.json"
    build_store(path, 120 * 5, tasks_per_plan=5)  # 120 plans
    store = Store(path)
    plans = store.plans()
    app = make_app(store)
    async with app.run_test(size=(100, 24)) as pilot:
        tree = app.main.query_one(SectionTree)
        await wait_for(pilot, lambda: len(tree.root.children) == len(plans))
        snap = app.workbench.snap
        tree.load(plans, snap.tasks)
        assert len(tree.root.children) < len(plans)  # a screenful now …
        tree.load(plans, snap.tasks)  # … and loaded again before the rest came
        await wait_for(pilot, lambda: len(tree.root.children) == len(plans))
        await pilot.pause()
        ids = [node.data.plan for node in tree.root.children if node.data is not None]
        assert ids == [p.id for p in plans]  # every plan once, in order


def test_a_missing_first_screen_is_saved_again_by_the_next_whole_read(store: Store, db: Path) -> None:
    store.plan_rows()  # the lookup index is current …
    first_path(db).unlink()  # … and the first screen's file gone (a cache cleaned, a new format)
    reader = Store(db)
    assert reader.preview(3) is None
    reader.snapshot()
    reader.save_index()  # what the app does after reading the store whole
    assert Store(db).preview(3) is not None


async def test_the_first_screen_shows_its_keys_before_the_screen_says_they_changed(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's footer is empty until its screen first says its keys changed, which on a busy machine came
    frames after the first screen (a first screen of 80×24 without ``u 单位`` in tmux).  The footer shows the
    screen's and the app's keys from its first frame, even with that word never said; the keys that need a
    highlighted task are asked about while the table is not there yet, and say no."""
    monkeypatch.setattr(Screen, "refresh_bindings", lambda self: None)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(FittingFooter)
        shown = {key.description for key in footer.query(FooterKey) if key.display}
        assert {"单位", "退出"} <= shown, shown


async def test_after_every_task_is_read_a_plan_opened_shows_its_sections_counts_and_a_write_is_refreshed_apart(
        store: Store, db: Path, large: None) -> None:
    """A large store: the tree keeps the counts of the sections of the plans opened only (counted when opened); a
    write in the app has its first-screen file brought up to date by a process of its own (govtui.store.refresh)."""
    store.set_status("2-1", Status.DONE)
    store.plan_rows()
    app = make_app(Store(db))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: not app.workbench.loading)
        tree = app.main.query_one(SectionTree)
        opened = {n.data.plan for n in tree.root.children if n.children and n.data is not None}
        assert {key[0] for key in tree._counts[1] if key[1] is not None} <= opened  # only opened plans' sections
        plan = next(n for n in tree.root.children if n.data is not None and n.data.plan == "2")
        plan.expand()
        await pilot.pause(0)
        tasks = [t for t in store.snapshot().tasks if t.plan_id == "2"]
        for node in plan.children:
            assert node.data is not None
            section = node.data.section
            done = sum(t.status is Status.DONE for t in tasks if section in t.sections)
            assert node.label.plain.endswith(f"{done}/{sum(section in t.sections for t in tasks)}"), node.label
        await pilot.press("3")  # the highlighted task done: written, and the first screen refreshed apart
        await wait_for(pilot, lambda: (saved := govtui.store.first_screen.load(db)) is not None
                       and saved.key == Store(db).storage.stat_key())


def test_the_refresh_process_brings_a_stale_first_screen_up_to_date_and_says_how_it_is_used(
        store: Store, db: Path) -> None:
    store.plan_rows()
    other = Store(db)
    other.storage.committed = None  # a change whose first screen was not refreshed
    other.set_status("2-1", Status.DONE)
    saved = govtui.store.first_screen.load(db)
    assert saved is not None and saved.key != Store(db).storage.stat_key()
    done = subprocess.run([sys.executable, "-m", "govtui.store.refresh", str(db)], capture_output=True, text=True)
    assert done.returncode == 0
    saved = govtui.store.first_screen.load(db)
    assert saved is not None and saved.key == Store(db).storage.stat_key()
    wrong = subprocess.run([sys.executable, "-m", "govtui.store.refresh"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "用法" in wrong.stderr and "Traceback" not in wrong.stderr
