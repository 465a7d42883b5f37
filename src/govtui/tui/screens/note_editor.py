"""A multi-line editor for a progress note: Ctrl+S saves, Esc cancels (asking first when a draft would be lost).

The editor stays open until the note is on disk: when saving fails, the draft is still on screen.
A draft closed without saving is kept (per task, for this session) and comes back on the next ``n``.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from govtui.tui.screens.confirm import Confirm

HINT = "Ctrl+S 保存, Esc 取消"


class NoteEditor(ModalScreen[None]):
    BINDINGS = [Binding("ctrl+s", "save", "保存 Save"), Binding("escape", "cancel", "取消 Cancel")]

    def __init__(self, task_id: str, save: Callable[[NoteEditor, str], None], draft: str = "",
                 keep_draft: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.task_id = task_id
        self._save = save
        self._keep_draft = keep_draft
        self.draft = draft
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor", classes="dialog"):
            yield Label(Text(f"任务 {self.task_id} 进展记录 — {HINT}"), id="note-title")
            yield TextArea(self.draft, id="note-text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        if self.saving:
            return
        text = self.text.strip()
        if not text:
            self.notify("记录为空, 未保存 (the note is empty)", severity="warning", markup=False)
            return
        self.saving = True
        self.query_one("#note-title", Label).update(Text(f"任务 {self.task_id} 进展记录 — 正在保存… (saving)"))
        self._save(self, text)

    def saved(self) -> None:
        """Called once the note is on disk."""
        if self.is_attached:
            self.dismiss(None)

    def failed(self) -> None:
        """Called when the note could not be saved: the draft stays, to try again."""
        self.saving = False
        if self.is_attached:
            self.query_one("#note-title", Label).update(
                Text(f"任务 {self.task_id} 进展记录 — 未保存, 草稿仍在; {HINT}"))

    def action_cancel(self) -> None:
        if self.saving:
            return
        text = self.text
        if not text.strip():
            if self._keep_draft is not None:
                self._keep_draft("")
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                if self._keep_draft is not None:
                    self._keep_draft("")
                self.dismiss(None)
            else:
                self.query_one(TextArea).focus()

        self.app.push_screen(Confirm(f"放弃这条尚未保存的进展记录? (discard the draft?)\n\n{text.strip()[:200]}",
                                     yes="放弃", no="继续编辑"), answered)
