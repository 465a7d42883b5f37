"""One task's fields changed, as the computes :meth:`~govtui.store.transaction.Transaction.change_task` applies
(each returns the fields to write, the history's before and after), and the changes of several tasks at once
(the app's marked tasks, doubts confirmed) over one open transaction: one action, one undo step."""

from __future__ import annotations

from govtui.domain.model import DOUBT_FLAGS, Deadline, Status, Task, Unit
from govtui.store.errors import StoreError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: the quick lookup loads this module
if TYPE_CHECKING:
    import datetime as dt
    from typing import Any

    from govtui.store.transaction import Compute, Transaction


def status(value: Status) -> Compute:
    def compute(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
        return {"status": value.value}, doc.get("status"), value.value

    return compute


def note(entry: dict[str, Any]) -> Compute:
    """``entry``: a :class:`~govtui.domain.model.Note` as a dict, appended (notes only append)."""
    def compute(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
        return {"notes": [*doc.get("notes", []), entry]}, None, entry

    return compute


def units(new: list[Unit]) -> Compute:
    """The units replaced: a person has checked them, so the importer's doubts go."""
    after = [u.to_dict() for u in new]

    def compute(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
        flags = {*doc.get("flags", []), "edited-units"} - DOUBT_FLAGS
        if new:
            flags.discard("no-units")
        return {"units": after, "flags": sorted(flags)}, doc.get("units"), after

    return compute


def deadline(text: str, this_year: int) -> Compute:
    """The deadline as typed, read against the plan's year (a recurring one gets its current occurrence)."""
    from govtui.domain.deadlines import DateError, parse_typed_deadline  # not needed by lookups: imported on use
    from govtui.store.recurrence_store import recurring_deadline

    def compute(doc: dict[str, Any], data: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
        plans = (data.get("plans") or {}).values()
        year = next((p.get("year") for p in plans if p.get("id") == doc.get("plan_id")), None)
        try:
            typed = (parse_typed_deadline(text, year) if text.strip() else Deadline()).to_dict()
        except DateError as exc:
            raise StoreError(f"时限{exc}; 未作修改") from None
        typed = recurring_deadline(typed, year or this_year, doc.get("occurrences") or [])
        flags = sorted({*doc.get("flags", []), "edited-deadline"} - DOUBT_FLAGS)  # a person has checked it
        return {"deadline": typed, "flags": flags}, doc.get("deadline"), typed

    return compute


def proof(value: dict[str, Any] | None) -> Compute:
    def compute(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
        return {"proof": value}, doc.get("proof"), value

    return compute


def without_doubts(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
    """The doubt flags (the importer's guesses, :data:`~govtui.domain.model.DOUBT_FLAGS`) gone."""
    flags = list(doc.get("flags", []))
    kept = [f for f in flags if f not in DOUBT_FLAGS]
    return {"flags": kept}, flags, kept


def occurrence(user: str, when: str, day: dt.date, labels: list[str | None]) -> Compute:
    """The current occurrence of a recurring duty met, on to the next; ``labels`` gets the one met and the next."""
    from govtui.store.recurrence_store import complete_current

    def compute(doc: dict[str, Any], data: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
        fields, met, following = complete_current(doc, data, user, when, day)
        labels.extend([met, following])
        return fields, {key: doc.get(key) for key in fields}, fields  # all it changed: undo restores it

    return compute


def confirm(txn: Transaction, task_ids: list[str]) -> list[Task]:
    """A person has checked these tasks against the document: their doubt flags go.  Every id is checked
    first: an unknown one changes nothing.  Returns the tasks that had a doubt."""
    if not task_ids:
        raise StoreError("没有给出任务 (no task given)")
    for task_id in task_ids:
        txn.task_doc(task_id)
    changed = (txn.change_task(task_id, "flags", without_doubts) for task_id in dict.fromkeys(task_ids))
    return [task for task, entry in changed if entry is not None]


def change_many(txn: Transaction, task_ids: list[str], new_status: Status | None, entry: dict[str, Any] | None,
                user: str, when: str, day: dt.date) -> list[Task]:
    """The same status and/or the same note (``entry``) on several tasks.  Every id is checked first: an
    unknown one changes nothing.  Done on a recurring duty meets its occurrence, as ``3`` on it alone."""
    if not task_ids:
        raise StoreError("没有标记任务 (no task marked)")
    changed: list[Task] = []
    docs = {task_id: txn.task_doc(task_id)[1] for task_id in task_ids}  # all known before any write
    for task_id in dict.fromkeys(task_ids):
        task = None
        due = docs[task_id].get("deadline") or {}
        if new_status is Status.DONE and due.get("kind") == "recurring" and due.get("due"):
            task, _ = txn.change_task(task_id, "occurrence", occurrence(user, when, day, []))
        elif new_status is not None:
            task, _ = txn.change_task(task_id, "status", status(new_status))
        if entry is not None:
            task, _ = txn.change_task(task_id, "note", note(entry))
        if task is not None:
            changed.append(task)
    return changed
