"""One's own notes on a task, to edit (``Enter``) or delete (``d``, asks first).  Others' notes are
listed too, dimmed: they can be read here but not changed."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from govtui.domain.history import local_stamp
from govtui.domain.model import Task
from govtui.domain.text import one_line, strip_controls, truncate


@dataclass(frozen=True, slots=True)
class NoteChoice:
    index: int  # 1 = the oldest note
    delete: bool


class NotePicker(ModalScreen[NoteChoice | None]):
    BINDINGS = [Binding("escape", "cancel", "取消"), Binding("d,delete", "delete", "删除")]

    def __init__(self, task: Task, user: str) -> None:
        super().__init__()
        self.notes_of = task
        self.user = user

    def compose(self) -> ComposeResult:
        options = []
        for i, note in enumerate(self.notes_of.notes, 1):
            line = Text(f"{i:>2}. {strip_controls(note.author)} {local_stamp(note.time)}  ",
                        style="" if note.author == self.user else "dim")
            line.append(truncate(one_line(strip_controls(note.text)), 50))
            options.append(Option(line, id=str(i), disabled=note.author != self.user))
        with Vertical(id="note-picker", classes="dialog"):
            yield Label(Text(f"任务 {self.notes_of.id} 的进展记录 — Enter 修改, d 删除 (只能改自己的), Esc 返回"))
            yield OptionList(*options, id="note-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        mine = [i for i, n in enumerate(self.notes_of.notes) if n.author == self.user]
        if mine:
            options.highlighted = mine[-1]
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(NoteChoice(int(event.option.id or 0), False))

    def action_delete(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if not option.disabled:
                self.dismiss(NoteChoice(int(option.id or 0), True))

    def action_cancel(self) -> None:
        self.dismiss(None)
