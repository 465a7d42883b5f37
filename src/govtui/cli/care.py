"""The subcommands that take care of the store: check, restore, history, undo, redo, apply, and the units' clean-up
(units rename / merge).

:mod:`govtui.cli` adds them to its group: this module knows nothing of it.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any

import click
import orjson

from govtui.cli.lookup import emit_json
from govtui.cli.support import (
    EXIT_ERROR,
    EXIT_NO_MATCH,
    Context,
    complete_task_ids,
    complete_units,
    fail,
    os_error_message,
    store_errors,
)
from govtui.domain.model import Status, note_text
from govtui.domain.paths import db_path

if TYPE_CHECKING:
    pass


@click.command()
@click.pass_obj
def check(obj: Context) -> None:
    """检查库文件 (check): JSON、结构版本、每项任务的计划和章节、编号不重复。"""
    from govtui.store.checks import check_file, list_backups

    path, _ = db_path(obj.db_option)
    problems = check_file(path)
    backups = list_backups(path)
    if problems:
        click.echo(f"{path}: 发现 {len(problems)} 个问题 (problems)", err=True)
        for problem in problems:
            click.echo(f"  - {problem}", err=True)
        if backups:
            click.echo(f"备份 (backups): {', '.join(p.name for p in backups)} (用 `govtui restore` 恢复)", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"{path}: 完好 (ok), 备份 {len(backups)} 份 (backups)")


@click.command()
@click.option("--backup", "which", type=click.IntRange(1, 9), default=None, metavar="N",
              help="恢复哪一份备份: 1 是最新的 (which backup); 不给出 (也无 --yes) 则只列出备份。")
@click.option("--yes", "-y", is_flag=True, help="不再询问确认 (do not ask)。")
@click.pass_obj
@store_errors
def restore(obj: Context, which: int | None, yes: bool) -> None:
    """从备份恢复 (restore): 列出备份, 每份的时间和恢复它将撤销的修改 (其后几项, 谁改的);
    用 --backup N 恢复其中一份。恢复记入修改历史, `govtui undo` 可撤销。"""
    from govtui.store.backups import backups
    from govtui.store.checks import restore_backup
    from govtui.store.errors import StoreError
    from govtui.store.storage import read_store

    path, _ = db_path(obj.db_option)
    try:
        current: dict[str, Any] | None = read_store(path)
    except StoreError:
        current = None  # a broken store: its backup replaces the file (not undoable)
    found = backups(path, current)
    if not found:
        fail(f"{path}: 还没有备份 (no backups yet); 库文件每次修改时自动备份")
    if which is None and not yes:
        click.echo("备份 (backups), 最新的在前:")
        click.echo("\n".join("  " + b.line() for b in found))
        click.echo("用 `govtui restore --backup N` 恢复其中一份 (restore one)")
        return
    which = which or 1  # --yes alone: the newest, as before
    if which > len(found):
        fail(f"只有 {len(found)} 份备份 (not that many backups)")
    backup = found[which - 1]
    if backup.problem:
        fail(f"{backup.path.name} 不是完好的库文件 (not a sound store): {backup.problem}")
    if not yes:
        if not sys.stdin.isatty():
            fail("恢复需要确认 (needs confirmation): 请在终端中运行, 或加 --yes")
        click.echo(backup.line())
        if not click.confirm(f"用 {backup.path.name} 恢复 {path} 吗?", default=False):
            fail("未恢复 (nothing restored)", EXIT_NO_MATCH)
    if current is None:
        kept = restore_backup(path, backup.path)
        click.echo(f"当前库无法读取, 已用 {backup.path.name} 替换 (replaced; 不能撤销); 被替换的版本保存在 {kept.name}")
        return
    changed = obj.store.restore(backup.path)
    click.echo(f"已恢复 {backup.path.name} (restored): 改动 {changed} 条记录; `govtui undo` 可撤销这次恢复")


@click.command()
@click.argument("task_id", metavar="[ID]", required=False, shell_complete=complete_task_ids)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON: 原样的历史记录, ISO 时间 (print JSON)。")
@click.pass_obj
@store_errors
def history(obj: Context, task_id: str | None, as_json: bool) -> None:
    """修改历史 (history): 谁在何时 (本地时间) 改了什么; 给出编号只看该任务, 否则看整个库。

    \b
    每项修改一行, 例如:  1-9  王敏 11-23 14:05 状态 进行中 → 已完成
    """
    from govtui.domain.history import history_lines, is_noop

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
    """撤销 (undo): 撤销你最近的一次操作 (修改、导入、结转、归档、删除计划、恢复备份 …),
    再运行一次继续往回; 若别人在你之后改过它涉及的任务, 则拒绝并说明是谁、何时、改了什么,
    不会跳过它去撤销更早的操作。"""
    from govtui.domain.history import history_lines

    result = obj.store.undo()
    click.echo("\n".join(history_lines(result.entries, with_task=True)) or "已撤销 (undone)")


@click.command()
@click.pass_obj
@store_errors
def redo(obj: Context) -> None:
    """重做 (redo): 重做最近撤销的修改 (在你做新的修改之前)。"""
    from govtui.domain.history import history_lines

    click.echo("\n".join(history_lines(obj.store.redo().entries, with_task=True)) or "已重做 (redone)")


@click.command()
@click.argument("source", type=click.File("rb"), default="-")
@click.pass_obj
@store_errors
def apply(obj: Context, source: Any) -> None:
    """批量应用修改 (apply): 从 JSON 行读入修改 (默认读标准输入), 要么全部应用, 要么一条也不应用。

    \b
    每行一个对象:  {"id": "1-9", "status": "done", "note": "已完成"}

    先逐行检查 (JSON、任务编号、状态、进展记录); 任何一行有误则什么都不改, 并指出是哪一行。
    然后作为一次事务写入 (撤销时是一步)。
    """
    try:
        text = source.read().decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(f"输入不是 UTF-8 文本 (not UTF-8, byte {exc.start}); 未作任何修改 (nothing was applied)")
    except OSError as exc:
        fail(os_error_message(exc))
    store = obj.store
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    named = []
    for _, line in lines:  # the ids named, to read only their plans' parts (a bad line is told below)
        with contextlib.suppress(ValueError):
            change = orjson.loads(line)
            if isinstance(change, dict) and "id" in change:
                named.append(str(change["id"]))
    known = store.known_ids(named)
    changes: list[tuple[str, Status | None, str | None]] = []
    for number, line in lines:
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
            if note is not None and not isinstance(note, str):
                raise ValueError("note 必须是非空文本 (note must be non-empty text)")
            if note is not None:
                note = note_text(note)
            if status is None and note is None:
                raise ValueError("没有要改的内容: 需要 status 和/或 note (nothing to change)")
        except ValueError as exc:
            fail(f"第 {number} 行有误 (line {number}): {exc}; 未作任何修改 (nothing was applied)")
        changes.append((task_id, status, note))
    with store.action([task_id for task_id, _, _ in changes]):
        for task_id, status, note in changes:
            if status is not None:
                store.set_status(task_id, status)
            if note is not None:
                store.add_note(task_id, note)
    click.echo(f"已应用 {len(changes)} 条修改 (applied {len(changes)} change(s))")


@click.command("rename")
@click.argument("old", shell_complete=complete_units)
@click.argument("new")
@click.pass_obj
@store_errors
def units_rename(obj: Context, old: str, new: str) -> None:
    """单位改名 (rename): 在所有计划中给一个单位改名 (记入修改历史)。"""
    changed = obj.store.rename_unit(old, new)
    click.echo(f"已改名 (renamed) {old} → {new}, 涉及 {changed} 项任务")


@click.command("merge")
@click.argument("old", shell_complete=complete_units)
@click.argument("into", shell_complete=complete_units)
@click.pass_obj
@store_errors
def units_merge(obj: Context, old: str, into: str) -> None:
    """合并单位 (merge): 把单位 OLD 全部并入 INTO, 例如 `govtui units merge 局办公室 办公室`。"""
    changed = obj.store.rename_unit(old, into, merge=True)
    click.echo(f"已合并 (merged) {old} → {into}, 涉及 {changed} 项任务")


#: The commands :mod:`govtui.cli` adds to its group (``units_rename`` and ``units_merge`` go under ``units``).
COMMANDS: list[click.Command] = [check, restore, history, undo, redo, apply]
