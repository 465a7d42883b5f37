"""The main screen: filter bar, section tree, task table, detail pane, search line, footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Tree

from govtui.keys import KEY_ACTIONS
from govtui.model import OVERDUE_LABEL, STATUS_LABELS, Role, Status, Task
from govtui.query import TaskFilter, unit_counts
from govtui.widgets.detail_pane import DetailPane
from govtui.widgets.filter_bar import FilterBar
from govtui.widgets.section_tree import Scope, SectionTree
from govtui.widgets.task_table import TaskTable

if TYPE_CHECKING:
    from govtui.app import GovApp

TASK_ACTIONS = {"set_status", "add_note", "edit_task"}
WIDE = 140  # columns from which the detail pane sits beside the table


class MainScreen(Screen[None]):
    BINDINGS = [Binding(k.key, k.action, k.zh, show=k.footer, id=k.action.split("(")[0]) for k in KEY_ACTIONS]

    def __init__(self) -> None:
        super().__init__()
        # Active filters in the order they were applied; Esc removes the last one.
        self.filters: list[tuple[str, Any]] = []
        self._search_before: str | None = None
        self._had_no_task = False
        self.waiting_for_index = False

    @property
    def gov(self) -> GovApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        with Horizontal(id="body"):
            yield SectionTree(id="tree")
            with Vertical(id="workspace"):
                yield TaskTable(id="table")
                yield DetailPane(id="detail")
        yield Input(placeholder="搜索要求和进展记录… (Enter 确定, Esc 取消)", id="search")
        yield Footer()

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

    # -- data and filters ---------------------------------------------------------------
    def refresh_data(self) -> None:
        """Reload tree and table from the app's snapshot, keeping filters and the highlighted task."""
        snap = self.gov.snap
        self.query_one(SectionTree).load(sorted(snap.plans.values(), key=lambda p: int(p.id) if p.id.isdigit()
                                                else 0), snap.tasks)
        self.apply_filters()

    def task_changed(self, before: Task | None, after: Task) -> None:
        """One task changed (status, note, units): refresh the table, detail and tree counts."""
        self.apply_filters()
        tree = self.query_one(SectionTree)
        if before is not None and before.sections == after.sections:
            tree.count_change(before, after)
        else:
            tree.update_counts(self.gov.snap.tasks)
        table = self.query_one(TaskTable)
        self.post_message(TaskTable.Highlighted(table.current))

    def current_filter(self) -> TaskFilter:
        task_filter = TaskFilter()
        for kind, value in self.filters:
            if kind == "unit":
                task_filter = task_filter.with_(units=frozenset(value.names), role=value.role)
            elif kind == "status":
                task_filter = task_filter.with_(status=value)
            elif kind == "search":
                task_filter = task_filter.with_(search=value)
            elif kind == "scope":
                task_filter = task_filter.with_(plan=value.plan, section=value.section)
        return task_filter

    def filtered(self) -> list[Task] | None:
        """The tasks the filters let through; ``None`` while the filter index is being built."""
        task_filter = self.current_filter()
        if not task_filter.active():
            return self.gov.snap.tasks  # no index needed (and none built) for the whole list
        index = self.gov.task_index()
        return index.select(task_filter, self.gov.today) if index is not None else None

    def apply_filters(self) -> None:
        tasks = self.filtered()
        self.waiting_for_index = tasks is None
        if tasks is None:  # shown as soon as the background index is ready
            self.query_one(FilterBar).show([*self.filter_labels(), "正在建立索引…"], 0, len(self.gov.snap.tasks))
            return
        table = self.query_one(TaskTable)
        keep = table.current.id if table.current else None
        table.set_tasks(tasks, self.gov.today, keep=keep)
        self.query_one(FilterBar).show(self.filter_labels(), len(tasks), len(self.gov.snap.tasks))

    def filter_labels(self) -> list[str]:
        labels = []
        for kind, value in self.filters:
            if kind == "unit":
                role = f"({value.role.label})" if value.role else ""
                labels.append(f"单位={value.label}{role}")
            elif kind == "status":
                labels.append(f"状态={OVERDUE_LABEL if value == 'overdue' else STATUS_LABELS[Status(value)]}")
            elif kind == "search":
                labels.append(f"搜索=“{value}”")
            elif kind == "scope":
                labels.append(f"范围={self.scope_label(value)}")
        return labels

    def scope_label(self, scope: Scope) -> str:
        plan = self.gov.snap.plans.get(scope.plan or "")
        if plan is None:
            return "全部"
        section = plan.section(scope.section) if scope.section else None
        return section.heading if section else (plan.organization or plan.title)

    def set_filter(self, kind: str, value: Any) -> None:
        self.filters = [(k, v) for k, v in self.filters if k != kind]
        if value:
            self.filters.append((kind, value))
        self.apply_filters()

    # -- reacting to widgets ------------------------------------------------------------
    @on(TaskTable.Highlighted)
    def _highlighted(self, event: TaskTable.Highlighted) -> None:
        task = event.task
        plan = self.gov.snap.plans.get(task.plan_id) if task else None
        history = self.gov.history_for(task.id) if task else None
        self.query_one(DetailPane).show(task, plan, self.gov.today, history)
        if (task is None) != self._had_no_task:  # the task keys (1-4, n, e) turn on or off
            self._had_no_task = task is None
            self.refresh_bindings()

    @on(Tree.NodeSelected, "#tree")
    def _section_chosen(self, event: Tree.NodeSelected[Scope]) -> None:
        scope = event.node.data
        self.set_filter("scope", scope if scope and scope.plan else None)

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        if self.query_one("#search", Input).display:
            self.set_filter("search", event.value.strip() or None)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self._close_search()

    def _close_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = False
        self._search_before = None
        self.query_one(TaskTable).focus()

    # -- actions ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in TASK_ACTIONS and self.query_one(TaskTable).current is None:
            return None
        return True

    # The dialogs are imported when first opened: the first screen appears sooner.
    def action_pick_unit(self) -> None:
        from govtui.screens.unit_picker import UnitChoice, UnitPicker

        counts = unit_counts(self.gov.snap.tasks)

        def chosen(choice: UnitChoice | None) -> None:
            if choice is not None:
                self.set_filter("unit", UnitFilter(choice.name, frozenset({choice.name}), choice.role))

        self.app.push_screen(UnitPicker(counts, self.gov.unit_keys()), chosen)

    def action_pick_status(self) -> None:
        from govtui.screens.status_picker import StatusPicker

        self.app.push_screen(StatusPicker(), lambda value: value and self.set_filter("status", value))

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        current = dict(self.filters).get("search") or ""
        self._search_before = current
        search.value = current
        search.display = True
        search.focus()

    def action_clear_latest(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:  # Esc in the search line cancels the search being typed
            before = self._search_before
            self._close_search()
            self.set_filter("search", before or None)
            return
        if self.filters:
            self.filters.pop()
            self.apply_filters()

    def action_clear_all(self) -> None:
        self.filters.clear()
        self.apply_filters()

    def action_set_status(self, value: str) -> None:
        task = self.query_one(TaskTable).current
        if task is not None:
            self.gov.change_status(task, Status(value))

    def action_add_note(self) -> None:
        from govtui.screens.note_editor import NoteEditor

        task = self.query_one(TaskTable).current
        if task is None:
            return

        def keep(text: str) -> None:
            if text.strip():
                self.gov.drafts[task.id] = text
            else:
                self.gov.drafts.pop(task.id, None)

        self.app.push_screen(NoteEditor(task.id, lambda editor, text: self.gov.add_note(task, text, editor),
                                        draft=self.gov.drafts.get(task.id, ""), keep_draft=keep))

    def action_edit_task(self) -> None:
        from govtui.screens.task_editor import TaskEdit, TaskEditor

        task = self.query_one(TaskTable).current
        if task is None:
            return

        def edited(edit: TaskEdit | None) -> None:
            if edit is not None:
                self.gov.edit_task(task, edit.units, edit.deadline)

        known = {u.name for t in self.gov.snap.tasks for u in t.units}
        self.app.push_screen(TaskEditor(task, known, self.gov.unit_keys_raw()), edited)

    def action_import_document(self) -> None:
        from govtui.screens.import_dialog import ImportDialog

        self.app.push_screen(ImportDialog(), lambda path: path and self.gov.import_document(path))

    def action_next_theme(self) -> None:
        self.gov.next_theme()

    def action_undo(self) -> None:
        self.gov.undo_last()

    def action_redo(self) -> None:
        self.gov.redo_last()

    def action_set_name(self) -> None:
        from govtui.screens.name_dialog import NameDialog

        self.app.push_screen(NameDialog(self.gov.store.user),
                             lambda name: name and self.gov.set_user_name(name))

    def action_report(self) -> None:
        """The report covers what the table shows: the filters apply to it too."""
        from govtui.screens.report import ReportScreen

        labels = self.filter_labels()
        tasks = self.filtered()
        if tasks is None:
            self.notify("正在建立索引, 请稍候 (building the index)", markup=False)
            return
        self.app.push_screen(ReportScreen(tasks, self.gov.today, " · ".join(labels) or "全部任务"))

    def action_help(self) -> None:
        from govtui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.app.exit()


class UnitFilter:
    """A unit filter: the label shown, the unit names it matches, and an optional role."""

    __slots__ = ("label", "names", "role")

    def __init__(self, label: str, names: frozenset[str], role: Role | None) -> None:
        self.label = label
        self.names = names
        self.role = role

    def __bool__(self) -> bool:
        return bool(self.names)
