"""The yardstick for the first screen: a bare Textual app of govtui's shape, headless.

    python benchmarks/bare_probe.py

A filter line, a tree beside a 40-row table and a detail pane, a search input and a footer
showing as many keys as govtui's main screen shows (eight, and the command palette's); no
store, no data beyond the 40 rows and the tree's 60 nodes.  It prints, as JSON, the seconds
from this process's start to its first full screen, measured as ``app_probe.py`` measures
govtui's, so the two can be timed alternately and compared as a ratio.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402


async def probe() -> dict[str, float]:
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, Vertical
    from textual.widgets import DataTable, Footer, Input, Static, Tree

    class Bare(App[None]):
        BINDINGS = [("u", "bell", "按单位筛选"), ("s", "bell", "按状态筛选"), ("slash", "bell", "全文搜索"),
                    ("2", "bell", "设为进行中"), ("3", "bell", "设为已完成"), ("n", "bell", "添加进展记录"),
                    ("question_mark", "bell", "帮助"), ("q", "quit", "退出")]

        def compose(self) -> ComposeResult:
            yield Static("筛选: 全部")
            with Horizontal():
                tree: Tree[str] = Tree("全部计划")
                for plan in range(10):
                    node = tree.root.add(f"计划 {plan}", expand=plan == 0)
                    for section in range(5):
                        node.add_leaf(f"第 {section} 部分")
                tree.root.expand()
                yield tree
                with Vertical():
                    yield DataTable()
                    yield Static("详情")
            yield Input(placeholder="搜索")
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("编号", "要求", "责任单位", "时限", "状态")
            for row in range(40):
                table.add_row(f"1-{row}", "做好政务公开目录的更新和维护工作", "办公室", "6月底前", "进行中")
            table.focus()

    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        # Until the screen has handled what was queued and been drawn once (not until the process is
        # idle: govtui reads the whole store in the background after its first screen).
        await pilot.pause(0)
        table = app.query_one(DataTable)
        for y in range(table.size.height):
            table.render_line(y)
        print(json.dumps({"first_screen_s": time.perf_counter() - START}), flush=True)
        os._exit(0)  # the process ends at its first screen, as app_probe.py --first-screen does
    return {}


if __name__ == "__main__":
    asyncio.run(probe())
