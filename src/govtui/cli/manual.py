"""Changes by hand from the command line, as in the app: edit or delete one's own note (``note edit`` /
``note delete``), add a task under a section (``add``), delete a task (``delete``), archive a finished
plan or bring it back (``archive`` / ``unarchive``), delete a whole plan (``plan delete``), confirm what the
importer guessed (``confirm``).  Each is recorded and undone by ``govtui undo``.

Thin: the work is done by the store (:mod:`govtui.store.manual`).
"""

from __future__ import annotations

import sys

import click

from govtui.cli.support import EXIT_NO_MATCH, Context, complete_task_ids, fail, store_errors
from govtui.domain.model import Plan


@click.group("note")
def note() -> None:
    """进展记录 (note): 修改或删除自己的进展记录; 记入修改历史, `govtui undo` 可撤销。"""


@note.command("edit")
@click.argument("task_id", metavar="ID", shell_complete=complete_task_ids)
@click.argument("text")
@click.option("--index", "-n", type=click.IntRange(1), default=None, metavar="N",
              help="第几条记录: 1 是最早的, 顺序同 `govtui show`; 默认是你最近的一条 (which note)。")
@click.pass_obj
@store_errors
def note_edit(obj: Context, task_id: str, text: str, index: int | None) -> None:
    """修改进展记录 (edit): 替换你在任务 ID 上的记录文字; TEXT 为 `-` 时从标准输入读取。"""
    if text == "-":
        text = sys.stdin.read()
    old = obj.store.edit_note(task_id, text, index)
    click.echo(f"已修改 {task_id} 的进展记录 (edited): “{_short(old.get('text', ''))}” → “{_short(text.strip())}”")


@note.command("delete")
@click.argument("task_id", metavar="ID", shell_complete=complete_task_ids)
@click.option("--index", "-n", type=click.IntRange(1), default=None, metavar="N",
              help="第几条记录: 1 是最早的; 默认是你最近的一条 (which note)。")
@click.pass_obj
@store_errors
def note_delete(obj: Context, task_id: str, index: int | None) -> None:
    """删除进展记录 (delete): 删除你在任务 ID 上的记录。"""
    old = obj.store.delete_note(task_id, index)
    click.echo(f"已删除 {task_id} 的进展记录 (deleted): “{_short(old.get('text', ''))}”; govtui undo 可恢复")


@click.command("add")
@click.option("--plan", "-p", "plan_id", metavar="ID", required=True, help="任务所属的计划 (plan)。")
@click.option("--section", "-s", metavar="SECTION", default=None,
              help="放在哪个章节下: 章节标题或其中一段 (如 解读质量); 默认放在计划末尾 (section)。")
@click.option("--units", "units_text", metavar="UNITS", default="",
              help="责任单位, 如 办公室牵头，各科室配合 (units)。")
@click.option("--deadline", metavar="TEXT", default="", help="时限, 如 2024年9月底前、持续推进 (deadline)。")
@click.argument("text")
@click.pass_obj
@store_errors
def add(obj: Context, plan_id: str, section: str | None, units_text: str, deadline: str, text: str) -> None:
    """手工新增任务 (add): TEXT 是任务要求; 在计划中编号为 N1、N2 …"""
    from govtui.domain.units import parse_units

    store = obj.store
    plan = next((p for p in store.plans_only() if p.id == plan_id), None)
    if plan is None:
        fail(f"没有编号为 {plan_id} 的计划 (no such plan); 用 `govtui plans` 查看")
    units = parse_units(units_text) if units_text.strip() else []
    if units_text.strip() and not units:
        fail(f"无法识别责任单位 {units_text!r}, 例如 --units 办公室牵头，各科室配合 (units not understood)")
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
@click.option("--yes", "-y", is_flag=True, help="不再询问 (do not ask)。")
@click.pass_obj
@store_errors
def delete(obj: Context, task_id: str, yes: bool) -> None:
    """删除任务 (delete): 删除任务 ID; 修改历史中保留, `govtui undo` 可恢复。"""
    store = obj.store
    _, task = store.lookup(task_id)
    if not yes:
        if not sys.stdin.isatty():
            fail(f"删除任务 {task_id} 需要确认: 请在终端中运行, 或加 --yes")
        click.echo(f"{task.id}  {_short(task.text)}")
        if not click.confirm("删除这项任务? (delete this task)", default=False):
            fail("未删除 (nothing deleted)", EXIT_NO_MATCH)
    store.delete_task(task_id)
    click.echo(f"已删除任务 {task_id} (deleted); govtui undo 可恢复")


@click.command("archive")
@click.argument("plan_id", metavar="PLAN")
@click.pass_obj
@store_errors
def archive(obj: Context, plan_id: str) -> None:
    """归档已完成的计划 (archive): 查询和界面默认不再显示; 用 --plan PLAN 和 --search
    仍能找到 (界面中用 / 和 B)。"""
    changed = obj.store.set_archived(plan_id, True)
    click.echo(f"计划 {plan_id} 已归档 (archived)" if changed else f"计划 {plan_id} 已是归档状态 (already archived)")


@click.command("unarchive")
@click.argument("plan_id", metavar="PLAN")
@click.pass_obj
@store_errors
def unarchive(obj: Context, plan_id: str) -> None:
    """取消归档 (unarchive): 让已归档的计划回到默认视图。"""
    changed = obj.store.set_archived(plan_id, False)
    click.echo(f"计划 {plan_id} 已取消归档 (unarchived)" if changed else f"计划 {plan_id} 未归档 (not archived)")


@click.command("confirm")
@click.argument("task_ids", metavar="ID...", nargs=-1, required=True, shell_complete=complete_task_ids)
@click.pass_obj
@store_errors
def confirm(obj: Context, task_ids: tuple[str, ...]) -> None:
    """核对确认 (confirm): 已对照原文核对任务 ID..., 去掉导入时推定内容的待核对标记
    (合并单元格沿用的单位、推定的编号、截断的文字 …); 多项任务为一次修改, `govtui undo` 可撤销。
    `govtui --status 待核对` 列出待核对的任务。"""
    changed = obj.store.confirm(list(task_ids))
    if not changed:
        fail("这些任务没有待核对的标记 (nothing to confirm): " + ", ".join(task_ids), EXIT_NO_MATCH)
    click.echo(f"已核对 {len(changed)} 项任务 (confirmed): {', '.join(t.id for t in changed)}; govtui undo 可撤销")


@click.group("plan")
def plan() -> None:
    """计划 (plan): 修改制发单位、年度、标题 (set), 删除整个计划 (delete)。"""


@plan.command("delete")
@click.argument("plan_id", metavar="PLAN")
@click.option("--yes", "-y", is_flag=True, help="不再询问 (do not ask)。")
@click.pass_obj
@store_errors
def plan_delete(obj: Context, plan_id: str, yes: bool) -> None:
    """删除计划 (delete): 删除计划 PLAN 及其全部任务 (先列出将失去的状态、进展记录和公开凭证并询问);
    记入修改历史, `govtui undo` 可整体恢复。"""
    from govtui.store.manual import what_would_be_lost

    store = obj.store
    plans = {p.id: p for p in store.plans_only()}
    if plan_id not in plans:
        fail(f"没有编号为 {plan_id} 的计划 (no such plan); 用 `govtui plans` 查看")
    tasks = [t for t in store.tasks() if t.plan_id == plan_id]
    if not yes:
        if not sys.stdin.isatty():
            fail(f"删除计划 {plan_id} 需要确认: 请在终端中运行, 或加 --yes")
        click.echo(f"计划 {plan_id}  {plans[plan_id].title}")
        click.echo("将失去 (would be lost):\n  " + "\n  ".join(what_would_be_lost(tasks)))
        if not click.confirm("删除这个计划及其全部任务? (delete this plan)", default=False):
            fail("未删除 (nothing deleted)", EXIT_NO_MATCH)
    store.delete_plan(plan_id)
    click.echo(f"已删除计划 {plan_id} 及其 {len(tasks)} 项任务 (deleted); govtui undo 可恢复")


def _short(text: str, width: int = 40) -> str:
    from govtui.domain.text import one_line, strip_controls, truncate

    return truncate(one_line(strip_controls(text)), width)


COMMANDS = [note, add, delete, archive, unarchive, confirm, plan]
