"""The selected task in full: section path, requirement, units by role, deadline, status, notes, history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from govtui.domain.model import Plan, Task
from govtui.domain.workdays import WorkCalendar
from govtui.reports.output import task_detail

#: How the pane shows each kind of span of :func:`govtui.reports.output.task_detail`.
STYLES = {"title": "bold", "heading": "dim", "label": "bold", "dim": "dim", "alert": "bold red",
          "missing": "italic", "": ""}


def describe_task(task: Task | None, plan: Plan | None, today: dt.date,
                  history: list[dict[str, Any]] | None = None, *, calendar: WorkCalendar | None = None,
                  previous: Task | None = None, previous_plan: Plan | None = None,
                  empty: list[str] | None = None) -> Text:
    """The pane's content as a ``Text`` (never markup: document text stays literal); ``empty``: what to
    say when there is no task (an empty store: how to import a plan)."""
    if task is None:
        return Text("\n".join(empty) if empty else "没有任务 (no task matches the filters)", style="italic")
    lines = task_detail(task, plan, today, history, previous=previous, previous_plan=previous_plan,
                        calendar=calendar)
    return Text("\n").join(Text.assemble(*((text, STYLES[kind]) for text, kind in line)) for line in lines)


class DetailPane(VerticalScroll, can_focus=True):
    #: ``j`` / ``k`` scroll here as they move in the table and the tree (``↑`` ``↓`` do too).
    BINDINGS = [Binding("j", "scroll_down", "向下", show=False), Binding("k", "scroll_up", "向上", show=False)]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(self, task: Task | None, plan: Plan | None, today: dt.date,
             history: list[dict[str, Any]] | None = None, *, calendar: WorkCalendar | None = None,
             previous: Task | None = None, previous_plan: Plan | None = None,
             empty: list[str] | None = None) -> None:
        """Show ``task``; nothing is redrawn when it is the same version of the same task."""
        key = (task.id, task.rev, task.status, len(task.notes), len(history or ()), today,
               previous.rev if previous else None) if task else None
        if key == self._shown and key is not None:
            return
        self._shown = key
        self.query_one("#detail-body", Static).update(describe_task(
            task, plan, today, history, calendar=calendar, previous=previous, previous_plan=previous_plan,
            empty=empty))
        self.scroll_home(animate=False)
