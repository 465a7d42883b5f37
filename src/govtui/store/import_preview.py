"""What an import will do, in words: the plan's tree and counts, the layout it was read as and why,
every warning, and — for a document imported before — the tasks added, changed and removed.

Used by ``govtui import --dry-run`` and by the app's import dialog, so both show the same thing.
"""

from __future__ import annotations

from collections import Counter

from govtui.domain.model import FLAG_LABELS, ImportedPlan, Section, Task, doubts
from govtui.store.reimport import ImportDiff


def flag_label(flag: str) -> str:
    return FLAG_LABELS.get(flag, flag)


def _marks(task: Task) -> list[str]:
    """What the preview points out on a task: the importer's guesses (doubts), and no units."""
    return doubts(task.flags) + (["no-units"] if "no-units" in task.flags and "incomplete" not in task.flags else [])


def counts(imported: ImportedPlan) -> tuple[int, int, int]:
    levels = Counter(s.level for s in imported.plan.sections)
    return levels.get(1, 0), levels.get(2, 0), len(imported.tasks)


def summary_line(imported: ImportedPlan) -> str:
    plan = imported.plan
    sections, subsections, tasks = counts(imported)
    return (f"{plan.title} — {plan.organization or '(未写明单位)'} {plan.year or '(未写明年度)'}: "
            f"{sections} 个部分, {subsections} 个小节, {tasks} 项任务")


def _tree(sections: list[Section], tasks: list[Task]) -> list[str]:
    per_section = Counter(t.sections[-1] for t in tasks if t.sections)
    lines = []
    loose = sum(1 for t in tasks if not t.sections)
    if loose:
        lines.append(f"  (未分部分) {loose} 项任务")
    for section in sections:
        indent = "  " * section.level
        lines.append(f"{indent}{section.heading}  [{per_section.get(section.id, 0)} 项]")
    return lines


def _ids(ids: list[str], limit: int = 12) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" 等 {len(ids)} 项" if len(ids) > limit else "")


def describe(imported: ImportedPlan, diff: ImportDiff | None = None) -> list[str]:
    """The preview of one plan, line by line."""
    lines = [summary_line(imported), f"  识别为: {imported.layout} ({imported.why})"]
    lines.extend(_tree(imported.plan.sections, imported.tasks))
    flagged = [(t, marks) for t in imported.tasks if (marks := _marks(t))]
    checking = sum(1 for t in imported.tasks if doubts(t.flags))
    if checking:
        lines.append(f"  待核对 (needs checking): {checking} 项任务含导入时的推定, "
                     "核对后确认 (govtui confirm, 界面中按 C)")
    for task, marks in flagged:
        lines.append(f"  ! 任务 {task.number}: {'; '.join(flag_label(f) for f in marks)} — {task.text[:24]}")
    lines.extend(f"  注意: {w}" for w in imported.warnings)
    if diff is not None:
        lines.extend(describe_diff(diff))
    return lines


#: What a plan's own fields are called.
PLAN_LABELS = {"organization": "制发单位", "year": "年度", "title": "标题"}
#: At most this many field-level lines per list (the rest counted).
SHOWN_LINES = 40


def change_line(diff: ImportDiff, field: str, before: object, after: object) -> str:
    """``责任单位 市民生办 → 办公室``: one field of a task as a person reads it."""
    from govtui.domain.history import FIELD_LABELS, show_value

    if field == "sections":
        def heads(value: object) -> str:
            ids = value if isinstance(value, list) else []
            return " / ".join(diff.sections.get(str(i), str(i)) for i in ids) or "(无)"
        return f"{FIELD_LABELS[field]} {show_value('text', heads(before))} → {show_value('text', heads(after))}"
    return f"{FIELD_LABELS.get(field, field)} {show_value(field, before)} → {show_value(field, after)}"


def _limited(lines: list[str]) -> list[str]:
    if len(lines) <= SHOWN_LINES:
        return lines
    return [*lines[:SHOWN_LINES], f"      … 另有 {len(lines) - SHOWN_LINES} 行"]


def describe_diff(diff: ImportDiff) -> list[str]:
    """A re-import in words: the counts, then every changed field (``1-2 责任单位 市民生办 → 办公室``), the tasks
    added and removed, the tasks whose status, notes or proof are kept, and the hand edits kept."""
    from govtui.domain.history import FIELD_LABELS, show_value

    if diff.is_new:
        return ["  将新建计划"]
    flagged = f", 保留并标记 {len(diff.removed_with_work)}" if diff.removed_with_work else ""
    lines = [f"  将更新计划 {diff.plan_id}: 新增 {len(diff.added)}, 修改 {len(diff.fields)}, "
             f"移除 {len(diff.removed)}{flagged}"]
    for field, before, after in diff.plan_changes:
        lines.append(f"    计划 {PLAN_LABELS.get(field, field)} {before or '(空)'} → {after or '(空)'}")
    if diff.added:
        lines.append(f"    新增: {_ids(diff.added)}")
    if diff.fields:
        lines.append("    修改:")
        lines.extend(_limited([f"      {task_id} {change_line(diff, *change)}"
                               for task_id, changes in diff.fields.items() for change in changes]))
    if diff.removed:
        lines.append(f"    移除(无进展记录): {_ids(diff.removed)}")
    if diff.removed_with_work:
        lines.append(f"    文档中已没有、但有状态或进展记录(将保留并标记): {_ids(diff.removed_with_work)}")
    if diff.with_work:
        carried = [f"{i} ({'、'.join(w)})" for i, w in diff.with_work]
        lines.append("    保留状态、进展记录和公开凭证: " + _ids(carried, 8))
    if diff.kept_edits:
        lines.append("    保留手工修改 (文档中的值不采用):")
        lines.extend(_limited([f"      {task_id} {FIELD_LABELS.get(field, field)} {show_value(field, kept)} "
                               f"(文档: {show_value(field, document)})"
                               for task_id, field, kept, document in diff.kept_edits]))
    if not (diff.added or diff.fields or diff.removed or diff.removed_with_work or diff.plan_changes):
        lines.append("    与库中的版本相同, 没有要修改的任务 (nothing to change)")
    return lines


def removes_anything(diffs: list[ImportDiff]) -> bool:
    """Whether an import removes a task (a task kept and flagged is not removed: nothing to ask)."""
    return any(d.removed for d in diffs)
