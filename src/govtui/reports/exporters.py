"""Exports: the plans as an Excel workbook laid out like a task-division table, CSV (UTF-8 with BOM,
so Excel opens it), Markdown grouped by section, or JSON.

An exported workbook imports back into an empty store with every task, unit and deadline.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
from pathlib import Path
from typing import Any

import orjson

from govtui.domain.files import atomic_write
from govtui.domain.model import Plan, Task
from govtui.domain.proof import proof_label
from govtui.domain.text import cell_len, strip_controls
from govtui.domain.units import format_units
from govtui.reports.output import task_json
from govtui.reports.progress import monthly
from govtui.reports.reports import section_report

COLUMNS = ["序号", "一级任务", "二级任务", "具体要求", "责任单位", "时限要求", "到期日", "状态", "最新进展", "公开凭证"]
FORMATS = ("xlsx", "csv", "md", "json")
#: A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would take ``text`` for a formula (a document or a note may say ``=HYPERLINK(…)``)."""
    return text.startswith(FORMULA_START)


def csv_cell(text: str) -> str:
    """A cell as a spreadsheet should show it: no control characters, and a formula-like text made
    text by a leading apostrophe, as OWASP advises (Excel hides it)."""
    text = strip_controls(text)
    return "'" + text if is_formula_like(text) else text


def _disarm(workbook: Any) -> None:
    """Every text cell of ``workbook`` kept as text: control characters removed (Excel cannot hold
    them), and a formula-like text stored as a string with Excel's quote prefix, never as a formula
    (its text is unchanged, so the workbook still imports back as it was)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    text = strip_controls(cell.value)
                    if text != cell.value:
                        cell.value = text
                    if is_formula_like(text):
                        cell.data_type = "s"
                        cell.quotePrefix = True


def _headings(plan: Plan, task: Task) -> tuple[str, str]:
    top = sub = ""
    for sid in task.sections:
        section = plan.section(sid)
        if section is None:
            continue
        if section.level == 1:
            top = section.heading
        else:
            sub = section.heading
    return top, sub


def task_row(plan: Plan, task: Task, today: dt.date) -> list[str]:
    top, sub = _headings(plan, task)
    last_note = task.notes[-1].text if task.notes else ""
    return [task.number, top, sub, task.text, format_units(task.units), task.deadline.text,
            task.deadline.due.isoformat() if task.deadline.due else "", task.display_status(today), last_note,
            proof_label(task.proof)]


def _sheet_name(plan: Plan, used: set[str]) -> str:
    base = "".join(c for c in f"{plan.id} {plan.organization or plan.title}" if c not in "[]:*?/\\")[:28]
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]}-{n}", n + 1
    used.add(name)
    return name


def to_xlsx(path: Path, plans: list[Plan], tasks: list[Task], today: dt.date,
            history: dict[str, list[dict[str, Any]]] | None = None) -> None:
    """The workbook, written whole or not at all (a full disk or a kill never leaves half a zip)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    summary = workbook.worksheets[0]  # a new workbook has one sheet
    summary.title = "汇总"
    summary.append(["计划", "任务", "已完成", "进行中", "受阻", "逾期", "完成率%"])
    used = {"汇总"}
    for plan in plans:
        plan_tasks = [t for t in tasks if t.plan_id == plan.id]
        whole = section_report(plan, plan_tasks, today)[0]
        summary.append([plan.title, whole.total, whole.done, whole.doing, whole.blocked, whole.overdue, whole.percent])
        sheet = workbook.create_sheet(_sheet_name(plan, used))
        sheet.append([plan.title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append(COLUMNS)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for task in plan_tasks:
            sheet.append(task_row(plan, task, today))
        # merge runs of the same section, as the printed tables do
        for column in (2, 3):
            start = 3
            for row in range(3, sheet.max_row + 2):
                value = sheet.cell(row, column).value if row <= sheet.max_row else None
                if row > sheet.max_row or value != sheet.cell(start, column).value:
                    if row - 1 > start and sheet.cell(start, column).value:
                        sheet.merge_cells(start_row=start, start_column=column, end_row=row - 1, end_column=column)
                    start = row
        for letter, width in zip("ABCDEFGHIJ", (6, 24, 24, 60, 24, 14, 12, 8, 30, 30), strict=True):
            sheet.column_dimensions[letter].width = width
        for cells in sheet.iter_rows(min_row=3):
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    # 汇总's columns as wide as what they hold (a Chinese character is two units wide, as on screen)
    titles = [cell_len(p.title) for p in plans]
    summary.column_dimensions["A"].width = min(70, max([8, *titles]) + 2)
    for letter in "BCDEFG":
        summary.column_dimensions[letter].width = 10
    for cell in summary[1]:
        cell.font = Font(bold=True)
    _progress_sheet(workbook, plans, tasks, today, history or {})
    _disarm(workbook)
    buffer = io.BytesIO()
    failure: OSError | None = None
    try:
        workbook.save(buffer)  # openpyxl stages sheets in temporary files: a full disk fails here too
    except OSError as exc:
        failure = OSError(exc.errno, exc.strerror, str(path))
    except Exception as exc:  # lxml's SerialisationError (IO_ENOSPC, IO_EFBIG …) is no OSError
        reason = str(exc)
        code = errno.ENOSPC if "ENOSPC" in reason else errno.EFBIG if "EFBIG" in reason else errno.EIO
        failure = OSError(code, f"无法生成 Excel 文件 ({reason})", str(path))
    if failure is not None:
        del workbook
        _close_quietly()
        raise failure
    atomic_write(path, buffer.getvalue())


def _close_quietly() -> None:
    """Let the sheet writers of a failed save go now, without their second report of the same error."""
    import gc
    import sys

    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook


def _progress_sheet(workbook, plans: list[Plan], tasks: list[Task], today: dt.date,  # type: ignore[no-untyped-def]
                    history: dict[str, list[dict[str, Any]]]) -> None:
    """全年进度: per plan, tasks fell due and done month by month (cumulative), with a line chart."""
    from openpyxl.chart import LineChart, Reference

    sheet = workbook.create_sheet("全年进度")
    row = 1
    for plan in plans:
        plan_tasks = [t for t in tasks if t.plan_id == plan.id]
        if not plan_tasks:
            continue
        progress = monthly(plan_tasks, history, plan.year or today.year, today)
        sheet.cell(row, 1, plan.title)
        sheet.append(["月份", "当月到期", "当月完成", "累计到期", "累计完成"])
        head = row + 1
        for month in progress.rows():
            sheet.append([f"{month['month']}月", month["fell_due"], month["done"], month["fell_due_total"],
                          month["done_total"]])
        chart = LineChart()
        chart.title = f"{progress.year}年 完成进度"
        chart.y_axis.title = "任务数"
        chart.x_axis.title = "月份"
        chart.add_data(Reference(sheet, min_col=4, max_col=5, min_row=head, max_row=head + 12), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=head + 1, max_row=head + 12))
        chart.height, chart.width = 7.5, 16
        sheet.add_chart(chart, f"G{row}")
        row = head + 12 + 4  # the next plan's block, below this chart


def to_csv(plans: list[Plan], tasks: list[Task], today: dt.date) -> bytes:
    by_id = {p.id: p for p in plans}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["计划", *COLUMNS])
    for task in tasks:
        plan = by_id.get(task.plan_id)
        if plan is not None:
            writer.writerow([csv_cell(cell) for cell in (plan.title, *task_row(plan, task, today))])
    return out.getvalue().encode("utf-8-sig")


def to_markdown(plans: list[Plan], tasks: list[Task], today: dt.date) -> str:
    lines: list[str] = []
    for plan in plans:
        plan_tasks = [t for t in tasks if t.plan_id == plan.id]
        if not plan_tasks:
            continue
        lines += [f"# {plan.title}", ""]
        shown: set[str] = set()
        for task in plan_tasks:
            for sid in task.sections:
                section = plan.section(sid)
                if section is not None and sid not in shown:
                    shown.add(sid)
                    lines += [f"{'#' * (section.level + 1)} {section.heading}", ""]
            due = f"，到期 {task.deadline.due.isoformat()}" if task.deadline.due else ""
            units = format_units(task.units) or "未注明"
            # an ordered item where the number can be one (10.), else a bullet (- 1.10, - N1); the
            # details indented to the item's text, whatever the number's width, so they nest under it
            marker = f"{task.number}." if task.number.isdigit() and len(task.number) <= 9 else f"- {task.number}"
            indent = " " * (cell_len(marker) + 1)
            lines.append(f"{marker} {' '.join(task.text.split())}")
            lines.append(f"{indent}- 责任单位：{units}；时限：{task.deadline.text or '未注明'}{due}；"
                         f"状态：{task.display_status(today)}")
            if task.notes:
                lines.append(f"{indent}- 最新进展：{' '.join(task.notes[-1].text.split())}")
            if task.proof:
                lines.append(f"{indent}- 公开凭证：{proof_label(task.proof)}")
        lines.append("")
    return strip_controls("\n".join(lines))


def to_json(plans: list[Plan], tasks: list[Task], today: dt.date) -> bytes:
    by_id = {p.id: p for p in plans}
    return orjson.dumps([task_json(t, by_id, today) for t in tasks], option=orjson.OPT_INDENT_2) + b"\n"


def format_of(path: Path) -> str | None:
    """The export format a file name asks for (``.xlsx``, ``.csv``, ``.md``/``.markdown``, ``.json``), else None."""
    suffix = path.suffix.lower().lstrip(".")
    return {"markdown": "md"}.get(suffix, suffix) if suffix in (*FORMATS, "markdown") else None


def write(path: Path, fmt: str, plans: list[Plan], tasks: list[Task], today: dt.date,
          history: dict[str, list[dict[str, Any]]] | None = None) -> None:
    """Write ``tasks`` (of ``plans``) to ``path`` in format ``fmt`` (atomically, privately, never through a
    symbolic link; raises OSError)."""
    if fmt == "xlsx":
        to_xlsx(path, plans, tasks, today, history)
        return
    atomic_write(path, text_payload(fmt, plans, tasks, today))


def text_payload(fmt: str, plans: list[Plan], tasks: list[Task], today: dt.date) -> bytes:
    """The bytes of a csv, md or json export (the formats that can also go to stdout)."""
    return {"csv": lambda: to_csv(plans, tasks, today),
            "md": lambda: to_markdown(plans, tasks, today).encode("utf-8"),
            "json": lambda: to_json(plans, tasks, today)}[fmt]()
