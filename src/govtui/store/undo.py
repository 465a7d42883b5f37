"""Undo and redo, per user, one strict stack: one user action (whatever it touched) is one step.

Every history entry carries the id of the user action it belongs to (``action``).  Two kinds of action:

* a change to tasks' fields (status, note, units …): its entries say before and after per field;
* an action that adds, removes or rewrites whole records (an import or re-import, a carry-over, a plan
  archived or deleted, a restore): one ``records`` entry keeps each plan and task record it changed,
  before and after (see :meth:`govtui.store.transaction.Transaction.journaled`); its other entries are what
  the history shows (导入计划 …, 删除计划 …).

Undoing an action restores what it changed and records the reversal as entries of a new action with
``kind: "undo"`` and ``of: <action>``; the original entries are marked ``undone``.  Redo re-applies an
undone action (``kind: "redo"``).  A new change by the same user empties that user's redo list.

Undo takes back the user's newest action that is not undone yet, and only that one: when another person
(or their import, restore …) changed one of its tasks or plans since, it is refused, saying who changed
what and when, and nothing older is touched.  One's own undo and redo never count as someone else's change.
"""

from __future__ import annotations

from typing import Any

from govtui.store.errors import NothingToDo, StoreError
from govtui.store.transaction import RECORDS, Transaction

#: The fields whose entries an undo reverses (a ``records`` entry: whole records).
UNDOABLE = ("status", "note", "units", "deadline", "proof", "occurrence", "notes", "task", "flags", RECORDS)

Entries = list[tuple[int, dict[str, Any]]]


def _action_of(doc_id: int, entry: dict[str, Any]) -> str:
    return str(entry.get("action") or f"#{doc_id}")  # entries from before actions were recorded: one each


def _ordered(data: dict[str, Any]) -> Entries:
    return sorted(((int(k), e) for k, e in (data.get("history") or {}).items()), key=lambda item: item[0])


def _original(entry: dict[str, Any]) -> bool:
    """An entry of a user's own action (not of an undo or redo) that undo can reverse."""
    return not entry.get("kind") and entry.get("field") in UNDOABLE


def _undone_actions(history: Entries) -> set[str]:
    return {_action_of(i, e) for i, e in history if e.get("undone") and _original(e)}


def _touches(entry: dict[str, Any], tasks: set[str], plans: set[str]) -> bool:
    if entry.get("task") in tasks or str(entry.get("task", "")).removeprefix("plan:") in plans:
        return True
    return bool(tasks & set(entry.get("tasks") or ()) or plans & set(entry.get("plans") or ()))


def _blocker(history: Entries, tasks: set[str], plans: set[str], after: int, user: str, undone: set[str]
             ) -> dict[str, Any] | None:
    """The first change to one of ``tasks`` (or ``plans``) after entry ``after`` by someone else whose
    effect still stands.  Another person's change that was undone again (both after ``after``) nets out.
    """
    first: dict[str, int] = {}  # action → its first original entry
    for doc_id, entry in history:
        if not entry.get("kind"):
            first.setdefault(_action_of(doc_id, entry), doc_id)
    for doc_id, entry in history:
        if doc_id <= after or entry.get("user") == user or not _touches(entry, tasks, plans):
            continue  # one's own later changes are newer steps of the same stack
        kind = entry.get("kind")
        if not kind:
            if _action_of(doc_id, entry) in undone:
                continue  # taken back since
        elif first.get(str(entry.get("of")), 0) > after:
            continue  # the undo or redo of a change also made after ``after``: that change decides
        if entry.get("field") == RECORDS and not kind:  # name the action by what the history shows of it
            action = _action_of(doc_id, entry)
            shown = next((e for i, e in history if _action_of(i, e) == action and e.get("field") != RECORDS), None)
            if shown is not None:
                return {**shown, "task": _first_touched(entry, tasks, plans)}
        return entry
    return None


def _first_touched(entry: dict[str, Any], tasks: set[str], plans: set[str]) -> str:
    hit = sorted(tasks & set(entry.get("tasks") or ()))
    hit = hit or [f"plan:{p}" for p in sorted(plans & set(entry.get("plans") or ()))]
    return hit[0] if hit else str(entry.get("task", ""))


#: What someone else's change is called in a refusal, by its history field.
CHANGE_WORDS = {"import": "导入", "carry-over": "结转", "archived": "归档", "plan-delete": "删除计划",
                "restore": "从备份恢复", "task": "删除或新增", RECORDS: "修改", "correct": "修正"}


def refusal(verb: str, blocker: dict[str, Any]) -> str:
    """Why an undo or redo cannot apply: who changed what (the task or plan, the field) and when."""
    from govtui.domain.history import FIELD_LABELS, local_stamp

    who = blocker.get("user") or "他人"
    field = str(blocker.get("field", ""))
    what = CHANGE_WORDS.get(field) or f"修改了{FIELD_LABELS.get(field, field)}"
    if field == "import" and isinstance(blocker.get("before"), dict):  # one task's changes in a re-import
        what = "重新导入"
    if blocker.get("kind") == "undo":
        what = "撤销了其修改"
    target = str(blocker.get("task") or "")
    target = f"计划 {target[5:]}" if target.startswith("plan:") else f"任务 {target}" if target else "其中的记录"
    return (f"无法{verb}: {target} 在你之后被 {who} 于 {local_stamp(blocker.get('time', ''))} {what} "
            f"(changed by someone else since); 没有改动任何内容, 也不会跳过它去撤销更早的操作")


class UndoResult:
    """What an undo or redo wrote (its history entries)."""

    __slots__ = ("entries",)

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.entries = entries


def _content(doc: Any) -> Any:
    """A record as compared by undo: without its revision, and a field that is ``None`` as one not there
    (a proof taken back by an undo is ``None`` where it was never set)."""
    return {k: v for k, v in doc.items() if k != "rev" and v is not None} if isinstance(doc, dict) else doc


def _current(txn: Transaction, table: str, record_id: str) -> tuple[int, dict[str, Any]] | None:
    for key, doc in (txn.data.get(table) or {}).items():
        if str(doc.get("id")) == record_id:
            return int(key), doc
    return None


def _stale_record(txn: Transaction, records: list[dict[str, Any]], kind: str) -> dict[str, Any] | None:
    """A record that is no longer as the action left it (undo) or as it found it (redo)."""
    for record in records:
        expected = record["after"] if kind == "undo" else record["before"]
        found = _current(txn, record["table"], record["id"])
        if _content(found[1] if found else None) != _content(expected):
            return record
    return None


def _put_records(txn: Transaction, records: list[dict[str, Any]], kind: str) -> None:
    """Put each record back as it was before the action (undo) or after it (redo)."""
    for record in (reversed(records) if kind == "undo" else records):
        target = record["before"] if kind == "undo" else record["after"]
        table = txn.table(record["table"])
        found = _current(txn, record["table"], record["id"])
        if target is None:
            if found is not None:
                table.remove(doc_ids=[found[0]])
            continue
        doc = dict(target)
        if record["table"] == "tasks":  # a new revision: an app showing the task sees it changed
            doc["rev"] = max(int((found[1] if found else target).get("rev", 0)), int(target.get("rev", 0))) + 1
        if found is None:
            table.insert(doc)
        else:
            txn.replace_record(record["table"], found[0], doc)


def _apply(txn: Transaction, entries: Entries, kind: str, of: str) -> list[dict[str, Any]]:
    """Write the reversal (undo) or the replay (redo) of ``entries`` through the write funnel;
    returns the new history entries."""
    journals = [e for _, e in entries if e.get("field") == RECORDS]
    if journals:  # whole records: put back; the action's other entries are what the history shows
        recorded = []
        for journal in journals:
            _put_records(txn, journal["records"], kind)
            recorded.append(txn.record("", RECORDS, None, None, 0, kind=kind, of=of,
                                       tasks=journal.get("tasks", []), plans=journal.get("plans", [])))
        for _, entry in entries:
            if entry.get("field") != RECORDS:
                recorded.append(txn.record(entry.get("task", ""), entry["field"], entry.get("before"),
                                           entry.get("after"), 0, kind=kind, of=of))
        return recorded
    recorded = []
    for _, entry in (reversed(entries) if kind == "undo" else entries):
        field = entry["field"]
        if field not in UNDOABLE:
            continue
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


def _check(txn: Transaction, history: Entries, entries: Entries, last: int, user: str, undone: set[str],
           verb: str, kind: str) -> None:
    """Refuse (StoreError, nothing written) when someone else changed what the action touched since."""
    tasks = {str(e["task"]) for _, e in entries if e.get("field") != RECORDS and e.get("task")
             and not str(e["task"]).startswith("plan:")}
    plans = {str(e["task"])[5:] for _, e in entries if str(e.get("task", "")).startswith("plan:")}
    journals = [e for _, e in entries if e.get("field") == RECORDS]
    for journal in journals:
        tasks.update(journal.get("tasks") or ())
        plans.update(journal.get("plans") or ())
    blocker = _blocker(history, tasks, plans, last, user, undone)
    if blocker is not None:
        raise StoreError(refusal(verb, blocker))
    for journal in journals:
        stale = _stale_record(txn, journal["records"], kind)
        if stale is not None:
            what = "计划" if stale["table"] == "plans" else "任务"
            raise StoreError(f"无法{verb}: {what} {stale['id']} 已不是这一步操作留下的样子 (changed since, "
                             "e.g. by an older govtui or by hand); 没有改动任何内容")


def undo_last(txn: Transaction, user: str) -> UndoResult:
    """Inside the store's open transaction ``txn``: undo ``user``'s newest action that is not undone yet.
    Refused, with who changed what and when, when someone else changed it since: never an older one instead.
    """
    history = _ordered(txn.data)
    undone = _undone_actions(history)
    applied: dict[str, int] = {}  # action → the entry that last applied it
    for doc_id, entry in history:
        if entry.get("user") != user:
            continue
        if _original(entry):
            applied[_action_of(doc_id, entry)] = doc_id
        elif entry.get("kind") == "redo":
            applied[str(entry.get("of"))] = doc_id
    candidates = [(last, action) for action, last in applied.items() if action not in undone]
    if not candidates:
        raise NothingToDo(f"没有可撤销的修改 (nothing to undo): {user} 没有尚未撤销的修改")
    last, action = max(candidates)
    entries = [(i, e) for i, e in history if not e.get("kind") and _action_of(i, e) == action]
    _check(txn, history, entries, last, user, undone, "撤销", "undo")
    recorded = _apply(txn, entries, "undo", action)
    _mark(txn, entries, True)
    return UndoResult(recorded)


def redo_last(txn: Transaction, user: str) -> UndoResult:
    """Inside the store's open transaction ``txn``: redo ``user``'s most recently undone action,
    unless the user has made a new change since."""
    history = _ordered(txn.data)
    undone = _undone_actions(history)
    stack = _redo_stack(history, user, undone)
    if not stack:
        raise NothingToDo(f"没有可重做的修改 (nothing to redo): {user} 没有刚撤销的修改")
    last, action = stack[-1]
    entries = [(i, e) for i, e in history if not e.get("kind") and _action_of(i, e) == action]
    _check(txn, history, entries, last, user, undone, "重做", "redo")
    recorded = _apply(txn, entries, "redo", action)
    _mark(txn, entries, False)
    return UndoResult(recorded)


def _redo_stack(history: Entries, user: str, undone: set[str]) -> list[tuple[int, str]]:
    """The user's undos that can be redone, oldest first: a new change clears the list."""
    stack: list[tuple[int, str]] = []
    for doc_id, entry in history:
        if entry.get("user") != user:
            continue
        if _original(entry):
            stack = []
        elif entry.get("kind") == "undo":
            of = str(entry.get("of"))
            if of in undone and (not stack or stack[-1][1] != of):
                stack.append((doc_id, of))
        elif entry.get("kind") == "redo":
            stack = [item for item in stack if item[1] != entry.get("of")]
    return stack
