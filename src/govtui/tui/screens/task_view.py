"""One task full-screen: the same content as the detail pane (one renderer), with the whole screen to read it.

The view always shows the task's current version: a status set or a note added here, or a change by
someone else picked up by the store reload, redraws it (the main screen calls :meth:`TaskView.refresh_task`).
The keys that act on one task (``1``-``4``, ``n``, ``e``, ``p``, ``N``, undo and redo: the ``in_view`` entries
of :data:`govtui.tui.keys.KEY_ACTIONS`) work here on the task shown.
"""

from __future__ import annotations

from typing import Any, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from govtui.domain.model import Status, Task
from govtui.tui.keys import view_keys
from govtui.tui.widgets.detail_pane import DetailPane
from govtui.tui.widgets.footer import FittingFooter
from govtui.workbench.workbench import Workbench

#: Shown in the view's footer (the others are in ``?`` help); the rest stay hidden at 80 columns.
FOOTER_ACTIONS = {"set_status('doing')", "set_status('done')", "add_note"}


class TaskHost(Protocol):
    """What the view asks of the main screen: the task's current version, what to show beside it, and
    the dialogs and changes that act on one task."""

    workbench: Workbench

    def task_by_id(self, task_id: str) -> Task | None: ...
    def can_change(self) -> bool: ...
    def detail_context(self, task: Task | None) -> dict[str, Any]: ...
    def set_status_of(self, task: Task, status: Status) -> None: ...
    def note_on(self, task: Task) -> None: ...
    def edit_units_of(self, task: Task) -> None: ...
    def proof_of(self, task: Task) -> None: ...
    def notes_of(self, task: Task) -> None: ...


class TaskView(Screen[None]):
    """``Enter`` on a task: requirement, units with roles, deadline, notes, history, proof; ``Esc`` back."""

    BINDINGS = [
        Binding("escape,q", "close", "返回", show=True),
        Binding("question_mark", "help", "帮助", show=True),
        Binding("down,j", "scroll(1)", "向下", show=False),
        Binding("up,k", "scroll(-1)", "向上", show=False),
        *(Binding(k.key, k.action, k.footer_label, show=k.action in FOOTER_ACTIONS,
                  id=f"view-{k.action.split('(')[0]}")
          for k in view_keys()),
    ]

    def __init__(self, task: Task, host: TaskHost) -> None:
        super().__init__()
        self.task_id = task.id
        self.shown: Task | None = task
        self.host = host

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="task-view-title")
        yield DetailPane(id="task-view")
        yield FittingFooter()

    def _title(self) -> Text:
        if self.shown is None:
            return Text(f" 任务 {self.task_id} 已不在库中 (deleted) — Esc 返回")
        return Text(f" 任务 {self.task_id} 全文 (Esc 返回)")

    def on_mount(self) -> None:
        self._show()
        self.query_one(DetailPane).focus()

    def refresh_task(self) -> None:
        """Show the task's current version (nothing is redrawn when it did not change)."""
        was_there = self.shown is not None
        self.shown = self.host.task_by_id(self.task_id)
        if self.is_mounted:
            self._show()
            if was_there != (self.shown is not None):
                self.query_one("#task-view-title", Static).update(self._title())
                self.refresh_bindings()

    def _show(self) -> None:
        self.query_one(DetailPane).show(self.shown, **self.host.detail_context(self.shown))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"set_status", "add_note", "edit_task", "record_proof", "edit_notes", "undo", "redo"} and (
                self.shown is None or not self.host.can_change()):
            return None  # the task is gone, or the whole store is still being read (a large store's start)
        return True

    def action_scroll(self, step: int) -> None:
        pane = self.query_one(DetailPane)
        pane.scroll_relative(y=step, animate=False)

    def action_set_status(self, value: str) -> None:
        if self.shown is not None:
            self.host.set_status_of(self.shown, Status(value))

    def action_add_note(self) -> None:
        if self.shown is not None:
            self.host.note_on(self.shown)

    def action_edit_task(self) -> None:
        if self.shown is not None:
            self.host.edit_units_of(self.shown)

    def action_record_proof(self) -> None:
        if self.shown is not None:
            self.host.proof_of(self.shown)

    def action_edit_notes(self) -> None:
        if self.shown is not None:
            self.host.notes_of(self.shown)

    def action_undo(self) -> None:
        self.host.workbench.undo()

    def action_redo(self) -> None:
        self.host.workbench.redo()

    def action_help(self) -> None:
        from govtui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_close(self) -> None:
        self.dismiss(None)
