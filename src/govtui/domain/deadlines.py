"""Chinese deadline phrases → due dates.

Only the deadline cell or annotation is parsed, never the requirement text: a
``5个工作日内`` or ``2035年远景目标`` inside a requirement is not a deadline.
Relative phrases (``6月底前``, ``年底前``, ``第三季度``) are read against the plan's year.
When a phrase names several dates (``3月底前完成初稿,6月底前发布``) the last one is due.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from govtui.domain import vocabulary as V
from govtui.domain.model import Deadline, DeadlineKind
from govtui.domain.text import normalize

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10, "十一": 11, "十二": 12}

ONGOING_WORDS = V.ONGOING_WORDS
RECURRING_WORDS = V.RECURRING_WORDS

_MONTH = r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
#: The part of a month (``6月底``, ``9月中旬``) and the word for "before" (``前``, ``以前``, ``之前``).
MONTH_PART = "底|末|中旬|上旬|下旬|中"
BEFORE = "前|以前|之前"
_PART_BEFORE = rf"\s*月(?:份)?\s*({MONTH_PART})?\s*({BEFORE})?"
#: A deadline written as a date before which a task is done (``11月底前``, ``3月15日前``, ``年底前``): how a table's
#: deadline cell reads, where a run-on table is cut into its cells.
BEFORE_A_DATE = rf"\d{{1,2}}\s*月\s*(?:{MONTH_PART}|\d{{1,2}}\s*日)?\s*(?:{BEFORE})|年底前"
_DAY = r"([12]\d|3[01]|0?[1-9])"
_YEAR = r"((?:19|20)\d\d)"

# Each pattern yields (year-or-None, month, day-or-None, "before" flag); matched in order, left to right.
_FULL_DATE = re.compile(_YEAR + r"\s*[年./-]\s*" + _MONTH + r"\s*[月./-]\s*" + _DAY + r"\s*[日号]?")
_YEAR_MONTH = re.compile(_YEAR + r"\s*年\s*" + _MONTH + _PART_BEFORE)
_MONTH_DAY = re.compile(r"(?<![\d年])" + _MONTH + r"\s*月\s*" + _DAY + r"\s*[日号]")
_MONTH_ONLY = re.compile(r"(?<![\d年])" + _MONTH + _PART_BEFORE)
_QUARTER = re.compile(r"(?:第)?([一二三四1-4])\s*季度")
_HALF = re.compile(r"(上|下)半年")
_YEAR_END = re.compile(r"(年底|年末|年内|年度内|本年度|全年完成|年终)")
_YEAR_ONLY = re.compile(_YEAR + r"\s*年(?:底|末|内)?(?!\s*[\d一二三四五六七八九十]+\s*月)"
                        r"(?!\s*(?:第|[一二三四1-4]\s*季|[上下]半年))")
# A range of months, due at the end of the last: 2024年7-8月, 6—9月, 7至9月 (not 2024-07-08, which has no 月).
_MONTH_RANGE = re.compile(r"(?:" + _YEAR + r"\s*年\s*)?(?<![\d.])" + _MONTH + r"\s*(?:月(?:份)?)?\s*[-—–~～至到]\s*"
                          + _MONTH + r"\s*月(?:份)?\s*(底|末)?\s*(前|以前|之前)?")
# The year after the plan's: 次年1月底前, 明年3月, 次年底.
_NEXT_YEAR = re.compile(r"(?:次年|明年|翌年|下一?年度?)\s*(?:" + _MONTH + _PART_BEFORE + r"|(底|末|内))")
# A quarter or half named with its own year: 2024年第一季度, 2024年上半年.
_YEAR_PART = re.compile(_YEAR + r"\s*年\s*(?:第?([一二三四1-4])\s*季度|([上下])半年)")


def _month(token: str) -> int:
    return int(token) if token.isdigit() else _CN_DIGITS[token]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_phrase(year: int, month: int, part: str | None, before: str | None) -> dt.date:
    if part in ("上旬",):
        return dt.date(year, month, 10)
    if part in ("中旬", "中"):
        return dt.date(year, month, 20)
    if part is None and before:  # "6月前": before June starts
        return dt.date(year, month, 1) - dt.timedelta(days=1)
    return _month_end(year, month)


def find_dates(text: str, year: int | None) -> list[tuple[int, dt.date]]:
    """Every date a deadline phrase names, with its position in the text."""
    text = normalize(text)
    found: list[tuple[int, dt.date]] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return all(m.end() <= a or m.start() >= b for a, b in taken)

    def add(m: re.Match[str], date: dt.date | None) -> None:
        if date is not None and free(m):
            found.append((m.start(), date))
            taken.append((m.start(), m.end()))

    for m in _MONTH_RANGE.finditer(text):
        if m[1] or year is not None:
            add(m, _month_end(int(m[1]) if m[1] else year or 0, _month(m[3])))
    if year is not None:
        for m in _NEXT_YEAR.finditer(text):
            add(m, _month_phrase(year + 1, _month(m[1]), m[2], m[3]) if m[1] else dt.date(year + 1, 12, 31))
    for m in _FULL_DATE.finditer(text):
        add(m, _safe_date(int(m[1]), _month(m[2]), int(m[3])))
    for m in _YEAR_MONTH.finditer(text):
        add(m, _month_phrase(int(m[1]), _month(m[2]), m[3], m[4]))
    for m in _YEAR_PART.finditer(text):
        if m[2]:
            add(m, _month_end(int(m[1]), (int(m[2]) if m[2].isdigit() else _CN_DIGITS[m[2]]) * 3))
        else:
            add(m, dt.date(int(m[1]), 6, 30) if m[3] == "上" else dt.date(int(m[1]), 12, 31))
    if year is not None:
        for m in _MONTH_DAY.finditer(text):
            add(m, _safe_date(year, _month(m[1]), int(m[2])))
        for m in _MONTH_ONLY.finditer(text):
            add(m, _month_phrase(year, _month(m[1]), m[2], m[3]))
        for m in _QUARTER.finditer(text):
            if "每" not in text[max(0, m.start() - 2):m.start()]:
                q = _month(m[1]) if m[1].isdigit() else _CN_DIGITS[m[1]]
                add(m, _month_end(year, q * 3))
        for m in _HALF.finditer(text):
            add(m, dt.date(year, 6, 30) if m[1] == "上" else dt.date(year, 12, 31))
        for m in _YEAR_END.finditer(text):
            add(m, dt.date(year, 12, 31))
    for m in _YEAR_ONLY.finditer(text):
        add(m, dt.date(int(m[1]), 12, 31))
    return sorted(found)


#: A date written with digits (2024-02-30, 2024/2/30, 2024.2.30, 2024年2月30日), valid or not.
_DATE_SHAPE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?")


class DateError(ValueError):
    """A date that does not exist, or text that is not a date; the message says which (in Chinese)."""


def _real_date(year: int, month: int, day: int, written: str) -> dt.date:
    if not 1 <= month <= 12:
        raise DateError(f"日期 {written!r} 不存在 (no such date): 没有 {month} 月; 请写成 2024-06-30 或 2024年6月30日")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(f"日期 {written!r} 不存在 (no such date): {year} 年 {month} 月只有 {last} 天")
    return dt.date(year, month, day)


def parse_date(text: str) -> dt.date:
    """One date typed by a person (``2024-05-06``, ``2024/5/6``, ``2024年5月6日``); :class:`DateError`
    when it is not a date or not a real one (2024-02-30, 2024-13-45)."""
    folded = normalize(text).strip()
    m = _DATE_SHAPE.fullmatch(folded)
    if m is None:
        raise DateError(f"日期 {text!r} 无法识别 (not a date): 请写成 2024-05-06 或 2024年5月6日")
    return _real_date(int(m[1]), int(m[2]), int(m[3]), text.strip())


def parse_typed_deadline(text: str, year: int | None) -> Deadline:
    """A deadline typed by a person (``set --deadline``, ``A``, ``e``): as :func:`parse_deadline`, but a
    date in it that does not exist is refused (:class:`DateError`) instead of kept as text that looks
    like a date and is never due.  A document's deadlines are read as printed (:func:`parse_deadline`)."""
    for m in _DATE_SHAPE.finditer(normalize(text)):
        _real_date(int(m[1]), int(m[2]), int(m[3]), m[0])
    return parse_deadline(text, year)


def parse_deadline(text: str, year: int | None) -> Deadline:
    """Read a deadline cell.  ``year`` is the plan's year, for phrases that name none."""
    printed = " ".join(text.split())
    if not printed:
        return Deadline()
    dates = find_dates(printed, year)
    if dates:
        return Deadline(printed, max(d for _, d in dates), DeadlineKind.DATE)
    folded = normalize(printed)
    if any(w in folded for w in RECURRING_WORDS):
        return Deadline(printed, None, DeadlineKind.RECURRING)
    if any(w in folded for w in ONGOING_WORDS):
        return Deadline(printed, None, DeadlineKind.ONGOING)
    return Deadline(printed, None, DeadlineKind.TEXT)


def looks_like_deadline(text: str, *, lenient: bool = False) -> bool:
    """Whether a short table cell reads as a deadline.

    ``lenient``: the cell stands where a deadline is expected (after the units), so any short
    text naming a date or a deadline word counts (``2021年2月公布预算信息,2021年8月公布决算信息``).
    """
    folded = normalize(" ".join(text.split()))
    if not folded or "。" in folded or len(folded) > (60 if lenient else 40):
        return False
    if any(w in folded for w in (*ONGOING_WORDS[:9], *RECURRING_WORDS[:6])) and len(folded) <= 12:
        return True
    if folded.endswith(V.DEADLINE_ENDINGS) and len(folded) <= 24:
        return True
    dated = bool(find_dates(folded, 2000))
    if lenient:
        return dated or any(w in folded for w in (*ONGOING_WORDS, *RECURRING_WORDS))
    return dated and len(folded) <= 20


def opens_with_deadline(text: str) -> bool:
    """A deadline cell written as a sentence that starts with its date: ``6月30日前,完成自查整改,并持续推进…``."""
    return looks_like_deadline(re.split(r"[,;。]", normalize(text), maxsplit=1)[0])
