"""Changes by hand from the command line, as in the app: edit or delete one's own note (``note edit`` /
``note delete``), add a task under a section (``add``), delete a task (``delete``), archive a finished
plan or bring it back (``archive`` / ``unarchive``).  Each is recorded and undone by ``govtui undo``.

Thin: the work is done by the store (:mod:`govtui.manual`).
"""

from __future__ import annotations

import sys

import click

from govtui.cli_support import Context, complete_task_ids, fail, store_errors
from govtui.model import Plan


@click.group("note")
def note() -> None:
    """修改或删除自己的进展记录 — Edit or delete one's own progress note (recorded; `govtui undo` takes it back)."""


@note.command("edit")
@click.argument("task_id", metavar="ID", shell_complete=complete_task_ids)
@click.argument("text")
@click.option("--index", "-n", type=click.IntRange(1), default=None, metavar="N",
              help="Which note (1 = the oldest, as `govtui show` lists them); default: your latest.")
@click.pass_obj
@store_errors
def note_edit(obj: Context, task_id: str, text: str, index: int | None) -> None:
    """修改进展记录 — Replace the text of your note on task ID (`-` reads the text from stdin)."""
    if text == "-":
        text = sys.stdin.read()
    old = obj.store.edit_note(task_id, text, index)
    click.echo(f"已修改 {task_id} 的进展记录 (edited): “{_short(old.get('text', ''))}” → “{_short(text.strip())}”")


@note.command("delete")
@click.argument("task_id", metavar="ID", shell_complete=complete_task_ids)
@click.option("--index", "-n", type=click.IntRange(1), default=None, metavar="N",
              help="Which note (1 = the oldest); default: your latest.")
@click.pass_obj
@store_errors
def note_delete(obj: Context, task_id: str, index: int | None) -> None:
    """删除进展记录 — Delete your note on task ID."""
    old = obj.store.delete_note(task_id, index)
    click.echo(f"已删除 {task_id} 的进展记录 (deleted): “{_short(old.get('text', ''))}”; govtui undo 可恢复")


@click.command("add")
@click.option("--plan", "-p", "plan_id", metavar="ID", required=True, help="The plan the task belongs to.")
@click.option("--section", "-s", metavar="SECTION", default=None,
              help="The section it goes under: its heading or part of it (e.g. 解读质量); default: the plan's end.")
@click.option("--units", "units_text", metavar="UNITS", default="", help="e.g. 办公室牵头，各科室配合.")
@click.option("--deadline", metavar="TEXT", default="", help="e.g. 2024年9月底前, 持续推进.")
@click.argument("text")
@click.pass_obj
@store_errors
def add(obj: Context, plan_id: str, section: str | None, units_text: str, deadline: str, text: str) -> None:
    """手工新增任务 — Add a task by hand (numbered N1, N2 … in its plan): TEXT is its requirement."""
    from govtui.units import parse_units

    store = obj.store
    plan = next((p for p in store.plans_only() if p.id == plan_id), None)
    if plan is None:
        fail(f"没有编号为 {plan_id} 的计划 (no such plan; see `govtui plans`)")
    units = parse_units(units_text) if units_text.strip() else []
    if units_text.strip() and not units:
        fail(f"无法识别责任单位 {units_text!r} (e.g. --units 办公室牵头，各科室配合)")
    task = store.add_task(plan.id, _section(plan, section) if section else None, text, units, deadline)
    click.echo(f"已新增任务 {task.id} (added); govtui undo 可撤销")


def _section(plan: Plan, wanted: str) -> str:
    """The section id ``wanted`` names (an id, a heading, or part of one); a clear error otherwise."""
    if plan.section(wanted) is not None:
        return wanted
    exact = [s for s in plan.sections if wanted in (s.heading, s.title)]
    found = exact or [s for s in plan.sections if wanted in s.heading]
    if len(found) == 1:
        return found[0].id
    if not found:
        fail(f"计划 {plan.id} 没有章节 {wanted!r}; 章节有: " + "、".join(s.heading for s in plan.sections[:12]))
    fail(f"{wanted!r} 对应多个章节, 请写得更具体: " + "、".join(s.heading for s in found[:8]))


@click.command("delete")
@click.argument("task_id", metavar="ID", shell_complete=complete_task_ids)
@click.option("--yes", "-y", is_flag=True, help="Do not ask.")
@click.pass_obj
@store_errors
def delete(obj: Context, task_id: str, yes: bool) -> None:
    """删除任务 — Delete task ID (kept in the history: `govtui undo` brings it back)."""
    store = obj.store
    _, task = store.lookup(task_id)
    if not yes:
        if not sys.stdin.isatty():
            fail(f"删除任务 {task_id} 需要确认: 请在终端中运行, 或加 --yes")
        click.echo(f"{task.id}  {_short(task.text)}")
        if not click.confirm("删除这项任务? (delete this task)", default=False):
            fail("未删除 (nothing deleted)", 1)
    store.delete_task(task_id)
    click.echo(f"已删除任务 {task_id} (deleted); govtui undo 可恢复")


@click.command("archive")
@click.argument("plan_id", metavar="PLAN")
@click.pass_obj
@store_errors
def archive(obj: Context, plan_id: str) -> None:
    """归档已完成的计划 — Archive a finished plan: hidden from lookups and the app's default view, still found by
    --plan PLAN and --search (and in the app by / and B)."""
    changed = obj.store.set_archived(plan_id, True)
    click.echo(f"计划 {plan_id} 已归档 (archived)" if changed else f"计划 {plan_id} 已是归档状态 (already archived)")


@click.command("unarchive")
@click.argument("plan_id", metavar="PLAN")
@click.pass_obj
@store_errors
def unarchive(obj: Context, plan_id: str) -> None:
    """取消归档 — Bring an archived plan back into the default views."""
    changed = obj.store.set_archived(plan_id, False)
    click.echo(f"计划 {plan_id} 已取消归档 (unarchived)" if changed else f"计划 {plan_id} 未归档 (not archived)")


def _short(text: str, width: int = 40) -> str:
    from govtui.text import one_line, strip_controls, truncate

    return truncate(one_line(strip_controls(text)), width)


COMMANDS = [note, add, delete, archive, unarchive]
