"""The govtui Textual app: loads the store, keeps it fresh, and writes every change at once.

Writes run in a worker thread (the screen never freezes on a slow disk); the user is
told "saved" only after the store file has been replaced on disk.  Another process's
changes are picked up by polling the file's identity once a second.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, cast

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from govtui.config import load_config, save_config
from govtui.errors import DocumentError
from govtui.history import history_lines
from govtui.keys import KEY_ACTIONS, display_key
from govtui.messages import (
    AnnualReportAsked,
    ArchiveAsked,
    BriefAsked,
    CarryOverAsked,
    DoubtsConfirmed,
    ImportAsked,
    MarkedChanged,
    NameChosen,
    NoteChangeAsked,
    NoteWritten,
    PlanDeleteAsked,
    ProofRecorded,
    RedoAsked,
    SaveWatcher,
    StatusChosen,
    TaskAddAsked,
    TaskDeleteAsked,
    TaskEdited,
    ThemeAsked,
    UndoAsked,
)
from govtui.model import ImportedPlan, Status, Task, Unit
from govtui.query import TaskIndex, asks_soon, resolve_units
from govtui.screens.main import READY_ACTIONS, FilterLayer, MainScreen, soon_of
from govtui.screens.whole_glyphs import install as draw_whole_glyphs
from govtui.storage import StoreError
from govtui.store import ConflictError, Snapshot, Store, today
from govtui.themes import DEFAULT_THEME, load_themes, theme_problem
from govtui.undo import UndoResult
from govtui.workdays import WorkCalendar

POLL_SECONDS = 1.0
#: From this many tasks the first filter waits for the background index rather than building its own.
BACKGROUND_INDEX_FROM = 5000
#: From this many tasks the first screen is drawn from the lookup index (when current) and the whole
#: store is read in the background; the table shows this many tasks until then.
PREVIEW_FROM = 2000
PREVIEW_ROWS = 100


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
        self.store = store
        self._preview_key = store.storage.stat_key()  # the version a preview shows (its file checks it)
        preview = store.preview(PREVIEW_ROWS, at_least=PREVIEW_FROM)
        #: While a preview is shown the whole store is being read in the background (see ``load_all``).
        self.loading = preview is not None
        self.snap: Snapshot = preview if preview is not None else store.snapshot()
        self.today: dt.date = today()
        self.calendar = WorkCalendar()  # 工作日: the holiday schedule is read on first use
        self.initial_unit = unit
        self.initial_status = status
        self.theme_names: list[str] = []
        self.main: MainScreen | None = None
        self._index: TaskIndex | None = None
        self._index_building: Snapshot | None = None
        self._index_source: Snapshot | None = None
        self._ready_at = 0.0  # when the whole store was in (monotonic, as key events' time)
        self._screen_since = 0.0  # when the screen in front last changed
        self.drafts: dict[str, str] = {}  # task id → a note not yet saved
        #: Task id → units and deadline typed in ``e`` but not saved (a conflict): offered again by ``e``.
        self.edit_drafts: dict[str, tuple[list[Unit], str]] = {}
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

    def on_mount(self) -> None:
        for problem in self._theme_problems:
            self.notify(problem, severity="warning", markup=False)
        for notice in self.notices:
            self.notify(notice, title="欢迎 / welcome", markup=False, timeout=15)
        self._startup_theme: str | None = self.theme  # its echo on the signal is not a choice to remember
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.main = MainScreen()
        self._apply_initial_filters()
        self.push_screen(self.main)
        self.set_interval(POLL_SECONDS, self.poll_store)
        if self.loading:
            self.main.call_after_refresh(self.load_all)  # once the first screen is drawn
        else:
            self._index_building = self.snap
            self.call_after_refresh(self.prepare_index, self.snap)

    def _read_store(self) -> Snapshot | None:
        """The whole store, read in a worker thread; ``None`` (and the reason on screen) when it cannot be read."""
        try:
            return self.store.snapshot()
        except StoreError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return None

    @work(thread=True, exclusive=True, group="reload")
    def load_all(self) -> None:
        """Read the whole store after the first screen (drawn from the lookup index), with its filter
        index and search texts, then show it: from then on everything works on all tasks."""
        snap = self._read_store()
        if snap is None:
            return
        index = TaskIndex(snap.tasks)
        index.haystacks()
        # Hundreds of thousands of objects that live as long as the app: kept out of the cycle
        # collector's full passes, which would otherwise stall the screen for a moment now and then.
        gc.freeze()
        self.call_from_thread(self._loaded, snap, index)

    def _loaded(self, snap: Snapshot, index: TaskIndex) -> None:
        try:
            self._show_loaded(snap, index)
        finally:
            self._ready_at = time.monotonic()  # keys typed before this were typed during the load

    def _show_loaded(self, snap: Snapshot, index: TaskIndex) -> None:
        self.loading = False
        if self.store.snapshot() is snap and self.store.storage.stat_key() == self._preview_key:
            # the same version as the preview: the tree and its counts stand, the table gets every task
            self.snap, self._index, self._index_source = snap, index, snap
            if self.main is not None and self.main.is_attached:
                self.main.apply_filters()
        else:
            self._apply_snapshot(snap, index)
        if self.main is not None and self.main.is_attached:
            self.main.refresh_bindings()

    def _apply_initial_filters(self) -> None:
        assert self.main is not None
        if self.initial_unit:
            known = (self.store.unit_names() if self.loading else
                     (u.name for t in self.snap.tasks for u in t.units))
            names = resolve_units(self.initial_unit, known, self.unit_keys_raw())
            if names:  # the bar shows the unit's name, not the pinyin typed (单位=办公室, not 单位=bgs)
                label = "、".join(names[:3]) + (f"等 {len(names)} 个单位" if len(names) > 3 else "")
                self.main.filters.append(FilterLayer.units(label, frozenset(names), None))
            else:
                self.notify(f"没有单位 {self.initial_unit}", severity="warning", markup=False)
        if self.initial_status:
            soon = soon_of(self) if asks_soon(self.initial_status) else None
            self.main.filters.append(FilterLayer.status(self.initial_status, soon))

    # -- keys typed for another context ----------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        """A key never acts on something its typist could not see: one typed while the store was still
        being read (and held up until it was) or well before the screen in front came up is dropped, with
        a notice; while a large store is read, keys that need every task are refused with 正在加载…."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            if event.time < self._ready_at or event.time < self._screen_since - TYPEAHEAD:
                self._say_once("已忽略在加载或切换画面时按下的键 (keys typed before this screen showed: ignored)")
                return
            if self.loading and self.screen is self.main and event.key in NEEDS_DATA:
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

    # -- keeping fresh ------------------------------------------------------------------
    def poll_store(self) -> None:
        if not self.loading and self.store.changed():
            self.reload()

    @work(thread=True, exclusive=True, group="reload")
    def reload(self) -> None:
        """Read the store again off the event loop, with its filter index, then show it."""
        snap = self._read_store()
        if snap is None:
            return
        index = TaskIndex(snap.tasks)
        self.call_from_thread(self._apply_snapshot, snap, index)

    @work(thread=True, exclusive=True, group="index")
    def prepare_index(self, snap: Snapshot) -> None:
        """Build the filter index and search texts in the background after the first screen,
        so that the first filter or search keystroke does not stall the screen."""
        index = TaskIndex(snap.tasks)
        index.haystacks()
        self.call_from_thread(self._index_ready, snap, index)
        if len(snap.tasks) >= PREVIEW_FROM:  # so that the next start draws its first screen from it
            try:
                self.store.save_index()
            except StoreError:
                pass

    def _index_ready(self, snap: Snapshot, index: TaskIndex) -> None:
        if self._index_building is snap:
            self._index_building = None
        if snap is self.snap and self._index_source is not snap:
            self._index, self._index_source = index, snap
            if self.main is not None and self.main.is_attached and self.main.waiting_for_index:
                self.main.apply_filters()

    def _apply_snapshot(self, snap: Snapshot, index: TaskIndex | None = None) -> None:
        self.snap = snap
        if index is not None:
            self._index, self._index_source = index, snap
        self.today = today()
        if self.main is not None and self.main.is_attached:
            self.main.refresh_data()

    def task_index(self) -> TaskIndex | None:
        """Posting lists over the current snapshot (rebuilt only when the snapshot changes).

        ``None`` while a large store's index is still being built in the background: the caller
        shows the filter once :meth:`_index_ready` has it, instead of stalling the screen.
        """
        if self.loading:
            return None  # the whole store is still being read: the filter is shown once it is
        if self._index is None or self._index_source is not self.snap:
            if self._index_building is self.snap and len(self.snap.tasks) > BACKGROUND_INDEX_FROM:
                return None
            self._index, self._index_source = TaskIndex(self.snap.tasks), self.snap
        return self._index

    def history_for(self, task_id: str) -> list[dict[str, Any]]:
        return self.snap.history.get(task_id, [])

    def unit_keys_raw(self) -> dict[str, dict[str, Any]]:
        try:
            return self.store.pinyin_keys()
        except StoreError:
            return {}

    def unit_keys(self) -> dict[str, list[str]]:
        """Extra keys per unit name for the unit picker: its pinyin, full and initials."""
        try:
            keys = self.store.pinyin_keys()
        except StoreError:
            return {}
        from govtui.pinyin import search_keys

        return {name: search_keys(k) for name, k in keys.items()}

    # -- writing ------------------------------------------------------------------------
    @work(thread=True, group="write")
    def _write(self, done_message: str, change: Callable[[], object],
               on_saved: Callable[[], None] | None = None, on_failed: Callable[[], None] | None = None) -> None:
        """Run one store change off the event loop; say "saved" only once it is on disk.

        ``on_saved`` / ``on_failed`` run on the event loop afterwards (the note editor closes only
        once its note is saved, and keeps the draft otherwise).
        """
        try:
            result = change()
        except ConflictError as exc:
            kept = " 你输入的内容已保留, 再按 e 可重新应用。" if on_failed is not None else ""
            self.call_from_thread(self.notify, f"{exc}; 现显示其版本。{kept}",
                                  title="修改冲突 / conflict", severity="warning", markup=False, timeout=10)
        except (StoreError, DocumentError, OSError) as exc:
            self.call_from_thread(self.notify, str(exc), title="未保存 / not saved", severity="error",
                                  markup=False, timeout=10)
        else:
            if isinstance(result, UndoResult):
                lines = history_lines(result.entries, with_task=True)
                done_message = "\n".join([done_message, *lines[:5]])
            self.call_from_thread(self._written, done_message, result if isinstance(result, Task) else None)
            if on_saved is not None:
                self.call_from_thread(on_saved)
            return
        if on_failed is not None:
            self.call_from_thread(on_failed)
        self.store.invalidate()  # the optimistic display may be wrong: read the truth again
        self.reload()

    def _written(self, message: str, task: Task | None) -> None:
        self.notify(message, markup=False, timeout=3)
        if task is not None and not self.store.changed():
            # Our own write, patched into the store's snapshot: update the view without re-reading.
            self._show_task(task, self.store.snapshot())
        else:
            self.reload()

    def _show_task(self, task: Task, snap: Snapshot | None = None) -> None:
        """Show a changed task at once: the snapshot and the filter index are updated in place."""
        index = self._index if self._index_source is self.snap else None
        before = self.snap.by_id.get(task.id)
        self.snap = snap if snap is not None else self.snap.with_task(task)
        if index is not None:  # keep the filter index current without rebuilding it
            index.replace(task)
            self._index_source = self.snap
        if self.main is not None and self.main.is_attached:
            self.main.task_changed(before, task)

    def change_status(self, task: Task, status: Status) -> None:
        # The write starts first (in its thread); the screen shows the change meanwhile.
        self._write(f"{task.id} → {status.label} 已保存",
                    partial(self.store.set_status, task.id, status, expected_rev=task.rev))
        self._show_task(task.copy_with(status=status))

    def add_note(self, task: Task, text: str, editor: SaveWatcher | None = None) -> None:
        """Append a note.  Notes only append, so a status change by someone else meanwhile is no
        conflict; should the write fail, the editor stays open with the draft (and the draft is kept)."""
        self.drafts[task.id] = text

        def saved() -> None:
            self.drafts.pop(task.id, None)
            if editor is not None:
                editor.saved()

        self._write(f"{task.id} 进展记录已保存", partial(self.store.add_note, task.id, text), saved,
                    editor.failed if editor is not None else None)

    def edit_task(self, task: Task, units: list[Unit], deadline_text: str) -> None:
        """Units and deadline in one write: one undo step."""
        def keep_typed() -> None:  # not saved: what was typed comes back the next time e is pressed
            self.edit_drafts[task.id] = (units, deadline_text)

        self._write(f"{task.id} 责任单位和时限已保存",
                    partial(self.store.edit_task, task.id, units, deadline_text, expected_rev=task.rev),
                    on_failed=keep_typed)

    def complete_occurrence(self, task: Task) -> None:
        def change() -> Task:
            done, met, following = self.store.complete_occurrence(task.id, expected_rev=task.rev)
            nxt = f"下一期 {done.deadline.due}" if following else "本年度各期均已完成"
            self.call_from_thread(self.notify, f"{task.id} {met} 已完成; {nxt}", markup=False)
            return done

        self._write(f"{task.id} 本期已保存", change)

    def set_proof(self, task: Task, proof: dict[str, Any]) -> None:
        self._write(f"{task.id} 公开凭证已保存", partial(self.store.set_proof, task.id, proof, expected_rev=task.rev))

    def copy_brief(self, units: list[str]) -> None:
        """催办: copy the units' brief with OSC 52, and save it to a file (for terminals that ignore OSC 52)."""
        from govtui.config import due_soon_days
        from govtui.files import atomic_write
        from govtui.paths import output_dir
        from govtui.remind import briefs

        days = due_soon_days()
        found = briefs(self.snap.tasks, self.today, days, self.calendar, units)
        if not found:
            self.notify(f"{'、'.join(units)}: 没有逾期或 {days} 个工作日内到期的任务", markup=False)
            return
        text = "\n\n".join(t for _, t in found)
        self.copy_to_clipboard(text)
        name = "、".join(units) if len(units) <= 3 else f"{units[0]}等{len(units)}个单位"
        path = output_dir() / f"催办-{name}-{self.today.isoformat()}.txt"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, (text + "\n").encode("utf-8"))
        except OSError as exc:
            self.notify(f"已复制到剪贴板 (OSC 52); 写文件失败: {exc}", severity="warning", markup=False)
            return
        self.notify(f"已复制到剪贴板 (OSC 52), 另存为 {path.name} (输出文件夹见 ? 帮助)", title="催办 / brief",
                    markup=False, timeout=8)

    def write_annual_report(self, plan_id: str) -> None:
        """The year-end material of one plan, as .docx and .md in the output folder."""
        plan = self.snap.plans.get(plan_id)
        if plan is None:
            return
        snap = self.snap

        def change() -> None:
            from govtui.annual import build, to_docx, to_markdown
            from govtui.files import atomic_write
            from govtui.paths import output_dir

            material = build(plan, snap.tasks, snap.history, self.today)
            folder = output_dir()
            folder.mkdir(parents=True, exist_ok=True)
            stem = folder / f"{plan.year or ''}年度报告素材-{plan.id}"
            atomic_write(stem.with_suffix(".docx"), to_docx(material))
            atomic_write(stem.with_suffix(".md"), to_markdown(material).encode("utf-8"))
            self.call_from_thread(self.notify, f"{stem.name}.docx 和 .md (输出文件夹见 ? 帮助)",
                                  title="年度报告素材已写入", markup=False, timeout=8)

        self._write("年度报告素材已生成", change)

    def carry_over(self, from_plan: str, to_plan: str, task_ids: list[str]) -> None:
        def change() -> None:
            copied = self.store.carry_over(from_plan, to_plan, task_ids)
            self.call_from_thread(self.notify, f"已结转 {len(copied)} 项到计划 {to_plan}", markup=False)

        self._write("上年结转已保存", change)

    def undo_last(self) -> None:
        self._write("已撤销 (undone):", self.store.undo)

    def redo_last(self) -> None:
        self._write("已重做 (redone):", self.store.redo)

    def store_path(self) -> str:
        return str(self.store.path)

    def user_name(self) -> str:
        """The name changes are recorded under (see :attr:`govtui.store.Store.user`)."""
        return self.store.user

    def set_user_name(self, name: str) -> None:
        save_config({"user": name})
        self.store.user = name if not os.environ.get("GOVTUI_USER") else self.store.user
        note = " (GOVTUI_USER 已设置, 本次仍用它)" if os.environ.get("GOVTUI_USER") else ""
        self.notify(f"我的名字: {name}{note}", markup=False, timeout=3)

    def preview_import(self, path: str) -> tuple[list[ImportedPlan], list[str]]:
        """Read a document and describe what importing it would do (called from the dialog's worker)."""
        from govtui.import_preview import describe
        from govtui.importers import read_plans

        plans = read_plans(path)
        lines: list[str] = []
        for imported in plans:
            lines += [*describe(imported, self.store.preview_import(imported)), ""]
        return plans, lines

    def import_document(self, plans: list[ImportedPlan]) -> None:
        def change() -> None:
            for result in self.store.import_plans(plans):
                title = f"已导入: {result.plan.title}"
                self.call_from_thread(self.notify, f"新增 {result.added}, 修改 {result.updated}, 移除 {result.removed}",
                                      title=title, markup=False)

        self._write("导入完成", change)

    # -- what the screens ask for (govtui.messages) ---------------------------------------
    @on(StatusChosen)
    def _status_chosen(self, message: StatusChosen) -> None:
        task = message.task
        if message.status is Status.DONE and task.deadline.kind.value == "recurring" and task.deadline.due:
            self.complete_occurrence(task)  # a recurring duty: this occurrence is met, on to the next
        else:
            self.change_status(task, message.status)

    @on(MarkedChanged)
    def _marked_changed(self, message: MarkedChanged) -> None:
        """The marked tasks' status and/or a note, written as one change (one undo step)."""
        ids, watcher = message.task_ids, message.watcher
        what = f"{message.status.label}" if message.status is not None else "进展记录"
        self._write(f"已保存: {len(ids)} 项任务 {what} (Ctrl+Z 一步撤销)",
                    partial(self.store.change_many, ids, status=message.status, note=message.text),
                    watcher.saved if watcher is not None else None, watcher.failed if watcher is not None else None)

    @on(DoubtsConfirmed)
    def _doubts_confirmed(self, message: DoubtsConfirmed) -> None:
        ids = message.task_ids
        self._write(f"已核对: {'、'.join(ids[:3])}{f' 等 {len(ids)} 项' if len(ids) > 3 else ''} (Ctrl+Z 撤销)",
                    partial(self.store.confirm, ids))

    @on(TaskAddAsked)
    def _task_add_asked(self, message: TaskAddAsked) -> None:
        def change() -> None:
            task = self.store.add_task(message.plan_id, message.section_id, message.text, message.units,
                                       message.deadline)
            self.call_from_thread(self.notify, f"已新增任务 {task.id} (Ctrl+Z 撤销)", markup=False)

        self._write("新增任务已保存", change)

    @on(TaskDeleteAsked)
    def _task_delete_asked(self, message: TaskDeleteAsked) -> None:
        def change() -> None:
            self.store.delete_task(message.task.id)

        self._write(f"已删除任务 {message.task.id} (Ctrl+Z 撤销)", change)

    @on(NoteChangeAsked)
    def _note_change_asked(self, message: NoteChangeAsked) -> None:
        watcher = message.watcher

        def change() -> None:
            if message.text is None:
                self.store.delete_note(message.task_id, message.index)
            else:
                self.store.edit_note(message.task_id, message.text, message.index)

        what = "已删除" if message.text is None else "已修改"
        self._write(f"{message.task_id} 第 {message.index} 条进展记录{what}", change,
                    watcher.saved if watcher is not None else None, watcher.failed if watcher is not None else None)

    @on(ArchiveAsked)
    def _archive_asked(self, message: ArchiveAsked) -> None:
        def change() -> None:
            self.store.set_archived(message.plan_id, message.archived)

        done = (f"计划 {message.plan_id} 已归档: 默认不再显示, 搜索仍可找到 (B 显示已归档, b 取消归档)"
                if message.archived else f"计划 {message.plan_id} 已取消归档")
        self._write(done, change)

    @on(PlanDeleteAsked)
    def _plan_delete_asked(self, message: PlanDeleteAsked) -> None:
        def change() -> None:
            self.store.delete_plan(message.plan_id)

        self._write(f"计划 {message.plan_id} 已删除 (Ctrl+Z 可恢复)", change)

    @on(ProofRecorded)
    def _proof_recorded(self, message: ProofRecorded) -> None:
        self.set_proof(message.task, message.proof)

    @on(BriefAsked)
    def _brief_asked(self, message: BriefAsked) -> None:
        self.copy_brief(message.units)

    @on(AnnualReportAsked)
    def _annual_report_asked(self, message: AnnualReportAsked) -> None:
        self.write_annual_report(message.plan_id)

    @on(CarryOverAsked)
    def _carry_over_asked(self, message: CarryOverAsked) -> None:
        self.carry_over(message.from_plan, message.to_plan, message.task_ids)

    @on(NoteWritten)
    def _note_written(self, message: NoteWritten) -> None:
        self.add_note(message.task, message.text, message.watcher)

    @on(TaskEdited)
    def _task_edited(self, message: TaskEdited) -> None:
        self.edit_task(message.task, message.units, message.deadline)

    @on(UndoAsked)
    def _undo_asked(self) -> None:
        self.undo_last()

    @on(RedoAsked)
    def _redo_asked(self) -> None:
        self.redo_last()

    @on(NameChosen)
    def _name_chosen(self, message: NameChosen) -> None:
        self.set_user_name(message.name)

    @on(ImportAsked)
    def _import_asked(self, message: ImportAsked) -> None:
        self.import_document(message.plans)

    @on(ThemeAsked)
    def _theme_asked(self) -> None:
        self.next_theme()

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
        from govtui.screens.palette import GovPalette, ShippedThemes

        self.push_screen(GovPalette(providers=[ShippedThemes], placeholder="输入主题名称 (search for themes)…"))

    def action_command_palette(self) -> None:
        """The palette, asking in Chinese (Textual's own placeholder is English only)."""
        from textual.command import CommandPalette

        from govtui.screens.palette import GovPalette

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
