"""The main screen: filter bar, section tree, task table, detail pane, search line, footer."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from typing import Any, Protocol, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Tree

from govtui.domain.model import DOUBT_LABEL, OVERDUE_LABEL, ImportedPlan, Role, Status, Task, Unit, doubts
from govtui.domain.query import (
    DOUBT_WORDS,
    OPEN_WORDS,
    OVERDUE_WORDS,
    SOON_WORDS,
    TaskFilter,
    TaskIndex,
    archived_hidden,
    status_filter,
    status_words,
    unit_counts,
)
from govtui.domain.snapshot import Snapshot
from govtui.domain.sorting import SORTS, sort_tasks
from govtui.domain.workdays import WorkCalendar
from govtui.tui.keys import KEY_ACTIONS
from govtui.tui.messages import (
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
    StatusChosen,
    TaskAddAsked,
    TaskDeleteAsked,
    TaskEdited,
    TaskHighlighted,
    ThemeAsked,
    UndoAsked,
)
from govtui.tui.screens.task_view import TaskView
from govtui.tui.widgets.detail_pane import DetailPane
from govtui.tui.widgets.filter_bar import FilterBar
from govtui.tui.widgets.footer import FittingFooter
from govtui.tui.widgets.section_tree import Scope, SectionTree, tree_width
from govtui.tui.widgets.task_table import TaskTable

TASK_ACTIONS = {"open_task", "delete_task", "edit_notes", "confirm_doubts", "fix_reading",
                "set_status", "add_note", "edit_task", "record_proof", "annual_report", "carry_over"}
#: What works on the first screen while the whole store is still being read.
READY_ACTIONS = {"quit", "help", "next_theme", "search", "clear_latest", "clear_all", "open_task"}
WIDE = 140  # columns from which the detail pane sits beside the table
FOOTER_PALETTE_FROM = 78  # columns from which the footer's keys leave room for the palette's key


class Workbench(Protocol):
    """What the screen reads from the app (the app is :class:`govtui.tui.app.GovApp`; changes go to it as
    :mod:`govtui.tui.messages`)."""

    snap: Snapshot
    #: Whether ``snap`` is still a preview (the first tasks) while the whole store is read.
    loading: bool
    today: dt.date
    #: Working days (工作日) for the detail pane.
    calendar: WorkCalendar

    #: Task id → a note not yet saved (kept for the session).
    drafts: dict[str, str]
    #: Task id → units and deadline typed in ``e`` and not saved (a conflict), offered again by ``e``.
    edit_drafts: dict[str, tuple[list[Unit], str]]

    def task_index(self) -> TaskIndex | None: ...
    def history_for(self, task_id: str) -> list[dict[str, Any]]: ...
    def unit_keys(self) -> dict[str, list[str]]: ...
    def unit_keys_raw(self) -> dict[str, dict[str, Any]]: ...
    def user_name(self) -> str: ...
    def store_path(self) -> str: ...
    def preview_import(self, path: str) -> tuple[list[ImportedPlan], list[str]]: ...
    def describe_import(self, plans: list[ImportedPlan]) -> tuple[list[str], bool]: ...


class FilterLayer:
    """One applied filter: its kind (one layer of each kind at a time), its label for the filter bar,
    and the criteria it adds (a :class:`TaskFilter`; the layers combine with ``&``)."""

    __slots__ = ("kind", "label", "part")

    def __init__(self, kind: str, label: str, part: TaskFilter) -> None:
        self.kind = kind
        self.label = label
        self.part = part

    @classmethod
    def units(cls, label: str, names: frozenset[str], role: Role | None, include_generic: bool = False) -> FilterLayer:
        """``label``: the unit as people know it (its name, not the pinyin typed to find it)."""
        shown = f"单位={label}" + (f"({role.label})" if role else "") + ("+各科室等" if include_generic else "")
        return cls("unit", shown, TaskFilter(units=names, role=role, include_generic=include_generic))

    @classmethod
    def status(cls, words: str, soon: tuple[int, int] | None = None) -> FilterLayer:
        """``words``: statuses (``doing,blocked``, ``进行中+受阻``), ``未完成``, ``逾期``, ``即将到期``, ``待核对``
        (see :func:`govtui.domain.query.status_filter`); ``soon``: the 即将到期 window as (calendar days,
        working days), see :func:`soon_of`."""
        part = status_filter(words, soon[0] if soon else None)
        labels: list[str] = []
        for word in status_words(words):
            key = word.lower()
            if key in OVERDUE_WORDS:
                labels.append(OVERDUE_LABEL)
            elif key in OPEN_WORDS:
                labels.append("未完成")
            elif key in SOON_WORDS:
                labels.append(f"即将到期({soon[1]}个工作日)" if soon else "即将到期")
            elif key in DOUBT_WORDS:
                labels.append(DOUBT_LABEL)
            else:
                labels.append(Status.parse(word).label)
        return cls("status", "状态=" + "+".join(dict.fromkeys(labels)), part)

    @classmethod
    def search(cls, text: str) -> FilterLayer:
        return cls("search", f"搜索=“{text}”", TaskFilter(text=text))


def soon_of(gov: Workbench) -> tuple[int, int]:
    """The 即将到期 window: (calendar days, working days), the working days from the user settings."""
    from govtui.domain.config import due_soon_days
    from govtui.reports.remind import soon_window

    days = due_soon_days()
    return soon_window(gov.today, days, gov.calendar), days


class MainScreen(Screen[None]):
    BINDINGS = [Binding(k.key, k.action, k.footer_label, show=k.footer, id=k.action.split("(")[0])
                for k in KEY_ACTIONS]
    #: The table's order (a key of :data:`govtui.domain.sorting.SORTS`); ``None``: as stored (document order).
    sort_name: str | None = None
    _spelling: tuple[Snapshot, dict[str, str]] | None = None  # unit name → pinyin, for the 单位 sort

    def __init__(self) -> None:
        super().__init__()
        # Active filters in the order they were applied; Esc removes the last one.
        self.filters: list[FilterLayer] = []
        self._search_before: str | None = None
        self._had_no_task = False
        self.waiting_for_index = False
        self.show_archived = False  # B: archived plans in the tree and the table too

    @property
    def gov(self) -> Workbench:
        return cast(Workbench, self.app)

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        with Horizontal(id="body"):
            yield SectionTree(id="tree")
            with Vertical(id="workspace"):
                yield TaskTable(id="table")
                yield DetailPane(id="detail")
        yield Input(placeholder="搜索要求和进展记录… (Enter 确定, Esc 取消)", id="search")
        yield FittingFooter()

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

    # -- data and filters ---------------------------------------------------------------
    def refresh_data(self) -> None:
        """Reload tree and table from the app's snapshot, keeping filters and the highlighted task."""
        snap = self.gov.snap
        plans = [p for p in snap.ordered_plans() if self.show_archived or not p.archived]
        self.query_one(SectionTree).load(plans, snap.tasks, snap.counts)
        self.apply_filters()
        self._refresh_task_views()

    def task_changed(self, before: Task | None, after: Task) -> None:
        """One task changed (status, note, units): refresh the table, detail and tree counts."""
        self.apply_filters()
        tree = self.query_one(SectionTree)
        if before is not None and before.sections == after.sections:
            tree.count_change(before, after)
        else:
            tree.update_counts(self.gov.snap.tasks)
        table = self.query_one(TaskTable)
        self.post_message(TaskHighlighted(table.current))
        self._refresh_task_views()

    def current_filter(self) -> TaskFilter:
        combined = reduce(lambda combined, layer: combined & layer.part, self.filters, TaskFilter())
        archived = [] if self.show_archived else [p.id for p in self.gov.snap.plans.values() if p.archived]
        return archived_hidden(archived, combined) if archived else combined

    def filtered(self) -> list[Task] | None:
        """The tasks the filters let through; ``None`` while the filter index is being built."""
        if self.gov.loading:  # a preview: its first tasks, the archived plans' left out; no filter yet
            if self.filters:
                return None
            shown = {p.id for p in self.gov.snap.plans.values() if self.show_archived or not p.archived}
            return [t for t in self.gov.snap.tasks if t.plan_id in shown]
        task_filter = self.current_filter()
        if not task_filter.active():
            return self.gov.snap.tasks  # no index needed (and none built) for the whole list
        index = self.gov.task_index()
        return index.select(task_filter, self.gov.today) if index is not None else None

    def apply_filters(self) -> None:
        tasks = self.filtered()
        self.waiting_for_index = tasks is None
        if tasks is None:  # shown as soon as the background index is ready
            waiting = "正在读取全部任务…" if self.gov.loading else "正在建立索引…"
            self.query_one(FilterBar).show([*self.filter_labels(), waiting], 0, self.gov.snap.total())
            return
        tasks = self.sorted_tasks(tasks)
        table = self.query_one(TaskTable)
        table.empty_lines = self.empty_message() if not tasks else []
        unit = next((f.part for f in self.filters if f.kind == "unit"), None)
        table.first_units = frozenset(unit.units) if unit is not None and unit.units else frozenset()
        table.plan_years = {p.id: p.year for p in self.gov.snap.plans.values()}
        keep = table.current.id if table.current else None
        table.set_tasks(tasks, self.gov.today, keep=keep)
        total = self.gov.snap.total()
        self.query_one(FilterBar).show(self.filter_labels(), total if self.gov.loading else len(tasks), total,
                                       sort=SORTS[self.sort_name] if self.sort_name else None)

    def filter_labels(self) -> list[str]:
        return [layer.label for layer in self.filters]

    def scope_layer(self, scope: Scope) -> FilterLayer:
        part = TaskFilter(plan=scope.plan, section=scope.section)
        return FilterLayer("scope", f"范围={self.scope_label(scope)}", part)

    def scope_label(self, scope: Scope) -> str:
        plan = self.gov.snap.plans.get(scope.plan or "")
        if plan is None:
            return "全部"
        section = plan.section(scope.section) if scope.section else None
        return section.heading if section else (plan.organization or plan.title)

    def set_filter(self, kind: str, layer: FilterLayer | None) -> None:
        """Replace the filter of this ``kind`` with ``layer`` (``None``: remove it)."""
        self.filters = [f for f in self.filters if f.kind != kind]
        if layer is not None:
            self.filters.append(layer)
        self.apply_filters()

    # -- reacting to widgets ------------------------------------------------------------
    def detail_context(self, task: Task | None) -> dict[str, Any]:
        """What the detail pane (and the full-screen view) shows besides the task itself."""
        plan = self.gov.snap.plans.get(task.plan_id) if task else None
        history = self.gov.history_for(task.id) if task else None
        previous = self.gov.snap.by_id.get(str(task.previous.get("id"))) if task and task.previous else None
        previous_plan = self.gov.snap.plans.get(previous.plan_id) if previous else None
        return {"plan": plan, "today": self.gov.today, "history": history, "calendar": self.gov.calendar,
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

    # -- actions ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.gov.loading and action not in READY_ACTIONS:
            return None  # the first screen is a preview: the keys work once every task is read
        if action in TASK_ACTIONS and self.query_one(TaskTable).current is None:
            return None
        return True

    # The dialogs are imported when first opened: the first screen appears sooner.
    def action_pick_unit(self) -> None:
        from govtui.tui.screens.unit_picker import UnitChoice, UnitPicker

        snap = self.gov.snap
        hidden = set() if self.show_archived else {p.id for p in snap.plans.values() if p.archived}
        # The counts the table will show: archived plans' tasks are left out as they are from the table.
        counts = unit_counts([t for t in snap.tasks if t.plan_id not in hidden] if hidden else snap.tasks)

        def chosen(choice: UnitChoice | None) -> None:
            if choice is not None:
                self.set_filter("unit", FilterLayer.units(choice.name, frozenset({choice.name}), choice.role,
                                                          choice.include_generic))

        self.app.push_screen(UnitPicker(counts, self.gov.unit_keys()), chosen)

    def action_pick_status(self) -> None:
        from govtui.tui.screens.status_picker import StatusPicker

        soon = soon_of(self.gov)

        def chosen(words: str | None) -> None:
            if words:
                self.set_filter("status", FilterLayer.status(words, soon))

        current = next((f.part for f in self.filters if f.kind == "status"), None)
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
        current = next((f.part.text for f in self.filters if f.kind == "search"), None) or ""
        self._search_before = current
        search.value = current
        search.display = True
        search.focus()

    def action_clear_latest(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:  # Esc in the search line cancels the search being typed
            before = self._search_before
            self._close_search()
            self.set_filter("search", FilterLayer.search(before) if before else None)
            return
        if self.filters:
            self.filters.pop()
            self.apply_filters()

    def action_clear_all(self) -> None:
        self.filters.clear()
        self.apply_filters()

    def action_set_status(self, value: str) -> None:
        if self.marked_ids():
            self._change_marked(Status(value))
            return
        task = self.query_one(TaskTable).current
        if task is not None:
            self.set_status_of(task, Status(value))

    def set_status_of(self, task: Task, status: Status) -> None:
        self.post_message(StatusChosen(task, status))  # on a recurring duty, done meets this occurrence

    def task_by_id(self, task_id: str) -> Task | None:
        """The current version of a task (``None`` once it is deleted)."""
        return self.gov.snap.by_id.get(task_id)

    def can_change(self) -> bool:
        """Whether changes can be made: not while a large store's first screen is a preview."""
        return not self.gov.loading

    def action_record_proof(self) -> None:
        task = self.query_one(TaskTable).current
        if task is not None:
            self.proof_of(task)

    def proof_of(self, task: Task) -> None:
        from govtui.store.transaction import now_iso
        from govtui.tui.screens.proof_editor import ProofEditor

        if task.status is not Status.DONE:
            self.notify("公开凭证记在已完成的任务上: 先按 3 设为已完成", severity="warning", markup=False)
            return
        def recorded(proof: dict[str, Any] | None) -> None:
            if proof:
                self.post_message(ProofRecorded(task, proof))

        self.app.push_screen(ProofEditor(task, self.gov.user_name(), now_iso()), recorded)

    def action_copy_brief(self) -> None:
        """催办: the brief of the unit(s) of the unit filter, to the clipboard (OSC 52) and to a file."""
        unit = next((f.part for f in self.filters if f.kind == "unit"), None)
        if unit is None or not unit.units:
            self.notify("先按 u 选择一个单位, 再按 m 复制该单位的催办通知", severity="warning", markup=False)
            return
        self.post_message(BriefAsked(sorted(unit.units)))

    def _plan_in_view(self) -> str | None:
        scope = next((f.part for f in self.filters if f.kind == "scope"), None)
        if scope is not None and scope.plan:
            return str(scope.plan)
        task = self.query_one(TaskTable).current
        return task.plan_id if task else None

    def action_annual_report(self) -> None:
        plan_id = self._plan_in_view()
        if plan_id is not None:
            self.post_message(AnnualReportAsked(plan_id))

    def action_carry_over(self) -> None:
        from govtui.domain.text import one_line, truncate
        from govtui.store.carry import pending_and_skipped
        from govtui.store.linking import previous_plan
        from govtui.tui.screens.confirm import Confirm

        plan_id = self._plan_in_view()
        snap = self.gov.snap
        plan = snap.plans.get(plan_id or "")
        if plan is None:
            return
        before = previous_plan([p.to_dict() for p in snap.plans.values()], plan.to_dict())
        if before is None:
            self.notify(f"没有 {plan.organization or plan.title} 上一年度的计划, 无可结转 (import last year's plan)",
                        severity="warning", markup=False)
            return
        old = snap.plans[before["id"]]
        pending, skipped = pending_and_skipped(snap.tasks, old, plan)
        if not pending:
            self.notify(f"{old.year} 年计划没有需要结转的未完成任务"
                        + (f" (跳过 {len(skipped)} 项: 已结转或本年已有对应任务)" if skipped else ""), markup=False)
            return
        details = "\n".join([*(f"{t.id}  {t.display_status(self.gov.today)}  {truncate(one_line(t.text), 50)}"
                                for t in pending),
                              *([f"跳过 {len(skipped)} 项 (skipped):"] if skipped else []),
                              *(f"  {t.id}  {reason}" for t, reason in skipped)])
        question = f"将 {old.year} 年计划的 {len(pending)} 项未完成任务作为上年结转任务复制到 {plan.year} 年计划?"

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(CarryOverAsked(old.id, plan.id, [t.id for t in pending]))

        self.app.push_screen(Confirm(question, details), answered)

    def action_add_note(self) -> None:
        task = self.query_one(TaskTable).current
        if self.marked_ids():
            self._note_marked()
            return
        if task is not None:
            self.note_on(task)

    def note_on(self, task: Task) -> None:
        from govtui.tui.screens.note_editor import NoteEditor

        def keep(text: str) -> None:
            if text.strip():
                self.gov.drafts[task.id] = text
            else:
                self.gov.drafts.pop(task.id, None)

        def save(editor: NoteEditor, text: str) -> None:
            self.post_message(NoteWritten(task, text, editor))

        self.app.push_screen(NoteEditor(task.id, save, draft=self.gov.drafts.get(task.id, ""), keep_draft=keep))

    def action_edit_task(self) -> None:
        task = self.query_one(TaskTable).current
        if task is not None:
            self.edit_units_of(task)

    def edit_units_of(self, task: Task) -> None:
        from govtui.tui.screens.task_editor import TaskEdit, TaskEditor

        def edited(edit: TaskEdit | None) -> None:
            if edit is not None:
                self.post_message(TaskEdited(task, edit.units, edit.deadline))

        known = {u.name for t in self.gov.snap.tasks for u in t.units}
        typed = self.gov.edit_drafts.pop(task.id, None)
        self.app.push_screen(TaskEditor(task, known, self.gov.unit_keys_raw(), typed=typed), edited)

    def action_import_document(self) -> None:
        from govtui.tui.screens.import_dialog import ImportDialog
        from govtui.tui.screens.review import ReviewScreen

        def reviewed(plans: list[ImportedPlan] | None) -> None:
            if plans:
                self.post_message(ImportAsked(plans))

        def chosen(plans: list[ImportedPlan] | None) -> None:
            if plans:
                known = {u.name for t in self.gov.snap.tasks for u in t.units}
                self.app.push_screen(ReviewScreen(plans, source=plans[0].plan.source, differ=self.gov.describe_import,
                                                  known_units=known, pinyin=self.gov.unit_keys_raw()), reviewed)

        self.app.push_screen(ImportDialog(self.gov.preview_import), chosen)

    def action_fix_reading(self) -> None:
        """``F``: correct how the highlighted task's plan was read (see :mod:`govtui.tui.screens.fix_menu`)."""
        from govtui.tui.screens.fix_menu import open_fix_menu

        open_fix_menu(self, self.query_one(TaskTable).current, self.marked_ids(), self.query_one(SectionTree))

    def action_next_theme(self) -> None:
        self.post_message(ThemeAsked())

    def action_undo(self) -> None:
        self.post_message(UndoAsked())

    def action_redo(self) -> None:
        self.post_message(RedoAsked())

    def action_set_name(self) -> None:
        from govtui.tui.screens.name_dialog import NameDialog

        def chosen(name: str | None) -> None:
            if name:
                self.post_message(NameChosen(name))

        self.app.push_screen(NameDialog(self.gov.user_name()), chosen)

    def action_report(self) -> None:
        """The report covers what the table shows: the filters apply to it too."""
        from govtui.tui.screens.report import ReportScreen

        labels = self.filter_labels()
        tasks = self.filtered()
        if tasks is None:
            self.notify("正在建立索引, 请稍候 (building the index)", markup=False)
            return
        self.app.push_screen(ReportScreen(tasks, self.gov.today, " · ".join(labels) or "全部任务",
                                          history=self.gov.snap.history, plans=self.gov.snap.plans))

    def empty_message(self) -> list[str]:
        """What the empty table says: on an empty store, how to import a plan and where the samples are."""
        from govtui.domain.paths import samples_dir

        if self.gov.snap.tasks:
            return ["没有符合筛选的任务 (no task matches)。", "Esc 清除最近的筛选, c 清除全部筛选。"]
        return ["库中还没有计划 (no plans yet)。导入一份工作计划:",
                "  · 按 i, 输入文件路径 (Word、Excel、文本、网页、PDF)",
                "  · 或在命令行运行: govtui import 文件",
                f"  · 示例计划在: {samples_dir()}",
                "按 ? 查看全部快捷键。"]

    # -- sorting ------------------------------------------------------------------------
    def sorted_tasks(self, tasks: list[Task]) -> list[Task]:
        """``tasks`` in the chosen order (document order, as stored, when none is chosen)."""
        if not self.sort_name:
            return tasks
        spelling = None
        if self.sort_name == "unit":  # by pinyin: 办公室 (bangongshi) before 财务科 (caiwuke)
            snap = self.gov.snap
            spelling = self._spelling[1] if self._spelling is not None and self._spelling[0] is snap else None
            if spelling is None:
                spelling = {}
                for name, keys in self.gov.unit_keys_raw().items():
                    full = keys.get("full")
                    spelling[name] = full if isinstance(full, str) else (full[0] if full else name)
                self._spelling = (snap, spelling)  # read once per snapshot
        return sort_tasks(tasks, self.sort_name, self.gov.today, spelling)

    def action_cycle_sort(self) -> None:
        """时限 → 状态 → 单位 → 编号 → 时限 …; the table keeps the highlighted task."""
        names = list(SORTS)
        self.sort_name = names[(names.index(self.sort_name) + 1) % len(names)] if self.sort_name else names[1]
        self.apply_filters()
        self.notify(f"排序: {SORTS[self.sort_name]}", markup=False, timeout=2)

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

        by_id = self.gov.snap.by_id
        key = fold(wanted).strip()
        plan = self._plan_in_view()
        task_id = key if key in by_id else (f"{plan}-{key}" if plan and f"{plan}-{key}" in by_id else None)
        if task_id is None:
            self.notify(f"没有编号为 {wanted} 的任务 (no such task); 编号形如 1-9", severity="warning",
                        markup=False)
            return False
        table = self.query_one(TaskTable)
        if not any(t.id == task_id for t in table.tasks):
            self.filters.clear()
            self.apply_filters()
            self.notify(f"任务 {task_id} 不在当前筛选结果中: 已清除筛选", markup=False, timeout=3)
        table.move_to(next((i for i, t in enumerate(table.tasks) if t.id == task_id), table.cursor))
        table.focus()
        return True

    # -- marks: several tasks in one action ------------------------------------------------
    def marked_ids(self) -> list[str]:
        """The marked tasks that are still in the store."""
        return [i for i in self.query_one(TaskTable).marked_ids() if i in self.gov.snap.by_id]

    def action_toggle_mark(self) -> None:
        table = self.query_one(TaskTable)
        table.toggle_mark()
        count = len(self.marked_ids())
        self.query_one(FilterBar).set_marked(count)
        if count == 1:  # the first mark says what marks are for
            self.notify("已标记 1 项; 按数字键 1～4 设状态或 n 写进展, 作用于全部标记的任务 (x 清除标记)",
                        markup=False, timeout=3)

    def action_clear_marks(self) -> None:
        self.query_one(TaskTable).clear_marks()
        self.query_one(FilterBar).set_marked(0)
        self.notify("已清除全部标记", markup=False, timeout=2)

    def _change_marked(self, status: Status) -> None:
        self.post_message(MarkedChanged(self.marked_ids(), status=status))

    def _note_marked(self) -> None:
        from govtui.tui.screens.note_editor import NoteEditor

        ids = self.marked_ids()
        title = "、".join(ids[:3]) + (f" 等 {len(ids)} 项" if len(ids) > 3 else "")

        def save(editor: NoteEditor, text: str) -> None:
            self.post_message(MarkedChanged(ids, text=text, watcher=editor))

        self.app.push_screen(NoteEditor(title, save))

    # -- changes by hand: tasks added or deleted, notes edited or deleted, plans archived ----------
    def _section_in_view(self, plan_id: str) -> str | None:
        """The section highlighted in the tree (or the scope's, or the highlighted task's) in plan ``plan_id``."""
        node = self.query_one(SectionTree).cursor_node
        scope = node.data if node is not None else None
        if scope is not None and scope.plan == plan_id and scope.section:
            return str(scope.section)
        chosen = next((f.part for f in self.filters if f.kind == "scope"), None)
        if chosen is not None and chosen.plan == plan_id and chosen.section:
            return str(chosen.section)
        task = self.query_one(TaskTable).current
        return task.sections[-1] if task is not None and task.plan_id == plan_id and task.sections else None

    def action_add_task(self) -> None:
        from govtui.tui.screens.task_adder import NewTask, TaskAdder

        node = self.query_one(SectionTree).cursor_node
        in_tree = node.data.plan if node is not None and node.data is not None else None
        plan = self.gov.snap.plans.get(in_tree or self._plan_in_view() or "")
        if plan is None:
            self.notify("先在目录中选择一个计划或章节 (choose a plan in the tree)", severity="warning", markup=False)
            return

        def chosen(new: NewTask | None) -> None:
            if new is not None:
                self.post_message(TaskAddAsked(new.plan_id, new.section_id, new.text, new.units, new.deadline))

        known = {u.name for t in self.gov.snap.tasks for u in t.units}
        self.app.push_screen(TaskAdder(plan, self._section_in_view(plan.id), known, self.gov.unit_keys_raw()), chosen)

    def action_delete_task(self) -> None:
        from govtui.domain.text import one_line, truncate
        from govtui.tui.screens.confirm import Confirm

        task = self.query_one(TaskTable).current
        if task is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.query_one(TaskTable).marked.discard(task.id)
                self.post_message(TaskDeleteAsked(task))

        self.app.push_screen(Confirm(f"删除任务 {task.id}? (记入历史, Ctrl+Z 可撤销)",
                                     truncate(one_line(task.text), 70), yes="删除", no="返回"), answered)

    def action_confirm_doubts(self) -> None:
        """``C``: the highlighted task (or the marked ones) checked: their doubt flags go."""
        marked = self.marked_ids()
        chosen = [self.gov.snap.by_id[i] for i in marked] if marked else [self.query_one(TaskTable).current]
        ids = [t.id for t in chosen if t is not None and doubts(t.flags)]
        if not ids:
            self.notify("没有待核对的标记 (nothing to confirm)", markup=False, timeout=3)
            return
        self.post_message(DoubtsConfirmed(ids))

    def action_edit_notes(self) -> None:
        task = self.query_one(TaskTable).current
        if task is not None:
            self.notes_of(task)

    def notes_of(self, task: Task) -> None:
        from govtui.tui.screens.confirm import Confirm
        from govtui.tui.screens.note_editor import NoteEditor
        from govtui.tui.screens.note_picker import NoteChoice, NotePicker

        user = self.gov.user_name()
        if not any(n.author == user for n in task.notes):
            self.notify(f"任务 {task.id} 没有 {user} 写的进展记录 (按 n 添加)", severity="warning", markup=False)
            return

        def chosen(choice: NoteChoice | None) -> None:
            if choice is None:
                return
            if choice.delete:
                def answered(yes: bool | None) -> None:
                    if yes:
                        self.post_message(NoteChangeAsked(task.id, choice.index, None))

                self.app.push_screen(Confirm(f"删除任务 {task.id} 的第 {choice.index} 条进展记录?",
                                             task.notes[choice.index - 1].text, yes="删除", no="返回"), answered)
                return

            def save(editor: NoteEditor, text: str) -> None:
                self.post_message(NoteChangeAsked(task.id, choice.index, text, editor))

            self.app.push_screen(NoteEditor(f"{task.id} 第 {choice.index} 条", save,
                                            draft=task.notes[choice.index - 1].text))

        self.app.push_screen(NotePicker(task, user), chosen)

    def action_archive_plan(self) -> None:
        """Archive the plan in view (asked first when it has unfinished tasks), or bring it back."""
        from govtui.tui.screens.confirm import Confirm

        plan = self.gov.snap.plans.get(self._plan_in_view() or "")
        if plan is None:
            return
        open_tasks = [t for t in self.gov.snap.tasks if t.plan_id == plan.id and t.status is not Status.DONE]
        if plan.archived or not open_tasks:
            self.post_message(ArchiveAsked(plan.id, not plan.archived))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(ArchiveAsked(plan.id, True))

        self.app.push_screen(Confirm(f"计划 {plan.id} 还有 {len(open_tasks)} 项未完成任务, 仍要归档? (Ctrl+Z 可撤销)",
                                     plan.title, yes="归档", no="返回"), answered)

    def action_delete_plan(self) -> None:
        """Delete the plan in view with its tasks, after saying what would be lost and asking."""
        from govtui.store.manual import what_would_be_lost
        from govtui.tui.screens.confirm import Confirm

        plan = self.gov.snap.plans.get(self._plan_in_view() or "")
        if plan is None:
            return
        tasks = [t for t in self.gov.snap.tasks if t.plan_id == plan.id]

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(PlanDeleteAsked(plan.id))

        details = "\n".join([plan.title, "将失去 (would be lost):", *what_would_be_lost(tasks)])
        self.app.push_screen(Confirm(f"删除计划 {plan.id} 及其全部任务? (记入历史, Ctrl+Z 可撤销)", details,
                                     yes="删除", no="返回"), answered)

    def action_show_archived(self) -> None:
        self.show_archived = not self.show_archived
        count = sum(1 for p in self.gov.snap.plans.values() if p.archived)
        shown = f"显示已归档的计划 ({count} 个)" if self.show_archived else "隐藏已归档的计划"
        self.notify(shown, markup=False, timeout=3)
        self.refresh_data()

    def action_export_view(self) -> None:
        """Export the tasks the table shows, in its order, to a file named in a prompt."""
        from pathlib import Path

        from govtui.reports import exporters
        from govtui.tui.screens.export_dialog import ExportDialog

        tasks = list(self.query_one(TaskTable).tasks)
        snap, day = self.gov.snap, self.gov.today
        plan_ids = {t.plan_id for t in tasks}
        plans = [p for p in snap.ordered_plans() if p.id in plan_ids]

        def write(path: Path, fmt: str) -> None:
            exporters.write(path, fmt, plans, tasks, day, snap.history)

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"已导出 {len(tasks)} 项任务到 {path}", title="导出 / export", markup=False, timeout=6)

        self.app.push_screen(ExportDialog(write, len(tasks), f"~/政务公开进展-{day.isoformat()}.xlsx"), written)

    def action_open_task(self) -> None:
        task = self.query_one(TaskTable).current
        if task is not None:
            self.app.push_screen(TaskView(task, self))

    def _refresh_task_views(self) -> None:
        """A task open full-screen shows its current version (a change made there, or by someone else)."""
        for screen in self.app.screen_stack:
            if isinstance(screen, TaskView):
                screen.refresh_task()

    def action_help(self) -> None:
        from govtui.tui.screens.help import HelpScreen, file_rows

        self.app.push_screen(HelpScreen(file_rows(self.gov.store_path())))

    def action_quit(self) -> None:
        self.app.exit()
