"""The main screen's keys that act on a plan, or take something in or out of the app: add a task, archive,
delete a plan, carry over, correct the reading, import, export, the 催办 brief and the year-end material."""

from __future__ import annotations

from typing import Any

from govtui.domain.model import ImportedPlan, Status
from govtui.tui.screens.main_base import WorkbenchScreen
from govtui.tui.widgets.section_tree import SectionTree
from govtui.tui.widgets.task_table import TaskTable


class PlanKeys(WorkbenchScreen):
    def action_add_task(self) -> None:
        from govtui.tui.screens.task_adder import NewTask, TaskAdder

        node = self.query_one(SectionTree).cursor_node
        in_tree = node.data.plan if node is not None and node.data is not None else None
        plan = self.workbench.snap.plans.get(in_tree or self.plan_in_view() or "")
        if plan is None:
            self.notify("先在目录中选择一个计划或章节 (choose a plan in the tree)", severity="warning", markup=False)
            return

        def chosen(new: NewTask | None) -> None:
            if new is not None:
                self.workbench.add_task(new.plan_id, new.section_id, new.text, new.units, new.deadline)

        self.app.push_screen(TaskAdder(plan, self.section_in_view(plan.id), self.workbench.known_units(),
                                       self.workbench.unit_keys_raw()), chosen)

    def action_archive_plan(self) -> None:
        """Archive the plan in view (asked first when it has unfinished tasks), or bring it back."""
        from govtui.tui.screens.confirm import Confirm

        snap = self.workbench.snap
        plan = snap.plans.get(self.plan_in_view() or "")
        if plan is None:
            return
        open_tasks = [t for t in snap.tasks if t.plan_id == plan.id and t.status is not Status.DONE]
        if plan.archived or not open_tasks:
            self.workbench.set_archived(plan.id, not plan.archived)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.workbench.set_archived(plan.id, True)

        self.app.push_screen(Confirm(f"计划 {plan.id} 还有 {len(open_tasks)} 项未完成任务, 仍要归档? (Ctrl+Z 可撤销)",
                                     plan.title, yes="归档", no="返回"), answered)

    def action_delete_plan(self) -> None:
        """Delete the plan in view with its tasks, after saying what would be lost and asking."""
        from govtui.store.manual import what_would_be_lost
        from govtui.tui.screens.confirm import Confirm

        plan = self.workbench.snap.plans.get(self.plan_in_view() or "")
        if plan is None:
            return
        tasks = [t for t in self.workbench.snap.tasks if t.plan_id == plan.id]

        def answered(yes: bool | None) -> None:
            if yes:
                self.workbench.delete_plan(plan.id)

        details = "\n".join([plan.title, "将失去 (would be lost):", *what_would_be_lost(tasks)])
        self.app.push_screen(Confirm(f"删除计划 {plan.id} 及其全部任务? (记入历史, Ctrl+Z 可撤销)", details,
                                     yes="删除", no="返回"), answered)

    def action_carry_over(self) -> None:
        from govtui.domain.text import one_line, truncate
        from govtui.store.carry import pending_and_skipped
        from govtui.store.linking import previous_plan
        from govtui.tui.screens.confirm import Confirm

        snap = self.workbench.snap
        plan = snap.plans.get(self.plan_in_view() or "")
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
        day = self.workbench.today
        details = "\n".join([*(f"{t.id}  {t.display_status(day)}  {truncate(one_line(t.text), 50)}" for t in pending),
                             *([f"跳过 {len(skipped)} 项 (skipped):"] if skipped else []),
                             *(f"  {t.id}  {reason}" for t, reason in skipped)])
        question = f"将 {old.year} 年计划的 {len(pending)} 项未完成任务作为上年结转任务复制到 {plan.year} 年计划?"

        def answered(yes: bool | None) -> None:
            if yes:
                self.workbench.carry_over(old.id, plan.id, [t.id for t in pending])

        self.app.push_screen(Confirm(question, details), answered)

    def action_fix_reading(self) -> None:
        """``F``: correct how the highlighted task's plan was read (see :mod:`govtui.tui.screens.fix_menu`)."""
        from govtui.tui.screens.fix_menu import open_fix_menu

        open_fix_menu(self, self.current_task(), self.marked_ids(), self.query_one(SectionTree))

    # -- in and out ---------------------------------------------------------------------------
    def action_import_document(self) -> None:
        from govtui.tui.screens.import_dialog import ImportDialog
        from govtui.tui.screens.review import ReviewScreen

        bench = self.workbench

        def reviewed(plans: list[ImportedPlan] | None) -> None:
            if plans:
                bench.import_plans(plans)

        def chosen(plans: list[ImportedPlan] | None) -> None:
            if plans:
                self.app.push_screen(ReviewScreen(plans, source=plans[0].plan.source, differ=bench.describe_import,
                                                  known_units=bench.known_units(), pinyin=bench.unit_keys_raw()),
                                     reviewed)

        self.app.push_screen(ImportDialog(bench.preview_import), chosen)

    def action_export_view(self) -> None:
        """Export the tasks the table shows, in its order, to a file named in a prompt."""
        from pathlib import Path

        from govtui.reports import exporters
        from govtui.tui.screens.export_dialog import ExportDialog

        tasks = list(self.query_one(TaskTable).tasks)
        snap, day = self.workbench.snap, self.workbench.today
        plan_ids = {t.plan_id for t in tasks}
        plans = [p for p in snap.ordered_plans() if p.id in plan_ids]

        def write(path: Path, fmt: str) -> None:
            exporters.write(path, fmt, plans, tasks, day, snap.history)

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"已导出 {len(tasks)} 项任务到 {path}", title="导出 / export", markup=False, timeout=6)

        self.app.push_screen(ExportDialog(write, len(tasks), f"~/政务公开进展-{day.isoformat()}.xlsx"), written)

    def action_copy_brief(self) -> None:
        """催办: the brief of the unit(s) of the unit filter, to the clipboard (OSC 52) and to a file."""
        unit = self.workbench.view.layer("unit")
        if unit is None or not unit.units:
            self.notify("先按 u 选择一个单位, 再按 m 复制该单位的催办通知", severity="warning", markup=False)
            return
        self.workbench.copy_brief(sorted(unit.units), self.app.copy_to_clipboard)

    def action_annual_report(self) -> None:
        plan_id = self.plan_in_view()
        if plan_id is not None:
            self.workbench.write_annual_report(plan_id)

    def action_set_name(self) -> None:
        from govtui.tui.screens.name_dialog import NameDialog

        def chosen(name: str | None) -> None:
            if name:
                self.workbench.set_user_name(name)

        self.app.push_screen(NameDialog(self.workbench.user_name()), chosen)

    def action_next_theme(self) -> None:
        themed: Any = self.app  # the app's own: themes are Textual's, not the workbench's
        themed.next_theme()
