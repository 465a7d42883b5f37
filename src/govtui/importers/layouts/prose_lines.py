"""What a line of a prose plan is, told from the line and its neighbours: a whole numbered task, a title line over its
paragraph, a numbered sentence or list item rather than a subsection's title, a heading run into its paragraph, a
section whose items are sentences, the document's closing lines and attachment list.  The prose layout
(:mod:`govtui.importers.layouts.prose`) reads the lines with these."""

from __future__ import annotations

import itertools
import re

from govtui.domain import vocabulary as V
from govtui.domain.text import HAN, normalize
from govtui.domain.units import parse_annotation
from govtui.importers.annotations import UNITS_LINE, find_annotations, is_annotation, meaningful
from govtui.importers.headings import SUB, TOP, Heading, is_closing, leading_number, match_heading
from govtui.importers.organization import is_org


def whole_task(line: str) -> str | None:
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
DOT_ITEM = re.compile(r"^\s*\d{1,3}\s*[.、](?!\d)")
SUB_POINT = re.compile(r"^\s*(?:\(\s*\d{1,2}\s*\)|\d{1,2}\)|[\u2460-\u2473])")


def title_line(line: str) -> tuple[str, str] | None:
    """``1.加强经济政策公开``, ``1.进一步推进权力清单公开。``: a short numbered line without a sentence in it (a stop
    may close it), heading the paragraph below."""
    lead = leading_number(line)
    if lead is None or find_annotations(line):
        return None
    norm = normalize(lead[1]).rstrip()
    bracketed = normalize(line).lstrip().startswith("(")  # ``(2)部门预算…公开。``: a sub-point, its stop its end
    if len(norm) > 30 or re.search(r"[。;,]", norm if bracketed else norm.removesuffix("。")):
        return None
    return lead[0], lead[1]




#: The first of items run in on one line: ``1.`` at the start or after a sentence's (or a clause's) end.
FIRST_ITEM = re.compile(r"(?:^|(?<=[。;:]))\s*1\s*[.、](?!\d)")



def closing_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines that close an official document: the signing office with its date below it
    (or beside it), a date alone, the copy list (抄送), the publication note (此件公开发布)."""
    found = {i for i, line in enumerate(lines) if is_closing(line)}
    signed = {j for i in found for j in range(i + 1, len(lines)) if all(is_org(x) for x in lines[i + 1:j + 1])}
    return found | signed | {i for i in range(len(lines) - 1) if i + 1 in found and is_org(lines[i])} \
        | _attachment_list(lines)


#: ``附件:1、政府信息公开工作机构情况表`` and the names listed under it: the documents a notice attaches.
_ATTACHMENTS = re.compile(r"^\s*附件\s*\d*\s*:")
_DOCUMENT_NAME = re.compile(r"^\s*\d{1,2}\s*[、.]\s*[^。,;:]{2,40}$")


#: One document attached, unnumbered: ``附件:福建省卫生健康委员会关于做好…工作的通知`` over the signing office.
_ONE_DOCUMENT = re.compile(r"^\s*[^。,;:]{4,80}$")


def _attachment_list(lines: list[str]) -> set[int]:
    """Indexes of an attachment list's lines: ``附件:`` with the first name, and the numbered names below it; or
    ``附件:`` with the one name it attaches right above the signing office or the date."""
    listed: set[int] = set()
    for at, line in enumerate(lines):
        name = _ATTACHMENTS.sub("", normalize(line))
        signed_below = at + 1 < len(lines) and (is_org(lines[at + 1]) or is_closing(lines[at + 1]))
        if _ATTACHMENTS.match(normalize(line)) and signed_below and _ONE_DOCUMENT.match(name):
            listed.add(at)
        elif _ATTACHMENTS.match(normalize(line)) and _DOCUMENT_NAME.match(name):
            listed.add(at)
            listed.update(itertools.takewhile(lambda i: _DOCUMENT_NAME.match(normalize(lines[i])) is not None,
                                              range(at + 1, len(lines))))
    return listed


def keyed_task(line: str) -> bool:
    """A paragraph before the first heading closed by a responsibility annotation with a role word
    (``…政策的公开力度。(縣編辦牽頭落實)``): an excerpt that starts mid-plan, its first task."""
    return any(is_annotation(body) and meaningful(line[:start]) for start, _, body in find_annotations(line)[:1])


def labelled_task(line: str, below: list[str]) -> bool:
    """A paragraph before the first heading whose units are the labelled line below it (``4.公示汇总。…`` over
    ``责任单位:市政府办公室``): an excerpt that starts mid-plan, its first task."""
    return (meaningful(line) and not UNITS_LINE.match(normalize(line)) and bool(below)
            and UNITS_LINE.match(normalize(below[0])) is not None and bool(parse_annotation(below[0])[0]))


#: ``)发布工作信息…``: an item whose ``(四`` the page lost, a sibling of the ``(三)`` item above it.
_LOST_LABEL = re.compile(rf"^\)\s*[{HAN}]")


def sentence_item(heading: Heading, below: list[str], first_in_section: bool = False) -> bool:
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


def sentence_sections(lines: list[str]) -> set[int]:
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


def run_into(line: str, heading: Heading, below: list[str]) -> tuple[str, str] | None:
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
