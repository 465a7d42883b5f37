"""Word, Excel, CSV and web-page documents in; Excel, CSV, Markdown and JSON out — on real files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from govtui.domain.model import DeadlineKind, Role
from govtui.importers import DocumentError, read_plan, read_plans

from ..conftest import PROSE_SAMPLE, TABLE_SAMPLE

HEADER = ["序号", "一级任务", "二级任务", "主要内容", "牵头单位", "配合单位", "完成时限"]
ROWS = [
    ["1", "一、深化重点领域公开", "(一)财政信息", "公开部门预决算。", "财务科", "办公室", "2024年3月底前"],
    ["2", "一、深化重点领域公开", "(一)财政信息", "公开政府采购信息。", "财务科", "", "持续推进"],
    ["3", "一、深化重点领域公开", "(二)民生信息", "公开社会救助政策。", "社会救助科", "各科室", "6月底前"],
    ["5", "二、加强解读回应", "(一)政策解读", "做好政策解读，5个工作日内答复。", "政策法规科（法制办）", "", "每季度"],
]


def check_family_plan(imported, org: str = "XX市民政局") -> None:  # type: ignore[no-untyped-def]
    plan, tasks = imported.plan, imported.tasks
    assert (plan.organization, plan.year, plan.kind) == (org, 2024, "table")
    assert [s.heading for s in plan.sections] == ["一、深化重点领域公开", "(一)财政信息", "(二)民生信息",
                                                  "二、加强解读回应", "(一)政策解读"]
    assert [t.number for t in tasks] == ["1", "2", "3", "5"]
    assert [(u.name, u.role) for u in tasks[0].units] == [("财务科", Role.LEAD), ("办公室", Role.COOPERATE)]
    assert [(u.name, u.role) for u in tasks[2].units] == [("社会救助科", Role.LEAD), ("各科室", Role.COOPERATE)]
    assert tasks[3].unit_names() == ["政策法规科(法制办)"]
    assert [t.deadline.due for t in tasks] == [dt.date(2024, 3, 31), None, dt.date(2024, 6, 30), None]
    assert tasks[3].deadline.kind is DeadlineKind.RECURRING
    assert tasks[1].text == "公开政府采购信息。"


def test_docx_table_with_merged_section_cells(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("XX市民政局2024年政务公开重点工作任务分工")
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for i, text in enumerate(HEADER):
        table.cell(0, i).text = text
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate(row):
            if c in (1, 2) and r > 1 and ROWS[r - 2][c] == text:
                continue  # merged below
            table.cell(r, c).text = text
    table.cell(1, 1).merge(table.cell(3, 1))  # 一、 spans three rows
    table.cell(1, 2).merge(table.cell(2, 2))  # (一) spans two rows
    path = tmp_path / "plan.docx"
    document.save(path)
    check_family_plan(read_plan(path))


def test_docx_prose_plan(tmp_path: Path) -> None:
    document = Document()
    for line in PROSE_SAMPLE.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line.strip())
    path = tmp_path / "要点.docx"
    document.save(path)
    imported = read_plan(path)
    assert (imported.plan.organization, imported.plan.year, len(imported.tasks)) == ("台山市民政局", 2019, 15)
    assert len([s for s in imported.plan.sections if s.level == 2]) == 12


def test_xlsx_title_row_header_below_and_merged_cells(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["XX市民政局2024年政务公开重点工作任务分工"])
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(["工作任务", "", "", "主要内容", "牵头单位", "配合单位", "完成时限"])  # section columns unnamed
    for row in ROWS:
        sheet.append(row)
    for cell in ("B5", "B6", "C5"):  # as Excel keeps them: only the top-left cell of a merge has a value
        sheet[cell] = None
    sheet.merge_cells("B4:B6")
    sheet.merge_cells("C4:C5")
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    check_family_plan(read_plan(path))


def test_csv_utf8_and_gb18030(tmp_path: Path) -> None:
    lines = ["XX市民政局2024年政务公开重点工作任务分工", ",".join(HEADER)]
    previous: list[str] = []
    for row in ROWS:  # as Excel saves merged cells: empty below the first row
        shown = [("" if i in (1, 2) and previous and previous[i] == v else v) for i, v in enumerate(row)]
        lines.append(",".join(f'"{v}"' for v in shown))
        previous = row
    text = "\r\n".join(lines) + "\r\n"
    for encoding in ("utf-8-sig", "gb18030"):
        path = tmp_path / f"plan-{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        check_family_plan(read_plan(path))


def test_html_page_with_chrome_is_parsed_like_the_text_sample(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in PROSE_SAMPLE.read_text(encoding="utf-8").splitlines())
    page = (f"<html><head><title>x</title><script>var a = '一、脚本';</script></head><body>"
            f"<nav>首页 | 政务公开 | 一、导航</nav><div class='article'>{body}</div>"
            f"<footer>版权所有 © 台山市</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    imported = read_plan(path)
    assert (imported.plan.organization, imported.plan.year) == ("台山市民政局", 2019)
    assert imported.plan.published == dt.date(2019, 11, 8)
    assert len(imported.tasks) == 15
    assert not any("脚本" in t.text or "导航" in t.text for t in imported.tasks)


def test_html_page_with_a_task_table(tmp_path: Path) -> None:
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in ROWS)
    page = ("<html><body><h1>XX市民政局2024年政务公开重点工作任务分工</h1><table><tr>"
            + "".join(f"<th>{h}</th>" for h in HEADER) + f"</tr>{rows}</table></body></html>")
    path = tmp_path / "table.htm"
    path.write_text(page, encoding="gb18030")
    check_family_plan(read_plan(path))


def test_broken_office_files_are_clear_errors(tmp_path: Path) -> None:
    for name in ("bad.docx", "bad.xlsx"):
        path = tmp_path / name
        path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
        with pytest.raises(DocumentError, match="不是可读取的"):
            read_plan(path)
    empty = tmp_path / "empty.xlsx"
    Workbook().save(empty)
    with pytest.raises(DocumentError, match="没有找到计划任务"):
        read_plan(empty)


def test_export_formats_and_xlsx_round_trip(run, seeded: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("set", "1-9", "--status", "done", "--note", "已完成解读").returncode == 0
    out = tmp_path / "out.xlsx"
    assert run("export", "--format", "xlsx", "-o", str(out)).returncode == 0
    workbook = load_workbook(out)
    assert workbook.sheetnames[0] == "汇总" and len(workbook.sheetnames) == 4
    assert workbook.sheetnames[-1] == "全年进度"  # month by month, one line chart per plan
    sheet = workbook.worksheets[1]
    assert sheet["A1"].value == "淮南市残疾人联合会2024年政务公开重点工作任务分工"
    assert [c.value for c in sheet[2]][:6] == ["序号", "一级任务", "二级任务", "具体要求", "责任单位", "时限要求"]
    originals = {p.plan.title: p for p in (read_plan(TABLE_SAMPLE), read_plan(PROSE_SAMPLE))}
    back = read_plans(out)
    assert len(back) == 2
    for imported in back:
        original = originals[imported.plan.title]
        assert imported.plan.organization == original.plan.organization and imported.plan.year == original.plan.year
        assert [(t.number, t.text, [(u.name, u.role) for u in t.units], t.deadline.text, t.deadline.due)
                for t in imported.tasks] == \
            [(t.number, t.text, [(u.name, u.role) for u in t.units], t.deadline.text, t.deadline.due)
             for t in original.tasks]
    second = tmp_path / "again.json"
    result = run("--db", str(second), "import", str(out), use_db=False)
    assert result.returncode == 0, result.stderr

    csv_path = tmp_path / "out.csv"
    assert run("export", "-f", "csv", "--unit", "办公室", "-o", str(csv_path)).returncode == 0
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").count("\n") == 27  # header + 26 tasks naming 办公室

    md = run("export", "-f", "md", "--plan", "1", "-o", "-").stdout
    assert md.startswith("# 淮南市残疾人联合会2024年政务公开重点工作任务分工")
    assert "## 一、围绕服务经济和保障民生抓好主动公开" in md and "### (四)解读质量再提高" in md
    assert "最新进展：已完成解读" in md
    data = json.loads(run("export", "-f", "json", "-o", "-").stdout)
    assert len(data) == 37 and data[0]["id"] == "1-1"


def test_docx_table_continued_over_pages_is_one_plan(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("XX市民政局2024年政务公开重点工作任务分工")
    for part in (ROWS[:2], ROWS[2:]):
        table = document.add_table(rows=1 + len(part), cols=len(HEADER))
        for i, text in enumerate(HEADER):
            table.cell(0, i).text = text  # the header repeated on the next page
        for r, row in enumerate(part, start=1):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.add_page_break()
    path = tmp_path / "pages.docx"
    document.save(path)
    plans = read_plans(path)
    assert len(plans) == 1
    check_family_plan(plans[0])
