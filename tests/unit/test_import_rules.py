"""One rule of the importer each, shown on a few lines of invented text (the families are in tests/corpus/real)."""

from __future__ import annotations

from govtui.importers import parse_text
from govtui.model import ImportedPlan


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
    assert imported.plan.organization == ""  # ``1、`` is a page marker: no name of a body


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
