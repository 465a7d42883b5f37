"""click's help pages laid out by display cells: a Chinese character takes two columns of the terminal.

click measures and wraps help text by characters, so at 80 columns a line of Chinese runs to 150 and
an option named ``--org 名称`` pushes its description out of line.  :func:`install` gives click a text
wrapper that measures with :func:`govtui.domain.text.cell_len`, breaks between Chinese characters (never
before closing punctuation such as ，。）), and a width function for the option table.
"""

from __future__ import annotations

import click
import click._textwrap
import click.formatting

from govtui.domain.text import cell_len, strip_controls, truncate

#: Punctuation that closes: kept on the line of the character before it (禁则: never at a line's start).
CLOSING = set("，。、；：？！）》」』】〕”’…,.;:?!)]}%")


def cells(text: str) -> int:
    """Columns ``text`` takes on the terminal (escape sequences take none)."""
    return cell_len(strip_controls(text))


def chunks(text: str) -> list[str]:
    """Words, runs of spaces, and each wide character on its own (closing punctuation joined to the
    chunk before it): the places a line may break."""
    found: list[str] = []
    word = ""
    for char in text:
        if char.isspace():
            if word and not word[-1].isspace():
                found.append(word)
                word = ""
            word += char
        elif cell_len(char) == 2 or (word and cell_len(word[-1]) == 2) or (word and word[-1].isspace()):
            if char in CLOSING and (word or found):
                word += char  # stays with what it closes
                continue
            if word:
                found.append(word)
            word = char
        else:
            word += char
    if word:
        found.append(word)
    return found


def fit(text: str, width: int) -> str:
    """The longest start of ``text`` within ``width`` columns (at least one character, so wrapping moves on)."""
    return truncate(text, width, "") or text[:1]


class CellWrapper(click._textwrap.TextWrapper):
    """click's wrapper (its indent helpers kept), measuring by columns and breaking between Chinese characters."""

    def _split(self, text: str) -> list[str]:
        return chunks(text)

    def _wrap_chunks(self, pieces: list[str]) -> list[str]:
        lines: list[str] = []
        pieces.reverse()
        while pieces:
            indent = self.subsequent_indent if lines else self.initial_indent
            width = max(1, self.width - cells(indent))
            if self.drop_whitespace and lines and not pieces[-1].strip():
                pieces.pop()
                continue
            line: list[str] = []
            used = 0
            while pieces and used + cells(pieces[-1]) <= width:
                used += cells(pieces[-1])
                line.append(pieces.pop())
            if pieces and not line:  # one word wider than the line: cut it
                head = fit(pieces[-1], width)
                line.append(head)
                pieces[-1] = pieces[-1][len(head):]
                if not pieces[-1]:
                    pieces.pop()
            if self.drop_whitespace and line and not line[-1].strip():
                line.pop()
            if line:
                lines.append(indent + "".join(line))
        return lines


def install() -> None:
    """Lay out click's help by display columns in this process (idempotent)."""
    click._textwrap.TextWrapper = CellWrapper  # type: ignore[misc]
    click.formatting.term_len = cells  # type: ignore[attr-defined,assignment]  # its width function
