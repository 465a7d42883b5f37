"""The review of a plan as read, before it is imported: its rows (plan, headings, tasks), its doubts, and
the corrections a person makes to it, each one step that can be taken back.

Plain Python (the review screen draws it; tests drive it without a terminal).  The corrections are those
of :mod:`govtui.domain.outline`, the same the command line and the main screen make to a plan in the store.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TypeVar

from govtui.domain.model import DOUBT_FLAGS, ImportedPlan, Plan, Section, Task, Unit, doubts
from govtui.domain.outline import (
    CorrectionError,
    Outline,
    heading_label_level,
    reread_deadlines,
    set_deadline,
    set_units,
)

T = TypeVar("T")


class Row:
    """One line of the review: a plan, a heading or a task (``plan``: which plan of the document)."""

    __slots__ = ("item", "kind", "plan")

    def __init__(self, kind: str, plan: int, item: Plan | Section | Task) -> None:
        self.kind = kind  # "plan", "section" or "task"
        self.plan = plan
        self.item = item


def task_doubts(task: Task) -> list[str]:
    """What the review points out on a task: the importer's guesses, and no units."""
    return doubts(task.flags) + (["no-units"] if "no-units" in task.flags and "incomplete" not in task.flags else [])


def plan_doubts(plan: Plan) -> list[str]:
    said = []
    if not plan.organization:
        said.append("文档未写明制发单位 (按 o 填写)")
    if not plan.year:
        said.append("文档未写明年度 (按 o 填写)")
    return said


class ReviewDraft:
    """The plans of one document as read, and as corrected so far."""

    def __init__(self, plans: list[ImportedPlan]) -> None:
        self.sources = plans
        self.outlines = [Outline(p.plan, p.tasks) for p in plans]
        self.edited: list[set[str]] = [set(p.edited) for p in plans]
        self.done: list[str] = []  # the corrections made, in words, oldest first
        self.marked: set[int] = set()  # id() of the marked tasks
        self._before: list[tuple[list[Outline], list[set[str]], list[str]]] = []

    # -- what is shown ------------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        rows = []
        for index, outline in enumerate(self.outlines):
            rows.append(Row("plan", index, outline.plan))
            rows.extend(Row("section" if isinstance(item, Section) else "task", index, item) for item in outline.items)
        return rows

    def is_doubt(self, row: Row) -> bool:
        if isinstance(row.item, Task):
            return bool(task_doubts(row.item))
        if isinstance(row.item, Plan):
            return bool(plan_doubts(row.item))
        return False

    def doubt_count(self) -> int:
        return sum(1 for row in self.rows() if self.is_doubt(row))

    def next_doubt(self, rows: list[Row], at: int, step: int) -> int | None:
        """The next row with a doubt after ``at`` (``step`` 1) or before it (``step`` -1), wrapping round."""
        count = len(rows)
        for k in range(1, count + 1):
            i = (at + step * k) % count
            if self.is_doubt(rows[i]):
                return i
        return None

    def result(self) -> list[ImportedPlan]:
        """The plans as corrected, ready to import."""
        plans = []
        for source, outline, edited in zip(self.sources, self.outlines, self.edited, strict=True):
            outline.rebuild()
            plans.append(ImportedPlan(outline.plan, outline.tasks, _still_true(source.warnings, outline.plan),
                                      layout=source.layout, why=source.why, edited=sorted(edited)))
        return plans

    # -- corrections: each one step ---------------------------------------------------------------------
    def _step(self, words: str, change: Callable[[], T]) -> T:
        """Make one correction, keeping the draft as it was to take it back (a correction that cannot
        apply raises before it changes anything)."""
        before = (copy.deepcopy(self.outlines), [set(e) for e in self.edited], list(self.done))
        result = change()
        self._before.append(before)
        self.done.append(words)
        return result

    def undo(self) -> str | None:
        """Take back the latest correction; returns what it was (``None``: there was none)."""
        if not self._before:
            return None
        words = self.done[-1]
        self.outlines, self.edited, self.done = self._before.pop()
        self.marked.clear()  # the tasks are the copies kept before that step
        return words

    def _task(self, row: Row) -> Task:
        if not isinstance(row.item, Task):
            raise CorrectionError("这一行不是任务 (not a task): 请选择一项任务")
        return row.item

    def merge(self, row: Row) -> Task:
        task = self._task(row)
        outline = self.outlines[row.plan]
        return self._step(f"任务 {task.number} 并入上一项", lambda: outline.merge_into_previous(task))

    def split(self, row: Row, at: int) -> Task:
        task = self._task(row)
        outline = self.outlines[row.plan]
        return self._step(f"拆分任务 {task.number} (第 {at} 句起)", lambda: outline.split(task, at))

    def promote(self, row: Row, level: int | None) -> Section:
        task = self._task(row)
        chosen = level or heading_label_level(task.text) or 2
        kind = "部分标题" if chosen == 1 else "小节标题"
        outline = self.outlines[row.plan]
        return self._step(f"任务 {task.number} 改为{kind}", lambda: outline.promote(task, chosen))

    def demote(self, row: Row) -> Task:
        if not isinstance(row.item, Section):
            raise CorrectionError("这一行不是标题 (not a heading)")
        section = row.item
        outline = self.outlines[row.plan]
        return self._step(f"标题 “{section.heading}” 改为任务", lambda: outline.demote(section.id))

    def move(self, row: Row, section_id: str) -> None:
        task = self._task(row)
        heading = self.outlines[row.plan].section(section_id).heading
        self._step(f"任务 {task.number} 移到 “{heading}” 之下", lambda: self.outlines[row.plan].move(task, section_id))

    def drop(self, row: Row) -> None:
        task = self._task(row)
        self._step(f"去掉非任务行 {task.number}", lambda: self.outlines[row.plan].drop(task))

    def targets(self, row: Row) -> list[tuple[int, Task]]:
        """The marked tasks (with their plan), or the task of ``row`` when none is marked."""
        marked = [(i, t) for i, o in enumerate(self.outlines) for t in o.tasks if id(t) in self.marked]
        return marked or [(row.plan, self._task(row))]

    def set_units(self, row: Row, units: list[Unit]) -> int:
        """The units (with roles) of the marked tasks, or of the task of ``row``; how many tasks."""
        if not units:
            raise CorrectionError("责任单位不能为空 (no units given)")
        targets = self.targets(row)

        def change() -> None:
            for _, task in targets:
                set_units(task, units)

        numbers = "、".join(t.number for _, t in targets[:3]) + (f" 等 {len(targets)} 项" if len(targets) > 3 else "")
        self._step(f"任务 {numbers} 的责任单位", change)
        self.marked.clear()
        return len(targets)

    def set_deadline(self, row: Row, text: str) -> None:
        from govtui.domain.deadlines import DateError, parse_typed_deadline

        task = self._task(row)
        try:
            deadline = parse_typed_deadline(text, self.outlines[row.plan].plan.year)
        except DateError as exc:
            raise CorrectionError(f"时限{exc}") from None
        self._step(f"任务 {task.number} 的时限", lambda: set_deadline(task, deadline))

    def confirm(self, row: Row) -> int:
        targets = [(i, t) for i, t in self.targets(row) if doubts(t.flags)]
        if not targets:
            raise CorrectionError("没有待核对的标记 (nothing to confirm)")

        def change() -> None:
            for _, task in targets:
                task.flags = tuple(f for f in task.flags if f not in DOUBT_FLAGS)

        self._step(f"核对确认 {len(targets)} 项任务", change)
        self.marked.clear()
        return len(targets)

    def set_plan(self, index: int, organization: str, year: int | None, title: str) -> None:
        """The plan's organisation, year and title as the person typed them (a re-import keeps them)."""
        plan = self.outlines[index].plan
        wanted = {"organization": organization.strip(), "year": year, "title": title.strip()}
        if not wanted["title"]:
            raise CorrectionError("标题不能为空 (the title is empty)")
        changed = [f for f, v in wanted.items() if getattr(plan, f) != v]
        if not changed:
            raise CorrectionError("没有修改 (nothing changed)")

        def change() -> None:
            outline = self.outlines[index]
            for field in changed:
                setattr(outline.plan, field, wanted[field])
            self.edited[index].update(changed)
            if "year" in changed:
                reread_deadlines(outline.tasks, outline.plan.year)

        self._step("计划的" + "、".join({"organization": "制发单位", "year": "年度", "title": "标题"}[f]
                                       for f in changed), change)

    def toggle_mark(self, row: Row) -> bool:
        task = self._task(row)
        if id(task) in self.marked:
            self.marked.discard(id(task))
            return False
        self.marked.add(id(task))
        return True


#: What the importer's warnings about a missing organisation or year say (importers/__init__.py): once the
#: person has typed the field in, the warning (and its advice to use --org / --year) no longer holds.
MISSING = {"organization": "没有写明制发单位", "year": "没有写明计划年度"}


def _still_true(warnings: list[str], plan: Plan) -> list[str]:
    gone = [words for field, words in MISSING.items() if getattr(plan, field)]
    return [w for w in warnings if not any(words in w for words in gone)]
