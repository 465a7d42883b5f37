"""One rule of the importer each, shown on a few lines of invented text (the families are in tests/corpus/real)."""

from __future__ import annotations

from govtui.domain.model import ImportedPlan
from govtui.domain.text import ROUND_BRACKETS, normalize
from govtui.domain.units import parse_annotation
from govtui.importers import parse_text


def units(imported: ImportedPlan) -> list[list[tuple[str, str]]]:
    return [[(u.name, u.role.value) for u in t.units] for t in imported.tasks]


def test_pinyin_glosses_do_not_hide_a_unit_or_an_organisation() -> None:
    """A site that injects pinyin after characters (區(qū), 質(zhì)): names are still told by what they say, and kept as printed."""
    text = ("東湖區(qū)關于推進基層政務公開的實施方案\n一、重點任務\n"
            "1.公開安全生產信息。(政策研究室牽頭,安全與質(zhì)量監(jiān)督管理司、海事局等按職責分工負責)\n")
    imported = parse_text(text, "x.txt")
    assert imported.plan.organization == "東湖區"
    assert units(imported) == [[("政策研究室", "lead"), ("安全與質(zhì)量監(jiān)督管理司", "responsible"),
                                ("海事局", "responsible")]]


def test_an_organisation_never_starts_with_a_number() -> None:
    imported = parse_text("1、教育局關于政务公开工作的实施方案\n一、任务\n(一)公开信息。(办公室负责)\n", "x.txt")
    assert imported.plan.organization == "教育局"  # ``1、`` is a sharing page's page marker: no part of the name


def test_a_bracketed_sentence_with_nothing_under_it_is_a_task() -> None:
    """``(一)2020年底前,建成…。`` followed by the next ``(二)``: numbered sentences, not subsection titles."""
    text = ("某市政务公开实施方案\n一、目标要求\n坚持公开为常态,全面推进基层政务公开标准化建设。\n"
            "(一)2020年年底前,初步建成试点领域事项目录体系,组织保障更加有力。\n"
            "(二)2022年6月底前,制定完成公开事项标准和规范,全面推开。\n")
    imported = parse_text(text, "x.txt")
    assert [s.level for s in imported.plan.sections] == [1]
    assert [t.number for t in imported.tasks] == ["1", "(一)", "(二)"]


def test_an_annotated_paragraph_before_the_first_heading_is_a_task() -> None:
    """An excerpt that starts mid-plan: text closed by ``(X牵头落实)`` before any heading is its first task."""
    text = ("加大减税降费政策的公开力度,充分发挥新媒体的主动推送功能,扩大政策知晓度。(县税务局牵头落实)\n"
            "(二)推进市场监管公开透明。(县市场监管局牵头落实)\n")
    imported = parse_text(text, "x.txt")
    assert units(imported) == [[("县税务局", "lead")], [("县市场监管局", "lead")]]
    assert imported.plan.description == ""


def test_a_yearless_implementation_plan_takes_no_year_from_what_it_cites() -> None:
    """A multi-year 实施方案 carries out documents of their own years: those years are not the plan's."""
    text = ("某县推进基层政务公开标准化规范化工作实施方案\n"
            "为贯彻落实《某省推进基层政务公开标准化规范化工作实施方案》(某政办〔2020〕5号)精神,制订本方案。\n"
            "一、重点任务\n(一)公开事项目录。(县政府办负责)\n")
    assert parse_text(text, "x.txt").plan.year is None


def test_a_span_of_years_or_a_cited_title_in_the_title_gives_no_year() -> None:
    span = "某市政务公开工作重点任务分工(2016-2020年)\n一、任务\n1.公开决策。\n牵头单位:市政府办公厅\n完成时限:2018年底\n"
    assert parse_text(span, "x.txt").plan.year is None
    cited = "某市贯彻〈某省政务公开五年行动计划(2021—2025年)〉实施方案\n一、任务\n(一)公开事项。(市政府办负责)\n"
    assert parse_text(cited, "x.txt").plan.year is None


def test_keyed_lines_of_a_hard_wrapped_page_stay_apart() -> None:
    """``牵头单位:…`` and ``完成时限:…`` each start a line, even where the page wraps lines at a fixed width."""
    wrap = "推进本市行政程序立法进程,将公众参与、专家论证、风险评估、合法性审查确定为重大行政决策法定程序,决策"
    text = "某市政务公开工作任务分工\n一、推进决策公开\n" + "".join(
        f"{n}.{wrap}\n牵头单位:市政府法制办\n完成时限:2018年底\n" for n in (1, 2, 3, 4))
    imported = parse_text(text, "x.txt")
    assert units(imported) == [[("市政府法制办", "lead")]] * 4
    assert {t.deadline.text for t in imported.tasks} == {"2018年底"}


def test_a_file_name_is_the_title_only_when_the_text_prints_none() -> None:
    shared = "镇2024年政务公开工作要点.docx\n一、任务\n(一)公开预算。(镇财政所负责)\n"
    assert (parse_text(shared, "x.txt").plan.title, parse_text(shared, "x.txt").plan.year) == ("镇2024年政务公开工作要点", 2024)
    both = "某市政务公开要点.docx\n某市2017年政务公开工作要点\n一、任务\n(一)公开预算。(市财政局负责)\n"
    assert parse_text(both, "x.txt").plan.year == 2017


def test_items_run_in_on_one_line_are_tasks() -> None:
    """``(一)标题。1.…;2.…;3.…`` with no annotation: three tasks under the subsection."""
    text = ("某县政府信息公开工作细则\n一、重点领域\n"
            "(一)脱贫攻坚信息公开。1.扶贫政策、扶贫规划等信息;2.扶贫项目的基本信息;3.扶贫资金分配结果。\n")
    imported = parse_text(text, "x.txt")
    assert [(t.number, t.text) for t in imported.tasks] == [
        ("1", "扶贫政策、扶贫规划等信息;"), ("2", "扶贫项目的基本信息;"), ("3", "扶贫资金分配结果。")]


def test_units_named_first_minutes_style() -> None:
    """``会议确定:1.由X负责,…。2.由A、B负责,…。``: the colon's lead-in is no task; ``由…负责,`` gives the units."""
    text = ("某厅办公会议纪要\n会议指出,推行政务公开是重要制度安排,各处室要压实责任。会议确定:"
            "1.由办公室(政策调研室)负责,及时将《2021年政务公开重点任务分解表》发各处室,并抓好督促落实。"
            "2.由办公室、信息中心负责,对门户网站栏目设置进行探索创新,提高音视频内容的比重,提升网站的吸引力。\n")
    imported = parse_text(text, "x.txt")
    assert units(imported) == [[("办公室(政策调研室)", "responsible")],
                               [("办公室", "responsible"), ("信息中心", "responsible")]]
    assert imported.plan.year is None  # the 《…》 named in passing is not this page's title


def test_a_title_over_two_lines_names_its_body_on_the_first() -> None:
    """``宜春市推进…领域`` over ``政府信息公开实施方案``: one title; the body's name is cut before 推进."""
    text = "某市推进社会公益事业建设领域\n政府信息公开实施方案\n一、工作原则\n坚持依法依规,突出重点,高效便民。\n"
    plan = parse_text(text, "x.txt").plan
    assert (plan.title, plan.organization) == ("某市推进社会公益事业建设领域政府信息公开实施方案", "某市")


def test_a_text_table_row_lines_up_with_its_header_from_the_right() -> None:
    """Deadline column before the unit column; the first row prints its section and subsection cells (5 cells
    under 4 names), the next ones drop their merged group cell (3 cells): each cell still has its column."""
    text = ("主要工作任务 | 任务内容 | 完成时限 | 责任单位 |\n"
            "一、围绕中心工作,提升重点领域信息公开质量 | (一)聚焦营商环境加大公开力度 | 1.做好行动计划执行情况信息公开。 | 全年 | 区发改局 |\n"
            "2.做好扩大有效投资相关政策公开。 | 全年 | 区发改局、区财政局 |\n")
    imported = parse_text(text, "x.txt")
    assert [(s.level, s.label) for s in imported.plan.sections] == [(1, "一"), (2, "(一)")]
    assert [(t.number, t.deadline.text) for t in imported.tasks] == [("1", "全年"), ("2", "全年")]
    assert units(imported)[1] == [("区发改局", "responsible"), ("区财政局", "responsible")]


def test_a_list_separator_after_any_role_word_splits_the_roles() -> None:
    from govtui.domain.units import parse_units

    assert [(u.name, u.role.value) for u in parse_units("局防控办主办、各工作组协办")] == [
        ("局防控办", "lead"), ("各工作组", "cooperate")]


def test_a_long_list_of_long_unit_names_is_a_unit_cell() -> None:
    from govtui.domain.units import looks_like_units

    cell = ("区发展改革局、区科技工业商务信息化局、区市场监管局、区文化广电旅游体育局、区交通运输局、区人力资源社会保障局、"
            "区城市管理综合执法局、区财政局、区金融局、广州市花都区税务局等部门、各镇(街)")
    assert looks_like_units(cell)
    assert not looks_like_units("加大受疫情影响重的餐饮、住宿、零售、文化、旅游、客运等行业帮扶政策的公开力度,促进稳就业和消费恢复"
                                "、扩大有效投资、推动优化投资和建设环境、营造良好消费环境、做好中小微企业支持政策的公开工作")


def test_a_year_right_after_a_task_number_is_no_decimal() -> None:
    """``2.2021年底前制定…`` is task 2 with its deadline, not a number 2.2; a short numbered line followed by the next
    numbered line is a task of its own, not the title of the paragraph below."""
    text = ("某县政务公开实施方案\n一、进度安排\n1.2020年9月底前制定工作方案\n2.2020年11月底前编制完成基层标准化目录\n"
            "3.2022年3月底前,对全县26个领域进行验收。\n")
    assert [(t.number, t.text[:4]) for t in parse_text(text, "x.txt").tasks] == [
        ("1", "2020"), ("2", "2020"), ("3", "2022")]


def test_a_role_key_holds_for_every_name_up_to_the_next_key() -> None:
    """A 配合单位 column listing names split by ``,`` and ``、``: every name cooperates, not only the first."""
    from govtui.domain.units import parse_units

    assert [(u.name, u.role.value) for u in parse_units("牵头单位:局规划处;配合单位:局养护处,市养护中心、市建设公司")] == [
        ("局规划处", "lead"), ("局养护处", "cooperate"), ("市养护中心", "cooperate"), ("市建设公司", "cooperate")]


def test_a_cell_never_closed_at_the_end_is_cut_off_and_inherits_nothing() -> None:
    """A table printed a cell at a time, each cell closed by ``|``: a last text cell with no ``|`` after it was cut
    off by the page, even when its sentence is complete; it takes no units or deadline from the row above."""
    text = ("序号\n|\n任务\n|\n责任单位\n|\n时限\n|\n1\n|\n公开预算执行情况。\n|\n市财政局\n|\n年底前\n|\n"
            "2\n|\n公开重大项目批准信息。\n|\n市发改委\n|\n持续推进\n|\n3\n|\n做好扩大有效投资相关政策公开,积极引导市场预期。\n")
    imported = parse_text(text, "x.txt")
    assert units(imported) == [[("市财政局", "responsible")], [("市发改委", "responsible")], []]
    assert "incomplete" in imported.tasks[-1].flags and imported.tasks[-1].deadline.text == ""


def test_a_number_cell_before_the_section_cell_stays_with_its_row() -> None:
    """A table printed a paragraph per cell: ``1`` (序号), then ``一、…`` (its group column, a phrase with commas
    spanning rows), then ``(一)…``, then the text: the headings open sections, task 1 keeps its number."""
    text = ("序号\n\n领域\n\n任务内容\n\n责任单位\n\n完成时限\n\n"
            "1\n\n一、依法规范做实主动公开,服务保障中心工作\n\n(一)做好重大战略信息公开\n\n公开重大战略推进情况。\n\n区发改委\n\n全年\n\n"
            "2\n\n公开枢纽建设情况。\n\n区商务委\n\n全年\n\n3\n\n公开数字化发展情况。\n\n区科委\n\n全年\n")
    imported = parse_text(text, "x.txt")
    assert [(s.level, s.label) for s in imported.plan.sections] == [(1, "一"), (2, "(一)")]
    assert [t.number for t in imported.tasks] == ["1", "2", "3"]
    assert units(imported)[0] == [("区发改委", "responsible")]


def test_numbering_that_restarts_under_each_numbered_group_is_still_one_task_per_row() -> None:
    """``1 | 推进… | 1.… | unit | deadline``, then ``2.…`` (merged cells), then ``2 | 推进… | 1.…``: the 序号 cell numbers
    the group, each ``N.`` item is a task of its own, and a number after a text starts the next row."""
    text = ("序号\n\n工作任务\n\n具体要求\n\n牵头单位\n\n完成时限\n\n"
            "1\n\n推进清单公开\n\n1.公开权责清单。\n\n市编办\n\n年底前\n\n2.公开行政审批事项。\n\n"
            "2\n\n推进监管透明\n\n1.公开行政处罚信息。\n\n市监管局\n\n全年\n\n2.公开旅行社名录。\n\n市旅游局\n\n全年\n")
    imported = parse_text(text, "x.txt")
    assert [(t.number, t.text) for t in imported.tasks] == [
        ("1", "公开权责清单。"), ("2", "公开行政审批事项。"), ("1", "公开行政处罚信息。"), ("2", "公开旅行社名录。")]
    assert units(imported) == [[("市编办", "lead")], [("市编办", "lead")], [("市监管局", "lead")], [("市旅游局", "lead")]]


def test_a_numbered_cell_stream_row_runs_from_its_number_to_the_next() -> None:
    """A paragraph per cell under 序号 | 具体要求 | 责任单位 | 完成时间 | 备注: the cell after the units is the deadline
    whatever it says (按市里统一安排完成), the one after it a remark (各级各部门), never the next row's text."""
    text = ("序号\n\n具体要求\n\n责任单位\n\n完成时间\n\n备注\n\n"
            "1\n\n修订政务公开制度。\n\n局办公室、局法规科分工负责\n\n按市里统一安排完成\n\n各级各部门\n\n"
            "2\n\n公开年度报告。\n\n局办公室\n\n2019年11月底前\n\n市行政审批局牵头、各级各部门\n\n"
            "3\n\n更新公开指南。\n\n局人事科\n\n年底前\n")
    imported = parse_text(text, "x.txt")
    assert [t.text for t in imported.tasks] == ["修订政务公开制度。", "公开年度报告。", "更新公开指南。"]
    assert units(imported) == [[("局办公室", "responsible"), ("局法规科", "responsible")],
                               [("局办公室", "responsible")], [("局人事科", "responsible")]]
    assert [t.deadline.text for t in imported.tasks] == ["按市里统一安排完成", "2019年11月底前", "年底前"]


def test_a_rectification_list_gives_its_problem_its_dated_measure_and_its_units() -> None:
    """整改清单: 序号 | 重点任务 | 主要问题 | 完成时限及要求 | 责任单位, the deadline a sentence opening with its date,
    the units after it."""
    text = ("序号\n\n重点任务\n\n主要问题\n\n完成时限及要求\n\n责任单位\n\n"
            "1\n\n疫情防控\n\n公开疫情信息不够及时,没有积极发布防控知识。\n\n6月30日前,完成自查整改,并持续推进公开。\n\n"
            "区卫生健康委、区教育体育局\n\n2\n\n污染防治\n\n空气质量信息公开不全,垃圾分类信息未公开。\n\n"
            "6月30日前,完善公开内容,年底前模板化公开。\n\n生态环境分局,各乡镇政府\n")
    imported = parse_text(text, "x.txt")
    assert units(imported) == [[("区卫生健康委", "responsible"), ("区教育体育局", "responsible")],
                               [("生态环境分局", "responsible"), ("各乡镇政府", "responsible")]]
    assert [t.deadline.text[:6] for t in imported.tasks] == ["6月30日前"] * 2
    assert "整改" not in imported.tasks[0].text


def test_a_unit_cell_may_end_with_a_full_stop_and_name_a_supporting_unit() -> None:
    from govtui.domain.units import looks_like_units, parse_units

    assert looks_like_units("各相关业务处室。")
    assert [(u.name, u.role.value) for u in parse_units("装财处牵头,办公室配合,科监处技术保障。")] == [
        ("装财处", "lead"), ("办公室", "cooperate"), ("科监处", "cooperate")]


def test_unit_cells_after_the_deadline_belong_to_the_row_when_the_header_puts_them_there() -> None:
    """工作要求 | 时限要求 | 市级牵头单位 | 责任单位, a cell per line: both unit cells after the deadline are the row's."""
    text = ("工作要求 |\n时限要求 |\n市级牵头单位 |\n责任单位 |\n"
            "及时公开本部门预决算信息。 |\n每年度 |\n市财政局 |\n牵头处室:财务处 |\n"
            "做好疫情防控信息发布。 |\n持续推进 |\n市卫生健康委 |\n牵头处室:办公室 |\n")
    imported = parse_text(text, "x.txt")
    assert units(imported) == [[("市财政局", "responsible"), ("财务处", "lead")],
                               [("市卫生健康委", "responsible"), ("办公室", "lead")]]
    assert [t.deadline.text for t in imported.tasks] == ["每年度", "持续推进"]


def test_a_progress_ledger_reads_its_progress_column_as_a_remark() -> None:
    """指标序号 | 任务 | 时限 | 推进落实情况, a paragraph per cell: the progress notes (推进中, 已落实) are neither units nor
    headings; ``36,37`` is one row for two numbers; the title's month is no part of the body's name."""
    text = ("2023年5月民政局政务公开重点工作任务完成情况\n\n指标序号\n\n任务\n\n时限\n\n推进落实情况\n\n"
            "22\n\n持续提升重点领域的信息公开水平\n\n持续推进\n\n每月月底公开救助领域落实情况\n\n"
            "24\n\n以村为单位公开补贴发放结果\n\n年底前\n\n已落实\n\n"
            "36,37\n\n1、加强工作指导\n\n2、规范第三方评估工作\n\n持续推进\n\n推进中\n\n"
            "41\n\n将落实情况纳入年度报告\n\n年底前\n\n推进中\n")
    imported = parse_text(text, "x.txt")
    assert imported.plan.sections == [] and imported.plan.organization == "民政局"
    assert [(t.number, t.deadline.text, t.units) for t in imported.tasks] == [
        ("22", "持续推进", ()), ("24", "年底前", ()), ("36,37", "持续推进", ()), ("41", "年底前", ())]


def test_a_bracket_after_a_phone_number_names_whose_number_it_is_not_who_is_responsible() -> None:
    text = ("某市关于做好信息公开专栏建设的通知\n一、及时反馈情况。各地要加强与市网站管理中心的沟通对接。"
            "联系电话:2348419(市政府信息公开办公室),2603676(市政府网站管理中心)。\n")
    assert units(parse_text(text, "x.txt")) == [[]]


def test_a_sharing_sites_notices_are_no_part_of_the_plan() -> None:
    """Numbered paywall terms above the document (``1、成为VIP后…``) and a quota note after its cut-off end."""
    text = ("1、本站所有内容均由网友上传,不保证完整。\n2、成为VIP后,下载本文档将扣除1次下载权益。\n"
            "某镇2023年政务公开工作要点\n一、指导思想\n深入贯彻落实政务公开工作会议精神,提高透明度。\n"
            "二、公开内容\n(一)主动公开的信息\n通过政府门户网站等方式主动予以公开。这一类信息主要包括\n"
            "消耗 1 篇素材配额,会员有效期内无限次查看\n")
    imported = parse_text(text, "x.txt")
    assert len(imported.tasks) == 2 and "incomplete" in imported.tasks[-1].flags
    assert not any("VIP" in t.text or "配额" in t.text for t in imported.tasks)


def test_an_unnumbered_heading_over_a_paragraph_opens_a_section_after_the_preamble() -> None:
    """No numbers at all: ``工作目标`` over one paragraph (cut off) is a section with one task; the paragraph above
    the first such heading (…特制定本方案。) is the preamble."""
    text = ("某县2025年政务公开工作实施方案\n为深入贯彻落实全面推进政务公开的决策部署,结合工作实际,特制定本方案。\n"
            "工作目标\n到2025年底,政务公开工作机制更加健全,公开内容更加全面、准确、\n")
    imported = parse_text(text, "x.txt")
    assert [s.title for s in imported.plan.sections] == ["工作目标"]
    assert [t.text[:6] for t in imported.tasks] == ["到2025年"] and "incomplete" in imported.tasks[0].flags


def test_characters_lost_before_a_heading_leave_it_a_heading() -> None:
    text = ("某局2020年政务公开实施方案\n一、总体要求\n坚持以公开为常态,全面推进政务公开。\n? ?二、重点任务\n"
            "(一)推进决策公开。完善决策公开制度。(责任科室:办公室)\n(二)推进执行公开。公开督查整改情况。(责任科室:督查科)\n")
    imported = parse_text(text, "x.txt")
    assert [(s.level, s.label) for s in imported.plan.sections if s.level == 1] == [(1, "一"), (1, "二")]


def test_a_cell_stream_numbered_in_its_text_cells_is_a_table() -> None:
    """No header, no number cells: ``一、… |``, ``1.text |``, ``units |``, ``长期 |`` — one row per numbered text."""
    text = ("一、持续推进标准化规范化 |\n1.推动主动公开目录的动态更新调整。 |\n法规科牵头,相关科(室)配合。 |\n长期 |\n"
            "二、规范依申请公开办理 |\n2.规范使用依申请公开系统,实现全流程电子化。 |\n办公室 |\n长期 |\n"
            "3.规范编制发布年度报告。 |\n办公室 |\n长期 |\n")
    imported = parse_text(text, "x.txt")
    assert imported.layout == "逐格表格" and [t.number for t in imported.tasks] == ["1", "2", "3"]
    assert units(imported)[0] == [("法规科", "lead"), ("相关科(室)", "cooperate")]


def test_a_numbered_list_under_its_own_heading_above_a_table_is_read_too() -> None:
    """一、要点 with items 1.–2., then 二、分解 and a pipe table: the items and the table's rows are all tasks."""
    text = ("一、工作要点\n1.深入推进政策解读,创新解读形式。\n2.注重回应关切,及时回复群众来信。\n二、重点工作任务分解\n"
            "重点任务 | 工作内容 | 负责科室 |\n政策解读 | 对政策文件进行全面解读。 | 各责任科室 |\n"
            "回应关切 | 对社会热点问题及时回应。 | 综合科 |\n")
    imported = parse_text(text, "x.txt")
    assert [s.label for s in imported.plan.sections] == ["一", "二"]
    assert units(imported) == [[], [], [("各责任科室", "responsible")], [("综合科", "responsible")]]


def test_a_notice_closed_by_te_ci_tong_zhi_and_two_undated_signing_bodies() -> None:
    """``特此通知。`` then two bodies signing together with no date: no tasks; the first body is the organisation."""
    text = ("各区县税务局:\n现将有关工作要求通知如下:\n一、加强组织领导\n各单位要高度重视政务公开工作,明确责任分工。\n"
            "二、推进平台建设\n加强网站建设,打造权威的政策发布平台。\n特此通知。\n某市国家税务局\n某市地方税务局\n")
    imported = parse_text(text, "x.txt")
    assert len(imported.tasks) == 2 and imported.plan.organization == "某市国家税务局"


def test_a_catalogue_row_counting_its_items_is_a_category_and_items_keep_their_bracketed_numbers() -> None:
    """``1 | 基本信息 (2项) |`` over ``(1.1)… | unit | 更新``: a category (a group), never a task; ``(1.1)`` and ``(2)`` are
    the items' numbers; an item with empty cells continues the merged unit cell above it."""
    text = ("序号 | 类别 | 公开事项 | 责任部门 | 信息更新 |\n1 | 基本信息 (2项) |\n"
            "(1.1)办学规模等办学基本情况 | 党办校办 | 每年10月 |\n(1.2)校级领导班子简介及分工 | 党办校办 | 变动即更 |\n"
            "2 | 招生考试信息 (3项) |\n(2)招生章程及招生计划 | 招生办公室 | 变动即更 |\n(3)拟录取研究生名单 | | |\n"
            "(4)研究生招生简章 | 研究生院 | 随时更新 |\n")
    imported = parse_text(text, "x.txt")
    assert [s.title for s in imported.plan.sections] == ["基本信息 (2项)", "招生考试信息 (3项)"]
    assert [t.number for t in imported.tasks] == ["1.1", "1.2", "2", "3", "4"]
    assert units(imported)[3] == [("招生办公室", "responsible")]


def test_a_numbered_task_cell_over_its_numbered_items_and_a_status_column() -> None:
    """工作任务 | 具体要求 | 责任单位 | 完成情况 | 备注, a cell per line: ``1.行政规范性文件公开`` numbers the row, the ``1.…2.…``
    of its requirement are its items; the status after the units (推进中) is a remark, not a row; the metadata block
    printed as a table gives the publishing body, its alias in brackets."""
    text = ("发布机构: | 某市文化和旅游局(某市新闻出版局) | 主题分类: | 旅游 |\n"
            "工作任务 |\n具体要求 |\n责任单位 |\n完成情况 |\n备注 |\n"
            "1.行政规范性文件集中公开 |\n1.开展文件清理。2.发布标准文本。 |\n市政府各部门,各县市区政府 |\n推进中 |\n11月底前完成 |\n"
            "2.基层政务公开提升 |\n1.全面公开各领域信息。2.公开涉农补贴信息。 |\n各县市区政府 |\n已完成 |\n年底前 |\n")
    imported = parse_text(text, "x.txt")
    assert [t.number for t in imported.tasks] == ["1", "2"]
    assert units(imported)[0] == [("市政府各部门", "responsible"), ("各县市区政府", "responsible")]
    assert "推进中" not in imported.tasks[0].deadline.text and imported.tasks[1].deadline.text == "年底前"
    assert imported.plan.organization == "某市文化和旅游局(某市新闻出版局)"


def test_a_row_wrapped_onto_a_line_holding_only_its_unit_cell() -> None:
    """A pipe dump: ``一、… | (一)…,…。 | 1.… 2.… |`` and, on the next line, ``产业政策科 | |``: the (一) phrase (commas, one
    closing 。) heads a subsection, and the unit cell below is the wrapped row's, for each of its items."""
    text = ("工作任务 | 具体要求 | 具体措施 | 牵头科室 |\n"
            "一、加大主动公开力度 | (一)制定重大政策措施时,应在决策前公布草案,广泛听取意见。 | "
            "1.重大决策预公开。 2.局制定的政策及时公开。 |\n产业政策科 | |\n"
            "(二)推进建议提案办理结果公开。 | 承办建议提案及时公开答复。 | 办公室 | |\n")
    imported = parse_text(text, "x.txt")
    assert [(s.level, s.label) for s in imported.plan.sections] == [(1, "一"), (2, "(一)"), (2, "(二)")]
    assert units(imported) == [[("产业政策科", "lead")]] * 2 + [[("办公室", "lead")]]


def test_a_table_dumped_run_in_with_units_glued_between_rows_and_pages_split_mid_word() -> None:
    """A sharing site's dump: pages opened by ``1、`` ``2、`` (breaking a word), the title glued to the header, the header
    to the first heading, each row's unit cell glued between its ``。`` and the next row's bare number."""
    filler = "并及时回应社会关切,做好政策解读工作,提高公开质量和实效" * 3
    text = ("1、某市2017年政务公开工作要点分工方案工作任务具体要求牵头落实单位一、加强预期引导1密切跟踪经济形势变化,"
            f"加强对宏观政策的解读,{filler}。市发展改革委2按月公开一般公共预算收支情况,{filler}。市财政委3以网站为主渠道宣传就业政策,"
            f"{filler}。市人力资源保障局4及时发布统计数据,积极回应社会关切,{filler}。市统计局5全文公开审计工\n"
            f"2、作报告和整改情况报告,{filler}。市审计局二、推进降费信息公开1及时公布收费目录清单,{filler}。市发展改革委\n")
    imported = parse_text(text, "x.txt")
    assert (imported.plan.year, imported.plan.organization) == (2017, "某市")
    assert [s.label for s in imported.plan.sections] == ["一", "二"]
    assert [t.number for t in imported.tasks] == ["1", "2", "3", "4", "5", "1"]
    assert "审计工作报告" in imported.tasks[4].text and units(imported)[4] == [("市审计局", "responsible")]


def test_a_site_menu_closed_by_pipes_above_the_text_is_no_table() -> None:
    """Menu items ending in ``|`` at the top of a page (设为首页| 加入收藏| …) do not make the page a cell
    stream: the plan below them is read as the prose it is (it was refused: no plan found)."""
    menu = "• 设为首页|\n• 加入收藏|\n• 长辈版|\n• 无障碍浏览|\n"
    body = ("某市民政局2021年政务公开工作要点\n一、要点\n(一)加大政策解读\n"
            "扩大解读范围。重点围绕保障和改善民生重大部署和重要政策的执行情况开展深入解读。\n"
            "落实解读责任。局主要负责人履行第一解读人的职责,及时准确传递权威信息和政策意图。\n")
    plan = parse_text(menu + body, "menu.txt")
    assert [t.text[:6] for t in plan.tasks] == ["扩大解读范围", "落实解读责任"]
    assert plan.plan.year == 2021


BODY = "一、重点任务\n(一)公开预算信息。(财政局负责)\n(二)公开重大决策。(办公室负责)\n"


def test_a_signing_body_completes_the_title_organisation_printed_without_its_place() -> None:
    """``市人民政府辦公廳關于印發…`` signed ``武漢市人民政府辦公廳`` over its date: the signing body's full name, and the
    import report says why; a title's name that the signature does not end with stays."""
    variants = [
        ("市人民政府辦公廳關于印發2018年政務公開工作要點的通知\n各區人民政府:\n現印發給你們。\n武漢市人民政府辦公廳\n"
         "2018年8月22日\n", "武漢市人民政府辦公廳"),
        ("县教育局2021年政务公开工作要点\n某某县教育局\n2021-03-05\n", "某某县教育局"),
        ("市民政局2022年政务公开工作要点\n现印发给你们。\n特此通知。\n某市民政局\n", "某市民政局"),
    ]
    for head, org in variants:
        imported = parse_text(head + BODY, "x.txt")
        assert imported.plan.organization == org
        assert any("落款" in w for w in imported.warnings)
    other = parse_text("市民政局2022年政务公开工作要点\n某市财政局\n2022年3月1日\n" + BODY, "x.txt")
    assert other.plan.organization == "市民政局" and not any("落款" in w for w in other.warnings)


def test_a_signature_dated_with_lost_characters_still_signs() -> None:
    """A copy that lost the date's characters (``202178``, ``2017??3?``, ``2021年3月 日``): the name above it is still
    the signing body, the organisation when the title names none; a line of words after a name is no date."""
    for date in ("202178", "2017??3?/div>", "2021年3月 日", "２０２１年３月５日"):
        text = f"各市人民政府:\n现将工作要点印发给你们。\n某省人民政府办公厅\n{date}\n2017年政务公开工作要点\n"
        assert parse_text(text + BODY, "x.txt").plan.organization == "某省人民政府办公厅"
    text = "2017年政务公开工作要点\n现将要点印发如下。\n某省人民政府办公厅\n2017年起各地要加快推进。\n"
    assert parse_text(text + BODY, "x.txt").plan.organization == ""


def test_a_notice_issuer_printed_on_its_own_line_over_its_title() -> None:
    """Document number, issuer, ``关于…的通知`` each on its line (the title no plan's name): the issuer is the
    organisation, in Simplified or Traditional characters; a line over anything else is not."""
    for number, issuer, title in (("会理府办发〔2016〕107号", "会理县人民政府办公室", "关于进一步提升政府信息公开工作水平的通知"),
                                  ("某府辦發〔2016〕7號", "某縣人民政府辦公室", "關于加強政務公開工作的通知"),
                                  ("", "某区教育局", "关于做好2019年信息公开工作的通知")):
        text = f"{number}\n{issuer}\n{title}\n各乡镇人民政府:\n现将有关事项通知如下。\n"
        assert parse_text(text + BODY, "x.txt").plan.organization == issuer
    text = "某区教育局\n各学校:\n现将有关事项通知如下。\n"
    assert parse_text(text + BODY, "x.txt").plan.organization == ""


def test_another_plans_title_before_the_year_is_no_organisation() -> None:
    """``关于印发衢州市政务公开五年行动计划(2021—2025年)和2021年衢州市政务公开工作要点的通知``: what stands before the year
    is a whole title, not a body: the body is the name before that title's first word."""
    for title in ("关于印发某市政务公开五年行动计划(2021—2025年)和2021年某市政务公开工作要点的通知",
                  "关于印发某市政务公开五年行动计划(2021-2025年)和2021年某市政务公开工作要点的通知",
                  "關于印發某市政務公開五年行動計劃(2021—2025年)和2021年某市政務公開工作要點的通知"):
        imported = parse_text(title + "\n" + BODY, "x.txt")
        assert (imported.plan.organization, imported.plan.year) == ("某市", 2021)
    assert parse_text("某市政务公开办公室2021年工作要点\n" + BODY, "x.txt").plan.organization == "某市政务公开办公室"


def test_a_sharing_site_page_title_and_a_schools_xiaowu_gongkai_plan() -> None:
    """``學校總務處校務公開工作計劃_第1頁``: a sharing site's page of the file; the title without ``_第N页``, and
    校务公开 / 院务公开 (a school's, a hospital's 政务公开) end the body's name."""
    for first, title, org in (("學校總務處校務公開工作計劃_第1頁", "學校總務處校務公開工作計劃", "學校總務處"),
                              ("某医院院务公开工作计划 第2页", "某医院院务公开工作计划", "某医院"),
                              ("某中学校务公开实施方案_第1页", "某中学校务公开实施方案", "某中学")):
        imported = parse_text(f"{first}\n{BODY}", "x.txt")
        assert (imported.plan.title, imported.plan.organization) == (title, org)


def test_html_tags_left_in_a_reposts_text_are_no_text() -> None:
    """A repost that kept its HTML (``</p>``, ``<br/>``, ``<span …>``) or lost the tags' ``<`` (``…落实、/div>``): the tags
    are no part of a heading, a task or a title, and do not make a line look like a navigation bar (``>``)."""
    for tag in ("/div>", "</p>", "<br/>", '<span style="x">'):
        text = (f"某市2021年政务公开工作要点{tag}\n一、加强政策解读{tag}\n(一)解读政策{tag}\n"
                f"1.做好政策解读工作。(市政府办公室牵头){tag}\n")
        imported = parse_text(text, "x.txt")
        assert (imported.plan.organization, imported.plan.year) == ("某市", 2021)
        assert [s.title for s in imported.plan.sections] == ["加强政策解读", "解读政策"]
        assert units(imported) == [[("市政府办公室", "lead")]] and ">" not in imported.tasks[0].text


def test_an_annotation_whose_closing_bracket_was_printed_as_an_opening_one() -> None:
    """``…热点问题。(省财政厅牵头(`` at the end of a paragraph: a bracket opening nothing there is the closing one,
    mangled; in ASCII, full-width or Traditional characters."""
    for annotation, unit in (("(省财政厅牵头(", "省财政厅"), ("（省财政厅牵头（", "省财政厅"), ("(省財政廳牽頭(", "省財政廳"),
                             ("(牵头单位:省财政厅(", "省财政厅")):
        text = f"某省2017年政务公开工作要点\n一、任务\n1.按旬公开财政收支情况,主动解释热点问题。{annotation}\n2.公开统计数据。(省统计局牵头)\n"
        assert units(parse_text(text, "x.txt")) == [[(unit, "lead")], [("省统计局", "lead")]]


def test_an_annotation_naming_two_roles_without_a_separator() -> None:
    """``(县司法局牵头各行政机关负责)``: a role word glued to the next unit's name ends one clause of the annotation;
    in ASCII, full-width or Traditional characters, with any pair of roles."""
    for annotation, want in (("(县司法局牵头各行政机关负责)", [("县司法局", "lead"), ("各行政机关", "responsible")]),
                             ("（县司法局牵头各行政机关负责）", [("县司法局", "lead"), ("各行政机关", "responsible")]),
                             ("(縣司法局牽頭各行政機關負責)", [("縣司法局", "lead"), ("各行政機關", "responsible")]),
                             ("(县财政局负责县审计局配合)", [("县财政局", "lead"), ("县审计局", "cooperate")]),
                             ("(办公室牵头各科室、各中心配合)", [("办公室", "lead"), ("各科室", "cooperate"),
                                                           ("各中心", "cooperate")])):
        text = f"某县2021年政务公开工作要点\n一、任务\n(一)公开政策文件。完善政策文件数据库,集中公开。{annotation}\n"
        imported = parse_text(text, "x.txt")
        assert units(imported) == [want], annotation
        assert "负责" not in imported.tasks[0].text and "負責" not in imported.tasks[0].text


def test_a_page_without_a_title_takes_no_year_from_its_deadlines() -> None:
    """A page that starts mid-plan (no title: page 2 of a repost) may be one page of a longer plan: the years its
    deadlines print are theirs, not the plan's; a plan whose title prints no year still takes them."""
    body = ("4.公示汇总。将目录上网公开,并报送市政府办公室。\n责任单位:市政府办公室。\n完成时间:2008年3月20日前。\n"
            "四、工作要求\n各部门要高度重视,认真组织实施。\n")
    for first in ("完成时间:2008年3月10日前。\n", "完成时间：2008年3月10日前。\n", "", "完成時間:2008年3月10日前。\n"):
        assert parse_text(first + body, "x.txt").plan.year is None
    titled = "某市政府信息公开实施方案\n一、工作步骤\n" + body
    assert parse_text(titled, "x.txt").plan.year == 2008


def test_a_numbered_paragraph_with_labelled_lines_before_the_first_heading() -> None:
    """An excerpt that starts mid-plan with ``4.…`` whose units and deadline are labelled lines below it (``责任单位:…``,
    ``完成时间:…``): its first task, numbered as printed; the unnumbered tasks after it do not take its number."""
    for number, unit_line, due_line in (("4.", "责任单位:市政府办公室,各县(市)区政府。", "完成时间:2008年3月20日前。"),
                                        ("4、", "责任单位：市政府办公室，各县(市)区政府。", "完成时间：2008年3月20日前。"),
                                        ("4.", "責任單位:市政府辦公室,各縣(市)區政府。", "完成時間:2008年3月20日前。")):
        text = (f"{number}公示汇总。将目录上网公开,并报送市政府办公室汇编。\n{unit_line}\n{due_line}\n"
                "(三)验收总结阶段\n对各部门目录编制情况进行检查验收。\n责任单位:市政府办公室。\n完成时间:2008年3月底。\n"
                "四、工作要求\n各部门要高度重视,认真组织实施。\n要加强督查,确保按时完成。\n")
        imported = parse_text(text, "x.txt")
        first = imported.tasks[0]
        assert first.number == "4" and first.text.startswith("公示汇总")
        assert len(first.units) == 2 and first.deadline.due is not None and first.deadline.due.isoformat() == "2008-03-20"
        assert [t.number for t in imported.tasks].count("4") == 1
        assert imported.plan.description == ""


def test_a_run_in_headings_text_broken_mid_sentence_continues_on_the_next_line() -> None:
    """``(一)确定主管部门。根据`` over ``《条例》规定,…``: the text after an inline heading's title that stops mid-sentence
    (no closing punctuation) goes on in the line below: one task, in ASCII, full-width or Traditional characters."""
    for heading, below in (("(一)确定主管部门和工作机构。根据", "《条例》规定和省政府要求,市政府办公室为主管部门。"),
                           ("（一）确定主管部门和工作机构。根据", "《条例》规定和省政府要求，市政府办公室为主管部门。"),
                           ("(一)確定主管部門和工作機構。根據", "《條例》規定和省政府要求,市政府辦公室為主管部門。")):
        text = f"某市政务公开实施方案\n一、工作要求\n{heading}\n{below}\n(二)加强督查。定期通报进展情况。\n"
        imported = parse_text(text, "x.txt")
        assert len(imported.tasks) == 2, [t.text for t in imported.tasks]
        assert imported.tasks[0].text.endswith("主管部门。") or imported.tasks[0].text.endswith("主管部門。")


def test_a_heading_run_straight_into_its_paragraph() -> None:
    """``一、指导思想紧紧围绕…。`` with nothing under it but the next heading: the heading's title cannot be told from
    its text by punctuation, so the sentence is the section's one task (a title word it starts with, such as 指导思想
    or 基本原则, is the section's title); in a run-in dump or line by line, ASCII, full-width or Traditional."""
    lines = ["一、指导思想紧紧围绕人民群众关心的热点问题,继续推进政务公开,创新公开方式,拓宽公开领域,规范公开内容。",
             "二、基本原则政务公开应当遵循合法规范、完整统一、真实有效、及时准确的原则。",
             "三、公开内容除涉及国家秘密和依法受到保护的商业秘密、个人隐私的事项之外,下列事项应向社会公开:",
             "(一)行政决策方面", "1、机关效能建设活动情况;2、本地区城乡发展规划、财政预决算报告;3、重大建设项目的招标情况;"]
    variants = ("\n".join(lines), "1、某镇政务公开实施方案为推进我镇政务公开工作,结合我镇实际,制定本实施方案。" + "".join(lines),
                "\n".join(lines).replace(",", "，").replace(":", "：").replace(";", "；"),
                "\n".join(lines).replace("规范", "規範").replace("指导思想", "指導思想").replace("内容", "內容"))
    for text in variants:
        imported = parse_text("某镇政务公开实施方案\n" + text + "\n", "x.txt")
        tops = [s for s in imported.plan.sections if s.level == 1]
        assert len(tops) == 3, [s.title for s in imported.plan.sections]
        assert tops[0].title in ("指导思想", "指導思想") and tops[1].title == "基本原则"
        texts = [t.text for t in imported.tasks]
        assert len(texts) == 6, texts
        assert texts[0].startswith("紧紧围绕") and texts[1].startswith("政务公开应当")


def _indicator_table(levels: str, unit_header: str, cells: list[str]) -> str:
    return "\n\n".join(["某区教育局2021年度政务公开重点工作任务分解", *levels.split(), unit_header, *cells]) + "\n"


def test_an_indicator_tables_deepest_level_rows_are_its_tasks() -> None:
    """An indicator table (一级指标 … 五级指标, scores, 责任科室) printed a cell per paragraph: the rows of the deepest
    level (是否…) are the tasks, each with the unit cells after it; the upper levels are groups (the top one, repeated
    after a page break, the section), the scores (``23``, ``0.75``, ``…政策(0.25``) no text; a text broken over two
    cells is one; the last row, cut off, is flagged.  In Simplified or Traditional characters, ASCII or full-width."""
    cells = ["主动公开", "重点领域信息", "23", "教育服务(2", "招生入学", "0.75",
             "是否及时公开本地区义务教育招生入学政策(0.25", "基础教育科",
             "是否按学期公开本区域各学校招生计划、录取人数和录取名单(0.5", "基础教育科",
             "教育督导", "3", "督导结果", "0.5", "是否公开2021年本地区对各学校的督导检查情况,包括检查计划及方", "案、检查结果及整改信息等0.5",
             "督导室", "区教育综合执法大队",
             "主动公开", "重点领域信息", "23", "教育督导", "3",
             "是否公开2021年度本地区校外培训机构的监督检查情况,包括检查结果(0.5", "督导室", "区教育综合执法大队",
             "是否定期公开2021年度本行政区域内学校数量、布局"]
    texts = {"five": _indicator_table("一级指标 二级指标 三级指标 四级指标 五级指标", "责任科室、单位", cells),
             "four": _indicator_table("一级指标 二级指标 三级指标 四级指标", "责任科室",
                                      [c for c in cells if c not in ("招生入学", "督导结果")]),
             "full-width": _indicator_table("一级指标 二级指标 三级指标 四级指标 五级指标", "责任科室、单位",
                                            [c.replace("(", "（").replace(",", "，") for c in cells]),
             "traditional": _indicator_table("一級指標 二級指標 三級指標 四級指標 五級指標", "責任科室、單位",
                                             [c.replace("督导室", "督導室").replace("基础教育科", "基礎教育科")
                                              for c in cells])}
    for name, text in texts.items():
        imported = parse_text(text, "x.txt")
        tasks = imported.tasks
        assert len(tasks) == 5, (name, [t.text for t in tasks])
        assert all(normalize(t.text).startswith("是否") for t in tasks), name
        assert [len(t.units) for t in tasks] == [1, 1, 2, 2, 0], name
        assert "0.25" not in tasks[0].text and "案、检查结果" in normalize(tasks[2].text), name
        assert "incomplete" in tasks[-1].flags, name
        assert len(imported.plan.sections) <= 1, name


def test_a_dumped_table_whose_rows_run_on_through_their_units_and_deadlines() -> None:
    """A sharing site's dump of a table run in: each row's units and deadline glued between its ``。`` and the next
    row's text (``…领导小组。办公室牵头,各科室配合 11 月底前强化考核…``), a row without a deadline before a spaced group
    number (``…配合 1 基础建设…``), the header run into the title and printed again on the next page, pages breaking a
    word (``不发`` / ``生``) or a bracket (``(1`` / ``)``), a spaced year in the title: one task per row (the group cells
    stay with the text they are glued to), in ASCII or full-width punctuation, or Traditional characters."""
    pages = ("1、某市商务局 2018 年政务公开重点工作实施方案序号 工作任务 具体要求 责任科室(单位) 完成时限加强组织领导,主要"
             "负责人年内至少听取 1 次政务公开工作汇报;及时调整政务公开领导小组。办公室牵头,各科室配合 11 月底前强化考核监督,"
             "政务公开纳入部门年度考核,所占分值不低于 4%。 政工科牵头,办公室配合 1 基础建设全面落实“五公开”工作机制,规范"
             "发布程序和渠道,从源头上解决公开属性的认定问题。办公室牵头,各科室配合 10 月底前局机关网站栏目信息更新及时、准确,不发\n"
             "2、生严重错误;网站无空白栏目。各科室 11 月底前序号 工作任务 具体要求 责任科室(单位) 完成时限定期向档案馆、图书馆等"
             "公共查阅场所报送政府信息。 办公室 12 月底前主动公开并及时更新信息公开指南,按时发布政府信息公开年度报告。 办公室 11 "
             "月底前2 平台建设建立例行新闻发布会制度,设立新闻发言人,定期举办新闻发布会。办公室牵头,各科室配合 11 月底前3 决策公开(1\n"
             "3、)落实重大决策预公开制度,对于社会关注度高的决策事项,在决策前主动向社会公开决策草案。(2)决策后及时公开相关文件。"
             "办公室牵头,各科室\n")
    want = [[("办公室", "lead"), ("各科室", "cooperate")], [("政工科", "lead"), ("办公室", "cooperate")],
            [("办公室", "lead"), ("各科室", "cooperate")], [("各科室", "responsible")], [("办公室", "responsible")],
            [("办公室", "responsible")], [("办公室", "lead"), ("各科室", "cooperate")]]
    for text in (pages, pages.replace(",", "，").replace(";", "；"),
                 pages.replace("办公室", "辦公室").replace("牵头", "牽頭")):
        imported = parse_text(text, "x.txt")
        assert (imported.plan.organization, imported.plan.year) == ("某市商务局", 2018)
        assert len(imported.tasks) == 8, [t.text for t in imported.tasks]
        assert [[(normalize(n), r) for n, r in u] for u in units(imported)][:7] == want
        assert imported.tasks[0].deadline.due is not None and imported.tasks[0].deadline.due.isoformat() == "2018-11-30"
        assert normalize(imported.tasks[3].text).endswith("不发生严重错误;网站无空白栏目。")
        assert normalize(imported.tasks[7].text).startswith("3 决策公开(1)落实")


def test_a_page_marker_glued_before_a_title_is_no_part_of_it() -> None:
    """A sharing page's page marker glued to the title (``1威县民政局…``), under the site's shorter title of the same
    plan (``民政局政务公开方案``): the body keeps its place, in ASCII or full-width punctuation, or Traditional."""
    body = "为深入推进政务公开,结合我局实际,现制定如下方案:\n一、公开内容\n1.行政权力运行信息。加大信息公开力度。\n"
    texts = {"alone": "1威县民政局政务公开工作实施方案\n" + body,
             "under the site title": "民政局政务公开方案\n1威县民政局政务公开工作实施方案\n" + body,
             "full-width": "民政局政务公开方案\n12威县民政局政务公开工作实施方案\n" + body.replace(",", "，"),
             "Traditional": "民政局政務公開方案\n1威縣民政局政務公開工作實施方案\n" + body}
    for name, text in texts.items():
        org = parse_text(text, "x.txt").plan.organization
        assert normalize(org) == "威县民政局", (name, org)
    assert parse_text("2021年某县政务公开工作要点\n" + body, "x.txt").plan.year == 2021


def test_a_forwarding_notices_own_issuer_is_not_the_organisation_of_the_plan_it_forwards() -> None:
    """A city's notice forwarding a province's plan (``现将《某省人民政府办公厅关于印发…的通知》转发给你们``), over the
    province's notice or straight over the plan: the plan is the province's, whichever notice signs first; in ASCII
    or full-width punctuation, or Traditional characters."""
    city = ("各县(区)人民政府,市政府各部门:\n经市政府同意,现将《某省人民政府办公厅关于印发2021年全省政务公开重点工作安排"
            "的通知》转发你们,请认真贯彻落实。\n某市人民政府办公室\n2021年5月20日\n")
    province = ("某省人民政府办公厅关于印发2021年全省政务公开重点工作安排的通知\n各市(州)人民政府:\n"
                "《2021年全省政务公开重点工作安排》已经省政府同意,现印发给你们。\n某省人民政府办公厅\n2021年3月30日\n")
    plan = "2021年全省政务公开重点工作安排\n一、深化基层政务公开\n(一)完善标准目录。(省政府办公厅负责)\n"
    unquoted = city.replace("《某省人民政府办公厅关于印发2021年全省政务公开重点工作安排的通知》", "《2021年全省政务公开重点工作安排》")
    texts = {"stacked": city + province + plan, "straight over the plan": city + plan,
             "the issuer only in the notice below": unquoted + province + plan,
             "full-width": (city + province + plan).replace(",", "，").replace(":", "："),
             "Traditional": (city + province + plan).replace("转发", "轉發").replace("办公厅", "辦公廳")}
    for name, text in texts.items():
        imported = parse_text(text, "x.txt")
        assert normalize(imported.plan.organization) == "某省人民政府办公厅", (name, imported.plan.organization)
        assert imported.plan.year == 2021, name
    own = "某市2021年政务公开工作要点\n一、任务\n(一)公开信息。(市政府办公室负责)\n某市人民政府办公室\n2021年5月20日\n"
    assert parse_text(own, "x.txt").plan.organization == "某市"


def test_an_english_translation_after_the_chinese_text_is_no_part_of_the_plan() -> None:
    """An abstract page printing the text's English translation after it, on one line or several: its ``I.`` and
    ``1.`` are neither sections nor tasks; in ASCII or full-width punctuation, or Traditional characters."""
    chinese = "某市2021年政务公开工作要点\n一、加强政策解读\n(一)做好政策解读工作。(市政府办公室负责)\n"
    english = ("Key Points of Government Affairs Disclosure of a City in 2021 I. Strengthening policy interpretation "
               "1. To do a good job in policy interpretation (Municipal Government Office is responsible)\n")
    lines = english.replace(" I. ", "\nI. ").replace(" 1. ", "\n1. ")
    texts = {"one line": chinese + english, "several lines": chinese + lines,
             "full-width": chinese.replace("(", "（").replace(")", "）") + lines,
             "Traditional": chinese.replace("政务公开", "政務公開").replace("负责", "負責") + english}
    for name, text in texts.items():
        imported = parse_text(text, "x.txt")
        assert [s.level for s in imported.plan.sections] == [1], name
        assert [normalize(t.text) for t in imported.tasks] == ["做好政策解读工作。"], name
        assert [[normalize(n) for n, _ in u] for u in units(imported)] == [["市政府办公室"]], name


def test_an_issuers_red_header_and_a_numbered_sentence_the_page_cut() -> None:
    """A notice printed without a title, opened by its issuer's red header (``某市人民政府办公厅文件`` and its number,
    on its own line or run into the text), whose only ``(一)`` sentence the page cut mid-word: the header names the
    body, and the sentence is a numbered task, no subsection; in ASCII or full-width punctuation, or Traditional."""
    body = ("各区人民政府:\n为进一步推进政府信息公开工作,特提出如下意见。\n一、建立政府信息公开岗位责任机制\n"
            "(一)为保证政府信息公开工作有序、高效运行,确保公开信息的准确性,从工作实际出发,建立以\n")
    texts = {"own line": "某市人民政府办公厅文件\n某政办[2014]180号\n" + body,
             "run in": "某市人民政府办公厅文件某政办〔2014〕180号\n" + body,
             "full-width": "某市人民政府办公厅文件\n" + body.replace(",", "，").replace(":", "："),
             "Traditional": "某市人民政府辦公廳文件\n" + body.replace("政府信息公开", "政府信息公開")}
    for name, text in texts.items():
        imported = parse_text(text, "x.txt")
        assert normalize(imported.plan.organization) == "某市人民政府办公厅", (name, imported.plan.organization)
        assert [s.level for s in imported.plan.sections] == [1], name
        assert len(imported.tasks) == 1 and normalize(imported.tasks[0].text).startswith("为保证"), name
        assert imported.tasks[0].units == (), name


def test_a_bare_heading_label_cut_off_at_the_end_is_no_task() -> None:
    """A page cut right after a heading's label (``(一)``, ``一、``, ``（二）``, nothing of its title): there is nothing of
    that heading to do — no task with an empty text, no empty section; the tasks before it stand."""
    head = "某市民政局2019年政务公开工作要点\n一、加强政策解读\n1.做好解读工作。(办公室负责)\n"
    for label in ("(一)", "一、", "（一）", "二、 ", "(二)  ", "（二）"):
        imported = parse_text(head + label, "x.txt")
        assert [(t.number, t.text) for t in imported.tasks] == [("1", "做好解读工作。")], label
        assert [s.title for s in imported.plan.sections] == ["加强政策解读"], label


# -- sixth rules round (s16-import): organisations printed in the title and the metadata block --------------
def test_a_body_printed_after_the_year_in_its_title_is_the_organisation() -> None:
    """``2019年某关政务公开工作要点``: the body stands between the year and the title words, whatever its kind
    (a customs office, a city's sector) — and ``政府`` of ``政府信息公开`` is no part of it."""
    body = "一、重点任务\n1.公开规划信息。(办公室负责)\n"
    assert parse_text("2019年黄埔海关政务公开工作要点\n" + body, "x.txt").plan.organization == "黄埔海关"
    assert parse_text("2021年某州市交通运输政务公开工作要点\n" + body, "x.txt").plan.organization == "某州市交通运输"
    assert parse_text("2015年某州市政府信息公开工作要点\n" + body, "x.txt").plan.organization == "某州市"
    assert parse_text("2021年全市交通运输政务公开工作要点\n" + body, "x.txt").plan.organization == ""  # a scope


def test_a_metadata_label_spaced_out_or_in_a_table_row_is_no_part_of_the_title() -> None:
    """``名    称 :某区…通知`` (a label spaced wider than one space) and ``标 题 | 某局…任务 |`` (a metadata block
    printed as table rows): the value is the title, the label no part of it; ``发布机构 | X |`` is evidence."""
    body = "一、重点任务\n1.公开规划信息。(办公室负责)\n"
    spaced = parse_text("名    称 :某区人民政府办公室关于转发2017年某区政务公开重点工作安排的通知\n"
                        "索   引  号 :1112000/2020-01263\n" + body, "x.txt").plan
    assert spaced.organization == "某区人民政府办公室" and not spaced.title.startswith("名")
    table = parse_text("索引号 | 1123/swj/2023-0044 | 公开目录 | 政务公开 |\n发布机构 | 某市商务局 | 发布日期 | 2022-05-23 |\n"
                       "标 题 | 某市商务局2022年政务公开重点工作任务 |\n" + body, "x.txt").plan
    assert (table.title, table.organization, table.year) == ("某市商务局2022年政务公开重点工作任务", "某市商务局", 2022)


def test_a_note_after_the_unit_lists_full_stop_names_no_unit() -> None:
    """``(责任单位:A,B。本要点各项工作均需…作为责任单位,以下不再列出)``: the sentence after the stop is a note on the
    plan; a key, units or a deadline after the stop still count."""
    text = ("2020年某省政务公开工作要点\n一、重点任务\n"
            "(一)加强决策公开。建立健全目录。(责任单位:省政府办公厅,其他省级有关单位。本要点各项工作均需各市、县(市、区)"
            "政府作为责任单位,以下不再列出)\n"
            "(二)公开权责清单。(牵头单位:省委编办。配合单位:省司法厅)\n")
    imported = parse_text(text, "x.txt")
    assert units(imported) == [[("省政府办公厅", "responsible"), ("其他省级有关单位", "responsible")],
                               [("省委编办", "lead"), ("省司法厅", "cooperate")]]
    found, deadline = parse_annotation("省财政厅负责。2020年底前完成")
    assert [u.name for u in found] == ["省财政厅"] and deadline == "2020年底前完成"


def test_each_in_charge_wording_is_no_part_of_a_name() -> None:
    """``A、B、C各负其责,D、E分别落实``: 各负其责 (各司其职) says how the units share the work, as 分别负责 does."""
    text = ("2021年某关政务公开工作要点\n一、重点任务\n6. 发布权威信息。\n"
            "责任单位:卫生司、食品局、办公厅各负其责,署内各部门、各直属海关分别落实。\n完成时限:全年。\n")
    names = [name for name, _ in units(parse_text(text, "x.txt"))[0]]
    assert names == ["卫生司", "食品局", "办公厅", "署内各部门", "各直属海关"]


def test_a_sharing_page_run_in_on_one_line_is_read_beside_its_short_chrome_lines() -> None:
    """A sharing site's page: a few short lines of its own (size, date, ``文档介绍``), then the whole plan on one line
    with ``一、`` mid-line after spaces: still a plan run in, its headings found."""
    body = " ".join(f"{n}、切实加强第{n}项政务公开工作的领导 建立健全领导小组,指定专人 负责公开的具体事务性工作,"
                    + "落实分管领导把关制度," * i + "有组织、有计划地推进公开工作。" for i, n in enumerate("一二三", 1))
    text = ("- 2021-05-28 发布 |\n- 37.5 KB |\n- 2页\n申明敬告: 本站不保证该用户上传的文档完整性,不予受理。\n文档介绍\n"
            f"某街道政务公开工作计划 今年街道办事处政务公开工作,要继续深入贯彻落实条例,推进政务公开工作上新台阶。 {body}\n")
    imported = parse_text(text, "x.txt")
    assert [s.level for s in imported.plan.sections] == [1, 1, 1]
    assert len(imported.tasks) == 3 and not any("申明敬告" in t.text for t in imported.tasks)
    # headings of one length are no hard wrapping: each keeps its own title, its text below it
    assert [s.title for s in imported.plan.sections] == [f"切实加强第{n}项政务公开工作的领导" for n in "一二三"]


def test_a_paragraph_broken_in_the_middle_of_a_word_is_one_task() -> None:
    """``…;公开行`` / ``政许可的办事依据…``: a paragraph the page broke mid-word goes on in the next paragraph; a
    units line, a heading or a numbered item after it still stands alone."""
    text = ("某街道信息公开计划\n一、全面公开政务内容:\n1、对外公开内容。公开机构职能和领导信息,公开本街道的政策文件;公开行\n\n"
            "政许可的办事依据、办事程序,公开行政事业\n\n性收费的项目、依据、标准等各项信息。\n\n"
            "2、对内公开内容。公开单位内部的人员交流、考核、奖惩等情况,接受干部监督\n责任单位:党政办公室\n")
    imported = parse_text(text, "x.txt")
    assert [t.number for t in imported.tasks] == ["1", "2"]
    assert imported.tasks[0].text.endswith("等各项信息。") and "公开行政许可" in imported.tasks[0].text
    assert units(imported)[1] == [("党政办公室", "responsible")]


def test_a_top_heading_that_is_one_sentence_with_nothing_under_it_is_a_task() -> None:
    """``六、建立信访、投诉处理制度,依法处理、解决信访事项。`` between two ``一、`` headings: a work item, a task,
    however short; a title over subsections stays a title."""
    text = ("某街道信息公开计划\n一、建立信访、投诉处理制度,依法处理、解决信访事项。\n二、完善便民窗口,落实岗位责任。\n"
            "三、保障措施,狠抓落实。\n(一)加强组织领导。健全工作机制,明确责任分工。\n")
    imported = parse_text(text, "x.txt")
    assert [s.level for s in imported.plan.sections] == [1, 1, 1, 2]
    assert [t.sections for t in imported.tasks] == [("s1",), ("s2",), ("s3", "s4")]


def test_a_bracketed_item_with_nothing_under_it_before_the_next_is_a_task() -> None:
    """``(一)某市政府门户网站。`` over ``(二)…``: items of a list, tasks — also the last one, cut off — unless a
    subsection with its text came before in that section (then one with none is a subsection whose text the page
    lost); an item whose ``(四`` the page lost (``)发布…``) is the next item."""
    text = ("某局政务公开工作实施方案\n一、主要公开内容\n(一)优化权责清单。定期维护权责清单。\n(二)深化财政公示。按期公开预算。\n"
            "二、主要公开形式\n(一)某市政府门户网站。\n(二)某")
    imported = parse_text(text, "x.txt")
    assert [s.level for s in imported.plan.sections] == [1, 2, 2, 1]
    assert [t.number for t in imported.tasks][-2:] == ["(一)", "(二)"]
    lost = parse_text("某局政务公开实施方案\n一、工作任务\n(一)本方案所称政务信息,是指我局制作的信息。\n"
                      "(二)政务信息公开应遵循及时、准确原则。\n)发布工作信息不得侵犯国家秘密。\n", "x.txt")
    assert [s.level for s in lost.plan.sections] == [1] and len(lost.tasks) == 3
    after = parse_text("某县政务公开实施方案\n一、主要任务\n(一)规范重点领域信息公开\n1.落实标准指引。\n2.建立事项目录。\n"
                       "(二)有序推进标准化规范化\n二、进度安排\n1.9月底前制定工作方案。\n", "x.txt")
    assert [s.level for s in after.plan.sections] == [1, 2, 2, 1] and len(after.tasks) == 3


def test_a_bracketed_item_closed_by_its_units_line_is_a_task() -> None:
    """``(一)财政工作概况;办公电话。`` over ``责任股室:办公室、人事股``: a task with those units, not a subsection; a
    units line the page ended inside a name (``责任股室:人事股、会``) leaves the last task cut off, with no units."""
    text = ("某局政务公开实施方案\n一、政务公开的内容\n按照合法、具体、规范的要求,各股室应根据职责范围公开有关事项。\n"
            "(一)财政工作概况;内设机构职能、办公电话。\n责任股室:办公室、人事股\n"
            "(二)财税法规、管理制度及规范性文件;行政许可的事项、依据。\n责任股室:人事股、会")
    imported = parse_text(text, "x.txt")
    assert [s.level for s in imported.plan.sections] == [1]
    assert units(imported) == [[], [("办公室", "responsible"), ("人事股", "responsible")], []]
    assert "incomplete" in imported.tasks[-1].flags


# -- seventh rules round (s17-import), after batch b8 ---------------------------------------------------------
def test_marks_a_copying_site_injects_all_through_a_page_are_no_text() -> None:
    """``一@@、政务公开@@`` …: a run of one symbol printed all through the page is junk, taken out before anything
    is read (a heading's label too); a single ``@`` (an address) stays."""
    text = ("某局@@关于印发@@《全面推进@@政务@@公开工作实施办法@@》的通知\n"
            "一@@、政务公开工作总体要求@@\n(一@@)指导思想@@。深入推进@@依法行政@@,全面落实@@公开要求。\n"
            "(二@@)基本原则@@。以公开促落实@@。联系邮箱: gk@example.cn\n")
    imported = parse_text(text, "x.txt")
    assert [s.level for s in imported.plan.sections][:1] == [1]
    assert not any("@@" in t.text for t in imported.tasks) and "gk@example.cn" in imported.tasks[-1].text


def test_a_plan_without_a_title_is_the_body_its_first_sentence_names() -> None:
    """``2017年,某某委全面贯彻…``: a plan printed without its title names its body after its year."""
    text = ("文章来源:办公厅 发布时间:2017-05-23\n2017年,国务院某某委全面贯彻党的精神,认真落实改革要求,扎实做好政务公开工作。\n"
            "一、继续推进信息公开。依法依规向社会公开中央企业生产经营情况。\n二、加强政策解读。做好政策解读工作。\n")
    assert parse_text(text, "x.txt").plan.organization == "国务院某某委"
    scope = "2017年,全市各级政府全面贯彻党的精神,扎实做好政务公开工作。\n一、推进信息公开。公开生产经营情况。\n"
    assert parse_text(scope, "x.txt").plan.organization == ""


def test_a_title_or_summary_labelled_without_a_colon_is_no_part_of_the_title() -> None:
    """``标题 某区…的通知 有效性 有效`` and ``内容概述 某区…的通知``: metadata printed without colons; the value runs
    to the next label."""
    text = ("索 引 号 文号\n发布机构 生成日期\n标题 某区人民政府办公室关于贯彻落实《2020年政务公开工作要点》的通知 有效性 有效\n"
            "内容概述 某区人民政府办公室关于贯彻落实《2020年政务公开工作要点》的通知\n"
            "各乡镇人民政府:\n1.全面梳理本机关依法行使的行政权力。(区司法局负责)\n2.区直有关部门主动对接业务主管部门。(区政府办负责)\n")
    assert parse_text(text, "x.txt").plan.organization == "某区人民政府办公室"


def test_an_annotation_the_page_ended_inside_a_name_names_no_unit() -> None:
    """``…融合发展。(牵头单位:办公室,责任单位:就业办、农民工处、养老保`` at the end: the page was cut inside the
    annotation; the last task is cut off, without units (a closed annotation still gives its units)."""
    text = ("某局政务公开工作要点\n一、落实标准指引\n按照标准指引,审核上报的标准目录,促进公开工作与业务工作融合发展。"
            "(牵头单位:办公室、行政审批办公室,责任单位:就业办、农民工处、养老保")
    imported = parse_text(text, "x.txt")
    assert units(imported) == [[]] and "incomplete" in imported.tasks[0].flags
    whole = parse_text(text + "险处)\n", "x.txt")
    assert ("养老保险处", "responsible") in units(whole)[0]


def test_those_a_lead_works_with_cooperate() -> None:
    """``由X牵头,会同A、B(别名)、C,根据…`` opening an item, and ``(X牵头,会同A、B)`` closing one: X leads, the rest
    cooperate."""
    text = ("某厅关于做好问题整改的通知\n一、整改要求\n1.由国库处牵头,会同预算处(市县处)、教科文处、社保处,根据工作实际,及时公开资金下达情况。\n"
            "2.公开预算执行情况。(国库处牵头,会同预算处、金融处)\n")
    assert units(parse_text(text, "x.txt")) == [
        [("国库处", "lead"), ("预算处(市县处)", "cooperate"), ("教科文处", "cooperate"), ("社保处", "cooperate")],
        [("国库处", "lead"), ("预算处", "cooperate"), ("金融处", "cooperate")]]


def test_a_units_column_holding_duties_beside_the_names() -> None:
    """A table printed a cell per paragraph under ``责任单位和工作要求``: each unit cell follows its numbered text
    whatever it says beside the names (``…办理``, ``X做好发布工作,Y做好技术支持和指导``, ``X牵头办理,在工作中加强…``);
    the duties are no units, and ``5.及时公开…`` is the next row, not a deadline."""
    text = ("某区2021年政务公开工作要点分工方案\n\n工作任务\n\n具体要求\n\n责任单位和工作要求\n\n一、深化政务公开\n\n"
            "(一)做好规划公开。\n\n1.主动公开规划纲要和专项规划。\n\n区发展改革局、区规划分局,以及各有关单位、各镇(街)办理。\n\n"
            "2.做好历史规划的归集整理。\n\n区政府办会同各有关单位、各镇(街)办理。\n\n"
            "3.集中发布规划原文和政策解读。\n\n各有关单位、各镇(街)做好发布工作,区数据管理局做好技术支持和指导。\n\n"
            "4.公开市场准入负面清单。\n\n区发展改革局、区市场监管局牵头办理,在工作中加强与上级单位沟通对接。\n\n"
            "5.及时公开建设高标准市场体系行动方案的落实举措")
    imported = parse_text(text, "x.txt")
    assert [t.number for t in imported.tasks] == ["1", "2", "3", "4", "5"]
    assert units(imported)[:4] == [
        [("区发展改革局", "responsible"), ("区规划分局", "responsible"), ("各有关单位", "responsible"),
         ("各镇(街)", "responsible")],
        [("区政府办", "lead"), ("各有关单位", "cooperate"), ("各镇(街)", "cooperate")],
        [("各有关单位", "responsible"), ("各镇(街)", "responsible"), ("区数据管理局", "responsible")],
        [("区发展改革局", "lead"), ("区市场监管局", "lead")]]


def test_a_sharing_sites_chrome_around_the_document_is_no_text() -> None:
    """Page pictures' captions (``….docx_第1页``), ``第1页 / 共23页``, the uploader's line, ``资源描述`` and ``《…》由会员
    分享…`` are the site's, not the plan's: they are dropped before the plan is read, so that the plan run in on one
    line is read as such."""
    from govtui.importers.headings import is_sharing_notice

    for chrome in ("某局2021年政务公开工作要点任务分工.docx_第1页", "资源描述", "返回 下载 相关 举报",
                   "上传人:李某 文档编号:6852285 上传时间:2024-03-08 格式:DOCX 页数:23",
                   "《某局任务分工.docx》由会员分享,可在线阅读,更多相关《某局任务分工.docx(23页珍藏版)》请在某办公上搜索。"):
        assert is_sharing_notice(chrome), chrome
    for text in ("公开资源描述信息和目录", "返回下载量统计表", "一、公开规划信息"):
        assert not is_sharing_notice(text), text


# -- eighth rules round (s18-import), after batch b9 ----------------------------------------------------------
def test_how_the_units_share_the_work_is_no_part_of_their_names() -> None:
    """``(A、B按照职能分工分别牵头落实)``: each unit leads, none is named ``B按照职能分工``."""
    text = "某局政务公开工作计划\n一、推进公开\n(一)公开监管信息。(造林司、资源司按照职能分工分别牵头落实)\n"
    assert units(parse_text(text, "x.txt")) == [[("造林司", "lead"), ("资源司", "lead")]]


def test_an_essay_sites_recommendations_end_the_plan() -> None:
    """``小编精心推荐`` and the link line below it (``工作计划表 | 工作计划书 | …``), ``(未完,全文共1703字…)``: the site's,
    after the plan's text."""
    text = ("工商局信息公开工作计划\n一、健全领导体制\n把政府信息公开作为一把手工程来抓,各科室主要负责人具体负责。\n"
            "小编精心推荐\n工作计划表 | 工作计划书 | 工作计划开头 | 工作计划结尾\n小编精心推荐\n")
    assert len(parse_text(text, "x.txt").tasks) == 1
    cut = "某区信息公开方案\n一、总体要求\n按期完成编制工作。\n(未完,全文共1703字,当前显示558字)\n(请认真阅读下面的提示信息)\n"
    assert len(parse_text(cut, "x.txt").tasks) == 1


def test_a_line_broken_before_an_opening_quote_goes_on_with_the_line_before() -> None:
    """``六、切实做好`` over ``《条例》施行前的各项准备工作``, ``…按照`` over ``“上下同步…”的原则…``: a line that stops on a
    character was broken before the quote or bracket; a title (``…工作方案``) over a quoted paragraph stays apart."""
    text = ("某市政府信息公开工作方案\n“十四五”时期是关键时期,现制定本方案。\n六、切实做好\n《条例》施行前的各项准备工作\n"
            "各级各部门要按照\n《条例》要求,做好\n《条例》施行的各项准备工作。\n(一)明确工作机构。各部门要在2月1日前予以明确。\n")
    imported = parse_text(text, "x.txt")
    assert [s.title for s in imported.plan.sections] == ["切实做好《条例》施行前的各项准备工作", "明确工作机构"]
    assert imported.tasks[0].text == "各级各部门要按照《条例》要求,做好《条例》施行的各项准备工作。"
    assert imported.plan.description.startswith("“十四五”")


def test_an_attachment_list_after_the_text_is_no_task() -> None:
    """``附件:1、…情况表`` and the numbered names below it list the documents a notice attaches."""
    text = ("某市政府信息公开准备工作方案\n一、做好准备工作\n(一)明确工作机构。各部门要在2月1日前予以明确。\n"
            "附件:1、政府信息公开工作机构情况表\n2、政府信息公开指南参考样本\n3、政府信息公开目录参考样本\n")
    assert len(parse_text(text, "x.txt").tasks) == 1


def test_a_sharing_pages_numbered_marker_before_the_title_is_no_part_of_it() -> None:
    """``1、水产畜牧兽医局政府信息公开年度工作方案 …`` (a sharing page's page 1): the body is the title's."""
    text = ("1、某水产局政府信息公开年度工作方案 某水产局政府信息公开年度工作方案 今年政务公开要进一步健全工作机构,着重做好以下工作。"
            " 一、认真组织学习条例,进一步明确今年政务公开的重点。 二、健全领导机构,加强组织领导,形成主要领导亲自抓的格局。\n")
    assert parse_text(text, "x.txt").plan.organization == "某水产局"


# -- ninth rules round (s19-import), after batch b10 ----------------------------------------------------------
def test_a_sentence_closing_an_item_that_says_who_does_the_work_names_its_units() -> None:
    """``…。此项工作由省府办公厅负责,省监察厅配合。``: bracketless, at the paragraph's end; ``牵头责任单位:`` is a lead key."""
    text = ("某省政务公开工作方案\n一、主要任务\n(一)编制并公布本行政机关的权力清单。此项工作由省府办公厅负责,省监察厅、法制办配合。\n"
            "(二)推进重点领域公开。(牵头责任单位:省编办,责任单位:省政府相关部门)\n")
    assert units(parse_text(text, "x.txt")) == [
        [("省府办公厅", "lead"), ("省监察厅", "cooperate"), ("法制办", "cooperate")],
        [("省编办", "lead"), ("省政府相关部门", "responsible")]]


def test_a_body_and_its_alias_and_a_titleless_plans_opening_sentence() -> None:
    """``某市水务局(某市海洋局)2010年…要点``: the body with its alias, whole; ``2024年,某市经济和信息化委员会将以…``: the
    body ends where the sentence's verb starts."""
    aliased = parse_text("某市水务局关于印发《某市水务局(某市海洋局)2010年政务公开工作要点》的通知\n一、任务\n"
                         "(一)公开信息。(办公室负责)\n", "x.txt")
    assert aliased.plan.organization == "某市水务局(某市海洋局)"
    opening = parse_text("2024年,某市经济和信息化委员会将以新思想为指导,做好政务公开工作。\n一、推进公开\n(一)公开政策。持续公开。\n"
                         "(二)做好解读。及时解读。\n", "x.txt")
    assert opening.plan.organization == "某市经济和信息化委员会"


def test_a_line_that_ends_with_an_opening_bracket_goes_on_in_the_next() -> None:
    """``要认真执行《`` over ``政府信息公开条例》和《`` over ``某省政务公开工作规定》,…``: one paragraph."""
    text = ("某市政务公开方案\n一、加大公开力度\n要认真执行《\n政府信息公开条例》和《\n某省政务公开工作规定》,推动重大决策向社会公开。\n")
    imported = parse_text(text, "x.txt")
    assert [t.text for t in imported.tasks] == ["要认真执行《政府信息公开条例》和《某省政务公开工作规定》,推动重大决策向社会公开。"]


def test_a_section_whose_items_are_sentences_numbers_its_tasks_with_them() -> None:
    """``(一)按照…要求,围绕…,做好…。…`` / ``(二)…`` / ``(三)…``: where a section's ``(一)`` items are mostly sentences
    before their first stop, every item of that section is a numbered task, none a subsection; a section whose items
    carry short titles (``(一)加强组织领导。…``) keeps its subsections."""
    sentence = "按照年度工作要点要求,围绕食品安全、环境保护、征地拆迁等重点领域,做好相关信息的公开工作"
    text = ("某局政务公开实施意见\n三、落实条例\n"
            f"(一){sentence}。进一步扩大公开范围。\n(二)搞好重大突发事件相关信息的主动公开,及时、客观公布事件进展和政府应急举措。"
            "回应公众关切。\n(三)健全机制。完善依申请公开受理机制。\n"
            "四、保障措施\n(一)加强组织领导。明确分管领导和工作人员。\n(二)强化督查考核。纳入年度考核。\n")
    imported = parse_text(text, "x.txt")
    assert [s.level for s in imported.plan.sections] == [1, 1, 2, 2]
    assert [t.number for t in imported.tasks][:3] == ["(一)", "(二)", "(三)"]
    assert imported.tasks[0].text.startswith(sentence)


# -- tenth rules round (s20-import) ------------------------------------------------------------------------------
def test_labelled_clauses_closing_a_paragraph_keep_names_with_brackets() -> None:
    """``…。 牵头单位:市委编办(市规服办)、市政务中心。 责任单位:有关区(市)县政府。``: a name's own short brackets do not end
    the labelled clause, run in on the paragraph's line or not."""
    text = ("某市政务公开工作要点\n一、试点推进市民服务中心建设\n选择有条件的区(市)县试点推进市民服务中心建设。"
            " 牵头单位:市委编办(市规服办)、市政务中心。 责任单位:有关区(市)县政府。\n"
            "二、加快电子政务建设\n进一步完善门户网站管理机制。 牵头单位:市政府效能办(市政务公开办)。 责任单位:市政府各部门。\n")
    imported = parse_text(text, "x.txt")
    assert units(imported) == [
        [("市委编办(市规服办)", "lead"), ("市政务中心", "lead"), ("有关区(市)县政府", "responsible")],
        [("市政府效能办(市政务公开办)", "lead"), ("市政府各部门", "responsible")]]
    assert [t.text for t in imported.tasks] == ["选择有条件的区(市)县试点推进市民服务中心建设。", "进一步完善门户网站管理机制。"]


def test_a_short_line_of_sentences_that_stops_on_a_character_goes_on_in_the_next() -> None:
    """``政府信息公开条例。各级行政机关要严格执行`` over ``政府信息公开条例,认真编制…`` (a page whose 《》 links were dropped, each
    breaking its line): a line holding a finished sentence that then stops on a character was broken mid-sentence, however
    short; a short line with no sentence in it (``深入实施``, a title) is not."""
    text = ("某市政务公开意见\n一、主要任务\n(一)深入实施\n政府信息公开条例。各级行政机关要严格执行\n"
            "政府信息公开条例,认真编制并及时更新目录和指南。\n(二)推进基层公开。全面推进乡镇政务公开。\n")
    imported = parse_text(text, "x.txt")
    assert [t.text for t in imported.tasks] == [
        "政府信息公开条例。各级行政机关要严格执行政府信息公开条例,认真编制并及时更新目录和指南。",
        "推进基层公开。全面推进乡镇政务公开。"]


def test_traditional_keys_divide_an_annotation_as_simplified_ones_do() -> None:
    """``牽頭單位:A。 責任單位:B,C`` is read as ``牵头单位:A。 责任单位:B,C``: each key's role holds up to the next key."""
    for text in ("牵头单位:市政府效能办。 责任单位:各区县政府,市政府有关部门", "牽頭單位:市政府效能辦。 責任單位:各區縣政府,市政府有關部門"):
        found, _ = parse_annotation(text)
        assert [(normalize(u.name), u.role.value) for u in found] == [
            ("市政府效能办", "lead"), ("各区县政府", "responsible"), ("市政府有关部门", "responsible")]


def test_a_metadata_block_printed_as_table_rows_is_no_table_of_tasks() -> None:
    """``索 引 号: | … | 主题分类: | |`` / ``发布机构: | 某省人民政府 | 成文日期: | …``: a page's metadata in pipe rows above a
    prose plan is read as its labelled lines (the body, the date), never as rows of tasks."""
    text = ("索 引 号: | 11140500012420117H/2019-00001 | 主题分类: | |\n发布机构: | 某省人民政府 | 成文日期: | 2019年08月11日 |\n"
            "标 题: | 关于印发某省2019年政务公开工作要点的通知 | ||\n发文字号: | 发布日期: | 2019年08月11日 |\n"
            "某省2019年政务公开工作要点\n一、推进权力运行透明\n(一)推进重要决策公开。广泛听取意见。(省直各部门和各市县\n")
    imported = parse_text(text, "x.txt")
    assert imported.plan.title == "某省2019年政务公开工作要点" and imported.plan.year == 2019
    assert [t.text for t in imported.tasks] == ["推进重要决策公开。广泛听取意见。(省直各部门和各市县"]


def test_a_criterion_column_is_no_task_text_and_its_own_numbers_start_no_row() -> None:
    """``工作任务 | 评价标准 | 责任单位`` printed a cell per line: the 评价标准 cell (``1.评价…2.评价…``) is the header's
    column beside the task, not a task; a row cut off at the page's end keeps its printed number."""
    text = ("某市公安局2019年政务公开工作要点分工方案\n工作任务 |\n评价标准 |\n责任单位 |\n|\n一、加强政策解读 | |||\n"
            "(一)深入解读重要政策 |\n1.全面公开、精准解读重要政策措施。 |\n评价各单位政策文件公开和解读的数量。\n|\n"
            "各县公安局、各分局 |\n2.政策性文件与解读材料同步组织、同步审签。 |\n"
            "1.评价各单位政策解读是否做到“三同步”。 2.评价解读材料是否关联公开。 |\n各县公安局、各分局 |\n|\n"
            "(二)积极回应社会关切\n|\n1.对出台的重要改革措施和政策文件,牵头起草部门要认真做好舆情风险评估。 |\n评价对相关政策文件是否有开展")
    imported = parse_text(text, "x.txt")
    assert [(t.number, t.text) for t in imported.tasks][:2] == [
        ("1", "全面公开、精准解读重要政策措施。"), ("2", "政策性文件与解读材料同步组织、同步审签。")]
    assert [t.number for t in imported.tasks] == ["1", "2", "1"]
    assert units(imported)[:2] == [[("各县公安局", "responsible"), ("各分局", "responsible")]] * 2


def test_a_unit_list_splits_outside_brackets_of_every_kind() -> None:
    """``各市、县〔市、区〕政府``, ``各县【市、区】教育局``, ``各县[市、区]教育局`` are one unit each, as ``各县(市、区)…`` is."""
    for opening, closing in ("()", "（）", "〔〕", "【】", "[]"):
        found, _ = parse_annotation(f"各市、县{opening}市、区{closing}政府,省级有关单位负责")
        assert [normalize(u.name).translate(ROUND_BRACKETS) for u in found] == ["各市、县(市、区)政府", "省级有关单位"]


def test_a_clause_that_names_its_topic_before_its_unit_gives_the_unit() -> None:
    """``〔规范性文件公开由制发司(局)牵头,信息中心配合;执法事项清单由政策法规司牵头〕``: what is done, then 由 and who does it;
    a body whose name holds 由 (``自由贸易试验区管委会``) stays whole."""
    found, _ = parse_annotation("规范性文件公开由制发司(局)牵头,信息中心配合;执法事项清单由政策法规司牵头,相关司(局)配合")
    assert [(u.name, u.role.value) for u in found] == [("制发司(局)", "lead"), ("信息中心", "cooperate"),
                                                        ("政策法规司", "lead"), ("相关司(局)", "cooperate")]
    assert [u.name for u in parse_annotation("上海自由贸易试验区管委会负责")[0]] == ["上海自由贸易试验区管委会"]


def test_two_bodies_joined_by_and_are_two_units_a_name_with_and_in_it_is_one() -> None:
    """``各市政府和省委农工办`` → 各市政府, 省委农工办 (each ends as a body's name does); ``市文化和旅游局``,
    ``市发展和改革委员会`` are one body each."""
    found, _ = parse_annotation("各市政府和省委农工办、市文化和旅游局、市发展和改革委员会及市财政局按职责分工分别牵头落实")
    assert [(u.name, u.role.value) for u in found] == [("各市政府", "lead"), ("省委农工办", "lead"), ("市文化和旅游局", "lead"),
                                                        ("市发展和改革委员会", "lead"), ("市财政局", "lead")]


def test_a_news_headline_about_the_plan_and_a_copys_marks_name_no_body() -> None:
    """``山东公布2025年政务公开工作要点`` over the notice and the plan: the news item's headline is not the plan's title
    (its ``山东公布`` no body); ``? 山東省人民政府辦公廳`` (a mark a copy printed before the line) names the body."""
    news = ("首页 > 实时讯息 >\n山东公布2025年政务公开工作要点\n2025-04-24 18:11:00\n山东省人民政府办公厅\n"
            "关于印发《2025年山东省政务公开工作要点》的通知\n各市人民政府:\n现印发给你们。\n山东省人民政府办公厅\n2025年4月23日\n"
            "2025年山东省政务公开工作要点\n一、推进公开\n(一)公开政策。及时公开。\n")
    imported = parse_text(news, "x.txt")
    assert imported.plan.title == "2025年山东省政务公开工作要点"
    assert imported.plan.organization in ("山东省", "山东省人民政府办公厅")
    marked = parse_text("? 山東省人民政府辦公廳\n關于進一步做好政務公開工作的通知\n一、圍繞重大部署推進公開\n"
                        "(一)做好公開。及時公開。(省政府辦公廳負責)\n", "x.txt")
    assert marked.plan.organization == "山東省人民政府辦公廳"


def test_headings_whose_numbers_a_copy_masked_are_still_headings() -> None:
    """A bidding site's copy prints every number as ``*``: ``* 、以政务公开助力稳增长`` / ``( * )加强预期引导。…``."""
    text = ("* 年某省政务公开工作要点\n根据有关要求,现就做好政务公开工作提出如下要点。\n* 、以政务公开助力稳增长\n"
            "( * )加强预期引导。围绕经济发展领域的政策,深入宣传和解读政策。\n( * )推进财政公开。按月公开财政收支情况。\n")
    imported = parse_text(text, "x.txt")
    assert [t.text for t in imported.tasks] == ["加强预期引导。围绕经济发展领域的政策,深入宣传和解读政策。",
                                                "推进财政公开。按月公开财政收支情况。"]


def test_an_annotation_the_page_ended_inside_names_no_unit() -> None:
    """``…工作。(牵头单位:省发展改革委、省市场监管局、省政府`` at the very end: the bracket never closed, so the list may
    have gone on (省政府办公厅…): the last task was cut off and names no unit; the same bracket closed names them."""
    head = "某省2021年政务公开工作要点\n一、推进公开\n1.全面公开规划信息。(牵头单位:省发展改革委)\n"
    cut = parse_text(head + "2.做好执法信息发布工作。(牵头单位:省发展改革委、省市场监管局、省政府\n", "x.txt")
    assert units(cut) == [[("省发展改革委", "lead")], []]
    whole = parse_text(head + "2.做好执法信息发布工作。(牵头单位:省发展改革委、省政府)\n", "x.txt")
    assert units(whole)[1] == [("省发展改革委", "lead"), ("省政府", "lead")]


def test_a_page_run_together_with_a_sharing_sites_notices_keeps_its_text() -> None:
    """A sharing page printed on one line, its notices inside it (``… 消耗 1 篇素材配额,会员有效期内无限次查看``): the
    notices go, the plan stays (a short line that is only a notice still goes whole)."""
    text = ("某镇人民政府2023年政务公开工作实施方案 更新于2024年1月12日 为进一步加大政府公开力度,充分保障人民群众知情权、参与权、"
            "表达权、监督权,按照县政府工作安排,结合我镇实际,现就2023年政务公开工作制定如下方案。"
            " 一、主要任务 (一)主动公开政府信息。通过政府门户网站主动予以公开,及时更新各类信息,方便群众查阅。"
            " (二)依申请公开。规范受理、审查、答复各环节,依法按时答复群众的申请。"
            " (三)加强平台建设。办好政府网站信息公开专栏,做好信息发布、解读回应和互动交流工作。 消耗 1 篇素材配额,会员有效期内无限次查看\n")
    assert len(text) > 200
    imported = parse_text(text, "x.txt")
    assert [t.text for t in imported.tasks] == ["主动公开政府信息。通过政府门户网站主动予以公开,及时更新各类信息,方便群众查阅。",
                                                "依申请公开。规范受理、审查、答复各环节,依法按时答复群众的申请。",
                                                "加强平台建设。办好政府网站信息公开专栏,做好信息发布、解读回应和互动交流工作。"]


def test_cells_opened_by_a_pipe_and_a_headed_table_cut_before_its_units() -> None:
    """``| 工作任务`` / ``| 评价标准`` / ``| 责任单位``: a dump that marks each cell where it opens is a table a cell at a time;
    under its header of its own, a row the page cut before its unit cell is still the plan's task (the notice's own
    ``一、…二、…`` above the signature are not)."""
    text = ("某区人民政府办公室关于印发某区2019年政务公开工作要点分工方案的通知\n各镇街、各部门:\n现印发给你们,并就有关工作通知如下:\n"
            "一、完善政务公开制度规范。各镇街、各部门要健全本单位信息公开工作制度。\n二、落实政务公开工作要点。各责任单位要认真对照工作任务。\n"
            "某区人民政府办公室\n2019年7月22日\n某区2019年政务公开工作要点分工方案\n| 工作任务\n| 评价标准\n| 责任单位\n|\n"
            "一、着眼稳定预期,加强政策解读和回应关切\n| |||\n(一)深入解读重要政策措施\n| 1.全面公开、精准解读重要政策措施。\n"
            "| 1.评价各单位当年政策文件公开和解读的数量。\n2.主动公开文件必须在20个工作日内挂网公开。行政规范性文件必须在")
    imported = parse_text(text, "x.txt")
    assert [(s.level, s.title) for s in imported.plan.sections] == [(1, "着眼稳定预期,加强政策解读和回应关切"),
                                                                    (2, "深入解读重要政策措施")]
    assert len(imported.tasks) == 1 and imported.tasks[0].text.startswith("全面公开、精准解读重要政策措施。")
    assert imported.tasks[0].units == ()


def test_the_lead_works_with_those_after_hui() -> None:
    """``区数据管理局牵头会区各单位、各镇街负责`` (会 for 会同): the lead, then those it works with — no ``会区各单位``."""
    found, _ = parse_annotation("区政务服务数据管理局牵头会区各单位、各镇街负责")
    assert [(u.name, u.role.value) for u in found] == [("区政务服务数据管理局", "lead"), ("区各单位", "responsible"),
                                                        ("各镇街", "responsible")]


def test_items_numbered_with_a_comma_mark_run_in_on_one_line_are_tasks() -> None:
    """``一、做好重点领域信息公开 1、围绕…。2、围绕…。二、… 3、…`` run together on one line (a law database's page): each
    ``N、`` after a sentence's end starts a task, as ``N.`` does."""
    text = ("某市医疗保障局2024年政务公开工作要点 为深入贯彻落实国家和本市关于全面推进政务公开工作的部署要求,进一步提升医保领域"
            "政务公开质量,现制定本要点。 一、做好重点领域信息公开 1、围绕国家重大战略任务落实做好信息公开。重点推进集采信息公开。"
            "2、围绕保障和改善民生做好信息公开。重点做好医保待遇标准调整等信息公开。 二、优化政策全流程公开 3、深化政策集成式发布。"
            "及时做好医保领域相关政策的集中归集与展示。4、提升政策解读水平。严格落实政策解读“三同步”要求。\n")
    imported = parse_text(text, "x.txt")
    assert [t.number for t in imported.tasks] == ["1", "2", "3", "4"]
    assert [s.level for s in imported.plan.sections] == [1, 1]


def test_each_of_a_list_split_by_a_comma_takes_the_role_its_respectively_names() -> None:
    """``(各县市区政府、管委,市委宣传部、市财政局等有关部门分别牵头落实)``: 分别 (each) covers every unit listed, those before
    the comma too; without 分别 a role word holds for its own clause only."""
    found, _ = parse_annotation("各县市区政府、管委,市委宣传部、市财政局等有关部门分别牵头落实")
    assert [(u.name, u.role.value) for u in found] == [("各县市区政府", "lead"), ("管委", "lead"), ("市委宣传部", "lead"),
                                                        ("市财政局", "lead")]
    found, _ = parse_annotation("县政府办,县司法局配合")
    assert [(u.name, u.role.value) for u in found] == [("县政府办", "responsible"), ("县司法局", "cooperate")]


def test_a_plan_that_carries_out_a_years_plan_is_of_that_year() -> None:
    """``淄博市贯彻落实《2025年山东省政务公开工作要点》实施方案``: no year of its own, the year of the plan it carries out
    (said among the import's notes); a title citing an 意见 gives none."""
    text = ("淄博市贯彻落实《2025年山东省政务公开工作要点》实施方案\n为持续提升政务公开水平,结合我市实际,制定如下实施方案。\n"
            "一、坚持标准引领\n(一)全面优化主动公开机制。动态调整公开事项目录。(责任单位:市政府各部门)\n")
    imported = parse_text(text, "x.txt")
    assert imported.plan.year == 2025 and any("贯彻落实" in w for w in imported.warnings)
    cited = parse_text(text.replace("《2025年山东省政务公开工作要点》", "《关于全面推进政务公开工作的意见》"), "x.txt")
    assert cited.plan.year is None


def test_a_bracket_opened_on_one_line_and_closed_on_the_next_is_one_paragraph() -> None:
    """A hard-wrapped page breaking an annotation (``…。(办公室牵头,政策法规处`` / ``、组织人事处负责落实)``): the
    annotation is whole again, its units the task's; a line whose bracket the next line does not close stays apart."""
    text = ("某局2022年政务公开工作要点\n一、加强公开\n主动公开机关职能、领导信息。(办公室牵头,政策法规处\n"
            "、组织人事处负责落实)\n及时公开建议提案办理结果。(办公室负责)\n")
    imported = parse_text(text, "x.txt")
    assert units(imported) == [[("办公室", "lead"), ("政策法规处", "responsible"), ("组织人事处", "responsible")],
                               [("办公室", "responsible")]]


def test_a_page_run_together_on_one_line_still_names_its_body() -> None:
    """A law database prints the notice, its signature and the plan on one line, its line breaks as spaces: the
    pieces between the spaces are read for the title and the body as lines would be."""
    text = " ".join(["首页 > 信息公开 > 法规文件 > 正文", "北京市东城区人民政府办公室", "关于印发东城区2017年政务公开",
                     "工作要点的通知", "东政办发〔2017〕13号", "各街道办事处,区政府各委、办、局,各区属机构:",
                     "《东城区2017年政务公开工作要点》已经区政府研究同意,现印发给你们,请结合实际,认真贯彻执行。",
                     "北京市东城区人民政府办公室", "2017年6月21日", "东城区2017年政务公开工作要点",
                     "2017年东城区政务公开工作的总体要求是:按照市里的部署,全面推进政务公开工作。", "一、推进决策公开",
                     "1.及时发布全区经济社会发展重要指标数据。(区统计局负责落实)",
                     "2.按月度公开财政收支情况,解读财政收支增减变化及原因。(区财政局负责落实)"]) + "\n"
    imported = parse_text(text, "x.txt")
    assert imported.plan.organization in ("北京市东城区人民政府办公室", "东城区")
    assert imported.plan.year == 2017 and len(imported.tasks) == 2


def test_numbered_pieces_of_a_page_run_together_that_nothing_else_explains_are_still_tasks() -> None:
    """Never give up: a page on one line (minutes, a notice) whose ``1.`` ``2.`` items have no heading above them and
    no table around them is read as items, each a task, not refused."""
    text = ("首页 > 政府信息公开 > 会议公开 某省财政厅召开厅长办公会议 发布日期:2021-10-11 17:48 浏览次数: "
            "2021年9月29日下午,厅长主持召开厅长办公会议,研究加强厅机关政务公开事项。纪要如下: "
            "关于加强厅机关政务公开工作,会议指出,推行政务公开工作,是政府服务人民、接受人民监督的重要制度安排。会议确定:"
            "1.由办公室负责,对厅政务公开工作领导小组进行调整,及时将重点任务分解表发各处室(单位),并抓好督促落实。"
            "2.由办公室、省财政研究和教育中心负责,对厅门户网站栏目设置、信息表现形式等进行探索创新,提高网站的吸引力。 "
            "打印 关闭")
    imported = parse_text(text, "x.txt")
    assert [t.number for t in imported.tasks] == ["1", "2"]
    assert units(imported) == [[("办公室", "responsible")],
                               [("办公室", "responsible"), ("省财政研究和教育中心", "responsible")]]


def test_unnumbered_paragraphs_of_a_page_run_together_are_still_one_task_each() -> None:
    """A page of bare paragraphs printed on one line, its line breaks as spaces: a space after a sentence's end is
    where a paragraph ended, so each paragraph is one task, as in the page's printed form."""
    paragraphs = ["围绕群众关切事项,加大重点领域信息公开力度。公开重大建设项目批准和实施、公共资源配置等领域政府信息。",
                  "围绕优化营商环境,加大“放管服”改革信息公开力度。动态调整全县行政权力清单,及时公开调整情况。",
                  "围绕政策解读回应,加强政策解读和舆论引导工作。及时回应群众关切,稳定社会预期,做好舆情处置。",
                  "围绕平台建设,加强政府网站和政务新媒体管理。规范信息发布,提升政务服务能力和群众满意度。",
                  "围绕制度落实,加强政府信息公开申请办理。规范答复格式,依法依规按时答复,提升办理质量。"]
    assert len(" ".join(paragraphs)) > 200  # a page's length, not one long paragraph
    printed = parse_text("\n\n".join(paragraphs), "x.txt")
    run_together = parse_text(" ".join(paragraphs), "y.txt")
    assert [t.text for t in run_together.tasks] == [t.text for t in printed.tasks] == paragraphs


def test_a_line_that_starts_with_a_comma_or_a_stop_goes_on_with_the_line_above() -> None:
    """A hard-wrapped copy breaks its lines anywhere, also just before a comma, a stop or a closing quote; no line of
    a plan starts with one, so such a line is the rest of the paragraph above, never a paragraph of its own."""
    text = ("某区2017年政务公开工作要点\n一、全面落实公开内容\n"
            "1.政府与社会资本合作信息公开。通过政府与社会资本合作综合信息平台\n"
            ",主动公开本区项目基本情况、政府及社会资本出资情况、实施进程等信息\n"
            "。按季度公开项目进展情况。(区财政局负责落实)\n"
            "2.推进财政预决算公开。各部门要公开收支总体情况、财政拨款收支情况。(区财政局牵头,各街道负责落实)\n")
    imported = parse_text(text, "x.txt")
    assert [t.number for t in imported.tasks] == ["1", "2"]
    assert imported.tasks[0].text.endswith("按季度公开项目进展情况。")
    assert units(imported)[0] == [("区财政局", "responsible")]


def test_a_full_line_of_a_fixed_width_copy_that_ends_on_a_stop_goes_on() -> None:
    """A copy that broke every line at exactly N characters: a line of exactly N that ends on a stop was broken
    there too (a paragraph ends exactly at the width far less often), so the next line still belongs to it; a
    shorter line ending on a stop ends its paragraph."""
    paragraph_1 = ("1.推进财政预决算信息公开。进一步扩大财政预决算公开范围,细化公开内容,做好部门预决算公开工作。"
                   "各部门要公开收支总体情况、财政拨款收支情况、机关运行经费安排和政府采购情况。(区财政局负责落实)")
    paragraph_2 = ("2.推进重大建设项目信息公开。重点公开项目批准服务信息、批准结果信息、招标投标信息、征收土地信息、"
                   "重大设计变更信息、施工有关信息和质量安全监督信息。(区发展改革委负责落实)")
    at = paragraph_1.index("。", 20) + 1  # the width: the first line ends exactly on a stop
    wrapped = "\n".join(p[i:i + at] for p in (paragraph_1, paragraph_2) for i in range(0, len(p), at))
    imported = parse_text("某区2017年政务公开工作要点\n一、全面落实公开内容\n" + wrapped, "x.txt")
    assert [t.number for t in imported.tasks] == ["1", "2"]
    assert units(imported) == [[("区财政局", "responsible")], [("区发展改革委", "responsible")]]


def test_a_line_that_ends_on_a_comma_goes_on_in_the_next() -> None:
    """No paragraph ends on a comma or a 、: a line that does (an indented first line a wrap left short) goes on in
    the next line, unless that one starts a heading, a numbered item or a keyed line."""
    text = ("某县2017年政务公开工作实施意见\n一、主要任务\n(一)推进决策公开。\n"
            "认真落实县委关于集体决策制度的实施意见,\n"
            "实行重大行政决策预公开制度,对涉及群众切身利益的重要改革方案、重大建设项目等,决策方案拟定部门要向社会公开。\n"
            "(二)推进执行公开。\n"
            "围绕县委县政府重点工作,\n"
            "公开重大改革任务、重要政策措施、重点工程项目的执行措施、实施步骤和责任分工。\n")
    imported = parse_text(text, "x.txt")
    assert [t.text[:6] for t in imported.tasks] == ["认真落实县委", "围绕县委县政"]
    assert imported.tasks[1].text.endswith("责任分工。")


def test_a_full_line_ending_on_a_stop_below_another_full_line_goes_on_too() -> None:
    """The width a line is measured against is the printed line's, not the paragraph joined so far: a stop at the end
    of a paragraph's second or third full line goes on as well."""
    paragraph_1 = ("1.推进财政预决算信息公开。进一步扩大财政预决算公开范围,细化公开内容。除涉及国家秘密的信息外,"
                   "使用财政资金的预算单位要按规定做好部门预决算公开工作。各部门要公开收支总体情况、财政拨款收支情况。"
                   "公开政府债务限额、政府债务余额预计执行数等。(区财政局牵头,全区各部门负责落实)")
    paragraph_2 = "2.推进重大建设项目信息公开。重点公开项目批准服务信息、批准结果信息、招标投标信息。(区发展改革委负责落实)"
    width = next(w for w in range(20, 45) if paragraph_1[3 * w - 1] == "。")  # the third line ends on a stop
    wrapped = "\n".join(p[i:i + width] for p in (paragraph_1, paragraph_2) for i in range(0, len(p), width))
    imported = parse_text("某区2017年政务公开工作要点\n一、全面落实公开内容\n" + wrapped, "x.txt")
    assert [t.number for t in imported.tasks] == ["1", "2"]
    assert units(imported) == [[("区财政局", "lead"), ("全区各部门", "responsible")],
                               [("区发展改革委", "responsible")]]


def test_a_label_colon_or_a_breadcrumb_arrow_before_a_title_is_no_part_of_it() -> None:
    """A page run together keeps what stood before its title: ``标题 :某区…`` or ``首页 >>某县政府办``; the title and
    the body's name start at the first character of a name."""
    text = (":和平区人民政府办公室关于转发2017年和平区政务公开重点工作安排\n一、重点任务\n"
            "1.全面公开权力清单。(区政府办公室负责)\n2.推进决策公开。(区发展改革委负责)\n")
    imported = parse_text(text, "x.txt")
    assert imported.plan.title == "和平区人民政府办公室关于转发2017年和平区政务公开重点工作安排"
    assert imported.plan.organization == "和平区人民政府办公室"


def test_a_title_with_its_year_printed_apart_is_whole_in_a_page_run_together() -> None:
    """``和平区 2022 年政务公开工作要点`` run together with the page: the year printed apart stays with its words."""
    body = "".join(f"{n}.推进第{n}项重点领域信息公开,及时公开有关政策文件和执行情况。(区政府办公室负责落实) "
                   for n in range(1, 6))
    imported = parse_text("首页 > 政务公开 和平区 2022 年政务公开工作要点 一、重点任务 " + body, "x.txt")
    assert imported.plan.title == "和平区 2022 年政务公开工作要点"
    assert (imported.plan.organization, imported.plan.year) == ("和平区", 2022)


def test_the_same_title_printed_whole_further_on_is_preferred() -> None:
    """A metadata line cut the title short (``年政务公开工作要点``, its body and year on the piece before); the title
    printed whole further on, below the notice, names the plan."""
    text = ("名称:\n年政务公开工作要点\n各区人民政府,市政府直属各单位:\n经市政府同意,现将要点印发给你们,请认真贯彻落实。\n"
            "海口市人民政府办公室\n2019年6月21日\n海口市2019年政务公开工作要点\n一、重点任务\n"
            "1.推进决策公开。(市政府办公室负责)\n2.推进执行公开。(市发展改革委负责)\n")
    imported = parse_text(text, "x.txt")
    assert imported.plan.title == "海口市2019年政务公开工作要点"
    assert (imported.plan.organization, imported.plan.year) == ("海口市", 2019)


def test_a_title_followed_by_its_issuer_and_date_is_still_the_title() -> None:
    """A list of documents prints each title with its issuer and date after it, apart by spaces."""
    text = ("某市统计局2024年政务公开工作要点 某市统计局 2024-05-06\n一、推进政策全流程公开\n"
            "(一)开展政策集成式发布。加强公文公开属性认定和公文信息发布审查。(办公室)\n")
    imported = parse_text(text, "x.txt")
    assert imported.plan.title == "某市统计局2024年政务公开工作要点"
    assert (imported.plan.organization, imported.plan.year) == ("某市统计局", 2024)


def test_a_word_for_a_kind_of_body_after_及_is_no_unit_of_its_own() -> None:
    """``政策文件起草处室及单位``: 及 joins two kinds into one description, not two bodies (``单位`` alone names
    none); ``市发展和改革委员会及市财政局`` stays two."""
    assert [u.name for u in parse_annotation("办公室、政策文件起草处室及单位")[0]] == ["办公室", "政策文件起草处室及单位"]
    assert [u.name for u in parse_annotation("市发展和改革委员会及市财政局负责")[0]] == ["市发展和改革委员会", "市财政局"]


def test_a_heading_whose_numeral_a_copy_lost_is_still_a_heading() -> None:
    """``()主动公开情况`` between ``一、`` and ``(二)``: the brackets of a lost numeral still mark a heading."""
    text = ("某县水利局2023年度政务公开工作计划\n一、总体情况\n()主动公开情况\n"
            "2023年,我局对将本年度公开的政府信息进行认真的梳理和编目。\n(二)依申请公开情况\n"
            "2023年,我局会认真受理依申请公开事项,做到按时答复。\n")
    imported = parse_text(text, "x.txt")
    assert [s.level for s in imported.plan.sections] == [1, 2, 2]
    assert len(imported.tasks) == 2


def test_a_notice_about_the_years_work_is_the_plan_and_gives_its_year() -> None:
    """``…关于做好2018年政务公开工作的通知(川卫办发〔2018〕46号)``: a notice that is itself the plan (it issues none)
    keeps its title whole, its document number apart; its year is the plan's."""
    text = ("四川省卫生和计划生育委员会办公室关于做好2018年政务公开工作的通知(川卫办发〔2018〕46号)\n"
            "各市(州)卫生计生委:\n现就做好2018年政务公开工作有关事项通知如下。\n一、加大信息公开力度\n"
            "(一)重点公开国家免疫规划、突发公共卫生事件信息。(办公室负责)\n")
    imported = parse_text(text, "x.txt")
    assert imported.plan.title == "四川省卫生和计划生育委员会办公室关于做好2018年政务公开工作的通知"
    assert (imported.plan.organization, imported.plan.year) == ("四川省卫生和计划生育委员会办公室", 2018)


def test_a_sentence_the_page_cut_under_the_only_heading_is_a_task_not_a_refusal() -> None:
    """The page ended inside the first item, printed as ``(一)`` and a sentence with no stop: that item is the plan's
    one (cut-off) task — never "no plan found"."""
    text = ("某委办公室关于做好2018年政务公开工作的通知\n现就做好2018年政务公开工作有关事项通知如下。\n"
            "一、加大卫生计生领域信息公开力度\n(一)重点公开国家免疫规划、突发公共卫生事件、传染病疫情及防")
    imported = parse_text(text, "x.txt")
    assert [(t.number, t.units) for t in imported.tasks] == [("(一)", ())]


def test_pinyin_glosses_hide_neither_a_title_nor_a_role() -> None:
    """A converting site's glosses (``印發(fā)``, ``負責(zé)``) inside a title and after an annotation's role words:
    the title is still read, the role still told; a name keeps the glosses inside it as printed."""
    text = ("關(guān)于印發(fā)《浙江省生態(tài)環(huán)境廳2020年政務(wù)公開實施方案》的通知 | ||||||||\n"
            "一、深化重點信息公開\n(一)污染防治攻堅戰(zhàn)信息。及時公開目標(biāo)任務(wù)進展和完成情況。"
            "(綜合處、大氣處分別負責(zé))加強執(zhí)法專項行動信息公開。(執(zhí)法處)\n")
    imported = parse_text(text, "x.txt")
    assert imported.plan.title == "浙江省生態環境廳2020年政務公開實施方案"
    assert (imported.plan.organization, imported.plan.year) == ("浙江省生態環境廳", 2020)
    assert units(imported) == [[("綜合處", "responsible"), ("大氣處", "responsible")],
                               [("執(zhí)法處", "responsible")]]


def test_headings_run_in_after_a_sentence_in_a_line_as_long_as_a_page_are_headings() -> None:
    """A page whose body is run together on one line, its line breaks printed as spaces, beside lines of its own
    (title, signature): ``…制定本实施方案。 一、深化…`` starts a heading."""
    body = ("为深入贯彻党中央、国务院关于政务公开工作的决策部署,进一步提升我厅政务公开质量,增强公开实效,制定本实施方案。 "
            "一、深化重点信息公开,不断拓展主动公开深度和广度 (一)污染防治攻坚战信息。围绕打赢污染防治攻坚战,持续加大重点信息"
            "公开工作力度,及时公开目标任务进展和完成情况。(综合处、大气处分别负责)加强执法专项行动信息公开,主动接受公众监督。"
            "(执法处) 二、加强政策解读 (一)做好政策解读。及时解读出台的政策文件。(办公室负责)")
    text = ("关于印发《某省生态环境厅2020年政务公开实施方案》的通知\n厅机关各处室,直属各单位:\n"
            "现将《某省生态环境厅2020年政务公开实施方案》印发给你们,请认真对照执行。\n"
            "某省生态环境厅办公室 2020年6月10日 某省生态环境厅2020年政务公开实施方案\n" + body + "\n")
    imported = parse_text(text, "x.txt")
    assert [s.level for s in imported.plan.sections].count(1) == 2
    assert len(imported.tasks) == 3


def test_two_issuing_bodies_run_together_name_the_first() -> None:
    """``中共某自治区委员会办公厅某自治区人民政府办公厅印发…``: a joint notice; its body is the first issuer."""
    text = ("中共西藏自治区委员会办公厅西藏自治区人民政府办公厅印发〈关于全面推进政务公开工作的实施意见〉的通知\n"
            "一、总体要求\n1.全面推进决策公开。(各地各部门负责)\n")
    assert parse_text(text, "x.txt").plan.organization == "中共西藏自治区委员会办公厅"


def test_the_province_of_the_plan_a_title_carries_out_is_not_its_body() -> None:
    """``贯彻落实2019年山东省政务公开工作要点任务分工``: 山东省 is the carried-out plan's; the body is the signer."""
    text = ("贯彻落实2019年山东省政务公开工作要点任务分工\n各处室、直属单位:\n现印发给你们。\n"
            "山东省人力资源和社会保障厅\n2019年6月28日\n一、加强政策落实\n(一)推进规范性文件清理结果公开。(政策法规处牵头)\n")
    imported = parse_text(text, "x.txt")
    assert (imported.plan.organization, imported.plan.year) == ("山东省人力资源和社会保障厅", 2019)


def test_a_second_unit_cell_in_the_next_column_keeps_the_first() -> None:
    """``市发改局牵头落实;市工信局…分别落实`` then ``各镇(街区)分别落实`` where the deadline column stands: both are unit
    cells (each gives a role, as no requirement does); the last row's unit cell the page cut (``市农业农村局、市``)
    names no unit."""
    text = ("某市2019年政务公开重点工作任务分工\n\n工作任务\n\n具 体 要 求\n\n责 任 单 位\n\n时限要求\n\n"
            "一、扎实做好重点领域信息公开\n\n1.推进新旧动能转换重大工程信息公开\n\n"
            "加大新旧动能转换重大工程配套制度措施的公开、解读力度,动态公开方案推进落实情况。\n\n"
            "市发改局牵头落实;市工信局、市财政局按职责分工分别落实\n\n各镇(街区)分别落实\n\n"
            "2.推进乡村振兴信息公开\n\n加强实施乡村振兴战略的政策、成效、资金、项目安排等信息公开工作。\n\n市农业农村局、市")
    imported = parse_text(text, "x.txt")
    assert units(imported) == [[("市发改局", "lead"), ("市工信局", "responsible"), ("市财政局", "responsible"),
                                ("各镇(街区)", "responsible")], []]


def test_a_row_numbered_in_its_task_name_keeps_that_number() -> None:
    """``2.归集整理历史规划 | 通过…发布。 | 市发改委 | …``: the task's name carries its number, the next cell what it asks."""
    text = ("工作任务 | 工作要求 | 牵头单位 | 责任单位 | 落实情况 |\n一、深化政务公开 | ||||\n"
            "1.主动公开“十四五”规划纲要、国土空间规划等 | 通过门户网站设立专题集中展示。 | 市发改委 | 各县(市、区)政府 | 已完成 |\n"
            "2.归集整理历史规划 | 通过政府信息公开专栏集中发布。 | 市发改委 市自然资源局 | 各县 (市、 区 ) 政府 | 已完成 |\n")
    imported = parse_text(text, "x.txt")
    assert [t.number for t in imported.tasks] == ["1", "2"]
    assert [u.name for u in imported.tasks[1].units] == ["市发改委", "市自然资源局", "各县(市、区)政府"]


def test_a_kind_of_body_in_brackets_after_a_name_is_no_annotation() -> None:
    """``市政府各部门(单位)``: the bracket says which kind of body the name covers; it names no unit of a task."""
    text = "某市2020年政务公开工作要点\n一、推进决策公开\n1.制定发布重大行政决策事项目录,做好预公开工作。各镇街区、市政府各部门(单位)\n"
    imported = parse_text(text, "x.txt")
    assert "单位" not in [u.name for t in imported.tasks for u in t.units]


def test_a_list_closed_by_its_role_words_may_hold_a_name_that_is_no_office() -> None:
    """``(医政医管处、财务处、办医主体、区卫生计生委负责)``: the hospitals' owners (办医主体) are listed beside three
    offices; the bracket is still the task's annotation, with all four."""
    text = ("某委2017年政务公开实施方案\n一、推进院务公开\n1.指导医疗机构公开常规医疗服务价格信息,督促定期公开相关工作。"
            "(医政医管处、财务处、办医主体、区卫生计生委负责)\n")
    assert units(parse_text(text, "x.txt")) == [[("医政医管处", "responsible"), ("财务处", "responsible"),
                                                 ("办医主体", "responsible"), ("区卫生计生委", "responsible")]]


def test_a_numbered_title_line_with_its_stop_heads_the_paragraph_below_and_a_bare_key_at_the_end_adds_nothing() -> None:
    """``1.进一步推进权力清单和责任清单公开。`` over its paragraph and ``牵头单位:…``: one task; a page that ends on
    ``责任单位`` alone ended on the label."""
    text = ("某县2016年政务公开工作实施方案\n一、主要任务\n(一)围绕深化改革推进公开。\n1.进一步推进权力清单和责任清单公开。\n"
            "大力推动县政府工作部门全面公开权力清单和责任清单,并通过政府门户网站集中展示,及时更新动态。\n"
            "牵头单位:县政务服务中心\n责任单位\n")
    imported = parse_text(text, "x.txt")
    assert [t.number for t in imported.tasks] == ["1"]
    assert units(imported) == [[("县政务服务中心", "lead")]]


def test_a_notice_about_a_places_years_work_names_that_place() -> None:
    """``关于开展岳阳县2025年度“政务公开主题月”活动的通知``: the place between the notice's verb and the year."""
    text = ("关于开展岳阳县2025年度“政务公开主题月”活动的通知\n一、活动主题\n围绕县政府工作报告,组织开展政务公开主题月活动。\n")
    assert parse_text(text, "x.txt").plan.organization == "岳阳县"


def test_a_tables_header_printed_a_cell_a_line_and_its_title_are_never_tasks() -> None:
    """A notice whose attached table the page ended after its header (``序号`` / ``一级  指标`` / ``三级指标``)."""
    text = ("某县人民政府办公室关于印发《某县2021年政务公开工作任务分解表》的通知\n"
            "一、细化任务。各责任单位要对照任务分解表,进一步细化分解任务。\n"
            "二、跟踪督导。县政府办要定期跟踪督办和通报工作进度。\n"
            "某县人民政府办公室\n2021年4月23日\n某县2021年政务公开工作任务分解表\n序号\n一级  指标\n二级   指标\n三级指标\n")
    imported = parse_text(text, "x.txt")
    assert [t.text[:4] for t in imported.tasks] == ["细化任务", "跟踪督导"]


def test_lines_that_open_with_the_mark_of_a_lost_number_are_items() -> None:
    """A copy that lost the item numbers (``、由镇人大负责…``): each line an item, not the line above going on."""
    text = ("乡镇政务公开计划\n、由镇人大负责对政务公开的内容进行督查。\n、设立意见箱和举报电话。\n、建立政务公开档案。\n"
            "七、工作要求\n(一)加强组织领导。领导小组负责推行政务公开工作。\n")
    imported = parse_text(text, "x.txt")
    assert [t.text[:4] for t in imported.tasks][:3] == ["由镇人大", "设立意见", "建立政务"]


def test_a_numbered_item_that_opens_with_a_dated_deadline_has_it_as_its_deadline() -> None:
    text = ("某县全面推进基层政务公开标准化规范化工作实施方案\n一、时间节点\n"
            "1.2020年10月底前,县、镇政府编制完成本级政务公开事项标准目录。\n"
            "2.到2023年,全面完成各项目标任务。\n")
    imported = parse_text(text, "x.txt")
    assert [t.number for t in imported.tasks] == ["1", "2"]
    assert [str(t.deadline.due) if t.deadline.due else None for t in imported.tasks] == ["2020-10-31", None]


def test_a_plan_for_the_government_new_media_has_its_own_title_and_year() -> None:
    """``《2022年宿迁市政务新媒体工作要点》政策解读``: the quoted plan is the page's own, not one it cites."""
    text = "《2022年某市政务新媒体工作要点》政策解读\n一、重点任务\n1.规范开设。各部门要开设政务新媒体。\n"
    imported = parse_text(text, "x.txt")
    assert imported.plan.year == 2022


def test_an_annotation_whose_opening_bracket_was_lost_still_names_the_units() -> None:
    """A mis-decoded copy: ``…工作?省编办、省监察厅按职责分工牵头落实)``, the ``(`` turned into ``?`` (or dropped)."""
    for lost in ("?", "\ufffd", "。"):
        text = (f"某省当前政府信息公开重点工作安排\n一、重点领域\n(一)推进行政审批信息公开。做好行政许可办理情况的信息公开工作"
                f"{lost}省编办、省监察厅按职责分工牵头落实)\n")
        assert units(parse_text(text, "x.txt")) == [[("省编办", "lead"), ("省监察厅", "lead")]], lost


def test_a_numbered_cell_after_a_group_phrase_keeps_its_own_number_and_a_short_last_row_was_cut() -> None:
    """``4 | 深化政策落实公开,促进… | 12.以贯彻…``: the 序号 numbers the group, the text cell its item; the page's last row,
    with fewer cells than any above, lost its unit cell: it takes none from the rows above."""
    text = ("4 | 深化政策落实公开,促进基层政府执行能力提升 | 12.全面公开政策措施及其落实情况。 | 公开率达100%。 | 县级各相关部门 | |\n"
            "13.落实政策解读与政策文件同步组织工作机制。 | 解读率达100%。 | 县级各相关部门 | | |\n"
            "14.建立重大事项网络舆情风险评估制度。 | 对重要政务舆情及时回应关切。\n")
    imported = parse_text(text, "x.txt")
    assert [t.number for t in imported.tasks] == ["12", "13", "14"]
    assert units(imported) == [[("县级各相关部门", "responsible")], [("县级各相关部门", "responsible")], []]


def test_a_unit_cell_the_page_cut_after_a_bare_prefix_takes_no_deadline_from_above() -> None:
    """``…、市文旅广体局、各``: the page ended inside the last row's unit cell; that row is cut off."""
    text = ("序号\n\n工作任务\n\n具体要求\n\n责任单位\n\n完成时间\n\n1\n\n一、夯实基础\n\n明确各级各部门政务公开分管领导\n\n各级各部门\n\n"
            "2019年6月\n\n2\n\n修订完善政务公开相关制度\n\n各级各部门\n\n2019年11月底前\n\n3\n\n"
            "学习宣传贯彻新修订的条例,并纳入公务员培训\n\n市行政审批局、市人力资源社会保障局、市文旅广体局、各\n")
    imported = parse_text(text, "x.txt")
    assert [t.number for t in imported.tasks] == ["1", "2", "3"]
    assert imported.tasks[2].deadline.due is None and units(imported)[2] == []


def test_an_attached_notice_over_the_signature_is_neither_a_task_nor_the_plans_title() -> None:
    """The notice the preamble carries out, attached (``附件:福建省…的通知``), is not this plan; the signer is."""
    text = ("各区卫健局:\n为贯彻落实《福建省卫生健康委员会关于做好基层政务公开标准化规范化工作的通知》,现就有关工作通知如下:\n"
            "一、加强组织领导\n各区卫健局要认真贯彻落实决策部署。\n二、加强宣传引导\n各单位要加强宣传引导和政策解读。\n"
            "附件:福建省卫生健康委员会关于做好基层政务公开标准化规范化工作的通知\n厦门市卫生健康委员会\n2020年7月31日\n")
    imported = parse_text(text, "x.txt")
    assert len(imported.tasks) == 2
    assert imported.plan.organization == "厦门市卫生健康委员会"


def test_a_space_a_page_put_inside_the_bodys_name_is_no_part_of_it() -> None:
    text = "2021年上海市 卫生健康委员会政务公开工作要点\n一、重点任务\n(一)强化公共卫生信息公开。做好疫情信息发布工作。\n"
    assert parse_text(text, "x.txt").plan.organization == "上海市卫生健康委员会"


def test_a_clause_that_joins_units_after_the_lead_names_them_without_its_verb() -> None:
    """``(监测司牵头,会同大气司落实)``: 大气司 works with the lead; 会同 is no part of its name."""
    text = ("某部2017年政务公开工作实施方案\n一、重点任务\n1.全面开展空气质量预测预报工作。(监测司牵头,会同大气司落实)\n")
    assert units(parse_text(text, "x.txt")) == [[("监测司", "lead"), ("大气司", "responsible")]]
