"""Every held real document read alike in the other forms agencies publish it in: a Traditional-character repost
(as Hong Kong, Macao and Taiwan mirrors and big5 gateways print it) and a copy with full-width punctuation.  The
import of each copy has the same sections, subsections, tasks, year, organisation and units (after simplifying)
as the import of the document as held: a rule that matches simplified text or ASCII punctuation only fails here,
for the whole family of documents, not for one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from opencc import OpenCC

from govtui.domain.text import simplify
from govtui.importers import parse_text

from .test_corpus import DOCS, REAL

TEXTS = sorted(p for folder in (DOCS, REAL) for p in folder.glob("*.txt") if p.with_suffix(".expect.json").exists())
FULL_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
_TRADITIONAL = OpenCC("s2t")

VARIANTS: dict[str, Callable[[str], str]] = {
    "traditional": _TRADITIONAL.convert,
    "full-width": lambda text: text.translate(FULL_WIDTH),
}

Reading = tuple[int, int, int, int | None, str, list[list[tuple[str, str]]]]


def reading(text: str) -> Reading:
    imported = parse_text(text, "plan.txt")
    plan = imported.plan
    return (sum(s.level == 1 for s in plan.sections), sum(s.level == 2 for s in plan.sections), len(imported.tasks),
            plan.year, simplify(plan.organization.translate(FULL_WIDTH)),
            [sorted((simplify(u.name.translate(FULL_WIDTH)), u.role.value) for u in t.units) for t in imported.tasks])


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("document", TEXTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_copy_in_another_form_imports_alike(document: Path, variant: str) -> None:
    text = document.read_text(encoding="utf-8")
    assert reading(VARIANTS[variant](text)) == reading(text)


def test_the_variants_cover_the_real_documents() -> None:
    assert len(TEXTS) >= 185
