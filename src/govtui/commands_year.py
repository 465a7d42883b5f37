"""The commands of the yearly cycle: 催办 briefs (remind), the year-end report material (annual-report)
and carrying last year's unfinished tasks into this year's plan (carry-over).

Thin: the work is done by :mod:`govtui.remind`, :mod:`govtui.annual` and :mod:`govtui.carry`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govtui.cli_support import EXIT_NO_MATCH, Context, complete_units, fail, resolve_unit_option, store_errors
from govtui.lookup import emit_json


@click.command()
@click.option("--unit", "-u", metavar="NAME", shell_complete=complete_units,
              help="Only this unit (name, part of it or pinyin); every unit when omitted.")
@click.option("--days", type=click.IntRange(0, 250), default=None, metavar="N",
              help="Due within N working days counts as due soon (default: due_soon_days in the settings, 7).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write the text to FILE (UTF-8).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: [{unit, text}].")
@click.pass_obj
@store_errors
def remind(obj: Context, unit: str | None, days: int | None, output: Path | None, as_json: bool) -> None:
    """催办通知 — 催办 brief per unit: overdue and due-soon tasks, ready to paste into the office chat or OA.

    Exit 0 when some unit has something to chase, 1 when nothing is overdue or due soon.
    """
    from govtui.config import due_soon_days
    from govtui.files import atomic_write
    from govtui.remind import briefs
    from govtui.store import today
    from govtui.workdays import WorkCalendar

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
@click.option("--plan", "-p", "plan_id", metavar="ID", required=True, help="The plan to report on.")
@click.option("--output", "-o", metavar="FILE", required=True,
              help="FILE.docx (Word) or FILE.md (Markdown); '-' prints Markdown.")
@click.pass_obj
@store_errors
def annual_report(obj: Context, plan_id: str, output: str) -> None:
    """年度报告素材 — Year-end report material (年度报告素材): per section what was done and what not and why,
    proof of publication, completion per unit and month by month."""
    from govtui.annual import build, to_docx, to_markdown
    from govtui.files import atomic_write
    from govtui.store import today

    suffix = Path(output).suffix.lower()
    if output != "-" and suffix not in (".docx", ".md"):
        fail(f"输出文件应以 .docx 或 .md 结尾 (got {output!r})")
    snap = obj.store.snapshot()
    plan = snap.plans.get(plan_id)
    if plan is None:
        fail(f"没有计划 {plan_id!r} (see `govtui plans`)")
    material = build(plan, snap.tasks, snap.history, today())
    if output == "-":
        sys.stdout.write(to_markdown(material))
        return
    payload = to_docx(material) if suffix == ".docx" else to_markdown(material).encode("utf-8")
    atomic_write(Path(output), payload)
    click.echo(f"已写入年度报告素材 {output}: {material.whole.total} 项任务, 已完成 {material.whole.done} 项, "
               f"{len(material.without_proof)} 项无公开凭证")


@click.command("carry-over")
@click.option("--from", "from_year", type=click.IntRange(1990, 2100), required=True, help="Last year.")
@click.option("--to", "to_year", type=click.IntRange(1990, 2100), required=True, help="This year.")
@click.option("--org", metavar="NAME", help="The organisation, when the store holds several.")
@click.option("--yes", "-y", is_flag=True, help="Copy without asking.")
@click.option("--json", "as_json", is_flag=True, help="Print the unfinished tasks as JSON and copy nothing.")
@click.pass_obj
@store_errors
def carry_over(obj: Context, from_year: int, to_year: int, org: str | None, yes: bool, as_json: bool) -> None:
    """上年未完成任务结转 — List last year's unfinished tasks and, on confirmation, copy them into
    this year's plan as 上年结转.

    Tasks carried before are not copied again.
    """
    from govtui.carry import already_carried, choose_plans, unfinished
    from govtui.model import TaskRow
    from govtui.output import task_json, task_table
    from govtui.store import today

    if from_year >= to_year:
        fail("--from 应早于 --to (e.g. --from 2024 --to 2025)")
    store = obj.store
    snap = store.snapshot()
    old_plan, new_plan = choose_plans(list(snap.plans.values()), from_year, to_year, org)
    carried = already_carried(snap.tasks, new_plan)
    pending = [t for t in unfinished(snap.tasks, old_plan) if t.id not in carried]
    day = today()
    if as_json:
        emit_json([task_json(t, snap.plans, day) for t in pending])
        return
    if not pending:
        click.echo(f"{old_plan.title}: 没有需要结转的未完成任务 (nothing to carry over"
                   + (f"; {len(carried)} carried before)" if carried else ")"), err=True)
        sys.exit(EXIT_NO_MATCH)
    from govtui.lookup import terminal_width

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
