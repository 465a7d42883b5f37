"""Import a document: ask for its path and read it; what was read goes to the review screen
(:mod:`govtui.tui.screens.review`), where it is checked, corrected and saved — or left.

Reading happens in a worker thread; an error is shown in the dialog and the typed path stays,
so it can be corrected.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from govtui.domain.errors import DocumentError
from govtui.domain.model import ImportedPlan
from govtui.tui.widgets.path_input import PathInput, expand

#: Reads a path into plans and the preview lines (raises DocumentError).
Previewer = Callable[[str], tuple[list[ImportedPlan], list[str]]]


class ImportDialog(ModalScreen[list[ImportedPlan] | None]):
    BINDINGS = [
        Binding("escape", "cancel", "取消 Cancel"),
    ]

    def __init__(self, preview: Previewer) -> None:
        super().__init__()
        self._preview = preview
        self._plans: list[ImportedPlan] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog", classes="dialog"):
            yield Label("导入计划文件 — 输入路径, Enter 预览; Esc 取消", id="import-help")
            yield PathInput(placeholder="~/2024年政务公开重点工作任务分工.docx", id="import-path")
            with VerticalScroll(id="import-preview"):
                yield Static("", id="import-preview-text", markup=False)

    def _show(self, lines: list[str], *, error: bool = False) -> None:
        body = self.query_one("#import-preview-text", Static)
        body.update(Text("\n".join(lines), style="bold red" if error else ""))

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        path = str(expand(event.value)) if event.value.strip() else ""
        if self._plans is not None:
            self.action_confirm()
            return
        if path:
            self._show(["正在读取…"])
            self._read(path)

    @on(PathInput.Completed)
    def _completed(self, event: PathInput.Completed) -> None:
        names = event.candidates
        more = " …" if len(names) > 40 else ""
        self._show(["  ".join(names[:40]) + more] if names else ["没有匹配的文件或文件夹"])

    @on(Input.Changed)
    def _edited(self) -> None:
        if self._plans is not None:  # a new path: the preview no longer applies
            self._plans = None
            self.query_one("#import-help", Label).update("导入计划文件 — 输入路径, Enter 预览; Esc 取消")

    @work(thread=True, exclusive=True)
    def _read(self, path: str) -> None:
        try:
            plans, lines = self._preview(path)
        except DocumentError as exc:
            self.app.call_from_thread(self._show, [f"无法导入: {exc}"], error=True)
            return
        self.app.call_from_thread(self._ready, plans, lines)

    def _ready(self, plans: list[ImportedPlan], lines: list[str]) -> None:
        self._plans = plans
        self.dismiss(plans)  # to the review screen: nothing is written before it is saved there

    def action_confirm(self) -> None:
        if self._plans is not None:
            self.dismiss(self._plans)

    def action_cancel(self) -> None:
        self.dismiss(None)
