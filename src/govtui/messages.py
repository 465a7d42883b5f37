"""Typed messages between the app's parts.

Widgets and screens tell the app what a person asked for by posting these; the app
(:class:`govtui.app.GovApp`) handles them with ``@on(...)`` and does the writing.  So the
screens need nothing of the app module, and the arrows point one way: app → screens → widgets,
all of them → messages.
"""

from __future__ import annotations

from typing import Protocol

from textual.message import Message

from govtui.model import ImportedPlan, Status, Task, Unit


class SaveWatcher(Protocol):
    """Told how a write it asked for ended (the note editor: it stays open until the note is on disk)."""

    def saved(self) -> None: ...
    def failed(self) -> None: ...


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
    """Add ``text`` as a progress note to ``task``; ``watcher`` hears whether it was saved."""

    def __init__(self, task: Task, text: str, watcher: SaveWatcher | None = None) -> None:
        super().__init__()
        self.task = task
        self.text = text
        self.watcher = watcher


class TaskEdited(Message):
    """Replace ``task``'s units and deadline with what was typed."""

    def __init__(self, task: Task, units: list[Unit], deadline: str) -> None:
        super().__init__()
        self.task = task
        self.units = units
        self.deadline = deadline


class UndoAsked(Message):
    """Undo this user's last change."""


class RedoAsked(Message):
    """Redo this user's most recently undone change."""


class NameChosen(Message):
    """The person's display name for history and notes is now ``name``."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class ImportAsked(Message):
    """Import these plans (read and previewed by the import dialog, confirmed by the person)."""

    def __init__(self, plans: list[ImportedPlan]) -> None:
        super().__init__()
        self.plans = plans


class ThemeAsked(Message):
    """Switch to the next theme."""
