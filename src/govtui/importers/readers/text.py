"""Plain text → blocks.

Text documents come in four shapes, told apart here by their separators only (what the
content means is the layouts' business):

* a row per line, cells split by ``|`` (also Markdown), tabs, or runs of spaces → :class:`Row` s;
* a cell at a time, each cell closed by ``|`` on its line or on a line of its own → ``Line(cell=True)``;
* otherwise one :class:`Line` per line (blank lines dropped): prose, or a table pasted one cell
  per line or per paragraph, which the layouts tell apart.

Rows keep their empty cells: a row with fewer filled cells than the header is how a text
dump shows cells merged with the row above.
"""

from __future__ import annotations

import re

from govtui.domain.text import fold
from govtui.importers.blocks import Block, Cell, Document, Line, Row
from govtui.importers.headings import is_footer, leading_number, match_heading

_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_SPACE_SPLIT = re.compile(r"\s{2,}|\u3000+")
_ROW_START = re.compile(r"^\s*\|?\s*\d{1,5}\s*\|")  # ``3 | …``: a new numbered row


def _is_lone_pipe(line: str) -> bool:
    return bool(line.strip()) and not line.strip().strip("|").strip()


def _has_inner_pipe(line: str) -> bool:
    return "|" in line.strip().strip("|")


def _opens_cell(line: str) -> bool:
    """``| 工作任务``: a cell printed after the ``|`` that opens it (a dump that marks cells at their start)."""
    stripped = line.strip()
    return stripped.startswith("|") and not _has_inner_pipe(stripped) and not _is_lone_pipe(stripped) \
        and not stripped.endswith("|")


def _ends_cell(line: str) -> bool:
    stripped = line.strip()
    return stripped.endswith("|") and not _has_inner_pipe(stripped) and not _is_lone_pipe(stripped)


def _split_pipes(line: str) -> list[Cell]:
    stripped = line.strip()
    parts = stripped.split("|")
    if stripped.startswith("|"):
        parts = parts[1:]
    if stripped.endswith("|") and parts:
        parts = parts[:-1]
    return [Cell(p.strip()) for p in parts]


def _space_cells(line: str) -> list[str]:
    return [p for p in _SPACE_SPLIT.split(line.strip()) if p]


def _closed_rows(lines: list[str]) -> list[str]:
    """Rows that close with ``|`` and a line that does not: a line break inside a cell (a web table's ``<br>``)
    split the row; its lines are joined back, directly (Chinese needs no space) or, before a numbered
    item, on a new line of the cell."""
    piped = [line.strip() for line in lines if "|" in line and not _is_lone_pipe(line)]
    closed = sum(line.endswith("|") for line in piped)
    if closed <= len(piped) - closed:
        return lines
    counts = [line.count("|") for line in piped if line.endswith("|")]
    full = max(set(counts), key=counts.count)  # the pipes of a whole row: a line with as many is a row of its own
    out: list[str] = []
    open_row = False
    for line in lines:
        stripped = line.strip()
        if open_row and stripped and stripped.count("|") < full and not _ROW_START.match(stripped) \
                and not is_footer(stripped):
            starts = match_heading(stripped) is not None or leading_number(stripped) is not None
            out[-1] = out[-1].rstrip() + ("\n" if starts else "") + stripped
        else:
            out.append(line)
        open_row = "|" in out[-1] and not out[-1].rstrip().endswith("|")
    return out


def _rows_by(lines: list[str], split: str) -> list[Block]:
    blocks: list[Block] = []
    if split == "|":
        lines = _closed_rows(lines)
    for line in lines:
        if not line.strip() or _MARKDOWN_RULE.match(line):
            continue
        if split == "|":
            if _is_lone_pipe(line):
                continue
            if "|" in line:
                blocks.append(Row(_split_pipes(line)))
                continue
        elif split == "\t" and "\t" in line.strip():
            blocks.append(Row([Cell(c.strip()) for c in line.strip().split("\t")]))
            continue
        elif split == "spaces" and len(cells := _space_cells(line)) >= 2:
            blocks.append(Row([Cell(c) for c in cells]))
            continue
        blocks.append(Line(line.strip()))
    return blocks


def _cell_stream(lines: list[str]) -> list[Block]:
    first = next((i for i, line in enumerate(lines)
                  if _ends_cell(line) or _opens_cell(line) or (i + 1 < len(lines) and _is_lone_pipe(lines[i + 1]))), 0)
    blocks: list[Block] = [Line(line.strip()) for line in lines[:first] if line.strip()]
    cells = "\n".join(lines[first:]).split("|")
    for at, cell in enumerate(cells):
        text = "\n".join(part.strip() for part in cell.strip().split("\n") if part.strip())
        if text:
            blocks.append(Line(text, cell=True, cut=at == len(cells) - 1))
    return blocks


def _stream_is_chrome(lines: list[str]) -> bool:
    """Cells closed by ``|`` only above most of the text (a site's menu, ``设为首页|``): no table, the text
    below is the document."""
    last = max((i for i, line in enumerate(lines) if _ends_cell(line) or _opens_cell(line) or _is_lone_pipe(line)),
               default=-1)
    above, below = (sum(len(line.strip()) for line in part) for part in (lines[:last + 1], lines[last + 1:]))
    return below > 2 * above


def read_text(text: str, name: str) -> Document:
    lines = [fold(line) if "｜" in line else line for line in text.split("\n")]
    piped = sum(1 for line in lines if _has_inner_pipe(line))
    cell_ends = sum(1 for line in lines if _ends_cell(line) or _opens_cell(line))
    lone = sum(1 for line in lines if _is_lone_pipe(line))
    tabbed = sum(1 for line in lines if "\t" in line.strip())
    spaced = sum(1 for line in lines if len(_space_cells(line)) >= 3)
    if piped >= 2 and piped >= cell_ends:
        blocks = _rows_by(lines, "|")
    elif cell_ends + lone >= 4 and not _stream_is_chrome(lines):
        blocks = _cell_stream(lines)
    elif tabbed >= 2:
        blocks = _rows_by(lines, "\t")
    elif spaced >= 3:
        blocks = _rows_by(lines, "spaces")
    else:
        blocks = [Line(line.strip()) for line in lines if line.strip()]
    return Document(name, blocks, format="text")
