"""The one API the CLI and the app use: load plans and tasks, query, change, record history.

The file is a TinyDB database (tables ``meta``, ``plans``, ``tasks``, ``history``) kept by
:class:`~govtui.storage.SafeJSONStorage`.  Every change is one locked transaction that
re-reads the file, applies the change with TinyDB's table API, bumps the task's ``rev``,
appends a history entry (who, when, before, after) and writes the file once.
"""

from __future__ import annotations

import _thread
import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from govtui import first_screen, lookup_index
from govtui.files import remove_stale_temp_files
from govtui.model import DOUBT_FLAGS, Deadline, ImportedPlan, Note, Plan, Status, Task, TaskRow, Unit
from govtui.query import TaskFilter
from govtui.snapshot import Snapshot, plan_id_key
from govtui.storage import OutOfScope, PartGone, SafeJSONStorage, StoreError, manifest_layout, plan_of_task
from govtui.transaction import (
    ConflictError,
    NotFoundError,
    Transaction,
    checked_note,
    new_action_id,
    no_task,
    now_iso,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from tinydb import TinyDB

    from govtui.reimport import ImportDiff, ImportResult
    from govtui.transaction import Compute
    from govtui.undo import UndoResult

    T = TypeVar("T", Task, TaskRow)
    R = TypeVar("R")

SCHEMA_VERSION = 1
TABLES = ("meta", "plans", "tasks", "history", "pinyin")
__all__ = ["ConflictError", "NotFoundError", "Snapshot", "Store", "StoreError", "today"]


def today() -> dt.date:
    """Today's date; ``GOVTUI_TODAY=YYYY-MM-DD`` pins it (for demos and reproducible reports)."""
    pinned = os.environ.get("GOVTUI_TODAY")
    if not pinned:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(pinned.strip())
    except ValueError:
        raise StoreError(f"GOVTUI_TODAY={pinned!r} 不是日期 (not a date): 请写成 YYYY-MM-DD, "
                         "或不设置它以使用今天") from None


class Store:
    """A govtui store file.  Cheap to create; reads are cached until the file changes."""

    def __init__(self, path: str | os.PathLike[str], *, lock_timeout: float | None = None) -> None:
        self.path = Path(path)
        self.storage = SafeJSONStorage(self.path, lock_timeout=lock_timeout)
        self.storage.committed = self._committed
        self._db: TinyDB | None = None
        self._cache_key: tuple[int, int, int] | None = None
        self._cache: Snapshot | None = None
        self._raw: dict[str, Any] | None = None
        self._raw_key: tuple[int, int, int] | None = None
        self._index: tuple[Any, Any] | None = None
        self._user: str | None = None
        self._action: str | None = None  # the user action the changes being recorded belong to
        #: What a reader should be told beside an answer (a lookup answered from the cache of a damaged store).
        self.notices: list[str] = []
        remove_stale_temp_files(self.path)
        self._thread_lock = _thread.RLock()  # one writer thread at a time inside this process

    @property
    def user(self) -> str:
        """The name changes are recorded under: ``$GOVTUI_USER``, else the name set in the app, else the login."""
        if self._user is None:
            from govtui.config import display_name  # reads the user config: only writers need it

            self._user = display_name()
        return self._user

    @user.setter
    def user(self, name: str) -> None:
        self._user = name

    @property
    def db(self) -> TinyDB:
        """The TinyDB database over the same storage (built on first write: lookups never need it)."""
        if self._db is None:
            from tinydb import TinyDB

            from govtui.tracked_table import TrackedTable

            self._db = TinyDB(storage=_Shared, shared=self.storage)
            self._db.table_class = TrackedTable  # tells the storage which plans a write touched
        return self._db

    # -- reading ------------------------------------------------------------------------
    def raw(self) -> dict[str, Any]:
        """The file's parsed content (parsed once per version of the file)."""
        key = self.storage.stat_key()
        if self._raw is not None and key == self._raw_key and key is not None:
            return self._raw
        data = self.storage.read_file()
        self._check_schema(data)
        self._raw, self._raw_key = data, key
        return data

    def _check_schema(self, data: dict[str, Any]) -> None:
        version = _schema(data, SCHEMA_VERSION)
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: 由更新版本的 govtui 写入 (written by a newer govtui): 结构版本 {version}, "
                             f"本版只能读 {SCHEMA_VERSION}; 请升级 govtui 后再用。文件未作改动")

    def invalidate(self) -> None:
        """Forget the cached snapshot (after an in-memory object was changed optimistically)."""
        self._cache = None
        self._cache_key = None
        self._raw = None

    def changed(self) -> bool:
        """Whether the file changed since the last :meth:`snapshot`."""
        return self.storage.stat_key() != self._cache_key

    def snapshot(self) -> Snapshot:
        """Everything in the store as model objects (cached until the file changes).

        Built part by part from the file: the parsed records of one plan at a time, never the whole
        store's at once (a large store's records take several times the memory of its objects).
        """
        key = self.storage.stat_key()
        if self._cache is not None and key == self._cache_key:
            return self._cache
        for _ in range(20):
            key, head, parts = self.storage.stream()
            self._check_schema(head)
            snap = Snapshot()
            tasks: list[Task] = []
            try:
                for part in parts:
                    for doc in (part.get("plans") or {}).values():
                        plan = Plan.from_dict(doc)
                        snap.plans[plan.id] = plan
                    tasks.extend(Task.from_dict(doc) for doc in (part.get("tasks") or {}).values())
                    for entry in (part.get("history") or {}).values():
                        snap.history.setdefault(entry.get("task", ""), []).append(entry)
            except PartGone:
                if self.storage.stat_key() == key:  # the same version names a part that is not there
                    raise self.storage.missing_part() from None
                continue  # a writer committed meanwhile: read its version
            break
        else:
            raise StoreError(f"{self.path}: 库在读取时不断变化 (the store kept changing while being read); 请重试")
        plan_rank = {pid: i for i, pid in enumerate(sorted(snap.plans, key=plan_id_key))}
        tasks.sort(key=lambda t: (plan_rank.get(t.plan_id, 1 << 30), t.order))
        snap.tasks = tasks
        snap.by_id = {t.id: t for t in tasks}
        self._cache, self._cache_key = snap, key
        return snap

    def preview(self, limit: int, at_least: int = 0) -> Snapshot | None:
        """A first look at a large store, without reading it: the plans, the first ``limit`` tasks in
        document order and the tree's counts over the whole store (``snap.counts``), from the small
        first-screen file (see :mod:`govtui.first_screen`): kept current by every write, and brought up
        to date here, reading only the parts that are new, when another program changed the store.

        ``None`` when there is no such file or the store has fewer than ``at_least`` tasks (then
        reading it all is quick).  The whole snapshot is :meth:`snapshot`, read afterwards.
        """
        saved = first_screen.load(self.path)
        if saved is None:
            return None
        key = self.storage.stat_key()
        screen = saved if saved.key == key else self._refresh_first(first_screen.load(self.path, entries=True))
        if screen is None:
            return None
        counts = screen.counts()
        if counts[1].get((None, None), 0) < at_least:
            return None
        try:
            snap = Snapshot()
            for doc in screen.plan_documents():
                plan = Plan.from_dict(doc)
                snap.plans[plan.id] = plan
            snap.tasks = [Task.from_dict(doc) for doc in screen.first_documents()[:limit]]
        except (ValueError, TypeError, KeyError):
            return None
        snap.by_id = {t.id: t for t in snap.tasks}
        snap.counts = counts
        return snap

    def _refresh_first(self, saved: first_screen.FirstScreen | None, key: tuple[int, int, int] | None = None,
                       layout: dict[str, str] | None = None) -> first_screen.FirstScreen | None:
        """The first screen of the current version (or of ``key``, whose parts are ``layout``: a commit's),
        from ``saved`` and the parts new since; saved for the next start.  ``None`` when it cannot be had
        so (then the store is read whole)."""
        try:
            if key is None:
                key = self.storage.stat_key()
                layout = manifest_layout(self.path)
                if layout is None or key is None or key != self.storage.stat_key():
                    return None
            assert layout is not None
            screen = first_screen.refresh(self.storage, key, layout, saved)
        except (OSError, StoreError, ValueError, TypeError, KeyError):  # a part gone meanwhile, or damaged
            return None
        if screen is not None:
            first_screen.save(self.path, screen)
        return screen

    def _committed(self, key: tuple[int, int, int], layout: dict[str, str]) -> None:
        """After every commit: bring the first screen up to date (from the parts just written), so that the
        next start of the app draws it at once."""
        saved = first_screen.load(self.path, entries=True)
        if saved is not None and saved.key != key:
            self._refresh_first(saved, key, layout)

    def save_index(self) -> None:
        """Save the lookup index and the first screen when either is not current (after a full read: the
        next start is quick), from the parsed file or from the snapshot, whichever is current."""
        key = self.storage.stat_key()
        if key is None:
            return
        first = first_screen.load(self.path)
        if self._lookup_index() is not None and first is not None and first.key == key:
            return
        if self._raw is not None and self._raw_key == key:
            lookup_index.save(self.path, key, self._raw)
        elif self._cache is not None and self._cache_key == key:
            snap = self._cache
            lookup_index.save_documents(self.path, key, [p.to_dict() for p in snap.plans.values()],
                                        (t.to_dict() for t in snap.tasks), self.storage.head().get("pinyin") or {})
        else:
            return
        self._index = None

    def find(self, task_filter: TaskFilter, day: dt.date) -> tuple[dict[str, Plan], list[Task]]:
        """Plans and the whole tasks passing ``task_filter``, in document order, straight from the file
        (the full snapshot is never built).

        Without a text search or 待核对 (which need whole tasks) it answers from the lookup index when
        that is current (saving a fresh one when it is not): only the matching tasks' documents are parsed.
        """
        whole = task_filter.needs_whole_tasks
        index = self._lookup_index() if not whole else None
        if index is None and not whole:
            data = self.raw()
            lookup_index.save(self.path, self._raw_key, data)
            index = self._lookup_index()
        if index is not None:
            try:
                plans = {doc["id"]: Plan.from_dict(doc) for doc in index.plan_documents()}
                rows = [row for row in task_filter.candidates(index, day)
                        if task_filter.matches(index.row(row), day)]
                return plans, self._in_order([Task.from_dict(index.doc(row)) for row in rows], plans)
            except (OSError, EOFError, ValueError, TypeError):
                pass  # the documents' file is gone or stale: read the store
        data = self.raw()
        plans = {doc["id"]: Plan.from_dict(doc) for doc in (data.get("plans") or {}).values()}
        found = [task for doc in (data.get("tasks") or {}).values() if task_filter.may_match_doc(doc)
                 and task_filter.matches(task := Task.from_dict(doc), day)]
        return plans, self._in_order(found, plans)

    def find_rows(self, task_filter: TaskFilter, day: dt.date) -> list[TaskRow]:
        """The table rows of the tasks passing ``task_filter``, in document order.

        The quick lookup's path: without a text search or 待核对 (its rows carry no notes and no flags)
        it answers from the lookup index when that is current (and saves a fresh one when it is not),
        building only the matching rows.
        """
        index = self._lookup_index() if not task_filter.needs_whole_tasks else None
        if index is None:
            data = self.raw()
            if not task_filter.needs_whole_tasks:
                lookup_index.save(self.path, self._raw_key, data)
            _, tasks = self.find(task_filter, day)
            return [TaskRow.of(t, lookup_index.TEXT_HEAD) for t in tasks]
        return task_filter.select(index, day, index.row)  # the index's rows are in document order

    @staticmethod
    def _in_order(found: list[T], plans: dict[str, Plan]) -> list[T]:
        rank = {pid: i for i, pid in enumerate(sorted(plans, key=plan_id_key))}
        found.sort(key=lambda t: (rank.get(t.plan_id, 1 << 30), t.order))
        return found

    def _lookup_index(self) -> lookup_index.LookupIndex | None:
        key = self.storage.stat_key()
        if self._index is None or self._index[0] != key:
            self._index = (key, lookup_index.load(self.path, key))
            index = self._index[1]
            if index is not None and index.damaged and index.damaged not in self.notices:
                self.notices.append(index.damaged)
        return self._index[1]

    def unit_names(self) -> set[str]:
        """Every unit name in the store (from the lookup index when it is current)."""
        index = self._lookup_index()
        if index is not None:
            return index.unit_names()
        return {u["name"] for doc in (self.raw().get("tasks") or {}).values() for u in doc.get("units", [])}

    def archived_plan_ids(self) -> list[str]:
        """The plans archived as finished (left out of the default views), from the lookup index when current."""
        index = self._lookup_index()
        if index is not None:
            return list(index.archived)
        return [str(p["id"]) for p in self.plan_rows() if p.get("archived")]

    def plan_rows(self) -> list[dict[str, Any]]:
        """What `govtui plans` prints, per plan, in id order (from the lookup index when current)."""
        index = self._lookup_index()
        if index is None:
            data = self.raw()
            lookup_index.save(self.path, self._raw_key, data)
            index = self._lookup_index()
        if index is not None:
            return sorted(index.plan_summaries, key=lambda r: plan_id_key(r["id"]))
        counts = self.plan_task_counts()  # the cache folder is not writable: count from the file
        docs = sorted((self.raw().get("plans") or {}).values(), key=lambda d: plan_id_key(str(d.get("id", ""))))
        return [lookup_index.plan_summary(d, counts.get(d.get("id", ""), 0)) for d in docs]

    def plans_only(self) -> list[Plan]:
        """The plans, without building any task (cheap on a large store)."""
        docs = (self.raw().get("plans") or {}).values()
        return sorted((Plan.from_dict(d) for d in docs), key=lambda p: plan_id_key(p.id))

    def lookup(self, task_id: str) -> tuple[dict[str, Plan], Task]:
        """One task and its plan (all the plans, on a store of one file), straight from the file: only
        the part of the task's plan is read."""
        scoped = self.storage.read_plans(frozenset({plan_of_task(task_id)}))
        for data in (scoped, None) if scoped is not None else (None,):
            if data is None:
                data = self.raw()
            else:
                self._check_schema(data)
            for doc in (data.get("tasks") or {}).values():
                if doc.get("id") == task_id:
                    plans = {d["id"]: Plan.from_dict(d) for d in (data.get("plans") or {}).values()}
                    return plans, Task.from_dict(doc)
        raise no_task(task_id)

    def known_ids(self, task_ids: list[str]) -> set[str]:
        """Which of ``task_ids`` are tasks of the store (only their plans' parts are read)."""
        data = self.storage.read_plans(frozenset(plan_of_task(t) for t in task_ids))
        wanted = set(task_ids)
        found = {doc.get("id") for doc in ((data or {}).get("tasks") or {}).values()} & wanted
        if data is None or found != wanted:  # one file, or a task filed unusually: the whole store
            found = {doc.get("id") for doc in (self.raw().get("tasks") or {}).values()} & wanted
        return {str(t) for t in found}

    def plan_task_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for doc in (self.raw().get("tasks") or {}).values():
            counts[doc.get("plan_id", "")] = counts.get(doc.get("plan_id", ""), 0) + 1
        return counts

    def plans(self) -> list[Plan]:
        return sorted(self.snapshot().plans.values(), key=lambda p: plan_id_key(p.id))

    def tasks(self) -> list[Task]:
        return self.snapshot().tasks

    def task(self, task_id: str) -> Task:
        found = self.snapshot().by_id.get(task_id)
        if found is None:
            raise no_task(task_id)
        return found

    def history(self, task_id: str | None = None) -> list[dict[str, Any]]:
        """Changes, oldest first: all of them, or one task's."""
        if task_id is not None:
            scoped = self.storage.read_plans(frozenset({plan_of_task(task_id)}))  # only the task's plan's part
            if scoped is not None:
                return [e for e in (scoped.get("history") or {}).values() if e.get("task") == task_id]
            return list(self.snapshot().history.get(task_id, []))
        snap = self.snapshot()
        return sorted((e for entries in snap.history.values() for e in entries), key=lambda e: e.get("time", ""))

    # -- writing ------------------------------------------------------------------------
    @contextmanager
    def transaction(self, scope: frozenset[str] | None = None) -> Iterator[Transaction]:
        """One locked read-modify-write: the file is read fresh and written once at the end.

        Everything that changes the store goes through the :class:`~govtui.transaction.Transaction`
        this yields (nested transactions join the outer one).  With ``scope`` (plan keys, see
        :meth:`scoped`) only those plans' records are read.
        """
        with self._thread_lock, self.storage.transaction(scope if self._action is None else None) as data:
            outermost = self._action is None
            if outermost:  # everything recorded until the outermost transaction closes is one action
                self._action = new_action_id()
            try:
                self._check_schema(data)
                self._migrate(data)
                self.db.clear_cache()
                for name in TABLES if outermost else ():
                    table = self.db.table(name)
                    # the file may have changed since TinyDB last counted (a scoped read: the manifest counts)
                    table._next_id = self.storage.next_ids.get(name)  # type: ignore[assignment]
                meta = self.db.table("meta")
                if not meta.all():
                    meta.insert({"schema": SCHEMA_VERSION, "created": now_iso()})
                yield Transaction(self.db, data, self.user, self._action)
            finally:
                if outermost:
                    self._action = None

    def _migrate(self, data: dict[str, Any]) -> None:
        """Bring an older store up to :data:`SCHEMA_VERSION`, keeping a copy of it first."""
        version = _schema(data, 0)
        if version >= SCHEMA_VERSION or not (data.get("tasks") or data.get("plans")):
            return
        backup = self.path.with_name(f"{self.path.name}.schema{version}")
        if not backup.exists():
            from govtui.files import atomic_write, file_mode_for

            atomic_write(backup, self.path.read_bytes(), mode=file_mode_for(self.path))
        # schema 0 → 1: the meta table (with the version) and a revision on every task.
        for doc in (data.get("tasks") or {}).values():
            doc.setdefault("rev", 0)
            doc.setdefault("flags", [])
            doc.setdefault("notes", [])
        data["meta"] = {"1": {"schema": SCHEMA_VERSION, "created": now_iso(), "migrated_from": version}}
        data.setdefault("history", {})
        self.storage.write(data)
        self.storage.mark_all_changed()

    @contextmanager
    def action(self, task_ids: list[str] | None = None) -> Iterator[str]:
        """One user action: every change inside is one transaction and one undo step.

        Nested calls join the outer action.  Yields the action's id (kept in each history entry).
        With ``task_ids`` (every task the action changes) only their plans' parts are read, when
        the store allows it: a change outside them then fails with nothing written.
        """
        scope = frozenset(plan_of_task(t) for t in task_ids) if task_ids is not None else None
        try:
            with self.transaction(scope if self._action is None else None) as txn:
                yield txn.action
        except OutOfScope:
            raise StoreError("这次修改涉及了未读取的计划, 未写入任何内容 (the change reached beyond the plans "
                             "it read); 请重试") from None

    def scoped(self, task_ids: list[str], change: Callable[[Transaction], R]) -> R:
        """Run ``change`` in one transaction that reads only the parts of the tasks' plans; when it
        needs more (a task elsewhere, an old store), it runs again on the whole store."""
        if self._action is None:
            try:
                with self.transaction(frozenset(plan_of_task(t) for t in task_ids)) as txn:
                    return change(txn)
            except (OutOfScope, NotFoundError):
                pass
        with self.transaction() as txn:
            return change(txn)

    def _change(self, task_id: str, what: str, compute: Compute, expected_rev: int | None,
                also: Callable[[Transaction], None] | None = None) -> Task:
        """One task's change as one locked transaction (see :meth:`Transaction.change_task`).

        A change that changes nothing (the status it already has) is neither written nor recorded.
        """
        def change(txn: Transaction) -> tuple[Task, dict[str, Any] | None]:
            if also is not None:
                also(txn)
            return txn.change_task(task_id, what, compute, expected_rev)

        task, entry = self.scoped([task_id], change)
        if entry is None:
            return task
        self._patch_snapshot(task, entry)
        return task

    def _patch_snapshot(self, task: Task, entry: dict[str, Any]) -> None:
        """Keep the cached snapshot current after this process's own write, without re-reading.

        Only when the snapshot was current when the write began; otherwise another process
        wrote in between and the next :meth:`snapshot` reads the file again.
        """
        snap = self._cache
        storage = self.storage
        if snap is None or self._cache_key != storage.read_key or storage.written_key is None:
            return
        self._cache = snap.with_task(task, entry)
        self._cache_key = storage.written_key

    def set_status(self, task_id: str, status: Status, *, expected_rev: int | None = None) -> Task:
        def compute(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
            return {"status": status.value}, doc.get("status"), status.value

        return self._change(task_id, "status", compute, expected_rev)

    def add_note(self, task_id: str, text: str, *, expected_rev: int | None = None) -> Task:
        text = checked_note(text)
        note = Note(now_iso(), self.user, text).to_dict()

        def compute(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
            return {"notes": [*doc.get("notes", []), note]}, None, note

        return self._change(task_id, "note", compute, expected_rev)

    def edit_task(self, task_id: str, units: list[Unit], deadline_text: str, *,
                  expected_rev: int | None = None) -> Task:
        """Units and deadline together: one transaction (reading only the task's plan), one undo step."""

        def change(_: Transaction) -> Task:
            self.set_units(task_id, units, expected_rev=expected_rev)
            return self.set_deadline(task_id, deadline_text)

        return self.scoped([task_id], change)

    def set_units(self, task_id: str, units: list[Unit], *, expected_rev: int | None = None) -> Task:
        after = [u.to_dict() for u in units]

        def compute(doc: dict[str, Any], data: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
            flags = {*doc.get("flags", []), "edited-units"} - DOUBT_FLAGS  # a person has checked it
            if units:
                flags.discard("no-units")
            return {"units": after, "flags": sorted(flags)}, doc.get("units"), after

        return self._change(task_id, "units", compute, expected_rev,
                            also=lambda txn: txn.index_pinyin({u.name for u in units}))

    def set_deadline(self, task_id: str, text: str, *, expected_rev: int | None = None) -> Task:
        from govtui.deadlines import DateError, parse_typed_deadline  # not needed by lookups: imported on use
        from govtui.recurrence_store import recurring_deadline

        def compute(doc: dict[str, Any], data: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
            plans = (data.get("plans") or {}).values()
            year = next((p.get("year") for p in plans if p.get("id") == doc.get("plan_id")), None)
            try:
                deadline = (parse_typed_deadline(text, year) if text.strip() else Deadline()).to_dict()
            except DateError as exc:
                raise StoreError(f"时限{exc}; 未作修改") from None
            deadline = recurring_deadline(deadline, year or today().year, doc.get("occurrences") or [])
            flags = sorted({*doc.get("flags", []), "edited-deadline"} - DOUBT_FLAGS)  # a person has checked it
            return {"deadline": deadline, "flags": flags}, doc.get("deadline"), deadline

        return self._change(task_id, "deadline", compute, expected_rev)

    def set_proof(self, task_id: str, proof: dict[str, Any] | None, *, expected_rev: int | None = None) -> Task:
        """Record (or, with ``None``, clear) where a done task was published; see :mod:`govtui.proof`."""

        def compute(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
            return {"proof": proof}, doc.get("proof"), proof

        return self._change(task_id, "proof", compute, expected_rev)

    def confirm(self, task_ids: list[str]) -> list[Task]:
        """A person has checked these tasks against the document: their doubt flags (the importer's
        guesses, :data:`~govtui.model.DOUBT_FLAGS`) go, as one change (one undo step).  Every id is
        checked first: an unknown one changes nothing.  Returns the tasks that had a doubt."""
        if not task_ids:
            raise StoreError("没有给出任务 (no task given)")

        def compute(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
            flags = list(doc.get("flags", []))
            kept = [f for f in flags if f not in DOUBT_FLAGS]
            return {"flags": kept}, flags, kept

        def change(txn: Transaction) -> list[Task]:
            for task_id in task_ids:
                txn.task_doc(task_id)
            changed = (txn.change_task(task_id, "flags", compute) for task_id in dict.fromkeys(task_ids))
            return [task for task, entry in changed if entry is not None]

        return self.scoped(task_ids, change)

    def complete_occurrence(self, task_id: str, *, expected_rev: int | None = None) -> tuple[Task, str, str | None]:
        """Record the current occurrence of a recurring duty as met and roll on to the next one.

        Returns the task, the label of the occurrence met, and the next one's label (``None`` when the
        year's occurrences are all met: the task is then 已完成).
        """
        from govtui.recurrence_store import complete_current

        labels: list[str | None] = []

        def compute(doc: dict[str, Any], data: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
            fields, met, following = complete_current(doc, data, self.user, now_iso(), today())
            labels.extend([met, following])
            return fields, {key: doc.get(key) for key in fields}, fields  # all it changed: undo restores it

        task = self._change(task_id, "occurrence", compute, expected_rev)
        return task, str(labels[0]), labels[1]

    def change_many(self, task_ids: list[str], *, status: Status | None = None, note: str | None = None) -> list[Task]:
        """The same status and/or the same note on several tasks (the app's marked tasks): one
        transaction, one undo step.  Every id is checked first: an unknown one changes nothing."""
        text = checked_note(note) if note is not None else None
        if not task_ids:
            raise StoreError("没有标记任务 (no task marked)")
        entry = Note(now_iso(), self.user, text).to_dict() if text else None

        def new_status(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
            assert status is not None
            return {"status": status.value}, doc.get("status"), status.value

        def new_note(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
            return {"notes": [*doc.get("notes", []), entry]}, None, entry

        def change(txn: Transaction) -> list[Task]:
            changed: list[Task] = []
            docs = {task_id: txn.task_doc(task_id)[1] for task_id in task_ids}  # all known before any write
            for task_id in dict.fromkeys(task_ids):
                task = None
                deadline = docs[task_id].get("deadline") or {}
                if status is Status.DONE and deadline.get("kind") == "recurring" and deadline.get("due"):
                    task, _, _ = self.complete_occurrence(task_id)  # as 3 on one duty: this occurrence is met
                elif status is not None:
                    task, _ = txn.change_task(task_id, "status", new_status)
                if entry is not None:
                    task, _ = txn.change_task(task_id, "note", new_note)
                if task is not None:
                    changed.append(task)
            return changed

        return self.scoped(task_ids, change)

    # Changes by hand (see govtui.manual): each one transaction, recorded, one undo step.
    def edit_note(self, task_id: str, text: str, index: int | None = None) -> dict[str, Any]:
        """Replace the text of one's own note (``index``: 1 = oldest; default one's latest); returns it as it was."""
        from govtui import manual

        with self.transaction() as txn:
            return manual.change_note(txn, task_id, index, text)

    def delete_note(self, task_id: str, index: int | None = None) -> dict[str, Any]:
        """Delete one's own note (``index`` as :meth:`edit_note`); returns it."""
        from govtui import manual

        with self.transaction() as txn:
            return manual.change_note(txn, task_id, index, None)

    def add_task(self, plan_id: str, section_id: str | None, text: str, units: list[Unit],
                 deadline_text: str = "") -> Task:
        """A task added by hand at the end of a section (or of the plan)."""
        from govtui import manual

        with self.transaction() as txn:
            doc = manual.add_task(txn, plan_id, section_id, text, units, deadline_text)
        return Task.from_dict(doc)

    def delete_task(self, task_id: str) -> Task:
        """Remove a task (kept in the history: undo brings it back); returns it."""
        from govtui import manual

        with self.transaction() as txn:
            entry = txn.drop_task(task_id, manual.TASK)
        return Task.from_dict(entry["before"])

    def set_archived(self, plan_id: str, archived: bool = True) -> bool:
        """Archive a finished plan (hidden from the default views) or bring it back; whether it changed."""
        from govtui import manual

        with self.transaction() as txn, txn.journaled():
            return manual.set_archived(txn, plan_id, archived)

    def delete_plan(self, plan_id: str) -> tuple[Plan, list[Task]]:
        """Remove a plan with all its tasks (one action: undo brings them all back); returns what went."""
        from govtui import manual

        with self.transaction() as txn, txn.journaled():
            plan, docs = manual.delete_plan(txn, plan_id)
        return Plan.from_dict(plan), [Task.from_dict(d) for d in docs]

    def restore(self, backup: Path) -> int:
        """Make plans and tasks what they were in ``backup`` (one of the rotating backups), as one undoable
        action recorded in the history; returns how many records it changed."""
        from govtui.backups import restore_records

        with self.transaction() as txn, txn.journaled():
            return restore_records(txn, backup)

    def carry_over(self, from_plan: str, to_plan: str, task_ids: list[str]) -> list[Task]:
        """Copy last year's tasks ``task_ids`` into plan ``to_plan`` as 上年结转 tasks (one change).

        Tasks carried into that plan before, or that it has a counterpart of, are skipped; see :mod:`govtui.carry`.
        """
        from govtui.carry import carried_docs, carry_section, counterparts

        with self.transaction() as txn, txn.journaled():
            data = txn.data
            plan_docs = {d.get("id"): (int(k), d) for k, d in (data.get("plans") or {}).items()}
            if from_plan not in plan_docs or to_plan not in plan_docs:
                missing = from_plan if from_plan not in plan_docs else to_plan
                raise NotFoundError(f"没有编号为 {missing} 的计划 (no such plan)")
            old_plan, new_plan = Plan.from_dict(plan_docs[from_plan][1]), Plan.from_dict(plan_docs[to_plan][1])
            tasks = [Task.from_dict(d) for d in (data.get("tasks") or {}).values()
                     if d.get("plan_id") in (from_plan, to_plan)]
            done_before = counterparts(tasks, new_plan)
            wanted = [t for t in tasks if t.plan_id == from_plan and t.id in set(task_ids) and t.id not in done_before]
            if not wanted:
                return []
            section, is_new = carry_section(new_plan)
            if is_new:
                new_plan.sections.append(section)
                txn.table("plans").update({"sections": [s.to_dict() for s in new_plan.sections]},
                                          doc_ids=[plan_docs[to_plan][0]])
            numbers = [int(t.number[1:]) for t in tasks if t.plan_id == to_plan and t.number[:1] == "C"
                       and t.number[1:].isdigit()]
            order = max((t.order for t in tasks if t.plan_id == to_plan), default=0) + 1
            docs = carried_docs(wanted, old_plan, new_plan, section, max(numbers, default=0) + 1, order,
                                self.user, now_iso())
            txn.table("tasks").insert_multiple(docs)
            for doc in docs:
                txn.record(doc["id"], "carry-over", doc["previous"]["id"], doc["id"], 0)
        return [Task.from_dict(d) for d in docs]

    def pinyin_keys(self) -> dict[str, dict[str, Any]]:
        """Unit name → {"full": ["bangongshi"], "initials": ["bgs"]} (from the lookup index when current)."""
        index = self._lookup_index()
        if index is not None:
            return index.pinyin
        return {d["name"]: {"full": d.get("full", []), "initials": d.get("initials", [])}
                for d in (self.storage.head().get("pinyin") or {}).values() if "name" in d}

    def rename_unit(self, old: str, new: str, *, merge: bool = False) -> int:
        """Rename unit ``old`` to ``new`` in every plan (``merge``: ``new`` may exist already).

        Each changed task gets a new revision and a history entry.  Returns how many tasks changed.
        """
        from govtui.units import clean_name

        new = clean_name(new)
        if not new:
            raise StoreError("新的单位名称是空的 (the new unit name is empty)")
        with self.transaction() as txn:
            docs = txn.task_docs()
            names = {u.get("name") for doc in docs.values() for u in doc.get("units", [])}
            if old not in names:
                raise NotFoundError(f"没有名为 {old!r} 的单位 (no such unit); 用 `govtui units` 查看全部单位")
            if new in names and not merge:
                raise StoreError(f"单位 {new!r} 已经存在 (exists already): 要合并请用 `govtui units merge {old} {new}`")

            def compute(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
                units = doc.get("units", [])
                renamed: list[dict[str, Any]] = []
                for unit in units:
                    unit = {**unit, "name": new} if unit.get("name") == old else unit
                    if not any(u["name"] == unit["name"] and u.get("role") == unit.get("role") for u in renamed):
                        renamed.append(unit)
                return {"units": renamed}, units, renamed

            named = [doc["id"] for doc in docs.values() if any(u.get("name") == old for u in doc.get("units", []))]
            for task_id in named:
                txn.change_task(task_id, "units", compute)
            txn.index_pinyin({new})
        return len(named)

    def undo(self, user: str | None = None) -> UndoResult:
        """Undo ``user``'s latest action not yet undone (default: this user); see :mod:`govtui.undo`."""
        with self.transaction() as txn:
            from govtui.undo import undo_last  # writers only: off the lookup path

            return undo_last(txn, user or self.user)

    def redo(self, user: str | None = None) -> UndoResult:
        """Redo ``user``'s most recently undone action; see :mod:`govtui.undo`."""
        with self.transaction() as txn:
            from govtui.undo import redo_last

            return redo_last(txn, user or self.user)

    # -- importing ----------------------------------------------------------------------
    def import_plans(self, plans: list[ImportedPlan]) -> list[ImportResult]:
        """Import several plans as one change: all of them are written, or none."""
        with self.transaction() as txn, txn.journaled():
            return [self.import_plan(imported) for imported in plans]

    def preview_import(self, imported: ImportedPlan) -> ImportDiff:
        """What importing ``imported`` would change (a new plan, or added / changed / removed tasks)."""
        from govtui.reimport import diff_import

        return diff_import(self.raw(), imported)

    def import_plan(self, imported: ImportedPlan) -> ImportResult:
        """Add a plan, or update the same document's plan in place (ids, statuses, notes kept).

        Once the plan is in: recurring duties get their current occurrence's due date, and each task
        is linked to the most similar task of the same organisation's plan of the year before.
        """
        with self.transaction() as txn, txn.journaled():
            from govtui.reimport import apply_import

            result = apply_import(txn, imported)
            from govtui.recurrence_store import refresh_plan

            refresh_plan(txn, result.plan.id, today().year)
            if not result.created:
                from govtui.carry import keep_section

                keep_section(txn, result.plan.id)
            if result.plan.year and result.plan.organization:
                from govtui.linking import link_store_plan

                link_store_plan(txn, result.plan.id)
            return result


class _Shared(SafeJSONStorage):
    """Hands TinyDB the store's existing storage object (TinyDB insists on building its own)."""

    def __new__(cls, shared: SafeJSONStorage) -> SafeJSONStorage:  # type: ignore[misc]
        return shared


def _schema(data: dict[str, Any], default: int) -> int:
    """The schema version a store's data says it has (``default`` when it says none)."""
    meta: dict[str, dict[str, Any]] = data.get("meta") or {}
    first = next(iter(meta.values()), {})
    return int(first.get("schema", default))
