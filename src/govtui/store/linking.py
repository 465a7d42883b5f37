"""回头看: link each task of a plan to the most similar task of the same organisation's plan a year before.

Similarity is rapidfuzz's normalised Indel ratio over the folded requirement text (full-width and
ASCII punctuation alike), among last year's tasks that share a unit with the new one; when none
shares a unit, among all of last year's tasks, with a stricter cut-off.  The link is kept on the
new task (``previous``) so that the detail pane can show last year's outcome and notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govtui.domain.text import fold

if TYPE_CHECKING:
    from govtui.store.transaction import Transaction

#: Lowest score (0–100) that counts as "the same task as last year".
SAME_UNIT_CUTOFF = 50.0
ANY_UNIT_CUTOFF = 70.0


def _text(doc: dict[str, Any]) -> str:
    return "".join(fold(doc.get("text", "")).split())


def _names(doc: dict[str, Any]) -> set[str]:
    return {u.get("name", "") for u in doc.get("units", [])}


def best_match(task: dict[str, Any], candidates: list[dict[str, Any]]) -> tuple[dict[str, Any], float] | None:
    """Last year's task most like ``task`` (raw documents), with its score; ``None`` when none is close."""
    from rapidfuzz import fuzz, process

    if not candidates or not task.get("text"):
        return None
    names = _names(task)
    same_unit = [c for c in candidates if names & _names(c)]
    for pool, cutoff in ((same_unit, SAME_UNIT_CUTOFF), (candidates, ANY_UNIT_CUTOFF)):
        if not pool:
            continue
        found = process.extractOne(_text(task), [_text(c) for c in pool], scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is not None:
            return pool[found[2]], float(found[1])
    return None


def previous_plan(plans: list[dict[str, Any]], plan: dict[str, Any]) -> dict[str, Any] | None:
    """The same organisation's plan of the latest earlier year (normally the year before)."""
    year, org = plan.get("year"), plan.get("organization")
    if not year or not org:
        return None
    earlier = [p for p in plans if p.get("organization") == org and p.get("year") and p["year"] < year]
    return max(earlier, key=lambda p: (p["year"], int(p["id"]) if str(p["id"]).isdigit() else 0), default=None)


def link_docs(new_tasks: list[dict[str, Any]], old_tasks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """New task id → ``{"id", "plan_id", "score"}`` of its match among ``old_tasks``."""
    links = {}
    for task in new_tasks:
        match = best_match(task, old_tasks)
        if match is not None:
            old, score = match
            links[task["id"]] = {"id": old["id"], "plan_id": old["plan_id"], "score": round(score)}
    return links


def link_store_plan(txn: Transaction, plan_id: str) -> int:
    """Inside an open transaction: link plan ``plan_id`` to last year's plan, and next year's plan to it.

    Returns how many tasks got a new or changed link.  Carried-over tasks keep their link.
    """
    data = txn.data
    plans = list((data.get("plans") or {}).values())
    found = next((p for p in plans if p.get("id") == plan_id), None)
    if found is None:
        return 0
    plan: dict[str, Any] = found
    plans = [p for p in plans if p.get("organization") == plan.get("organization")]  # the only candidates
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    before = previous_plan(plans, plan)
    if before is not None:
        pairs.append((plan, before))
    for later in plans:
        if later.get("id") != plan_id and previous_plan(plans, later) is plan:
            pairs.append((later, plan))  # next year's plan was imported first
    table = txn.table("tasks")
    docs = data.get("tasks") or {}
    changed = 0
    for new_plan, old_plan in pairs:
        new_ids = {doc_id: doc for doc_id, doc in docs.items() if doc.get("plan_id") == new_plan["id"]
                   and "carried-over" not in doc.get("flags", [])}
        old_tasks = [doc for doc in docs.values() if doc.get("plan_id") == old_plan["id"]]
        links = link_docs(list(new_ids.values()), old_tasks)
        for doc_id, doc in new_ids.items():
            link = links.get(doc["id"])
            if link != doc.get("previous"):
                fields = {"previous": link} if link else {}
                if link:
                    table.update(fields, doc_ids=[int(doc_id)])
                else:
                    table.update(_drop("previous"), doc_ids=[int(doc_id)])
                changed += 1
    return changed


def _drop(key: str):  # type: ignore[no-untyped-def]
    def transform(doc: dict[str, Any]) -> None:
        doc.pop(key, None)

    return transform
