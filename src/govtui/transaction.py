"""One open write transaction on the store: the public API that every change goes through.

:meth:`govtui.store.Store.transaction` opens it (locked, over freshly read data) and writes
the file once when it closes.  Inside, :meth:`Transaction.change_task` is the write funnel
for a task: conflict check, new revision, history entry.  Re-import (:mod:`govtui.reimport`)
and undo (:mod:`govtui.undo`) work through this object alone, so they need nothing private of
the store, and the store can call them without an import circle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from govtui.model import Task
from govtui.storage import StoreError

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.table import Table

#: ``compute(task document, all data) -> (changed fields, before, after)`` for :meth:`Transaction.change_task`.
Compute = Callable[[dict[str, Any], dict[str, Any]], tuple[dict[str, Any], Any, Any]]


class ConflictError(StoreError):
    """Someone else changed the task since it was shown; ``current`` is their version."""

    def __init__(self, message: str, current: Task) -> None:
        super().__init__(message)
        self.current = current


class NotFoundError(StoreError):
    pass


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def no_task(task_id: str) -> NotFoundError:
    return NotFoundError(f"no task with id {task_id!r} (ids look like 1-9: plan 1, task 9)")


class Transaction:
    """The data of the store as read under the lock, and the TinyDB tables to change it with."""

    def __init__(self, db: TinyDB, data: dict[str, Any], user: str) -> None:
        self.db = db
        self.data = data
        self.user = user

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

    def record(self, task_id: str, what: str, before: Any, after: Any, rev: int) -> dict[str, Any]:
        """Append a history entry (who, when, before, after)."""
        entry = {"task": task_id, "field": what, "before": before, "after": after, "user": self.user,
                 "time": now_iso(), "rev": rev}
        self.table("history").insert(entry)
        return entry

    def change_task(self, task_id: str, what: str, compute: Compute, expected_rev: int | None = None
                    ) -> tuple[Task, dict[str, Any]]:
        """The write funnel: apply ``compute`` to one task, bump its revision, record the change.

        ``expected_rev``: refuse with :class:`ConflictError` when the task has moved on since.
        Returns the changed task and its history entry.
        """
        doc_id, doc = self.task_doc(task_id)
        if expected_rev is not None and doc.get("rev", 0) != expected_rev:
            raise ConflictError(f"task {task_id} was changed by someone else since it was shown",
                                Task.from_dict(doc))
        fields, before, after = compute(doc, self.data)
        rev = doc.get("rev", 0) + 1
        self.table("tasks").update({**fields, "rev": rev}, doc_ids=[doc_id])
        entry = self.record(task_id, what, before, after, rev)
        doc.update(fields, rev=rev)  # later steps of the same transaction see the change
        return Task.from_dict(doc), entry

    def index_pinyin(self, names: set[str]) -> None:
        """Store pinyin keys for unit names that have none yet (computed at write time, read by lookups)."""
        known = {doc.get("name") for doc in (self.data.get("pinyin") or {}).values()}
        missing = sorted(names - known)
        if missing:
            from govtui.pinyin import keys_for

            keys = keys_for(missing)
            self.table("pinyin").insert_multiple({"name": n, **keys[n]} for n in missing)
