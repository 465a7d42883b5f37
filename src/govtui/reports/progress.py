"""Completion through the year: per month, how much fell due and how much was done.

"Done" is dated by the store's history (the last change of the task's status to 已完成); each
met occurrence of a recurring duty counts once, in the month it was met.  A time after the report's
date (the date pinned with ``GOVTUI_TODAY`` for a past year) counts at the report's date.  "Fell due" counts due
dates within the month, one per occurrence for recurring duties.  Plain data: the CLI prints it,
:func:`chart` draws it with plotext, the app with textual-plotext, the xlsx export as a chart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from govtui.domain.model import Status, Task
from govtui.domain.recurrence import occurrences


@dataclass(slots=True)
class MonthlyProgress:
    year: int
    fell_due: list[int] = field(default_factory=lambda: [0] * 12)
    done: list[int] = field(default_factory=lambda: [0] * 12)
    done_undated: int = 0  # done, but the history does not say when (e.g. restored from an old backup)
    done_after: int = 0  # done after the plan's year ended: not that year's work (nor its December's)
    through: int = 12  # months that have begun (the done series stops there)

    @property
    def labels(self) -> list[str]:
        return [f"{m}月" for m in range(1, 13)]

    def cumulative(self, series: list[int]) -> list[int]:
        total, out = 0, []
        for value in series:
            total += value
            out.append(total)
        return out

    def rows(self) -> list[dict[str, Any]]:
        due_sum, done_sum = self.cumulative(self.fell_due), self.cumulative(self.done)
        return [{"month": m + 1, "fell_due": self.fell_due[m], "done": self.done[m],
                 "fell_due_total": due_sum[m], "done_total": done_sum[m] if m < self.through else None}
                for m in range(12)]

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "months": self.rows(), "done_undated": self.done_undated,
                "done_after": self.done_after}


def done_times(history: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """Task id → time of its last change of status to done."""
    found: dict[str, str] = {}
    for task_id, entries in history.items():
        for entry in entries:
            if entry.get("field") == "status" and entry.get("after") == "done" and not entry.get("undone"):
                found[task_id] = max(found.get(task_id, ""), str(entry.get("time", "")))
    return found


def monthly(tasks: list[Task], history: dict[str, list[dict[str, Any]]], year: int,
            today: dt.date) -> MonthlyProgress:
    out = MonthlyProgress(year)
    out.through = 12 if today.year > year else (0 if today.year < year else today.month)
    when_done = done_times(history)
    for task in tasks:
        if task.deadline.kind.value == "recurring":
            for occurrence in occurrences(task.deadline.text, year):
                out.fell_due[occurrence.due.month - 1] += 1
            for met in task.occurrences:
                _add_done(out, str(met.get("time", "")), year, today)
            continue
        if task.deadline.due is not None and task.deadline.due.year == year:
            out.fell_due[task.deadline.due.month - 1] += 1
        if task.status is Status.DONE:
            if not _add_done(out, when_done.get(task.id, ""), year, today):
                out.done_undated += 1
    return out


def _add_done(out: MonthlyProgress, when: str, year: int, today: dt.date) -> bool:
    try:
        day = min(dt.date.fromisoformat(when[:10]), today)
    except ValueError:
        return False
    if day.year < year:
        out.done[0] += 1
    elif day.year == year:
        out.done[day.month - 1] += 1
    else:
        out.done_after += 1  # done after the year ended: said apart, not counted in its December
    return True


def count_ticks(top: int, most: int = 6) -> list[int]:
    """Whole-number ticks from 0 to at least ``top`` (task counts: never 0.33), at most ``most`` of them."""
    step = max(1, -(-max(top, 1) // (most - 1)))
    return list(range(0, max(top, 1) + step, step))


def chart(progress: MonthlyProgress, width: int = 70, height: int = 16, color: bool = True) -> str:
    """The cumulative lines drawn with plotext, as text for the terminal."""
    import plotext as plt

    plt.clear_figure()
    plt.plotsize(width, height)
    if not color:
        plt.theme("clear")
    months = list(range(1, 13))
    plt.plot(months, progress.cumulative(progress.fell_due), label="累计到期 fell due", marker="dot")
    done = progress.cumulative(progress.done)[:progress.through]
    if done:
        plt.plot(months[:len(done)], done, label="累计完成 done", marker="hd")
    plt.xticks(months, [str(m) for m in months])
    ticks = count_ticks(max([*progress.cumulative(progress.fell_due), *done, 0]))
    plt.yticks(ticks, [str(t) for t in ticks])
    plt.xlabel("月份")
    plt.title(f"{progress.year}年 完成进度")
    text = plt.build()
    plt.clear_figure()
    return str(text)
