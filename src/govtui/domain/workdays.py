"""Working days (工作日) under the State Council's holiday and 调休 schedule.

The schedule comes from the ``chinese-calendar`` package (imported on first use, never by a
quick lookup).  A year the package does not cover yet falls back to Monday–Friday; the years
that did are kept in :attr:`WorkCalendar.fallback_years` so that every caller can say so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

_ONE_DAY = dt.timedelta(days=1)


class WorkCalendar:
    """Answers "is this a working day" and "how many working days until", for any date."""

    def __init__(self) -> None:
        self._module: Any = None
        self._loaded = False
        self._cache: dict[dt.date, bool] = {}
        self.fallback_years: set[int] = set()

    def _calendar(self) -> Any:
        if not self._loaded:
            self._loaded = True
            try:
                import chinese_calendar
            except ImportError:  # pragma: no cover - a declared dependency; kept working without it
                chinese_calendar = None
            self._module = chinese_calendar
        return self._module

    def is_workday(self, day: dt.date) -> bool:
        known = self._cache.get(day)
        if known is not None:
            return known
        module = self._calendar()
        try:
            if module is None:
                raise NotImplementedError
            answer = bool(module.is_workday(day))
        except NotImplementedError:
            self.fallback_years.add(day.year)
            answer = day.weekday() < 5
        self._cache[day] = answer
        return answer

    def days_until(self, today: dt.date, due: dt.date) -> int:
        """Working days left: those after ``today`` up to and including ``due`` (0 when due today).

        When ``due`` is past, the (negative) number of working days late: working days after ``due``
        up to and including ``today``.
        """
        if due >= today:
            start, end, sign = today, due, 1
        else:
            start, end, sign = due, today, -1
        count = 0
        day = start + _ONE_DAY
        while day <= end:
            count += self.is_workday(day)
            day += _ONE_DAY
        return sign * count

    def add_workdays(self, today: dt.date, days: int) -> dt.date:
        """The date ``days`` working days after ``today`` (``today`` itself for 0)."""
        day = today
        left = days
        while left > 0:
            day += _ONE_DAY
            left -= self.is_workday(day)
        return day

    def fallback_note(self) -> str | None:
        """The sentence to show when some year was counted Monday–Friday, else ``None``."""
        if not self.fallback_years:
            return None
        years = "、".join(str(y) for y in sorted(self.fallback_years))
        return (f"注: {years} 年的法定节假日和调休安排尚未收录 (chinese-calendar), "
                "该年工作日按周一至周五计算 (fallback: Mon–Fri)")


def left_label(calendar: WorkCalendar, today: dt.date, due: dt.date) -> str:
    """``剩 3 个工作日 · 5 天`` / ``今天到期`` / ``逾期 5 天 · 4 个工作日`` (no brackets: it is often put in some)."""
    if due == today:
        return "今天到期"
    if due > today:
        return f"剩 {calendar.days_until(today, due)} 个工作日 · {(due - today).days} 天"
    late = (today - due).days
    return f"逾期 {late} 天 · {-calendar.days_until(today, due)} 个工作日"
