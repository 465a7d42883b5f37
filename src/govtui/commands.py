"""The subcommands beyond the everyday ones: safety (check, restore, history, undo, apply),
reports (report, due, export) and unit clean-up (units rename / merge).

Kept apart from :mod:`govtui.cli` (lookups and everyday commands), which adds them to its group:
this module knows nothing of :mod:`govtui.cli`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import orjson

from govtui.cli_support import (
    EXIT_ERROR,
    EXIT_NO_MATCH,
    Context,
    complete_task_ids,
    complete_units,
    fail,
    os_error_message,
    resolve_unit_option,
    store_errors,
)
from govtui.lookup import emit_json, terminal_width
from govtui.model import Status, Task, TaskRow
from govtui.output import task_json, task_table
from govtui.paths import db_path
from govtui.query import TaskFilter, TaskIndex
from govtui.reports import ProgressRow, bar, report_columns, report_values
from govtui.store import today
from govtui.text import cell_len, pad

if TYPE_CHECKING:
    from govtui.progress import MonthlyProgress


@click.command()
@click.pass_obj
def check(obj: Context) -> None:
    """检查库文件 — Validate the store: JSON, schema version, plans and sections of every task, unique ids."""
    from govtui.checks import check_file, list_backups

    path, _ = db_path(obj.db_option)
    problems = check_file(path)
    backups = list_backups(path)
    if problems:
        click.echo(f"{path}: {len(problems)} problem(s)", err=True)
        for problem in problems:
            click.echo(f"  - {problem}", err=True)
        if backups:
            click.echo(f"backups: {', '.join(p.name for p in backups)} (see `govtui restore`)", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"{path}: ok ({len(backups)} backup(s))")


@click.command()
@click.option("--backup", "which", type=click.IntRange(1, 9), default=1, show_default=True,
              help="Which backup: 1 is the newest.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
@store_errors
def restore(obj: Context, which: int, yes: bool) -> None:
    """从备份恢复 — Bring back a backup of the store (the current file is kept as .before-restore)."""
    from govtui.checks import check_file, list_backups, restore_backup

    path, _ = db_path(obj.db_option)
    backups = list_backups(path)
    if not backups:
        fail(f"{path}: no backups yet (they are taken as the store changes)")
    if which > len(backups):
        fail(f"only {len(backups)} backup(s) exist")
    backup = backups[which - 1]
    problems = check_file(backup)
    if problems:
        fail(f"{backup.name} is not a sound store: {problems[0]}")
    if not yes:
        if not sys.stdin.isatty():
            fail("restore needs confirmation: run it in a terminal, or add --yes")
        click.confirm(f"Replace {path} with {backup.name}?", abort=True)
    kept = restore_backup(path, backup)
    click.echo(f"restored {backup.name}; the replaced version is in {kept.name}")


@click.command()
@click.argument("task_id", metavar="[ID]", required=False, shell_complete=complete_task_ids)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the stored entries, ISO times).")
@click.pass_obj
@store_errors
def history(obj: Context, task_id: str | None, as_json: bool) -> None:
    """修改历史 — Who changed what, when (local time): one task's history, or the whole store's.

    \b
    One line per change, e.g.  1-9  王敏 11-23 14:05 状态 进行中 → 已完成
    """
    from govtui.history import history_lines, is_noop

    entries = [e for e in obj.store.history(task_id) if not is_noop(e)]
    if task_id is not None and not entries:
        obj.store.lookup(task_id)  # an unknown id is an error (exit 2), not an empty history
    if as_json:
        emit_json(entries)
        return
    lines = history_lines(entries, with_task=task_id is None)
    if not lines:
        fail("没有修改记录 (no changes recorded)" + (f": 任务 {task_id}" if task_id else ""), EXIT_NO_MATCH)
    click.echo("\n".join(lines))


@click.command()
@click.pass_obj
@store_errors
def undo(obj: Context) -> None:
    """撤销 — Undo your latest change; run again to go further back (refused, with who and when, where
    someone else changed that task after you)."""
    from govtui.history import history_lines

    result = obj.store.undo()
    for message in result.skipped:
        click.echo(f"govtui: 跳过 (skipped) — {message}", err=True)
    click.echo("\n".join(history_lines(result.entries, with_task=True)) or "已撤销 (undone)")


@click.command()
@click.pass_obj
@store_errors
def redo(obj: Context) -> None:
    """重做 — Redo the change you last undid (until you make a new change)."""
    from govtui.history import history_lines

    click.echo("\n".join(history_lines(obj.store.redo().entries, with_task=True)) or "已重做 (redone)")


@click.command()
@click.argument("source", type=click.File("rb"), default="-")
@click.pass_obj
@store_errors
def apply(obj: Context, source: Any) -> None:
    """批量应用修改 (JSON 行) — Apply changes from JSON lines (stdin by default): all of them, or none.

    \b
    One object per line:  {"id": "1-9", "status": "done", "note": "已完成"}
    Every line is checked first (JSON, known task id, status, note); if any is bad, nothing is
    applied and the line is named. The changes are then written as one transaction (one undo step).
    """
    try:
        text = source.read().decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(f"输入不是 UTF-8 文本 (not UTF-8, byte {exc.start}); 未作任何修改 (nothing was applied)")
    except OSError as exc:
        fail(os_error_message(exc))
    store = obj.store
    known = {t.id for t in store.tasks()}
    changes: list[tuple[str, Status | None, str | None]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            change = orjson.loads(line)
            if not isinstance(change, dict) or "id" not in change:
                raise ValueError("需要一个带 id 的 JSON 对象 (needs an object with an id)")
            unknown = set(change) - {"id", "status", "note"}
            if unknown:
                raise ValueError(f"不认识的字段 (unknown keys) {', '.join(sorted(unknown))}")
            task_id = str(change["id"])
            if task_id not in known:
                raise ValueError(f"没有编号为 {task_id} 的任务 (no such task)")
            status = Status.parse(str(change["status"])) if "status" in change else None
            note = change.get("note")
            if note is not None and (not isinstance(note, str) or not note.strip()):
                raise ValueError("note 必须是非空文本 (note must be non-empty text)")
            if status is None and note is None:
                raise ValueError("没有要改的内容: 需要 status 和/或 note (nothing to change)")
        except ValueError as exc:
            fail(f"第 {number} 行有误 (line {number}): {exc}; 未作任何修改 (nothing was applied)")
        changes.append((task_id, status, note))
    with store.action():
        for task_id, status, note in changes:
            if status is not None:
                store.set_status(task_id, status)
            if note is not None:
                store.add_note(task_id, note)
    click.echo(f"已应用 {len(changes)} 条修改 (applied {len(changes)} change(s))")


@click.command()
@click.option("--plan", "-p", "plan_id", metavar="ID", help="Only this plan; adds a by-section table and the "
              "progress through the year.")
@click.option("--chart/--no-chart", default=None, help="With --plan: draw the progress through the year "
              "(default: when printing to a terminal).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@store_errors
def report(obj: Context, plan_id: str | None, chart: bool | None, as_json: bool) -> None:
    """进度报告 — Progress per unit (lead / cooperating, done, in progress, blocked, overdue, %), and per section.

    Also lists done tasks without proof of publication; with --plan, completion month by month.
    """
    from govtui.reports import build_report

    snap = obj.store.snapshot()
    if plan_id is not None and plan_id not in snap.plans:
        fail(f"no plan {plan_id!r} (see `govtui plans`)")
    day = today()
    tasks = TaskIndex(snap.tasks).select(TaskFilter(plan=plan_id), day)
    built = build_report(tasks, snap.plans, snap.history, day, plan_id=plan_id, with_progress=plan_id is not None)
    by_unit, by_section, without_proof, progress = built.units, built.sections, built.without_proof, built.progress
    if as_json:
        emit_json(built.to_dict())
        return
    if not tasks:
        fail("no tasks to report on", EXIT_NO_MATCH)
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
            from govtui.progress import chart as draw

            click.echo(draw(progress, width=min(terminal_width(), 100), color=sys.stdout.isatty()))


def _monthly_table(progress: MonthlyProgress) -> str:
    lines = [f"{progress.year}年 全年进度: 月份  当月到期  当月完成  累计到期  累计完成"]
    for row in progress.rows():
        done_total = "" if row["done_total"] is None else f"{row['done_total']:>8}"
        lines.append(f"{row['month']:>12}月  {row['fell_due']:>8}  {row['done']:>8}  {row['fell_due_total']:>8}"
                     f"  {done_total}".rstrip())
    if progress.done_undated:
        lines.append(f"另有 {progress.done_undated} 项已完成但历史中没有完成时间")
    return "\n".join(lines)


def _progress_table(first: str, rows: list[ProgressRow]) -> str:
    width = min(28, max(cell_len(first), *(cell_len(r.name) for r in rows)))
    columns = report_columns(rows)
    cells = [max(4, cell_len(label)) for label, _ in columns]
    lines = [f"{pad(first, width)}  " + "  ".join(" " * (w - cell_len(label)) + label
                                                  for w, (label, _) in zip(cells, columns, strict=True)) + "  完成率"]
    for r in rows:
        values = report_values(r, columns)
        lines.append(f"{pad(r.name, width)}  " + "  ".join(f"{v:>{w}}" for w, (_, v) in zip(cells, values, strict=True))
                     + f"  {r.percent:>3}% {bar(r.percent, 10)}")
    return "\n".join(lines)


@click.command()
@click.option("--within", type=click.IntRange(0, 3650), default=None, metavar="DAYS",
              help="Due in this many calendar days (overdue tasks are always listed).")
@click.option("--days", "workdays", type=click.IntRange(0, 2500), default=None, metavar="N",
              help="Due within N working days (工作日, with the official holidays and 调休); "
                   "the default is due_soon_days in the settings (7).")
@click.option("--unit", "-u", metavar="NAME", shell_complete=complete_units, help="Only tasks naming this unit.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@store_errors
def due(obj: Context, within: int | None, workdays: int | None, unit: str | None, as_json: bool) -> None:
    """即将到期和逾期的任务 — Tasks due soon or overdue, soonest first — for cron and mail.

    Exit 0 when something is due (and printed), 1 when nothing is.
    """
    if within is not None and workdays is not None:
        raise click.UsageError("give --within (calendar days) or --days (working days), not both")
    store = obj.store
    archived = store.archived_plan_ids()  # finished plans: not chased
    task_filter = TaskFilter(units=resolve_unit_option(store, unit) if unit else (), due_within=within,
                             hide_plans=archived)
    day = today()
    calendar = None
    if within is None:  # due soon counts working days: the filter gets the calendar days they span
        from govtui.config import due_soon_days
        from govtui.remind import soon_window
        from govtui.workdays import WorkCalendar

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
    from govtui.exporters import format_of

    named = format_of(Path(output)) if output != "-" else None
    if fmt and named and fmt != named:
        fail(f"文件名 {output} 是 {named} 格式, 与 -f {fmt} 不一致; 去掉 -f 或改文件名 (format mismatch)")
    if not (fmt or named):
        fail(f"无法从文件名 {output} 看出格式: 用 .xlsx/.csv/.md/.json 结尾, 或加 -f (format unknown)")
    return fmt or named or ""


@click.command()
@click.option("--format", "-f", "fmt", type=click.Choice(["xlsx", "csv", "md", "json"]),
              help="Only when the file name does not say it (xlsx: a sheet per plan laid out like the task table, "
                   "plus a summary; csv: UTF-8 with BOM for Excel; md: grouped by section; json: as --json).")
@click.option("--plan", "-p", "plan_id", metavar="ID", help="Only this plan.")
@click.option("--unit", "-u", metavar="NAME", shell_complete=complete_units, help="Only tasks naming this unit.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), required=True,
              metavar="FILE", help="Where to write; the format comes from its ending ('-' for stdout, with -f).")
@click.pass_obj
@store_errors
def export(obj: Context, fmt: str | None, plan_id: str | None, unit: str | None, output: str) -> None:
    """导出计划和进展 — Export plans and their progress to Excel, CSV, Markdown or JSON.

    \b
    Examples:
      govtui export -o 进度.xlsx
      govtui export -o 办公室.csv --unit 办公室
      govtui export -f md -o -        (Markdown to the screen)
    """
    from govtui import exporters

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


@click.command("rename")
@click.argument("old", shell_complete=complete_units)
@click.argument("new")
@click.pass_obj
@store_errors
def units_rename(obj: Context, old: str, new: str) -> None:
    """单位改名 — Rename a unit in every plan (recorded in the history)."""
    changed = obj.store.rename_unit(old, new)
    click.echo(f"renamed {old} → {new} in {changed} task(s)")


@click.command("merge")
@click.argument("old", shell_complete=complete_units)
@click.argument("into", shell_complete=complete_units)
@click.pass_obj
@store_errors
def units_merge(obj: Context, old: str, into: str) -> None:
    """合并单位 — Merge unit OLD into INTO everywhere, e.g. `govtui units merge 局办公室 办公室`."""
    changed = obj.store.rename_unit(old, into, merge=True)
    click.echo(f"merged {old} into {into} in {changed} task(s)")


#: The commands :mod:`govtui.cli` adds to its group (``units_rename`` and ``units_merge`` go under ``units``).
COMMANDS = [check, restore, history, undo, redo, apply, report, due, export]
