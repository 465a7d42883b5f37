"""Prose plans (工作要点): ``一、`` / ``(一)`` headings, paragraphs closed by responsibility annotations.

One task per annotation, each closing the text before it; text after a paragraph's last
annotation is a task of its own; an annotation (or a ``责任单位:…`` line) alone on a line belongs
to the task above.  Before the first heading is the preamble (the 总体要求 paragraph); from a
footer line on (扫一扫, 版权声明 …) the page's chrome.
"""

from __future__ import annotations

import itertools
import re

from govtui.domain import vocabulary as V
from govtui.domain.deadlines import looks_like_deadline
from govtui.domain.text import HAN, fold, normalize
from govtui.domain.units import cut_in_a_name, parse_annotation
from govtui.importers.annotations import UNITS_LINE, find_annotations, is_annotation, meaningful, unit_prefix
from govtui.importers.blocks import Document, Line
from govtui.importers.draft import PlanDraft, TaskDraft
from govtui.importers.headings import SUB, TOP, Heading, is_chrome, is_closing, is_footer, leading_number, match_heading
from govtui.importers.layouts.fit import Fit
from govtui.importers.layouts.wrapping import broken_paragraphs, continued_headings, unwrapped
from govtui.importers.organization import is_org
from govtui.importers.rows import run_in_items


def _whole_task(line: str) -> str | None:
    """The text after ``(一)`` when the line is one sentence closed by its annotation (a numbered task,
    not a heading); ``None`` otherwise."""
    norm = normalize(line)
    label = SUB.match(norm)
    found = find_annotations(line)
    if label is None or not found or meaningful(line[found[-1][1]:]):
        return None
    sentence = normalize(line[label.start(2):found[0][0]]).strip().rstrip("。")
    return None if "。" in sentence or not sentence else line[label.start(2):]


#: A task paragraph numbered ``1.`` / ``1、``, and the sub-points under it: ``(1)``, ``1)``, ``①``.
_DOT_ITEM = re.compile(r"^\s*\d{1,3}\s*[.、](?!\d)")
_SUB_POINT = re.compile(r"^\s*(?:\(\s*\d{1,2}\s*\)|\d{1,2}\)|[\u2460-\u2473])")


def _title_line(line: str) -> tuple[str, str] | None:
    """``1.加强经济政策公开``: a short numbered line without a sentence in it, heading the paragraph below."""
    lead = leading_number(line)
    if lead is None or find_annotations(line):
        return None
    norm = normalize(lead[1])
    if len(norm) > 30 or re.search(r"[。;,]", norm):
        return None
    return lead[0], lead[1]


#: A deadline in brackets inside a task's text: ``公开…情况(2023年6月底前完成)``; it names no unit, so it
#: closes no task, but it is the task's deadline.
_DEADLINE_BRACKET = re.compile(rf"\(([^()]{{1,20}}?(?:{'|'.join(V.DEADLINE_ENDINGS)}|完成))\)")


#: The first of items run in on one line: ``1.`` at the start or after a sentence's (or a clause's) end.
_FIRST_ITEM = re.compile(r"(?:^|(?<=[。;:]))\s*1\s*[.、](?!\d)")


def _task(draft: PlanDraft, number: str, text: str) -> TaskDraft:
    task = draft.task(number, text.strip().lstrip("。.;,、 "))
    norm = normalize(text)
    found = next((m for m in _DEADLINE_BRACKET.finditer(norm) if looks_like_deadline(m.group(1))), None)
    if found is not None:
        task.deadline_text = text[found.start(1):found.end(1)]
    return task


def _closing(lines: list[str]) -> set[int]:
    """Indexes of the lines that close an official document: the signing office with its date below it
    (or beside it), a date alone, the copy list (抄送), the publication note (此件公开发布)."""
    found = {i for i, line in enumerate(lines) if is_closing(line)}
    signed = {j for i in found for j in range(i + 1, len(lines)) if all(is_org(x) for x in lines[i + 1:j + 1])}
    return found | signed | {i for i in range(len(lines) - 1) if i + 1 in found and is_org(lines[i])} \
        | _attachment_list(lines)


#: ``附件:1、政府信息公开工作机构情况表`` and the names listed under it: the documents a notice attaches.
_ATTACHMENTS = re.compile(r"^\s*附件\s*\d*\s*:")
_DOCUMENT_NAME = re.compile(r"^\s*\d{1,2}\s*[、.]\s*[^。,;:]{2,40}$")


def _attachment_list(lines: list[str]) -> set[int]:
    """Indexes of an attachment list's lines: ``附件:`` with the first name, and the numbered names below it."""
    listed: set[int] = set()
    for at, line in enumerate(lines):
        if _ATTACHMENTS.match(normalize(line)) and _DOCUMENT_NAME.match(_ATTACHMENTS.sub("", normalize(line))):
            listed.add(at)
            listed.update(itertools.takewhile(lambda i: _DOCUMENT_NAME.match(normalize(lines[i])) is not None,
                                              range(at + 1, len(lines))))
    return listed


def _keyed_task(line: str) -> bool:
    """A paragraph before the first heading closed by a responsibility annotation with a role word
    (``…政策的公开力度。(縣編辦牽頭落實)``): an excerpt that starts mid-plan, its first task."""
    return any(is_annotation(body) and meaningful(line[:start]) for start, _, body in find_annotations(line)[:1])


def _labelled_task(line: str, below: list[str]) -> bool:
    """A paragraph before the first heading whose units are the labelled line below it (``4.公示汇总。…`` over
    ``责任单位:市政府办公室``): an excerpt that starts mid-plan, its first task."""
    return (meaningful(line) and not UNITS_LINE.match(normalize(line)) and bool(below)
            and UNITS_LINE.match(normalize(below[0])) is not None and bool(parse_annotation(below[0])[0]))


#: ``)发布工作信息…``: an item whose ``(四`` the page lost, a sibling of the ``(三)`` item above it.
_LOST_LABEL = re.compile(rf"^\)\s*[{HAN}]")


def _sentence_item(heading: Heading, below: list[str], first_in_section: bool = False) -> bool:
    """``(一)2020年底前,建成…。`` with no paragraph under it (the next line is a heading, or none), or any ``(一)`` item
    with nothing under it before the next one (``(一)济宁市政府门户网站。`` over ``(二)…``, or over an item whose label
    the page lost) where no subsection of its section came before it, or one closed by the units line below it: an
    item of a list, a task, not a subsection's title (after a subsection with its paragraphs, one with none is a
    subsection the page lost the text of)."""
    title = normalize(heading.title)
    if heading.rest:
        return False
    if (len(title) > 30 or "," in title) and (not below or match_heading(below[0]) is not None):
        return True
    if below and UNITS_LINE.match(normalize(below[0])):  # ``(一)财政工作概况;…。`` over ``责任股室:…``: closed by it
        return True
    following = match_heading(below[0]) if below else None
    return first_in_section and bool(below) and ((following is not None and following.level <= heading.level)
                                                 or _LOST_LABEL.match(normalize(below[0])) is not None)


def _sentence_title(heading: Heading) -> bool:
    """``(一)按照…要求,围绕…,做好…。…``: what stands before the first stop is a sentence, no title."""
    title = normalize(heading.title)
    return len(title) > 40 or (len(title) > 30 and ("," in title or title.count("、") >= 2))


def _sentence_sections(lines: list[str]) -> set[int]:
    """The ``(一)`` lines of each section whose ``(一)`` items are mostly sentences (what stands before their first
    stop is no title): the section numbers its tasks with them, all of them — one section reads its items one way."""
    found: set[int] = set()
    items: list[tuple[int, Heading]] = []

    def close() -> None:
        if items and sum(_sentence_title(h) for _, h in items) * 2 > len(items):
            found.update(at for at, h in items if h.rest)
        items.clear()

    for at, line in enumerate(lines):
        heading = match_heading(line)
        if heading is not None and heading.level == 1:
            close()
        elif heading is not None and heading.level == 2:
            items.append((at, heading))
    close()
    return found


def _run_into(line: str, heading: Heading, below: list[str]) -> tuple[str, str] | None:
    """``一、指导思想紧紧围绕…。`` with nothing under it but the next heading: a heading run straight into its
    paragraph, the title not told from the text by punctuation → (the section's title, the task's text).  The
    title is a section title word the sentence starts with (指导思想, 基本原则 …), else the sentence as printed."""
    norm = normalize(line).rstrip()
    next_heading = match_heading(below[0]) if below else None
    # a shorter title is a sentence too when a comma divides it and the next line is a heading of its level
    sentence = len(normalize(heading.title)) > 30 or ("," in normalize(heading.title) and norm.endswith("。")
                                                      and (not below or (next_heading is not None
                                                                         and next_heading.level == 1)))
    if heading.level != 1 or heading.rest or not sentence or norm[-1:] not in ("。", ":", ";") \
            or (below and next_heading is None):
        return None
    top = TOP.match(norm)
    if top is None:
        return None
    start = top.start(2) + len(top.group(2)) - len(top.group(2).lstrip())
    word = next((w for w in V.SECTION_TITLES if normalize(heading.title).startswith(w)), "")
    return (line[start:start + len(word)] if word else heading.title), line[start + len(word):].strip()


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
        lines = broken_paragraphs(continued_headings(unwrapped([b.text.strip() for b in document.blocks
                                                                  if isinstance(b, Line) and b.text.strip()])))
        # a units line or an annotation the page ended in the middle of a name (``责任股室:人事教育股、会``,
        # ``(牵头单位:办公室,责任单位:就业办、养老保``): the last task was cut off, and names no unit
        if lines and UNITS_LINE.match(normalize(lines[-1])) and cut_in_a_name(lines[-1]):
            lines = lines[:-1]
            draft.cut_off()
        elif lines and (notes := find_annotations(lines[-1])) and notes[-1][1] == len(lines[-1]) \
                and not normalize(lines[-1]).rstrip().endswith(")") and cut_in_a_name(notes[-1][2]):
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
        sentence_items = _sentence_sections(lines)
        plain_subheadings = any((h := match_heading(line)) is not None and h.level == 2 and _whole_task(line) is None
                                for line in lines)
        # no heading at all: the body starts at the first annotated or numbered paragraph (one implicit section)
        body_at = len(lines) if any(match_heading(line) for line in lines) else next(
            (i for i, line in enumerate(lines) if find_annotations(line) or _DOT_ITEM.match(normalize(line))),
            len(lines))
        title: tuple[str, str] | None = None  # ``1.加强经济政策公开`` heading the paragraph below it
        closing = _closing(lines)
        open_item = False  # the last task is a ``1.…`` paragraph its annotation has not closed yet
        for at, line in enumerate(lines):
            if at in closing and (draft.in_body or at >= body_at):
                continue  # the signing office, its date, the copy list: the document's closing, no task
            heading = match_heading(line)
            # a numbered line after a title line: the title was an item of its own (``2.2021年底前建立…``)
            if heading is not None or is_footer(line) or _title_line(line) is not None or leading_number(line):
                self._flush(title, draft)
                title = None
            if heading is not None and heading.level == 2 and (body := _whole_task(line)) is not None:
                if plain_subheadings:
                    draft.heading(2, heading.label, heading.title)
                    self._paragraph(body, draft)
                else:
                    self._paragraph(body, draft, number=heading.label)
                continue
            if at in sentence_items and heading is not None and (label := SUB.match(normalize(line))) is not None:
                self._paragraph(line[label.start(2):], draft, number=heading.label)  # a sentence, numbered: a task
                continue
            if heading is not None and heading.level == 2 and _sentence_item(
                    heading, lines[at + 1:at + 2] or cut_line, not draft.sections or draft.sections[-1].level == 1):
                label = SUB.match(normalize(line))
                self._paragraph(line[label.start(2):] if label else line, draft, number=heading.label)
                continue
            if heading is not None and (run := _run_into(line, heading, lines[at + 1:at + 2])) is not None:
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
            if not draft.in_body and not draft.tasks and at < body_at and not _keyed_task(line) \
                    and not _labelled_task(line, lines[at + 1:at + 2]):
                if len(line) >= 20 and not is_chrome(line):
                    draft.description.append(line)
                continue
            if is_footer(line):
                break
            if (found := _title_line(line)) is not None:
                title = found
                continue
            if open_item and _SUB_POINT.match(fold(line)) and draft.tasks and not draft.tasks[-1].units:
                self._sub_point(line, draft)  # ``(1)…`` under an open ``1.…`` task: part of that task
                continue
            open_item = title is None and bool(_DOT_ITEM.match(normalize(line))) and not find_annotations(line)
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
                and not draft.tasks and _sentence_item(last_heading, []):
            draft.task(last_heading.label, last_heading.title)  # ``(一)为保证…,建立以``: a sentence the page cut

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
        first = _FIRST_ITEM.search(normalize(printed))
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
