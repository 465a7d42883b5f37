"""Progress over the plan's year: work done after the year is said apart, not counted in its December;
the chart's task-count axis is in whole numbers (the CLI's chart and the app's)."""

from __future__ import annotations

import datetime as dt
import re

from govtui.domain.model import Status
from govtui.reports import progress
from govtui.store.store import Store

from .test_year_core import dated

D = dt.date


def test_completions_after_the_plan_year_are_not_counted_in_its_december(store: Store) -> None:
    dated(store)
    store.set_status("1-1", Status.DONE)  # done "now": after 2024 ended
    store.set_status("1-8", Status.DONE)
    snap = store.snapshot()
    tasks = [t for t in snap.tasks if t.plan_id == "1"]
    late = progress.monthly(tasks, snap.history, 2024, D(2030, 1, 1))  # a report made long after
    assert late.done[11] == 0 and sum(late.done) == 0
    assert late.done_after == 2 and late.to_dict()["done_after"] == 2
    assert late.rows()[11]["done_total"] == 0


def axis_labels(text: str) -> list[str]:
    """The labels left of the chart's y axis (``3┤``)."""
    return [m.group(1) for line in text.splitlines() if (m := re.match(r"\s*([\d.]+)\s*┤", line))]


def test_the_count_axis_has_whole_numbers() -> None:
    month = progress.MonthlyProgress(2024, fell_due=[0, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0],
                                     done=[0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], through=7)
    labels = axis_labels(progress.chart(month, width=60, height=14, color=False))
    assert labels and all(label.isdigit() for label in labels), labels
    assert progress.count_ticks(3) == [0, 1, 2, 3] and progress.count_ticks(0) == [0, 1]
    assert progress.count_ticks(37) == [0, 8, 16, 24, 32, 40]
