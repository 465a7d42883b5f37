"""Reading one table row by what its cells hold, with the header as a hint only.

Real tables are damaged in every way (merged cells dropped, headers spaced out or missing,
rows with fewer cells than the header), so each cell is read by its content, in reading order:
headings and group labels come first, then the number, the requirement text, the units, the
deadline.  A units-looking cell before any text is a group label (``加强宣传``), never a unit; a
cell merged from the row above continues its section, group, units or deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govtui.domain import vocabulary as V
from govtui.domain.deadlines import looks_like_deadline, opens_with_deadline
from govtui.domain.text import fold, normalize
from govtui.domain.units import looks_like_units
from govtui.importers.blocks import Cell
from govtui.importers.draft import PlanDraft, TaskDraft
from govtui.importers.header import header_role
from govtui.importers.headings import is_short_heading, leading_number, match_heading, number_cell

_UNIT_COLUMNS = ("units", "lead", "cooperate")
_BARE_NUMERAL = re.compile(rf"^\s*[{V.CN_NUMERALS}]{{1,3}}\s*$")
_NOTE = re.compile(r"^\s*(注|备注|说明|附件|附:|填报)")
_COUNTED = re.compile(r"\(\s*\d{1,3}\s*项\s*\)\s*$")  # ``基本信息 (6项)``: a category and how many items it holds


@dataclass(slots=True)
class TableContext:
    """What the layout learned about the whole table before reading its rows."""

    header: list[str | None] = field(default_factory=list)  # column roles
    paren_tasks: bool = False  # (一)(二) number tasks in the text cells, not subsections
    numbered: bool = False  # the table numbers its tasks
    dotted: bool = False  # tasks numbered 1.1, 1.2 under group rows numbered 1, 2
    explicit_merges: bool = False  # the reader marks merged cells (Word, Excel, web, PDF): empty means empty
    aligned: bool = False  # cells stand in their real columns (not a text dump, whose cells may shift)
    rows_kept: bool = False  # a text dump of whole rows (``|`` lines): its rows lose cells at the start only

    @property
    def units_after_deadline(self) -> bool:
        """The header puts the unit column after the deadline column (完成时限 | 责任单位)."""
        roles = self.header
        return "deadline" in roles and any(r in _UNIT_COLUMNS and at > roles.index("deadline")
                                           for at, r in enumerate(roles))

    @property
    def unit_roles(self) -> list[str]:
        return [r for r in self.header if r in ("lead", "cooperate", "units")]


def _heading_cell(text: str, context: TableContext) -> bool:
    """Every line of the cell is a short heading (a merged first cell may hold ``一、…`` and ``(一)…``)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    for line in lines:
        heading = is_short_heading(line)
        if heading is None or not heading.title or (heading.level == 2 and context.paren_tasks):
            return False
    return True


def _group_heading(text: str, after: list[Cell], context: TableContext) -> bool:
    """``一、围绕中心工作,提升…质量 | (一)… | 1.任务…``: a heading in a group cell may be a long phrase with
    commas, when no sentence ends in it and the row's task text follows in a cell of its own."""
    heading = match_heading(text)
    following = next((c.text for c in after if c.text.strip()), "")
    return heading is not None and bool(heading.title) and not heading.rest \
        and "。" not in normalize(text).strip().rstrip("。") \
        and len(heading.title) <= 60 \
        and not (heading.level == 2 and context.paren_tasks) and bool(following) and not looks_like_units(following) \
        and not looks_like_deadline(following, lenient=True)


def _open_headings(text: str, draft: PlanDraft) -> None:
    for line in text.split("\n"):
        heading = match_heading(line)
        if heading is not None:
            draft.heading(heading.level, heading.label, heading.title)


def _columns(cells: list[Cell], context: TableContext) -> list[str | None]:
    """The header's column role of each cell, when the row can be lined up with the header (``[]`` otherwise).
    A text dump drops a merged cell, or prints a group column twice (一、 and (一) cells), always at the row's
    start: its cells line up with the header from the right."""
    header = context.header
    if len(cells) == len(header) or not header or not context.rows_kept or not cells[-1].text.strip():
        return list(header) if len(cells) == len(header) else []
    lost: list[str | None] = [None] * (len(cells) - len(header))
    return header[-len(cells):] if len(cells) < len(header) else lost + header


def read_row(cells: list[Cell], draft: PlanDraft, context: TableContext) -> None:
    """Feed one row (or a run of cells standing for one) to the draft."""
    number = ""
    texts: list[str] = []
    group_column = False  # the first text stands in the header's group column (工作任务 over 具体要求)
    units: list[str] = []
    deadline: str | None = None
    units_merged = deadline_merged = False
    unit_columns: list[str | None] = []
    pending_label: tuple[int, str] | None = None
    columns = _columns(cells, context)
    lined_up = bool(columns)
    positional = context.aligned and lined_up
    for column, cell in enumerate(cells):
        text = cell.text.strip()
        if not text or normalize(text) in V.EMPTY_CELLS or (lined_up and columns[column] == "remark" and (
                positional or (not context.rows_kept and not looks_like_deadline(text)))):
            continue  # a remark, or a status (推进中) where a cell stream's row lines up; a date there is the deadline
        if cell.merged:
            if column and cells[column - 1].text.strip() == text and cell.span > 1:
                continue  # the same cell again, merged across columns
            if _heading_cell(text, context):
                _open_headings(text, draft)
            elif texts and deadline is None and looks_like_units(text):
                units_merged = True
                if context.explicit_merges:  # the reader knows the merged cell's text: take it, column and all
                    units.append(text)
                    unit_columns.append(columns[column] if lined_up else None)
            elif texts and looks_like_deadline(text, lenient=True):
                deadline_merged = True
                if context.explicit_merges and deadline is None:
                    deadline = text
            continue
        if not texts and not units and (_heading_cell(text, context)
                                        or _group_heading(text, cells[column + 1:], context)):
            _open_headings(text, draft)
            continue
        if not number and number_cell(text) is not None and not units:
            number = fold(text).strip().rstrip(".、").replace(" ", "")  # as printed: 1, (1), 第1项
            continue
        heading = match_heading(text)
        if not texts and heading is not None and not heading.title and not heading.rest:
            pending_label = (heading.level, heading.label)  # ``(一)`` in the number column, title next
            continue
        if not texts and not number and _BARE_NUMERAL.match(normalize(text)):
            pending_label = (1, text.strip())  # ``一`` in the number column, the section's title next
            continue
        role = columns[column] if positional else cell.role
        # a unit cell printed after the deadline cell still counts when its column says so (时限 before 单位)
        unit_column = (lined_up and columns[column] in _UNIT_COLUMNS and (positional or looks_like_units(text))) \
            or (context.units_after_deadline and looks_like_units(text))
        if texts and (deadline is None or unit_column) \
                and (role in _UNIT_COLUMNS or (role is None and looks_like_units(text))):
            units.append(text)
            # a text dump whose row lines up with the header: a unit cell's column still gives its role
            unit_columns.append(role or (columns[column] if lined_up else None))
            continue
        dated = lined_up and columns[column] == "deadline" and looks_like_deadline(text, lenient=True)  # 全年
        # ``6月30日前,完成整改…`` after the requirement (a rectification list), in a table with a deadline column
        dated = dated or (not units and "deadline" in context.header and any(not _is_label(t) for t in texts)
                          and opens_with_deadline(text))
        if texts and (looks_like_deadline(text) or dated or (units and looks_like_deadline(text, lenient=True))
                      or (units and deadline is None and (role == "deadline" or (role is None and len(text) <= 40)))):
            deadline = text if deadline is None else f"{deadline} {text}"  # 作出决定之日起7个工作日内
            continue
        if units or deadline is not None:
            continue  # a remark after the deadline
        if not texts and lined_up:
            group_column = columns[column] == "group"
        texts.append(text)
    if pending_label is not None and texts:
        if len(texts) == 1 and (units or deadline is not None) and not number:
            number = pending_label[1]  # ``一 | 公开预算信息 | 县财政局 | 年底前``: 一 numbers the task
        else:
            draft.heading(pending_label[0], pending_label[1], texts.pop(0))  # the label's title, then any task
    if not texts:
        return
    allowed = max(1, len(context.unit_roles))
    while len(units) > allowed and not _ROLE_WORD.search(normalize(units[0])):
        # a short requirement that reads like a unit (规范政务公开专区) stays text; a cell that gives a role
        # (``市发改局牵头落实;…``, ``各镇(街区)分别落实`` in the next column) is units, however many there are
        texts, units, unit_columns = texts + units[:1], units[1:], unit_columns[1:]
    if not number and len(texts) > 1 and (lead := leading_number(texts[0])) is not None and _is_label(lead[1]) \
            and leading_number(texts[1]) is not None:
        number, texts[0] = fold(lead[0]), lead[1]  # ``1.行政规范性文件公开 | 1.…2.…``: the numbered group is the row
    if not number and len(texts) > 1 and (lead := leading_number(texts[0], paren=context.paren_tasks)) is not None \
            and leading_number(texts[-1], paren=context.paren_tasks) is None:
        number, texts[0] = fold(lead[0]), lead[1]  # ``1.对出台… | 评价对…`` (a row cut short), ``2.归集整理历史规划 |
        # 通过…发布。`` (its task's name, then what it asks): the number its text prints
    own_number = bool(number)  # numbered by a cell of its own: ``1.…2.…`` in the text are its sub-points
    if not number and (lead := leading_number(texts[-1], paren=context.paren_tasks)) is not None:
        number, texts[-1] = fold(lead[0]), lead[1]
    if context.rows_kept and not number and not units and deadline is None and len(texts) == 1 \
            and looks_like_units(texts[0]) and draft.units_below(_with_roles(texts, [None], context)):
        return  # ``… | 1.… 2.… |`` then ``产业政策科 | |``: the row wrapped, its unit cell on the next line
    if not units and deadline is None and not units_merged and len(texts) == 1 and _is_label(texts[0]) \
            and (not number or (context.dotted and "." not in number) or _COUNTED.search(normalize(texts[0]))):
        draft.group(texts[0])  # a label row, or ``1 | 政策公开`` over rows numbered 1.1, 1.2
        return
    if not number and context.numbered and draft.open_text() and draft.complete_last(
            "".join(texts), _with_roles(units, unit_columns, context) if units else None, deadline):
        return  # the rest of a row whose text wrapped onto the next line
    if not number and not units and deadline is None and not units_merged:
        if context.numbered and draft.open_text() and draft.continue_text(texts[0]):
            return  # a row broken over a page
        if context.numbered and _NOTE.match(normalize(texts[0])):
            return  # a note under the table
    # a group/title cell reads as a label; a sentence before another cell is the text itself (the other
    # cell one the row cannot place, as a cell cut off at the end of the page)
    # a table with 工作任务 and 具体要求 columns: a group label is no longer than the requirement beside it
    grouped = {"group", "text"} <= set(context.header) and len(texts[0]) <= len("".join(texts[1:]))
    # ``4 | 深化政策落实公开,促进… | 12.以贯彻…``: a phrase before a cell that opens with its own number labels it
    labelled = own_number and len(texts) > 1 and leading_number(texts[1]) is not None \
        and len(texts[0]) <= 40 and not re.search(r"[。;]", normalize(texts[0]))
    title = texts[0] if len(texts) > 1 and (group_column or grouped or labelled or _is_label(texts[0])) \
        and not (own_number and leading_number(texts[0]) is not None) else ""  # ``36 | 1、… | 2、…``: items, no label
    body = "\n".join(texts[1:]) if title else "\n".join(texts)
    if own_number and title and (lead := leading_number(body)) is not None \
            and len(run_in_items(fold(lead[0]), lead[1])) == 1:
        number, body = fold(lead[0]), lead[1]  # ``1 | 推进… | 1.统一…``: the 序号 numbers the group, the text its item
    units_text = _with_roles(units, unit_columns, context) if units else None
    # ``4.规范… 5.用好…``: two tasks in one cell
    items = [(number, body)] if own_number else run_in_items(number, body)
    first: TaskDraft | None = None
    for item_number, item in items:
        task = draft.task(item_number, item, title=title, units_text=units_text, deadline_text=deadline)
        task.flags.extend(f for f, merged in (("merged-units", units_merged), ("merged-deadline", deadline_merged))
                          if merged and context.explicit_merges)
        if context.explicit_merges:
            task.inherit = {a for a, merged in (("units_text", units_merged), ("deadline_text", deadline_merged))
                            if merged}
        if len(items) > 1:
            task.flags.append("split-cell")
            first = first or task
            task.row_of = first


def run_in_items(number: str, text: str) -> list[tuple[str, str]]:
    """``4``, ``规范…。 5.用好…`` → tasks 4 and 5: the next numbers printed in sequence after a sentence's end
    (or a line break) start tasks of their own; anything else stays one task."""
    if not number.isdigit():
        return [(number, text)]
    items: list[tuple[str, str]] = []
    current, start, norm = int(number), 0, normalize(text)
    while (m := re.compile(rf"(?<=[。;!?\n\s]){current + 1}\s*[.、](?!\d)").search(norm, start)) is not None:
        items.append((str(current), text[start:m.start()].strip()))
        current, start = current + 1, m.end()
    items.append((str(current), text[start:].strip()))
    return items


def _is_label(text: str) -> bool:
    """A short text without a sentence in it: a group label, not a task."""
    norm = normalize(text)
    return len(norm) <= 30 and "。" not in norm.rstrip("。") and "," not in norm


#: Words that give a unit cell its role (the vocabulary's role words and unit keys): no requirement reads so.
_ROLE_WORD = re.compile("|".join(sorted(V.LEAD_TAILS + V.COOPERATE_TAILS + V.RESPONSIBLE_TAILS + V.LEAD_KEYS
                                        + V.COOPERATE_KEYS + V.RESPONSIBLE_KEYS, key=len, reverse=True)))


def _with_roles(units: list[str], columns: list[str | None], context: TableContext) -> str:
    """Unit cells as one annotation, each with the role its column names (牵头单位 / 配合单位 columns)."""
    roles: list[str | None] = list(context.unit_roles)
    if all(c in _UNIT_COLUMNS for c in columns):
        roles = columns  # the row lines up with the header: each cell's own column
    if len(units) < len(roles) and not any(columns):
        roles = roles[:len(units)]  # a cell stream drops empty cells: the units fill the first columns (牵头 first)
    if len(roles) == len(units) and any(r in ("lead", "cooperate") for r in roles):
        keyed = []
        for text, role in zip(units, roles, strict=True):
            key = {"lead": "牵头单位", "cooperate": "配合单位"}.get(role or "", "")
            keyed.append(f"{key}:{text}" if key and ":" not in normalize(text) else text)
        return ";".join(keyed)
    return ";".join(units)


def prepare(rows: list[list[Cell]], header: list[str] | None, *, explicit_merges: bool = False,
            aligned: bool = False) -> TableContext:
    """Look at the whole table once: its header, and how its tasks are numbered."""
    context = TableContext(header=[header_role(h) for h in header] if header else [],
                           explicit_merges=explicit_merges, aligned=aligned)
    number_cells = paren_long = 0
    for cells in rows:
        filled = [c for c in cells if c.text.strip()]
        for at, cell in enumerate(filled):
            if cell.merged:
                continue
            if number_cell(cell.text) is not None or leading_number(cell.text) is not None:
                number_cells += 1
                context.dotted = context.dotted or bool(re.match(r"^\s*\d+\.\d", normalize(cell.text)))
            heading = match_heading(cell.text)
            # ``(一)`` numbers a task when its text is a sentence, or when its own unit cell comes right after it
            own_units = at + 1 < len(filled) and "\n" not in cell.text.strip() and looks_like_units(filled[at + 1].text)
            if heading is not None and heading.level == 2 and (heading.rest or len(heading.title) > 30
                                                               or "," in normalize(heading.title) or own_units):
                paren_long += 1
    context.paren_tasks = paren_long >= 2 and number_cells == 0
    context.numbered = number_cells >= 2 or context.paren_tasks
    return context
