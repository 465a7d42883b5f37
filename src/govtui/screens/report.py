"""The progress report: per unit, tasks by role and status, with a bar of completion; done tasks
without proof of publication; and completion through the year drawn with textual-plotext."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from govtui.model import Plan, Status, Task
from govtui.progress import MonthlyProgress, monthly
from govtui.reports import bar, unit_report
from govtui.text import strip_controls

COLUMNS = ("单位", "牵头", "配合", "合计", "完成", "进行", "受阻", "逾期", "完成率")


class ReportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,r", "close", "Close")]

    def __init__(self, tasks: list[Task], today: dt.date, scope: str, *,
                 history: dict[str, list[dict[str, Any]]] | None = None, plans: dict[str, Plan] | None = None) -> None:
        super().__init__()
        self.report_tasks = tasks
        self.today = today
        self.scope = scope
        self.progress = self._progress(history or {}, plans or {})

    def _progress(self, history: dict[str, list[dict[str, Any]]], plans: dict[str, Plan]) -> MonthlyProgress | None:
        """Month by month for the year of the plan most of the shown tasks belong to."""
        counts = Counter(t.plan_id for t in self.report_tasks)
        if not counts:
            return None
        plan = plans.get(counts.most_common(1)[0][0])
        year = plan.year if plan and plan.year else self.today.year
        return monthly([t for t in self.report_tasks if plans.get(t.plan_id) is None
                        or (plans[t.plan_id].year or year) == year], history, year, self.today)

    def compose(self) -> ComposeResult:
        with Vertical(id="report", classes="dialog"):
            yield Label(f"进度报告 — {self.scope} ({len(self.report_tasks)} 项任务; Esc 关闭)", markup=False)
            yield DataTable(id="report-table", cursor_type="row", zebra_stripes=True)
            missing = [t.id for t in self.report_tasks if t.status is Status.DONE and not t.proof]
            yield Label(f"已完成但无公开凭证 {len(missing)} 项: {'、'.join(missing[:12])}"
                        f"{' …' if len(missing) > 12 else ''}" if missing else "已完成的任务都有公开凭证",
                        id="report-no-proof", markup=False)
            if self.progress is not None:
                from textual_plotext import PlotextPlot

                yield PlotextPlot(id="report-chart")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for row in unit_report(self.report_tasks, self.today):
            share = Text(f"{row.percent:>3}% ")
            share.append(bar(row.percent, 8), style="green" if row.percent >= 80 else "yellow")
            table.add_row(Text(strip_controls(row.name)), *(Text(str(v)) for v in (
                row.lead, row.cooperate, row.total, row.done, row.doing, row.blocked, row.overdue)), share)
        table.focus()
        if self.progress is not None:
            self._draw(self.progress)

    def _draw(self, progress: MonthlyProgress) -> None:
        from textual_plotext import PlotextPlot

        plt = self.query_one("#report-chart", PlotextPlot).plt
        months: list[float] = list(range(1, 13))
        plt.plot(months, progress.cumulative(progress.fell_due), label="累计到期", marker="dot")
        done = progress.cumulative(progress.done)[:progress.through]
        if done:
            plt.plot(months[:len(done)], done, label="累计完成", marker="hd")
        plt.xticks(months, [str(m) for m in months])
        plt.title(f"{progress.year}年 完成进度 (月)")

    def action_close(self) -> None:
        self.dismiss(None)
