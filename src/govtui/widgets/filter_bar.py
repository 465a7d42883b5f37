"""One line that always shows the active filters and how many tasks are shown of how many."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from govtui.text import strip_controls


class FilterBar(Widget):
    """Renders its own line: changing it repaints one row, never the screen's layout."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._shown: tuple[list[str], int, int, str | None] = ([], 0, 0, None)
        self._marked = 0

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
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" 筛选: ", style="bold")
        text.append(strip_controls(" · ".join(parts)) if parts else "无 (u 单位 · s 状态 · / 搜索)")
        text.append(f"   显示 {shown} / {total}", style="bold")
        if sort:
            text.append(f" · 排序={sort}")
        if self._marked:
            text.append(f" · 已标记 {self._marked}", style="reverse")
        if text.plain != self._text.plain:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        return self._text
