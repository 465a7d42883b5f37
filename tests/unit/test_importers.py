"""Importers on the shipped samples, on transformed copies of them, and on other members of the family."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from govtui.domain.model import DeadlineKind, ImportedPlan, Role
from govtui.domain.text import fold
from govtui.importers import DocumentError, read_plan

from ..conftest import MERGED_CELLS_TABLE, PROSE_SAMPLE, TABLE_SAMPLE


def summary(imported: ImportedPlan) -> dict[str, object]:
    """Everything about an import that must not depend on encoding or punctuation width."""
    plan = imported.plan
    by_id = {s.id: s for s in plan.sections}
    return {
        "title": fold(plan.title), "org": plan.organization, "year": plan.year, "kind": plan.kind,
        "published": plan.published, "description": fold(plan.description),
        "sections": [(s.level, s.label, fold(s.title), s.parent) for s in plan.sections],
        "tasks": [(t.number, [fold(by_id[s].title) for s in t.sections], fold(t.text),
                   [(u.name, u.role.value, u.generic) for u in t.units], t.deadline.text, t.deadline.due, t.flags)
                  for t in imported.tasks],
    }


def to_fullwidth(text: str) -> str:
    return text.translate(str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"}))


# -- the two samples, exactly -------------------------------------------------------------

def test_table_sample_imports_exactly() -> None:
    imported = read_plan(TABLE_SAMPLE)
    plan = imported.plan
    assert plan.organization == "淮南市残疾人联合会"
    assert plan.year == 2024
    assert plan.kind == "table"
    assert plan.title == "淮南市残疾人联合会2024年政务公开重点工作任务分工"
    tops = [s for s in plan.sections if s.level == 1]
    subs = [s for s in plan.sections if s.level == 2]
    assert [s.label for s in tops] == ["一", "二"]
    assert [s.label for s in subs] == ["(一)", "(二)", "(三)", "(四)", "(六)", "(八)", "(十)", "(十一)"]
    assert all(s.parent in {t.id for t in tops} for s in subs)
    tasks = imported.tasks
    assert [t.number for t in tasks] == ["1", "2", "3", "4", "6", "7", "8", "9", "10", "11", "12", "16", "17",
                                          "20", "21", "22", "23", "25", "26", "27", "28", "29"]
    assert all(t.deadline.text == "持续推进" and t.deadline.kind is DeadlineKind.ONGOING for t in tasks)
    by_number = {t.number: t for t in tasks}
    assert [(u.name, u.role) for u in by_number["9"].units] == [("办公室", Role.LEAD), ("各科室", Role.COOPERATE)]
    assert [(u.name, u.role) for u in by_number["4"].units] == [("相关业务科室", Role.RESPONSIBLE),
                                                                ("办公室", Role.RESPONSIBLE)]
    assert by_number["2"].unit_names() == ["市民生办"]
    assert by_number["1"].text.startswith("及时公开加快构建现代化产业体系")
    assert by_number["29"].text.endswith("依法依规予以问责。")
    assert [plan.section(s).label for s in by_number["16"].sections] == ["二", "(六)"]


def test_prose_sample_imports_exactly() -> None:
    imported = read_plan(PROSE_SAMPLE)
    plan = imported.plan
    assert plan.organization == "台山市民政局"
    assert plan.year == 2019
    assert plan.published == dt.date(2019, 11, 8)
    assert plan.kind == "prose"
    assert plan.description.startswith("2019年市民政局政务公开工作的总体要求是")
    assert len([s for s in plan.sections if s.level == 1]) == 4
    assert len([s for s in plan.sections if s.level == 2]) == 12
    tasks = imported.tasks
    assert len(tasks) == 15
    everything = "\n".join(t.text for t in tasks) + plan.description
    for chrome in ("继续访问", "扫一扫", "版权声明", "联系方式", "来源", "Baidu", "字体", "ts686"):
        assert chrome not in everything
    # annotations are taken off the text, even when the closing bracket is missing
    assert not any("责任股室" in t.text for t in tasks)
    third = tasks[2]
    assert third.text.endswith("增强监管威慑力和公信力。")
    assert third.unit_names() == ["办公室", "养老服务和社会救助股", "慈善事业和社会福利股", "社会事务股"]
    unflagged = [t for t in tasks if "no-units" in t.flags]
    assert [t.text[:7] for t in unflagged] == ["严格落实“三重", "台山市民政局政"]
    assert all(not t.units for t in unflagged)
    assert tasks[7].unit_names() == ["各相关业务股室"]
    assert [plan.section(s).label for s in tasks[7].sections] == ["二"]


# -- transformed copies import identically -------------------------------------------------

@pytest.mark.parametrize("sample", [TABLE_SAMPLE, PROSE_SAMPLE], ids=["table", "prose"])
@pytest.mark.parametrize("variant", ["gb18030", "fullwidth", "bom-crlf", "gb18030-fullwidth-crlf"])
def test_copies_import_identically(tmp_path: Path, sample: Path, variant: str) -> None:
    text = sample.read_text(encoding="utf-8")
    if "fullwidth" in variant:
        text = to_fullwidth(text)
    if "crlf" in variant:
        text = text.replace("\n", "\r\n")
    data = text.encode("gb18030") if "gb18030" in variant else b"\xef\xbb\xbf" + text.encode("utf-8")
    copy = tmp_path / sample.name
    copy.write_bytes(data)
    assert summary(read_plan(copy)) == summary(read_plan(sample))


# -- other members of the family -----------------------------------------------------------

def write(tmp_path: Path, text: str, name: str = "plan.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


ROW_PER_LINE = """XX市XX局2025年政务公开重点工作任务分工
序号 | 工作任务 | 具体要求 | 责任单位 | 完成时限
一、强化政策发布解读
（一）做好政策发布
1 | 政策文件发布 | 及时发布规范性文件，做到应公开尽公开。 | 办公室牵头，各科室配合 | 2025年6月底前
2 | 政策解读 | 同步开展政策解读，5个工作日内完成解读材料。 | 政策法规科 | 年底前
（二）回应社会关切
3 | 舆情回应 | 对涉及本部门的政务舆情48小时内回应。 | 综合科（法规科）、宣传科 | 每季度
二、夯实公开基础
5 | 目录更新 | 动态更新主动公开目录，落实2035年远景目标的公开要求。 | 办公室等按职责分工负责 | 第三季度
"""


def test_row_per_line_table_with_other_columns(tmp_path: Path) -> None:
    imported = read_plan(write(tmp_path, ROW_PER_LINE))
    plan, tasks = imported.plan, imported.tasks
    assert (plan.organization, plan.year, plan.kind) == ("XX市XX局", 2025, "table")
    assert [t.number for t in tasks] == ["1", "2", "3", "5"]
    assert [t.deadline.due for t in tasks] == [dt.date(2025, 6, 30), dt.date(2025, 12, 31), None,
                                              dt.date(2025, 9, 30)]
    assert tasks[2].deadline.kind is DeadlineKind.RECURRING
    assert "政策文件发布" in tasks[0].text and "应公开尽公开" in tasks[0].text
    assert [(u.name, u.role) for u in tasks[0].units] == [("办公室", Role.LEAD), ("各科室", Role.COOPERATE)]
    assert tasks[2].unit_names() == ["综合科(法规科)", "宣传科"]
    assert tasks[3].unit_names() == ["办公室"]
    assert [plan.section(s).label for s in tasks[3].sections] == ["二"]
    assert "5个工作日内" in tasks[1].text  # a duration in the text is not the deadline


def test_markdown_table_and_gb18030(tmp_path: Path) -> None:
    text = """# 某县教育局2023年政务公开工作任务分工表

| 序号 | 主要内容 | 责任部门 | 时限要求 |
|---|---|---|---|
| 1 | 公开教育经费使用情况。 | 计划财务股 | 2023年10月31日前 |
| 2 | 公开招生入学政策。 | 基础教育股、各学校 | 长期坚持 |
"""
    imported = read_plan(write(tmp_path, text, encoding="gb18030"))
    assert imported.plan.organization == "某县教育局"
    assert imported.plan.year == 2023
    assert [t.deadline.due for t in imported.tasks] == [dt.date(2023, 10, 31), None]
    assert imported.tasks[1].units[1].generic


def test_cells_without_separators_and_merged_cells(tmp_path: Path) -> None:
    text = MERGED_CELLS_TABLE.split("\n4\n")[0] + "\n"  # the table without its cut-off task 4
    tasks = read_plan(write(tmp_path, text)).tasks
    assert [t.number for t in tasks] == ["1", "2", "3"]
    assert tasks[0].deadline.due == dt.date(2024, 6, 30)
    # task 2's unit and deadline cells were merged with task 1's
    assert tasks[1].unit_names() == ["执法监督科"]
    assert tasks[1].deadline.text == "6月底前"
    assert tasks[2].unit_names() == ["公共法律服务科"]


def test_table_without_deadline_column(tmp_path: Path) -> None:
    text = """XX市统计局2024年政务公开工作任务清单
序号\t具体要求\t责任科室
1\t按时发布统计数据。\t综合科
2\t做好统计数据解读。\t综合科、各专业科室
"""
    tasks = read_plan(write(tmp_path, text)).tasks
    assert [t.number for t in tasks] == ["1", "2"]
    assert all(t.deadline.kind is DeadlineKind.NONE for t in tasks)
    assert tasks[1].unit_names() == ["综合科", "各专业科室"]


PROSE = """关于印发《XX县人民政府办公室2022年政务公开工作要点》的通知
各乡镇人民政府：现将要点印发给你们，请认真贯彻落实。
一、推进决策公开
（一）完善决策公开制度。严格执行重大行政决策程序，扩大公众参与。（责任单位：县政府办牵头；配合单位：县司法局、各乡镇）
（二）加强解读回应
做好政策解读工作（责任单位：县政府办）。及时回应社会关切（由县融媒体中心负责）。
1.规范解读材料，落实“三同步”要求。（责任单位：县政府办；完成时限：2022年6月底前）
二、加强平台建设
加强政府网站建设，完善栏目设置。(责任单位:县政府办、县政务服务数据管理局等按职责分工负责
"""


def test_prose_family(tmp_path: Path) -> None:
    imported = read_plan(write(tmp_path, PROSE))
    plan, tasks = imported.plan, imported.tasks
    assert plan.title == "XX县人民政府办公室2022年政务公开工作要点"
    assert (plan.organization, plan.year) == ("XX县人民政府办公室", 2022)
    assert [s.title for s in plan.sections] == ["推进决策公开", "完善决策公开制度", "加强解读回应", "加强平台建设"]
    assert [t.text for t in tasks] == [
        "完善决策公开制度。严格执行重大行政决策程序，扩大公众参与。",  # the inline heading leads
        "做好政策解读工作",
        "及时回应社会关切",
        "规范解读材料，落实“三同步”要求。",
        "加强政府网站建设，完善栏目设置。",
    ]
    assert [(u.name, u.role) for u in tasks[0].units] == [("县政府办", Role.LEAD), ("县司法局", Role.COOPERATE),
                                                          ("各乡镇", Role.COOPERATE)]
    assert tasks[2].unit_names() == ["县融媒体中心"]
    assert tasks[3].number == "1"
    assert tasks[3].deadline.due == dt.date(2022, 6, 30)
    assert tasks[4].unit_names() == ["县政府办", "县政务服务数据管理局"]


def test_missing_org_and_year_warn_and_can_be_given(tmp_path: Path) -> None:
    text = "政务公开工作要点\n一、加强公开\n做好信息公开，6月底前完成目录更新。（责任单位：办公室；完成时限：6月底前）\n"
    path = write(tmp_path, text)
    imported = read_plan(path)
    assert imported.plan.year is None and imported.plan.organization == ""
    assert any("制发单位" in w for w in imported.warnings)
    assert any("年度" in w for w in imported.warnings)
    assert imported.tasks[0].deadline.due is None
    given = read_plan(path, organization="某某局", year=2024)
    assert (given.plan.organization, given.plan.year) == ("某某局", 2024)
    assert given.tasks[0].deadline.due == dt.date(2024, 6, 30)
    assert not given.warnings


def test_control_characters_are_removed(tmp_path: Path) -> None:
    text = PROSE.replace("严格执行", "严格\x1b[31m执行\x1b]0;title\x07\x07\x9b2J")
    tasks = read_plan(write(tmp_path, text)).tasks
    assert tasks[0].text.endswith("严格执行重大行政决策程序，扩大公众参与。")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "".join(t.text for t in tasks))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"PK\x03\x04" + b"\x00" * 100, "压缩包"),
        (b"hello\x00world" * 10, "NUL"),
        (b"abc" + b"\x80\xff" * 50, "neither UTF-8 nor GB18030"),
        ("这是一份普通的说明文字，没有任何任务。\n".encode(), "no plan found"),
        (b"   \n\n  \n", "no text"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=message):
        read_plan(path)


def test_missing_and_directory_paths(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="文件不存在"):
        read_plan(tmp_path / "missing.txt")
    with pytest.raises(DocumentError, match="文件夹"):
        read_plan(tmp_path)


def test_prose_responsibility_lines_and_deadline_annotations(tmp_path: Path) -> None:
    text = """2024年XX县民政局政务公开工作要点
一、推进决策公开
（一）完善决策机制
严格执行重大行政决策程序，扩大公众参与。
责任单位：县民政局办公室
（二）加强政策解读
做好政策解读工作。（牵头单位：政策法规股，完成时限：2024年6月底前）
及时回应关切。（完成时限：年底前）
"""
    imported = read_plan(write(tmp_path, text))
    assert (imported.plan.organization, imported.plan.year) == ("XX县民政局", 2024)
    tasks = imported.tasks
    assert [t.text for t in tasks] == ["严格执行重大行政决策程序，扩大公众参与。", "做好政策解读工作。", "及时回应关切。"]
    assert tasks[0].unit_names() == ["县民政局办公室"] and not tasks[0].flags
    assert [(u.name, u.role) for u in tasks[1].units] == [("政策法规股", Role.LEAD)]
    assert tasks[1].deadline.due == dt.date(2024, 6, 30)
    assert tasks[2].deadline.due == dt.date(2024, 12, 31) and tasks[2].flags == ("no-units",)


def test_tab_table_with_subsection_labels_in_the_number_column(tmp_path: Path) -> None:
    text = """附件
XX市财政局2024年政务公开工作任务分解表
序号\t工作任务\t工作措施\t责任科室\t完成时间
（一）\t深化财政信息公开
1\t预决算公开\t按规定公开部门预决算\t预算科\t2024年12月31日
2\t政府采购\t公开采购意向\t政府采购科、办公室\t每月
（二）\t政策解读
3\t解读\t做好政策解读，5个工作日内答复\t综合科\t长期
"""
    imported = read_plan(write(tmp_path, text))
    plan, tasks = imported.plan, imported.tasks
    assert (plan.organization, plan.year) == ("XX市财政局", 2024)
    assert [s.heading for s in plan.sections] == ["(一)深化财政信息公开", "(二)政策解读"]
    assert [t.number for t in tasks] == ["1", "2", "3"]
    assert tasks[1].text == "政府采购\n公开采购意向"
    assert tasks[1].unit_names() == ["政府采购科", "办公室"]
    assert tasks[1].deadline.kind is DeadlineKind.RECURRING
    assert tasks[0].deadline.due == dt.date(2024, 12, 31)
    assert [plan.section(s).label for s in tasks[2].sections] == ["(二)"]


def test_space_aligned_table_chinese_year_and_organisation_above_the_title(tmp_path: Path) -> None:
    text = """XX市市场监督管理局
二〇二四年政务公开重点工作任务分工
序号   工作任务          责任科室        完成时限
一、深化重点领域公开
1      公开抽查结果      执法稽查科      6月底前
2      公开许可信息      审批科、办公室  持续推进
"""
    imported = read_plan(write(tmp_path, text))
    assert (imported.plan.organization, imported.plan.year) == ("XX市市场监督管理局", 2024)
    assert [(t.number, t.text, t.unit_names(), t.deadline.due) for t in imported.tasks] == [
        ("1", "公开抽查结果", ["执法稽查科"], dt.date(2024, 6, 30)),
        ("2", "公开许可信息", ["审批科", "办公室"], None)]


def test_fullwidth_cell_separators(tmp_path: Path) -> None:
    text = TABLE_SAMPLE.read_text(encoding="utf-8").replace("|", "｜")
    assert summary(read_plan(write(tmp_path, text))) == summary(read_plan(TABLE_SAMPLE))
