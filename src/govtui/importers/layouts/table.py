"""A table of rows (Word, Excel, CSV, web page, PDF, or text split by ``|``, tabs or spaces)."""

from __future__ import annotations

from govtui.importers.blocks import Cell, Document, Line, Row
from govtui.importers.draft import PlanDraft
from govtui.importers.header import header_role, heads_task_table, is_header
from govtui.importers.headings import is_attachment, is_footer, is_short_heading, leading_number
from govtui.importers.layouts.fit import Fit
from govtui.importers.rows import prepare, read_row


def _header_at(document: Document) -> int | None:
    for i, block in enumerate(document.blocks):
        if isinstance(block, Row) and is_header(block.texts):
            return i
    return None


def _sub_header(row: Row) -> bool:
    """A second header row: its own cells all name columns (the first header row spans them)."""
    own = [c.text for c in row.cells if c.text.strip() and not c.merged]
    return bool(own) and all(header_role(text) for text in own)


class TableLayout:
    name = "表格"
    inherit_cells = True

    def fit(self, document: Document) -> Fit:
        rows = [b for b in document.blocks if isinstance(b, Row) and len(b.filled()) >= 2]
        if len(rows) < 2:
            return Fit(0, "")
        at = _header_at(document)
        header = ""
        if at is not None:
            row = document.blocks[at]
            assert isinstance(row, Row)
            header = "、".join(t for t in row.texts if header_role(t))
        reason = f"{len(rows)} 行表格" + (f", 表头: {header}" if header else ", 无表头")
        return Fit(len(rows) * 2 + (6 if header else 0), reason)

    def build(self, document: Document, draft: PlanDraft) -> None:
        at = _header_at(document)
        header: list[str] | None = None
        start = 0
        if at is not None:
            row = document.blocks[at]
            assert isinstance(row, Row)
            header, start = row.texts, at + 1
            draft.headed = heads_task_table(header)
            second = document.blocks[start] if start < len(document.blocks) else None
            if isinstance(second, Row) and _sub_header(second):  # 责任单位 over 牵头单位 | 配合单位
                header = [sub if header_role(sub) and not cell.merged else top
                          for top, sub, cell in zip(header, second.texts, second.cells, strict=False)]
                start += 1
        else:
            start = next((i for i, b in enumerate(document.blocks) if isinstance(b, Row) and len(b.filled()) >= 2), 0)
            # headings printed above the first row still open their sections
            while start > 0 and isinstance(above := document.blocks[start - 1], Line) \
                    and is_short_heading(above.text):
                start -= 1
        body = document.blocks[start:]
        context = prepare([b.cells if isinstance(b, Row) else [Cell(b.text)] for b in body], header,
                          explicit_merges=document.merges_marked, aligned=document.cells_aligned)
        context.rows_kept = not context.aligned
        if at is not None:  # what is printed right above the header: its headings (一、… then the table), and a
            # numbered list under a heading of its own before them (一、要点 1.… 2.… then 二、分解 and the table)
            above_at = at
            while above_at > 0 and isinstance(above := document.blocks[above_at - 1], Line) \
                    and (is_short_heading(above.text) or leading_number(above.text) is not None):
                above_at -= 1
            lines = [b for b in document.blocks[above_at:at] if isinstance(b, Line)]
            while lines and not is_short_heading(lines[0].text):
                lines.pop(0)  # numbered lines with no heading above them: the notice's, not the plan's
            for line in lines:
                if (heading := is_short_heading(line.text)) is not None:
                    draft.heading(heading.level, heading.label, heading.title)
                else:
                    read_row([Cell(line.text)], draft, context)
        last_row = max((i for i, b in enumerate(body) if isinstance(b, Row)), default=-1)
        widths = [len(b.cells) for b in body if isinstance(b, Row)]
        if last_row == len(body) - 1 and len(widths) >= 3 and widths[-1] < min(widths[:-1]):
            draft.cut_off()  # the page ended inside the last row: it has fewer cells than any row above
        for i, block in enumerate(body):
            if isinstance(block, Row):
                if header is not None and block.texts == header:
                    continue  # the header repeated on a new page
                read_row(block.cells, draft, context)
                continue
            text = block.text.strip()
            if is_footer(text) or (is_attachment(text) and draft.tasks):
                break  # the page's footer, or the next attachment (a document of its own)
            below = i > last_row  # under the table only a task cut off at the end of the page counts
            if text and (not below or leading_number(text, paren=context.paren_tasks) is not None):
                read_row([Cell(text)], draft, context)
