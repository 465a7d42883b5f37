"""What goes wrong with a store: the errors every layer above the files catches and tells (never a traceback)."""

from __future__ import annotations

#: What to do about a damaged store, said at the end of every message about one.
REPAIR = "库未作改动; 用 `govtui check` 查看, 用 `govtui restore` 恢复备份"


class StoreError(Exception):
    """The store cannot be used; the message names the file and says why."""


class NothingToDo(StoreError):
    """Nothing to undo or redo: not an error of the input (exit 1, as "nothing matched")."""


class StoreLockedError(StoreError):
    """Another process held the lock for longer than the timeout."""


class OutOfScope(Exception):
    """A scoped transaction needed a record outside the parts it read (the caller runs it unscoped)."""


class PartGone(Exception):
    """A part named by the manifest being streamed was removed by a writer meanwhile (read again)."""
