"""One task full-screen: the same content as the detail pane (one renderer), with the whole screen to read it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from govtui.model import Plan, Task
from govtui.widgets.detail_pane import DetailPane
from govtui.workdays import WorkCalendar


class TaskView(Screen[None]):
    """``Enter`` on a task: requirement, units with roles, deadline, notes, history, proof; ``Esc`` back."""

    BINDINGS = [
        Binding("escape,q", "close", "返回", show=True),
        Binding("down,j", "scroll(1)", "向下", show=False),
        Binding("up,k", "scroll(-1)", "向上", show=False),
    ]

    def __init__(self, task: Task, *, plan: Plan | None, today: dt.date, history: list[dict[str, Any]] | None,
                 calendar: WorkCalendar | None = None, previous: Task | None = None,
                 previous_plan: Plan | None = None) -> None:
        super().__init__()
        self.shown = task
        self._args = (task, plan, today, history)
        self._extra: dict[str, Any] = {"calendar": calendar, "previous": previous, "previous_plan": previous_plan}

    def compose(self) -> ComposeResult:
        yield Static(f" 任务 {self.shown.id} 全文 (Esc 返回)", id="task-view-title", markup=False)
        yield DetailPane(id="task-view")
        yield Footer()

    def on_mount(self) -> None:
        pane = self.query_one(DetailPane)
        pane.show(*self._args, **self._extra)
        pane.focus()

    def action_scroll(self, step: int) -> None:
        pane = self.query_one(DetailPane)
        pane.scroll_relative(y=step, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
