"""Safety and maintenance subcommands of ``govtui``: check, restore, history, undo, apply.

Kept apart from :mod:`govtui.cli` (lookups and everyday commands) so each module holds one idea;
they attach to the same click group.
"""

from __future__ import annotations

import sys
from typing import Any

import click
import orjson

from govtui.cli import EXIT_ERROR, Context, cli, emit_json, fail, store_errors
from govtui.model import Status
from govtui.paths import db_path
from govtui.text import strip_controls


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
@click.argument("task_id", metavar="[ID]", required=False)
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

