"""Recurring duties (每月 / 每季度 / 每半年 / 每年X月 …) as dated occurrences through the plan year.

A recurring deadline has no single due date, so on its own it would never be due.  Here it
becomes a list of occurrences (``2024年第一季度`` due 31 March, …).  The store keeps the met
ones on the task (``occurrences``) and writes the first unmet occurrence's date into
``deadline.due``: everything that reads due dates — overdue, ``due``, reports, the lookup
index — then counts recurring duties without knowing about them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from govtui.domain.text import fold

_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}
_QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
_YEARLY_MONTH = re.compile(r"每年\s*(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月")


class Occurrence:
    __slots__ = ("due", "label")

    def __init__(self, due: dt.date, label: str) -> None:
        self.due = due
        self.label = label

    def __repr__(self) -> str:
        return f"Occurrence({self.label!r}, {self.due})"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def rule_of(text: str) -> str | None:
    """The recurrence a deadline phrase names: ``monthly``, ``quarterly``, ``half-yearly``,
    ``yearly:<month>``, ``weekly``, or ``None`` when it names no usable one (每日, 定期 …)."""
    folded = fold(" ".join(text.split()))
    if m := _YEARLY_MONTH.search(folded):
        token = m[1]
        month = int(token) if token.isdigit() else _CN_MONTH[token]
        return f"yearly:{month}"
    if any(w in folded for w in ("每季度", "每个季度", "按季度", "逐季")):
        return "quarterly"
    if any(w in folded for w in ("每半年", "半年一次")):
        return "half-yearly"
    if any(w in folded for w in ("每月", "每个月", "按月", "逐月")):
        return "monthly"
    if any(w in folded for w in ("每周", "按周")):
        return "weekly"
    if any(w in folded for w in ("每年", "按年", "每年度")):
        return "yearly:12"
    return None


def occurrences(text: str, year: int) -> list[Occurrence]:
    """Every occurrence of a recurring deadline within ``year``, in date order."""
    rule = rule_of(text)
    if rule is None:
        return []
    if rule == "monthly":
        return [Occurrence(_month_end(year, m), f"{year}年{m}月") for m in range(1, 13)]
    if rule == "quarterly":
        return [Occurrence(_month_end(year, 3 * q), f"{year}年{_QUARTERS[q - 1]}") for q in range(1, 5)]
    if rule == "half-yearly":
        return [Occurrence(dt.date(year, 6, 30), f"{year}年上半年"),
                Occurrence(dt.date(year, 12, 31), f"{year}年下半年")]
    if rule == "weekly":
        day = dt.date(year, 1, 1)
        day += dt.timedelta(days=(4 - day.weekday()) % 7)  # Fridays
        found = []
        week = 1
        while day.year == year:
            found.append(Occurrence(day, f"{year}年第{week}周"))
            day += dt.timedelta(days=7)
            week += 1
        return found
    month = int(rule.split(":")[1])
    return [Occurrence(_month_end(year, month), f"{year}年度 ({month}月)")]


def met_dues(task_occurrences: Sequence[dict[str, Any]]) -> set[str]:
    return {str(o.get("due")) for o in task_occurrences}


def current(text: str, year: int, task_occurrences: Sequence[dict[str, Any]]) -> Occurrence | None:
    """The first occurrence not yet met (it may be past: then the duty is overdue); ``None`` when all are."""
    met = met_dues(task_occurrences)
    return next((o for o in occurrences(text, year) if o.due.isoformat() not in met), None)


def following(text: str, year: int, task_occurrences: Sequence[dict[str, Any]], after: Occurrence) -> Occurrence | None:
    met = met_dues(task_occurrences) | {after.due.isoformat()}
    return next((o for o in occurrences(text, year) if o.due.isoformat() not in met), None)


def summary(text: str, year: int, task_occurrences: Sequence[dict[str, Any]], today: dt.date) -> dict[str, int]:
    """How many occurrences there are, are met, have fallen due by ``today``, and are unmet though due."""
    all_of = occurrences(text, year)
    met = met_dues(task_occurrences)
    due = [o for o in all_of if o.due <= today]
    return {"total": len(all_of), "met": sum(o.due.isoformat() in met for o in all_of), "due": len(due),
            "missed": sum(o.due < today and o.due.isoformat() not in met for o in all_of)}
