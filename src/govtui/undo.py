"""Undo and redo, per user, many levels: one user action (whatever it touched) is one step.

Every history entry carries the id of the user action it belongs to (``action``).  Undoing an action
restores what each of its entries changed and records the reversal as entries of a new action with
``kind: "undo"`` and ``of: <action>``; the original entries are marked ``undone``.  Redo re-applies
an undone action (``kind: "redo"``).  A new change by the same user empties that user's redo list.

An action is refused, with who and when, only when another person (or a re-import) changed one of
its tasks after it: one's own undo and redo never count as someone else's change.  A refused action
does not stop the user going further back: undo then takes back the latest action that can be undone
and says which newer ones it had to leave (and why).
"""

from __future__ import annotations

from typing import Any

from govtui.storage import StoreError
from govtui.transaction import Transaction

UNDOABLE = ("status", "note", "units", "deadline", "proof", "occurrence", "notes", "task", "flags")

Entries = list[tuple[int, dict[str, Any]]]


def _action_of(doc_id: int, entry: dict[str, Any]) -> str:
    return str(entry.get("action") or f"#{doc_id}")  # entries from before actions were recorded: one each


def _ordered(data: dict[str, Any]) -> Entries:
    return sorted(((int(k), e) for k, e in (data.get("history") or {}).items()), key=lambda item: item[0])


def _undone_actions(history: Entries) -> set[str]:
    return {_action_of(i, e) for i, e in history if e.get("undone") and e.get("field") in UNDOABLE
            and not e.get("kind")}


def _blocker(history: Entries, tasks: set[str], after: int, user: str, undone: set[str]
             ) -> dict[str, Any] | None:
    """The first change to one of ``tasks`` after entry ``after`` by someone else (or an import) whose
    effect still stands.  Another person's change that was undone again (both after ``after``) nets out.
    """
    first: dict[str, int] = {}  # action → its first original entry
    for doc_id, entry in history:
        if not entry.get("kind"):
            first.setdefault(_action_of(doc_id, entry), doc_id)
    for doc_id, entry in history:
        if doc_id <= after or entry.get("task") not in tasks:
            continue
        if entry.get("user") == user and (entry.get("field") in UNDOABLE or entry.get("kind")):
            continue  # one's own change, undo or redo
        kind = entry.get("kind")
        if not kind:
            if _action_of(doc_id, entry) in undone:
                continue  # taken back since
        elif first.get(str(entry.get("of")), 0) > after:
            continue  # the undo or redo of a change also made after ``after``: that change decides
        return entry
    return None


def refusal(verb: str, blocker: dict[str, Any]) -> str:
    from govtui.history import local_stamp

    who = blocker.get("user") or "他人"
    what = "重新导入" if blocker.get("field") == "import" else "修改"
    return (f"无法{verb}: 任务 {blocker.get('task')} 在你之后被 {who} 于 "
            f"{local_stamp(blocker.get('time', ''))} {what}过 (changed by someone else since)")


class UndoResult:
    """What an undo or redo wrote, and the newer actions it had to leave (one message each)."""

    __slots__ = ("entries", "skipped")

    def __init__(self, entries: list[dict[str, Any]], skipped: list[str]) -> None:
        self.entries = entries
        self.skipped = skipped


def _apply(txn: Transaction, entries: Entries, kind: str, of: str) -> list[dict[str, Any]]:
    """Write the reversal (undo) or the replay (redo) of ``entries`` through the write funnel;
    returns the new history entries."""
    recorded = []
    for _, entry in (reversed(entries) if kind == "undo" else entries):
        field = entry["field"]
        if field == "task":  # a task added or deleted by hand: the whole task goes or comes back
            target = entry["before"] if kind == "undo" else entry["after"]
            recorded.append(txn.drop_task(entry["task"], field, kind=kind, of=of) if target is None
                            else txn.put_task(dict(target), field, kind=kind, of=of))
            continue

        def compute(doc: dict[str, Any], _: dict[str, Any], entry: dict[str, Any] = entry,
                    field: str = field) -> tuple[dict[str, Any], Any, Any]:
            if field == "note":
                notes = list(doc.get("notes", []))
                if kind == "undo":
                    if entry["after"] in notes:
                        notes.remove(entry["after"])
                    return {"notes": notes}, entry["after"], None
                return {"notes": [*notes, entry["after"]]}, None, entry["after"]
            after = entry["before"] if kind == "undo" else entry["after"]
            if field == "occurrence":  # a recurring duty's occurrence met: occurrences, deadline and status
                fields = after if isinstance(after, dict) else {"occurrences": after or []}
                return dict(fields), {key: doc.get(key) for key in fields}, fields
            return {field: after}, doc.get(field), after

        _, written = txn.change_task(entry["task"], field, compute, record_unchanged=True, kind=kind, of=of)
        assert written is not None
        recorded.append(written)
    return recorded


def _mark(txn: Transaction, entries: Entries, undone: bool) -> None:
    txn.table("history").update({"undone": undone}, doc_ids=[i for i, _ in entries])


def undo_last(txn: Transaction, user: str) -> UndoResult:
    """Inside the store's open transaction ``txn``: undo ``user``'s latest action that is not undone
    yet and that nobody changed after.  Refused, with who and when, when every such action is blocked.
    """
    history = _ordered(txn.data)
    undone = _undone_actions(history)
    applied: dict[str, int] = {}  # action → the entry that last applied it
    for doc_id, entry in history:
        if entry.get("user") != user:
            continue
        if not entry.get("kind") and entry.get("field") in UNDOABLE:
            applied[_action_of(doc_id, entry)] = doc_id
        elif entry.get("kind") == "redo":
            applied[str(entry.get("of"))] = doc_id
    candidates = [(last, action) for action, last in applied.items() if action not in undone]
    if not candidates:
        raise StoreError(f"没有可撤销的修改 (nothing to undo): {user} 没有尚未撤销的修改")
    skipped: list[str] = []
    for last, action in sorted(candidates, reverse=True):
        entries = [(i, e) for i, e in history if not e.get("kind") and _action_of(i, e) == action]
        blocker = _blocker(history, {e["task"] for _, e in entries}, last, user, undone)
        if blocker is None:
            recorded = _apply(txn, entries, "undo", action)
            _mark(txn, entries, True)
            return UndoResult(recorded, skipped)
        skipped.append(refusal("撤销", blocker))
    raise StoreError(skipped[0] + ("" if len(skipped) == 1 else f"; 更早的 {len(skipped) - 1} 步也无法撤销"))


def redo_last(txn: Transaction, user: str) -> UndoResult:
    """Inside the store's open transaction ``txn``: redo ``user``'s most recently undone action,
    unless the user has made a new change since."""
    history = _ordered(txn.data)
    undone = _undone_actions(history)
    stack = _redo_stack(history, user, undone)
    if not stack:
        raise StoreError(f"没有可重做的修改 (nothing to redo): {user} 没有刚撤销的修改")
    target = stack[-1]
    last, action = target
    entries = [(i, e) for i, e in history if not e.get("kind") and _action_of(i, e) == action]
    blocker = _blocker(history, {e["task"] for _, e in entries}, last, user, undone)
    if blocker is not None:
        raise StoreError(refusal("重做", blocker))
    recorded = _apply(txn, entries, "redo", action)
    _mark(txn, entries, False)
    return UndoResult(recorded, [])


def _redo_stack(history: Entries, user: str, undone: set[str]) -> list[tuple[int, str]]:
    """The user's undos that can be redone, oldest first: a new change clears the list."""
    stack: list[tuple[int, str]] = []
    for doc_id, entry in history:
        if entry.get("user") != user:
            continue
        if not entry.get("kind") and entry.get("field") in UNDOABLE:
            stack = []
        elif entry.get("kind") == "undo":
            of = str(entry.get("of"))
            if of in undone and (not stack or stack[-1][1] != of):
                stack.append((doc_id, of))
        elif entry.get("kind") == "redo":
            stack = [item for item in stack if item[1] != entry.get("of")]
    return stack
