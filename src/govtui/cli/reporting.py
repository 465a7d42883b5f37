"""The subcommands that report: report (progress by unit and plan, the year's chart), due (what falls due soon)
and export (xlsx, csv, md, json).

:mod:`govtui.cli` adds them to its group: this module knows nothing of it.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from govtui.cli.lookup import emit_json, terminal_width
from govtui.cli.support import (
    EXIT_NO_MATCH,
    Context,
    complete_units,
    fail,
    resolve_unit_option,
    store_errors,
)
from govtui.domain.model import Task, TaskRow
from govtui.domain.query import TaskFilter
from govtui.domain.task_index import TaskIndex
from govtui.domain.text import cell_len, pad, truncate
from govtui.reports.output import task_json, task_table
from govtui.reports.reports import ProgressRow, bar, report_columns, report_values
from govtui.store.store import today

if TYPE_CHECKING:
    from govtui.reports.progress import MonthlyProgress


@click.command()
@click.option("--plan", "-p", "plan_id", metavar="ID", help="只看这个计划; 另加按章节的表格和全年进度 "
              "(only this plan)。")
@click.option("--chart/--no-chart", default=None, help="与 --plan 同用: 画出全年进度图; 默认在终端中输出时画 "
              "(draw the progress chart)。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON (print JSON)。")
@click.pass_obj
@store_errors
def report(obj: Context, plan_id: str | None, chart: bool | None, as_json: bool) -> None:
    """进度报告 (report): 按单位 (牵头 / 配合) 统计已完成、进行中、受阻、逾期和完成率, 以及按章节统计。

    另列出已完成但没有公开凭证的任务; 加 --plan 时按月列出全年完成进度。
    """
    from govtui.reports.reports import build_report

    snap = obj.store.snapshot()
    if plan_id is not None and plan_id not in snap.plans:
        fail(f"没有计划 {plan_id} (no such plan); 用 `govtui plans` 查看")
    day = today()
    tasks = TaskIndex(snap.tasks).select(TaskFilter(plan=plan_id), day)
    built = build_report(tasks, snap.plans, snap.history, day, plan_id=plan_id, with_progress=plan_id is not None)
    by_unit, by_section, without_proof, progress = built.units, built.sections, built.without_proof, built.progress
    if as_json:
        emit_json(built.to_dict())
        return
    if not tasks:
        fail("没有可报告的任务 (no tasks to report on)", EXIT_NO_MATCH)
    click.echo(_progress_table("单位", by_unit))
    if plan_id:
        click.echo("")
        click.echo(_progress_table("章节", by_section[plan_id]))
    click.echo("")
    if without_proof:
        click.echo(f"已完成但无公开凭证 (done without proof) {len(without_proof)} 项: "
                   + "、".join(t.id for t in without_proof))
    else:
        click.echo("已完成的任务都有公开凭证 (every done task has proof)")
    if progress is not None:
        click.echo("")
        click.echo(_monthly_table(progress))
        if chart or (chart is None and sys.stdout.isatty()):
            from govtui.reports.progress import chart as draw

            click.echo(draw(progress, width=min(terminal_width(), 100), color=sys.stdout.isatty()))


def _monthly_table(progress: MonthlyProgress) -> str:
    lines = [f"{progress.year}年 全年进度", "月份  当月到期  当月完成  累计到期  累计完成"]  # 44 cells: fits 60
    for row in progress.rows():
        done_total = "" if row["done_total"] is None else f"{row['done_total']:>8}"
        lines.append(f"{row['month']:>2}月  {row['fell_due']:>8}  {row['done']:>8}  {row['fell_due_total']:>8}"
                     f"  {done_total}".rstrip())
    if progress.done_undated:
        lines.append(f"另有 {progress.done_undated} 项已完成但历史中没有完成时间")
    if progress.done_after:
        lines.append(f"另有 {progress.done_after} 项在 {progress.year} 年之后完成 (不计入当年)")
    return "\n".join(lines)


def _progress_table(first: str, rows: list[ProgressRow], width: int | None = None) -> str:
    """The table in ``width`` cells (the terminal's): where it does not fit, the bars go first, then the
    gaps narrow, then the names are cut (never a row wrapped by the terminal)."""
    width = terminal_width() if width is None else width
    longest = min(28, max(cell_len(first), *(cell_len(r.name) for r in rows)))
    layouts = [(longest, 2, True), (longest, 2, False), (longest, 1, False)]
    lines: list[str] = []
    for name_w, gap, with_bar in layouts:
        lines = _progress_lines(first, rows, name_w, gap, with_bar)
        if max(map(cell_len, lines)) <= width:
            return "\n".join(lines)
    room = width - (max(map(cell_len, lines)) - longest)  # what the names may take
    return "\n".join(_progress_lines(first, rows, max(8, room), 1, False))


def _progress_lines(first: str, rows: list[ProgressRow], name_w: int, gap: int, with_bar: bool) -> list[str]:
    columns = report_columns(rows)
    cells = [max(4, cell_len(label)) for label, _ in columns]
    space = " " * gap
    lines = [f"{pad(first, name_w)}{space}" + space.join(" " * (w - cell_len(label)) + label
                                                      for w, (label, _) in zip(cells, columns, strict=True))
             + f"{space}完成率"]
    for r in rows:
        values = report_values(r, columns)
        name = r.name if cell_len(r.name) <= name_w else truncate(r.name, name_w)
        lines.append(f"{pad(name, name_w)}{space}"
                     + space.join(f"{v:>{w}}" for w, (_, v) in zip(cells, values, strict=True))
                     + f"{space}{r.percent:>5}%" + (f" {bar(r.percent, 10)}" if with_bar else ""))
    return [line.rstrip() for line in lines]


@click.command()
@click.option("--within", type=click.IntRange(0, 3650), default=None, metavar="DAYS",
              help="这么多个自然日内到期; 逾期任务总会列出 (calendar days)。")
@click.option("--days", "workdays", type=click.IntRange(0, 2500), default=None, metavar="N",
              help="N 个工作日内到期 (working days), 计入法定节假日和调休; "
                   "默认取设置中的 due_soon_days (7)。")
@click.option("--unit", "-u", metavar="NAME", shell_complete=complete_units,
              help="只看写有这个单位的任务 (only this unit)。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON (print JSON)。")
@click.pass_obj
@store_errors
def due(obj: Context, within: int | None, workdays: int | None, unit: str | None, as_json: bool) -> None:
    """即将到期和逾期的任务 (due): 最先到期的在前, 适合 cron 和邮件提醒。

    有到期任务 (已输出) 时退出码为 0, 没有时为 1。
    """
    if within is not None and workdays is not None:
        raise click.UsageError("--within (自然日) 和 --days (工作日) 只能给一个 (not both)")
    store = obj.store
    archived = store.archived_plan_ids()  # finished plans: not chased
    task_filter = TaskFilter(units=resolve_unit_option(store, unit) if unit else (), due_within=within,
                             hide_plans=archived)
    day = today()
    calendar = None
    if within is None:  # due soon counts working days: the filter gets the calendar days they span
        from govtui.domain.config import due_soon_days
        from govtui.domain.workdays import WorkCalendar
        from govtui.reports.remind import soon_window

        workdays = due_soon_days() if workdays is None else workdays
        calendar = WorkCalendar()
        task_filter = TaskFilter(units=task_filter.units, due_within=soon_window(day, workdays, calendar),
                                 hide_plans=archived)

    def soonest(task: Task | TaskRow) -> tuple[dt.date, str]:
        return (task.deadline.due or day, task.id)

    if as_json:
        plans, tasks = store.find(task_filter, day)
        emit_json([task_json(t, plans, day) for t in sorted(tasks, key=soonest)])
        found = len(tasks)
    else:
        rows = sorted(store.find_rows(task_filter, day), key=soonest)
        if rows:
            click.echo("\n".join(task_table(rows, day, terminal_width())))
        found = len(rows)
    if calendar is not None and calendar.fallback_note():
        click.echo(f"govtui: {calendar.fallback_note()}", err=True)
    if not found:
        if not as_json:
            span = f"{workdays} 个工作日" if workdays is not None else f"{within} 天"
            click.echo(f"govtui: {span}内没有到期任务 (nothing due)", err=True)
        sys.exit(EXIT_NO_MATCH)


def export_format(output: str, fmt: str | None) -> str:
    """The format an export is written in: from the file name, or ``-f`` when the name says none."""
    from govtui.reports.exporters import format_of

    named = format_of(Path(output)) if output != "-" else None
    if fmt and named and fmt != named:
        fail(f"文件名 {output} 是 {named} 格式, 与 -f {fmt} 不一致; 去掉 -f 或改文件名 (format mismatch)")
    if not (fmt or named):
        fail(f"无法从文件名 {output} 看出格式: 用 .xlsx/.csv/.md/.json 结尾, 或加 -f (format unknown)")
    return fmt or named or ""


@click.command()
@click.option("--format", "-f", "fmt", type=click.Choice(["xlsx", "csv", "md", "json"]),
              help="文件名看不出格式时才需要 (format): xlsx 每个计划一张表, 排列同任务表, 另有汇总; "
                   "csv 为带 BOM 的 UTF-8, 便于 Excel 打开; md 按章节分组; json 同 --json。")
@click.option("--plan", "-p", "plan_id", metavar="ID", help="只看这个计划 (only this plan)。")
@click.option("--unit", "-u", metavar="NAME", shell_complete=complete_units,
              help="只看写有这个单位的任务 (only this unit)。")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), required=True,
              metavar="FILE", help="写到哪个文件; 格式由扩展名决定 ('-' 输出到屏幕, 需加 -f) (output file)。")
@click.pass_obj
@store_errors
def export(obj: Context, fmt: str | None, plan_id: str | None, unit: str | None, output: str) -> None:
    """导出计划和进展 (export): 导出为 Excel、CSV、Markdown 或 JSON。

    \b
    例:
      govtui export -o 进度.xlsx
      govtui export -o 办公室.csv --unit 办公室
      govtui export -f md -o -        (输出 Markdown 到屏幕)
    """
    from govtui.reports import exporters

    fmt = export_format(output, fmt)
    store = obj.store
    names = resolve_unit_option(store, unit) if unit else ()
    day = today()
    snap = store.snapshot()
    if plan_id is not None and plan_id not in snap.plans:
        fail(f"没有计划 {plan_id} (no such plan); 用 `govtui plans` 查看")
    tasks = TaskIndex(snap.tasks).select(TaskFilter(units=names, plan=plan_id), day)
    plans = [p for p in snap.ordered_plans() if plan_id is None or p.id == plan_id]
    if output == "-":
        if fmt == "xlsx":
            fail("xlsx 不能输出到屏幕: 用 -o 给出文件名 (xlsx cannot go to stdout)")
        sys.stdout.buffer.write(exporters.text_payload(fmt, plans, tasks, day))
        return
    exporters.write(Path(output), fmt, plans, tasks, day, snap.history)
    click.echo(f"已导出 {len(plans)} 个计划的 {len(tasks)} 项任务到 {output} (exported)", err=True)


#: The commands :mod:`govtui.cli` adds to its group.
COMMANDS: list[click.Command] = [report, due, export]
