"""The ``govtui`` command: quick lookups, import, and the subcommands; the app is imported lazily.

Exit codes: 0 success, 1 nothing matched, 2 usage or input error (message on stderr),
3 the app ended on an internal error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from govtui import __version__
from govtui.cli.care import COMMANDS as CARE_COMMANDS
from govtui.cli.care import units_merge, units_rename
from govtui.cli.corrections import COMMANDS as CORRECTION_COMMANDS
from govtui.cli.corrections import plan_set
from govtui.cli.lookup import LookupArgs, LookupExit, emit_json, run_lookup
from govtui.cli.manual import COMMANDS as MANUAL_COMMANDS
from govtui.cli.manual import plan as plan_group
from govtui.cli.reporting import COMMANDS as REPORT_COMMANDS
from govtui.cli.support import (
    EXIT_CRASH,
    EXIT_NO_MATCH,
    ROLE_CHOICE,
    Context,
    checked_units,
    complete_task_ids,
    complete_units,
    fail,
    os_error_message,
    store_errors,
)
from govtui.cli.year import COMMANDS as YEAR_COMMANDS
from govtui.domain.errors import DocumentError
from govtui.domain.model import ARCHIVED_MARK, STATUS_FILTERS, Status, note_text
from govtui.domain.query import status_filter
from govtui.domain.text import cell_len, pad
from govtui.domain.unit_names import unit_counts
from govtui.reports.output import plain, task_detail, task_json
from govtui.store.errors import StoreError
from govtui.store.store import today
from govtui.store.transaction import now_iso


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]},
             epilog="""\b
例 (examples):
  govtui                         打开界面
  govtui --unit 办公室            写有办公室的任务 (牵头、配合或负责)
  govtui --unit 办公室 --role lead --status doing
  govtui --overdue --json        逾期任务, 以 JSON 输出
  govtui import 2024年政务公开重点工作任务分工.txt
  govtui show 1-9
  govtui set 1-9 --status done --note "已在门户网站公开"
""")
@click.option("--db", "db", metavar="PATH", envvar="GOVTUI_DB", help="库文件 (store file): 默认取 $GOVTUI_DB, "
              "否则放在用户数据文件夹; 新建的默认库带有示例计划。")
@click.option("--unit", "-u", metavar="NAME", shell_complete=complete_units,
              help="写有这个单位的任务 (unit): 单位名称、其中一段或拼音 (bgs, bangongshi)。")
@click.option("--role", type=ROLE_CHOICE, help="与 --unit 同用: 只看这一角色 (role): 牵头 lead、配合 cooperate、"
              "负责 responsible。")
@click.option("--status", "-s", metavar="S",
              help="状态 (status): 未开始/进行中/已完成/受阻/逾期/未完成/即将到期/待核对 (导入时的推定未核对), "
              f"或 {', '.join(STATUS_FILTERS)}, open, soon, doubt; 多个用逗号分隔: doing,blocked。")
@click.option("--overdue", is_flag=True, help="只看已过时限且未完成的任务 (overdue)。")
@click.option("--plan", "-p", "plan_id", metavar="ID", help="只看这个计划; 单独使用时列出整个计划 (plan)。")
@click.option("--search", "-q", metavar="TEXT", help="在任务要求、单位和进展记录中查找文字 (search); "
              "全角和半角标点视为相同。")
@click.option("--include-generic", is_flag=True, help="与 --unit 同用: 也列出分给泛指单位 (各科室、相关业务科室 …) "
              "的任务 (include generic units)。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON, 格式见 README 的输出约定 (print JSON)。")
@click.version_option(__version__, "-V", "--version", prog_name="govtui",
                      message="%(prog)s 版本 (version) %(version)s")
@click.pass_context
@store_errors
def cli(ctx: click.Context, db: str | None, unit: str | None, role: str | None, status: str | None,
        overdue: bool, plan_id: str | None, search: str | None, include_generic: bool, as_json: bool) -> None:
    """govtui — 在终端里管理本机关的政务公开工作计划 (work plan in the terminal)。

    给出筛选选项时, 输出匹配的任务后退出 (找到为 0, 没有为 1)。
    不给筛选选项也不给命令时, 打开界面。
    """
    ctx.obj = Context(db)
    if ctx.invoked_subcommand is not None:
        return
    if not any((unit, role, status, overdue, plan_id, search)):
        launch_app(ctx.obj, unit=None, status=None)
        return
    args = LookupArgs(db, unit, role, status, overdue, plan_id, search, include_generic, as_json)
    try:
        status_filter(status, soon_within=0) if status else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--status") from None
    try:
        code = run_lookup(ctx.obj.store, args)
    except LookupExit as exc:
        for line in exc.lines:
            click.echo(line, err=True)
        code = exc.code
    if code:
        sys.exit(code)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--org", metavar="名称", help="制发单位,文档没有写明时 (organisation)。")
@click.option("--year", type=click.IntRange(1990, 2100), metavar="YYYY", help="计划年度,文档没有写明时 (plan year)。")
@click.option("--dry-run", is_flag=True, help="只预览,不写入: 目录树、数量、识别方式、警告和与已导入版本的差异。")
@click.option("--yes", "-y", is_flag=True, help="重新导入会移除任务时不再询问 (for scripts)。")
@click.pass_obj
@store_errors
def import_cmd(obj: Context, files: tuple[Path, ...], org: str | None, year: int | None, dry_run: bool,
               yes: bool) -> None:
    """导入计划文档 (import plan documents): 文本 (UTF-8/GB18030)、Word .docx、Excel .xlsx、.csv、网页 .html、PDF。

    任务分工表格和工作要点(散文)都能识别。先读完所有文件: 任何一个出错, 什么都不写入。
    再次导入同一文档会就地更新(编号、状态、进展记录保留); 会移除任务时先列出并询问, --yes 跳过询问。

    \b
    例:
      govtui import 2024年任务分工.docx --dry-run
      govtui import 要点.html --org 某某局 --year 2024
    """
    from govtui.importers import read_plans
    from govtui.store.import_preview import describe, removes_anything, summary_line

    parsed = []
    errors = []
    # a bar on a terminal only: piped or in a script, stderr carries messages, not a bar's label
    with click.progressbar(files, label="读取文档", file=sys.stderr, show_eta=False, show_pos=True) \
            if len(files) > 3 and sys.stderr.isatty() else _plain(files) as progress:
        for file in progress:
            try:
                parsed.extend(read_plans(file, organization=org, year=year))
            except DocumentError as exc:
                errors.append(str(exc))
    if errors:
        for error in errors:
            click.echo(f"govtui: {error}", err=True)
        fail("没有导入任何文档 (nothing imported)" if len(files) > 1 else "未导入 (not imported)")
    store = obj.store_as_is if dry_run else obj.store  # a preview creates nothing, not even the default store
    diffs = [store.preview_import(imported) for imported in parsed]
    if dry_run:
        for imported, diff in zip(parsed, diffs, strict=True):
            click.echo("\n".join(describe(imported, diff)))
        click.echo("(预览, 未写入 — dry run, nothing written)")
        return
    if not yes and sys.stdin.isatty() and sys.stdout.isatty():  # a person at a terminal: the review screen
        from govtui.domain.streams import guard_output, unguarded_output
        from govtui.tui.screens.review_app import review_in_terminal

        unguarded_output()  # the screen draws with escape sequences of its own; document text is drawn literally
        try:
            reviewed = review_in_terminal(parsed, store, ", ".join(f.name for f in files))
        finally:
            guard_output()
        if reviewed is None:
            fail("已放弃, 未导入 (left the review: nothing imported)", EXIT_NO_MATCH)
        parsed, diffs, yes = reviewed, [store.preview_import(imported) for imported in reviewed], True
    if removes_anything(diffs) and not yes:
        for imported, diff in zip(parsed, diffs, strict=True):
            if diff.removed:
                click.echo("\n".join(describe(imported, diff)), err=True)
        if not sys.stdin.isatty():
            fail("重新导入会移除上面列出的任务; 确认无误请加 --yes (re-import removes tasks)")
        if not click.confirm("确定要移除这些任务吗?", default=False, err=True):
            fail("已取消, 未写入 (cancelled)")
    for imported, result in zip(parsed, store.import_plans(parsed), strict=True):
        plan = result.plan
        verb = "已导入" if result.created else "已更新"
        click.echo(f"{verb}计划 {plan.id}: {summary_line(imported)}")
        click.echo(f"  识别为: {imported.layout} ({imported.why})")
        if not result.created:
            click.echo(f"  新增 {result.added}, 修改 {result.updated}, 移除 {result.removed}"
                       + (f", 保留并标记 {result.kept} (文档中已没有但有进展记录)" if result.kept else ""))
        for warning in result.warnings:
            click.echo(f"  注意: {warning}", err=True)


@contextmanager
def _plain(files: tuple[Path, ...]) -> Iterator[tuple[Path, ...]]:
    yield files


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="输出 JSON (print JSON)。")
@click.pass_obj
@store_errors
def plans(obj: Context, as_json: bool) -> None:
    """列出计划 (plans): 库中的计划及其章节数和任务数。"""
    rows = obj.store.plan_rows()
    if as_json:
        emit_json(rows)
        return
    if not rows:
        fail("库中还没有计划 (no plans); 用 `govtui import FILE` 导入", EXIT_NO_MATCH)
    for row in rows:
        click.echo(f"{row['id']:>3}  {row['year'] or '----'}  {row['title']}  "
                   f"({row['sections']} 章, {row['subsections']} 节, {row['tasks']} 项任务)"
                   + (f"  {ARCHIVED_MARK} (archived)" if row.get("archived") else ""))


@cli.command()
@click.argument("task_id", metavar="ID", shell_complete=complete_task_ids)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON (print JSON)。")
@click.pass_obj
@store_errors
def show(obj: Context, task_id: str, as_json: bool) -> None:
    """查看任务 (show): 一项任务的全部内容: 章节、要求、责任单位、时限、状态、进展记录、修改历史。"""
    plans, task = obj.store.lookup(task_id)
    if as_json:
        emit_json(task_json(task, plans, today()))
    else:
        previous = previous_plan = None
        if task.previous:
            try:
                previous_plans, previous = obj.store.lookup(str(task.previous.get("id")))
                previous_plan = previous_plans.get(previous.plan_id)
            except StoreError:
                previous = None  # last year's plan was removed since
        # the history too, as the app's detail pane shows it (one renderer for both)
        click.echo(plain(task_detail(task, plans.get(task.plan_id), today(), obj.store.history(task.id),
                                     previous=previous, previous_plan=previous_plan)))


@cli.command("set")
@click.argument("task_id", metavar="ID", shell_complete=complete_task_ids)
@click.option("--status", "-s", metavar="S",
              help="状态 (status): 未开始/进行中/已完成/受阻, 或 todo/doing/done/blocked。")
@click.option("--note", "-n", metavar="TEXT", help="添加进展记录 (note); '-' 表示从标准输入读取。")
@click.option("--proof", metavar="URL", help="已完成时: 公开链接 (proof URL)。")
@click.option("--index-no", metavar="TEXT", help="已完成时: 公开信息的索引号 (index number)。")
@click.option("--column", metavar="TEXT", help="已完成时: 发布的栏目 (column)。")
@click.option("--published", metavar="DATE", help="已完成时: 发布日期, 如 2024-05-06 (publication date)。")
@click.option("--units", "units_text", metavar="TEXT", shell_complete=complete_units,
              help="替换责任单位 (units), 按文件的写法: "
                   "'办公室(牵头)、法规科' 或 '办公室牵头,各科室配合'。")
@click.option("--deadline", metavar="TEXT",
              help="替换时限文字并重新识别 (deadline): '6月底前'、'持续推进'; '' 表示清空。")
@click.option("--yes", "-y", is_flag=True,
              help="与 --units 同用: 库中还没有的单位名直接接受, 不询问 (accept new units)。")
@click.pass_obj
@store_errors
def set_cmd(obj: Context, task_id: str, status: str | None, note: str | None, proof: str | None,
            index_no: str | None, column: str | None, published: str | None, units_text: str | None,
            deadline: str | None, yes: bool) -> None:
    """设置任务 (set): 设置状态、责任单位或时限, 和/或添加进展记录 (撤销时是一步)。

    \b
    例:
      govtui set 1-9 --status doing --note "已起草解读稿"
      govtui set 1-9 --units "办公室(牵头)、法规科" --deadline "6月底前"
    已完成并记下公开凭证 (proof) 和栏目:
      govtui set 1-9 --status done --proof https://www.gov.cn/1.html \\
                     --column 政策解读
    周期性任务 (每季度 …) 上的 --status done 完成当期并转到下一期。
    库中还没有的单位名会先询问 (或加 --yes)。
    """
    wants_proof = any(v is not None for v in (proof, index_no, column, published))
    if status is None and note is None and not wants_proof and units_text is None and deadline is None:
        raise click.UsageError("请给出 --status、--note、--units、--deadline 或 --proof 中的至少一项 "
                               "(nothing to set)")
    new_status = None
    if status is not None:
        try:
            new_status = Status.parse(status)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--status") from None
    if note == "-":
        from govtui.domain.text import DecodeError, decode_document

        try:
            note = decode_document(sys.stdin.buffer.read())
        except DecodeError as exc:
            fail(f"标准输入的进展记录无法解码 (the note on stdin): {exc}; 未作修改")
    if note is not None:
        try:
            note = note_text(note)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--note") from None
    store = obj.store
    _, current = store.lookup(task_id)  # a clear error before anything is written
    new_units = checked_units(units_text, store.unit_names(), yes) if units_text is not None else None
    proof_record = None
    if wants_proof:
        from govtui.domain.proof import ProofError, make_proof

        if new_status is not Status.DONE and current.status is not Status.DONE:
            fail("公开凭证只记在已完成的任务上: 加上 --status done (proof needs status done)")
        try:
            proof_record = make_proof(proof or "", index_no or "", column or "", published or "",
                                      user=store.user, recorded=now_iso())
        except ProofError as exc:
            fail(str(exc))
    met: str | None = None
    following: str | None = None
    with store.action([task_id]):  # status, proof and note: one transaction (of this plan's part), one undo step
        if new_status is Status.DONE and current.deadline.kind.value == "recurring" and current.deadline.due:
            task, met, following = store.complete_occurrence(task_id)
        elif new_status is not None:
            task = store.set_status(task_id, new_status)
        if proof_record is not None:
            store.set_proof(task_id, proof_record)
        if new_units is not None:
            task = store.set_units(task_id, new_units)
        if deadline is not None:
            task = store.set_deadline(task_id, deadline)
        if note is not None:
            store.add_note(task_id, note)
    if met is not None:
        click.echo(f"{task.id}: {met} 已完成 (occurrence done); "
                   + (f"下一期 {following} 截止 {task.deadline.due}" if following else "本年度各期均已完成 → 已完成"))
    elif new_status is not None:
        click.echo(f"{task.id}: 状态 → {task.status.label} (status: {task.status.value})")
    if proof_record is not None:
        from govtui.domain.proof import proof_label

        click.echo(f"{task_id}: 公开凭证已记录 (proof recorded): {proof_label(proof_record)}")
    if new_units is not None:
        from govtui.domain.units import format_units

        click.echo(f"{task_id}: 责任单位 → {format_units(task.units)} (units)")
    if deadline is not None:
        due = f", 截止 {task.deadline.due}" if task.deadline.due else ""
        click.echo(f"{task_id}: 时限 → {task.deadline.text or '(无)'}{due} (deadline)")
    if note is not None:
        click.echo(f"{task_id}: 已添加进展记录 (note added)")


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON (print JSON)。")
@click.pass_context
@store_errors
def units(ctx: click.Context, as_json: bool) -> None:
    """责任单位 (units): 库中出现的每个单位及其按角色的任务数; 也可改名 (rename) 或合并 (merge)。"""
    if ctx.invoked_subcommand is not None:
        return
    obj: Context = ctx.obj
    counts = unit_counts(obj.store.tasks())
    rows: list[dict[str, Any]] = [
        {"name": name, "lead": c["lead"], "cooperate": c["cooperate"], "responsible": c["responsible"],
         "total": c["total"], "generic": bool(c["generic"])}
        for name, c in sorted(counts.items(), key=lambda kv: (-kv[1]["total"], kv[0]))]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        fail("还没有任何单位 (no units yet); 请先导入计划", EXIT_NO_MATCH)
    width = max(12, *(cell_len(r["name"]) for r in rows))
    click.echo(f"{pad('单位', width)}  牵头  配合  负责  合计")
    for r in rows:
        mark = "  (泛指)" if r["generic"] else ""
        click.echo(f"{pad(r['name'], width)}  {r['lead']:>4}  {r['cooperate']:>4}  {r['responsible']:>4}  "
                   f"{r['total']:>4}{mark}")


@cli.command()
@click.option("--unit", "-u", metavar="NAME", help="打开时按这个单位筛选 (unit)。")
@click.option("--status", "-s", metavar="S", help="打开时按这个状态筛选 (status)。")
@click.pass_obj
@store_errors
def ui(obj: Context, unit: str | None, status: str | None) -> None:
    """打开界面 (ui): 可以带上筛选条件打开。"""
    launch_app(obj, unit=unit, status=status)


def launch_app(obj: Context, *, unit: str | None, status: str | None) -> None:
    """Open the app; refused (exit 2) without a terminal, or when a filter names nothing."""
    if status:
        try:
            status_filter(status, soon_within=0)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--status") from None
    store = obj.store
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        fail("界面需要在终端中运行 (the app needs a terminal); 在脚本或 cron 中请使用查询命令, 如 "
             "`govtui --unit 办公室` 或 `govtui due`")
    today()  # a bad GOVTUI_TODAY is a message now, not a crash inside the app
    if unit:
        from govtui.domain.unit_names import resolve_units

        if not resolve_units(unit, store.unit_names(), store.pinyin_keys()):
            fail(f"没有名为 {unit} 的单位 (no such unit): 用 `govtui units` 查看全部单位")
    from govtui.domain.streams import unguarded_output
    from govtui.tui.app import crash_note, run_app  # heavy: Textual is imported only here

    unguarded_output()  # the app draws with escape sequences of its own; its text is cleaned as it is drawn

    code = run_app(store, unit=unit, status=status, notices=[obj.first_run] if obj.first_run else None)
    if code:
        click.echo(crash_note(store.path), err=True)
        sys.exit(EXIT_CRASH)


def main() -> None:
    """The click command line (the installed ``govtui`` goes through :mod:`govtui.cli.launcher` first)."""
    try:
        cli(prog_name="govtui")
    except (StoreError, DocumentError) as exc:  # raised outside a command (while completing, say)
        fail(str(exc))
    except OSError as exc:
        fail(os_error_message(exc))


for _command in [*CARE_COMMANDS, *REPORT_COMMANDS, *YEAR_COMMANDS, *MANUAL_COMMANDS, *CORRECTION_COMMANDS]:
    cli.add_command(_command)
plan_group.add_command(plan_set)
units.add_command(units_rename)
units.add_command(units_merge)
