"""What the main screen's parts share: the workbench, the highlighted task, the marks, the plan in view.

The main screen (``main.py``) is this plus its keys, grouped by what they act on: filters and the view
(``main.py``), one task (``task_keys.py``), a plan and what goes out of the app (``plan_keys.py``).  Each
key's action calls one method of :class:`govtui.workbench.workbench.Workbench`.
"""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.screen import Screen

from govtui.domain.model import Task
from govtui.tui.widgets.filter_bar import FilterBar
from govtui.tui.widgets.section_tree import SectionTree
from govtui.tui.widgets.task_table import TaskTable
from govtui.workbench.view import ViewState
from govtui.workbench.workbench import Workbench


class WorkbenchScreen(Screen[None]):
    def __init__(self, workbench: Workbench) -> None:
        super().__init__()
        self.workbench = workbench

    def current_task(self) -> Task | None:
        """The task highlighted in the table; none while the screen is still being made (the footer asks which
        keys apply as it is composed)."""
        try:
            return self.query_one(TaskTable).current
        except NoMatches:
            return None

    def marked_ids(self) -> list[str]:
        """The marked tasks that are still in the store, in the table's order first."""
        return self.workbench.marked_ids(self.query_one(TaskTable).tasks)

    def show_marks(self, view: ViewState) -> None:
        """``view`` (its marks changed) becomes the workbench's; the table and the filter bar show the marks."""
        self.workbench.view = view
        table = self.query_one(TaskTable)
        table.marked = set(view.marks)
        table.refresh()
        self.query_one(FilterBar).set_marked(len(self.marked_ids()))

    def plan_in_view(self) -> str | None:
        """The plan of the scope filter, else the highlighted task's."""
        scope = self.workbench.view.layer("scope")
        if scope is not None and scope.plan:
            return str(scope.plan)
        task = self.current_task()
        return task.plan_id if task else None

    def section_in_view(self, plan_id: str) -> str | None:
        """The section highlighted in the tree (or the scope's, or the highlighted task's) in plan ``plan_id``."""
        node = self.query_one(SectionTree).cursor_node
        scope = node.data if node is not None else None
        if scope is not None and scope.plan == plan_id and scope.section:
            return str(scope.section)
        chosen = self.workbench.view.layer("scope")
        if chosen is not None and chosen.plan == plan_id and chosen.section:
            return str(chosen.section)
        task = self.current_task()
        return task.sections[-1] if task is not None and task.plan_id == plan_id and task.sections else None
