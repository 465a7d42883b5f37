"""Record where a done task was published (公开凭证): link, 索引号, 栏目, date."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from govtui.domain.model import Task
from govtui.domain.proof import ProofError, make_proof
from govtui.tui.screens.confirm import close_or_ask

FIELDS = (("url", "链接 URL (https://…)"), ("index_no", "索引号"), ("column", "栏目"),
          ("date", "公开日期 (2024-05-06)"))


class ProofEditor(ModalScreen[dict[str, Any] | None]):
    """Dismisses with the proof (checked by :func:`govtui.domain.proof.make_proof`), or ``None``."""

    # Tab moves on at once, as the app reads the key, not after the field it leaves has seen it: text
    # typed in the same burst (Tab Tab Tab 2024-06-28, a paste, a fast typist over SSH) goes to the
    # field tabbed to, not the one left.
    BINDINGS = [Binding("escape", "cancel", "取消 Cancel"), Binding("ctrl+s", "save", "保存 Save"),
                Binding("tab", "app.focus_next", "下一项 Next", show=False, priority=True),
                Binding("shift+tab", "app.focus_previous", "上一项 Previous", show=False, priority=True)]

    def __init__(self, task: Task, user: str, recorded: str) -> None:
        super().__init__()
        self.edited = task
        self.user = user
        self.recorded = recorded

    def compose(self) -> ComposeResult:
        proof = self.edited.proof or {}
        with Vertical(id="proof-editor", classes="dialog"):
            yield Label(f"任务 {self.edited.id} 公开凭证 — Enter/Ctrl+S 保存, Tab 切换, Esc 取消", markup=False)
            for key, label in FIELDS:
                yield Label(label, markup=False)
                yield Input(str(proof.get(key, "")), id=f"proof-{key.replace('_', '-')}")

    def _value(self, key: str) -> str:
        return self.query_one(f"#proof-{key.replace('_', '-')}", Input).value

    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            proof = make_proof(self._value("url"), self._value("index_no"), self._value("column"),
                               self._value("date"), user=self.user, recorded=self.recorded)
        except ProofError as exc:
            self.notify(str(exc), severity="warning", markup=False)  # what was typed stays in the fields
            return
        self.dismiss(proof)

    def action_cancel(self) -> None:
        """Esc: a link or 索引号 typed here is not thrown away without asking."""
        proof = self.edited.proof or {}
        changed = any(self._value(key) != str(proof.get(key, "")) for key, _ in FIELDS)
        close_or_ask(self, changed, f"放弃任务 {self.edited.id} 的公开凭证填写? (discard what was typed)",
                     back=self.query_one("#proof-url", Input).focus)
