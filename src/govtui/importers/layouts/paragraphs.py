"""The last resort: a plan with no headings, numbers, table or annotations at all — only paragraphs.

A best reading beats "no plan found": every paragraph that is a sentence (after the title and the covering
notice, before the closing) becomes a task, its number inferred and flagged for checking.  It scores
lowest of all layouts, so it reads a document only when no other layout finds a task in it.
"""

from __future__ import annotations

import re

from govtui.domain.text import HAN, normalize
from govtui.importers.blocks import RUN_TOGETHER, Document, Line
from govtui.importers.draft import PlanDraft
from govtui.importers.headings import is_chrome, is_closing, is_footer
from govtui.importers.labels import label_of
from govtui.importers.layouts.fit import Fit

#: The covering notice's own sentences: 现将…印发给你们, 请认真贯彻执行, an addressee line ending with a colon.
_NOTICE = re.compile(r"(印发给你们|印发你们|现将|请认真|请结合|请遵照|贯彻执行|制定本(?:方案|计划|要点)|:$)")


#: An unnumbered heading on a line of its own: ``工作目标``, ``主要任务`` — a few words, no punctuation.
_BARE_HEADING = re.compile(rf"^[{HAN}]{{2,8}}$")


def _pieces(text: str) -> list[str]:
    """A line's paragraphs: the line itself, or for a page run together on one line (its line breaks printed as
    spaces) the pieces between a sentence's end and a space."""
    text = text.strip()
    if len(text) <= RUN_TOGETHER:
        return [text]
    return [piece.strip() for piece in re.split(r"(?<=[。;:!?;:!?])\s+", text)]


def _paragraphs(document: Document) -> list[tuple[str, str]]:
    """(the unnumbered heading above it, or "", paragraph) of each paragraph that reads as a task; a last
    paragraph cut off mid-sentence counts too.  With unnumbered headings, what comes before the first is the
    preamble."""
    lines = [piece for b in document.blocks if isinstance(b, Line) for piece in _pieces(b.text) if piece]
    out: list[tuple[str, str]] = []
    heading, headed = "", False
    for at, text in enumerate(lines):
        norm = normalize(text)
        if is_footer(text):
            break
        if is_chrome(text) or is_closing(text) or label_of(text) is not None:
            continue
        if _BARE_HEADING.match(norm) and at + 1 < len(lines) and len(normalize(lines[at + 1])) >= 20:
            if not headed:
                out, headed = [], True  # the paragraphs above the first heading: the preamble
            heading = text
            continue
        last = at + 1 == len(lines) or is_footer(lines[at + 1])
        if len(norm) < 25 or ("。" not in norm and not (last and headed)) \
                or _NOTICE.search(norm) or norm.startswith("《"):
            continue
        out.append((heading, text))
        heading = ""
    return out


class ParagraphLayout:
    name = "段落"
    inherit_cells = False

    def fit(self, document: Document) -> Fit:
        found = _paragraphs(document)
        sentences = {part.strip() for _, text in found for part in normalize(text).split("。") if part.strip()}
        if len(sentences) < 2 and not any(heading for heading, _ in found):
            return Fit(0, "")  # one sentence, or one repeated, is a note, not a plan of tasks
        return Fit(0.5, f"没有标题、编号、表格或责任单位注释; {len(found)} 个段落各作一项任务")

    def build(self, document: Document, draft: PlanDraft) -> None:
        from govtui.importers.layouts.prose import ProseLayout  # its annotation reading, for a paragraph's units

        prose = ProseLayout()
        for heading, text in _paragraphs(document):
            if heading:
                draft.heading(1, "", heading)
            prose.paragraph(text, draft)
        for task in draft.tasks:
            task.flags.append("number-inferred")
