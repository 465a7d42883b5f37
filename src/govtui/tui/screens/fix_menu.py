"""``F`` on the main screen: correct how a plan was read, after it was imported — the review screen's
corrections, each one change to the store (one undo step, a ``修正`` line in the history).

A menu of what can be done to the highlighted task (the marked tasks, for units), to the heading
highlighted in the tree, and to the plan; then the short prompt a correction needs.
"""

from __future__ import annotations

from typing import Any

from govtui.domain.model import Task, format_units
from govtui.domain.outline import sentences
from govtui.store import corrections
from govtui.tui.screens.main_base import WorkbenchScreen
from govtui.tui.widgets.section_tree import SectionTree


def open_fix_menu(screen: WorkbenchScreen, task: Task | None, marked: list[str], tree: SectionTree) -> None:
    from govtui.tui.screens.review_prompts import Choice

    node = tree.cursor_node
    scope = node.data if node is not None else None
    plan_id = task.plan_id if task is not None else (scope.plan if scope is not None else None)
    plan = screen.workbench.snap.plans.get(plan_id or "")
    if plan is None:
        screen.notify("先选择一项任务或一个计划 (choose a task)", severity="warning", markup=False)
        return
    choices: list[tuple[str, str]] = []
    if task is not None:
        choices += [("merge", f"任务 {task.id} 并入上一项任务 (被截断的后半部分)"),
                    ("split", f"拆分任务 {task.id}: 从第 N 句起为新任务"),
                    ("promote2", f"任务 {task.id} 改为小节标题 (其后的任务归到它下面)"),
                    ("promote1", f"任务 {task.id} 改为部分标题"),
                    ("move", f"任务 {task.id} 移到其他标题下"),
                    ("drop", f"去掉任务 {task.id} (不是任务的行)"),
                    ("units", f"责任单位和角色: {f'{len(marked)} 项标记的任务' if marked else f'任务 {task.id}'}")]
    section = plan.section(scope.section) if scope is not None and scope.plan == plan.id and scope.section else None
    if section is not None:
        choices.append(("demote", f"标题 “{section.heading}” 改回任务"))
    choices.append(("plan", f"计划 {plan.id} 的制发单位、年度、标题"))

    def chosen(what: str | None) -> None:
        if what is None:
            return
        if what == "demote" and section is not None:
            ask(screen, corrections.demote, (plan.id, section.id), f"标题 “{section.heading}” 已改回任务")
        elif what == "plan":
            _plan_fields(screen, plan)
        elif task is not None:
            _on_task(screen, what, task, marked, plan)

    screen.app.push_screen(Choice("修正识别结果 (correct the reading)", choices), chosen)


def ask(screen: WorkbenchScreen, change: Any, args: tuple[Any, ...], done: str) -> None:
    screen.workbench.correct(change, args, done)


def _on_task(screen: WorkbenchScreen, what: str, task: Task, marked: list[str], plan: Any) -> None:
    from govtui.tui.screens.review_prompts import Choice, TextPrompt, UnitsPrompt

    if what == "merge":
        ask(screen, corrections.merge, (task.id,), f"任务 {task.id} 已并入上一项")
    elif what in ("promote1", "promote2"):
        ask(screen, corrections.promote, (task.id, int(what[-1])), f"任务 {task.id} 已改为标题")
    elif what == "drop":
        ask(screen, corrections.drop, (task.id,), f"已去掉 {task.id}")
    elif what == "split":
        parts = sentences(task.text)
        if len(parts) < 2:
            screen.notify(f"任务 {task.id} 只有一句, 无法拆开", severity="warning", markup=False)
            return

        def typed(text: str | None) -> None:
            if text is not None and text.strip().isdigit():
                ask(screen, corrections.split, (task.id, int(text.strip())), f"任务 {task.id} 已拆开")

        listed = "\n".join(f"{i}. {s}" for i, s in enumerate(parts, 1))
        screen.app.push_screen(TextPrompt(f"从第几句起拆为新任务? (2～{len(parts)})", "2", listed), typed)
    elif what == "move":
        headings = [(s.id, ("  " if s.level > 1 else "") + s.heading) for s in plan.sections]

        def moved(section_id: str | None) -> None:
            if section_id:
                ask(screen, corrections.move, (task.id, section_id), f"任务 {task.id} 已移动")

        screen.app.push_screen(Choice(f"把任务 {task.id} 移到哪个标题下?", headings), moved)
    elif what == "units":
        ids = marked or [task.id]
        known = screen.workbench.known_units()

        def chosen(units: list[Any] | None) -> None:
            if units:
                ask(screen, corrections.set_units, (ids, units), f"{len(ids)} 项任务的责任单位: {format_units(units)}")

        title = f"{len(ids)} 项标记任务的责任单位" if marked else f"任务 {task.id} 的责任单位"
        pinyin = screen.workbench.unit_keys_raw()
        screen.app.push_screen(UnitsPrompt(title, format_units(task.units), known, pinyin), chosen)


def _plan_fields(screen: WorkbenchScreen, plan: Any) -> None:
    from govtui.tui.screens.review_prompts import PlanFields, PlanPrompt

    def chosen(fields: PlanFields | None) -> None:
        if fields is not None:
            ask(screen, corrections.set_plan, (plan.id, fields.organization or None, fields.year, fields.title or None),
                f"计划 {plan.id} 已修改")

    screen.app.push_screen(PlanPrompt(plan.organization, plan.year, plan.title), chosen)
