"""Typed messages between the app's parts.

Widgets and screens tell the app what a person asked for by posting these; the app
(:class:`govtui.app.GovApp`) handles them with ``@on(...)`` and does the writing.  So the
screens need nothing of the app module, and the arrows point one way: app → screens → widgets,
all of them → messages.
"""

from __future__ import annotations

from textual.message import Message

from govtui.model import ImportedPlan, Status, Task


class TaskHighlighted(Message):
    """The task table's highlighted task changed (``task`` is ``None`` when the table is empty)."""

    def __init__(self, task: Task | None) -> None:
        super().__init__()
        self.task = task


class StatusChosen(Message):
    """Set ``task``'s status to ``status``."""

    def __init__(self, task: Task, status: Status) -> None:
        super().__init__()
        self.task = task
        self.status = status


class NoteWritten(Message):
    """Add ``text`` as a progress note to ``task``."""

    def __init__(self, task: Task, text: str) -> None:
        super().__init__()
        self.task = task
        self.text = text


class TaskEdited(Message):
    """Replace ``task``'s units and deadline with what was typed."""

    def __init__(self, task: Task, units: str, deadline: str) -> None:
        super().__init__()
        self.task = task
        self.units = units
        self.deadline = deadline


class UndoAsked(Message):
    """Undo this user's last change."""


class ImportAsked(Message):
    """Import these plans (read and previewed by the import dialog, confirmed by the person)."""

    def __init__(self, plans: list[ImportedPlan]) -> None:
        super().__init__()
        self.plans = plans


class ThemeAsked(Message):
    """Switch to the next theme."""
