"""The commands of the yearly cycle: 催办 briefs (remind), the year-end report material (annual-report)
and carrying last year's unfinished tasks into this year's plan (carry-over).

Thin: the work is done by :mod:`govtui.reports.remind`, :mod:`govtui.reports.annual` and :mod:`govtui.store.carry`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govtui.cli.lookup import emit_json
from govtui.cli.support import EXIT_NO_MATCH, Context, complete_units, fail, resolve_unit_option, store_errors


@click.command()
@click.option("--unit", "-u", metavar="NAME", shell_complete=complete_units,
              help="只看这个单位: 名称、其中一段或拼音; 不给则每个单位都列 (unit)。")
@click.option("--days", type=click.IntRange(0, 250), default=None, metavar="N",
              help="N 个工作日内到期算作即将到期; 默认取设置中的 due_soon_days (7) (working days)。")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="同时把文字写入 FILE (UTF-8) (output file)。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON: [{unit, text}] (print JSON)。")
@click.pass_obj
@store_errors
def remind(obj: Context, unit: str | None, days: int | None, output: Path | None, as_json: bool) -> None:
    """催办通知 (remind): 每个单位一段, 列出逾期和即将到期的任务, 可直接粘贴到工作群或 OA。

    有需要催办的单位时退出码为 0, 没有逾期或即将到期的任务时为 1。
    """
    from govtui.domain.config import due_soon_days
    from govtui.domain.files import atomic_write
    from govtui.domain.workdays import WorkCalendar
    from govtui.reports.remind import briefs
    from govtui.store.store import today

    store = obj.store
    names = resolve_unit_option(store, unit) if unit else None
    calendar = WorkCalendar()
    snap = store.snapshot()
    current = [t for t in snap.tasks if not snap.plans[t.plan_id].archived]  # finished plans are not chased
    found = briefs(current, today(), due_soon_days() if days is None else days, calendar, names)
    if as_json:
        emit_json([{"unit": name, "text": text} for name, text in found])
    else:
        text = "\n\n".join(t for _, t in found)
        if text:
            click.echo(text)
        if output is not None and text:
            atomic_write(output, (text + "\n").encode("utf-8"))
            click.echo(f"govtui: 已写入 {output}", err=True)
    note = calendar.fallback_note()
    if note:
        click.echo(f"govtui: {note}", err=True)
    if not found:
        click.echo("govtui: 没有逾期或即将到期的任务 (nothing to chase)", err=True)
        sys.exit(EXIT_NO_MATCH)


@click.command("annual-report")
@click.option("--plan", "-p", "plan_id", metavar="ID", required=True, help="为哪个计划写素材 (plan)。")
@click.option("--output", "-o", metavar="FILE", required=True,
              help="输出文件 (output): FILE.docx (Word) 或 FILE.md (Markdown); '-' 在屏幕上输出 Markdown.")
@click.pass_obj
@store_errors
def annual_report(obj: Context, plan_id: str, output: str) -> None:
    """年度报告素材 (annual-report): 按章节写明完成了什么、未完成什么及原因,
    公开凭证, 各单位完成情况和逐月进度。"""
    from govtui.domain.files import atomic_write
    from govtui.reports.annual import build, to_docx, to_markdown
    from govtui.store.store import today

    suffix = Path(output).suffix.lower()
    if output != "-" and suffix not in (".docx", ".md"):
        fail(f"输出文件应以 .docx 或 .md 结尾, 而不是 {output!r} (output must end in .docx or .md)")
    snap = obj.store.snapshot()
    plan = snap.plans.get(plan_id)
    if plan is None:
        fail(f"没有计划 {plan_id!r} (no such plan); 用 `govtui plans` 查看")
    material = build(plan, snap.tasks, snap.history, today())
    if output == "-":
        sys.stdout.write(to_markdown(material))
        return
    payload = to_docx(material) if suffix == ".docx" else to_markdown(material).encode("utf-8")
    atomic_write(Path(output), payload)
    click.echo(f"已写入年度报告素材 {output}: {material.whole.total} 项任务, 已完成 {material.whole.done} 项, "
               f"{len(material.without_proof)} 项无公开凭证")


@click.command("carry-over")
@click.option("--from", "from_year", type=click.IntRange(1990, 2100), required=True, metavar="YYYY",
              help="上一年度 (from year)。")
@click.option("--to", "to_year", type=click.IntRange(1990, 2100), required=True, metavar="YYYY",
              help="本年度 (to year)。")
@click.option("--org", metavar="NAME", help="库中有多个单位的计划时, 指定制发单位 (organisation)。")
@click.option("--yes", "-y", is_flag=True, help="不询问, 直接复制 (copy without asking)。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出未完成任务, 不复制 (print JSON)。")
@click.pass_obj
@store_errors
def carry_over(obj: Context, from_year: int, to_year: int, org: str | None, yes: bool, as_json: bool) -> None:
    """上年未完成任务结转 (carry-over): 列出上一年度未完成的任务, 确认后作为“上年结转”
    复制到本年度计划。

    已结转过的任务, 以及本年计划中已有对应任务 (相似度 90 以上) 的, 不会复制, 列为跳过。
    """
    from govtui.domain.model import TaskRow
    from govtui.reports.output import task_json, task_table
    from govtui.store.carry import choose_plans, pending_and_skipped
    from govtui.store.store import today

    if from_year >= to_year:
        fail("--from 应早于 --to, 例如 --from 2024 --to 2025")
    store = obj.store
    snap = store.snapshot()
    old_plan, new_plan = choose_plans(list(snap.plans.values()), from_year, to_year, org)
    pending, skipped = pending_and_skipped(snap.tasks, old_plan, new_plan)
    day = today()
    if as_json:
        emit_json([task_json(t, snap.plans, day) for t in pending])
        return
    if skipped:
        click.echo(f"跳过 {len(skipped)} 项 (skipped):")
        click.echo("\n".join(f"  {t.id}  {reason}" for t, reason in skipped))
    if not pending:
        click.echo(f"{old_plan.title}: 没有需要结转的未完成任务 (nothing to carry over)", err=True)
        sys.exit(EXIT_NO_MATCH)
    from govtui.cli.lookup import terminal_width

    click.echo(f"{old_plan.title} 未完成任务 {len(pending)} 项 → {new_plan.title} (计划 {new_plan.id}):")
    click.echo("\n".join(task_table([TaskRow.of(t) for t in pending], day, terminal_width())))
    if not yes:
        if not sys.stdin.isatty():
            fail("结转需要确认: 在终端中运行, 或加 --yes (nothing was copied)")
        if not click.confirm(f"将这 {len(pending)} 项作为上年结转任务复制到计划 {new_plan.id}?", default=False):
            fail("未结转 (nothing was copied)", EXIT_NO_MATCH)
    copied = store.carry_over(old_plan.id, new_plan.id, [t.id for t in pending])
    click.echo(f"已结转 {len(copied)} 项到计划 {new_plan.id}: {'、'.join(t.id for t in copied)}")


#: The yearly cycle's commands, added to the ``govtui`` group by :mod:`govtui.cli`.
COMMANDS = [remind, annual_report, carry_over]
