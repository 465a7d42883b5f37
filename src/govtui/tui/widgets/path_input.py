"""A file-name prompt: ``~`` expands, ``Tab`` completes the path (as a shell does), used by the export and
import dialogs.  The typed text is never replaced by anything but a completion, so an error leaves it as is."""

from __future__ import annotations

import os
from pathlib import Path

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


def expand(text: str) -> Path:
    """The path a person typed: quotes (from a pasted path) dropped, ``~`` expanded."""
    return Path(os.path.expanduser(text.strip().strip("'\"")))


def complete(text: str) -> tuple[str, list[str]]:
    """Complete the path ``text``: the text completed as far as it is unambiguous, and the candidates
    (names in the folder starting with what was typed; folders end with ``/``).  ``~`` stays as typed."""
    head, _, stem = text.rpartition("/")
    folder_text = head + "/" if _ else ""
    folder = expand(folder_text) if folder_text else Path(".")
    try:
        names = sorted(e.name + ("/" if e.is_dir() else "") for e in folder.iterdir()
                       if e.name.startswith(stem) and (stem.startswith(".") or not e.name.startswith(".")))
    except OSError:
        return text, []
    if not names:
        return text, []
    common = names[0]
    for name in names[1:]:  # the longest start all candidates share (character by character, as a shell)
        while not name.startswith(common):
            common = common[:-1]
    return folder_text + common, names


class PathInput(Input):
    """An ``Input`` for a file name with ``Tab`` completion and ``~`` expansion (see :func:`complete`)."""

    BINDINGS = [Binding("tab", "complete", "补全路径 Complete", show=False)]

    class Completed(Message):
        """``Tab`` was pressed: ``candidates`` are the names that fit (empty: none)."""

        def __init__(self, candidates: list[str]) -> None:
            super().__init__()
            self.candidates = candidates

    @property
    def path(self) -> Path:
        return expand(self.value)

    def action_complete(self) -> None:
        value, candidates = complete(self.value)
        if value != self.value:
            self.value = value
            self.cursor_position = len(value)
        self.post_message(self.Completed(candidates))
