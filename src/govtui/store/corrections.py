"""Corrections of a plan in the store, inside its open transaction: what the review screen does to a plan
before it is imported (:mod:`govtui.domain.outline`), done to a plan already imported.

Each is one user action: the store method wraps it in a journaled transaction (the whole plan and task
records before and after, so undo puts them back in one step), and each records one history line in
Chinese (field ``correct``): ``合并任务 1-4 到 1-3``.  Units and deadlines keep their own history lines
(责任单位 A → B) as ``e`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from govtui.domain.model import DOUBT_FLAGS, Deadline, Plan, Section, Task, Unit
from govtui.domain.outline import CorrectionError, Outline, heading_label_level, reread_deadlines
from govtui.store.errors import StoreError
from govtui.store.reimport import EDITED, PLAN_FIELDS
from govtui.store.transaction import NotFoundError

if TYPE_CHECKING:
    from govtui.store.transaction import Transaction

#: The history field of a correction (its ``after``: what was done, in words).
CORRECT = "correct"


class Loaded:
    """One plan of the store as an :class:`Outline`, with the records it was read from."""

    def __init__(self, txn: Transaction, plan_id: str) -> None:
        found = next(((int(k), d) for k, d in (txn.data.get("plans") or {}).items() if d.get("id") == plan_id), None)
        if found is None:
            raise NotFoundError(f"没有编号为 {plan_id} 的计划 (no such plan; see `govtui plans`)")
        self.txn = txn
        self.plan_key, self.plan_doc = found[0], dict(found[1])
        self.docs = {d["id"]: (int(k), dict(d)) for k, d in txn.task_docs().items() if d.get("plan_id") == plan_id}
        self.plan = Plan.from_dict(self.plan_doc)
        self.outline = Outline(self.plan, [Task.from_dict(d) for _, d in self.docs.values()])
        for number in (d["id"].split("-", 1)[1] for _, d in self.docs.values() if "-" in d["id"]):
            self.outline.taken.add(number)  # ids a new task's number must not give again

    def task(self, task_id: str) -> Task:
        found = next((t for t in self.outline.tasks if t.id == task_id), None)
        if found is None:
            raise NotFoundError(f"没有编号为 {task_id} 的任务 (no such task; 编号形如 1-9: 计划 1 的任务 9)")
        return found

    def save(self, what: str, about: str) -> None:
        """Write what the outline now holds (only the records that changed) and the history line."""
        txn, plan = self.txn, self.plan
        for task in self.outline.tasks:
            if not task.id:
                task.id, task.plan_id = f"{plan.id}-{task.number}", plan.id
        new_plan = {**self.plan_doc, "sections": [s.to_dict() for s in plan.sections],
                    **{f: getattr(plan, f) for f in PLAN_FIELDS}}
        if new_plan != self.plan_doc:
            txn.replace_record("plans", self.plan_key, new_plan)
        kept = set()
        for task in self.outline.tasks:
            doc = task.to_dict()
            if task.id in self.docs:
                kept.add(task.id)
                doc_id, old = self.docs[task.id]
                if doc != old:
                    txn.replace_record("tasks", doc_id, {**doc, "rev": int(old.get("rev", 0)) + 1})
            else:
                if any(d.get("id") == task.id for d in txn.task_docs().values()):
                    raise StoreError(f"任务 {task.id} 已存在 (exists already)")
                txn.table("tasks").insert(doc)
        gone = [doc_id for task_id, (doc_id, _) in self.docs.items() if task_id not in kept]
        if gone:
            txn.table("tasks").remove(doc_ids=gone)
        txn.record(about, CORRECT, None, what, 0)


def _run(txn: Transaction, plan_id: str, change: Callable[[Loaded], tuple[str, str]]) -> Loaded:
    loaded = Loaded(txn, plan_id)
    try:
        what, about = change(loaded)
    except CorrectionError as exc:
        raise StoreError(str(exc)) from None
    loaded.save(what, about)
    return loaded


def _plan_of(txn: Transaction, task_id: str) -> str:
    return str(txn.task_doc(task_id)[1].get("plan_id", ""))


def merge(txn: Transaction, task_id: str) -> Task:
    """Merge task ``task_id`` into the task before it; returns that task as it now is."""
    into: list[Task] = []

    def change(loaded: Loaded) -> tuple[str, str]:
        target = loaded.outline.merge_into_previous(loaded.task(task_id))
        into.append(target)
        return f"合并任务 {task_id} 到 {target.id}", target.id

    _run(txn, _plan_of(txn, task_id), change)
    return into[0]


def split(txn: Transaction, task_id: str, at: int) -> Task:
    """Split task ``task_id`` before its sentence ``at`` (1 = the first); returns the new task."""
    made: list[Task] = []

    def change(loaded: Loaded) -> tuple[str, str]:
        new = loaded.outline.split(loaded.task(task_id), at)
        new.id, new.plan_id = f"{loaded.plan.id}-{new.number}", loaded.plan.id
        made.append(new)
        return f"拆分任务 {task_id}: 从第 {at} 句起为新任务 {new.id}", task_id

    _run(txn, _plan_of(txn, task_id), change)
    return made[0]


def promote(txn: Transaction, task_id: str, level: int | None = None) -> Section:
    """Task ``task_id`` was a heading (``level`` 1 部分, 2 小节; ``None``: from its label, else 2)."""
    made: list[Section] = []

    def change(loaded: Loaded) -> tuple[str, str]:
        task = loaded.task(task_id)
        section = loaded.outline.promote(task, level or heading_level(task.text))
        made.append(section)
        kind = "部分标题" if section.level == 1 else "小节标题"
        return f"任务 {task_id} 改为{kind} “{section.heading}” ({section.id})", f"plan:{loaded.plan.id}"

    _run(txn, _plan_of(txn, task_id), change)
    return made[0]


def demote(txn: Transaction, plan_id: str, section_id: str) -> Task:
    """Heading ``section_id`` of plan ``plan_id`` was a task; returns it."""
    made: list[Task] = []

    def change(loaded: Loaded) -> tuple[str, str]:
        heading = loaded.outline.section(section_id).heading
        task = loaded.outline.demote(section_id)
        task.id, task.plan_id = f"{plan_id}-{task.number}", plan_id
        made.append(task)
        return f"标题 “{heading}” 改为任务 {task.id}", task.id

    _run(txn, plan_id, change)
    return made[0]


def move(txn: Transaction, task_id: str, section_id: str) -> Task:
    """Move task ``task_id`` under heading ``section_id`` of its plan."""
    moved: list[Task] = []

    def change(loaded: Loaded) -> tuple[str, str]:
        task = loaded.task(task_id)
        section = loaded.outline.section(section_id)
        loaded.outline.move(task, section_id)
        moved.append(task)
        return f"任务 {task_id} 移到 “{section.heading}” 之下", task_id

    _run(txn, _plan_of(txn, task_id), change)
    return moved[0]


def drop(txn: Transaction, task_id: str) -> Task:
    """Task ``task_id`` is not a task (a row read by mistake): it goes."""
    dropped: list[Task] = []

    def change(loaded: Loaded) -> tuple[str, str]:
        task = loaded.task(task_id)
        loaded.outline.drop(task)
        dropped.append(task)
        return f"去掉非任务行 {task_id} “{task.text[:20]}”", f"plan:{loaded.plan.id}"

    _run(txn, _plan_of(txn, task_id), change)
    return dropped[0]


def set_plan(txn: Transaction, plan_id: str, organization: str | None = None, year: int | None = None,
             title: str | None = None) -> Plan:
    """The plan's organisation, year and title as a person sets them (a re-import keeps them).  A new year
    reads the tasks' deadlines again (``6月底前`` is 30 June of the plan's year)."""
    from govtui.store.recurrence_store import recurring_deadline

    wanted = {"organization": organization, "year": year, "title": title}
    wanted = {k: (v.strip() if isinstance(v, str) else v) for k, v in wanted.items() if v is not None}
    if not wanted:
        raise StoreError("没有给出要修改的内容: --org、--year 或 --title (nothing to set)")
    if wanted.get("title") == "" or wanted.get("organization") == "":
        raise StoreError("制发单位和标题不能为空 (empty)")

    def change(loaded: Loaded) -> tuple[str, str]:
        plan = loaded.plan
        said = []
        for field, value in wanted.items():
            if getattr(plan, field) != value:
                said.append(f"{PLAN_WORDS[field]} {getattr(plan, field) or '(空)'} → {value}")
                setattr(plan, field, value)
        if not said:
            raise CorrectionError(f"计划 {plan_id} 已是这样, 没有修改 (nothing changed)")
        loaded.plan_doc[EDITED] = sorted({*(loaded.plan_doc.get(EDITED) or []), *wanted})
        if "year" in wanted:
            reread_deadlines(loaded.outline.tasks, plan.year)
            for task in loaded.outline.tasks:
                fresh = recurring_deadline(task.deadline.to_dict(), int(plan.year or 2000), task.occurrences)
                task.deadline = Deadline.from_dict(fresh)
        return f"计划 {plan_id} " + "; ".join(said), f"plan:{plan_id}"

    return _run(txn, plan_id, change).plan


PLAN_WORDS = {"organization": "制发单位", "year": "年度", "title": "标题"}


def set_units(txn: Transaction, task_ids: list[str], units: list[Unit]) -> list[Task]:
    """The same units and roles for several tasks, as one action (each task's history says 责任单位 A → B)."""
    if not units:
        raise StoreError("责任单位不能为空 (no units given)")
    after = [u.to_dict() for u in units]

    def compute(doc: dict[str, Any], _: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
        flags = ({*doc.get("flags", []), "edited-units"} - DOUBT_FLAGS) - {"no-units"}
        return {"units": after, "flags": sorted(flags)}, doc.get("units"), after

    for task_id in task_ids:
        txn.task_doc(task_id)  # every id known before anything is written
    changed = [txn.change_task(task_id, "units", compute)[0] for task_id in dict.fromkeys(task_ids)]
    txn.index_pinyin({u.name for u in units})
    return changed


def heading_level(text: str) -> int:
    """The level a row's own label says: ``二、…`` a section (1), ``(三)…`` or none a subsection (2)."""
    return heading_label_level(text) or 2
