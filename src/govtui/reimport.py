"""Applying an imported plan to the store: a new plan, or the same document imported again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govtui.model import ADDED_BY_HAND, ImportedPlan, Plan, Task
from govtui.transaction import Transaction

#: Task fields whose change by a re-import is recorded in the task's history.
RECORDED = ("text", "units", "deadline", "number")


#: Flags of tasks that never come from the plan's document (carried over from last year, added by hand):
#: a re-import neither matches nor removes them.
NOT_FROM_DOCUMENT = frozenset({"carried-over", ADDED_BY_HAND})

class ImportResult:
    __slots__ = ("added", "created", "kept", "plan", "removed", "updated", "warnings")

    def __init__(self, plan: Plan, created: bool, added: int, updated: int, kept: int, removed: int,
                 warnings: list[str]) -> None:
        self.plan = plan
        self.created = created
        self.added = added
        self.updated = updated
        self.kept = kept  # tasks no longer in the document, kept because they carry work
        self.removed = removed
        self.warnings = warnings


class ImportDiff:
    """What importing a document would change in its plan already in the store (nothing is written)."""

    __slots__ = ("added", "changed", "plan_id", "removed", "removed_with_work")

    def __init__(self, plan_id: str | None, added: list[str], changed: list[str], removed: list[str],
                 removed_with_work: list[str]) -> None:
        self.plan_id = plan_id  # None: a new plan
        self.added = added
        self.changed = changed
        self.removed = removed  # ids of tasks gone from the document, no work recorded on them
        self.removed_with_work = removed_with_work  # gone from the document, but with a status or notes

    @property
    def is_new(self) -> bool:
        return self.plan_id is None


def _task_content(doc: dict[str, Any]) -> tuple[Any, ...]:
    return (doc.get("text"), doc.get("units"), doc.get("deadline"), doc.get("sections"))


def diff_import(data: dict[str, Any], imported: ImportedPlan) -> ImportDiff:
    """Compare a freshly read document with the store's raw data (the same rules as :func:`apply_import`)."""
    plans = data.get("plans") or {}
    existing = next((v for v in plans.values() if v.get("key") == imported.plan.key), None)
    if existing is None:
        return ImportDiff(None, [t.number for t in imported.tasks], [], [], [])
    plan_id = str(existing["id"])
    fresh = [t.copy_with() for t in imported.tasks]
    assign_ids(plan_id, fresh)
    old = {doc["id"]: doc for doc in (data.get("tasks") or {}).values() if doc.get("plan_id") == plan_id
           and not NOT_FROM_DOCUMENT & set(doc.get("flags", []))}  # carried over or added: never in this document
    added, changed = [], []
    for task in fresh:
        doc = old.pop(task.id, None)
        if doc is None:
            added.append(task.id)
            continue
        new = task.to_dict()
        if (doc.get("deadline") or {}).get("kind") == "recurring" and \
                new["deadline"].get("text") == doc["deadline"].get("text"):
            new["deadline"] = doc["deadline"]  # the same recurring duty: its current occurrence is kept
        if _task_content(new) != _task_content(doc):
            changed.append(task.id)
    with_work = [i for i, d in old.items() if d.get("notes") or d.get("status", "todo") != "todo"]
    plain = [i for i in old if i not in with_work]
    return ImportDiff(plan_id, added, changed, plain, with_work)


def assign_ids(plan_id: str, tasks: Iterable[Task]) -> None:
    seen: dict[str, int] = {}
    for task in tasks:
        base = f"{plan_id}-{task.number}"
        count = seen.get(base, 0) + 1
        seen[base] = count
        task.id = base if count == 1 else f"{base}.{count}"
        task.plan_id = plan_id


def apply_import(txn: Transaction, imported: ImportedPlan) -> ImportResult:
    """Inside the store's open transaction ``txn``: add the plan, or update it in place.

    A document is recognised by its plan key (its title).  Task ids are ``<plan>-<printed number>``,
    so the same document gives the same ids; matched tasks keep their status, notes and revision, and
    units or deadlines edited by hand are kept over the document's.  Tasks gone from the document are
    removed, unless they carry work (a status or notes): then they are kept and flagged.
    """
    data = txn.data
    plans_table = txn.table("plans")
    tasks_table = txn.table("tasks")
    plans = data.get("plans") or {}
    existing = next(((int(k), v) for k, v in plans.items() if v.get("key") == imported.plan.key), None)
    plan = imported.plan
    if existing is None:
        numbers = [int(v["id"]) for v in plans.values() if str(v.get("id", "")).isdigit()]
        plan.id = str(max(numbers, default=0) + 1)
    else:
        plan.id = existing[1]["id"]
    assign_ids(plan.id, imported.tasks)
    if existing is None:
        plans_table.insert(plan.to_dict())
    else:
        plans_table.update(plan.to_dict(), doc_ids=[existing[0]])

    old = {doc["id"]: (int(doc_id), doc) for doc_id, doc in (data.get("tasks") or {}).items()
           if doc.get("plan_id") == plan.id}
    added = updated = kept = removed = 0
    new_docs = []
    for task in imported.tasks:
        fresh = task.to_dict()
        if task.id not in old:
            new_docs.append(fresh)
            added += 1
            continue
        doc_id, doc = old.pop(task.id)
        flags = set(doc.get("flags", []))
        merged = {**fresh, "status": doc.get("status", "todo"), "notes": doc.get("notes", []),
                  "rev": doc.get("rev", 0)}
        for kept_key in ("proof", "occurrences", "previous"):  # work recorded on the task, not in the document
            if doc.get(kept_key):
                merged[kept_key] = doc[kept_key]
        if "edited-units" in flags:
            merged["units"] = doc.get("units", [])
        if "edited-deadline" in flags:
            merged["deadline"] = doc.get("deadline")
        elif (doc.get("deadline") or {}).get("kind") == "recurring" and merged["deadline"].get("text") == \
                doc["deadline"].get("text"):
            merged["deadline"] = doc["deadline"]  # the same recurring duty: keep its current occurrence
        merged["flags"] = sorted(set(fresh["flags"]) | (flags & {"edited-units", "edited-deadline"}))
        if merged != doc:
            merged["rev"] = doc.get("rev", 0) + 1
            changed = [k for k in RECORDED if merged.get(k) != doc.get(k)]
            before = {k: doc.get(k) for k in changed}  # read now: the update below changes ``doc`` in place
            tasks_table.update(merged, doc_ids=[doc_id])
            updated += 1
            if changed:  # what this re-import changed in this task, for its history
                txn.record(task.id, "import", before, {k: merged.get(k) for k in changed}, merged["rev"])
    if new_docs:
        tasks_table.insert_multiple(new_docs)
    for doc_id, doc in old.values():
        if NOT_FROM_DOCUMENT & set(doc.get("flags", [])):
            continue  # carried over from last year's plan (govtui carry-over) or added by hand: never in it
        if doc.get("notes") or doc.get("status", "todo") != "todo":
            if "not-in-document" not in doc.get("flags", []):
                tasks_table.update({"flags": [*doc.get("flags", []), "not-in-document"]}, doc_ids=[doc_id])
            kept += 1
        else:
            tasks_table.remove(doc_ids=[doc_id])
            removed += 1
    txn.record("", "import", None, {"plan": plan.id, "source": plan.source, "added": added,
                                    "updated": updated, "removed": removed}, 0)
    txn.index_pinyin({u.name for t in imported.tasks for u in t.units})
    return ImportResult(plan, existing is None, added, updated, kept, removed, imported.warnings)
