"""Prose plans (工作要点): ``一、`` / ``(一)`` headings, paragraphs closed by responsibility annotations.

One task per annotation, each closing the text before it; text after a paragraph's last
annotation is a task of its own; an annotation (or a ``责任单位:…`` line) alone on a line belongs
to the task above.  Before the first heading is the preamble (the 总体要求 paragraph); from a
footer line on (扫一扫, 版权声明 …) the page's chrome.
"""

from __future__ import annotations

import re

from govtui import vocabulary as V
from govtui.deadlines import looks_like_deadline
from govtui.importers.blocks import Document, Line
from govtui.importers.draft import PlanDraft
from govtui.importers.headings import SUB, is_chrome, leading_number, match_heading
from govtui.importers.layouts.fit import Fit
from govtui.text import normalize
from govtui.units import looks_like_units

_KEYS = "|".join(sorted(V.LEAD_KEYS + V.COOPERATE_KEYS + V.RESPONSIBLE_KEYS + V.DEADLINE_KEYS, key=len, reverse=True))
_KEYED = re.compile(rf"^\s*(?:{_KEYS})\s*:")
_TAILS = "|".join(sorted(V.LEAD_TAILS + V.RESPONSIBLE_TAILS + V.COOPERATE_TAILS, key=len, reverse=True))
_ROLE_TAIL = re.compile(rf"({_TAILS})\s*$")
_UNITS_LINE = re.compile(rf"^\s*(?:{_KEYS})\s*:\s*\S")
_BRACKETS = str.maketrans("【〔[】〕]", "((()))")  # 【责任单位:X】 reads like (责任单位:X)
_ONLY_PUNCT = re.compile(r"^[\s。.,;:、)]*$")


def _is_annotation(body: str) -> bool:
    norm = normalize(body).strip()
    if _KEYED.match(norm) or (norm.startswith("由") and "负责" in norm):
        return True
    # (X负责,12月底前完成): the deadline clause aside, the rest names units with a role word
    who = ",".join(p for p in re.split(r"[,;]", norm) if p and not looks_like_deadline(p, lenient=True))
    return bool(who) and bool(_ROLE_TAIL.search(who)) and looks_like_units(who)


def find_annotations(printed: str) -> list[tuple[int, int, str]]:
    """(start, end, body) of each responsibility annotation in a paragraph, in order.

    The closing bracket of a keyed annotation may be missing at the end of the paragraph.
    """
    norm = normalize(printed).translate(_BRACKETS)
    found: list[tuple[int, int, str]] = []
    i = 0
    while (start := norm.find("(", i)) != -1:
        depth, end = 0, -1
        for j in range(start, len(norm)):
            if norm[j] == "(":
                depth += 1
            elif norm[j] == ")":
                depth -= 1
                if depth == 0:
                    end = j
                    break
            elif norm[j] == "\n":
                break
        if end == -1:
            body = printed[start + 1:]
            if "(" not in normalize(body) and (_KEYED.match(normalize(body)) or _is_annotation(body)):
                found.append((start, len(printed), body))
                break
            i = start + 1
            continue
        body = printed[start + 1:end]
        if _is_annotation(body):
            found.append((start, end + 1, body))
            i = end + 1
        else:
            i = start + 1
    return found


def _whole_task(line: str) -> str | None:
    """The text after ``(一)`` when the line is one sentence closed by its annotation (a numbered task,
    not a heading); ``None`` otherwise."""
    norm = normalize(line)
    label = SUB.match(norm)
    found = find_annotations(line)
    if label is None or not found or _meaningful(line[found[-1][1]:]):
        return None
    sentence = normalize(line[label.start(2):found[0][0]]).strip().rstrip("。")
    return None if "。" in sentence or not sentence else line[label.start(2):]


def _meaningful(text: str) -> bool:
    return not _ONLY_PUNCT.match(normalize(text)) and len(normalize(text).strip("。.,;:、 ")) >= 2


class ProseLayout:
    name = "散文(工作要点)"
    inherit_cells = False

    def fit(self, document: Document) -> Fit:
        lines = [b.text for b in document.blocks if isinstance(b, Line)]
        headings = sum(1 for line in lines if match_heading(line))
        notes = sum(len(find_annotations(line)) for line in lines)
        if headings == 0 and notes == 0:
            return Fit(0, "")
        return Fit(notes * 3 + headings, f"散文: {headings} 个标题, {notes} 处责任单位注释")

    def build(self, document: Document, draft: PlanDraft) -> None:
        for block in document.blocks:
            if not isinstance(block, Line) or not block.text.strip():
                continue
            line = block.text.strip()
            heading = match_heading(line)
            if heading is not None and heading.level == 2 and (body := _whole_task(line)) is not None:
                self._paragraph(body, draft, number=heading.label)  # (一)一句话。(责任单位:X): a task
                continue
            if heading is not None:
                draft.heading(heading.level, heading.label, heading.title)
                if heading.rest:
                    self._paragraph(heading.rest, draft)
                continue
            if not draft.in_body:
                if len(line) >= 20 and not is_chrome(line):
                    draft.description.append(line)
                continue
            if (line.startswith(V.FOOTER_STARTS) and len(line) <= 60) or normalize(line).strip() in ("map",):
                break
            self._paragraph(line, draft)

    def _paragraph(self, printed: str, draft: PlanDraft, number: str = "") -> None:
        if _UNITS_LINE.match(normalize(printed)) and draft.tasks:
            draft.annotate(printed)
            return
        if not number and (lead := leading_number(printed)) is not None:
            number, printed = lead
        start = 0
        for begin, end, body in find_annotations(printed):
            text = printed[start:begin]
            if _meaningful(text):
                task = draft.task(number or str(len(draft.tasks) + 1), text.strip().lstrip("。.;,、 "))
                draft.annotate(body)
                task.units_text = None
            elif draft.tasks:
                draft.annotate(body)  # an annotation on a line of its own: the task above
            number = ""
            start = end
        rest = printed[start:]
        if _meaningful(rest):
            draft.task(number or str(len(draft.tasks) + 1), rest.strip().lstrip("。.;,、 "))
