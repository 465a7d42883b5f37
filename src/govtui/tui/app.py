"""The govtui Textual app: the screens over one :class:`~govtui.workbench.workbench.Workbench`.

The workbench holds the store's snapshot, keeps it fresh and makes every change; the app gives it a
runner (its jobs in worker threads: the screen never freezes on a slow disk), tells the person what it
says, polls the store's file once a second, and keeps themes, the palette and keys typed ahead in hand.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, cast

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from govtui.domain.config import load_config, save_config
from govtui.store.store import Store
from govtui.tui.keys import KEY_ACTIONS, display_key
from govtui.tui.screens.main import READY_ACTIONS, MainScreen
from govtui.tui.screens.whole_glyphs import install as draw_whole_glyphs
from govtui.tui.themes import DEFAULT_THEME, load_themes, theme_problem
from govtui.workbench.live import AllTasksRead, Change, Severity
from govtui.workbench.workbench import Workbench

POLL_SECONDS = 1.0

#: Seconds a key may be typed ahead of the screen it lands on (a quick typist's next key while a dialog
#: opens).  A key typed longer before its screen came up was typed for something else: it is dropped.
TYPEAHEAD = 0.5
#: The main screen's keys that need every task: refused with 正在加载… while a large store is read.
NEEDS_DATA = frozenset(k.key for k in KEY_ACTIONS if k.action.split("(")[0] not in READY_ACTIONS)


#: Textual's themes kept registered (never offered): the last resort when no shipped theme works, and
#: the one Textual itself takes in ANSI colour mode.
TEXTUAL_KEPT = ("textual-dark", "textual-ansi")
#: The shipped themes as people call them.
THEME_NAMES_ZH = {"govtui-dark": "深色", "govtui-light": "浅色", "govtui-contrast": "高对比度 (16 色)"}


class GovApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "govtui 政务公开"
    ENABLE_COMMAND_PALETTE = True
    # The palette's key as the footer shows it: in Chinese, as every other key (Textual's own says "palette").
    BINDINGS = [Binding("ctrl+p", "command_palette", "命令面板", show=False, priority=True,
                        tooltip="命令面板 (command palette)"),
                Binding("ctrl+l", "redraw", "重画屏幕", show=False, priority=True)]

    def __init__(self, store: Store, *, unit: str | None = None, status: str | None = None,
                 notices: list[str] | None = None) -> None:
        draw_whole_glyphs()  # before the first screen is made
        super().__init__()
        self.notices = notices or []  # said once the app is up (e.g. that a new store was created)
        self.workbench = Workbench(store, WorkerRunner(self), self)
        self.initial_unit = unit
        self.initial_status = status
        self.theme_names: list[str] = []
        self.main: MainScreen | None = None
        self._ready_at = 0.0  # when the whole store was in (monotonic, as key events' time)
        self._screen_since = 0.0  # when the screen in front last changed
        self._theme_problems = self._choose_theme()

    # -- start --------------------------------------------------------------------------
    def _choose_theme(self) -> list[str]:
        """Register the shipped themes and take the saved one, before the first screen (the stylesheet is
        then built once, in its colours); a theme that cannot style the app (checked against the app's
        whole stylesheet) gives way to the default.  Returns what to say about it."""
        themes, problems = load_themes()
        for theme in themes:
            self.register_theme(theme)
            self.theme_names.append(theme.name)
        for name in list(self.available_themes):  # Textual's own twenty: not offered, not taken from the config
            if name not in self.theme_names and name not in TEXTUAL_KEPT:
                self.unregister_theme(name)
        wanted = str(load_config().get("theme") or DEFAULT_THEME)
        problem = self.unusable_theme(wanted)
        if problem is None:
            self.theme = wanted
        else:
            fallback = DEFAULT_THEME if self.unusable_theme(DEFAULT_THEME) is None else "textual-dark"
            self.theme = fallback
            problems.append(f"保存的主题 {wanted} 无法使用 ({problem}), 已改用 {fallback}")
        return problems

    def get_default_screen(self) -> MainScreen:
        """The main screen is the app's first screen (not pushed over an empty one: one screen made, styled
        and laid out before the first frame, not two)."""
        self.workbench.start_filters(self.initial_unit, self.initial_status)
        self.main = MainScreen(self.workbench, self.size.width)
        return self.main

    def on_mount(self) -> None:
        for problem in self._theme_problems:
            self.notify(problem, severity="warning", markup=False)
        for notice in self.notices:
            self.notify(notice, title="欢迎 / welcome", markup=False, timeout=15)
        self._startup_theme: str | None = self.theme  # its echo on the signal is not a choice to remember
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.set_interval(POLL_SECONDS, self.workbench.poll)
        # a preview: the whole store is read once the first screen is drawn; else the filter index is built
        # (get_default_screen made the main screen before this mount)
        waiter = self.main if self.workbench.loading and self.main is not None else self
        waiter.call_after_refresh(self._first_screen_drawn)

    def _first_screen_drawn(self) -> None:
        gc.enable()  # the launcher starts the app without cycle collection, until here
        self.workbench.start()

    # -- what the workbench says (govtui.workbench.live.Listener) ----------------------------
    def say(self, text: str, *, title: str = "", severity: Severity = "information",
            timeout: float | None = None) -> None:
        self.notify(text, title=title, severity=severity, timeout=timeout, markup=False)

    def changed(self, change: Change) -> None:
        try:
            if self.main is not None and self.main.is_attached:
                self.main.show_change(change)
        finally:
            if isinstance(change, AllTasksRead):
                self._ready_at = time.monotonic()  # keys typed before this were typed during the load


    # -- keys typed for another context ----------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        """A key never acts on something its typist could not see: one typed while the store was still
        being read (and held up until it was) or well before the screen in front came up is dropped, with
        a notice; while a large store is read, keys that need every task are refused with 正在加载…."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            if event.time < self._ready_at or event.time < self._screen_since - TYPEAHEAD:
                self._say_once("已忽略在加载或切换画面时按下的键 (keys typed before this screen showed: ignored)")
                return
            if self.workbench.loading and self.screen is self.main and event.key in NEEDS_DATA:
                self._say_once("正在加载… (loading) 全部任务读入后再按这个键")
                return
        await super().on_event(event)

    def _say_once(self, message: str) -> None:
        if not any(n.message == message for n in self._notifications):
            self.notify(message, severity="warning", markup=False, timeout=4)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        self._screen_since = time.monotonic()
        return super().push_screen(*args, **kwargs)

    def pop_screen(self) -> Any:
        self._screen_since = time.monotonic()
        return super().pop_screen()

    def switch_screen(self, screen: Any) -> Any:
        self._screen_since = time.monotonic()
        return super().switch_screen(screen)

    # -- themes and commands ------------------------------------------------------------
    def unusable_theme(self, name: str) -> str | None:
        """Why theme ``name`` cannot be applied (unknown, or its colours cannot style the app); else None."""
        theme = self.get_theme(name) if name in self.theme_names else None
        if theme is None:
            return "没有这个主题 (unknown theme)"
        return theme_problem(theme, self.stylesheet, self.get_theme_variable_defaults(), self.css_path)

    def next_theme(self) -> None:
        """Switch to the next shipped theme that can style the app; a broken one is skipped with a warning."""
        names = self.theme_names or [self.theme]
        index = names.index(self.theme) if self.theme in names else -1
        for step in range(1, len(names) + 1):
            name = names[(index + step) % len(names)]
            if name == self.theme:
                return
            problem = self.unusable_theme(name)
            if problem is None:
                break
            self.notify(f"主题 {name} 无法使用, 已跳过: {problem}", severity="warning", markup=False)
        else:
            return
        self.theme = name
        save_config({"theme": self.theme})
        self.notify(f"主题: {THEME_NAMES_ZH.get(self.theme, self.theme)} ({self.theme})", markup=False, timeout=2)

    def _remember_theme(self, theme: Theme) -> None:
        """A theme chosen anyhow (``t``, or the command palette's theme list) is remembered for next time."""
        if theme.name == self._startup_theme:
            self._startup_theme = None
            return
        self._startup_theme = None
        if theme.name in self.theme_names and load_config().get("theme") != theme.name:
            save_config({"theme": theme.name})

    def refresh_css(self, animate: bool = True) -> None:
        """Apply the stylesheet; should a theme still fail to style the app, fall back to the default."""
        try:
            super().refresh_css(animate)
        except Exception as exc:
            if self.theme == DEFAULT_THEME:
                raise
            broken = self.theme
            self.theme = DEFAULT_THEME
            save_config({"theme": DEFAULT_THEME})
            self.notify(f"主题 {broken} 无法使用, 已改用 {DEFAULT_THEME}: {exc}", severity="warning",
                        markup=False)

    def theme_labels(self) -> dict[str, str]:
        """The shipped themes the palette offers: name → what people call it."""
        return {name: THEME_NAMES_ZH.get(name, name) for name in self.theme_names}

    def search_themes(self) -> None:
        """The theme list of the palette's 切换主题 · Theme: the shipped themes, asking in Chinese."""
        from govtui.tui.screens.palette import GovPalette, ShippedThemes

        self.push_screen(GovPalette(providers=[ShippedThemes], placeholder="输入主题名称 (search for themes)…"))

    def action_command_palette(self) -> None:
        """The palette, asking in Chinese (Textual's own placeholder is English only)."""
        from textual.command import CommandPalette

        from govtui.tui.screens.palette import GovPalette

        if self.use_command_palette and not CommandPalette.is_open(cast(App[object], self)):
            self.push_screen(GovPalette(placeholder="输入命令名称 (中文或英文, 如 状态 / status)…",
                                        id="--command-palette"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):  # Textual's own, in Chinese where we know them
            title, help_text = TEXTUAL_COMMANDS.get(command.title, (command.title, command.help))
            yield SystemCommand(title, help_text, command.callback, command.discover)
        for key in KEY_ACTIONS:
            if key.action == "quit":
                continue
            yield SystemCommand(f"{key.zh} · {key.en}", f"按键 (key): {display_key(key.key)}",
                                partial(self._run_main_action, key.action))

    def action_redraw(self) -> None:
        """Ctrl+L, as in a shell: every line of the screen drawn again, whatever the terminal shows now
        (after another program wrote over it)."""
        screen = self.screen
        self._display(screen, screen._compositor.render_update(full=True, screen_stack=self._background_screens))

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (in a text field it copies): say, in Chinese, which key does."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"按 {display_key(key)} 退出 (press {key} to quit)", title="要退出吗? (quit?)",
                            markup=False)
                return

    async def _run_main_action(self, action: str) -> None:
        if self.main is not None:
            await self.run_action(action, self.main)


class WorkerRunner:
    """The app's :class:`~govtui.workbench.live.Runner`: jobs in worker threads (a newer reload or
    index job replaces an older one), their results back on the event loop."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app

    def run(self, job: Callable[[], None], group: str) -> None:
        self.app.run_worker(job, name=group, group=group, thread=True, exclusive=group != "write")

    def call(self, function: Callable[..., object], *args: Any) -> None:
        self.app.call_from_thread(function, *args)

    def post(self, function: Callable[[], object]) -> None:
        self.app.call_later(function)  # thread-safe: a message to the app

    def after(self, seconds: float, function: Callable[[], object]) -> None:
        self.app.set_timer(seconds, function)


#: Textual's own palette commands: title → (our title, our help).
TEXTUAL_COMMANDS: dict[str, tuple[str, str]] = {
    "Theme": ("切换主题 · Theme", "选择界面配色 (change the theme)"),
    "Quit": ("退出 · Quit", "立即退出程序 (quit)"),
    "Keys": ("按键面板 · Keys", "显示或隐藏当前部件的按键说明 (keys panel)"),
    "Maximize": ("最大化 · Maximize", "把当前部件放大到整个屏幕 (maximize)"),
    "Minimize": ("还原 · Minimize", "把放大的部件还原 (minimize)"),
    "Screenshot": ("截图 · Screenshot", "把当前屏幕存为 SVG 截图 (screenshot)"),
    "Bell": ("响铃 · Bell", "响一下提示音 (ring the bell)"),
}


def make_app(store: Store, *, unit: str | None = None, status: str | None = None,
             notices: list[str] | None = None) -> GovApp:
    """The one factory the CLI and the tests use."""
    return GovApp(store, unit=unit, status=status, notices=notices)


def crash_note(path: object) -> str:
    """What is said when the app ended on an internal error."""
    return f"govtui: 程序因内部错误退出 (exit 3); 已保存的修改都在 {path}"


def run_app(store: Store, *, unit: str | None = None, status: str | None = None,
            notices: list[str] | None = None) -> int:
    """Run the app; returns its exit code (non-zero when it ended on an error)."""
    app = make_app(store, unit=unit, status=status, notices=notices)
    app.run()
    return app.return_code or 0
