"""Changes made by hand, inside the store's open transaction: a note edited or deleted, a task added
under a section or deleted, a plan archived or brought back.

Each goes through :class:`~govtui.store.transaction.Transaction` (one history entry per change, the action
id of the user's action), so undo takes it back in one step.  A note can be edited or deleted only by
the person who wrote it.  Added tasks are numbered ``N1``, ``N2`` … in their plan (``1-N1``), so they
never take the number of a task of the document.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from govtui.domain.model import ADDED_BY_HAND, Deadline, Plan, Task, Unit
from govtui.store.errors import StoreError
from govtui.store.transaction import NotFoundError, now_iso

if TYPE_CHECKING:
    from govtui.store.transaction import Transaction

#: The history field of a note edited or deleted (the task's whole note list before and after).
NOTES = "notes"
#: The history field of a task added (before ``None``) or deleted (after ``None``): the whole document.
TASK = "task"
#: The history field of a plan archived or brought back (``task`` of the entry: ``plan:<id>``).
ARCHIVED = "archived"
PREFIX = "N"


def own_note(doc: dict[str, Any], index: int | None, user: str) -> int:
    """The position of the note to change: ``index`` (1 = oldest), or the user's latest note.

    Refused (with who wrote it) when that note is someone else's."""
    notes = doc.get("notes") or []
    task_id = doc.get("id")
    if index is None:
        mine = [i for i, n in enumerate(notes) if n.get("author") == user]
        if not mine:
            raise NotFoundError(f"任务 {task_id} 没有 {user} 写的进展记录 (no note of yours)")
        return mine[-1]
    if not 1 <= index <= len(notes):
        raise NotFoundError(f"任务 {task_id} 没有第 {index} 条进展记录 (共 {len(notes)} 条)")
    author = notes[index - 1].get("author")
    if author != user:
        raise StoreError(f"第 {index} 条进展记录是 {author} 写的: 只能修改或删除自己的记录 (only your own notes)")
    return index - 1


def change_note(txn: Transaction, task_id: str, index: int | None, text: str | None) -> dict[str, Any]:
    """Replace the text of a note (``text``) or delete it (``None``); returns the note as it was."""
    if text is not None and not text.strip():
        raise StoreError("进展记录不能为空 (a note cannot be empty): 要删除请用删除")
    if text is not None:
        from govtui.store.transaction import checked_note

        text = checked_note(text)
    old: dict[str, Any] = {}

    def compute(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
        notes = [dict(n) for n in doc.get("notes") or []]
        at = own_note(doc, index, txn.user)
        old.update(notes[at])
        if text is None:
            del notes[at]
        else:
            notes[at] = {**notes[at], "text": text.strip(), "edited": now_iso()}
        return {NOTES: notes}, doc.get("notes") or [], notes

    txn.change_task(task_id, NOTES, compute)
    return old


def add_task(txn: Transaction, plan_id: str, section_id: str | None, text: str, units: list[Unit],
             deadline_text: str) -> dict[str, Any]:
    """A new task at the end of section ``section_id`` (or of the plan); returns its document."""
    from govtui.domain.deadlines import DateError, parse_typed_deadline
    from govtui.store.recurrence_store import recurring_deadline

    text = text.strip()
    if not text:
        raise StoreError("任务要求不能为空 (the requirement is empty)")
    plans = {d.get("id"): d for d in (txn.data.get("plans") or {}).values()}
    if plan_id not in plans:
        raise NotFoundError(f"没有编号为 {plan_id} 的计划 (no such plan; see `govtui plans`)")
    plan = Plan.from_dict(plans[plan_id])
    sections: list[str] = []
    if section_id:
        section = plan.section(section_id)
        if section is None:
            raise NotFoundError(f"计划 {plan_id} 没有章节 {section_id}")
        while section is not None:  # the path from the outermost section down
            sections.insert(0, section.id)
            section = plan.section(section.parent) if section.parent else None
    tasks = [d for d in txn.task_docs().values() if d.get("plan_id") == plan_id]
    numbers = [int(str(d.get("number", ""))[1:]) for d in tasks
               if str(d.get("number", "")).startswith(PREFIX) and str(d.get("number", ""))[1:].isdigit()]
    number = f"{PREFIX}{max(numbers, default=0) + 1}"
    in_section = [d for d in tasks if section_id and section_id in (d.get("sections") or [])]
    order = max((int(d.get("order", 0)) for d in (in_section or tasks)), default=0)
    for doc in tasks:  # room right after the section's last task: document order keeps it in place
        if int(doc.get("order", 0)) > order:
            doc["order"] = int(doc.get("order", 0)) + 1
    try:
        deadline = (parse_typed_deadline(deadline_text, plan.year) if deadline_text.strip() else Deadline()).to_dict()
    except DateError as exc:
        raise StoreError(f"时限{exc}; 未作修改") from None
    deadline = recurring_deadline(deadline, plan.year or dt.date.today().year, [])
    doc = {"id": f"{plan_id}-{number}", "plan_id": plan_id, "number": number, "order": order + 1,
           "sections": sections, "text": text, "units": [u.to_dict() for u in units], "deadline": deadline,
           "status": "todo", "notes": [], "flags": [ADDED_BY_HAND, *([] if units else ["no-units"])], "rev": 0}
    txn.put_task(doc, TASK)
    if units:
        txn.index_pinyin({u.name for u in units})
    return doc


def set_archived(txn: Transaction, plan_id: str, archived: bool) -> bool:
    """Archive (or bring back) a plan; returns whether anything changed."""
    for key, doc in (txn.data.get("plans") or {}).items():
        if doc.get("id") == plan_id:
            before = bool(doc.get("archived"))
            if before == archived:
                return False
            txn.table("plans").update({"archived": archived}, doc_ids=[int(key)])
            txn.record(f"plan:{plan_id}", ARCHIVED, before, archived, 0)
            return True
    raise NotFoundError(f"没有编号为 {plan_id} 的计划 (no such plan; see `govtui plans`)")


#: The history field of a plan deleted with its tasks (``task`` of the entry: ``plan:<id>``).
PLAN_DELETE = "plan-delete"


def delete_plan(txn: Transaction, plan_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Remove plan ``plan_id`` and every task of it; returns the plan's record and its tasks' records."""
    found = next(((int(k), d) for k, d in (txn.data.get("plans") or {}).items() if d.get("id") == plan_id), None)
    if found is None:
        raise NotFoundError(f"没有编号为 {plan_id} 的计划 (no such plan; see `govtui plans`)")
    tasks = {int(k): dict(d) for k, d in txn.task_docs().items() if d.get("plan_id") == plan_id}
    plan = dict(found[1])
    if tasks:
        txn.table("tasks").remove(doc_ids=list(tasks))
    txn.table("plans").remove(doc_ids=[found[0]])
    docs = list(tasks.values())
    txn.record(f"plan:{plan_id}", PLAN_DELETE, None, {"title": plan.get("title", ""), "tasks": len(docs),
                                                     "notes": sum(len(d.get("notes") or []) for d in docs)}, 0)
    return plan, docs


def what_would_be_lost(tasks: list[Task]) -> list[str]:
    """What deleting these tasks (a plan's) takes away, in lines a person can weigh: tasks by status,
    notes, proofs of publication."""
    from govtui.domain.model import Status

    counts = {status: sum(1 for t in tasks if t.status is status) for status in Status}
    by_status = "、".join(f"{status.label} {n}" for status, n in counts.items() if n)
    notes = sum(len(t.notes) for t in tasks)
    proofs = sum(1 for t in tasks if t.proof)
    lines = [f"任务 {len(tasks)} 项" + (f" ({by_status})" if by_status else "")]
    lines.append(f"进展记录 {notes} 条" if notes else "没有进展记录")
    lines.append(f"公开凭证 {proofs} 项" if proofs else "没有公开凭证")
    worked = [t for t in tasks if t.status is not Status.TODO or t.notes or t.proof]
    lines.extend(f"  {t.id}  {t.status.label}  进展 {len(t.notes)} 条" + ("  有公开凭证" if t.proof else "")
                 for t in worked[:8])
    if len(worked) > 8:
        lines.append(f"  … 另有 {len(worked) - 8} 项有状态或记录")
    return lines


def rename_unit(txn: Transaction, old: str, new: str, merge: bool) -> int:
    """Rename unit ``old`` to ``new`` in every plan (``merge``: ``new`` may exist already); each changed task
    gets a new revision and a history entry.  Returns how many tasks changed."""
    from govtui.domain.unit_list import clean_name

    new = clean_name(new)
    if not new:
        raise StoreError("新的单位名称是空的 (the new unit name is empty)")
    docs = txn.task_docs()
    names = {u.get("name") for doc in docs.values() for u in doc.get("units", [])}
    if old not in names:
        raise NotFoundError(f"没有名为 {old!r} 的单位 (no such unit); 用 `govtui units` 查看全部单位")
    if new in names and not merge:
        raise StoreError(f"单位 {new!r} 已经存在 (exists already): 要合并请用 `govtui units merge {old} {new}`")

    def compute(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
        units = doc.get("units", [])
        renamed: list[dict[str, Any]] = []
        for unit in units:
            unit = {**unit, "name": new} if unit.get("name") == old else unit
            if not any(u["name"] == unit["name"] and u.get("role") == unit.get("role") for u in renamed):
                renamed.append(unit)
        return {"units": renamed}, units, renamed

    named = [doc["id"] for doc in docs.values() if any(u.get("name") == old for u in doc.get("units", []))]
    for task_id in named:
        txn.change_task(task_id, "units", compute)
    txn.index_pinyin({new})
    return len(named)
