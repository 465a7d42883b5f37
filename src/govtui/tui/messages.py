"""The notifications between the app's parts, as Textual messages (dataclasses).

What a person asks for is no message: a screen's action calls the workbench
(:class:`govtui.workbench.workbench.Workbench`) directly.  What remains tells of something that
happened, for whoever shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from govtui.domain.model import Task


@dataclass
class TaskHighlighted(Message):
    """The task table's highlighted task changed (``task`` is ``None`` when the table is empty)."""

    task: Task | None
