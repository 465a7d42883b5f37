"""Plans → top sections → subsections, each showing done/total; selecting narrows the table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.scroll_view import ScrollView
from textual.widgets import Tree
from textual.widgets._tree import TOGGLE_STYLE
from textual.widgets.tree import TreeNode

from govtui.domain.model import ARCHIVED_MARK, Plan, Status, Task
from govtui.domain.text import cell_len, pattern, strip_controls, truncate

CountMap = dict[tuple[str | None, str | None], int]  # (plan, section) → tasks
Counts = tuple[CountMap, CountMap]  # done, total


@dataclass(frozen=True, slots=True)
class Scope:
    """What a tree node stands for: everything, a plan, or one section of a plan."""

    plan: str | None = None
    section: str | None = None


_COUNT = re.compile(r" \d+/\d+$")


#: The tree's width from 80 columns up: room for a plan's short name (``民政局 2019``) beside its count.
TREE_AT_80 = 22
#: The narrowest tree: a plan's label keeps a character of its name and its year (``残…2024 0/22``).
TREE_MIN = 17


def tree_width(screen_width: int) -> int:
    """The tree's width for a terminal this wide: a fifth of it, within 17..36 cells, and from 80
    columns at least :data:`TREE_AT_80` (a fifth of 80 leaves a plan's label only its year)."""
    return max(TREE_MIN, min(36, max(screen_width // 5, min(TREE_AT_80, screen_width - 58))))


#: A place name before the organisation (淮南市, 安徽省淮南市, 台山市): left out of the short name.
_PLACE = r"^(?:[^\s省市县区]{2,6}省)?(?:[^\s省市县区]{2,6}[市州盟])?(?:[^\s省市县区]{2,6}[县区旗])?"


def short_plan_title(plan: Plan, cells: int) -> str:
    """The plan's name in at most ``cells`` display cells, still recognisable: organisation and year
    (``淮南市残疾人联合会 2024``); when that does not fit, the place name is left out (``残疾人联合会 2024``),
    then the space, then the organisation is cut with an ellipsis before the year is (``残疾人…2024``).
    An archived plan keeps its mark in front: ``(已归档)残疾…2024``."""
    if plan.archived:
        return ARCHIVED_MARK + _short_title(plan, cells - cell_len(ARCHIVED_MARK))
    return _short_title(plan, cells)


def _short_title(plan: Plan, cells: int) -> str:
    year = str(plan.year) if plan.year else ""
    org = plan_org(plan)
    full = f"{org} {year}".strip()
    if cell_len(full) <= cells:
        return full
    place = pattern(_PLACE).match(org)
    short = org[place.end():] if place else org
    if cell_len(short) < 4:  # the place was the whole name: keep it
        short = org
    for candidate in (f"{short} {year}".strip(), f"{short}{year}"):
        if cell_len(candidate) <= cells:
            return candidate
    if year and cells >= len(year) + 3:  # a character of the organisation, an ellipsis, the year
        return truncate(short, cells - len(year)) + year
    return truncate(f"{short}{year}", cells)


def _label(title: str, done: int, total: int) -> Text:
    label = Text(strip_controls(title))
    label.append(f" {done}/{total}", style="dim")
    return label


class SectionTree(Tree[Scope]):
    BINDINGS = [Binding("j", "cursor_down", "向下 Down", show=False), Binding("k", "cursor_up", "向上 Up", show=False)]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("全部计划"), data=Scope(), id=id)
        self._counts: Counts = ({}, {})
        # Every task, when the tree has them all: a plan's sections are counted when it is first opened (a
        # large store's tens of thousands of sections would be counted, and kept, for the few that are seen).
        self._tasks: list[Task] | None = None
        self._counted: set[str] | None = None  # the plans whose sections are counted (None: every plan's)
        self._plans: dict[str, Plan] = {}
        self.show_root = True
        self.guide_depth = 2
        self._generation = 0  # bumped by each load: plans still to be added for an older one are not

    def _room(self, node: TreeNode[Scope]) -> tuple[int, int]:
        """The tree's width and the cells left for ``node``'s label (after its guides and icon)."""
        width = self.scrollable_content_region.width
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        return width, width - depth * self.guide_depth - (cell_len(self.ICON_NODE) if node.allow_expand else 0)

    def notify_style_update(self) -> None:
        """A change of style (focus, theme) repaints the lines; which nodes they show, in which order, stays.
        Textual's tree rebuilds every line for it, which with a thousand plans is a visible pause at start."""
        ScrollView.notify_style_update(self)
        self._line_cache.clear()
        self.refresh()

    def _on_resize(self, event: events.Resize) -> None:
        """As :meth:`notify_style_update`: a new size repaints, the lines stay (Textual's handler is not run)."""
        event.prevent_default()
        self._line_cache.grow(event.size.height)
        self._line_cache.clear()
        self.refresh(layout=True)

    def get_label_width(self, node: TreeNode[Scope]) -> int:
        """One cell: :meth:`render_label` cuts every label to the room beside its guides, so the tree
        never scrolls sideways and need not measure labels (it measures every node on each rebuild,
        costly with thousands of plans).  Scrolling to a line only needs the label's start."""
        return 1

    def render_label(self, node: TreeNode[Scope], base_style: Style, style: Style) -> Text:
        """The label cut to the tree's width by shortening the title: its done/total count is never cut."""
        label: Text = node._label
        width, room = self._room(node)
        found = _COUNT.search(label.plain) if width > 0 and label.cell_len > room else None
        if found is not None:
            count = label.plain[found.start():]
            cells = max(0, room - cell_len(count))
            scope = node.data
            plan = self._plans.get(scope.plan) if scope is not None and scope.plan and not scope.section else None
            label = Text(short_plan_title(plan, cells) if plan is not None
                         else truncate(label.plain[: found.start()], cells))
            label.append(count, style="dim")
        node_label = label.copy()
        node_label.stylize(style)
        prefix = ((self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE, base_style + TOGGLE_STYLE)
                  if node.allow_expand else ("", base_style))
        return Text.assemble(prefix, node_label)

    def load(self, plans: list[Plan], tasks: list[Task], counts: Counts | None = None) -> None:
        """Rebuild the tree, keeping which nodes were expanded and where the cursor was.

        A plan's sections are added when the plan is first expanded, so a store of hundreds
        of plans builds hundreds of nodes, not thousands.  ``counts``: the done/total figures when
        ``tasks`` are not all the tasks (a preview of a large store).
        """
        selected = self.cursor_node.data if self.cursor_node else None
        expanded = {n.data for n in self.walk() if n.is_expanded and n.data is not None}
        if counts is None:
            self._tasks, self._counted = tasks, set()
            self._counts = _counts(tasks, self._counted)
        else:
            self._tasks, self._counted, self._counts = None, None, counts
        self._plans = {plan.id: plan for plan in plans}
        self._generation += 1
        self.clear()
        self.root.set_label(self._label(Scope(), "全部计划"))
        self.root.expand()
        # A screenful of plans now, the rest a screenful at a time once the screen is drawn (a thousand plans
        # are a thousand nodes: added at once they would hold up the first screen and the keys after it).
        screenful = max(self.size.height, 24) * 2
        self._add_plans(plans, 0, screenful, expanded, selected, len(plans) <= 3, self._generation)

    def _add_plans(self, plans: list[Plan], start: int, count: int, expanded: set[Scope], selected: Scope | None,
                   open_all: bool, generation: int) -> None:
        """Add ``count`` plans from ``start`` under the root, then ask for the next ones after a refresh
        (unless the tree was loaded again since ``generation``)."""
        if generation != self._generation:
            return
        chunk = plans[start:start + count]
        if start + count < len(plans):
            self.call_after_refresh(self._add_plans, plans, start + count, count, expanded, selected, open_all,
                                    generation)
        for plan in chunk:
            scope = Scope(plan.id)
            node = self.root.add(self._label(scope, plan_title(plan)), data=scope, allow_expand=plan.has_sections)
            if scope in expanded or open_all:
                self._fill(node, expanded)
                node.expand()
        if selected is not None and any(selected.plan == plan.id for plan in chunk):
            line = next((n.line for n in self.walk() if n.data == selected), -1)
            if line > 0:
                self.cursor_line = line

    def walk(self) -> list[TreeNode[Scope]]:
        """Every node now in the tree, root first."""
        nodes, stack = [], [self.root]
        while stack:
            node = stack.pop()
            nodes.append(node)
            stack.extend(reversed(node.children))
        return nodes

    def _label(self, scope: Scope, title: str) -> Text:
        done, total = self._counts
        key = (scope.plan, scope.section)
        return _label(title, done.get(key, 0), total.get(key, 0))

    def _fill(self, plan_node: TreeNode[Scope], expanded: set[Scope] | None = None) -> None:
        """Add a plan's sections under its node (once)."""
        scope = plan_node.data
        if scope is None or plan_node.children or scope.plan not in self._plans:
            return
        plan = self._plans[scope.plan]
        self._count_sections(plan.id)
        parents: dict[str | None, TreeNode[Scope]] = {}
        has_children = {s.parent for s in plan.sections}
        for section in plan.sections:
            sscope = Scope(plan.id, section.id)
            parent = parents.get(section.parent, plan_node)
            node = parent.add(self._label(sscope, section.heading), data=sscope,
                              expand=expanded is not None and sscope in expanded)
            node.allow_expand = section.id in has_children
            parents[section.id] = node

    def _count_sections(self, plan_id: str) -> None:
        """Count a plan's sections, the first time they are shown."""
        if self._counted is None or plan_id in self._counted or self._tasks is None:
            return
        self._counted.add(plan_id)
        for mine, theirs in zip(self._counts, _counts([t for t in self._tasks if t.plan_id == plan_id]), strict=True):
            mine.update((key, n) for key, n in theirs.items() if key[0] is not None and key[1] is not None)

    def every_task_read(self, tasks: list[Task]) -> None:
        """The tree was drawn from a preview's counts, and every task is read now (the same version): from here on
        only the sections of the plans opened so far stay counted, the rest when they are opened."""
        self._tasks = tasks
        self._counted = {n.data.plan for n in self.root.children if n.children and n.data and n.data.plan}
        counted = self._counted
        done, total = ({k: n for k, n in mine.items() if k[1] is None or k[0] in counted} for mine in self._counts)
        self._counts = done, total  # new dicts: a dict keeps its room when keys are deleted

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Scope]) -> None:
        if event.node.data is not None and event.node.data.section is None and event.node.data.plan:
            self._fill(event.node)

    def count_change(self, before: Task, after: Task) -> None:
        """One task's status changed: adjust its plan's and sections' done counts and relabel just those."""
        delta = (after.status is Status.DONE) - (before.status is Status.DONE)
        if not delta:
            return
        done, _ = self._counts
        counted = self._counted is None or after.plan_id in self._counted
        keys = [(None, None), (after.plan_id, None), *((after.plan_id, s) for s in after.sections if counted)]
        for key in keys:
            done[key] = done.get(key, 0) + delta
        wanted = {Scope(*key) if key[0] else Scope() for key in keys}
        for node in self.walk():
            if node.data in wanted:
                node.set_label(self._label(node.data, self._title_of(node.data)))

    def _title_of(self, scope: Scope) -> str:
        if scope.plan is None:
            return "全部计划"
        plan = self._plans.get(scope.plan)
        section = plan.section(scope.section) if plan and scope.section else None
        return section.heading if section else (plan_title(plan) if plan else "")

    def update_counts(self, tasks: list[Task]) -> None:
        """New done/total figures on the existing nodes (a status changed): no rebuild."""
        if self._counted is not None:
            self._tasks = tasks
        self._counts = _counts(tasks, self._counted)
        for node in self.walk():
            scope = node.data
            if scope is not None:
                node.set_label(self._label(scope, self._title_of(scope)))


def plan_org(plan: Plan) -> str:
    """The plan's organisation; without one, its title up to the year (``XX局2024年政务公开工作要点`` → ``XX局``)."""
    if plan.organization.strip():
        return strip_controls(plan.organization).strip()
    title = strip_controls(plan.title).strip()
    if not plan.year:
        return title
    before_year = re.match(r"(.+?)(?:19|20)\d\d\s*年", title)
    return before_year.group(1) if before_year else re.sub(r"^(?:19|20)\d\d\s*年?\s*", "", title) or title


def plan_title(plan: Plan) -> str:
    """A plan's node in the tree: its organisation and year (cut to the room by :func:`short_plan_title`),
    archived plans marked."""
    return (ARCHIVED_MARK if plan.archived else "") + f"{plan_org(plan)} {plan.year or ''}".strip()


def _counts(tasks: list[Task], sections_of: set[str] | None = None) -> Counts:
    """done and total per (plan, section); (plan, None) for a plan, (None, None) for everything.  ``sections_of``:
    the plans whose sections are counted (``None``: every plan's)."""
    done: CountMap = {}
    total: CountMap = {}
    done_status = Status.DONE
    for task in tasks:
        plan = task.plan_id
        keys = [(plan, None), *((plan, s) for s in task.sections if sections_of is None or plan in sections_of)]
        if task.status is done_status:
            for key in keys:
                done[key] = done.get(key, 0) + 1
        for key in keys:
            total[key] = total.get(key, 0) + 1
    total[(None, None)] = len(tasks)
    done[(None, None)] = sum(1 for t in tasks if t.status is done_status)
    return done, total
