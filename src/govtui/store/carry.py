"""上年结转: copy last year's unfinished tasks into this year's plan.

:func:`choose_plans` finds the two plans from the years asked for (one organisation);
:func:`carried_docs` makes the new task documents: flagged ``carried-over``, numbered ``C1``,
``C2`` … in a section 上年结转任务, linked back to the task they came from, with a note saying
so.  Run twice, nothing is copied twice; a task this year's plan already has (linked to last year's at
:data:`COUNTERPART_SCORE` or more) is not copied either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govtui.domain.deadlines import parse_deadline
from govtui.domain.model import Deadline, DeadlineKind, Plan, Section, Status, Task
from govtui.store.errors import StoreError
from govtui.store.recurrence_store import recurring_deadline

if TYPE_CHECKING:
    from govtui.store.transaction import Transaction

SECTION_TITLE = "上年结转任务"
FLAG = "carried-over"


def choose_plans(plans: list[Plan], from_year: int, to_year: int, organization: str | None = None
                 ) -> tuple[Plan, Plan]:
    """(last year's plan, this year's plan) of one organisation; a clear error when that is not one pair."""
    def of(year: int) -> list[Plan]:
        return [p for p in plans if p.year == year and (organization is None or organization in p.organization)]

    old, new = of(from_year), of(to_year)
    if not new:
        raise StoreError(f"没有 {to_year} 年的计划: 先导入 (govtui import FILE)" +
                         (f" 或检查 --org {organization}" if organization else ""))
    if not old:
        raise StoreError(f"没有 {from_year} 年的计划" + (f" (单位 {organization})" if organization else ""))
    pairs = [(o, n) for o in old for n in new if o.organization == n.organization]
    if len(pairs) == 1:
        return pairs[0]
    if not pairs:
        raise StoreError(f"{from_year} 年和 {to_year} 年的计划不属于同一单位: 用 --org 指定")
    orgs = "、".join(sorted({o.organization for o, _ in pairs}))
    raise StoreError(f"有多个单位的计划 ({orgs}): 用 --org 指定一个")


def unfinished(tasks: list[Task], plan: Plan) -> list[Task]:
    return [t for t in tasks if t.plan_id == plan.id and t.status is not Status.DONE]


#: Lowest link score (0–100, see :mod:`govtui.store.linking`) at which a task of this year's plan is taken for
#: the same task as one of last year's: carry-over then leaves last year's task where it is.
COUNTERPART_SCORE = 90


def counterparts(tasks: list[Task], new_plan: Plan) -> dict[str, Task]:
    """Last year's task id → its counterpart in ``new_plan``: a copy carried over before, or a task of
    this year's document linked to it at :data:`COUNTERPART_SCORE` or more."""
    found: dict[str, Task] = {}
    for task in tasks:
        if task.plan_id != new_plan.id or not task.previous:
            continue
        carried = FLAG in task.flags
        if carried or float(task.previous.get("score") or 0) >= COUNTERPART_SCORE:
            found.setdefault(str(task.previous.get("id")), task)
    return found


def pending_and_skipped(tasks: list[Task], old_plan: Plan, new_plan: Plan) -> tuple[list[Task], list[tuple[Task, str]]]:
    """Last year's unfinished tasks to carry over, and those left out with why (carried over before, or
    this year's plan has the same task already)."""
    found = counterparts(tasks, new_plan)
    pending: list[Task] = []
    skipped: list[tuple[Task, str]] = []
    for task in unfinished(tasks, old_plan):
        other = found.get(task.id)
        if other is None:
            pending.append(task)
        elif FLAG in other.flags:
            skipped.append((task, f"已结转为 {other.id} (carried over before)"))
        else:
            score = other.previous.get("score") if other.previous else None
            skipped.append((task, f"本年计划已有对应任务 {other.id} (相似度 {score}, counterpart)"))
    return pending, skipped


def carry_section(plan: Plan) -> tuple[Section, bool]:
    """The plan's 上年结转任务 section (made when missing: ``True`` then)."""
    found = next((s for s in plan.sections if s.title == SECTION_TITLE and s.level == 1), None)
    if found is not None:
        return found, False
    ids = {s.id for s in plan.sections}
    number = len(plan.sections) + 1
    while f"s{number}" in ids:
        number += 1
    order = max((s.order for s in plan.sections), default=0) + 1
    return Section(f"s{number}", "", SECTION_TITLE, 1, order), True


def _deadline(old: Task, year: int) -> Deadline:
    """Ongoing and recurring duties read again for the new year; a past date is kept as text."""
    if old.deadline.kind in (DeadlineKind.ONGOING, DeadlineKind.RECURRING):
        return Deadline.from_dict(recurring_deadline(parse_deadline(old.deadline.text, year).to_dict(), year, []))
    if old.deadline.text:
        return Deadline(f"原时限：{old.deadline.text}", None, DeadlineKind.TEXT)
    return Deadline()


def carried_docs(old_tasks: list[Task], old_plan: Plan, new_plan: Plan, section: Section, start: int, order: int,
                 user: str, when: str) -> list[dict[str, Any]]:
    """New task documents for ``new_plan``, numbered from ``C<start>``."""
    docs = []
    year = new_plan.year or (old_plan.year or 0) + 1
    for offset, old in enumerate(old_tasks):
        number = f"C{start + offset}"
        note = {"time": when, "author": user,
                "text": f"上年结转：自 {old_plan.year} 年计划任务 {old.id}（编号 {old.number}，"
                        f"结转时状态 {old.status.label}）"}
        task = Task(id=f"{new_plan.id}-{number}", plan_id=new_plan.id, number=number, order=order + offset,
                    sections=[section.id], text=old.text, units=list(old.units), deadline=_deadline(old, year),
                    status=old.status if old.status is not Status.DONE else Status.TODO,
                    flags=[FLAG], previous={"id": old.id, "plan_id": old.plan_id, "score": 100})
        doc = task.to_dict()
        doc["notes"] = [note]
        docs.append(doc)
    return docs



def keep_section(txn: Transaction, plan_id: str) -> int:
    """After a re-import replaced the plan's sections: put 上年结转任务 back for the carried tasks.

    Returns how many carried tasks were placed in it again.
    """
    data = txn.data
    carried = {int(k): d for k, d in (data.get("tasks") or {}).items()
               if d.get("plan_id") == plan_id and FLAG in d.get("flags", [])}
    entry = next(((int(k), d) for k, d in (data.get("plans") or {}).items() if d.get("id") == plan_id), None)
    if not carried or entry is None:
        return 0
    plan = Plan.from_dict(entry[1])
    known = {s.id for s in plan.sections}
    if all(set(d.get("sections", [])) <= known for d in carried.values()):
        return 0
    section, is_new = carry_section(plan)
    if is_new:
        plan.sections.append(section)
        txn.table("plans").update({"sections": [s.to_dict() for s in plan.sections]}, doc_ids=[entry[0]])
    txn.table("tasks").update({"sections": [section.id]}, doc_ids=list(carried))
    return len(carried)


def carry_over(txn: Transaction, from_plan: str, to_plan: str, task_ids: list[str], user: str,
               when: str) -> list[dict[str, Any]]:
    """Copy last year's tasks ``task_ids`` into plan ``to_plan`` as 上年结转 tasks; returns the new documents.

    Tasks carried into that plan before, or that it has a counterpart of, are skipped.
    """
    from govtui.store.transaction import NotFoundError

    data = txn.data
    plan_docs = {d.get("id"): (int(k), d) for k, d in (data.get("plans") or {}).items()}
    if from_plan not in plan_docs or to_plan not in plan_docs:
        missing = from_plan if from_plan not in plan_docs else to_plan
        raise NotFoundError(f"没有编号为 {missing} 的计划 (no such plan)")
    old_plan, new_plan = Plan.from_dict(plan_docs[from_plan][1]), Plan.from_dict(plan_docs[to_plan][1])
    tasks = [Task.from_dict(d) for d in (data.get("tasks") or {}).values()
             if d.get("plan_id") in (from_plan, to_plan)]
    done_before = counterparts(tasks, new_plan)
    wanted = [t for t in tasks if t.plan_id == from_plan and t.id in set(task_ids) and t.id not in done_before]
    if not wanted:
        return []
    section, is_new = carry_section(new_plan)
    if is_new:
        new_plan.sections.append(section)
        txn.table("plans").update({"sections": [s.to_dict() for s in new_plan.sections]},
                                  doc_ids=[plan_docs[to_plan][0]])
    numbers = [int(t.number[1:]) for t in tasks if t.plan_id == to_plan and t.number[:1] == "C"
               and t.number[1:].isdigit()]
    order = max((t.order for t in tasks if t.plan_id == to_plan), default=0) + 1
    docs = carried_docs(wanted, old_plan, new_plan, section, max(numbers, default=0) + 1, order, user, when)
    txn.table("tasks").insert_multiple(docs)
    for doc in docs:
        txn.record(doc["id"], "carry-over", doc["previous"]["id"], doc["id"], 0)
    return docs
