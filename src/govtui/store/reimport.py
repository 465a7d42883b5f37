"""Applying an imported plan to the store: a new plan, or the same document imported again.

One function, :func:`reconcile`, works out everything an import would write — the plan record,
the tasks added, the tasks updated (each with its whole new record), the tasks removed and the tasks
kept because they carry work — from the store's data and the freshly read plan.  The preview
(``import --dry-run``, the app's review) describes its :class:`ImportDiff`; :func:`apply_import`
writes exactly what it computed.  So what the preview says is what the import does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govtui.domain.model import ADDED_BY_HAND, ImportedPlan, Plan, Task
from govtui.store.recurrence_store import recurring_deadline
from govtui.store.transaction import Transaction

#: Task fields a person sees change (and a re-import records in the task's history).  A task that only
#: moved position (its ``order``) is not changed.
SHOWN = ("number", "text", "sections", "units", "deadline")
RECORDED = SHOWN  # the name earlier code used
#: Plan fields a person can set by hand (``plan set``, the review screen): a re-import keeps them.
PLAN_FIELDS = ("organization", "year", "title")
#: The plan record's list of the fields set by hand.
EDITED = "edited"
#: Task flags saying a field was edited by hand, and the field each keeps over the document's.
HAND_EDITS = {"edited-units": "units", "edited-deadline": "deadline"}

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
        self.updated = updated  # tasks with a change a person sees (SHOWN), as the preview lists them
        self.kept = kept  # tasks no longer in the document, kept because they carry work
        self.removed = removed
        self.warnings = warnings


#: One field's change: (field, before, after).
Change = tuple[str, Any, Any]


class ImportDiff:
    """What importing a document would change in its plan already in the store (nothing is written)."""

    __slots__ = ("added", "fields", "kept_edits", "plan_changes", "plan_id", "removed", "removed_with_work",
                 "sections", "with_work")

    def __init__(self, plan_id: str | None, added: list[str], fields: dict[str, list[Change]] | None = None,
                 removed: list[str] | None = None, removed_with_work: list[str] | None = None, *,
                 kept_edits: list[tuple[str, str, Any, Any]] | None = None,
                 with_work: list[tuple[str, list[str]]] | None = None, plan_changes: list[Change] | None = None,
                 sections: dict[str, str] | None = None) -> None:
        self.plan_id = plan_id  # None: a new plan
        self.added = added
        self.fields = fields or {}  # task id → the fields the import changes in it
        self.removed = removed or []  # ids of tasks gone from the document, no work recorded on them
        self.removed_with_work = removed_with_work or []  # gone from the document, kept: a status, notes or proof
        #: (task id, field, the value kept, the document's value): hand edits the import keeps.
        self.kept_edits = kept_edits or []
        #: (task id, what it carries: 状态 …, 进展 N 条, 公开凭证) for every matched task with work on it.
        self.with_work = with_work or []
        self.plan_changes = plan_changes or []  # the plan's own fields (organisation, year, title)
        self.sections = sections or {}  # section id → heading, old and new (to show a task's 所属章节)

    @property
    def is_new(self) -> bool:
        return self.plan_id is None

    @property
    def changed(self) -> list[str]:
        """The ids of the tasks the import changes (in a field a person sees)."""
        return list(self.fields)


class Reconciled:
    """Everything an import writes, worked out before anything is written."""

    __slots__ = ("diff", "existing", "flag", "inserts", "plan", "plan_doc", "removes", "updates")

    def __init__(self, plan: Plan, existing: int | None, plan_doc: dict[str, Any]) -> None:
        self.plan = plan
        self.existing = existing  # the plan's record id in the store (None: a new plan)
        self.plan_doc = plan_doc
        self.inserts: list[dict[str, Any]] = []
        self.updates: list[tuple[int, dict[str, Any], dict[str, Any], list[str]]] = []  # id, old, new, shown
        self.removes: list[int] = []
        self.flag: list[tuple[int, dict[str, Any]]] = []  # kept (work on it), flagged not-in-document
        self.diff = ImportDiff(None, [])


def assign_ids(plan_id: str, tasks: Iterable[Task]) -> None:
    seen: dict[str, int] = {}
    for task in tasks:
        base = f"{plan_id}-{task.number}"
        count = seen.get(base, 0) + 1
        seen[base] = count
        task.id = base if count == 1 else f"{base}.{count}"
        task.plan_id = plan_id


def _work(doc: dict[str, Any]) -> list[str]:
    """What work a stored task carries, in words (empty: none)."""
    from govtui.domain.model import STATUS_BY_VALUE

    said = []
    status = doc.get("status", "todo")
    if status != "todo":
        said.append(STATUS_BY_VALUE[status].label if status in STATUS_BY_VALUE else str(status))
    if doc.get("notes"):
        said.append(f"进展 {len(doc['notes'])} 条")
    if doc.get("proof"):
        said.append("公开凭证")
    return said


def _merged(doc: dict[str, Any], fresh: dict[str, Any]) -> dict[str, Any]:
    """A stored task as the import leaves it: the document's fields, the work recorded on it kept, and
    fields edited by hand kept over the document's."""
    flags = set(doc.get("flags", []))
    merged = {**fresh, "status": doc.get("status", "todo"), "notes": doc.get("notes", []), "rev": doc.get("rev", 0)}
    for kept_key in ("proof", "occurrences", "previous"):  # work recorded on the task, not in the document
        if doc.get(kept_key):
            merged[kept_key] = doc[kept_key]
    for flag, field in HAND_EDITS.items():
        if flag in flags:
            merged[field] = doc.get(field)
    if "edited-deadline" not in flags and (doc.get("deadline") or {}).get("kind") == "recurring" and \
            (merged["deadline"] or {}).get("text") == doc["deadline"].get("text"):
        merged["deadline"] = doc["deadline"]  # the same recurring duty: keep its current occurrence
    merged["flags"] = sorted(set(fresh["flags"]) | (flags & set(HAND_EDITS)))
    return merged


def _plan_doc(imported: ImportedPlan, old: dict[str, Any] | None) -> dict[str, Any]:
    """The plan record the import writes: the document's, with the fields set by hand kept (set in the
    store before, unless set again now in the review)."""
    doc = imported.plan.to_dict()
    now = [f for f in imported.edited if f in PLAN_FIELDS]
    before = [f for f in (old or {}).get(EDITED) or [] if f in PLAN_FIELDS and f not in now]
    for field in before:
        doc[field] = (old or {}).get(field)
    if now or before:
        doc[EDITED] = sorted({*now, *before})
    if old is not None and old.get("archived"):
        doc["archived"] = True
    return doc


def reconcile(data: dict[str, Any], imported: ImportedPlan, fallback_year: int) -> Reconciled:
    """What importing ``imported`` writes into the store whose data is ``data`` (nothing is changed:
    the imported plan's tasks are copied).  ``fallback_year``: the year a recurring duty's occurrences
    are counted in when the plan names none."""
    plans = data.get("plans") or {}
    found = next(((int(k), v) for k, v in plans.items() if v.get("key") == imported.plan.key), None)
    plan = imported.plan
    if found is None:
        numbers = [int(v["id"]) for v in plans.values() if str(v.get("id", "")).isdigit()]
        plan_id = str(max(numbers, default=0) + 1)
    else:
        plan_id = str(found[1]["id"])
    plan_doc = {**_plan_doc(imported, found[1] if found else None), "id": plan_id}
    result = Reconciled(plan, found[0] if found else None, plan_doc)
    year = int(plan_doc.get("year") or fallback_year)
    fresh_tasks = [t.copy_with() for t in imported.tasks]
    assign_ids(plan_id, fresh_tasks)
    old = {doc["id"]: (int(doc_id), doc) for doc_id, doc in (data.get("tasks") or {}).items()
           if doc.get("plan_id") == plan_id}
    diff = ImportDiff(None if found is None else plan_id, [])
    for task in fresh_tasks:
        fresh = task.to_dict()
        fresh["deadline"] = recurring_deadline(fresh["deadline"], year, [])
        if task.id not in old:
            result.inserts.append(fresh)
            diff.added.append(task.id)
            continue
        doc_id, doc = old.pop(task.id)
        merged = _merged(doc, fresh)
        if merged.get("deadline") is fresh["deadline"] and (doc.get("deadline") or {}).get("kind") == "recurring":
            merged["deadline"] = recurring_deadline(merged["deadline"], year, doc.get("occurrences") or [])
        shown = [k for k in SHOWN if merged.get(k) != doc.get(k)]
        if shown:
            diff.fields[task.id] = [(k, doc.get(k), merged.get(k)) for k in shown]
        for flag, field in HAND_EDITS.items():
            if flag in set(doc.get("flags", [])) and _differs(field, doc.get(field), fresh.get(field)):
                diff.kept_edits.append((task.id, field, doc.get(field), fresh.get(field)))
        work = _work(doc)
        if work:
            diff.with_work.append((task.id, work))
        if merged != doc:
            result.updates.append((doc_id, doc, merged, shown))
    for doc_id, doc in old.values():
        if NOT_FROM_DOCUMENT & set(doc.get("flags", [])):
            continue  # carried over from last year's plan (govtui carry-over) or added by hand: never in it
        if _work(doc):
            result.flag.append((doc_id, doc))
            diff.removed_with_work.append(doc["id"])
        else:
            result.removes.append(doc_id)
            diff.removed.append(doc["id"])
    if found is not None:
        before = found[1]
        diff.plan_changes = [(f, before.get(f), plan_doc.get(f)) for f in PLAN_FIELDS
                             if before.get(f) != plan_doc.get(f)]
        diff.sections = {s.get("id", ""): _heading(s) for s in before.get("sections") or []}
    diff.sections.update({s.id: s.heading for s in imported.plan.sections})
    result.diff = diff
    return result


def _heading(doc: dict[str, Any]) -> str:
    from govtui.domain.model import Section

    return Section.from_dict(doc).heading


def _differs(field: str, kept: Any, document: Any) -> bool:
    if field == "deadline":
        return (kept or {}).get("text") != (document or {}).get("text")
    return bool(kept != document)


def diff_import(data: dict[str, Any], imported: ImportedPlan, fallback_year: int) -> ImportDiff:
    """What importing ``imported`` would change (the same computation the import writes)."""
    return reconcile(data, imported, fallback_year).diff


def apply_import(txn: Transaction, imported: ImportedPlan, fallback_year: int) -> ImportResult:
    """Inside the store's open transaction ``txn``: add the plan, or update it in place — exactly what
    :func:`reconcile` worked out (and the preview showed).

    A document is recognised by its plan key (its title).  Task ids are ``<plan>-<printed number>``,
    so the same document gives the same ids; matched tasks keep their status, notes and revision, and
    units or deadlines edited by hand are kept over the document's.  Tasks gone from the document are
    removed, unless they carry work (a status, notes or a proof): then they are kept and flagged.
    """
    done = reconcile(txn.data, imported, fallback_year)
    plan = imported.plan
    plan.id = str(done.plan_doc["id"])
    for field in PLAN_FIELDS:
        setattr(plan, field, done.plan_doc.get(field))
    assign_ids(plan.id, imported.tasks)
    plans_table = txn.table("plans")
    tasks_table = txn.table("tasks")
    if done.existing is None:
        plans_table.insert(done.plan_doc)
    else:
        plans_table.update(done.plan_doc, doc_ids=[done.existing])
    for doc_id, doc, merged, shown in done.updates:
        before = {k: doc.get(k) for k in shown}  # read now: the update below changes ``doc`` in place
        if shown or merged.get("flags") != doc.get("flags"):
            merged["rev"] = doc.get("rev", 0) + 1  # an app showing the task sees it changed
        tasks_table.update(merged, doc_ids=[doc_id])
        if shown:  # what this re-import changed in this task, for its history
            txn.record(merged["id"], "import", before, {k: merged.get(k) for k in shown}, merged["rev"])
    if done.inserts:
        tasks_table.insert_multiple(done.inserts)
    for doc_id, doc in done.flag:
        if "not-in-document" not in doc.get("flags", []):
            tasks_table.update({"flags": [*doc.get("flags", []), "not-in-document"]}, doc_ids=[doc_id])
    if done.removes:
        tasks_table.remove(doc_ids=done.removes)
    diff = done.diff
    txn.record("", "import", None, {"plan": plan.id, "source": plan.source, "added": len(diff.added),
                                    "updated": len(diff.fields), "removed": len(diff.removed)}, 0)
    txn.index_pinyin({u.name for t in imported.tasks for u in t.units})
    return ImportResult(plan, done.existing is None, len(diff.added), len(diff.fields), len(diff.removed_with_work),
                        len(diff.removed), imported.warnings)
