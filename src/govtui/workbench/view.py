"""What the main screen shows, as one value: the filter layers, the order, whether archived plans show,
and the marked tasks.  Every change gives a new :class:`ViewState`; nothing here knows Textual."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import reduce

from govtui.domain.model import DOUBT_LABEL, OVERDUE_LABEL, Plan, Role, Status, Task
from govtui.domain.query import (
    DOUBT_WORDS,
    OPEN_WORDS,
    OVERDUE_WORDS,
    SOON_WORDS,
    TaskFilter,
    archived_hidden,
    status_filter,
    status_words,
)
from govtui.domain.snapshot import Snapshot
from govtui.domain.sorting import SORTS


@dataclass(frozen=True)
class FilterLayer:
    """One applied filter: its kind (one layer of each kind at a time), its label for the filter bar,
    and the criteria it adds (a :class:`TaskFilter`; the layers combine with ``&``)."""

    kind: str
    label: str
    part: TaskFilter = field(compare=False)

    @classmethod
    def units(cls, label: str, names: frozenset[str], role: Role | None, include_generic: bool = False) -> FilterLayer:
        """``label``: the unit as people know it (its name, not the pinyin typed to find it)."""
        shown = f"单位={label}" + (f"({role.label})" if role else "") + ("+各科室等" if include_generic else "")
        return cls("unit", shown, TaskFilter(units=names, role=role, include_generic=include_generic))

    @classmethod
    def status(cls, words: str, soon: tuple[int, int] | None = None) -> FilterLayer:
        """``words``: statuses (``doing,blocked``, ``进行中+受阻``), ``未完成``, ``逾期``, ``即将到期``, ``待核对``
        (see :func:`govtui.domain.query.status_filter`); ``soon``: the 即将到期 window as (calendar days,
        working days), see :meth:`govtui.workbench.workbench.Workbench.soon`."""
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

    @classmethod
    def scope(cls, label: str, plan: str | None, section: str | None) -> FilterLayer:
        """A plan or a section of it, chosen in the tree; ``label``: its heading as the bar shows it."""
        return cls("scope", f"范围={label}", TaskFilter(plan=plan, section=section))


@dataclass(frozen=True)
class ViewState:
    """The filters in the order they were applied (Esc removes the last), the table's order (a key of
    :data:`govtui.domain.sorting.SORTS`; ``None``: document order), archived plans shown (``B``) or not,
    and the ids of the marked tasks (Space)."""

    filters: tuple[FilterLayer, ...] = ()
    sort: str | None = None
    show_archived: bool = False
    marks: frozenset[str] = frozenset()

    # -- filters ------------------------------------------------------------------------
    def with_filter(self, kind: str, layer: FilterLayer | None) -> ViewState:
        """The filter of this ``kind`` replaced by ``layer`` (``None``: removed), applied last."""
        kept = tuple(f for f in self.filters if f.kind != kind)
        return replace(self, filters=(*kept, layer) if layer is not None else kept)

    def without_latest(self) -> ViewState:
        return replace(self, filters=self.filters[:-1])

    def without_filters(self) -> ViewState:
        return replace(self, filters=())

    def layer(self, kind: str) -> TaskFilter | None:
        """The criteria of the filter of this ``kind``, if one is applied."""
        return next((f.part for f in self.filters if f.kind == kind), None)

    def labels(self) -> list[str]:
        return [f.label for f in self.filters]

    # -- archived plans: the one place that decides which plans are out of view ------------
    def hidden_plans(self, snap: Snapshot) -> list[str]:
        """The plans the view leaves out: the archived ones, unless ``B`` shows them."""
        return [] if self.show_archived else [p.id for p in snap.plans.values() if p.archived]

    def shown_plans(self, snap: Snapshot) -> list[Plan]:
        """The plans in the tree, by number."""
        hidden = set(self.hidden_plans(snap))
        return [p for p in snap.ordered_plans() if p.id not in hidden]

    def shown_tasks(self, snap: Snapshot) -> list[Task]:
        """Every task of the plans in view (no filter applied)."""
        hidden = set(self.hidden_plans(snap))
        return [t for t in snap.tasks if t.plan_id not in hidden] if hidden else snap.tasks

    def task_filter(self, snap: Snapshot) -> TaskFilter:
        """The filters combined, archived plans left out unless asked for (by ``B``, by plan or by a search)."""
        combined = reduce(lambda combined, layer: combined & layer.part, self.filters, TaskFilter())
        hidden = self.hidden_plans(snap)
        return archived_hidden(hidden, combined) if hidden else combined

    def archived_toggled(self) -> ViewState:
        return replace(self, show_archived=not self.show_archived)

    # -- order --------------------------------------------------------------------------
    def next_sort(self) -> ViewState:
        """时限 → 状态 → 单位 → 编号 → 时限 …"""
        names = list(SORTS)
        return replace(self, sort=names[(names.index(self.sort) + 1) % len(names)] if self.sort else names[1])

    # -- marks --------------------------------------------------------------------------
    def mark_toggled(self, task_id: str) -> ViewState:
        return replace(self, marks=self.marks ^ {task_id})

    def unmarked(self, task_ids: Iterable[str] | None = None) -> ViewState:
        """Marks taken off ``task_ids`` (``None``: every mark)."""
        return replace(self, marks=frozenset() if task_ids is None else self.marks - set(task_ids))

    def marked_ids(self, shown: Sequence[Task], existing: Iterable[str]) -> list[str]:
        """The marked tasks that still exist (``existing``), in the order ``shown`` first, then any filtered out."""
        known = set(existing)
        first = [t.id for t in shown if t.id in self.marks]
        return [i for i in first + sorted(self.marks - set(first)) if i in known]
