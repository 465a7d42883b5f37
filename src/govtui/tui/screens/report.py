"""The progress report: per unit (or, after ``Tab``, per section), tasks by role and status, with a bar of
completion; done tasks without proof of publication; and completion through the year drawn with
textual-plotext.  The numbers come from :func:`govtui.reports.build_report`, as ``govtui report``'s do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from govtui.domain.model import Plan, Task
from govtui.domain.text import cell_len, strip_controls, truncate
from govtui.reports.progress import MonthlyProgress, count_ticks
from govtui.reports.reports import ProgressRow, bar, build_report, report_columns, report_values

DUE_COLOUR, DONE_COLOUR = "blue", "green"
REPORT_WIDTH = 100  # #report's width in app.tcss
NARROW_REPORT = 90  # below this many cells inside the dialog the table leaves out its bars


def chart_legend(year: int) -> Text:
    """The chart's title and legend, drawn by Textual (cells counted right) rather than inside the plot."""
    legend = Text(f"{year}年 完成进度 (按月):  ")
    legend.append("•• 累计到期", style=DUE_COLOUR)
    legend.append("  ")
    legend.append("▞▞ 累计完成", style=DONE_COLOUR)
    return legend


class ReportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,r", "close", "关闭 Close"), Binding("tab", "switch", "按单位 / 按章节")]

    def __init__(self, tasks: list[Task], today: dt.date, scope: str, *,
                 history: dict[str, list[dict[str, Any]]] | None = None, plans: dict[str, Plan] | None = None) -> None:
        super().__init__()
        self.report_tasks = tasks
        self.today = today
        self.scope = scope
        self.report = build_report(tasks, plans or {}, history or {}, today)
        self.progress = self.report.progress
        self.by_section = False

    def compose(self) -> ComposeResult:
        with Vertical(id="report", classes="dialog"):
            yield Label(f"进度报告 — {self.scope} ({len(self.report_tasks)} 项任务; Tab 按单位/按章节, Esc 关闭)",
                        markup=False)
            yield DataTable(id="report-table", cursor_type="row", zebra_stripes=True)
            missing = [t.id for t in self.report.without_proof]
            yield Label(f"已完成但无公开凭证 {len(missing)} 项: {'、'.join(missing[:12])}"
                        f"{' …' if len(missing) > 12 else ''}" if missing else "已完成的任务都有公开凭证",
                        id="report-no-proof", markup=False)
            if self.progress is not None:
                from textual_plotext import PlotextPlot

                yield Label(chart_legend(self.progress.year), id="report-legend")
                yield PlotextPlot(id="report-chart")

    def rows(self) -> list[ProgressRow]:
        """The rows of the view shown: by unit, or by section (each plan's row, then its sections)."""
        if self.by_section:
            return [row for rows in self.report.sections.values() for row in rows]
        return self.report.units

    def on_mount(self) -> None:
        self._fill()
        self.query_one(DataTable).focus()
        if self.progress is not None:
            self._draw(self.progress)

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        rows = self.rows()
        columns = report_columns(rows)
        table.add_columns("章节" if self.by_section else "单位", *(label for label, _ in columns), "完成率")
        # Narrow (80 columns): no bar, and names cut by display cells, so that every figure and 完成率
        # are on screen without scrolling sideways.
        room = min(REPORT_WIDTH, self.app.size.width) - 5  # the dialog's border, padding and scrollbar
        narrow = room < NARROW_REPORT
        figures = sum(max(cell_len(label), 4) + 2 for label, _ in columns) + cell_len("完成率") + 2
        name_cells = max(8, room - figures - 3) if narrow else 0  # 3: the name's padding, the scrollbar
        for row in rows:
            share = Text(f"{row.percent:>3}%" if narrow else f"{row.percent:>3}% ")
            if not narrow:
                share.append(bar(row.percent, 8), style="green" if row.percent >= 80 else "yellow")
            name = strip_controls(row.name)
            table.add_row(Text(truncate(name, name_cells) if narrow else name),
                          *(Text(str(v)) for _, v in report_values(row, columns)), share)

    def action_switch(self) -> None:
        self.by_section = not self.by_section
        self._fill()

    def _draw(self, progress: MonthlyProgress) -> None:
        from textual_plotext import PlotextPlot

        plt = self.query_one("#report-chart", PlotextPlot).plt
        months: list[float] = list(range(1, 13))
        # No Chinese inside the plot: plotext counts a character as one cell, so a Chinese title or legend
        # pushes the rows out of line.  The title and legend are the Label above it (see chart_legend).
        plt.plot(months, progress.cumulative(progress.fell_due), marker="dot", color=DUE_COLOUR)
        done = progress.cumulative(progress.done)[:progress.through]
        if done:
            plt.plot(months[:len(done)], done, marker="hd", color=DONE_COLOUR)
        plt.xticks(months, [str(m) for m in months])
        ticks = count_ticks(max([*progress.cumulative(progress.fell_due), *done, 0]))
        plt.yticks([float(t) for t in ticks], [str(t) for t in ticks])  # counts of tasks: whole numbers

    def action_close(self) -> None:
        self.dismiss(None)
