"""The progress report: per unit, tasks by role and status, with a bar of completion."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from govtui.model import Task
from govtui.reports import bar, unit_report
from govtui.text import strip_controls

COLUMNS = ("单位", "牵头", "配合", "合计", "完成", "进行", "受阻", "逾期", "完成率")


class ReportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,r", "close", "Close")]

    def __init__(self, tasks: list[Task], today: dt.date, scope: str) -> None:
        super().__init__()
        self.report_tasks = tasks
        self.today = today
        self.scope = scope

    def compose(self) -> ComposeResult:
        with Vertical(id="report", classes="dialog"):
            yield Label(f"进度报告 — {self.scope} ({len(self.report_tasks)} 项任务; Esc 关闭)", markup=False)
            yield DataTable(id="report-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for row in unit_report(self.report_tasks, self.today):
            share = Text(f"{row.percent:>3}% ")
            share.append(bar(row.percent, 8), style="green" if row.percent >= 80 else "yellow")
            table.add_row(Text(strip_controls(row.name)), *(Text(str(v)) for v in (
                row.lead, row.cooperate, row.total, row.done, row.doing, row.blocked, row.overdue)), share)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
