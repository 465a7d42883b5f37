"""Undo: take back a user's last change, unless someone else has changed that task since."""

from __future__ import annotations

from typing import Any

from govtui.storage import StoreError
from govtui.transaction import Transaction

UNDOABLE = ("status", "note", "units", "deadline")


def undo_last(txn: Transaction, user: str) -> tuple[str, dict[str, Any]]:
    """Inside the store's open transaction ``txn``: undo ``user``'s last change.

    Returns (task id, the history entry undone).  Refused, with the reason, when someone has
    changed that task since (its revision moved on).
    """
    history = txn.data.get("history") or {}
    mine = [(int(k), e) for k, e in history.items()
            if e.get("user") == user and e.get("field") in UNDOABLE and not e.get("undone")]
    if not mine:
        raise StoreError(f"nothing to undo: {user} has no change left to undo")
    entry_id, entry = max(mine, key=lambda item: item[0])
    task_id = entry["task"]
    _, doc = txn.task_doc(task_id)
    if doc.get("rev", 0) != entry.get("rev"):
        later = [e for e in history.values() if e.get("task") == task_id
                 and e.get("rev", 0) > entry.get("rev", 0)]
        who = ", ".join(sorted({str(e.get("user")) for e in later})) or "someone"
        raise StoreError(f"cannot undo your {entry['field']} change on task {task_id}: "
                         f"{who} changed the task after you")
    what = entry["field"]

    def compute(current: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
        if what == "note":
            notes = list(current.get("notes", []))
            if entry["after"] in notes:
                notes.remove(entry["after"])
            return {"notes": notes}, entry["after"], None
        key = {"status": "status", "units": "units", "deadline": "deadline"}[what]
        return {key: entry["before"]}, current.get(key), entry["before"]

    txn.change_task(task_id, f"undo-{what}", compute)
    txn.table("history").update({"undone": True}, doc_ids=[entry_id])
    return task_id, entry
