"""Prose plans (工作要点): ``一、`` / ``(一)`` headings, paragraphs closed by responsibility annotations.

One task per annotation, each closing the text before it; text after a paragraph's last
annotation is a task of its own; an annotation (or a ``责任单位:…`` line) alone on a line belongs
to the task above.  Before the first heading is the preamble (the 总体要求 paragraph); from a
footer line on (扫一扫, 版权声明 …) the page's chrome.
"""

from __future__ import annotations

import re

from govtui.domain import vocabulary as V
from govtui.domain.deadlines import looks_like_deadline
from govtui.domain.text import ROUND_BRACKETS, fold, normalize
from govtui.domain.units import cut_in_a_name, parse_annotation
from govtui.importers.annotations import (
    BARE_KEY,
    UNITS_LINE,
    ends_with_role,
    find_annotations,
    meaningful,
    unit_prefix,
)
from govtui.importers.blocks import Document, Line
from govtui.importers.draft import PlanDraft, TaskDraft
from govtui.importers.header import header_run
from govtui.importers.headings import SUB, is_chrome, is_footer, leading_number, match_heading
from govtui.importers.layouts.fit import Fit
from govtui.importers.layouts.prose_lines import (
    DOT_ITEM,
    FIRST_ITEM,
    SUB_POINT,
    closing_lines,
    keyed_task,
    labelled_task,
    run_into,
    sentence_item,
    sentence_sections,
    title_line,
    whole_task,
)
from govtui.importers.layouts.wrapping import (
    LOST_NUMBER,
    broken_paragraphs,
    continued_headings,
    headings_apart,
    lost_numbers,
    unwrapped,
)
from govtui.importers.rows import run_in_items
from govtui.importers.titles import is_title

#: A deadline in brackets inside a task's text: ``公开…情况(2023年6月底前完成)``; it names no unit, so it
#: closes no task, but it is the task's deadline.
_DEADLINE_BRACKET = re.compile(rf"\(([^()]{{1,20}}?(?:{'|'.join(V.DEADLINE_ENDINGS)}|完成))\)")

#: A numbered item that opens with its deadline, a date before a comma: ``2020年10月底前,…``.
_DATED_OPENING = re.compile(rf"((?:19|20)\d\d年[^,;。]{{0,12}}?(?:{'|'.join(V.DEADLINE_ENDINGS)})),")


def _opened_never_closed(line: str, start: int) -> bool:
    """The page ended inside a bracketed annotation (``…工作。(牵头单位:省发展改革委、省政府``): its bracket opened,
    and it neither closed, nor stopped, nor came to its role words (``…各乡镇配合``: whole, only the bracket lost) —
    the list may have gone on, so it names no unit for certain."""
    return normalize(line[start:start + 1]).translate(ROUND_BRACKETS) == "(" \
        and not normalize(line).rstrip().endswith(("。", ";")) and not ends_with_role(line[start + 1:])


def _task(draft: PlanDraft, number: str, text: str) -> TaskDraft:
    task = draft.task(number, text.strip().lstrip("。.;,、 "))
    norm = normalize(text)
    found = next((m for m in _DEADLINE_BRACKET.finditer(norm) if looks_like_deadline(m.group(1))), None)
    if found is not None:
        task.deadline_text = text[found.start(1):found.end(1)]
    elif number and (opening := _DATED_OPENING.match(norm, len(norm) - len(norm.lstrip("。.;,、 ")))) is not None \
            and looks_like_deadline(opening.group(1)):  # ``1.2020年10月底前,县、镇政府…``: the item's deadline first
        task.deadline_text = text[opening.start(1):opening.end(1)]
    return task


def _without_table_header(lines: list[str]) -> list[str]:
    """The lines without a table's header printed a cell a line (``序号`` / ``一级指标`` / ``二级指标``) and the table's
    title above it: a header is never a task (a notice whose table the page ended before its first row)."""
    run = header_run(lines)
    if run is None:
        return lines
    start, end = run
    if start and is_title(lines[start - 1]):
        start -= 1
    return lines[:start] + lines[end:]


class ProseLayout:
    name = "散文(工作要点)"
    inherit_cells = False

    def fit(self, document: Document) -> Fit:
        lines = headings_apart([b.text for b in document.blocks if isinstance(b, Line)])
        headings = sum(1 for line in lines if match_heading(line))
        notes = sum(len(find_annotations(line)) for line in lines)
        if headings == 0 and notes == 0:
            return Fit(0, "")
        return Fit(notes * 3 + headings, f"散文: {headings} 个标题, {notes} 处责任单位注释")

    def build(self, document: Document, draft: PlanDraft) -> None:
        lines = broken_paragraphs(continued_headings(unwrapped(headings_apart(
            [b.text.strip() for b in document.blocks if isinstance(b, Line) and b.text.strip()]))))
        lines = _without_table_header(lines)
        while lines and BARE_KEY.match(normalize(lines[-1])):
            lines = lines[:-1]  # ``责任单位`` and nothing after it: the page ended on the label, which adds nothing
        # a units line or an annotation the page ended in the middle of a name (``责任股室:人事教育股、会``,
        # ``(牵头单位:办公室,责任单位:就业办、养老保``): the last task was cut off, and names no unit
        if lines and UNITS_LINE.match(normalize(lines[-1])) and cut_in_a_name(lines[-1]):
            lines = lines[:-1]
            draft.cut_off()
        elif lines and (notes := find_annotations(lines[-1])) and notes[-1][1] == len(lines[-1]) \
                and not normalize(lines[-1]).translate(ROUND_BRACKETS).rstrip().endswith(")") \
                and (cut_in_a_name(notes[-1][2]) or _opened_never_closed(lines[-1], notes[-1][0])):
            lines = [*lines[:-1], lines[-1][:notes[-1][0]]]
            draft.cut_off()
        # a heading on the last line, with nothing under it, was cut off with the page: the last task
        last_heading = match_heading(lines[-1]) if lines else None
        if last_heading is not None and not last_heading.title.strip() and not last_heading.rest \
                and not find_annotations(lines[-1]):
            lines, last_heading = lines[:-1], None  # a bare label (``(一)`` alone): cut before any of it, no task
        cut_heading = last_heading is not None and not last_heading.rest and not find_annotations(lines[-1])
        cut_line = lines[-1:] if cut_heading else []
        if cut_heading:
            lines = lines[:-1]
        # ``(一)标题。(X负责)`` with nothing more: a subsection with its one task where other (一) items head
        # paragraphs, a numbered task where every (一) item is a whole task
        sentence_items = sentence_sections(lines)
        plain_subheadings = any((h := match_heading(line)) is not None and h.level == 2 and whole_task(line) is None
                                for line in lines)
        # no heading at all: the body starts at the first annotated or numbered paragraph (one implicit section)
        body_at = len(lines) if any(match_heading(line) for line in lines) else next(
            (i for i, line in enumerate(lines) if find_annotations(line) or DOT_ITEM.match(normalize(line))),
            len(lines))
        title: tuple[str, str] | None = None  # ``1.加强经济政策公开`` heading the paragraph below it
        closing = closing_lines(lines)
        open_item = False  # the last task is a ``1.…`` paragraph its annotation has not closed yet
        # items whose numbers the copy lost (``、由镇人大负责…`` line after line): tasks, numbered in order
        lost = lost_numbers(lines)
        for at, line in enumerate(lines):
            if at in closing and (draft.in_body or at >= body_at):
                continue  # the signing office, its date, the copy list: the document's closing, no task
            if at in lost and (mark := LOST_NUMBER.match(line)) is not None:
                self._flush(title, draft)
                title = None
                self._paragraph(line[mark.end():], draft)
                continue
            heading = match_heading(line)
            # a numbered line after a title line: the title was an item of its own (``2.2021年底前建立…``)
            if heading is not None or is_footer(line) or title_line(line) is not None or leading_number(line):
                self._flush(title, draft)
                title = None
            if heading is not None and heading.level == 2 and (body := whole_task(line)) is not None:
                if plain_subheadings:
                    draft.heading(2, heading.label, heading.title)
                    self._paragraph(body, draft)
                else:
                    self._paragraph(body, draft, number=heading.label)
                continue
            if at in sentence_items and heading is not None and (label := SUB.match(normalize(line))) is not None:
                self._paragraph(line[label.start(2):], draft, number=heading.label)  # a sentence, numbered: a task
                continue
            if heading is not None and heading.level == 2 and sentence_item(
                    heading, lines[at + 1:at + 2] or cut_line, not draft.sections or draft.sections[-1].level == 1):
                label = SUB.match(normalize(line))
                self._paragraph(line[label.start(2):] if label else line, draft, number=heading.label)
                continue
            if heading is not None and (run := run_into(line, heading, lines[at + 1:at + 2])) is not None:
                open_item = False
                draft.heading(heading.level, heading.label, run[0])
                self._paragraph(run[1], draft)
                continue
            if heading is not None:
                open_item = False
                draft.heading(heading.level, heading.label, heading.title)
                if heading.rest:  # ``(一)标题。正文…``: the task under it reads with its title
                    self._paragraph(heading.rest, draft, title=f"{heading.title}。")
                continue
            if not draft.in_body and not draft.tasks and at < body_at and not keyed_task(line) \
                    and not labelled_task(line, lines[at + 1:at + 2]):
                if len(line) >= 20 and not is_chrome(line):
                    draft.description.append(line)
                continue
            if is_footer(line):
                break
            if (found := title_line(line)) is not None:
                title = found
                continue
            if open_item and SUB_POINT.match(fold(line)) and draft.tasks and not draft.tasks[-1].units:
                self._sub_point(line, draft)  # ``(1)…`` under an open ``1.…`` task: part of that task
                continue
            # a ``1.…`` paragraph, or the paragraph under a ``1.…`` title line: its ``(1)(2)`` are its own
            open_item = (title is not None or bool(DOT_ITEM.match(normalize(line)))) and not find_annotations(line)
            self._paragraph(line, draft, *(title or ("", "")))
            title = None
        self._flush(title, draft)
        if cut_heading and last_heading is not None and draft.in_body and draft.tasks:
            # the item before it in its section is a task of its kind (``(一)济宁市政府门户网站。`` over ``(二)济``)
            items = last_heading.level == 2 and draft.sections[-1].level == 1 \
                and re.fullmatch(r"\(\S{1,3}\)", normalize(draft.tasks[-1].number)) is not None
            if any(s.level == last_heading.level for s in draft.sections) and not items:  # heads tasks: so does it
                draft.heading(last_heading.level, last_heading.label, last_heading.title)
                draft.task(draft.next_number(), last_heading.title)
            else:  # its kind numbers tasks here
                draft.task(last_heading.label, last_heading.title)
        elif cut_heading and last_heading is not None and last_heading.level == 2 and draft.sections \
                and not draft.tasks and (sentence_item(last_heading, []) or len(normalize(last_heading.title)) >= 20):
            # ``(一)为保证…,建立以``, ``(一)重点公开国家免疫规划…及防``: a sentence the page cut, no title
            draft.task(last_heading.label, last_heading.title)

    def _flush(self, title: tuple[str, str] | None, draft: PlanDraft) -> None:
        """A title line with no paragraph under it is a task of its own."""
        if title is not None:
            draft.task(title[0], title[1])

    def _sub_point(self, printed: str, draft: PlanDraft) -> None:
        """A sub-point continues the open task; an annotation in it closes the task, text after it is new."""
        found = find_annotations(printed)
        draft.continue_text(printed[:found[0][0]] if found else printed)
        if found:
            draft.annotate(found[0][2])
            if meaningful(rest := printed[found[0][1]:]):
                self._paragraph(rest, draft)

    def paragraph(self, printed: str, draft: PlanDraft) -> None:
        """One paragraph read as tasks closed by their annotations (for layouts that find paragraphs otherwise)."""
        self._paragraph(printed, draft)

    def _paragraph(self, printed: str, draft: PlanDraft, number: str = "", title: str = "") -> None:
        if UNITS_LINE.match(normalize(printed)) and draft.tasks and not title:
            draft.annotate(printed)
            return
        if not number and self._run_in(printed, draft, title):
            return
        if not number and (lead := leading_number(printed)) is not None:
            number, printed = lead
        if title:  # a title line above the paragraph, or an inline heading's title (``总体要求。``) before it
            printed = f"{title}{'' if title.endswith('。') else chr(10)}{printed}"
        start = 0
        for begin, end, body in find_annotations(printed):
            text = printed[start:begin]
            if meaningful(text):
                task = _task(draft, number or draft.next_number(), text)
                draft.annotate(body)
                task.units_text = None
            elif draft.tasks:
                draft.annotate(body)  # an annotation on a line of its own: the task above
            number = ""
            start = end
        rest = printed[start:]
        if meaningful(rest):
            task = _task(draft, number or draft.next_number(), rest)
            if (prefix := unit_prefix(task.text)) is not None:  # ``由X负责,…``: the units come first
                task.units = parse_annotation(prefix)[0]

    def _run_in(self, printed: str, draft: PlanDraft, title: str) -> bool:
        """``1.…;2.…;3.…`` run in on one line, with no annotation: each item a task.  Text before ``1.`` is a
        task of its own, unless it ends with a colon (``会议确定:``), introducing the items."""
        first = FIRST_ITEM.search(normalize(printed))
        if first is None or find_annotations(printed):
            return False
        items = run_in_items("1", printed[first.end():])
        if len(items) < 2:
            return False
        lead = printed[:first.start()]
        if meaningful(lead) and not normalize(lead).rstrip().endswith(":"):
            self._paragraph(lead, draft, title=title)
        for number, text in items:
            self._paragraph(text, draft, number=number)
        return True
