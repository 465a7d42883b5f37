"""The workbench: one place for each thing a person does in the app, without Textual.

On the store kept fresh by :class:`~govtui.workbench.live.LiveStore` it holds the view
(:class:`~govtui.workbench.view.ViewState`: filters, order, archived plans, marks), and every change a
person makes is one method here, run through the injected runner: a worker thread in the app (the screen
never freezes on a slow disk), at once in tests.  The person is told "saved" only once the store file has
been replaced on disk.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, Protocol

from govtui.domain.config import save_config
from govtui.domain.errors import DocumentError
from govtui.domain.history import history_lines
from govtui.domain.model import ImportedPlan, Status, Task, Unit
from govtui.domain.query import TaskFilter, asks_soon
from govtui.domain.snapshot import Snapshot
from govtui.domain.sorting import sort_key
from govtui.domain.unit_names import resolve_units
from govtui.store.errors import StoreError
from govtui.store.store import ConflictError, Store
from govtui.store.undo import UndoResult
from govtui.workbench.live import Listener, LiveStore, Runner
from govtui.workbench.view import FilterLayer, ViewState

#: A change is shown once it is on disk, or after this many seconds when the disk is slower (see ``_write``).
SHOW_WITHIN = 0.1


class SaveWatcher(Protocol):
    """Told how a write it asked for ended (the note editor: it stays open until the note is on disk)."""

    def saved(self) -> None: ...
    def failed(self) -> None: ...


class Workbench(LiveStore):
    def __init__(self, store: Store, runner: Runner, listener: Listener) -> None:
        super().__init__(store, runner, listener)
        self.view = ViewState()
        self._spelling: tuple[Snapshot, dict[str, str]] | None = None  # unit name → pinyin, for the 单位 sort
        self.drafts: dict[str, str] = {}  # task id → a note not yet saved
        #: Task id → units and deadline typed in ``e`` but not saved (a conflict): offered again by ``e``.
        self.edit_drafts: dict[str, tuple[list[Unit], str]] = {}

    # -- reading ----------------------------------------------------------------------------
    def soon(self) -> tuple[int, int]:
        """The 即将到期 window: (calendar days, working days), the working days from the user settings."""
        from govtui.domain.config import due_soon_days
        from govtui.reports.remind import soon_window

        days = due_soon_days()
        return soon_window(self.today, days, self.calendar), days

    def store_path(self) -> str:
        return str(self.store.path)

    def user_name(self) -> str:
        """The name changes are recorded under (see :attr:`govtui.store.store.Store.user`)."""
        return self.store.user

    def preview_import(self, path: str) -> tuple[list[ImportedPlan], list[str]]:
        """Read a document and describe what importing it would do (called from the dialog's worker)."""
        from govtui.importers import read_plans
        from govtui.store.import_preview import describe

        plans = read_plans(path)
        lines: list[str] = []
        for imported in plans:
            lines += [*describe(imported, self.store.preview_import(imported)), ""]
        return plans, lines

    def describe_import(self, plans: list[ImportedPlan]) -> tuple[list[str], bool]:
        """What importing the reviewed plans would do, in lines, and whether it removes tasks (the review)."""
        from govtui.store.import_preview import describe, removes_anything

        diffs = [self.store.preview_import(imported) for imported in plans]
        lines = [line for imported, diff in zip(plans, diffs, strict=True) for line in describe(imported, diff)]
        return lines, removes_anything(diffs)

    # -- the view ----------------------------------------------------------------------------
    def start_filters(self, unit: str | None, status: str | None) -> None:
        """The filters asked for on the command line (``govtui --unit … --status …``)."""
        if unit:
            known = self.store.unit_names() if self.loading else self.known_units()
            names = resolve_units(unit, known, self.unit_keys_raw())
            if names:  # the bar shows the unit's name, not the pinyin typed (单位=办公室, not 单位=bgs)
                label = "、".join(names[:3]) + (f"等 {len(names)} 个单位" if len(names) > 3 else "")
                self.view = self.view.with_filter("unit", FilterLayer.units(label, frozenset(names), None))
            else:
                self.listener.say(f"没有单位 {unit}", severity="warning")
        if status:
            soon = self.soon() if asks_soon(status) else None
            self.view = self.view.with_filter("status", FilterLayer.status(status, soon))

    def task_filter(self) -> TaskFilter:
        return self.view.task_filter(self.snap)

    def filtered(self) -> list[Task] | None:
        """The tasks the view's filters let through (in document order: see :meth:`sorted`); ``None``
        while the filter index is being built."""
        if self.loading:  # a preview: its first tasks, the archived plans' left out; no filter yet
            return None if self.view.filters else self.view.shown_tasks(self.snap)
        task_filter = self.task_filter()
        if not task_filter.active():
            return self.snap.tasks  # no index needed (and none built) for the whole list
        index = self.task_index()
        return index.select(task_filter, self.today) if index is not None else None

    def sorted(self, tasks: list[Task]) -> list[Task]:
        """``tasks`` in the view's order (document order, as stored, when none is chosen)."""
        key = self._sort_key()
        return tasks if key is None else sorted(tasks, key=key)

    def _sort_key(self) -> Callable[[Task], tuple[Any, ...]] | None:
        if not self.view.sort:
            return None
        spelling = None
        if self.view.sort == "unit":  # by pinyin: 办公室 (bangongshi) before 财务科 (caiwuke)
            snap = self.snap
            spelling = self._spelling[1] if self._spelling is not None and self._spelling[0] is snap else None
            if spelling is None:
                spelling = {}
                for name, keys in self.unit_keys_raw().items():
                    full = keys.get("full")
                    spelling[name] = full if isinstance(full, str) else (full[0] if full else name)
                self._spelling = (snap, spelling)  # read once per snapshot
        return sort_key(self.view.sort, self.today, spelling)

    def stays_in_place(self, before: Task, after: Task) -> bool:
        """Whether ``after`` stands where ``before`` stood in the view's list: it still passes the view's
        filters and sorts the same, so that the changed task replaces its row and the list is not filtered
        and sorted again (at 200,000 tasks a status change would otherwise redraw for most of a second)."""
        if self.loading or before.id != after.id or before.plan_id != after.plan_id:
            return False
        task_filter = self.task_filter()
        if task_filter.active() and not task_filter.matches(after, self.today):
            return False
        key = self._sort_key()
        return key is None or key(before) == key(after)

    def marked_ids(self, shown: Sequence[Task] = ()) -> list[str]:
        """The marked tasks still in the store, those in ``shown`` (the table) first, in its order."""
        return self.view.marked_ids(shown, self.snap.by_id)

    # -- writing -----------------------------------------------------------------------------
    def _write(self, done_message: str, change: Callable[[], object],
               on_saved: Callable[[], None] | None = None, on_failed: Callable[[], None] | None = None,
               show: Callable[[], None] | None = None) -> None:
        """Run one store change through the runner; say "saved" only once it is on disk.

        ``on_saved`` / ``on_failed`` run on the UI thread afterwards (the note editor closes only
        once its note is saved, and keeps the draft otherwise).  ``show`` shows the change on the screen:
        on the UI thread as soon as the change is on disk (before its backup is written), or after
        :data:`SHOW_WITHIN` seconds if the disk is slower or the store is held by someone else — not
        at once, as the screen's redrawing would hold the write up (at 200,000 tasks, three times over).
        """
        pending = [show]

        def show_once() -> None:
            if pending[0] is not None:
                shown, pending[0] = pending[0], None
                shown()

        def job() -> None:
            try:
                attempt()
            finally:  # after what the attempt asked the screen to do
                self._later(self._write_ended)

        def attempt() -> None:
            try:
                if show is None:
                    result = change()
                else:
                    with self.store.on_commit(partial(self.runner.post, show_once)):
                        result = change()
            except ConflictError as exc:
                pending[0] = None  # the store is read again instead
                kept = " 你输入的内容已保留, 再按 e 可重新应用。" if on_failed is not None else ""
                self._later(self.listener.say, f"{exc}; 现显示其版本。{kept}", title="修改冲突 / conflict",
                            severity="warning", timeout=10)
            except (StoreError, DocumentError, OSError) as exc:
                pending[0] = None
                self._later(self.listener.say, str(exc), title="未保存 / not saved", severity="error", timeout=10)
            else:
                message = done_message
                if isinstance(result, UndoResult):
                    message = "\n".join([done_message, *history_lines(result.entries, with_task=True)[:5]])
                self._later(self._written, message, result if isinstance(result, Task) else None)
                if on_saved is not None:
                    self._later(on_saved)
                return
            if on_failed is not None:
                self._later(on_failed)
            self.store.invalidate()  # the optimistic display may be wrong: read the truth again
            self._later(self.reload)

        self.writes_in_flight += 1
        self.runner.run(job, "write")
        if pending[0] is not None:
            self.runner.after(SHOW_WITHIN, show_once)

    def _write_ended(self) -> None:
        self.writes_in_flight -= 1

    def _say_later(self, text: str) -> None:
        """From a write's job: a line for the person."""
        self._later(self.listener.say, text)

    def _written(self, message: str, task: Task | None) -> None:
        self.listener.say(message, timeout=3)
        if task is not None and not self.store.changed():
            # Our own write, patched into the store's snapshot: update the view without re-reading.
            self._show_task(task, self.store.snapshot())
        else:
            self.reload()

    def set_status(self, task: Task, status: Status) -> None:
        """``1``-``4``; done on a recurring duty meets this occurrence, on to the next."""
        if status is Status.DONE and task.deadline.kind.value == "recurring" and task.deadline.due:
            self.complete_occurrence(task)
            return
        def show() -> None:  # unless the store was read again meanwhile: the truth is shown then
            shown = self.snap.by_id.get(task.id)
            if shown is not None and shown.rev == task.rev:
                # with the revision the change gives it (one change, one bump): a second key pressed before the
                # write has ended changes the task as now shown, not as it was before (no conflict with itself)
                self._show_task(task.copy_with(status=status, rev=task.rev + 1))

        self._write(f"{task.id} → {status.label} 已保存",
                    partial(self.store.set_status, task.id, status, expected_rev=task.rev), show=show)

    def complete_occurrence(self, task: Task) -> None:
        def change() -> Task:
            done, met, following = self.store.complete_occurrence(task.id, expected_rev=task.rev)
            nxt = f"下一期 {done.deadline.due}" if following else "本年度各期均已完成"
            self._say_later(f"{task.id} {met} 已完成; {nxt}")
            return done

        self._write(f"{task.id} 本期已保存", change)

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

    def keep_draft(self, task_id: str, text: str) -> None:
        """A note typed and left unsaved (Esc): offered again the next time (an empty one is forgotten)."""
        if text.strip():
            self.drafts[task_id] = text
        else:
            self.drafts.pop(task_id, None)

    def edit_task(self, task: Task, units: list[Unit], deadline_text: str) -> None:
        """Units and deadline in one write: one undo step."""
        def keep_typed() -> None:  # not saved: what was typed comes back the next time e is pressed
            self.edit_drafts[task.id] = (units, deadline_text)

        self._write(f"{task.id} 责任单位和时限已保存",
                    partial(self.store.edit_task, task.id, units, deadline_text, expected_rev=task.rev),
                    on_failed=keep_typed)

    def set_proof(self, task: Task, proof: dict[str, Any]) -> None:
        self._write(f"{task.id} 公开凭证已保存", partial(self.store.set_proof, task.id, proof, expected_rev=task.rev))

    def change_marked(self, ids: list[str], status: Status | None = None, text: str | None = None,
                      watcher: SaveWatcher | None = None) -> None:
        """The marked tasks' status and/or a note, written as one change (one undo step)."""
        what = f"{status.label}" if status is not None else "进展记录"
        self._write(f"已保存: {len(ids)} 项任务 {what} (Ctrl+Z 一步撤销)",
                    partial(self.store.change_many, ids, status=status, note=text),
                    watcher.saved if watcher is not None else None, watcher.failed if watcher is not None else None)

    def confirm_doubts(self, ids: list[str]) -> None:
        self._write(f"已核对: {'、'.join(ids[:3])}{f' 等 {len(ids)} 项' if len(ids) > 3 else ''} (Ctrl+Z 撤销)",
                    partial(self.store.confirm, ids))

    def add_task(self, plan_id: str, section_id: str | None, text: str, units: list[Unit], deadline: str) -> None:
        def change() -> None:
            task = self.store.add_task(plan_id, section_id, text, units, deadline)
            self._say_later(f"已新增任务 {task.id} (Ctrl+Z 撤销)")

        self._write("新增任务已保存", change)

    def delete_task(self, task: Task) -> None:
        self.view = self.view.unmarked([task.id])
        self._write(f"已删除任务 {task.id} (Ctrl+Z 撤销)", partial(self.store.delete_task, task.id))

    def change_note(self, task_id: str, index: int, text: str | None, watcher: SaveWatcher | None = None) -> None:
        """Note ``index`` (1 = oldest) of task ``task_id`` replaced by ``text``, or deleted (``None``)."""
        def change() -> None:
            if text is None:
                self.store.delete_note(task_id, index)
            else:
                self.store.edit_note(task_id, text, index)

        what = "已删除" if text is None else "已修改"
        self._write(f"{task_id} 第 {index} 条进展记录{what}", change,
                    watcher.saved if watcher is not None else None, watcher.failed if watcher is not None else None)

    def set_archived(self, plan_id: str, archived: bool) -> None:
        done = (f"计划 {plan_id} 已归档: 默认不再显示, 搜索仍可找到 (B 显示已归档, b 取消归档)"
                if archived else f"计划 {plan_id} 已取消归档")
        self._write(done, partial(self.store.set_archived, plan_id, archived))

    def delete_plan(self, plan_id: str) -> None:
        self._write(f"计划 {plan_id} 已删除 (Ctrl+Z 可恢复)", partial(self.store.delete_plan, plan_id))

    def carry_over(self, from_plan: str, to_plan: str, task_ids: list[str]) -> None:
        def change() -> None:
            copied = self.store.carry_over(from_plan, to_plan, task_ids)
            self._say_later(f"已结转 {len(copied)} 项到计划 {to_plan}")

        self._write("上年结转已保存", change)

    def correct(self, change: Callable[..., object], args: tuple[Any, ...], done: str) -> None:
        """A correction of a plan's reading (``F``; a function of :mod:`govtui.store.corrections`): one undo step."""
        self._write(f"{done} (Ctrl+Z 撤销)", partial(self.store.correct, change, *args))

    def import_plans(self, plans: list[ImportedPlan]) -> None:
        def change() -> None:
            for result in self.store.import_plans(plans):
                self._later(self.listener.say, f"新增 {result.added}, 修改 {result.updated}, 移除 {result.removed}",
                            title=f"已导入: {result.plan.title}")

        self._write("导入完成", change)

    def undo(self) -> None:
        self._write("已撤销 (undone):", self.store.undo)

    def redo(self) -> None:
        self._write("已重做 (redone):", self.store.redo)

    def set_user_name(self, name: str) -> None:
        save_config({"user": name})
        fixed = os.environ.get("GOVTUI_USER")
        self.store.user = name if not fixed else self.store.user
        self.listener.say(f"我的名字: {name}{' (GOVTUI_USER 已设置, 本次仍用它)' if fixed else ''}", timeout=3)

    # -- what goes out: the 催办 brief, the year-end material ----------------------------------------
    def copy_brief(self, units: list[str], clipboard: Callable[[str], None]) -> None:
        """催办: the units' brief to ``clipboard`` (OSC 52), and to a file (for terminals that ignore OSC 52)."""
        from govtui.domain.config import due_soon_days
        from govtui.domain.files import atomic_write
        from govtui.domain.paths import output_dir
        from govtui.reports.remind import briefs

        days = due_soon_days()
        found = briefs(self.snap.tasks, self.today, days, self.calendar, units)
        if not found:
            self.listener.say(f"{'、'.join(units)}: 没有逾期或 {days} 个工作日内到期的任务")
            return
        text = "\n\n".join(t for _, t in found)
        clipboard(text)
        name = "、".join(units) if len(units) <= 3 else f"{units[0]}等{len(units)}个单位"
        path = output_dir() / f"催办-{name}-{self.today.isoformat()}.txt"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, (text + "\n").encode("utf-8"))
        except OSError as exc:
            self.listener.say(f"已复制到剪贴板 (OSC 52); 写文件失败: {exc}", severity="warning")
            return
        self.listener.say(f"已复制到剪贴板 (OSC 52), 另存为 {path.name} (输出文件夹见 ? 帮助)", title="催办 / brief",
                          timeout=8)

    def write_annual_report(self, plan_id: str) -> None:
        """The year-end material of one plan, as .docx and .md in the output folder."""
        plan = self.snap.plans.get(plan_id)
        if plan is None:
            return
        snap, day = self.snap, self.today

        def change() -> None:
            from govtui.domain.files import atomic_write
            from govtui.domain.paths import output_dir
            from govtui.reports.annual import build, to_docx, to_markdown

            material = build(plan, snap.tasks, snap.history, day)
            folder = output_dir()
            folder.mkdir(parents=True, exist_ok=True)
            stem = folder / f"{plan.year or ''}年度报告素材-{plan.id}"
            atomic_write(stem.with_suffix(".docx"), to_docx(material))
            atomic_write(stem.with_suffix(".md"), to_markdown(material).encode("utf-8"))
            self._later(self.listener.say, f"{stem.name}.docx 和 .md (输出文件夹见 ? 帮助)",
                        title="年度报告素材已写入", timeout=8)

        self._write("年度报告素材已生成", change)
