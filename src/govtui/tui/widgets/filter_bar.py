"""One line that always shows the active filters and how many tasks are shown of how many."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from govtui.domain.text import cell_len, strip_controls, truncate


class FilterBar(Widget):
    """Renders its own line: changing it repaints one row, never the screen's layout."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[list[str], int, int, str | None] = ([], 0, 0, None)
        self._marked = 0
        #: What the line shows: the filters' labels, shown, total, sort, marks.
        self._drawn: tuple[str, int, int, str | None, int] = ("", 0, 0, None, 0)

    def show(self, parts: list[str], shown: int, total: int, sort: str | None = None) -> None:
        """``sort``: the label of the table's order, when one is chosen (``时限`` → ``排序=时限``)."""
        self._shown = (parts, shown, total, sort)
        self._draw()

    def set_marked(self, count: int) -> None:
        """How many tasks are marked (Space): shown as ``已标记 N`` while there are any."""
        self._marked = count
        self._draw()

    def _draw(self) -> None:
        parts, shown, total, sort = self._shown
        labels = strip_controls(" · ".join(parts)) if parts else "无 (u 单位 · s 状态 · / 搜索)"
        key = (labels, shown, total, sort, self._marked)
        if key != self._drawn:
            self._drawn = key
            self.refresh()

    def render(self) -> Text:
        """The filters cut to the width by display cells, so that the count, the sort and the marks
        after them are always on the line (a long section name or search must not push them off)."""
        labels, shown, total, sort, marked = self._drawn
        tail = Text(f"   显示 {shown} / {total}", style="bold")
        if sort:
            tail.append(f" · 排序={sort}")
        if marked:
            tail.append(f" · 已标记 {marked}", style="reverse")
        head = " 筛选: "
        room = self.size.width - cell_len(head) - tail.cell_len
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(head, style="bold")
        text.append(truncate(labels, room) if room > 0 and cell_len(labels) > room else labels)
        text.append_text(tail)
        return text
