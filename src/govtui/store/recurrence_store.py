"""Recurring duties in the store: keep ``deadline.due`` on the current occurrence, and meet occurrences.

Works on the raw task documents inside a store transaction (see :mod:`govtui.domain.recurrence` for the
occurrences themselves).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from govtui.domain import recurrence
from govtui.store.errors import StoreError

if TYPE_CHECKING:
    from govtui.store.transaction import Transaction


def is_recurring(deadline: dict[str, Any] | None) -> bool:
    """Recurring deadlines, and yearly ones printed as a date (每年6月 reads as 30 June)."""
    if not deadline:
        return False
    rule = recurrence.rule_of(deadline.get("text", ""))
    kind = deadline.get("kind")
    return rule is not None and (kind == "recurring" or (kind == "date" and rule.startswith("yearly")))


def recurring_deadline(deadline: dict[str, Any], year: int, met: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """``deadline`` with ``due`` set to the current occurrence (``None`` once all are met)."""
    if not is_recurring(deadline):
        return deadline
    now = recurrence.current(deadline.get("text", ""), year, met)
    return {**deadline, "kind": "recurring", "due": now.due.isoformat() if now else None}


def plan_year(data: dict[str, Any], plan_id: str, fallback: int) -> int:
    plan = next((p for p in (data.get("plans") or {}).values() if p.get("id") == plan_id), None)
    return int(plan.get("year") or fallback) if plan else fallback


def refresh_plan(txn: Transaction, plan_id: str, fallback_year: int) -> int:
    """After an import: give every recurring duty of the plan its current occurrence's due date."""
    data = txn.data
    year = plan_year(data, plan_id, fallback_year)
    table = txn.table("tasks")
    changed = 0
    for doc_id, doc in list((data.get("tasks") or {}).items()):
        if doc.get("plan_id") != plan_id or not is_recurring(doc.get("deadline")):
            continue
        deadline = recurring_deadline(doc["deadline"], year, doc.get("occurrences") or [])
        if deadline != doc["deadline"]:
            table.update({"deadline": deadline}, doc_ids=[int(doc_id)])
            changed += 1
    return changed


def complete_current(doc: dict[str, Any], data: dict[str, Any], user: str, when: str,
                     today: dt.date) -> tuple[dict[str, Any], str, str | None]:
    """The fields that record the current occurrence as met: (fields, its label, the next label)."""
    deadline = doc.get("deadline") or {}
    if not is_recurring(deadline):
        raise StoreError(f"任务 {doc.get('id')} 不是周期性任务 (not a recurring duty): 用 --status done")
    text = deadline.get("text", "")
    year = plan_year(data, doc.get("plan_id", ""), today.year)
    met = list(doc.get("occurrences") or [])
    now = recurrence.current(text, year, met)
    if now is None:
        raise StoreError(f"任务 {doc.get('id')} 本年度的各期都已完成 (every occurrence is met)")
    met.append({"due": now.due.isoformat(), "label": now.label, "time": when, "user": user})
    following = recurrence.current(text, year, met)
    fields: dict[str, Any] = {
        "occurrences": met,
        "deadline": {**deadline, "kind": "recurring", "due": following.due.isoformat() if following else None},
        "status": "done" if following is None else ("doing" if doc.get("status") in ("todo", "done")
                                                     else doc.get("status")),
    }
    return fields, now.label, following.label if following else None
