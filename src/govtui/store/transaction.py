"""One open write transaction on the store: the public API that every change goes through.

:meth:`govtui.store.Store.transaction` opens it (locked, over freshly read data) and writes
the file once when it closes.  Inside, :meth:`Transaction.change_task` is the write funnel
for a task: conflict check, new revision, history entry.  Re-import (:mod:`govtui.store.reimport`)
and undo (:mod:`govtui.store.undo`) work through this object alone, so they need nothing private of
the store, and the store can call them without an import circle.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager

from govtui.domain.model import DOUBT_FLAGS, Task
from govtui.domain.text import strip_controls, strip_controls_within
from govtui.store.errors import StoreError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any

    from tinydb import TinyDB
    from tinydb.table import Table

    #: ``compute(task document, all data) -> (changed fields, before, after)`` for :meth:`Transaction.change_task`.
    Compute = Callable[[dict[str, Any], dict[str, Any]], tuple[dict[str, Any], Any, Any]]



class ConflictError(StoreError):
    """Someone else changed the task since it was shown; ``current`` is their version, ``changes`` the
    history entries of what they changed (who, which field, when)."""

    def __init__(self, message: str, current: Task, changes: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.current = current
        self.changes = changes or []


def conflict(task_id: str, doc: dict[str, Any], data: dict[str, Any], shown_rev: int) -> ConflictError:
    """The conflict of a change to a task shown at ``shown_rev``: names who changed which field since, and when."""
    from govtui.domain.history import FIELD_LABELS, local_stamp

    changes = [e for e in (data.get("history") or {}).values()
               if e.get("task") == task_id and int(e.get("rev") or 0) > shown_rev]
    said = []
    for entry in changes[-3:]:
        field = str(entry.get("field", ""))
        said.append(f"{entry.get('user') or '他人'} 于 {local_stamp(str(entry.get('time', '')))} 修改了"
                    f"{FIELD_LABELS.get(field, field)}")
    who = "; ".join(said) or "他人修改了它"
    return ConflictError(f"任务 {task_id} 在显示之后已被修改: {who} (changed by someone else since it was shown)",
                         Task.from_dict(doc), changes)


class NotFoundError(StoreError):
    pass


#: The history field of an action's whole records before and after (see :meth:`Transaction.journaled`).
RECORDS = "records"


def _copy(doc: Any) -> Any:
    import orjson

    return orjson.loads(orjson.dumps(doc))


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def no_task(task_id: str) -> NotFoundError:
    return NotFoundError(f"没有编号为 {task_id} 的任务 (no such task; 编号形如 1-9: 计划 1 的任务 9)")


def new_action_id() -> str:
    """A fresh id for one user action (kept in each of its history entries: one undo step)."""
    return os.urandom(6).hex()


class Transaction:
    """The data of the store as read under the lock, and the TinyDB tables to change it with.

    ``action``: the id of the user action the changes belong to; everything recorded in one
    (outermost) transaction is one action, so one undo step.
    """

    def __init__(self, db: TinyDB, data: dict[str, Any], user: str, action: str | None = None) -> None:
        self.db = db
        self.data = data
        self.user = strip_controls(user)  # $GOVTUI_USER is text from outside too
        self.action = action or new_action_id()

    def table(self, name: str) -> Table:
        return self.db.table(name)

    def task_docs(self) -> dict[str, dict[str, Any]]:
        """TinyDB document id → stored task document."""
        docs: dict[str, dict[str, Any]] = self.data.get("tasks") or {}
        return docs

    def task_doc(self, task_id: str) -> tuple[int, dict[str, Any]]:
        """The TinyDB document id and stored document of task ``task_id``."""
        for doc_id, doc in self.task_docs().items():
            if doc.get("id") == task_id:
                return int(doc_id), doc
        raise no_task(task_id)

    def record(self, task_id: str, what: str, before: Any, after: Any, rev: int,
               **extra: Any) -> dict[str, Any]:
        """Append a history entry (who, when, before, after, the action it belongs to; ``extra`` keys too)."""
        entry = {"task": task_id, "field": what, "before": before, "after": after, "user": self.user,
                 "time": now_iso(), "rev": rev, "action": self.action, **extra}
        self.table("history").insert(entry)
        return entry

    def change_task(self, task_id: str, what: str, compute: Compute, expected_rev: int | None = None,
                    *, record_unchanged: bool = False, **extra: Any) -> tuple[Task, dict[str, Any] | None]:
        """The write funnel: apply ``compute`` to one task, bump its revision, record the change.

        ``expected_rev``: refuse with :class:`ConflictError` when the task has moved on since.
        A change that changes nothing (``before == after``, e.g. the status the task already has)
        is neither written nor recorded, unless ``record_unchanged``.  ``extra``: more keys for the
        history entry.  Returns the task and its history entry (``None`` when nothing changed).
        """
        doc_id, doc = self.task_doc(task_id)
        if expected_rev is not None and doc.get("rev", 0) != expected_rev:
            raise conflict(task_id, doc, self.data, expected_rev)
        fields, before, after = compute(doc, self.data)
        strip_controls_within(fields)  # as the table does: ``doc`` gets these fields again below
        if before == after and not record_unchanged:
            return Task.from_dict(doc), None
        rev = doc.get("rev", 0) + 1
        flags_before = list(doc.get("flags") or [])
        self.table("tasks").update({**fields, "rev": rev}, doc_ids=[doc_id])
        entry = self.record(task_id, what, before, after, rev, **extra)
        if what != "flags" and "flags" in fields and \
                set(flags_before) & DOUBT_FLAGS != set(fields["flags"] or []) & DOUBT_FLAGS:
            # an edit that settles the importer's doubts: their going is a step of the same action, so an
            # undo of the edit brings them back
            self.record(task_id, "flags", flags_before, list(fields["flags"] or []), rev, **extra)
        doc.update(fields, rev=rev)  # later steps of the same transaction see the change
        return Task.from_dict(doc), entry

    def put_task(self, doc: dict[str, Any], what: str, **extra: Any) -> dict[str, Any]:
        """Add a whole task (one added by hand, or a deleted one brought back); returns the history entry."""
        if any(d.get("id") == doc["id"] for d in self.task_docs().values()):
            raise StoreError(f"任务 {doc['id']} 已存在 (exists already)")
        self.table("tasks").insert(doc)
        return self.record(doc["id"], what, None, doc, doc.get("rev", 0), **extra)

    def drop_task(self, task_id: str, what: str, **extra: Any) -> dict[str, Any]:
        """Remove a whole task (its document is kept in the history entry); returns the entry."""
        doc_id, doc = self.task_doc(task_id)
        self.table("tasks").remove(doc_ids=[doc_id])
        return self.record(task_id, what, dict(doc), None, doc.get("rev", 0), **extra)

    def replace_record(self, table: str, doc_id: int, doc: dict[str, Any]) -> None:
        """Make record ``doc_id`` of ``table`` exactly ``doc`` (keys it does not have are dropped)."""
        def replace(record: MutableMapping[Any, Any]) -> None:
            record.clear()
            record.update(doc)

        self.table(table).update(replace, doc_ids=[doc_id])

    @contextmanager
    def journaled(self) -> Iterator[None]:
        """Record everything the block changes in plans and tasks, whole records before and after, as one
        ``records`` history entry of this action: an import, a carry-over, a plan archived or deleted, a
        restore.  Undo puts the records back as they were, whatever code changed them.

        Nested: the outermost block records (one entry for the action).
        """
        storage = self.db.storage
        if getattr(storage, "journal", None) is not None:
            yield
            return
        journal: dict[tuple[str, str], Any] = {}
        storage.journal = journal  # type: ignore[attr-defined]
        try:
            yield
        finally:
            storage.journal = None  # type: ignore[attr-defined]
        records = []
        tables = storage.read() or {}  # not ``self.data``: a new store's first write replaces that dict
        for (table, key), before in journal.items():
            current = (tables.get(table) or {}).get(key)
            after = None if current is None else _copy(current)
            if before == after:
                continue
            doc = after if after is not None else before
            records.append({"table": table, "id": str(doc.get("id", "")), "before": before, "after": after})
        if records:
            tasks = sorted({r["id"] for r in records if r["table"] == "tasks"})
            plans = sorted({r["id"] for r in records if r["table"] == "plans"})
            self.record("", RECORDS, None, None, 0, records=records, tasks=tasks, plans=plans)

    def index_pinyin(self, names: set[str]) -> None:
        """Store pinyin keys for unit names that have none yet (computed at write time, read by lookups)."""
        known = {doc.get("name") for doc in (self.data.get("pinyin") or {}).values()}
        missing = sorted(names - known)
        if missing:
            from govtui.domain.pinyin import keys_for

            keys = keys_for(missing)
            self.table("pinyin").insert_multiple({"name": n, **keys[n]} for n in missing)


def checked_note(text: str) -> str:
    """A note's text as stored (:func:`govtui.domain.model.note_text`), or :class:`StoreError` saying why not."""
    from govtui.domain.model import note_text

    try:
        return note_text(text)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
