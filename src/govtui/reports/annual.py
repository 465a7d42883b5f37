"""Year-end report material (政府信息公开工作年度报告素材) for one plan, as Markdown or Word.

Per section: what was done (the tasks, their notes, their proof of publication), what is
unfinished and why (the status and the latest notes, which for blocked tasks say why); then
completion per unit, done tasks still lacking proof, and completion month by month — the
material staff otherwise copy by hand into the annual report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from govtui.domain.model import Plan, Status, Task
from govtui.domain.proof import proof_label
from govtui.domain.recurrence import summary
from govtui.domain.text import one_line, strip_controls
from govtui.reports.progress import MonthlyProgress, monthly
from govtui.reports.reports import ProgressRow, section_report, unit_report


@dataclass(slots=True)
class SectionPart:
    heading: str
    level: int
    done: list[Task] = field(default_factory=list)
    open: list[Task] = field(default_factory=list)
    shown: bool = False  # it, or a subsection of it, has tasks


@dataclass(slots=True)
class AnnualMaterial:
    plan: Plan
    today: dt.date
    whole: ProgressRow
    sections: list[SectionPart]
    units: list[ProgressRow]
    without_proof: list[Task]
    recurring: dict[str, int]
    progress: MonthlyProgress


def build(plan: Plan, tasks: list[Task], history: dict[str, list[dict[str, Any]]], today: dt.date) -> AnnualMaterial:
    tasks = [t for t in tasks if t.plan_id == plan.id]
    parts: dict[str, SectionPart] = {s.id: SectionPart(s.heading, s.level) for s in plan.sections}
    loose = SectionPart("其他任务", 1)
    for task in tasks:
        innermost = next((parts[sid] for sid in reversed(task.sections) if sid in parts), loose)
        (innermost.done if task.status is Status.DONE else innermost.open).append(task)
    for section in plan.sections:
        part = parts[section.id]
        if part.done or part.open:
            part.shown = True
            parent = section.parent
            while parent in parts:
                parts[parent].shown = True
                parent = next((s.parent for s in plan.sections if s.id == parent), None)
    ordered = [parts[s.id] for s in plan.sections if parts[s.id].shown]
    if loose.done or loose.open:
        loose.shown = True
        ordered.append(loose)
    recurring = {"tasks": 0, "total": 0, "met": 0, "due": 0, "missed": 0}
    year = plan.year or today.year
    for task in tasks:
        if task.deadline.kind.value == "recurring":
            recurring["tasks"] += 1
            for key, value in summary(task.deadline.text, year, task.occurrences, today).items():
                recurring[key] += value
    return AnnualMaterial(
        plan=plan, today=today, whole=section_report(plan, tasks, today)[0], sections=ordered,
        units=unit_report(tasks, today), without_proof=[t for t in tasks if t.status is Status.DONE and not t.proof],
        recurring=recurring, progress=monthly(tasks, history, year, today))


def _safe(text: str) -> str:
    return strip_controls(text)


def _task_line(task: Task) -> str:
    return f"[{task.id}] 编号{task.number} {one_line(_safe(task.text))}"


def _open_reason(task: Task, today: dt.date) -> str:
    status = task.display_status(today)
    why = _safe(one_line(task.notes[-1].text)) if task.notes else "暂无进展记录"
    return f"状态：{status}；{'受阻原因' if task.status is Status.BLOCKED else '最新进展'}：{why}{_met(task)}"


def _met(task: Task) -> str:
    """For a recurring duty: which occurrences were met."""
    if task.deadline.kind.value != "recurring":
        return ""
    met = "、".join(str(o.get("label", o.get("due"))) for o in task.occurrences) or "无"
    return f"；周期性任务，已完成：{met}"


def summary_lines(m: AnnualMaterial) -> list[str]:
    w = m.whole
    lines = [f"本年度计划任务 {w.total} 项，已完成 {w.done} 项（完成率 {w.percent}%），进行中 {w.doing} 项，"
             f"受阻 {w.blocked} 项，逾期 {w.overdue} 项。"]
    r = m.recurring
    if r["tasks"]:
        lines.append(f"周期性任务 {r['tasks']} 项，全年共 {r['total']} 期，已到期 {r['due']} 期，已完成 {r['met']} 期，"
                     f"逾期未完成 {r['missed']} 期。")
    lines.append(f"已完成任务中 {len(m.without_proof)} 项尚无公开凭证（链接或索引号）。")
    return lines


def to_markdown(m: AnnualMaterial) -> str:
    plan = m.plan
    out = [f"# {_safe(plan.title)} 年度报告素材", "",
           f"单位：{_safe(plan.organization) or '未注明'}　年度：{plan.year or '未注明'}　"
           f"生成日期：{m.today.isoformat()}",
           "", "## 总体情况", "", *summary_lines(m), ""]
    for part in m.sections:
        out += [f"{'#' * (part.level + 1)} {_safe(part.heading)}", ""]
        if part.done:
            out += ["**已完成**", ""]
            for task in part.done:
                out.append(f"- {_task_line(task)}")
                for note in task.notes:
                    out.append(f"  - 进展（{note.time[:10]}）：{_safe(one_line(note.text))}")
                out.append(f"  - 公开凭证：{_safe(proof_label(task.proof)) or '无'}{_met(task)}")
            out.append("")
        if part.open:
            out += ["**未完成**", ""]
            for task in part.open:
                out.append(f"- {_task_line(task)}")
                out.append(f"  - {_open_reason(task, m.today)}")
            out.append("")
    out += ["## 各单位完成情况", "", "| 单位 | 任务 | 已完成 | 进行中 | 受阻 | 逾期 | 完成率 |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for row in m.units:
        out.append(f"| {_safe(row.name)} | {row.total} | {row.done} | {row.doing} | {row.blocked} | {row.overdue} | "
                   f"{row.percent}% |")
    out += ["", "## 已完成但无公开凭证", ""]
    out += [f"- {_task_line(t)}" for t in m.without_proof] or ["无"]
    out += ["", "## 全年完成进度", "", "| 月份 | 当月到期 | 当月完成 | 累计到期 | 累计完成 |",
            "|---|---:|---:|---:|---:|"]
    for month in m.progress.rows():
        done_total = "" if month["done_total"] is None else month["done_total"]
        out.append(f"| {month['month']}月 | {month['fell_due']} | {month['done']} | {month['fell_due_total']} | "
                   f"{done_total} |")
    out.append("")
    return "\n".join(out)


def to_docx(m: AnnualMaterial) -> bytes:
    """The same material as a Word document (returned as bytes for an atomic write)."""
    import io

    from docx import Document

    doc = Document()
    doc.add_heading(f"{_safe(m.plan.title)} 年度报告素材", level=0)
    doc.add_paragraph(f"单位：{_safe(m.plan.organization) or '未注明'}　年度：{m.plan.year or '未注明'}　"
                      f"生成日期：{m.today.isoformat()}")
    doc.add_heading("总体情况", level=1)
    for line in summary_lines(m):
        doc.add_paragraph(line)
    for part in m.sections:
        doc.add_heading(_safe(part.heading), level=min(part.level + 1, 4))
        if part.done:
            doc.add_paragraph().add_run("已完成").bold = True
            for task in part.done:
                doc.add_paragraph(_task_line(task), style="List Bullet")
                for note in task.notes:
                    doc.add_paragraph(f"进展（{note.time[:10]}）：{_safe(one_line(note.text))}", style="List Bullet 2")
                doc.add_paragraph(f"公开凭证：{_safe(proof_label(task.proof)) or '无'}{_met(task)}",
                                  style="List Bullet 2")
        if part.open:
            doc.add_paragraph().add_run("未完成").bold = True
            for task in part.open:
                doc.add_paragraph(_task_line(task), style="List Bullet")
                doc.add_paragraph(_open_reason(task, m.today), style="List Bullet 2")
    doc.add_heading("各单位完成情况", level=1)
    table = doc.add_table(rows=1, cols=7)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ("单位", "任务", "已完成", "进行中", "受阻", "逾期", "完成率"),
                           strict=True):
        cell.text = title
    for row in m.units:
        cells = table.add_row().cells
        for cell, value in zip(cells, (_safe(row.name), row.total, row.done, row.doing, row.blocked, row.overdue,
                                       f"{row.percent}%"), strict=True):
            cell.text = str(value)
    doc.add_heading("已完成但无公开凭证", level=1)
    for task in m.without_proof:
        doc.add_paragraph(_task_line(task), style="List Bullet")
    if not m.without_proof:
        doc.add_paragraph("无")
    doc.add_heading("全年完成进度", level=1)
    months = doc.add_table(rows=1, cols=5)
    months.style = "Table Grid"
    for cell, title in zip(months.rows[0].cells, ("月份", "当月到期", "当月完成", "累计到期", "累计完成"), strict=True):
        cell.text = title
    for month in m.progress.rows():
        cells = months.add_row().cells
        values = (f"{month['month']}月", month["fell_due"], month["done"], month["fell_due_total"],
                  "" if month["done_total"] is None else month["done_total"])
        for cell, value in zip(cells, values, strict=True):
            cell.text = str(value)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
