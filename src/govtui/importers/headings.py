"""Numbering as printed: ``一、`` and ``(一)`` headings, task numbers in a cell or at the start of a text.

Patterns run on the normalised text (:func:`govtui.domain.text.normalize`), so ``（一）`` and ``(一)``,
``一.`` and ``一、`` are the same to them; the printed text is sliced at the same indexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govtui.domain.text import HAN, fold, normalize
from govtui.domain.vocabulary import (
    CHROME_STARTS,
    CLOSING_STARTS,
    CN_NUMERALS,
    FOOTER_STARTS,
    SHARING_CHROME_LINES,
    SHARING_NOTICE_WORDS,
)

#: ``? ?二、重点任务``: characters lost in a copy (printed as ``?``) before a heading leave it a heading; ``* 、…``,
#: ``( * )…``: a copy that masks every number (``*``) still prints its headings' marks, and one that lost a
#: numeral (``()主动公开情况``) its brackets.
TOP = re.compile(rf"^[\s?]*([{CN_NUMERALS}]+|\*(?=\s*、))\s*[、.,]\s*(.*)$", re.S)
SUB = re.compile(rf"^[\s?]*\(\s*([{CN_NUMERALS}]+|\*|(?=\)[{HAN}]))\s*\)\s*[、.]?\s*(.*)$", re.S)
#: A cell holding only a task number: ``1``, ``1.``, ``(1)``, ``第1项``; ``36,37``: one row for two numbers.
NUMBER_CELL = re.compile(r"^\s*(?:第\s*)?\(?\s*(\d{1,5}(?:\.\d{1,3})*(?:\s*,\s*\d{1,5})*)\s*[.、)]?\s*(?:项)?\s*$")
#: A text starting with its number: ``1.积极推进…``, ``2、…``, ``3)…``, ``2.2021年底前…`` (a year after the
#: number's dot, not a decimal ``2.2``).
NUMBER_LEAD = re.compile(r"^\s*(?:\(\s*)?(\d{1,3})\s*[.、)](?:(?!\d)|(?=(?:19|20)\d\d\s*年))\s*(\S.*)$", re.S)
#: ``(1.1)办学规模…``: an item numbered under its category, in brackets.
DOTTED_LEAD = re.compile(r"^\s*\(\s*(\d{1,3}\.\d{1,3})\s*\)\s*(\S.*)$", re.S)
#: A text starting with a bracketed Chinese number used to number tasks: ``(一)按照…``.
PAREN_LEAD = re.compile(rf"^\s*(\(\s*[{CN_NUMERALS}]+\s*\))\s*[、.]?\s*(\S.*)$", re.S)


def is_footer(printed: str) -> bool:
    """A line of a web page's footer (扫一扫, 版权所有, 网站标识码 …): the article has ended."""
    norm = normalize(printed).strip()
    return (norm.startswith(FOOTER_STARTS) and len(norm) <= 120) or norm in ("map", "Baidu")


#: A page number printed by a PDF or Word page footer: ``— 3 —``, ``- 3 -``, ``第3页 共5页``, ``3/5``.
PAGE_NUMBER = re.compile(r"^\s*(?:[-—–~·•]+\s*\d{1,3}\s*[-—–~·•]+|第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?"
                         r"|\d{1,3}\s*/\s*\d{1,3})\s*$")
#: A date printed alone (a signature's date, ``2023年3月15日印发``): the document's closing, not a task.
DATE_LINE = re.compile(r"^\s*(?:[^\s:]{2,30}\s+)?(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:印发|发布)?\s*$")


#: An attachment's heading on its own line: ``附件2``, ``附件 3:``.
ATTACHMENT = re.compile(r"^\s*附\s*件\s*\d{0,2}\s*:?\s*$")


def is_attachment(printed: str) -> bool:
    return bool(ATTACHMENT.match(normalize(printed)))


def is_page_number(printed: str) -> bool:
    return bool(PAGE_NUMBER.match(normalize(printed)))


#: A sharing site's caption of one page's picture: ``…任务分工.docx_第1页``.
_THUMBNAIL = re.compile(r"\.(?:docx?|wps|pdf|pptx?|xlsx?)_第\s*\d{1,3}\s*页\s*$", re.I)


def is_sharing_notice(printed: str) -> bool:
    """A line of a document-sharing site's notices and chrome (成为VIP后…, 会员有效期内…, 资源描述, a page picture's
    caption), printed around the document it sells."""
    norm = normalize(printed)
    return any(word in norm for word in SHARING_NOTICE_WORDS) or " ".join(norm.split()) in SHARING_CHROME_LINES \
        or _THUMBNAIL.search(norm) is not None


def without_sharing_notices(printed: str) -> str:
    """A long line run together with a sharing site's notices (``…职能部门 消耗 1 篇素材配额,会员有效期内…``): the
    line, its notices' pieces (between spaces) taken out — never the whole line, which holds the plan's text."""
    kept: list[str] = []
    for piece in re.split(r"(\s+)", printed):
        if piece.isspace() or not is_sharing_notice(piece):
            kept.append(piece)
            continue
        while kept and (kept[-1].isspace() or (len(kept[-1]) <= 6 and not re.search(r"[。;,.!?]", kept[-1]))):
            kept.pop()  # the notice's own first words (``消耗 1 篇…``)
    return "".join(kept).strip()


_CJK = re.compile(rf"[{HAN}]")


def is_translation(printed: str) -> bool:
    """A line of English prose (six words or more, no Chinese character): a translation printed after the Chinese
    text, never a part of the plan (its ``I.`` and ``1.`` are no headings)."""
    return not _CJK.search(printed) and len(re.findall(r"[A-Za-z]{2,}", printed)) >= 6


def is_closing(printed: str) -> bool:
    """A line of an official document's closing: a date alone, the copy list (抄送), 此件公开发布."""
    norm = normalize(printed).strip()
    return bool(DATE_LINE.match(norm)) or norm.startswith(CLOSING_STARTS)


def is_chrome(printed: str) -> bool:
    """A line of a web page's navigation or toolbar (当前位置:首页 > …, 字体:[大 中 小])."""
    norm = normalize(printed).strip()
    return norm.startswith(CHROME_STARTS) or ">" in norm or "»" in norm or "›" in norm


@dataclass(slots=True)
class Heading:
    level: int
    label: str
    title: str
    rest: str  # text printed after the heading's first sentence, when a paragraph follows inline


def _split_inline(printed: str) -> tuple[str, str]:
    """``推进决策公开。各地区要……`` (or ``推进决策公开:各地区要……``) → (``推进决策公开``, ``各地区要……``)."""
    norm = normalize(printed)
    stops = [i for i in (norm.find("。"), norm.find(":")) if i != -1]
    if not stops:
        return printed.strip(), ""
    stop = min(stops)
    return printed[:stop].strip(), printed[stop + 1:].strip()


def match_heading(printed: str) -> Heading | None:
    """``一、…`` (level 1) or ``(一)…`` (level 2) at the start of a printed line."""
    norm = normalize(printed)
    for level, pattern in ((1, TOP), (2, SUB)):
        m = pattern.match(norm)
        if m:
            title, rest = _split_inline(printed[m.start(2):])
            return Heading(level, m.group(1) if level == 1 else f"({m.group(1)})", title, rest)
    return None


def is_short_heading(printed: str, limit: int = 40) -> Heading | None:
    """A heading that stands alone as a label (a table cell or a line), not a numbered sentence."""
    heading = match_heading(printed)
    if heading is None or heading.rest or len(heading.title) > limit or "," in normalize(heading.title):
        return None
    return heading


def number_cell(printed: str) -> str | None:
    m = NUMBER_CELL.match(normalize(printed))
    return m.group(1) if m else None


def leading_number(printed: str, *, paren: bool = False) -> tuple[str, str] | None:
    """(number, text after it) when a text starts with its number; ``paren``: ``(一)`` counts too."""
    norm = normalize(printed)
    m = DOTTED_LEAD.match(norm) or NUMBER_LEAD.match(norm) or (PAREN_LEAD.match(norm) if paren else None)
    if not m:
        return None
    return fold(printed[m.start(1):m.end(1)]).replace(" ", ""), printed[m.start(2):].strip()
