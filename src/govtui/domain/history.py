"""The change history as people read it: Chinese, local time, one line per change, no no-op entries.

``王敏 11-23 14:05 状态 进行中 → 已完成``.  Used by ``govtui history`` and the app's detail pane;
the stored entries (and ``--json``) keep their English keys and ISO times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from govtui.domain.model import FLAG_LABELS, STATUS_BY_VALUE, STATUS_LABELS, Unit, format_units
from govtui.domain.text import strip_controls

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any

FIELD_LABELS = {"status": "状态", "note": "进展记录", "units": "责任单位", "deadline": "时限",
                "text": "要求", "number": "编号", "sections": "所属章节", "proof": "公开凭证",
                "occurrence": "周期性任务已完成的期", "carry-over": "上年结转", "archived": "归档",
                "plan-delete": "删除计划", "restore": "从备份恢复", "import": "导入", "correct": "修正"}
SHORT = 40


def local_stamp(iso: str, now: dt.datetime | None = None) -> str:
    """``11-23 14:05`` in local time (with the year when it is not this year); the text itself if not a time."""
    try:
        when = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return str(iso or "")
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    local = when.astimezone()
    now = now or dt.datetime.now().astimezone()
    return local.strftime("%m-%d %H:%M" if local.year == now.year else "%Y-%m-%d %H:%M")


def _short(text: str) -> str:
    text = strip_controls(" ".join(str(text).split()))
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def show_value(field: str, value: Any) -> str:
    """A stored value as a person reads it (a status label, units with roles, a deadline's text)."""
    if value is None or value == "" or value == []:
        return "(空)"
    if field == "status":
        status = STATUS_BY_VALUE.get(str(value))
        return STATUS_LABELS[status] if status else str(value)
    if field == "units" and isinstance(value, list):
        return _short(format_units([Unit.from_dict(u) if isinstance(u, dict) else Unit(str(u)) for u in value]))
    if field == "deadline" and isinstance(value, dict):
        return _short(value.get("text") or "(未注明)")
    if field == "note" and isinstance(value, dict):
        return "“" + _short(value.get("text", "")) + "”"
    if field == "proof" and isinstance(value, dict):
        return _short(str(value.get("url") or value.get("index_no") or value))
    if field == "occurrence" and isinstance(value, dict):  # what meeting an occurrence changed
        value = value.get("occurrences") or []
        if not value:
            return "(空)"
    if field == "occurrence" and isinstance(value, list):
        return _short("、".join(str(o.get("label", o.get("due"))) if isinstance(o, dict) else str(o) for o in value))
    if field == "sections" and isinstance(value, list):
        return _short(" / ".join(str(v) for v in value))
    return _short(str(value))


def is_noop(entry: dict[str, Any]) -> bool:
    return entry.get("field") != "note" and entry.get("before") == entry.get("after")


def describe(entry: dict[str, Any], *, with_task: bool = False, now: dt.datetime | None = None) -> list[str]:
    """The lines a history entry shows as (none for an entry that changed nothing)."""
    field = str(entry.get("field", ""))
    if is_noop(entry):
        return []
    head = f"{strip_controls(str(entry.get('user') or '?'))} {local_stamp(entry.get('time', ''), now)}"
    if with_task and entry.get("task"):
        head = f"{entry['task']}  {head}"
    prefix = {"undo": "撤销 ", "redo": "重做 "}.get(str(entry.get("kind") or ""), "")
    tail = "  (已撤销)" if entry.get("undone") else ""
    before, after = entry.get("before"), entry.get("after")
    if field == "note":
        if entry.get("kind") == "undo":
            return [f"{head} 撤销 进展记录 {show_value('note', before)}{tail}"]
        return [f"{head} {prefix}添加进展记录 {show_value('note', after)}{tail}"]
    if field == "notes" and isinstance(before, list) and isinstance(after, list):  # a note edited or deleted
        old = next((n for n in before if n not in after), None)
        new = next((n for n in after if n not in before), None)
        if old is not None and new is not None:
            return [f"{head} {prefix}修改进展记录 {show_value('note', old)} → {show_value('note', new)}{tail}"]
        if old is not None:
            return [f"{head} {prefix}删除进展记录 {show_value('note', old)}{tail}"]
        if new is not None:
            return [f"{head} {prefix}恢复进展记录 {show_value('note', new)}{tail}"]
    if field == "task":  # a task added or deleted by hand
        doc = after if isinstance(after, dict) else before if isinstance(before, dict) else {}
        added = isinstance(after, dict)
        if entry.get("kind") == "undo":  # the undo of an addition removes the task, of a deletion adds it back
            added = not added
        verb = "新增任务" if added else "删除任务"
        return [f"{head} {prefix}{verb} {doc.get('id', '')} “{_short(str(doc.get('text', '')))}”{tail}"]
    if field == "records":  # the whole records an action changed: its other entries say what it was
        return []
    if field == "correct":  # a plan's reading corrected (govtui.store.corrections): what was done, in words
        said = strip_controls(" ".join(str(after).split()))
        return [f"{head} {prefix}修正: {said if len(said) <= 2 * SHORT else said[: 2 * SHORT - 1] + '…'}{tail}"]
    if field == "archived":
        plan = str(entry.get("task", "")).removeprefix("plan:")
        return [f"{head} {prefix}{'归档' if after else '取消归档'}计划 {plan}{tail}"]
    if field == "plan-delete" and isinstance(after, dict):
        plan = str(entry.get("task", "")).removeprefix("plan:")
        return [f"{head} {prefix}删除计划 {plan} “{_short(str(after.get('title', '')))}” (任务 "
                f"{after.get('tasks', 0)} 项, 进展记录 {after.get('notes', 0)} 条){tail}"]
    if field == "restore" and isinstance(after, dict):
        return [f"{head} {prefix}从备份 {after.get('backup', '')} ({local_stamp(str(after.get('taken', '')), now)}) "
                f"恢复, 改动 {after.get('records', 0)} 条记录{tail}"]
    if field == "import":
        if isinstance(before, dict) and isinstance(after, dict):  # one task's changes in a re-import
            return [f"{head} {prefix}重新导入 {FIELD_LABELS.get(k, k)} {show_value(k, before.get(k))} → "
                    f"{show_value(k, after.get(k))}{tail}" for k in after if before.get(k) != after.get(k)]
        if isinstance(after, dict):  # the import as a whole (store-wide history)
            return [f"{head} {prefix}导入计划 {after.get('plan', '')} ({after.get('source', '')}): 新增 "
                    f"{after.get('added', 0)}, 更新 {after.get('updated', 0)}, 删除 {after.get('removed', 0)}{tail}"]
    if field == "flags" and isinstance(before, list) and isinstance(after, list):  # doubts confirmed (or back)
        which = [f for f in before if f not in after] or [f for f in after if f not in before]  # undone: back
        labels = _short("; ".join(FLAG_LABELS.get(f, f) for f in which))
        return [f"{head} {prefix}核对确认 (去掉待核对标记): {labels}{tail}"]
    if field.startswith("undo-"):  # entries written before undo kept the field name
        field, prefix = field[5:], "撤销 "
    label = FIELD_LABELS.get(field, field)
    return [f"{head} {prefix}{label} {show_value(field, before)} → {show_value(field, after)}{tail}"]


def history_lines(entries: Sequence[dict[str, Any]], *, with_task: bool = False) -> list[str]:
    now = dt.datetime.now().astimezone()
    return [line for entry in entries for line in describe(entry, with_task=with_task, now=now)]
