"""The plan's year when its title prints none: a sentence of the plan naming it, the documents its preamble
cites, the deadlines it keys with a year — or none at all (``null``: no year is invented)."""

from __future__ import annotations

import re

from govtui.domain import vocabulary as V
from govtui.domain.text import normalize
from govtui.importers.headings import match_heading

YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_TITLE_WORDS = re.compile("|".join(V.TITLE_WORDS))

#: A sentence naming the plan's own year: ``2019年市市场监管局政务公开工作的总体要求是``.
STATED = re.compile(rf"^\s*((?:19|20)\d\d)\s*年(?:度)?([^。,;]{{0,16}}?)(?:{'|'.join(V.TITLE_WORDS)})")
#: A cited plan and its year: ``《2019年上海市政务公开工作要点》``, ``《…任务分解》(辽政办公开〔2023〕6号)``.
_CITED = re.compile(r"《([^《》]+)》\s*(?:\(?[^()《》]{0,12}?[〔\[(]((?:19|20)\d\d)[〕\])]\s*\d{1,4}\s*号)?")
#: A cited document is a plan of the same year only when it is one (要点, 任务分解 …), not an 意见 or a 通知.
_PLAN_ENDING = re.compile(r"(要点|分工|分解|清单|任务|方案|台账|安排|计划|重点)(?:\([^()]{1,12}\))?$")


def _cited_years(line: str) -> list[int]:
    years = []
    for m in _CITED.finditer(line):
        title = m.group(1)
        if not (_PLAN_ENDING.search(title) and _TITLE_WORDS.search(title)):
            continue
        own = YEAR.search(title)
        if own or m.group(2):
            years.append(int(own.group(1) if own else m.group(2)))
    return years


#: A title that says it carries out a cited plan: ``淄博市贯彻落实《2025年山东省政务公开工作要点》实施方案``.
_CARRIES_OUT = re.compile(r"(?:贯彻落实|贯彻|落实)\s*[《〈<]([^《》〈〉<>]+)[》〉>]")


def carried_out_year(title: str) -> int | None:
    """The year of the annual plan a title says it carries out (``…贯彻落实《2025年…工作要点》实施方案``): the plan
    that carries out that year's plan is of that year, when its own title prints none."""
    for m in _CARRIES_OUT.finditer(normalize(title)):
        cited = m.group(1)
        if _SPAN.search(cited):
            continue  # ``《…五年行动计划(2021—2025年)》``: a plan over several years gives none of them
        if (own := YEAR.search(cited)) is not None and _PLAN_ENDING.search(cited) and _TITLE_WORDS.search(cited):
            return int(own.group(1))
    return None


_SPAN = re.compile(r"(?:19|20)\d\d\s*年?\s*[-—–~至到]\s*(?:19|20)\d\d")


#: A deadline stated with its key and year: ``完成时限:2023年10月底前``.
_KEYED_DEADLINE_YEAR = re.compile(rf"(?:{'|'.join(V.DEADLINE_KEYS)})\s*:\s*((?:19|20)\d\d)\s*年")


#: A plan that carries a reform out over years (…标准化规范化工作实施方案), when its title prints no year: the
#: documents it cites are that reform's, of their own years, not the plan's.
MULTI_YEAR = re.compile(r"实施方案$")


def stated_year(lines: list[str], *, annual: bool = True, titled: bool = True) -> tuple[int | None, str]:
    """The plan's year when its title prints none: a sentence of the plan naming it, else the year of the
    newest document its preamble cites (a plan carries out that year's documents), else the year its keyed
    deadlines print, when the plan's title is on the page (a page without one may be one page of a longer plan:
    the years of its deadlines are theirs); ``None`` otherwise."""
    preamble: list[str] = []
    for line in lines[:40]:
        if match_heading(line) is not None:
            break
        preamble.append(normalize(line))
    for line in preamble:
        if (m := STATED.match(line)) is not None:
            return int(m.group(1)), f"年度取自正文“{line[:20]}…”"
    cited = [year for line in preamble for year in _cited_years(line)] if annual else []
    if cited:
        return max(cited), f"标题没有年度, 取自所引文件的年度 {max(cited)}"
    due = [int(m.group(1)) for line in lines for m in _KEYED_DEADLINE_YEAR.finditer(normalize(line))] if titled else []
    if due:
        return min(due), f"标题没有年度, 取自任务的完成时限 {min(due)}年"
    return None, ""
