"""The subcommands beyond the everyday ones: safety (check, restore, history, undo, apply),
reports (report, due, export) and unit clean-up (units rename / merge).

Kept apart from :mod:`govtui.cli` (lookups and everyday commands); they attach to the same group.
"""

from __future__ import annotations

import sys
from typing import Any

import click
import orjson

from govtui.cli import (
    EXIT_ERROR,
    EXIT_NO_MATCH,
    Context,
    cli,
    complete_task_ids,
    complete_units,
    emit_json,
    fail,
    resolve_unit_option,
    store_errors,
    units,
)
from govtui.lookup import terminal_width
from govtui.model import Status
from govtui.paths import db_path
from govtui.text import cell_len, pad, strip_controls


@cli.command()
@click.pass_obj
def check(obj: Context) -> None:
    """Validate the store: JSON, schema version, plans and sections of every task, unique ids."""
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


@cli.command()
@click.option("--backup", "which", type=click.IntRange(1, 9), default=1, show_default=True,
              help="Which backup: 1 is the newest.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
@store_errors
def restore(obj: Context, which: int, yes: bool) -> None:
    """Bring back a backup of the store (the current file is kept as .before-restore)."""
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


@cli.command()
@click.argument("task_id", metavar="[ID]", required=False, shell_complete=complete_task_ids)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@store_errors
def history(obj: Context, task_id: str | None, as_json: bool) -> None:
    """Who changed what, when: one task's history, or the whole store's."""
    entries = obj.store.history(task_id)
    if as_json:
        emit_json(entries)
        return
    if not entries:
        fail("no changes recorded" + (f" for task {task_id}" if task_id else ""), 1)
    for e in entries:
        click.echo(f"{e.get('time', '')}  {e.get('user', '')}  {e.get('task') or '-'}  {e.get('field', '')}: "
                   f"{_show(e.get('before'))} → {_show(e.get('after'))}" + ("  (undone)" if e.get("undone") else ""))


def _show(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("text", value)
    if isinstance(value, list):
        value = "、".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
    return strip_controls(str(value))[:60] if value is not None else "—"


@cli.command()
@click.pass_obj
@store_errors
def undo(obj: Context) -> None:
    """Undo your last change (refused when someone else changed that task since)."""
    task_id, entry = obj.store.undo()
    click.echo(f"undone: your {entry['field']} change on task {task_id} ({entry.get('time', '')})")


@cli.command()
@click.argument("source", type=click.File("rb"), default="-")
@click.pass_obj
@store_errors
def apply(obj: Context, source: Any) -> None:
    """Apply changes from JSON lines (stdin by default), each one saved as it comes.

    \b
    One object per line:  {"id": "1-9", "status": "done", "note": "已完成"}
    Lines are checked first; if any is malformed, nothing is applied.
    """
    changes: list[dict[str, Any]] = []
    for number, line in enumerate(source.read().splitlines(), 1):
        if not line.strip():
            continue
        try:
            change = orjson.loads(line)
            if not isinstance(change, dict) or "id" not in change:
                raise ValueError("needs an object with an id")
            if "status" in change:
                Status.parse(str(change["status"]))
        except ValueError as exc:
            fail(f"line {number}: {exc}; nothing was applied")
        changes.append(change)
    store = obj.store
    for change in changes:
        if "status" in change:
            store.set_status(change["id"], Status.parse(str(change["status"])))
        if change.get("note"):
            store.add_note(change["id"], str(change["note"]))
    click.echo(f"applied {len(changes)} change(s)")



@cli.command()
@click.option("--plan", "-p", "plan_id", metavar="ID", help="Only this plan; adds a by-section table and the "
              "progress through the year.")
@click.option("--chart/--no-chart", default=None, help="With --plan: draw the progress through the year "
              "(default: when printing to a terminal).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@store_errors
def report(obj: Context, plan_id: str | None, chart: bool | None, as_json: bool) -> None:
    """Progress per unit (lead / cooperating, done, in progress, blocked, overdue, %), and per section.

    Also lists done tasks without proof of publication; with --plan, completion month by month.
    """
    from govtui.progress import monthly
    from govtui.reports import bar, section_report, unit_report
    from govtui.store import today

    snap = obj.store.snapshot()
    tasks = [t for t in snap.tasks if plan_id is None or t.plan_id == plan_id]
    if plan_id is not None and plan_id not in snap.plans:
        fail(f"no plan {plan_id!r} (see `govtui plans`)")
    day = today()
    by_unit = unit_report(tasks, day)
    plans = [snap.plans[plan_id]] if plan_id else sorted(snap.plans.values(), key=lambda p: p.id)
    by_section = {p.id: section_report(p, tasks, day) for p in plans}
    without_proof = [t for t in tasks if t.status is Status.DONE and not t.proof]
    progress = None
    if plan_id:
        plan = snap.plans[plan_id]
        progress = monthly(tasks, snap.history, plan.year or day.year, day)
    if as_json:
        emit_json({"date": day.isoformat(), "units": [r.to_dict() for r in by_unit],
                   "plans": [{"id": pid, "title": rows[0].name, "sections": [r.to_dict() for r in rows]}
                             for pid, rows in by_section.items()],
                   "done_without_proof": [t.id for t in without_proof],
                   **({"progress": progress.to_dict()} if progress else {})})
        return
    if not tasks:
        fail("no tasks to report on", EXIT_NO_MATCH)
    click.echo(_progress_table("单位", by_unit, bar))
    if plan_id:
        click.echo("")
        click.echo(_progress_table("章节", by_section[plan_id], bar))
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


def _monthly_table(progress) -> str:  # type: ignore[no-untyped-def]
    lines = [f"{progress.year}年 全年进度: 月份  当月到期  当月完成  累计到期  累计完成"]
    for row in progress.rows():
        done_total = "" if row["done_total"] is None else f"{row['done_total']:>8}"
        lines.append(f"{row['month']:>12}月  {row['fell_due']:>8}  {row['done']:>8}  {row['fell_due_total']:>8}"
                     f"  {done_total}".rstrip())
    if progress.done_undated:
        lines.append(f"另有 {progress.done_undated} 项已完成但历史中没有完成时间")
    return "\n".join(lines)


def _progress_table(first: str, rows: list, bar) -> str:  # type: ignore[no-untyped-def, type-arg]
    width = min(28, max(cell_len(first), *(cell_len(r.name) for r in rows)))
    head = f"{pad(first, width)}  牵头  配合  负责  合计  完成  进行  受阻  逾期  完成率"
    lines = [head]
    for r in rows:
        lines.append(f"{pad(r.name, width)}  {r.lead:>4}  {r.cooperate:>4}  {r.responsible:>4}  {r.total:>4}  "
                     f"{r.done:>4}  {r.doing:>4}  {r.blocked:>4}  {r.overdue:>4}  {r.percent:>3}% {bar(r.percent, 10)}")
    return "\n".join(lines)


@cli.command()
@click.option("--within", type=click.IntRange(0, 3650), default=None, metavar="DAYS",
              help="Due in this many calendar days (overdue tasks are always listed).")
@click.option("--days", "workdays", type=click.IntRange(0, 2500), default=None, metavar="N",
              help="Due within N working days (工作日, with the official holidays and 调休); the default is 10.")
@click.option("--unit", "-u", metavar="NAME", shell_complete=complete_units, help="Only tasks naming this unit.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
@store_errors
def due(obj: Context, within: int | None, workdays: int | None, unit: str | None, as_json: bool) -> None:
    """Tasks due soon or overdue, soonest first — for cron and mail.

    Exit 0 when something is due (and printed), 1 when nothing is.
    """
    if within is not None and workdays is not None:
        raise click.UsageError("give --within (calendar days) or --days (working days), not both")
    import datetime as dt

    from govtui.output import task_json, task_table
    from govtui.query import TaskFilter
    from govtui.store import today

    store = obj.store
    names = frozenset(resolve_unit_option(store, unit)) if unit else frozenset()
    day = today()
    plans, found = store.find(TaskFilter(units=names), day, full=as_json)
    calendar = None
    if within is None:  # due soon counts working days
        from govtui.remind import DEFAULT_DAYS
        from govtui.workdays import WorkCalendar

        workdays = DEFAULT_DAYS if workdays is None else workdays
        calendar = WorkCalendar()
        horizon = calendar.add_workdays(day, workdays)
    else:
        horizon = day + dt.timedelta(days=within)
    due_tasks = sorted((t for t in found if t.deadline.due and t.deadline.due <= horizon
                        and t.status.value != "done"), key=lambda t: (t.deadline.due, t.id))
    if as_json:
        emit_json([task_json(t, plans, day) for t in due_tasks])
    elif due_tasks:
        click.echo("\n".join(task_table(due_tasks, day, terminal_width())))
    if calendar is not None and calendar.fallback_note():
        click.echo(f"govtui: {calendar.fallback_note()}", err=True)
    if not due_tasks:
        if not as_json:
            span = f"{workdays} 个工作日" if workdays is not None else f"{within} 天"
            click.echo(f"govtui: {span}内没有到期任务 (nothing due)", err=True)
        sys.exit(EXIT_NO_MATCH)


@cli.command()
@click.option("--format", "-f", "fmt", type=click.Choice(["xlsx", "csv", "md", "json"]), required=True,
              help="xlsx: a sheet per plan laid out like the task table, plus a summary; csv: UTF-8 with BOM "
                   "for Excel; md: grouped by section; json: as --json.")
@click.option("--plan", "-p", "plan_id", metavar="ID", help="Only this plan.")
@click.option("--unit", "-u", metavar="NAME", shell_complete=complete_units, help="Only tasks naming this unit.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), required=True,
              metavar="FILE", help="Where to write ('-' for stdout, except xlsx).")
@click.pass_obj
@store_errors
def export(obj: Context, fmt: str, plan_id: str | None, unit: str | None, output: str) -> None:
    """Export plans and their progress to Excel, CSV, Markdown or JSON."""
    from pathlib import Path

    from govtui import exporters
    from govtui.query import TaskFilter
    from govtui.storage import atomic_write
    from govtui.store import today

    store = obj.store
    names = frozenset(resolve_unit_option(store, unit)) if unit else frozenset()
    day = today()
    snap = store.snapshot()
    if plan_id is not None and plan_id not in snap.plans:
        fail(f"no plan {plan_id!r} (see `govtui plans`)")
    tasks = [t for t in snap.tasks if TaskFilter(units=names, plan=plan_id).matches(t, day)]
    plans = [p for p in sorted(snap.plans.values(), key=lambda p: int(p.id) if p.id.isdigit() else 0)
             if plan_id is None or p.id == plan_id]
    if fmt == "xlsx":
        if output == "-":
            fail("xlsx cannot go to stdout: give a file name with -o")
        exporters.to_xlsx(Path(output), plans, tasks, day, snap.history)
    else:
        payload = {"csv": lambda: exporters.to_csv(plans, tasks, day),
                   "md": lambda: exporters.to_markdown(plans, tasks, day).encode("utf-8"),
                   "json": lambda: exporters.to_json(plans, tasks, day)}[fmt]()
        if output == "-":
            sys.stdout.buffer.write(payload)
            return
        atomic_write(Path(output), payload)
    click.echo(f"exported {len(tasks)} task(s) of {len(plans)} plan(s) to {output}", err=True)


@units.command("rename")
@click.argument("old", shell_complete=complete_units)
@click.argument("new")
@click.pass_obj
@store_errors
def units_rename(obj: Context, old: str, new: str) -> None:
    """Rename a unit in every plan (recorded in the history)."""
    changed = obj.store.rename_unit(old, new)
    click.echo(f"renamed {old} → {new} in {changed} task(s)")


@units.command("merge")
@click.argument("old", shell_complete=complete_units)
@click.argument("into", shell_complete=complete_units)
@click.pass_obj
@store_errors
def units_merge(obj: Context, old: str, into: str) -> None:
    """Merge unit OLD into INTO everywhere, e.g. `govtui units merge 局办公室 办公室`."""
    changed = obj.store.rename_unit(old, into, merge=True)
    click.echo(f"merged {old} into {into} in {changed} task(s)")
