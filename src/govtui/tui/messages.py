"""Typed messages between the app's parts.

Widgets and screens tell the app what a person asked for by posting these; the app
(:class:`govtui.tui.app.GovApp`) handles them with ``@on(...)`` and does the writing.  So the
screens need nothing of the app module, and the arrows point one way: app → screens → widgets,
all of them → messages.
"""

from __future__ import annotations

from typing import Any, Protocol

from textual.message import Message

from govtui.domain.model import ImportedPlan, Status, Task, Unit


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


class ProofRecorded(Message):
    """Record ``proof`` (see :mod:`govtui.domain.proof`) as where the done ``task`` was published."""

    def __init__(self, task: Task, proof: dict[str, Any]) -> None:
        super().__init__()
        self.task = task
        self.proof = proof


class BriefAsked(Message):
    """Copy (and save) the 催办 brief of ``units``."""

    def __init__(self, units: list[str]) -> None:
        super().__init__()
        self.units = units


class AnnualReportAsked(Message):
    """Write the year-end report material of plan ``plan_id``."""

    def __init__(self, plan_id: str) -> None:
        super().__init__()
        self.plan_id = plan_id


class CarryOverAsked(Message):
    """Copy tasks ``task_ids`` of plan ``from_plan`` into plan ``to_plan`` as 上年结转 tasks."""

    def __init__(self, from_plan: str, to_plan: str, task_ids: list[str]) -> None:
        super().__init__()
        self.from_plan = from_plan
        self.to_plan = to_plan
        self.task_ids = task_ids


class MarkedChanged(Message):
    """Set ``status`` and/or add the note ``text`` on every task of ``task_ids`` (the marked tasks),
    as one change; ``watcher`` hears whether it was saved."""

    def __init__(self, task_ids: list[str], status: Status | None = None, text: str | None = None,
                 watcher: SaveWatcher | None = None) -> None:
        super().__init__()
        self.task_ids = task_ids
        self.status = status
        self.text = text
        self.watcher = watcher


class TaskAddAsked(Message):
    """Add a task by hand to plan ``plan_id`` under section ``section_id`` (``None``: the plan's end)."""

    def __init__(self, plan_id: str, section_id: str | None, text: str, units: list[Unit], deadline: str) -> None:
        super().__init__()
        self.plan_id = plan_id
        self.section_id = section_id
        self.text = text
        self.units = units
        self.deadline = deadline


class TaskDeleteAsked(Message):
    """Delete ``task`` (confirmed; recorded and undoable)."""

    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task


class DoubtsConfirmed(Message):
    """A person has checked these tasks: clear their doubt flags (one change, undoable)."""

    def __init__(self, task_ids: list[str]) -> None:
        super().__init__()
        self.task_ids = task_ids


class NoteChangeAsked(Message):
    """Replace the text of note ``index`` (1 = oldest) of task ``task_id`` with ``text``, or delete it (``None``)."""

    def __init__(self, task_id: str, index: int, text: str | None, watcher: SaveWatcher | None = None) -> None:
        super().__init__()
        self.task_id = task_id
        self.index = index
        self.text = text
        self.watcher = watcher


class PlanDeleteAsked(Message):
    """Delete plan ``plan_id`` with its tasks (asked and confirmed: undoable)."""

    def __init__(self, plan_id: str) -> None:
        super().__init__()
        self.plan_id = plan_id


class ArchiveAsked(Message):
    """Archive plan ``plan_id`` (``archived``) or bring it back."""

    def __init__(self, plan_id: str, archived: bool) -> None:
        super().__init__()
        self.plan_id = plan_id
        self.archived = archived


class CorrectionAsked(Message):
    """Correct how a plan was read: call ``change`` (a function of :mod:`govtui.store.corrections`) with ``args``
    through the store (one undo step); ``done`` says what was done."""

    def __init__(self, change: Any, args: tuple[Any, ...], done: str) -> None:
        super().__init__()
        self.change = change
        self.args = args
        self.done = done
