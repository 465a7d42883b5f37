"""Export what the table shows: a file-name prompt (``~`` expands, ``Tab`` completes); the format comes
from the name (.xlsx, .csv, .md).  The file is written in a worker; on an error the dialog stays open with
the message and the typed name, so it can be corrected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from govtui.reports.exporters import format_of
from govtui.store.errors import StoreError
from govtui.tui.widgets.path_input import PathInput

#: Writes the export to a path in a format (raises OSError or StoreError).
Writer = Callable[[Path, str], None]
HELP = "导出当前表格 — 输入文件名 (.xlsx / .csv / .md), Tab 补全路径, Enter 导出; Esc 取消"


class ExportDialog(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "取消 Cancel")]
    AUTO_FOCUS = "#export-path"

    def __init__(self, writer: Writer, count: int, suggestion: str = "") -> None:
        super().__init__()
        self._writer = writer
        self._count = count
        self._suggestion = suggestion
        self.writing = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label(HELP, id="export-help", markup=False)
            yield Label(f"共 {self._count} 项任务 (表格中显示的任务)", id="export-count", markup=False)
            yield PathInput(self._suggestion, placeholder="~/2024年政务公开进展.xlsx", id="export-path")
            yield Static("", id="export-message", markup=False)

    @property
    def message(self) -> str:
        return str(self.query_one("#export-message", Static).render())

    def show(self, text: str, *, error: bool = False) -> None:
        self.query_one("#export-message", Static).update(Text(text, style="bold red" if error else ""))

    @on(PathInput.Completed)
    def _completed(self, event: PathInput.Completed) -> None:
        names = event.candidates
        self.show("没有匹配的文件或文件夹" if not names else "  ".join(names[:30]) + (" …" if len(names) > 30 else ""))

    @on(PathInput.Submitted)
    def _submit(self) -> None:
        if self.writing:
            return
        field = self.query_one(PathInput)
        if not field.value.strip():
            self.show("请输入文件名 (a file name)", error=True)
            return
        path = field.path
        fmt = format_of(path)
        if fmt is None or fmt == "json":
            self.show(f"无法识别格式 {path.suffix or '(无扩展名)'}: 文件名请以 .xlsx、.csv 或 .md 结尾", error=True)
            return
        problem = self._problem(path)
        if problem:
            self.show(problem, error=True)
            return
        self.writing = True
        self.show("正在导出…")
        self._write(path, fmt)

    @staticmethod
    def _problem(path: Path) -> str | None:
        """Why ``path`` cannot be written to, when that shows before trying."""
        try:
            if path.is_dir():
                return f"{path} 是文件夹: 请在后面加上文件名"
            if not path.parent.is_dir():
                return f"文件夹 {path.parent} 不存在 (no such folder)"
        except OSError as exc:
            return f"无法写入 {path}: {exc.strerror or exc}"
        return None

    @work(thread=True, exclusive=True)
    def _write(self, path: Path, fmt: str) -> None:
        try:
            self._writer(path, fmt)
        except (OSError, StoreError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.app.call_from_thread(self._failed, f"无法写入 {path}: {reason}")
            return
        self.app.call_from_thread(self.dismiss, path)

    def _failed(self, text: str) -> None:
        self.writing = False
        self.show(text, error=True)

    def action_cancel(self) -> None:
        self.dismiss(None)
