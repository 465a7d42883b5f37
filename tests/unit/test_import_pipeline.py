"""The import pipeline on every file format and on each layout family, beyond the real corpus."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from govtui.domain.model import ImportedPlan, Role
from govtui.importers import DocumentError, read_plan, read_plans

Run = Callable[..., subprocess.CompletedProcess[str]]

HEADER = ["工作任务", "序号", "具体要求", "责任单位", "完成时限"]
# A task table with a two-level merged first cell: 一、 and (一) on two lines of one cell, spanning rows.
TABLE = [
    ("一、深化重点领域公开\n(一)财政信息", "1", "公开部门预算和决算。", "财务科", "3月底前"),
    ("一、深化重点领域公开\n(一)财政信息", "2", "公开政府采购信息。", "财务科、办公室", "持续推进"),
    ("(二)民生信息", "3", "公开社会救助政策。", "社会救助科牵头,各科室配合", "6月底前"),
    ("二、加强政策解读\n(三)解读质量", "4", "政策文件与解读同步发布。", "办公室", "年底前"),
    ("(四)回应关切", "5", "及时回应网民留言。", "各科室", "持续推进"),
    ("(四)回应关切", "6", "做好政务舆情监测。", "办公室", "每季度"),
]
TITLE = "XX市民政局2024年政务公开重点工作任务分工"


def shape(imported: ImportedPlan) -> tuple[int, int, int]:
    levels = [s.level for s in imported.plan.sections]
    return levels.count(1), levels.count(2), len(imported.tasks)


def check_table(imported: ImportedPlan) -> None:
    assert (imported.plan.organization, imported.plan.year) == ("XX市民政局", 2024)
    assert shape(imported) == (2, 4, 6)
    tasks = {t.number: t for t in imported.tasks}
    assert [(u.name, u.role) for u in tasks["3"].units] == [("社会救助科", Role.LEAD), ("各科室", Role.COOPERATE)]
    assert tasks["2"].unit_names() == ["财务科", "办公室"]
    assert tasks["1"].deadline.due == dt.date(2024, 3, 31)
    assert tasks["4"].deadline.due == dt.date(2024, 12, 31)
    sections = {s.id: s for s in imported.plan.sections}
    assert [sections[s].heading for s in tasks["6"].sections] == ["二、加强政策解读", "(四)回应关切"]
    assert [sections[s].heading for s in tasks["2"].sections] == ["一、深化重点领域公开", "(一)财政信息"]


def write_docx(path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=1 + len(TABLE), cols=len(HEADER))
    for column, name in enumerate(HEADER):
        table.cell(0, column).text = name
    for r, row in enumerate(TABLE, 1):
        for column, value in enumerate(row[1:], 1):
            table.cell(r, column).text = value
    # merge the first column over the rows that share it, as Word does (vMerge)
    start = 1
    for r in range(2, len(TABLE) + 2):
        if r == len(TABLE) + 1 or TABLE[r - 1][0] != TABLE[start - 1][0]:
            merged = table.cell(start, 0).merge(table.cell(r - 1, 0)) if r - 1 > start else table.cell(start, 0)
            merged.text = TABLE[start - 1][0]
            start = r
    document.save(str(path))


def test_docx_two_level_merged_first_cell(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    write_docx(path)
    imported = read_plan(path)
    assert imported.layout == "表格"
    check_table(imported)


def write_pdf(path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")

    def cell(text: str) -> Paragraph:
        return Paragraph(text.replace("\n", "<br/>"), style)

    data: list[list[object]] = [[cell(h) for h in HEADER]]
    spans = []
    previous = None
    for r, row in enumerate(TABLE, 1):
        first = row[0] if row[0] != previous else ""
        if row[0] == previous:
            spans.append(("SPAN", (0, r - 1), (0, r)))
        previous = row[0]
        data.append([cell(first), *(cell(c) for c in row[1:])])
    table = Table(data, colWidths=[110, 30, 170, 110, 60])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"), ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.black), *spans]))
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph(TITLE, style), table])


def test_pdf_table_with_a_merged_section_cell(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    write_pdf(path)
    imported = read_plan(path)
    check_table(imported)


def as_html(rows: list[tuple[str, ...]]) -> str:
    body = []
    previous, span_rows = None, []
    for i, row in enumerate(rows):
        if row[0] != previous:
            span = next((j for j, later in enumerate(rows[i:]) if later[0] != row[0]), len(rows) - i)
            span_rows.append((i, span))
        previous = row[0]
    starts = dict(span_rows)
    for i, row in enumerate(rows):
        first = f'<td rowspan="{starts[i]}">{row[0].replace(chr(10), "<br>")}</td>' if i in starts else ""
        body.append("<tr>" + first + "".join(f"<td>{c}</td>" for c in row[1:]) + "</tr>")
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    return (f"<html><head><script>var x='一、脚本';</script></head><body><nav>首页 | 政务公开</nav>"
            f"<h1>{TITLE}</h1><p>发布时间: 2023-12-30</p><table>{head}{''.join(body)}</table>"
            "<footer>版权所有</footer></body></html>")


def test_html_table_with_rowspan(tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_text(as_html(TABLE), encoding="utf-8")
    imported = read_plan(path)
    check_table(imported)
    assert imported.plan.published == dt.date(2023, 12, 30)  # a publication date is not the plan year


# -- one table, every text form: the same plan ---------------------------------------------------

def flat(rows: list[tuple[str, ...]]) -> list[list[str]]:
    """Rows as a text dump shows a merged cell: printed in its first row only, empty below."""
    out, previous = [], None
    for row in rows:
        out.append([row[0] if row[0] != previous else "", *row[1:]])
        previous = row[0]
    return out


def text_forms() -> dict[str, str]:
    rows = flat(TABLE)
    one_line = [c.replace("\n", " ") for c in HEADER]
    forms = {
        "pipes": "\n".join([TITLE, " | ".join(one_line) + " |", *(" | ".join(c.replace("\n", " ") for c in r) + " |"
                                                                  for r in rows)]),
        "markdown": "\n".join([TITLE, "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER),
                               *("| " + " | ".join(c.replace("\n", " ") for c in r) + " |" for r in rows)]),
        "tabs": "\n".join([TITLE, "\t".join(HEADER), *("\t".join(c.replace("\n", " ") for c in r) for r in rows)]),
        "cell-per-line": "\n".join([TITLE, *(f"{c}\n|" for c in HEADER),
                                    *(f"{line}\n|" for r in rows for c in r if c for line in [c.replace("\n", " |\n")])]),
        "blank-line-cells": "\n\n".join([TITLE, *HEADER, *(p for r in rows for c in r if c for p in c.split("\n"))]),
        "fullwidth-pipes": "\n".join([TITLE, "｜".join(HEADER), *("｜".join(c.replace("\n", " ") for c in r)
                                                                for r in rows)]).replace(",", "，"),
    }
    return forms


@pytest.mark.parametrize("form", sorted(text_forms()))
def test_one_table_in_every_text_form(tmp_path: Path, form: str) -> None:
    path = tmp_path / f"{form}.txt"
    path.write_text(text_forms()[form], encoding="utf-8")
    imported = read_plan(path)
    assert shape(imported)[2] == 6
    tasks = {t.number: t for t in imported.tasks}
    assert [(u.name, u.role) for u in tasks["3"].units] == [("社会救助科", Role.LEAD), ("各科室", Role.COOPERATE)]
    assert tasks["6"].deadline.kind.value == "recurring"
    assert sum(s.level == 1 for s in imported.plan.sections) == 2


def test_csv_table(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "plan.csv"
    with path.open("w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([TITLE])
        writer.writerow(HEADER)
        writer.writerows(flat(TABLE))
    check_table(read_plan(path))


# -- prose families ------------------------------------------------------------------------------

PROSE = """某某县2023年政务公开工作要点
发布时间: 2024-01-05  来源: 县政府办
一、推进决策公开
(一)深化重大决策公开。严格落实重大行政决策程序。(牵头单位:县司法局;责任单位:县发改局、县财政局;完成时限:2023年6月底前)做好决策草案意见征集。(县司法局负责落实)
(二)做好政策解读。推动解读与文件同步发布(县政府办、县融媒体中心分别负责落实)。加强回应关切
(由县政府办负责)
二、夯实公开基础
持续规范政务公开专栏,及时更新主动公开目录。
责任单位:县政府办
推进2025年亚运会相关信息公开。(县体育局牵头,各乡镇配合
"""


def test_prose_annotations_in_every_form(tmp_path: Path) -> None:
    path = tmp_path / "prose.txt"
    path.write_text(PROSE, encoding="utf-8")
    imported = read_plan(path)
    assert imported.layout.startswith("散文")
    assert (imported.plan.organization, imported.plan.year) == ("某某县", 2023)
    texts = [t.text for t in imported.tasks]
    assert len(texts) == 6, texts
    first = imported.tasks[0]
    assert [(u.name, u.role) for u in first.units] == [("县司法局", Role.LEAD), ("县发改局", Role.RESPONSIBLE),
                                                       ("县财政局", Role.RESPONSIBLE)]
    assert first.deadline.due == dt.date(2023, 6, 30)
    assert imported.tasks[1].unit_names() == ["县司法局"]
    assert imported.tasks[2].unit_names() == ["县政府办", "县融媒体中心"]
    assert imported.tasks[3].text == "加强回应关切" and imported.tasks[3].unit_names() == ["县政府办"]
    assert imported.tasks[4].unit_names() == ["县政府办"]
    last = imported.tasks[5]
    assert [(u.name, u.role) for u in last.units] == [("县体育局", Role.LEAD), ("各乡镇", Role.COOPERATE)]
    assert last.deadline.due is None  # 2025年亚运会 in the text is not a deadline
    assert not any("负责" in u.name for t in imported.tasks for u in t.units)


def test_prose_run_together_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "runin.txt"
    path.write_text(PROSE.replace("\n", " "), encoding="utf-8")  # a web page flattened to one line
    imported = read_plan(path)
    levels = [s.level for s in imported.plan.sections]
    assert (levels.count(1), levels.count(2)) == (2, 2)
    assert len(imported.tasks) >= 5
    assert imported.tasks[0].unit_names()[0] == "县司法局"


def test_traditional_characters_are_read_and_kept_as_printed(tmp_path: Path, run: Run) -> None:
    traditional = ("某某市財政局2024年政務公開重點工作任務分工\n序號 | 具體要求 | 責任單位 | 完成時限\n"
                   "1 | 公開部門預算。 | 辦公室牽頭,各科室配合 | 6月底前\n2 | 更新公開目錄。 | 預算科 | 持續推進\n")
    path = tmp_path / "traditional.txt"
    path.write_text(traditional, encoding="utf-8")
    imported = read_plan(path)
    assert imported.plan.year == 2024 and len(imported.tasks) == 2
    first = imported.tasks[0]
    assert [(u.name, u.role) for u in first.units] == [("辦公室", Role.LEAD), ("各科室", Role.COOPERATE)]
    assert first.deadline.due == dt.date(2024, 6, 30)
    assert imported.tasks[1].deadline.kind.value == "ongoing"
    assert run("import", str(path)).returncode == 0
    found = json.loads(run("--search", "办公室", "--json").stdout)
    assert [t["number"] for t in found] == ["1"]


# -- the year, the organisation, and documents without a plan -----------------------------------

def test_no_year_printed_means_no_year_and_no_dates(tmp_path: Path) -> None:
    path = tmp_path / "noyear.txt"
    path.write_text("发布时间: 2021-03-01\n工作任务 | 具体要求 | 责任科室 | 时限要求\n"
                    "一、做好公开 | 1.公开预算。 | 财务科 | 年底前\n", encoding="utf-8")
    imported = read_plan(path)
    assert imported.plan.year is None and imported.tasks[0].deadline.due is None
    assert imported.tasks[0].deadline.text == "年底前"


def test_nothing_found_says_what_was_seen(tmp_path: Path, run: Run, db: Path) -> None:
    assert run("import", str(Path(__file__).parents[2] / "data" / "huainan-2024-task-division.txt")).returncode == 0
    before = db.read_bytes()
    path = tmp_path / "notice.txt"
    path.write_text("关于开展政务公开培训的通知\n一、培训时间\n二、培训地点\n", encoding="utf-8")
    result = run("import", str(path))
    assert result.returncode == 2
    assert "没有找到计划任务" in result.stderr and "识别到" in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == before


@pytest.mark.parametrize("name", ["plan.doc", "plan.wps"])
def test_old_office_files_are_refused_with_advice(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    with pytest.raises(DocumentError, match=r"另存为 \.docx 或 PDF"):
        read_plans(path)


# -- preview and re-import -----------------------------------------------------------------------

def test_dry_run_previews_without_writing(tmp_path: Path, run: Run, db: Path) -> None:
    path = tmp_path / "plan.docx"
    write_docx(path)
    result = run("import", "--dry-run", str(path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2 个部分, 4 个小节, 6 项任务" in out and "识别为: 表格" in out and "将新建计划" in out
    assert "(一)财政信息  [2 项]" in out and "未写入" in out
    assert not db.exists()


def test_a_dry_run_creates_no_default_store(tmp_path: Path, run: Run, isolated_env: Path) -> None:
    """Without --db a first command creates the default store with the samples; a preview does not."""
    path = tmp_path / "plan.docx"
    write_docx(path)
    result = run("import", "--dry-run", str(path), use_db=False)
    assert result.returncode == 0 and "将新建计划" in result.stdout, result.stderr
    assert not list(isolated_env.rglob("store.json")) and "示例" not in result.stderr
    assert run("import", str(path), use_db=False).returncode == 0  # a real import does create it
    assert list(isolated_env.rglob("store.json"))


def test_reimport_shows_the_diff_and_asks_before_removing(tmp_path: Path, run: Run, db: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(text_forms()["pipes"], encoding="utf-8")
    assert run("import", str(path)).returncode == 0
    assert run("set", "1-2", "--note", "已公开采购意向").returncode == 0
    revised = "\n".join(line for line in text_forms()["pipes"].splitlines()
                        if not line.startswith((" | 2 |", " | 6 |"))).replace("及时回应网民留言", "及时回应网民留言和来信")
    path.write_text(revised, encoding="utf-8")
    preview = run("import", "--dry-run", str(path))
    assert "1-5 要求 及时回应网民留言。 → 及时回应网民留言和来信。" in preview.stdout, preview.stdout
    assert "修改 1," in preview.stdout and "移除(无进展记录): 1-6" in preview.stdout
    assert "但有状态或进展记录(将保留并标记): 1-2" in preview.stdout
    before = db.read_bytes()
    refused = run("import", str(path))  # no terminal to ask on, no --yes
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert db.read_bytes() == before
    done = run("import", "--yes", str(path))
    assert done.returncode == 0, done.stderr
    kept = json.loads(run("show", "1-2", "--json").stdout)
    assert "not-in-document" in kept["flags"] and kept["notes"]
    assert run("show", "1-6").returncode != 0
    assert "网民留言和来信" in json.loads(run("show", "1-5", "--json").stdout)["text"]


def test_table_family_details(tmp_path: Path) -> None:
    """Section numerals alone in the number column, a short requirement that ends like a unit, a note
    under the table, and a notice title naming its office before 关于印发."""
    path = tmp_path / "details.txt"
    path.write_text("XX市人民政府办公室关于印发XX市2024年政务公开工作任务清单的通知\n"
                    "序号 | 重点任务 | 具体要求 | 责任单位 | 完成时限\n"
                    "一 | 深化重点领域公开 | | |\n"
                    "1 | 建设专区 | 规范政务公开专区 | 市政务服务中心 | 6月底前\n"
                    "2 | 公开预算 | 公开部门预算。 | 市财政局 | 持续推进\n"
                    "二 | 加强解读 | | |\n"
                    "3 | 解读 | 做好政策解读。 | 市政府办 | 年底前\n"
                    "注:各单位按要求报送落实情况。\n", encoding="utf-8")
    imported = read_plan(path)
    assert (imported.plan.organization, imported.plan.year) == ("XX市", 2024)
    assert [s.heading for s in imported.plan.sections] == ["一、深化重点领域公开", "二、加强解读"]
    tasks = {t.number: t for t in imported.tasks}
    assert list(tasks) == ["1", "2", "3"]
    assert tasks["1"].unit_names() == ["市政务服务中心"] and "规范政务公开专区" in tasks["1"].text
    assert "报送" not in tasks["3"].text


def test_prose_annotation_in_square_brackets(tmp_path: Path) -> None:
    path = tmp_path / "brackets.txt"
    path.write_text("XX区2024年政务公开工作要点\n一、加强公开\n做好预算公开。【责任单位：区财政局】\n"
                    "做好解读〔牵头单位：区政府办；配合单位：各街道〕\n", encoding="utf-8")
    tasks = read_plan(path).tasks
    assert [t.unit_names() for t in tasks] == [["区财政局"], ["区政府办", "各街道"]]
    assert tasks[1].text == "做好解读"


def test_unit_named_twice_and_person_keys(tmp_path: Path) -> None:
    """A unit named in the annotation and again on a 责任单位 line is one unit; 责任领导 names a person."""
    doc = tmp_path / "plan.txt"
    doc.write_text("某县2024年政务公开工作要点\n一、加强公开\n(一)公开预算。公开预算信息。(责任领导:张明;责任单位:县财政局)\n"
                   "责任单位:县财政局\n", encoding="utf-8")
    imported = read_plan(doc)
    assert [(u.name, u.role) for u in imported.tasks[0].units] == [("县财政局", Role.RESPONSIBLE)]


def test_placeholder_cells_and_closing_lines(tmp_path: Path) -> None:
    """无 in a 配合单位 column is an empty cell; the signing office and its date after a plan are no tasks."""
    table = tmp_path / "table.txt"
    table.write_text("某县2024年政务公开任务清单\n序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |\n"
                     "1 | 公开预算信息。 | 县财政局 | 无 | 2024年9月底前 |\n", encoding="utf-8")
    task = read_plan(table).tasks[0]
    assert [(u.name, u.role) for u in task.units] == [("县财政局", Role.LEAD)]
    assert task.deadline.text == "2024年9月底前"
    prose = tmp_path / "prose.txt"
    prose.write_text("某县2024年政务公开工作要点\n一、加强公开\n(一)公开预算。公开预算信息。(县财政局负责)\n"
                     "— 2 —\n某县人民政府办公室\n2024年3月1日\n(此件公开发布)\n", encoding="utf-8")
    assert [t.text for t in read_plan(prose).tasks] == ["公开预算。公开预算信息。"]  # the inline heading's title leads


@pytest.mark.parametrize("last", [1005, 12000])
def test_row_numbers_past_999_are_kept_as_printed(tmp_path: Path, last: int) -> None:
    """Numbers of four and five digits are row numbers too (they were read as 999.1, 999.2 …)."""
    rows = "\n".join(f"{i} | 做好第{i}项信息公开工作。 | 办公室 | 2024年6月底前 |" for i in range(1, last + 1))
    source = tmp_path / "plan.txt"
    source.write_text("某局2024年政务公开重点工作任务分工\n序号 | 工作任务 | 责任单位 | 完成时限 |\n" + rows + "\n",
                      encoding="utf-8")
    plan = read_plan(source)
    assert [t.number for t in plan.tasks] == [str(i) for i in range(1, last + 1)]
    assert plan.tasks[-1].text == f"做好第{last}项信息公开工作。"


def test_one_registry_of_readers_and_layouts_that_read_capabilities_not_formats() -> None:
    """A file's bytes decide over its name for the binary formats, plain text comes last, and no layout
    asks which format a document came from (it asks what the reader could tell: merges, aligned cells)."""
    from govtui.importers.readers import READERS, reader_for

    zipped_word = b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml"
    assert reader_for(".txt", zipped_word).format == "docx"
    assert reader_for(".xlsx", b"PK\x03\x04").format == "xlsx"  # named so: the reader says what is wrong
    assert reader_for("", b"%PDF-1.7").format == "pdf"
    assert reader_for(".txt", b"<!DOCTYPE html><html><body><p>x</p></body></html>").format == "html"
    assert reader_for(".txt", "<html><body>".encode("utf-16")).format == "html"
    assert reader_for(".csv", "序号,任务".encode()).format == "csv"
    assert reader_for(".txt", "一、总体要求".encode("gb18030")).format == "text"
    assert [r.format for r in READERS][-1] == "text"
    layouts = Path(__file__).parents[2] / "src" / "govtui" / "importers" / "layouts"
    asking = [f"{p.name}: {line.strip()}" for p in layouts.glob("*.py")
              for line in p.read_text(encoding="utf-8").splitlines() if ".format" in line]
    assert asking == []
