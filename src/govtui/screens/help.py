"""Every key, in Chinese and English, generated from the same list as the bindings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from govtui.keys import KEY_ACTIONS, display_key

EXTRA_KEYS = [("↑↓ / j k", "移动", "Move"), ("PgUp PgDn / g G", "翻页 / 首尾", "Page / first, last"),
              ("Tab", "切换窗格 (目录 · 任务 · 详情)", "Next pane"), ("Enter", "在目录中选择章节", "Choose a section"),
              ("Ctrl+P", "命令面板 (按名称执行任何操作)", "Command palette")]


def help_text() -> Text:
    text = Text()
    text.append("govtui 快捷键 / keys\n\n", style="bold")
    for key, zh, en in [*((display_key(k.key), k.zh, k.en) for k in KEY_ACTIONS), *EXTRA_KEYS]:
        text.append(f"{key:<16}", style="bold")
        text.append(f"{zh}  ")
        text.append(f"{en}\n", style="dim")
    text.append("\n责任单位列中 * 表示牵头单位。Esc 或 q 关闭本页。")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(help_text())

    def action_close(self) -> None:
        self.dismiss(None)
