"""The store read, never written: its parsed file, its snapshot (cached until the file changes), a preview
of a large store's first screen, and the quick lookups answered from the lookup index when it is current.

:class:`StoreReader` is the reading half of :class:`govtui.store.store.Store` (which adds the writes).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

from govtui.domain.files import remove_stale_temp_files
from govtui.domain.model import Plan, Task, TaskRow
from govtui.domain.query import TaskFilter
from govtui.domain.snapshot import Snapshot, plan_id_key
from govtui.store import first_screen, lookup_index
from govtui.store.errors import PartGone, StoreError
from govtui.store.parts import manifest_layout
from govtui.store.records import plan_of_task
from govtui.store.storage import SafeJSONStorage
from govtui.store.transaction import no_task

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T", Task, TaskRow)

SCHEMA_VERSION = 1


class StoreReader:
    """A govtui store file, read.  Cheap to create; reads are cached until the file changes."""

    def __init__(self, path: str | os.PathLike[str], *, lock_timeout: float | None = None) -> None:
        self.path = Path(path)
        self.storage = SafeJSONStorage(self.path, lock_timeout=lock_timeout)
        self.storage.committed = self._committed  # every commit brings the first screen up to date
        self._cache_key: tuple[int, int, int] | None = None
        self._cache: Snapshot | None = None
        self._raw: dict[str, Any] | None = None
        self._raw_key: tuple[int, int, int] | None = None
        self._index: tuple[Any, Any] | None = None
        #: What a reader should be told beside an answer (a lookup answered from the cache of a damaged store).
        self.notices: list[str] = []
        remove_stale_temp_files(self.path)

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
        first-screen file (see :mod:`govtui.store.first_screen`): kept current by every write, and brought up
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
            for row in screen.plan_rows():
                plan = Plan.from_row(row)
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
        """After every commit: bring the first screen up to date (from the parts just written), or make it when
        there is none and every part is at hand (a new store), so that the next start of the app draws it at once."""
        saved = first_screen.load(self.path, entries=True)
        if saved is not None and saved.key != key:
            self._refresh_first(saved, key, layout)
        elif saved is None and self.storage.holds(layout.values()):  # a new store: every part just written
            with contextlib.suppress(OSError, StoreError, ValueError, TypeError, KeyError):
                first_screen.save(self.path, first_screen.built(self.storage, key, layout))

    def bring_first_screen_up_to_date(self) -> None:
        """Bring the saved first screen to the store's current version from the parts new since (what a commit does
        for itself, done afterwards: see :mod:`govtui.store.refresh`)."""
        saved = first_screen.load(self.path, entries=True)
        if saved is not None and saved.key != self.storage.stat_key():
            self._refresh_first(saved)

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

    def pinyin_keys(self) -> dict[str, dict[str, Any]]:
        """Unit name → {"full": ["bangongshi"], "initials": ["bgs"]} (from the lookup index when current)."""
        index = self._lookup_index()
        if index is not None:
            return index.pinyin
        return {d["name"]: {"full": d.get("full", []), "initials": d.get("initials", [])}
                for d in (self.storage.head().get("pinyin") or {}).values() if "name" in d}



def _schema(data: dict[str, Any], default: int) -> int:
    """The schema version a store's data says it has (``default`` when it says none)."""
    meta: dict[str, dict[str, Any]] = data.get("meta") or {}
    first = next(iter(meta.values()), {})
    return int(first.get("schema", default))
