"""The one API the CLI and the app use: load plans and tasks, query, change, record history.

The file is a TinyDB database (tables ``meta``, ``plans``, ``tasks``, ``history``) kept by
:class:`~govtui.store.storage.SafeJSONStorage`.  Every change is one locked transaction that
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

from govtui.domain.model import ImportedPlan, Note, Plan, Status, Task, Unit
from govtui.domain.snapshot import Snapshot
from govtui.store import task_fields
from govtui.store.errors import OutOfScope, StoreError
from govtui.store.reading import SCHEMA_VERSION, StoreReader, _schema
from govtui.store.records import plan_of_task
from govtui.store.transaction import (
    ConflictError,
    NotFoundError,
    Transaction,
    checked_note,
    new_action_id,
    now_iso,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from tinydb import TinyDB

    from govtui.store.reimport import ImportDiff, ImportResult
    from govtui.store.transaction import Compute
    from govtui.store.undo import UndoResult

    R = TypeVar("R")

TABLES = ("meta", "plans", "tasks", "history", "pinyin")
__all__ = ["SCHEMA_VERSION", "ConflictError", "NotFoundError", "Snapshot", "Store", "StoreError", "today"]


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


class Store(StoreReader):
    """A govtui store file: read (see :class:`~govtui.store.reading.StoreReader`) and changed, each command one
    operation module's function over one :class:`~govtui.store.transaction.Transaction`."""

    def __init__(self, path: str | os.PathLike[str], *, lock_timeout: float | None = None) -> None:
        super().__init__(path, lock_timeout=lock_timeout)
        self._db: TinyDB | None = None
        self._user: str | None = None
        self._action: str | None = None  # the user action the changes being recorded belong to
        self._thread_lock = _thread.RLock()  # one writer thread at a time inside this process

    @contextmanager
    def on_commit(self, callback: Callable[[], None]) -> Iterator[None]:
        """Within the block (on the writing thread), ``callback`` is called as soon as a change is on disk,
        before the backup that may follow it is written (the app shows a change once it is safe)."""
        with self._thread_lock:
            self.storage.on_disk = callback
            try:
                yield
            finally:
                self.storage.on_disk = None

    @property
    def user(self) -> str:
        """The name changes are recorded under: ``$GOVTUI_USER``, else the name set in the app, else the login."""
        if self._user is None:
            from govtui.domain.config import display_name  # reads the user config: only writers need it

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

            from govtui.store.tracked_table import SharedStorage, TrackedTable

            self._db = TinyDB(storage=SharedStorage, shared=self.storage)
            self._db.table_class = TrackedTable  # tells the storage which plans a write touched
        return self._db

    def prepare_writes(self) -> None:
        """Load what the first write of a process needs (TinyDB and the table it writes through, the
        lock, the lock holder's note), so that it is not loaded while a change waits to be durable: a
        process that will write (the app) calls this in the background."""
        import getpass  # noqa: F401  (the lock holder's note)
        import pwd  # noqa: F401
        import socket  # noqa: F401
        import tempfile  # noqa: F401  (atomic writes)

        import filelock  # noqa: F401

        from govtui.store.tracked_table import set_next_id  # noqa: F401

        assert self.db is not None

    # -- writing ------------------------------------------------------------------------
    @contextmanager
    def transaction(self, scope: frozenset[str] | None = None) -> Iterator[Transaction]:
        """One locked read-modify-write: the file is read fresh and written once at the end.

        Everything that changes the store goes through the :class:`~govtui.store.transaction.Transaction`
        this yields (nested transactions join the outer one).  With ``scope`` (plan keys, see
        :meth:`scoped`) only those plans' records are read.
        """
        with self._thread_lock, self.storage.transaction(scope if self._action is None else None) as data:
            outermost = self._action is None
            if outermost:  # everything recorded until the outermost transaction closes is one action
                self._action = new_action_id()
            try:
                from govtui.store.tracked_table import set_next_id  # writers only: TinyDB is loaded by then

                self._check_schema(data)
                self._migrate(data)
                self.db.clear_cache()
                for name in TABLES if outermost else ():
                    table = self.db.table(name)
                    # the file may have changed since TinyDB last counted (a scoped read: the manifest counts)
                    set_next_id(table, self.storage.next_ids.get(name))
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
            from govtui.domain.files import atomic_write, file_mode_for

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
        return self._change(task_id, "status", task_fields.status(status), expected_rev)

    def add_note(self, task_id: str, text: str, *, expected_rev: int | None = None) -> Task:
        entry = Note(now_iso(), self.user, checked_note(text)).to_dict()
        return self._change(task_id, "note", task_fields.note(entry), expected_rev)

    def edit_task(self, task_id: str, units: list[Unit], deadline_text: str, *,
                  expected_rev: int | None = None) -> Task:
        """Units and deadline together: one transaction (reading only the task's plan), one undo step."""

        def change(_: Transaction) -> Task:
            self.set_units(task_id, units, expected_rev=expected_rev)
            return self.set_deadline(task_id, deadline_text)

        return self.scoped([task_id], change)

    def set_units(self, task_id: str, units: list[Unit], *, expected_rev: int | None = None) -> Task:
        return self._change(task_id, "units", task_fields.units(units), expected_rev,
                            also=lambda txn: txn.index_pinyin({u.name for u in units}))

    def set_deadline(self, task_id: str, text: str, *, expected_rev: int | None = None) -> Task:
        return self._change(task_id, "deadline", task_fields.deadline(text, today().year), expected_rev)

    def set_proof(self, task_id: str, proof: dict[str, Any] | None, *, expected_rev: int | None = None) -> Task:
        """Record (or, with ``None``, clear) where a done task was published; see :mod:`govtui.domain.proof`."""
        return self._change(task_id, "proof", task_fields.proof(proof), expected_rev)

    def confirm(self, task_ids: list[str]) -> list[Task]:
        """The doubt flags of these tasks go, as one change (see :func:`govtui.store.task_fields.confirm`)."""
        return self.scoped(task_ids, lambda txn: task_fields.confirm(txn, task_ids))

    def complete_occurrence(self, task_id: str, *, expected_rev: int | None = None) -> tuple[Task, str, str | None]:
        """Record the current occurrence of a recurring duty as met and roll on to the next one.

        Returns the task, the label of the occurrence met, and the next one's label (``None`` when the
        year's occurrences are all met: the task is then 已完成).
        """
        labels: list[str | None] = []
        compute = task_fields.occurrence(self.user, now_iso(), today(), labels)
        task = self._change(task_id, "occurrence", compute, expected_rev)
        return task, str(labels[0]), labels[1]

    def change_many(self, task_ids: list[str], *, status: Status | None = None, note: str | None = None) -> list[Task]:
        """The same status and/or the same note on several tasks (the app's marked tasks): one
        transaction, one undo step (see :func:`govtui.store.task_fields.change_many`)."""
        text = checked_note(note) if note is not None else None
        if not task_ids:
            raise StoreError("没有标记任务 (no task marked)")
        entry = Note(now_iso(), self.user, text).to_dict() if text else None
        return self.scoped(task_ids, lambda txn: task_fields.change_many(txn, task_ids, status, entry, self.user,
                                                                         now_iso(), today()))

    # Changes by hand (see govtui.store.manual): each one transaction, recorded, one undo step.
    def edit_note(self, task_id: str, text: str, index: int | None = None) -> dict[str, Any]:
        """Replace the text of one's own note (``index``: 1 = oldest; default one's latest); returns it as it was."""
        from govtui.store import manual

        with self.transaction() as txn:
            return manual.change_note(txn, task_id, index, text)

    def delete_note(self, task_id: str, index: int | None = None) -> dict[str, Any]:
        """Delete one's own note (``index`` as :meth:`edit_note`); returns it."""
        from govtui.store import manual

        with self.transaction() as txn:
            return manual.change_note(txn, task_id, index, None)

    def add_task(self, plan_id: str, section_id: str | None, text: str, units: list[Unit],
                 deadline_text: str = "") -> Task:
        """A task added by hand at the end of a section (or of the plan)."""
        from govtui.store import manual

        with self.transaction() as txn:
            doc = manual.add_task(txn, plan_id, section_id, text, units, deadline_text)
        return Task.from_dict(doc)

    def delete_task(self, task_id: str) -> Task:
        """Remove a task (kept in the history: undo brings it back); returns it."""
        from govtui.store import manual

        with self.transaction() as txn:
            entry = txn.drop_task(task_id, manual.TASK)
        return Task.from_dict(entry["before"])

    def set_archived(self, plan_id: str, archived: bool = True) -> bool:
        """Archive a finished plan (hidden from the default views) or bring it back; whether it changed."""
        from govtui.store import manual

        with self.transaction() as txn, txn.journaled():
            return manual.set_archived(txn, plan_id, archived)

    def delete_plan(self, plan_id: str) -> tuple[Plan, list[Task]]:
        """Remove a plan with all its tasks (one action: undo brings them all back); returns what went."""
        from govtui.store import manual

        with self.transaction() as txn, txn.journaled():
            plan, docs = manual.delete_plan(txn, plan_id)
        return Plan.from_dict(plan), [Task.from_dict(d) for d in docs]

    def correct(self, change: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        """A correction of a plan's reading (a function of :mod:`govtui.store.corrections`, called with the open
        transaction): one journaled transaction, one undo step."""
        with self.transaction() as txn, txn.journaled():
            return change(txn, *args, **kwargs)

    def restore(self, backup: Path) -> int:
        """Make plans and tasks what they were in ``backup`` (one of the rotating backups), as one undoable
        action recorded in the history; returns how many records it changed."""
        from govtui.store.backups import restore_records

        with self.transaction() as txn, txn.journaled():
            return restore_records(txn, backup)

    def carry_over(self, from_plan: str, to_plan: str, task_ids: list[str]) -> list[Task]:
        """Copy last year's tasks ``task_ids`` into plan ``to_plan`` as 上年结转 tasks (one change); see
        :func:`govtui.store.carry.carry_over`."""
        from govtui.store import carry

        with self.transaction() as txn, txn.journaled():
            docs = carry.carry_over(txn, from_plan, to_plan, task_ids, self.user, now_iso())
        return [Task.from_dict(d) for d in docs]

    def rename_unit(self, old: str, new: str, *, merge: bool = False) -> int:
        """Rename unit ``old`` to ``new`` in every plan (``merge``: ``new`` may exist already); how many
        tasks changed (see :func:`govtui.store.manual.rename_unit`)."""
        from govtui.store import manual

        with self.transaction() as txn:
            return manual.rename_unit(txn, old, new, merge)

    def undo(self, user: str | None = None) -> UndoResult:
        """Undo ``user``'s latest action not yet undone (default: this user); see :mod:`govtui.store.undo`."""
        with self.transaction() as txn:
            from govtui.store.undo import undo_last  # writers only: off the lookup path

            return undo_last(txn, user or self.user)

    def redo(self, user: str | None = None) -> UndoResult:
        """Redo ``user``'s most recently undone action; see :mod:`govtui.store.undo`."""
        with self.transaction() as txn:
            from govtui.store.undo import redo_last

            return redo_last(txn, user or self.user)

    # -- importing ----------------------------------------------------------------------
    def import_plans(self, plans: list[ImportedPlan]) -> list[ImportResult]:
        """Import several plans as one change: all of them are written, or none."""
        with self.transaction() as txn, txn.journaled():
            return [self.import_plan(imported) for imported in plans]

    def preview_import(self, imported: ImportedPlan) -> ImportDiff:
        """What importing ``imported`` would change (a new plan, or added / changed / removed tasks)."""
        from govtui.store.reimport import diff_import

        return diff_import(self.raw(), imported, today().year)

    def import_plan(self, imported: ImportedPlan) -> ImportResult:
        """Add a plan, or update the same document's plan in place (ids, statuses, notes kept).

        Once the plan is in: recurring duties get their current occurrence's due date, and each task
        is linked to the most similar task of the same organisation's plan of the year before.
        """
        with self.transaction() as txn, txn.journaled():
            from govtui.store.reimport import apply_import

            result = apply_import(txn, imported, today().year)
            from govtui.store.recurrence_store import refresh_plan

            refresh_plan(txn, result.plan.id, today().year)
            if not result.created:
                from govtui.store.carry import keep_section

                keep_section(txn, result.plan.id)
            if result.plan.year and result.plan.organization:
                from govtui.store.linking import link_store_plan

                link_store_plan(txn, result.plan.id)
            return result
