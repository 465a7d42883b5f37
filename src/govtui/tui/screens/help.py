"""Every key, in Chinese and English, generated from the same list as the bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from govtui.tui.keys import KEY_ACTIONS, REVIEW_KEYS, display_key

EXTRA_KEYS = [("↑↓ / j k", "移动", "Move"), ("PgUp PgDn / g G", "翻页 / 首尾", "Page / first, last"),
              ("Tab", "切换窗格 (目录 · 任务 · 详情)", "Next pane"), ("Enter", "在目录中选择章节", "Choose a section"),
              ("Ctrl+P", "命令面板 (按名称执行任何操作)", "Command palette"),
              ("Ctrl+L", "重画屏幕 (屏幕被其他程序写乱时)", "Redraw the screen")]


TITLE = "govtui 快捷键 / keys"
FOOTNOTE = "责任单位列中 * 表示牵头单位; 状态列窄时 ! 表示已逾期 (!进行中: 进行中, 已逾期)。Esc 或 q 关闭本页。"


def file_rows(store_path: object) -> list[tuple[str, str]]:
    """Where govtui keeps things: the notices name no path (they stay short), help does."""
    from govtui.domain.paths import config_path, output_dir

    return [("库文件 (store)", str(store_path)), ("输出文件夹 (output: 催办, 年度报告素材)", str(output_dir())),
            ("设置 (settings)", str(config_path()))]


def help_rows() -> list[tuple[str, str, str]]:
    """(key, Chinese, English) for every binding, from the one list, then the keys of the widgets."""
    review = [("", "— 审阅导入 (i 或 govtui import 之后, 保存之前) —", "— the review screen —"),
              *((display_key(k.key), k.zh, k.en) for k in REVIEW_KEYS)]
    return [*((display_key(k.key), k.zh, k.en) for k in KEY_ACTIONS), *EXTRA_KEYS, *review]


def help_text() -> Text:
    """The help as plain lines (what the screen shows, as text)."""
    text = Text()
    text.append(f"{TITLE}\n\n", style="bold")
    for key, zh, en in help_rows():
        text.append(f"{key:<16}", style="bold")
        text.append(f"{zh}  ")
        text.append(f"{en}\n", style="dim")
    text.append(f"\n{FOOTNOTE}")
    return text


def help_table() -> Table:
    """The help in three columns, each wrapping within itself at any width."""
    table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
    table.add_column("key", style="bold", no_wrap=True)
    # "fold", not rich's default "ellipsis": with Chinese the default cuts a wrapped line short with
    # "…" where a whole character did not fit (标记/取消标记任务 (1-4 …).
    table.add_column("zh", ratio=1, overflow="fold")
    table.add_column("en", style="dim", ratio=1, overflow="fold")
    for key, zh, en in help_rows():
        table.add_row(Text(key), Text(zh), Text(en))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "关闭 Close")]

    def __init__(self, files: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.files = files or []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(Text(TITLE, style="bold"))
            yield Static(help_table())
            yield Static(Text(FOOTNOTE))
            if self.files:
                files = Text("\n文件位置 (files)\n", style="bold")
                for what, where in self.files:
                    files.append(f"{what}: ", style="bold")
                    files.append(f"{where}\n", style="not bold")
                yield Static(files, id="help-files")

    def action_close(self) -> None:
        self.dismiss(None)
