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
