"""Text search on the texts as printed, without a folded copy of each kept in memory.

Search compares :func:`govtui.domain.text.search_key` forms: a text holds a needle when its search key does.  Every
change the key makes is one character for one (full-width → ASCII, Traditional → Simplified, ① → 1, curly quotes
→ straight ones, upper → lower case) or drops white space.  So a needle is found in a printed text by a pattern:
each of its characters, or any character the key turns into it, with white space allowed between them.  A needle
whose characters no other character turns into (most Chinese words: 政策解读) is simply looked for as it is, which
is as quick as looking in folded copies, and the copies (some 50 MB at 200,000 tasks) are not kept.

:func:`govtui.domain.query.task_search_text` stays the definition: :class:`Needle` finds exactly what it finds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from govtui.domain.text import search_key, search_key_changes


@functools.cache
def _sources() -> dict[str, str]:
    """Every character the search key changes into one other: → that one."""
    found: dict[str, str] = {}
    for char in search_key_changes():
        key = search_key(char)
        if len(key) == 1 and key != char:
            found[char] = key
    return found


@functools.cache
def _expanding() -> str:
    """The characters the search key makes two of (İ → i̇): a text holding one is compared by its search key."""
    return "".join(char for char in search_key_changes() if len(search_key(char)) > 1)


@functools.cache
def _variants() -> dict[str, str]:
    """A character of a needle → every other character the search key turns into it."""
    variants: dict[str, str] = {}
    for char, into in _sources().items():
        variants[into] = variants.get(into, "") + char
    return variants


def prepare() -> None:
    """Build the character tables now (a tenth of a second, in the background), not on the first keystroke."""
    _variants()


#: The kinds of characters the key changes, by what they become: a Chinese character (a Traditional one, a Kangxi
#: radical), a letter or digit (full-width, upper case, ①), anything else (full-width punctuation, curly quotes); and
#: what makes a key other than the text's own characters in order: white space (dropped), İ (two characters).
HAN, ALNUM, OTHER, SPACED = 1, 2, 4, 8


def _kind(char: str) -> int:
    return HAN if "\u3400" <= char <= "\u9fff" else ALNUM if char.isascii() and char.isalnum() else OTHER


@functools.cache
def _kind_of() -> dict[str, int]:
    """Each character a text may hold that a search looks at closely → its kind."""
    found = {source: _kind(into) for source, into in _sources().items()}
    found.update(dict.fromkeys(_expanding(), SPACED))
    found.update((c, SPACED) for c in map(chr, range(0x3001)) if c.isspace())
    return found


def kinds(printed: str) -> int:
    """Which kinds of changed characters (see :data:`HAN` …) ``printed`` holds, as bits: an index keeps them per
    text, so that a search looks closely only at the texts that hold what its needle's characters come from."""
    if printed.isascii():  # only upper case and white space change
        return (ALNUM if printed.lower() != printed else 0) \
            | (SPACED if len(printed.split()) != 1 or printed != printed.strip() else 0)
    kind_of = _kind_of()
    found = 0
    for char in kind_of.keys() & set(printed):
        found |= kind_of[char]
    return found


class Needle:
    """A needle (already a search key), ready to be looked for in printed texts."""

    def __init__(self, needle: str) -> None:
        self.text = needle
        variants = _variants()
        chars = dict.fromkeys(needle)
        #: The needle's characters that only stand for themselves: a text that holds the needle holds each.
        self.plain_chars = [c for c in chars if c not in variants]
        #: The kinds of text to look at closely: those with a character the key turns into one of the needle's.
        self.kinds = SPACED | sum({_kind(c) for c in chars if c in variants})
        classes = [re.escape(c) if c not in variants else "[" + re.escape(c + variants[c]) + "]" for c in needle]
        self.pattern = re.compile(r"\s*".join(classes))

    def can_be_in(self, chars: set[str]) -> bool:
        """Whether a text made of ``chars`` only could hold the needle (each of its characters, or a variant)."""
        return all(c in chars or any(v in chars for v in _variants().get(c, "")) for c in dict.fromkeys(self.text))

    def in_text(self, printed: str) -> bool:
        """Whether the search key of ``printed`` holds the needle."""
        if self.text in printed:
            return True
        if any(c in printed for c in _expanding()):  # İ: two characters in the key
            return self.text in search_key(printed)
        return all(c in printed for c in self.plain_chars) and self.pattern.search(printed) is not None

    def rows(self, texts: Sequence[str], text_kinds: Sequence[int]) -> list[int]:
        """The positions of the texts whose search key holds the needle; ``text_kinds``: each text's :func:`kinds`."""
        needle, wanted = self.text, self.kinds
        found = [i for i, text in enumerate(texts) if needle in text]  # as it is: the key keeps its characters
        closer = {i for i, kind in enumerate(text_kinds) if kind & wanted}.difference(found)
        if not closer:
            return found
        return sorted(found + [i for i in closer if self.in_text(texts[i])])
