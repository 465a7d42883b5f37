"""One line that always shows the active filters and how many tasks are shown of how many."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from govtui.text import strip_controls


class FilterBar(Static):
    def show(self, parts: list[str], shown: int, total: int) -> None:
        text = Text()
        text.append(" 筛选: ", style="bold")
        text.append(strip_controls(" · ".join(parts)) if parts else "无 (u 单位 · s 状态 · / 搜索)")
        text.append(f"   显示 {shown} / {total}", style="bold")
        self.update(text)
