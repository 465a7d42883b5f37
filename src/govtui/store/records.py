"""A store's records: encoded as compact UTF-8 JSON, which plan's part each record lives in, and
what a record must hold for the app to read it (checked when a part is read, so that damage is a message naming the
part, never an exception deep in a command)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any

#: The tables kept in per-plan parts; the others stay in the manifest.
PARTITIONED = ("plans", "tasks", "history")


def plan_of_task(task_id: str) -> str:
    """The plan key of a task id (``<plan id>-<number>``): the part its task and history live in."""
    return task_id.rsplit("-", 1)[0] if "-" in task_id else "_"


def part_key(table: str, doc: Any) -> str:
    """Which plan's part a record belongs to: a plan's own id, a task's plan, a history entry's task's plan."""
    if not isinstance(doc, dict):
        return "_"
    if table == "plans":
        return str(doc.get("id", "_"))
    if table == "tasks":
        return str(doc.get("plan_id", "_"))
    return plan_of_task(str(doc.get("task", "")))


def encode(data: dict[str, Any]) -> bytes:
    """The whole store as one line of compact UTF-8 JSON (Chinese as it is, not ``\\u`` escapes).

    Compact because every change rewrites the whole file; ``govtui export -f json`` writes the
    tasks indented, for reading or diffing.
    """
    import orjson  # imported on use: a lookup answered from the index never parses JSON

    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS) + b"\n"


def check_records(tables: dict[str, Any]) -> str | None:
    """What is wrong with a part's (or a single-file store's) records, or ``None``: every record a
    table of objects, every plan and task with its id, every field the app reads of the type it reads.

    Checked when a part is read, so that a record damaged by hand or by a tool is a message naming
    the part, never an exception deep in a command."""
    for table in PARTITIONED:
        records = tables.get(table)
        if records is None:
            continue
        if not isinstance(records, dict):
            return f"数据表 {table} 不是对象 (table is not an object)"
        for doc_id, doc in records.items():
            if not isinstance(doc, dict):
                return f"{table} 的记录 {doc_id} 不是对象 (record is not an object)"
            if table == "history":
                continue
            if not isinstance(doc.get("id"), str) or (table == "tasks" and not isinstance(doc.get("plan_id"), str)):
                return f"{table} 的记录 {doc_id} 没有编号 (no id)"
            if table == "plans":
                if not isinstance(doc.get("sections", []), list) or not all(
                        isinstance(s, dict) and isinstance(s.get("id"), str) for s in doc.get("sections", [])):
                    return f"计划 {doc['id']} 的章节有误 (bad sections)"
                continue
            problem = _task_problem(doc)
            if problem:
                return f"任务 {doc['id']} 的 {problem} 有误 (bad field)"
    return None


def _task_problem(doc: dict[str, Any]) -> str | None:
    """The first field of a stored task that the app could not read, or ``None``."""
    from govtui.domain.model import KIND_BY_VALUE, ROLE_BY_VALUE, STATUS_BY_VALUE

    if not isinstance(doc.get("text", ""), str) or not isinstance(doc.get("order", 0), int):
        return "text/order"
    if doc.get("status", "todo") not in STATUS_BY_VALUE:
        return "status"
    if not isinstance(doc.get("rev", 0), int) or not isinstance(doc.get("flags", []), list):
        return "rev/flags"
    sections, units, notes = doc.get("sections", []), doc.get("units", []), doc.get("notes", [])
    if not isinstance(sections, list) or not all(isinstance(s, str) for s in sections):
        return "sections"
    if not isinstance(units, list) or not all(isinstance(u, dict) and isinstance(u.get("name"), str)
                                              and u.get("role", "responsible") in ROLE_BY_VALUE for u in units):
        return "units"
    if not isinstance(notes, list) or not all(isinstance(n, dict) and all(isinstance(n.get(k), str)
                                                                          for k in ("time", "author", "text"))
                                              for n in notes):
        return "notes"
    deadline = doc.get("deadline")
    if deadline is not None:
        if not isinstance(deadline, dict) or not isinstance(deadline.get("text", ""), str) \
                or deadline.get("kind", "none") not in KIND_BY_VALUE:
            return "deadline"
        due = deadline.get("due")
        if due is not None and not (isinstance(due, str) and _is_iso_date(due)):
            return "deadline"
    for key in ("proof", "previous"):
        if doc.get(key) is not None and not isinstance(doc.get(key), dict):
            return key
    if not isinstance(doc.get("occurrences") or [], list):
        return "occurrences"
    return None


def _is_iso_date(text: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
