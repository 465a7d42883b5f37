"""The main screen: filter bar, section tree, task table, detail pane, search line, footer.

Its keys are grouped by what they act on: the view (here), one task (``task_keys.py``), a plan and what
goes in and out (``plan_keys.py``); each calls one method of the workbench (``main_base.py``).
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Tree

from govtui.domain.model import Status, Task
from govtui.domain.sorting import SORTS
from govtui.domain.unit_names import unit_counts
from govtui.tui.keys import KEY_ACTIONS
from govtui.tui.messages import TaskHighlighted
from govtui.tui.screens.plan_keys import PlanKeys
from govtui.tui.screens.task_keys import TaskKeys
from govtui.tui.screens.task_view import TaskView
from govtui.tui.widgets.detail_pane import DetailPane
from govtui.tui.widgets.filter_bar import FilterBar
from govtui.tui.widgets.footer import FittingFooter
from govtui.tui.widgets.section_tree import Scope, SectionTree, tree_width
from govtui.tui.widgets.task_table import TaskTable
from govtui.workbench.live import AllTasksRead, Change, IndexReady, SnapshotChanged, TaskChanged
from govtui.workbench.view import FilterLayer, ViewState
from govtui.workbench.workbench import Workbench

TASK_ACTIONS = {"open_task", "delete_task", "edit_notes", "confirm_doubts", "fix_reading",
                "set_status", "add_note", "edit_task", "record_proof", "annual_report", "carry_over"}
#: What works on the first screen while the whole store is still being read.
READY_ACTIONS = {"quit", "help", "next_theme", "search", "clear_latest", "clear_all", "open_task"}
WIDE = 140  # columns from which the detail pane sits beside the table
FOOTER_PALETTE_FROM = 78  # columns from which the footer's keys leave room for the palette's key


class MainScreen(TaskKeys, PlanKeys):
    BINDINGS = [Binding(k.key, k.action, k.footer_label, show=k.footer, id=k.action.split("(")[0])
                for k in KEY_ACTIONS]

    def __init__(self, workbench: Workbench, width: int = 0) -> None:
        super().__init__(workbench)
        #: The terminal's width when the screen is made: its layout classes and footer are chosen for it
        #: before the first screen (set after it, they would style every widget a second time).
        self._width = width
        if width:
            self.set_class(width >= WIDE, "wide")
            self.set_class(width < 100, "narrow")
        self._search_before: str | None = None
        self._had_no_task = False
        self.waiting_for_index = False
    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        with Horizontal(id="body"):
            yield SectionTree(id="tree")
            with Vertical(id="workspace"):
                yield TaskTable(id="table")
                yield DetailPane(id="detail")
        yield Input(placeholder="搜索要求和进展记录… (Enter 确定, Esc 取消)", id="search")
        yield FittingFooter(compact=0 < self._width < 100,
                            show_command_palette=not self._width or self._width >= FOOTER_PALETTE_FROM)

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self._fit(self.app.size.width)
        self.refresh_data()
        self.query_one(TaskTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width >= WIDE, "wide")
        self.set_class(width < 100, "narrow")
        footer = self.query_one(FittingFooter)
        footer.compact = width < 100  # every footer key, ? help and q included, at 80
        # Narrower, the palette's key (docked right) would cover the keys and cut a character in two;
        # Ctrl+P still works and is in ? help.
        palette = width >= FOOTER_PALETTE_FROM
        if footer.show_command_palette != palette:
            footer.show_command_palette = palette
            footer.refresh(recompose=True)  # its keys are made in compose: the reactive alone keeps the old
        self._fit_panes(width)

    def _fit_panes(self, width: int) -> None:
        """The tree and (side by side) the detail pane take a share of the width; the table the rest."""
        tree = tree_width(width)
        self.query_one(SectionTree).styles.width = tree
        detail = self.query_one(DetailPane)
        detail.styles.width = max(40, min(70, (width - tree) * 2 // 5)) if width >= WIDE else None

    # -- what the workbench says changed ----------------------------------------------------
    def show_change(self, change: Change) -> None:
        if isinstance(change, SnapshotChanged):
            self.refresh_data()
        elif isinstance(change, TaskChanged):
            self.task_changed(change.before, change.after)
        elif isinstance(change, IndexReady):
            if self.waiting_for_index:
                self.apply_filters()
        elif isinstance(change, AllTasksRead):
            if change.same:  # the tree and its counts stand; the table gets every task
                self.query_one(SectionTree).every_task_read(self.workbench.snap.tasks)
                self.apply_filters()
            self.refresh_bindings()

    # -- data and filters ---------------------------------------------------------------
    def refresh_data(self) -> None:
        """Reload tree and table from the workbench's snapshot, keeping filters and the highlighted task."""
        snap = self.workbench.snap
        self.query_one(SectionTree).load(self.workbench.view.shown_plans(snap), snap.tasks, snap.counts)
        self.apply_filters()
        self._refresh_task_views()

    def task_changed(self, before: Task | None, after: Task) -> None:
        """One task changed (status, note, units): refresh the table, detail and tree counts.  A task that still
        passes the filters and sorts the same takes its row's place; else the list is made again."""
        table = self.query_one(TaskTable)
        if not (before is not None and self.workbench.stays_in_place(before, after)
                and table.replace_row(before, after)):
            self.apply_filters()
        tree = self.query_one(SectionTree)
        if before is not None and before.sections == after.sections:
            tree.count_change(before, after)
        else:
            tree.update_counts(self.workbench.snap.tasks)
        self.post_message(TaskHighlighted(table.current))
        self._refresh_task_views()

    def apply_filters(self) -> None:
        bench = self.workbench
        view, snap = bench.view, bench.snap
        tasks = bench.filtered()
        self.waiting_for_index = tasks is None
        if tasks is None:  # shown as soon as the background index is ready
            waiting = "正在读取全部任务…" if bench.loading else "正在建立索引…"
            self.query_one(FilterBar).show([*view.labels(), waiting], 0, snap.total())
            return
        tasks = bench.sorted(tasks)
        table = self.query_one(TaskTable)
        table.empty_lines = self.empty_message() if not tasks else []
        unit = view.layer("unit")
        table.first_units = frozenset(unit.units) if unit is not None and unit.units else frozenset()
        table.plan_years = {p.id: p.year for p in snap.plans.values()}
        keep = table.current.id if table.current else None
        table.set_tasks(tasks, bench.today, keep=keep)
        total = snap.total()
        self.query_one(FilterBar).show(view.labels(), total if bench.loading else len(tasks), total,
                                       sort=SORTS[view.sort] if view.sort else None)

    def set_view(self, view: ViewState) -> None:
        """``view`` (its filters, sort or archived plans changed) shown."""
        self.workbench.view = view
        self.apply_filters()

    def set_filter(self, kind: str, layer: FilterLayer | None) -> None:
        """Replace the filter of this ``kind`` with ``layer`` (``None``: remove it)."""
        self.set_view(self.workbench.view.with_filter(kind, layer))

    def scope_layer(self, scope: Scope) -> FilterLayer:
        return FilterLayer.scope(self.scope_label(scope), scope.plan, scope.section)

    def scope_label(self, scope: Scope) -> str:
        plan = self.workbench.snap.plans.get(scope.plan or "")
        if plan is None:
            return "全部"
        section = plan.section(scope.section) if scope.section else None
        return section.heading if section else (plan.organization or plan.title)

    # -- reacting to widgets ------------------------------------------------------------
    def detail_context(self, task: Task | None) -> dict[str, Any]:
        """What the detail pane (and the full-screen view) shows besides the task itself."""
        snap = self.workbench.snap
        plan = snap.plans.get(task.plan_id) if task else None
        history = self.workbench.history_for(task.id) if task else None
        previous = snap.by_id.get(str(task.previous.get("id"))) if task and task.previous else None
        previous_plan = snap.plans.get(previous.plan_id) if previous else None
        return {"plan": plan, "today": self.workbench.today, "history": history, "calendar": self.workbench.calendar,
                "previous": previous, "previous_plan": previous_plan,
                "empty": self.empty_message() if task is None else None}

    @on(TaskHighlighted)
    def _highlighted(self, event: TaskHighlighted) -> None:
        task = event.task
        self.query_one(DetailPane).show(task, **self.detail_context(task))
        if (task is None) != self._had_no_task:  # the task keys (1-4, n, e) turn on or off
            self._had_no_task = task is None
            self.refresh_bindings()

    @on(Tree.NodeSelected, "#tree")
    def _section_chosen(self, event: Tree.NodeSelected[Scope]) -> None:
        scope = event.node.data
        self.set_filter("scope", self.scope_layer(scope) if scope and scope.plan else None)

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        if self.query_one("#search", Input).display:
            text = event.value.strip()
            self.set_filter("search", FilterLayer.search(text) if text else None)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self._close_search()

    def _close_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = False
        self._search_before = None
        self.query_one(TaskTable).focus()

    # -- the view's keys: filters, order, archived plans ------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.workbench.loading and action not in READY_ACTIONS:
            return None  # the first screen is a preview: the keys work once every task is read
        if action in TASK_ACTIONS and self.current_task() is None:
            return None
        return True

    # The dialogs are imported when first opened: the first screen appears sooner.
    def action_pick_unit(self) -> None:
        from govtui.tui.screens.unit_picker import UnitChoice, UnitPicker

        # The counts the table will show: archived plans' tasks are left out as they are from the table.
        counts = unit_counts(self.workbench.view.shown_tasks(self.workbench.snap))

        def chosen(choice: UnitChoice | None) -> None:
            if choice is not None:
                self.set_filter("unit", FilterLayer.units(choice.name, frozenset({choice.name}), choice.role,
                                                          choice.include_generic))

        self.app.push_screen(UnitPicker(counts, self.workbench.unit_keys()), chosen)

    def action_pick_status(self) -> None:
        from govtui.tui.screens.status_picker import StatusPicker

        soon = self.workbench.soon()

        def chosen(words: str | None) -> None:
            if words:
                self.set_filter("status", FilterLayer.status(words, soon))

        current = self.workbench.view.layer("status")
        marked: set[str] = set()
        if current is not None:  # the picker opens with the values now applied marked
            open_ = {s for s in Status if s is not Status.DONE}
            marked = {"open"} if current.statuses == open_ else {s.value for s in current.statuses}
            marked |= {"overdue"} if current.overdue else set()
            marked |= {"soon"} if current.due_within is not None else set()
            marked |= {"doubt"} if current.doubt else set()
        self.app.push_screen(StatusPicker(soon[1], frozenset(marked)), chosen)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        current = self.workbench.view.layer("search")
        self._search_before = current.text if current is not None else ""
        search.value = self._search_before or ""
        search.display = True
        search.focus()

    def action_clear_latest(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:  # Esc in the search line cancels the search being typed
            before = self._search_before
            self._close_search()
            self.set_filter("search", FilterLayer.search(before) if before else None)
            return
        if self.workbench.view.filters:
            self.set_view(self.workbench.view.without_latest())

    def action_clear_all(self) -> None:
        self.set_view(self.workbench.view.without_filters())

    def action_cycle_sort(self) -> None:
        """时限 → 状态 → 单位 → 编号 → 时限 …; the table keeps the highlighted task."""
        self.set_view(self.workbench.view.next_sort())
        self.notify(f"排序: {SORTS[self.workbench.view.sort or '']}", markup=False, timeout=2)

    def action_show_archived(self) -> None:
        self.workbench.view = self.workbench.view.archived_toggled()
        count = sum(1 for p in self.workbench.snap.plans.values() if p.archived)
        shown = f"显示已归档的计划 ({count} 个)" if self.workbench.view.show_archived else "隐藏已归档的计划"
        self.notify(shown, markup=False, timeout=3)
        self.refresh_data()

    def action_report(self) -> None:
        """The report covers what the table shows: the filters apply to it too."""
        from govtui.tui.screens.report import ReportScreen

        tasks = self.workbench.filtered()
        if tasks is None:
            self.notify("正在建立索引, 请稍候 (building the index)", markup=False)
            return
        snap = self.workbench.snap
        self.app.push_screen(ReportScreen(tasks, self.workbench.today, " · ".join(self.workbench.view.labels())
                                          or "全部任务", history=snap.history, plans=snap.plans))

    def empty_message(self) -> list[str]:
        """What the empty table says: on an empty store, how to import a plan and where the samples are."""
        from govtui.domain.paths import samples_dir

        if self.workbench.snap.tasks:
            return ["没有符合筛选的任务 (no task matches)。", "Esc 清除最近的筛选, c 清除全部筛选。"]
        return ["库中还没有计划 (no plans yet)。导入一份工作计划:",
                "  · 按 i, 输入文件路径 (Word、Excel、文本、网页、PDF)",
                "  · 或在命令行运行: govtui import 文件",
                f"  · 示例计划在: {samples_dir()}",
                "按 ? 查看全部快捷键。"]

    # -- going to a task ----------------------------------------------------------------
    def action_goto_task(self) -> None:
        from govtui.tui.screens.goto_dialog import GotoDialog

        def chosen(wanted: str | None) -> None:
            if wanted:
                self.goto_task(wanted)

        self.app.push_screen(GotoDialog(), chosen)

    def goto_task(self, wanted: str) -> bool:
        """Highlight task ``wanted`` (an id, or a number in the plan in view); filters that hide it are
        cleared.  ``False``, with a message, when there is no such task."""
        from govtui.domain.text import fold

        by_id = self.workbench.snap.by_id
        key = fold(wanted).strip()
        plan = self.plan_in_view()
        task_id = key if key in by_id else (f"{plan}-{key}" if plan and f"{plan}-{key}" in by_id else None)
        if task_id is None:
            self.notify(f"没有编号为 {wanted} 的任务 (no such task); 编号形如 1-9", severity="warning",
                        markup=False)
            return False
        table = self.query_one(TaskTable)
        if not any(t.id == task_id for t in table.tasks):
            self.set_view(self.workbench.view.without_filters())
            self.notify(f"任务 {task_id} 不在当前筛选结果中: 已清除筛选", markup=False, timeout=3)
        table.move_to(next((i for i, t in enumerate(table.tasks) if t.id == task_id), table.cursor))
        table.focus()
        return True

    def action_open_task(self) -> None:
        task = self.current_task()
        if task is not None:
            self.app.push_screen(TaskView(task, self))

    def _refresh_task_views(self) -> None:
        """A task open full-screen shows its current version (a change made there, or by someone else)."""
        for screen in self.app.screen_stack:
            if isinstance(screen, TaskView):
                screen.refresh_task()

    def action_help(self) -> None:
        from govtui.tui.screens.help import HelpScreen, file_rows

        self.app.push_screen(HelpScreen(file_rows(self.workbench.store_path())))

    def action_quit(self) -> None:
        self.app.exit()
