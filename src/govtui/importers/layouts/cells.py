"""A table printed a cell at a time: one cell per line (closed by ``|``) or per blank-line paragraph.

Rows are not marked, so they are rebuilt from what the cells hold: a number, a heading or a
text after a finished row starts a new row; the cells of a row are then read like any row.
"""

from __future__ import annotations

from govtui.domain.deadlines import looks_like_deadline, opens_with_deadline
from govtui.domain.text import normalize
from govtui.domain.units import cut_in_a_name, looks_like_units, opens_with_unit
from govtui.domain.vocabulary import EMPTY_CELLS
from govtui.importers.blocks import Cell, Document, Line
from govtui.importers.draft import PlanDraft
from govtui.importers.header import header_role, header_run, heads_task_table
from govtui.importers.headings import is_short_heading, leading_number, match_heading, number_cell
from govtui.importers.layouts.fit import Fit
from govtui.importers.rows import prepare, read_row


def _lines(document: Document) -> list[str]:
    """The cells, without those printed only to say they are empty (``无``, ``/``)."""
    return [b.text for b in document.blocks
            if isinstance(b, Line) and b.text.strip() and normalize(b.text.strip()) not in EMPTY_CELLS]


def _heading(line: str, following: str) -> bool:
    """A heading cell: a short one, or a ``一、`` phrase with commas (no sentence) followed by the row's number
    or by a ``(一)`` cell — a group cell spanning the rows below it."""
    if is_short_heading(line):
        return True
    heading = match_heading(line)
    return heading is not None and heading.level == 1 and bool(heading.title) and not heading.rest \
        and len(heading.title) <= 60 and (number_cell(following) is not None or is_short_heading(following) is not None)


def _after(roles: list[str | None], kinds: tuple[str, ...]) -> str | None:
    """The column the header names right after the last of ``kinds`` (``None``: none, or it is the last)."""
    at = max((i for i, role in enumerate(roles) if role in kinds), default=-1)
    return roles[at + 1] if 0 <= at < len(roles) - 1 else None


def _rows(lines: list[str], roles: list[str | None]) -> tuple[list[list[Cell]], set[int]]:
    """The rows, and which of them are heading cells of their own.  ``roles``: the header's columns, when it
    has one: a numbered table's row runs from its number cell to the next, and the cell after the text or the
    units is the column the header puts there (a deadline written as a sentence, a remark)."""
    numbered = bool(roles) and roles[0] == "number"
    after_text, after_units = _after(roles, ("text",)), _after(roles, ("units", "lead", "cooperate"))
    units_last = after_units is None and "deadline" in roles and any(r in ("units", "lead", "cooperate") for r in roles)
    rows: list[list[Cell]] = []
    headings: set[int] = set()
    current: list[Cell] = []
    number = text = units = deadline = False
    numbered_text = False  # the row's text cell opens with its number (``1.主动公开…``)

    def flush() -> None:
        nonlocal current, number, text, units, deadline, numbered_text
        if current:
            rows.append(current)
        current, number, text, units, deadline, numbered_text = [], False, False, False, False, False

    for at, line in enumerate(lines):
        heading = _heading(line, lines[at + 1] if at + 1 < len(lines) else "")
        if heading and number and not (text or units or deadline):
            headings.add(len(rows))
            rows.append([Cell(line)])  # ``1 | 一、… | text``: the heading opens its section, the number stays
            continue
        if heading:
            flush()
            headings.add(len(rows))
            rows.append([Cell(line)])
            continue
        own = number_cell(line) is None and leading_number(line) is None
        if numbered and number and own and (deadline or (units and after_units is None)):
            current.append(Cell(line))  # the row's last column, or a remark after it: no row starts without its number
            continue
        if numbered and number and own and text and not units and not deadline and after_text == "deadline" \
                and opens_with_deadline(line):
            current.append(Cell(line))  # the deadline column, written as a sentence that starts with its date
            deadline = True
            continue
        if own and units and not deadline and after_units == "remark" and not looks_like_deadline(line) \
                and len(normalize(line)) <= 20 and "。" not in line:
            current.append(Cell(line))  # 责任单位 | 完成情况: the short cell right after the units is the remark
            continue
        if numbered and number and own and units and not deadline and after_units == "deadline":
            current.append(Cell(line))  # the deadline column after the units, whatever it says
            deadline = True
            continue
        if number_cell(line) is not None:
            if number or units or deadline or text:  # a row's number comes first: after a text it starts the next row
                flush()
            current.append(Cell(line))
            number = True
        elif text and (not deadline or units_last) and looks_like_units(line):  # units_last: 时限 | 责任单位
            current.append(Cell(line))
            units = True
        elif own and text and numbered_text and not units and not deadline \
                and after_text in ("units", "lead", "cooperate") and opens_with_unit(line):
            current.append(Cell(line, role="units"))  # ``1.…`` then ``X、Y做好…,Z提供…``: units, duties beside
            units = True
        elif text and (looks_like_deadline(line) or (units and own and looks_like_deadline(line, lenient=True))):
            if deadline:
                flush()
            current.append(Cell(line))
            deadline = True
        else:
            lead = leading_number(line)
            if units or deadline or (text and not number and lead is not None and lead[0] != "1"):
                flush()  # after a finished row, or ``2.…`` after ``1.…``: a text numbered in itself starts a row
                # (``1.…`` after ``1.行政规范性文件公开``: the numbered group's items)
            numbered_text = numbered_text or (not text and lead is not None)
            current.append(Cell(line))
            text = True
    flush()
    return rows, headings


class CellStreamLayout:
    name = "逐格表格"
    inherit_cells = True

    def fit(self, document: Document) -> Fit:
        lines = _lines(document)
        numbers = sum(1 for line in lines if number_cell(line) is not None)
        # cells closed by ``|`` whose text starts with its number (``1.…|``): rows numbered in their text cell
        numbers += sum(1 for b in document.blocks if isinstance(b, Line) and b.cell and leading_number(b.text))
        units = sum(1 for line in lines if len(line) <= 60 and looks_like_units(line))
        header = header_run(lines)
        if header is not None:  # under a header of its own, text cells numbered in themselves (``1.主动公开…``)
            numbers += sum(1 for line in lines[header[1]:] if leading_number(line) and number_cell(line) is None)
        if numbers + units < 4 or (numbers < 2 and header is None):
            return Fit(0, "")
        cells = sum(1 for b in document.blocks if isinstance(b, Line) and b.cell)
        score = numbers + units + (6 if header else 0) + min(cells, 20) / 4
        return Fit(score, f"每格一行: {numbers} 个编号格, {units} 个责任单位格" + (", 有表头" if header else ""))

    def build(self, document: Document, draft: PlanDraft) -> None:
        lines = _lines(document)
        header = header_run(lines)
        if header is not None:
            names, body = lines[header[0]:header[1]], lines[header[1]:]
            draft.headed = heads_task_table(names)
        else:
            first = next((i for i, line in enumerate(lines)
                          if number_cell(line) is not None or is_short_heading(line)), 0)
            names, body = [], lines[first:]
        rows, headings = _rows(body, [header_role(name) for name in names])
        # the page ended inside the last row's unit cell (``市农业农村局、市``): that row is cut off, and names no unit
        tail = rows[-1][-1].text if rows and len(rows[-1]) > 1 else ""
        cut = "、" in tail and looks_like_units(tail[:tail.rfind("、")]) and cut_in_a_name(tail)
        if cut:  # the page ended inside the last row: no unit, and none or no deadline from the rows above
            rows[-1] = rows[-1][:-1]
            draft.cut_off()
        context = prepare(rows, names or None)
        for at, row in enumerate(rows):
            heading = match_heading(row[0].text) if at in headings else None
            if heading is not None and not (heading.level == 2 and context.paren_tasks):
                draft.heading(heading.level, heading.label, heading.title)
                continue
            read_row(row, draft, context)
        last = next((b for b in reversed(document.blocks) if isinstance(b, Line) and b.text.strip()), None)
        if cut or (last is not None and last.cut):
            draft.cut_off()  # the last cell never closed: its row lost the cells after it, merged or not
