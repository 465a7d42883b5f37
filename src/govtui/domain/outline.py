"""A plan as the document prints it: headings and tasks in one sequence, and the corrections a person makes
to a misread plan — merge a task into the one before, split one at a sentence, turn a task into a heading
and back, move a task under another heading, drop a row that is not a task, set units or a deadline.

Pure: model objects in, model objects out (no store, no UI).  The review screen applies these to the plan
as read, before it is imported; :mod:`govtui.store.corrections` applies the same to a plan in the store.

A task belongs to the last heading printed before it (a subsection to the last section): the sections of
every task follow from the sequence, so a correction only changes the sequence and :meth:`Outline.rebuild`
works out each task's sections and order again.
"""

from __future__ import annotations

import re

from govtui.domain.model import DOUBT_FLAGS, Deadline, Plan, Section, Status, Task, Unit

Item = Section | Task

#: Where a sentence ends (the split points of a task's text).
SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")


class CorrectionError(ValueError):
    """A correction that cannot apply (the first task has none before it …); the message says why, in Chinese."""


def name(task: Task) -> str:
    """How a message names a task: its id in the store, its printed number in a plan not yet imported."""
    return task.id or task.number


def sentences(text: str) -> list[str]:
    """The sentences of a task's text, each with its closing mark."""
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def free_number(base: str, taken: set[str]) -> str:
    """``base.1``, ``base.2`` …: the first not among ``taken`` (a new task's number beside ``base``)."""
    k = 1
    while f"{base}.{k}" in taken:
        k += 1
    return f"{base}.{k}"


class Outline:
    """A plan's headings and tasks in document order."""

    def __init__(self, plan: Plan, tasks: list[Task]) -> None:
        self.plan = plan
        self.items: list[Item] = _sequence(plan.sections, tasks)
        #: Numbers a new task must not take (besides the tasks' own): the tails of ids in the store.
        self.taken: set[str] = set()

    @property
    def tasks(self) -> list[Task]:
        return [i for i in self.items if isinstance(i, Task)]

    @property
    def sections(self) -> list[Section]:
        return [i for i in self.items if isinstance(i, Section)]

    def rebuild(self) -> None:
        """Each task's sections and order, each heading's parent and order, from the sequence; the plan's
        sections are the headings in it."""
        outer: Section | None = None
        inner: Section | None = None
        position = 0
        for item in self.items:
            if isinstance(item, Section):
                if item.level == 1:
                    outer, inner = item, None
                    item.parent = None
                else:
                    item.parent = outer.id if outer else None
                    inner = item
                continue
            item.sections = tuple(s.id for s in (outer, inner) if s is not None)
            item.order = position
            position += 1
        for order, section in enumerate(self.sections):
            section.order = order
        self.plan.sections = self.sections

    def index(self, item: Item) -> int:
        return next(i for i, x in enumerate(self.items) if x is item)

    def section(self, section_id: str) -> Section:
        found = next((s for s in self.sections if s.id == section_id), None)
        if found is None:
            raise CorrectionError(f"没有章节 {section_id} (no such heading)")
        return found

    def _numbers(self) -> set[str]:
        return {t.number for t in self.tasks} | self.taken

    # -- corrections -----------------------------------------------------------------------------
    def merge_into_previous(self, task: Task) -> Task:
        """``task`` was the rest of the task before it (a row cut across a page): one task again.
        Returns the task it went into."""
        tasks = self.tasks
        at = next(i for i, t in enumerate(tasks) if t is task)
        if at == 0:
            raise CorrectionError(f"任务 {name(task)} 是第一项, 前面没有可以合并进去的任务")
        before = tasks[at - 1]
        if task.status is not Status.TODO or task.notes or task.proof:
            raise CorrectionError(f"任务 {name(task)} 已有状态、进展记录或公开凭证, 不能合并 (it carries work)")
        before.text = before.text.rstrip() + task.text.strip()
        names = {u.name for u in before.units}
        before.units = (*before.units, *(u for u in task.units if u.name not in names))
        if not before.deadline.text and task.deadline.text:
            before.deadline = task.deadline
        flags = set(before.flags) | (set(task.flags) - {"incomplete", "cut-row", "no-units"})
        if before.units:
            flags.discard("no-units")
        before.flags = tuple(sorted(flags - {"incomplete", "cut-row"}))
        self.items.remove(task)
        self.rebuild()
        return before

    def split(self, task: Task, at: int) -> Task:
        """Two tasks printed as one: sentence ``at`` (1 = the first) and after become a new task right after
        it, with the same units and deadline.  Returns the new task."""
        parts = sentences(task.text)
        if not 2 <= at <= len(parts):
            raise CorrectionError(f"任务 {name(task)} 有 {len(parts)} 句, 只能从第 2～{len(parts)} 句拆开"
                                  if len(parts) > 1 else f"任务 {name(task)} 只有一句, 无法拆开")
        task.text = "".join(parts[: at - 1]).strip()
        new = task.copy_with(id="", number=free_number(task.number, self._numbers()),
                             text="".join(parts[at - 1:]).strip(), notes=[], proof=None, occurrences=[],
                             flags=[f for f in task.flags if f != "not-in-document"], previous=None, rev=0,
                             status=Status.TODO)
        self.items.insert(self.index(task) + 1, new)
        self.rebuild()
        return new

    def promote(self, task: Task, level: int) -> Section:
        """The row was a heading (``level`` 1 a section, 2 a subsection): the tasks after it, up to the next
        heading of its level or above, come under it."""
        if level not in (1, 2):
            raise CorrectionError("标题级别只能是 1 (部分) 或 2 (小节)")
        if task.notes or task.proof or task.status is not Status.TODO:
            raise CorrectionError(f"任务 {name(task)} 已有状态、进展记录或公开凭证, 不能改为标题 (it carries work)")
        label, title = _heading_parts(task.text, level)
        taken = {s.id for s in self.sections}
        number = 1
        while f"s{number}" in taken:
            number += 1
        section = Section(f"s{number}", label, title, level, 0)
        self.items[self.index(task)] = section
        self.rebuild()
        return section

    def demote(self, section_id: str) -> Task:
        """The heading was a task: it becomes one, where it stood; its tasks come under the heading before."""
        section = self.section(section_id)
        k = 1
        while f"H{k}" in self._numbers():
            k += 1
        number = f"H{k}"
        task = Task(id="", plan_id=self.plan.id, number=number, order=0, sections=[], text=section.title or
                    section.heading, flags=["no-units", "number-inferred"])
        self.items[self.index(section)] = task
        self.rebuild()
        return task

    def move(self, task: Task, section_id: str) -> None:
        """The task belongs under another heading: it goes after that heading's own tasks (a section's own
        tasks are printed before its first subsection)."""
        target = self.section(section_id)
        self.items.remove(task)
        at = self.index(target) + 1
        while at < len(self.items) and isinstance(self.items[at], Task):
            at += 1
        self.items.insert(at, task)
        self.rebuild()

    def drop(self, task: Task) -> None:
        """The row is not a task (a note under the table, a header row read as a task)."""
        if task.notes or task.proof or task.status is not Status.TODO:
            raise CorrectionError(f"任务 {name(task)} 已有状态、进展记录或公开凭证, 请用删除任务 (it carries work)")
        self.items.remove(task)
        self.rebuild()


def set_units(task: Task, units: list[Unit]) -> None:
    """A person's units for the task: the importer's doubts go, and a re-import keeps them."""
    task.units = tuple(units)
    flags = (set(task.flags) | {"edited-units"}) - DOUBT_FLAGS
    if units:
        flags.discard("no-units")
    task.flags = tuple(sorted(flags))


def reread_deadlines(tasks: list[Task], year: int | None) -> None:
    """The deadlines read again for a plan's new year (``6月底前`` is 30 June of the plan's year)."""
    from govtui.domain.deadlines import parse_deadline

    for task in tasks:
        if task.deadline.text:
            task.deadline = parse_deadline(task.deadline.text, year)


def set_deadline(task: Task, deadline: Deadline) -> None:
    task.deadline = deadline
    task.flags = tuple(sorted((set(task.flags) | {"edited-deadline"}) - DOUBT_FLAGS))


_LABEL = re.compile(r"^\s*(?:[(（]([一二三四五六七八九十]+)[)）]|([一二三四五六七八九十]+)[、.．])\s*")


def heading_label_level(text: str) -> int | None:
    """The level a row's printed label says: ``二、…`` 1, ``(三)…`` 2, none ``None``."""
    m = _LABEL.match(text)
    return None if m is None else (1 if m[2] else 2)


def _heading_parts(text: str, level: int) -> tuple[str, str]:
    """A heading's label and title from a row's text: ``二、加强解读`` → (二, 加强解读), ``(三)…`` → ((三), …)."""
    m = _LABEL.match(text)
    title = text[m.end():] if m else text
    title = title.strip().rstrip("。；;")
    if m is None:
        return "", title
    numeral = m[1] or m[2]
    return (numeral if level == 1 else f"({numeral})"), title


def _sequence(sections: list[Section], tasks: list[Task]) -> list[Item]:
    """Headings and tasks in document order: a heading is printed before the first task under it (an
    empty one after the heading before it)."""
    ordered = sorted(sections, key=lambda s: s.order)
    place = {s.id: i for i, s in enumerate(ordered)}
    items: list[Item] = []
    emitted = 0
    for task in sorted(tasks, key=lambda t: t.order):
        wanted = [place[s] for s in task.sections if s in place]
        last = max(wanted, default=-1)
        while emitted <= last:
            items.append(ordered[emitted])
            emitted += 1
        items.append(task)
    items.extend(ordered[emitted:])
    return items
