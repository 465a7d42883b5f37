"""The search texts of a list of tasks, kept packed: the rows whose text holds a needle, found without a string
per task.

Each task's :func:`govtui.domain.query.task_search_text` (folded, without white space) is joined with its
neighbours' into one string per chunk of rows, with the offsets where each begins.  A string per task costs its
text plus some 80 bytes of object and pointer; at 200,000 tasks the packed form saves some 16 MB, and a search is
a few hundred ``str.find`` calls over long strings instead of 200,000 ``in`` tests.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable

#: Rows per chunk: a change rebuilds its chunk's string, a few hundred texts.
CHUNK = 512
#: Between two texts: search texts hold no white space, so a needle (without any) never spans two.
_SEPARATOR = "\n"


class SearchTexts:
    """Rows' search texts, packed a chunk of rows to a string."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._chunks: list[str] = []
        self._starts: list[array[int]] = []  # per chunk: where each row's text begins, and the string's end
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) == CHUNK:
                self._pack(batch)
                batch = []
        if batch:
            self._pack(batch)

    def _pack(self, texts: list[str], at: int | None = None) -> None:
        joined = _SEPARATOR.join(texts)
        starts = array("i")
        position = 0
        for text in texts:
            starts.append(position)
            position += len(text) + 1
        starts.append(len(joined) + 1)
        if at is None:
            self._chunks.append(joined)
            self._starts.append(starts)
        else:
            self._chunks[at], self._starts[at] = joined, starts

    def text(self, row: int) -> str:
        chunk, i = divmod(row, CHUNK)
        starts = self._starts[chunk]
        return self._chunks[chunk][starts[i]:starts[i + 1] - 1]

    def replace(self, row: int, text: str) -> None:
        """Row ``row``'s text is now ``text`` (its chunk packed again)."""
        chunk, i = divmod(row, CHUNK)
        texts = self._chunks[chunk].split(_SEPARATOR)
        texts[i] = text
        self._pack(texts, chunk)

    def rows(self, needle: str) -> set[int]:
        """The rows whose text holds ``needle`` (folded as the texts are)."""
        found: set[int] = set()
        for chunk, (joined, starts) in enumerate(zip(self._chunks, self._starts, strict=True)):
            at = joined.find(needle)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                found.add(chunk * CHUNK + i)
                at = joined.find(needle, starts[i + 1])
        return found
