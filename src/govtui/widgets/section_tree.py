"""Plans → top sections → subsections, each showing done/total; selecting narrows the table."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree

from govtui.model import Plan, Status, Task
from govtui.text import strip_controls


@dataclass(frozen=True, slots=True)
class Scope:
    """What a tree node stands for: everything, a plan, or one section of a plan."""

    plan: str | None = None
    section: str | None = None


def _label(title: str, done: int, total: int) -> Text:
    label = Text(strip_controls(title))
    label.append(f" {done}/{total}", style="dim")
    return label


class SectionTree(Tree[Scope]):
    BINDINGS = [Binding("j", "cursor_down", "Down", show=False), Binding("k", "cursor_up", "Up", show=False)]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("全部计划"), data=Scope(), id=id)
        self.show_root = True
        self.guide_depth = 2

    def load(self, plans: list[Plan], tasks: list[Task]) -> None:
        """Rebuild the tree, keeping which nodes were expanded and where the cursor was."""
        selected = self.cursor_node.data if self.cursor_node else None
        expanded = {n.data for n in self._tree_nodes.values() if n.is_expanded and n.data is not None}
        done: dict[tuple[str, str | None], int] = {}
        total: dict[tuple[str, str | None], int] = {}
        for task in tasks:
            keys = [(task.plan_id, None), *((task.plan_id, s) for s in task.sections)]
            for key in keys:
                total[key] = total.get(key, 0) + 1
                if task.status is Status.DONE:
                    done[key] = done.get(key, 0) + 1
        self.clear()
        all_done = sum(1 for t in tasks if t.status is Status.DONE)
        self.root.set_label(_label("全部计划", all_done, len(tasks)))
        self.root.expand()
        cursor_line = 0
        for plan in plans:
            key = (plan.id, None)
            scope = Scope(plan.id)
            title = f"{plan.year or ''} {plan.organization or plan.title}".strip()
            plan_node = self.root.add(_label(title, done.get(key, 0), total.get(key, 0)), data=scope,
                                      expand=scope in expanded or len(plans) <= 3)
            parents = {}
            for section in plan.sections:
                skey = (plan.id, section.id)
                sscope = Scope(plan.id, section.id)
                parent = parents.get(section.parent, plan_node)
                node = parent.add(_label(section.heading, done.get(skey, 0), total.get(skey, 0)), data=sscope,
                                  expand=sscope in expanded)
                if not any(s.parent == section.id for s in plan.sections):
                    node.allow_expand = False
                parents[section.id] = node
        if selected is not None:
            for node in self._tree_nodes.values():
                if node.data == selected:
                    cursor_line = node.line
                    break
        if cursor_line > 0:
            self.cursor_line = cursor_line
