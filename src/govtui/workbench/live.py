"""The store as the app sees it, kept fresh: the current snapshot (a preview of the first tasks while a large
store is read), its filter index, another process's changes polled in.  Slow work runs through a
:class:`Runner` the app injects (worker threads in the app, :class:`Direct` in tests); what the screen must
show again is said to its :class:`Listener` as a :data:`Change`, always on the UI's own thread.
"""

from __future__ import annotations

import datetime as dt
import gc
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal, Protocol

from govtui.domain.model import Task
from govtui.domain.search_match import prepare as prepare_search
from govtui.domain.snapshot import Snapshot
from govtui.domain.task_index import TaskIndex
from govtui.domain.workdays import WorkCalendar
from govtui.store import refresh
from govtui.store.errors import StoreError
from govtui.store.store import Store, today

#: From this many tasks the first filter waits for the background index rather than building its own.
BACKGROUND_INDEX_FROM = 5000
#: From this many tasks the first screen is drawn from the lookup index (when current) and the whole
#: store is read in the background; the table shows this many tasks until then.
PREVIEW_FROM = 2000
PREVIEW_ROWS = 100

Severity = Literal["information", "warning", "error"]


class Runner(Protocol):
    """How the workbench's slow work runs: off the UI thread, and back on it."""

    def run(self, job: Callable[[], None], group: str) -> None:
        """Run ``job`` off the UI thread; a newer job of group ``reload`` or ``index`` replaces an older one."""

    def call(self, function: Callable[..., object], *args: Any) -> None:
        """Run ``function(*args)`` on the UI thread (from a job)."""

    def post(self, function: Callable[[], object]) -> None:
        """Run ``function()`` on the UI thread soon, without waiting for it (from a job)."""

    def after(self, seconds: float, function: Callable[[], object]) -> None:
        """Run ``function()`` on the UI thread in ``seconds`` (from the UI thread)."""


class Direct:
    """A runner that runs everything at once, on the caller's thread (tests, scripts)."""

    def run(self, job: Callable[[], None], group: str) -> None:
        job()

    def call(self, function: Callable[..., object], *args: Any) -> None:
        function(*args)

    def post(self, function: Callable[[], object]) -> None:
        function()

    def after(self, seconds: float, function: Callable[[], object]) -> None:
        function()


# -- what the screen is told to show again (notifications, not requests) ------------------------
@dataclass(frozen=True)
class SnapshotChanged:
    """A new snapshot of the store: the tree, its counts and the table again."""


@dataclass(frozen=True)
class TaskChanged:
    """One task changed (``before``: its version before, ``None`` if new): the table, detail and counts."""

    before: Task | None
    after: Task


@dataclass(frozen=True)
class IndexReady:
    """The filter index is ready: a filter waiting for it can be shown."""


@dataclass(frozen=True)
class AllTasksRead:
    """The whole store is in (after a preview); ``same``: it is the version the preview showed."""

    same: bool


Change = SnapshotChanged | TaskChanged | IndexReady | AllTasksRead


class Listener(Protocol):
    """The UI the workbench talks to (the app): called on the UI thread."""

    def say(self, text: str, *, title: str = "", severity: Severity = "information",
            timeout: float | None = None) -> None: ...
    def changed(self, change: Change) -> None: ...


class LiveStore:
    """The store's current snapshot and filter index, kept fresh (the base of the workbench)."""

    def __init__(self, store: Store, runner: Runner, listener: Listener) -> None:
        self.store = store
        self.runner = runner
        self.listener = listener
        self._preview_key = store.storage.stat_key()  # the version a preview shows (its file checks it)
        preview = store.preview(PREVIEW_ROWS, at_least=PREVIEW_FROM)
        #: While a preview is shown the whole store is being read in the background (see ``load_all``).
        self.loading = preview is not None
        self.snap: Snapshot = preview if preview is not None else store.snapshot()
        self.today: dt.date = today()
        self.calendar = WorkCalendar()  # 工作日: the holiday schedule is read on first use
        self._index: TaskIndex | None = None
        #: The snapshot whose index is being built in the background (see ``start``).
        self._index_building: Snapshot | None = None if self.loading else self.snap
        self._index_source: Snapshot | None = None
        #: Writes started and not yet ended (see :meth:`govtui.workbench.workbench.Workbench._write`).
        self.writes_in_flight = 0
        # After a write to a large store its first-screen file is brought up to date by a process of its own (see
        # govtui.store.refresh): done here, with every task in memory, it would add some 45 MB to the peak.
        self._commit_here = store.storage.committed
        store.storage.committed = self._committed
        self._refresher: subprocess.Popen[bytes] | None = None
        self._refresh_again = False


    def _later(self, function: Callable[..., object], *args: Any, **kwargs: Any) -> None:
        """From a job: ``function`` on the UI thread."""
        self.runner.call(partial(function, *args, **kwargs))

    # -- start and keeping fresh ----------------------------------------------------------
    def start(self) -> None:
        """After the first screen: read the whole store (a preview is shown), or build the filter index."""
        if self.loading:
            self.load_all()
        else:
            self.prepare_index(self.snap)

    def _read_store(self) -> Snapshot | None:
        """The whole store, read in a job; ``None`` (and the reason on screen) when it cannot be read."""
        try:
            return self.store.snapshot()
        except StoreError as exc:
            self._later(self.listener.say, str(exc), severity="error")
            return None

    def load_all(self) -> None:
        """Read the whole store after the first screen (drawn from the lookup index), with its filter
        index and search texts, then show it: from then on everything works on all tasks."""
        def job() -> None:
            self.store.prepare_writes()
            snap = self._read_store()
            if snap is None:
                return
            index = TaskIndex(snap.tasks)
            prepare_search()
            # Hundreds of thousands of objects that live as long as the app: kept out of the cycle
            # collector's full passes, which would otherwise stall the screen for a moment now and then.
            gc.freeze()
            self._later(self._loaded, snap, index)

        self.runner.run(job, "reload")

    def _loaded(self, snap: Snapshot, index: TaskIndex) -> None:
        same = False
        try:
            same = self._show_loaded(snap, index)
        finally:
            self.listener.changed(AllTasksRead(same))  # keys typed before this were typed during the load

    def _show_loaded(self, snap: Snapshot, index: TaskIndex) -> bool:
        self.loading = False
        if self.store.snapshot() is snap and self.store.storage.stat_key() == self._preview_key:
            # the same version as the preview: the tree and its counts stand, the table gets every task
            self.snap, self._index, self._index_source = snap, index, snap
            return True
        self._apply_snapshot(snap, index)
        return False

    def _committed(self, key: tuple[int, int, int], layout: dict[str, str]) -> None:
        """After each commit (in the write's job): the first screen brought up to date, here for a small store,
        by a process of its own for a large one (one at a time: a write meanwhile starts another after it)."""
        if self.snap.total() < PREVIEW_FROM or not self._refresh_elsewhere():
            if self._commit_here is not None:
                self._commit_here(key, layout)

    def _refresh_elsewhere(self) -> bool:
        if self._refresher is not None and self._refresher.poll() is None:
            self._refresh_again = True
            return True
        self._refresh_again = False
        self._refresher = refresh.start(self.store.path)
        return self._refresher is not None

    def poll(self) -> None:
        """Once a second: another process's change is read in (not while a write of ours is under way: the
        store has changed, and the write shows what it wrote, or reads the store again if another
        process wrote meanwhile, once it is done)."""
        if self._refresh_again and self._refresher is not None and self._refresher.poll() is not None:
            self._refresh_elsewhere()
        if not self.loading and not self.writes_in_flight and self.store.changed():
            self.reload()

    def reload(self) -> None:
        """Read the store again off the UI thread, with its filter index, then show it."""
        def job() -> None:
            snap = self._read_store()
            if snap is not None:
                self._later(self._apply_snapshot, snap, TaskIndex(snap.tasks))

        self.runner.run(job, "reload")

    def prepare_index(self, snap: Snapshot) -> None:
        """Build the filter index and search texts in the background after the first screen,
        so that the first filter or search keystroke does not stall the screen."""
        def job() -> None:
            self.store.prepare_writes()
            index = TaskIndex(snap.tasks)
            prepare_search()
            self._later(self._index_ready, snap, index)
            if len(snap.tasks) >= PREVIEW_FROM:  # so that the next start draws its first screen from it
                try:
                    self.store.save_index()
                except StoreError:
                    pass

        self.runner.run(job, "index")

    def _index_ready(self, snap: Snapshot, index: TaskIndex) -> None:
        if self._index_building is snap:
            self._index_building = None
        if snap is self.snap and self._index_source is not snap:
            self._index, self._index_source = index, snap
            self.listener.changed(IndexReady())

    def _apply_snapshot(self, snap: Snapshot, index: TaskIndex | None = None) -> None:
        self.snap = snap
        if index is not None:
            self._index, self._index_source = index, snap
        self.today = today()
        self.listener.changed(SnapshotChanged())

    def index_current(self) -> bool:
        """Whether the filter index is that of the current snapshot."""
        return self._index_source is self.snap

    def task_index(self) -> TaskIndex | None:
        """Posting lists over the current snapshot (rebuilt only when the snapshot changes).

        ``None`` while a large store's index is still being built in the background: the filter is
        shown once :class:`IndexReady` is said, instead of stalling the screen.
        """
        if self.loading:
            return None  # the whole store is still being read: the filter is shown once it is
        if self._index is None or self._index_source is not self.snap:
            if self._index_building is self.snap and len(self.snap.tasks) > BACKGROUND_INDEX_FROM:
                return None
            self._index, self._index_source = TaskIndex(self.snap.tasks), self.snap
        return self._index

    # -- reading ----------------------------------------------------------------------------
    def history_for(self, task_id: str) -> list[dict[str, Any]]:
        return self.snap.history.get(task_id, [])

    def unit_keys_raw(self) -> dict[str, dict[str, Any]]:
        try:
            return self.store.pinyin_keys()
        except StoreError:
            return {}

    def unit_keys(self) -> dict[str, list[str]]:
        """Extra keys per unit name for the unit picker: its pinyin, full and initials."""
        from govtui.domain.pinyin import search_keys

        return {name: search_keys(k) for name, k in self.unit_keys_raw().items()}

    def known_units(self) -> set[str]:
        return {u.name for t in self.snap.tasks for u in t.units}

    def _show_task(self, task: Task, snap: Snapshot | None = None) -> None:
        """Show a changed task at once: the snapshot and the filter index are updated in place."""
        index = self._index if self._index_source is self.snap else None
        before = self.snap.by_id.get(task.id)
        self.snap = snap if snap is not None else self.snap.with_task(task)
        if index is not None:  # keep the filter index current without rebuilding it
            index.replace(task)
            self._index_source = self.snap
        self.listener.changed(TaskChanged(before, task))
