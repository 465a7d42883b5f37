"""Pieces every importer shares: headings, titles, annotations, document errors.

All patterns run on ``fold``-ed text (full-width punctuation made ASCII), so
``（一）`` and ``(一)``, ``：`` and ``:`` are the same to them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from govtui.model import Section
from govtui.text import fold, search_key

CN_NUM = "一二三四五六七八九十百零〇两"
TOP_HEADING = re.compile(rf"^\s*([{CN_NUM}]+)\s*[、.,]\s*(.*)$", re.S)
SUB_HEADING = re.compile(rf"^\s*\(\s*([{CN_NUM}]+)\s*\)\s*[、.]?\s*(.*)$", re.S)
NUMBER_ONLY = re.compile(r"^\s*\(?\s*(\d{1,3})\s*[.、)]?\s*$")
NUMBER_LEAD = re.compile(r"^\s*(\d{1,3})\s*[.、)](?!\d)\s*(\S.*)$", re.S)
YEAR_IN_TITLE = re.compile(r"((?:19|20)\d\d)\s*年")
DATE_ANYWHERE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
TITLE_WORDS = re.compile(r"(政务公开|政务信息公开|信息公开|政务服务公开|公开工作)")
TITLE_ENDS = re.compile(r"(要点|分工|方案|计划|任务|清单|安排|通知|台账|表|实施意见|工作重点)\s*$")

# An annotation naming who is responsible, optionally with a deadline, at the end of a task:
# (责任单位:…) (责任股室:…) (牵头单位:…;配合单位:…) (由…负责).  One level of nested brackets is
# allowed inside (综合科(法规科)).  The closing bracket may be missing at the end of a paragraph.
_ANNOT_KEY = (r"(?:(?:(?:责任|牵头|配合|主责|承办|协办|参与|落实)(?:单位|股室|科室|部门|处室|主体|领导)?"
              r"|完成时限|时限要求|完成时间|时间节点|完成期限)\s*:)")
_BODY = r"(?:[^()\n]|\([^()\n]*\))*"
ANNOTATION = re.compile(rf"\(\s*(?P<body>{_ANNOT_KEY}{_BODY}?|由{_BODY}?负责)\s*(?:\)|$)")
DEADLINE_KEY = re.compile(r"^\s*(完成时限|时限要求|完成时间|时间节点|时限|完成期限)\s*:\s*")
# A line that is nothing but a responsibility statement, printed under its paragraph:
# 责任单位：县民政局办公室
UNITS_LINE = re.compile(r"^\s*(?:责任|牵头|配合|主责|承办)(?:单位|股室|科室|部门|处室|主体)\s*:\s*\S")


@dataclass(slots=True)
class Heading:
    level: int
    label: str
    title: str
    rest: str  # printed text after the heading's first sentence, when a paragraph follows inline


def _split_inline(rest_printed: str) -> tuple[str, str]:
    """``推进决策公开。各地区要……`` → (``推进决策公开``, ``各地区要……``)."""
    folded = fold(rest_printed)
    stop = folded.find("。")
    if stop == -1:
        return rest_printed.strip(), ""
    return rest_printed[:stop].strip(), rest_printed[stop + 1:].strip()


def match_heading(printed: str) -> Heading | None:
    """Recognise ``一、…`` and ``(一)…`` headings in a printed line (any bracket width)."""
    folded = fold(printed)
    for level, pattern in ((1, TOP_HEADING), (2, SUB_HEADING)):
        m = pattern.match(folded)
        if m:
            offset = m.start(2)
            title, rest = _split_inline(printed[offset:])
            return Heading(level, m.group(1) if level == 1 else f"({m.group(1)})", title, rest)
    return None


def make_section(heading: Heading, sections: list[Section], parent: Section | None) -> Section:
    section = Section(id=f"s{len(sections) + 1}", label=heading.label, title=heading.title,
                      level=heading.level, order=len(sections), parent=parent.id if parent else None)
    sections.append(section)
    return section


def clean_title(line: str) -> str:
    """Drop the decorations around a document title: 【栏目】, 关于印发《…》的通知, quotes."""
    title = re.sub(r"^\s*(#+\s*|【[^】]*】)", "", line.strip())
    m = re.search(r"《([^》]+)》", title)
    if m and TITLE_WORDS.search(m.group(1)):
        title = m.group(1)
    title = re.sub(r"^关于印发", "", title)
    title = re.sub(r"的通知$", "", title)
    return title.strip(" \t\"'“”《》")


def find_title(lines: list[str], limit: int = 60) -> int | None:
    """Index of the line that reads as the plan's title, among the first ``limit`` lines."""
    for i, line in enumerate(lines[:limit]):
        folded = fold(line.strip())
        if 6 <= len(folded) <= 90 and TITLE_WORDS.search(folded) and TITLE_ENDS.search(clean_title(folded)):
            if not match_heading(line):
                return i
    return None


_CN_YEAR = re.compile("([〇零一二三四五六七八九]{4})(?=\\s*年)")
_CN_DIGIT = str.maketrans("〇零一二三四五六七八九", "00123456789")


def org_and_year(title: str) -> tuple[str, int | None]:
    """``台山市民政局2019年政务公开工作要点`` → (``台山市民政局``, 2019).  Either may be missing.

    A year in Chinese numerals (二〇二四年) counts too.
    """
    folded = _CN_YEAR.sub(lambda m: m.group(1).translate(_CN_DIGIT), fold(title))
    m = YEAR_IN_TITLE.search(folded)
    if not m:
        org = TITLE_WORDS.split(folded)[0]
        return (org.strip() if len(org.strip()) >= 2 else ""), None
    year = int(m.group(1))
    before = folded[: m.start()].strip(" 《“")
    if len(before) >= 2:
        return before, year
    after = folded[m.end():]
    after = re.sub(r"^度", "", after)
    org = re.split(r"(政务公开|政务信息公开|信息公开|政务服务|工作要点|年度)", after)[0].strip()
    return (org if len(org) >= 2 else ""), year


def find_published(lines: list[str]) -> dt.date | None:
    """The first full date printed before the plan's body (a web page's 发布时间 line)."""
    for line in lines:
        m = DATE_ANYWHERE.search(fold(line))
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def plan_key(title: str, source: str) -> str:
    return search_key(title) if title else f"file:{source}"
