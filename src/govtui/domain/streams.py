"""The last check on every way out: stdout and stderr let no escape sequence but colours, no control
character and no bidirectional override through, whatever a store, a document or an argument holds."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any


class _Guarded:
    """A text stream that lets no escape sequence but colours, no control character and no bidirectional
    override through (see :func:`govtui.domain.text.for_terminal`): the last check on every way out, whatever
    a store, a document or an argument holds.  Its ``buffer`` (JSON, exports to stdout) is checked too."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from govtui.domain.text import for_terminal

        self._stream.write(for_terminal(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    @property
    def buffer(self) -> _GuardedBuffer:
        return _GuardedBuffer(self._stream.buffer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _GuardedBuffer:
    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def write(self, data: bytes) -> int:
        from govtui.domain.text import for_terminal

        self._raw.write(for_terminal(bytes(data).decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape"))
        return len(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


def guard_output() -> None:
    """Check everything written to stdout and stderr from now on (undone by :func:`unguarded_output`)."""
    if not isinstance(sys.stdout, _Guarded) and sys.stdout is not None:
        sys.stdout = _Guarded(sys.stdout)
    if not isinstance(sys.stderr, _Guarded) and sys.stderr is not None:
        sys.stderr = _Guarded(sys.stderr)


def unguarded_output() -> None:
    """The streams as they were (the app draws the screen with escape sequences of its own)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, _Guarded):
            setattr(sys, name, stream._stream)
