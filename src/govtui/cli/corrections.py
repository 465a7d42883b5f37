"""Corrections of a plan's reading from the command line, as in the app's review screen and main screen:
``task merge``, ``task split``, ``task promote``, ``task demote``, ``task move``, ``task drop``, ``task units``
and ``plan set``.  Each is one undo step (``govtui undo``), recorded in the history in Chinese.

Thin: the work is done by :mod:`govtui.store.corrections` through :meth:`govtui.store.Store.correct`.
"""

from __future__ import annotations

import click

from govtui.cli.lookup import emit_json
from govtui.cli.support import Context, checked_units, complete_task_ids, complete_units, fail, store_errors
from govtui.domain.model import Plan, Section, Task, format_units
from govtui.store import corrections
from govtui.store.store import Store

JSON_HELP = "输出 JSON (print JSON)。"


def _task(task: Task) -> dict[str, object]:
    return {"id": task.id, "number": task.number, "text": task.text, "sections": list(task.sections),
            "units": [u.to_dict() for u in task.units], "deadline": task.deadline.to_dict()}


def _section(section: Section) -> dict[str, object]:
    return {"id": section.id, "level": section.level, "label": section.label, "title": section.title,
            "heading": section.heading}


def _say(as_json: bool, data: dict[str, object], line: str) -> None:
    if as_json:
        emit_json(data)
    else:
        click.echo(f"{line}; govtui undo 可撤销")


def section_id(store: Store, plan_id: str, wanted: str) -> str:
    """The heading ``wanted`` names in plan ``plan_id``: its id (s3), its heading or a part of it."""
    plan = next((p for p in store.plans_only() if p.id == plan_id), None)
    if plan is None:
        fail(f"没有编号为 {plan_id} 的计划 (no such plan); 用 `govtui plans` 查看")
    return find_section(plan, wanted)


def find_section(plan: Plan, wanted: str) -> str:
    if plan.section(wanted) is not None:
        return wanted
    exact = [s for s in plan.sections if wanted in (s.heading, s.title, s.label)]
    found = exact or [s for s in plan.sections if wanted in s.heading]
    if len(found) == 1:
        return found[0].id
    if not found:
        listed = "、".join(f"{s.id} {s.heading}" for s in plan.sections[:12])
        fail(f"计划 {plan.id} 没有标题 {wanted!r}; 标题有: {listed}")
    listed = "、".join(f"{s.id} {s.heading}" for s in found[:8])
    fail(f"{wanted!r} 对应多个标题, 请写得更具体或用编号 (如 s3): {listed}")


@click.group("task")
def task() -> None:
    """修正任务的识别结果 (correct how a plan was read): 合并、拆分、改为标题、移动、去掉、设责任单位。
    每次修正是一步, `govtui undo` 可撤销, 记入修改历史。"""


@task.command("merge")
@click.argument("task_id", metavar="ID", shell_complete=complete_task_ids)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_obj
@store_errors
def merge(obj: Context, task_id: str, as_json: bool) -> None:
    """合并 (merge): 任务 ID 是上一项任务被截断的后半部分, 并入上一项任务。"""
    into = obj.store.correct(corrections.merge, task_id)
    _say(as_json, {"merged": task_id, "into": _task(into)}, f"已把任务 {task_id} 并入 {into.id} (merged)")


@task.command("split")
@click.argument("task_id", metavar="ID", shell_complete=complete_task_ids)
@click.option("--at", "at", type=click.IntRange(2), required=True, metavar="N",
              help="从第 N 句起拆为新任务 (N ≥ 2; the sentence the new task starts with)。")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_obj
@store_errors
def split(obj: Context, task_id: str, at: int, as_json: bool) -> None:
    """拆分 (split): 任务 ID 其实是两项任务, 从第 N 句起拆为紧随其后的新任务 (单位和时限相同)。"""
    new = obj.store.correct(corrections.split, task_id, at)
    _say(as_json, {"split": task_id, "new": _task(new)}, f"已拆分任务 {task_id}: 新任务 {new.id} (split)")


@task.command("promote")
@click.argument("task_id", metavar="ID", shell_complete=complete_task_ids)
@click.option("--level", type=click.IntRange(1, 2), default=None, metavar="1|2",
              help="1 部分标题 (一、), 2 小节标题 ((一)); 默认按文字开头的编号判断, 没有编号为 2。")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_obj
@store_errors
def promote(obj: Context, task_id: str, level: int | None, as_json: bool) -> None:
    """改为标题 (promote): 任务 ID 其实是标题; 其后的任务 (到下一个同级标题为止) 归到它下面。"""
    section = obj.store.correct(corrections.promote, task_id, level)
    kind = "部分标题" if section.level == 1 else "小节标题"
    _say(as_json, {"promoted": task_id, "section": _section(section)},
         f"任务 {task_id} 已改为{kind} {section.id} “{section.heading}” (promoted)")


@task.command("demote")
@click.argument("plan_id", metavar="PLAN")
@click.argument("heading", metavar="HEADING")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_obj
@store_errors
def demote(obj: Context, plan_id: str, heading: str, as_json: bool) -> None:
    """改回任务 (demote): 计划 PLAN 的标题 HEADING (编号如 s3, 或标题文字) 其实是一项任务。"""
    store = obj.store
    new = store.correct(corrections.demote, plan_id, section_id(store, plan_id, heading))
    _say(as_json, {"demoted": heading, "task": _task(new)}, f"标题已改为任务 {new.id} (demoted)")


@task.command("move")
@click.argument("task_id", metavar="ID", shell_complete=complete_task_ids)
@click.option("--to", "heading", required=True, metavar="HEADING",
              help="移到哪个标题之下: 编号如 s3, 或标题文字 (the heading)。")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_obj
@store_errors
def move(obj: Context, task_id: str, heading: str, as_json: bool) -> None:
    """移动 (move): 任务 ID 属于另一个标题, 移到该标题下的任务之后。"""
    store = obj.store
    _, found = store.lookup(task_id)
    moved = store.correct(corrections.move, task_id, section_id(store, found.plan_id, heading))
    _say(as_json, {"moved": _task(moved)}, f"任务 {task_id} 已移动 (moved)")


@task.command("drop")
@click.argument("task_id", metavar="ID", shell_complete=complete_task_ids)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_obj
@store_errors
def drop(obj: Context, task_id: str, as_json: bool) -> None:
    """去掉 (drop): 任务 ID 不是任务 (表头、表下的注释被读成了任务)。有状态或进展记录的任务请用 delete。"""
    dropped = obj.store.correct(corrections.drop, task_id)
    _say(as_json, {"dropped": _task(dropped)}, f"已去掉非任务行 {task_id} (dropped)")


@task.command("units")
@click.argument("task_ids", metavar="ID...", nargs=-1, required=True, shell_complete=complete_task_ids)
@click.option("--units", "units_text", required=True, metavar="TEXT", shell_complete=complete_units,
              help="责任单位和角色, 如 \"办公室(牵头)、法规科\" (units with roles)。")
@click.option("--yes", "-y", is_flag=True, help="新单位不再询问 (do not ask about new units)。")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_obj
@store_errors
def units(obj: Context, task_ids: tuple[str, ...], units_text: str, yes: bool, as_json: bool) -> None:
    """设责任单位 (units): 给多项任务设同样的责任单位和角色, 一步完成。"""
    store = obj.store
    chosen = checked_units(units_text, store.unit_names(), yes)
    changed = store.correct(corrections.set_units, list(task_ids), chosen)
    _say(as_json, {"tasks": [_task(t) for t in changed]},
         f"已设 {len(changed)} 项任务的责任单位: {format_units(chosen)} (units)")


@click.command("set")
@click.argument("plan_id", metavar="PLAN")
@click.option("--org", metavar="NAME", help="制发单位 (organisation)。")
@click.option("--year", type=click.IntRange(1990, 2100), metavar="YYYY", help="计划年度; 时限按新年度重新计算 (year)。")
@click.option("--title", metavar="TEXT", help="计划标题 (title)。")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_obj
@store_errors
def plan_set(obj: Context, plan_id: str, org: str | None, year: int | None, title: str | None, as_json: bool) -> None:
    """修改计划 (set): 制发单位、年度、标题; 重新导入同一文档时保留。"""
    plan = obj.store.correct(corrections.set_plan, plan_id, org, year, title)
    _say(as_json, {"plan": {"id": plan.id, "organization": plan.organization, "year": plan.year, "title": plan.title}},
         f"计划 {plan.id}: {plan.organization} {plan.year} {plan.title} (set)")


COMMANDS = [task]
