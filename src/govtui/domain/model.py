"""Plain data for a 政务公开 work plan: plans, sections, tasks, units, deadlines, notes.

Nothing here knows about files, TinyDB, click or Textual.  Every class converts to
and from the plain ``dict`` kept in the store (``to_dict`` / ``from_dict``), so the
JSON file stays the single source of truth and is readable by other tools.

The classes are written out with ``__slots__`` and an explicit ``__init__`` rather than
as dataclasses: the quick lookup imports this module, and ``dataclasses`` pulls in
``inspect`` and friends, a fifth of the lookup's start-up time.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Sequence
from enum import StrEnum

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")


#: How an archived plan is marked wherever it shows (the tree, the task's detail, `govtui plans`).
ARCHIVED_MARK = "(已归档)"


class Status(StrEnum):
    """Work status a person sets.  *Overdue* is derived, never stored."""

    TODO = "todo"
    DOING = "doing"
    DONE = "done"
    BLOCKED = "blocked"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Status:
        """Accept the English value or the Chinese label (``进行中``)."""
        value = text.strip().lower()
        for status in cls:
            if value in (status.value, STATUS_LABELS[status]):
                return status
        choices = ", ".join(f"{s.value}/{s.label}" for s in cls)
        raise ValueError(f"不认识的状态 {text!r} (unknown status); 可选: {choices}")


STATUS_LABELS: dict[Status, str] = {
    Status.TODO: "未开始",
    Status.DOING: "进行中",
    Status.DONE: "已完成",
    Status.BLOCKED: "受阻",
}
OVERDUE_LABEL = "逾期"
#: The filter of tasks holding an importer's guess a person has not checked yet (see DOUBT_FLAGS).
DOUBT_LABEL = "待核对"
#: Filter names accepted wherever a status is asked for: the four stored ones plus ``overdue``.
STATUS_FILTERS = (*[s.value for s in Status], "overdue")


#: What a task's flags mean, for people (the flags themselves are stable English words in ``--json``).
FLAG_LABELS: dict[str, str] = {
    "no-units": "文档未写明责任单位",
    "incomplete": "文字不完整: 文档在这里中断, 没有责任单位和时限, 请对照原文补全",
    "merged-units": "责任单位沿用上方合并单元格",
    "merged-deadline": "时限沿用上方合并单元格",
    "not-in-document": "重新导入的文档中已没有此任务 (因有进展记录而保留)",
    "edited-units": "责任单位已手工修改",
    "edited-deadline": "时限已手工修改",
    "added-by-hand": "手工新增的任务 (不在导入的文档中)",
    "split-cell": "与相邻任务印在同一格中 (如“4.… 5.…”), 已按编号拆开",
    "cut-row": "与被截断的任务印在同一格中, 该行的责任单位和时限已缺失",
    "number-inferred": "文档没有印编号, 编号由导入时推定",
    "joined-units": "单位名称跨“、”合并 (如“各市、县(市、区)教育局”视为一个单位)",
}
#: Flags that record a guess the importer made: a person checks each (the 待核对 filter), and editing or
#: confirming the task clears them.
DOUBT_FLAGS = frozenset({"incomplete", "merged-units", "merged-deadline", "split-cell", "cut-row",
                         "number-inferred", "joined-units"})


def doubts(flags: Sequence[str]) -> list[str]:
    """The doubt flags among ``flags`` (see :data:`DOUBT_FLAGS`), in their order."""
    return [f for f in flags if f in DOUBT_FLAGS]
#: The flag of a task added by hand (govtui add, ``A`` in the app).
ADDED_BY_HAND = "added-by-hand"


class Role(StrEnum):
    LEAD = "lead"  # 牵头
    COOPERATE = "cooperate"  # 配合
    RESPONSIBLE = "responsible"  # named without a role word

    @property
    def label(self) -> str:
        return {"lead": "牵头", "cooperate": "配合", "responsible": "负责"}[self.value]


class DeadlineKind(StrEnum):
    DATE = "date"  # a due date could be worked out
    ONGOING = "ongoing"  # 持续推进, 长期坚持 …
    RECURRING = "recurring"  # 每季度, 每月 …
    TEXT = "text"  # something else, kept as printed
    NONE = "none"  # the document gives no deadline


# Lookups that are much cheaper than calling the enum or parsing a date for each of 10,000 tasks.
ROLE_BY_VALUE = {r.value: r for r in Role}
KIND_BY_VALUE = {k.value: k for k in DeadlineKind}
STATUS_BY_VALUE = {s.value: s for s in Status}


@functools.lru_cache(maxsize=4096)
def iso_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Unit:
    __slots__ = ("generic", "name", "role")

    def __init__(self, name: str, role: Role = Role.RESPONSIBLE, generic: bool = False) -> None:
        self.name = name
        self.role = role
        self.generic = generic  # 各科室, 相关业务科室 …: a group, not one office

    def __repr__(self) -> str:
        return f"Unit({self.name!r}, {self.role.value}{', generic' if self.generic else ''})"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role.value, "generic": self.generic}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Unit:
        """The unit a stored document describes; one object per distinct unit, shared by every task
        read (units are never changed in place: a change makes new ones), so that a large store's
        tasks do not each hold their own copies."""
        key = (data["name"], data.get("role", "responsible"), bool(data.get("generic", False)))
        unit = _UNITS.get(key)
        if unit is None:
            unit = _UNITS[key] = cls(key[0], ROLE_BY_VALUE[key[1]], key[2])
        return unit


_UNITS: dict[tuple[str, str, bool], Unit] = {}


def format_units(units: Sequence[Unit]) -> str:
    """Units written the way people type them, so that reading the text gives them back:
    ``办公室(牵头)、法规科、各科室(配合)`` (the role in brackets, none for a plain responsible unit)."""
    return "、".join(u.name if u.role is Role.RESPONSIBLE else f"{u.name}({u.role.label})" for u in units)


class Deadline:
    __slots__ = ("due", "kind", "text")

    def __init__(self, text: str = "", due: dt.date | None = None, kind: DeadlineKind = DeadlineKind.NONE) -> None:
        self.text = text
        self.due = due
        self.kind = kind

    def says_only_the_date(self) -> bool:
        """The text is the due date and nothing more (``2024-07-10``, ``2024年7月10日``): printed beside the
        date it would say it twice."""
        text = self.text.strip()
        return bool(text) and self.due is not None and all(c.isdigit() or c in "-/.年月日 " for c in text)

    def __repr__(self) -> str:
        return f"Deadline({self.text!r}, due={self.due}, kind={self.kind.value})"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "due": self.due.isoformat() if self.due else None, "kind": self.kind.value}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Deadline:
        """The deadline a stored document describes; shared between tasks as :meth:`Unit.from_dict` is."""
        if not data:
            return _NO_DEADLINE
        key = (data.get("text", ""), data.get("due") or None, data.get("kind", "none"))
        deadline = _DEADLINES.get(key)
        if deadline is None:
            deadline = _DEADLINES[key] = cls(key[0], iso_date(key[1]) if key[1] else None, KIND_BY_VALUE[key[2]])
        return deadline


_DEADLINES: dict[tuple[str, str | None, str], Deadline] = {}
_NO_DEADLINE = Deadline()


#: The longest note kept, in characters: a progress note of several pages fits; a pasted file does not
#: (a 100 MB note would slow every later command on its plan).
NOTE_LIMIT = 20_000


def note_text(text: str) -> str:
    """A note's text as it is stored (trimmed), or :class:`ValueError` with the reason in Chinese."""
    text = text.strip()
    if not text:
        raise ValueError("进展记录不能为空 (a note cannot be empty)")
    if len(text) > NOTE_LIMIT:
        raise ValueError(f"进展记录有 {len(text)} 个字, 超过上限 {NOTE_LIMIT} 字 (the note is too long): "
                         "请精简, 或把材料存为文件后在记录中写明位置")
    return text


class Note:
    __slots__ = ("author", "text", "time")

    def __init__(self, time: str, author: str, text: str) -> None:
        self.time = time  # ISO 8601 with offset, seconds precision
        self.author = author
        self.text = text

    def to_dict(self) -> dict[str, Any]:
        return {"time": self.time, "author": self.author, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Note:
        return cls(data["time"], data["author"], data["text"])


class Section:
    """A heading as printed: label ``一`` (level 1) or ``(一)`` (level 2)."""

    __slots__ = ("id", "label", "level", "order", "parent", "title")

    def __init__(self, id: str, label: str, title: str, level: int, order: int, parent: str | None = None) -> None:
        self.id = id  # unique within its plan: "s1", "s2" …
        self.label = label
        self.title = title
        self.level = level
        self.order = order
        self.parent = parent

    @property
    def heading(self) -> str:
        sep = "、" if self.level == 1 else ""
        return f"{self.label}{sep}{self.title}" if self.label else self.title

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "title": self.title, "level": self.level,
                "order": self.order, "parent": self.parent}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Section:
        return cls(data["id"], data["label"], data["title"], data["level"], data["order"], data.get("parent"))


def is_overdue(status: Status, deadline: Deadline, today: dt.date) -> bool:
    """The one definition of *overdue*: a due date before ``today`` and not done."""
    return status is not Status.DONE and deadline.due is not None and deadline.due < today


def status_text(status: Status, deadline: Deadline, today: dt.date, compact: bool = False) -> str:
    """The stored status, with the days overdue beside it when the task is late (never instead of it)."""
    if not is_overdue(status, deadline, today):
        return status.label
    assert deadline.due is not None
    days = (today - deadline.due).days
    return f"{status.label}·{OVERDUE_LABEL}{days}天" if compact else f"{status.label} · {OVERDUE_LABEL} {days} 天"


_SHARED: dict[tuple[Any, ...], tuple[Any, ...]] = {}


def shared(values: tuple[T, ...]) -> tuple[T, ...]:
    """One tuple object per distinct content (a task's section path, units, flags), shared by every task read
    that has it: a large store's tasks do not each hold their own copy.  Tuples cannot be changed in place,
    so sharing is safe; their items are shared already (interned strings, :meth:`Unit.from_dict`)."""
    if not values:
        return ()
    kept = _SHARED.get(values)
    if kept is None:
        kept = _SHARED[values] = values
    return kept


class Task:
    __slots__ = ("deadline", "flags", "id", "notes", "number", "occurrences", "order", "plan_id", "previous",
                 "proof", "rev", "sections", "status", "text", "units")

    def __init__(self, id: str, plan_id: str, number: str, order: int, sections: Sequence[str], text: str,
                 units: Sequence[Unit] | None = None, deadline: Deadline | None = None, status: Status = Status.TODO,
                 notes: Sequence[Note] | None = None, flags: Sequence[str] | None = None, rev: int = 0,
                 proof: dict[str, Any] | None = None, occurrences: Sequence[dict[str, Any]] | None = None,
                 previous: dict[str, Any] | None = None) -> None:
        self.id = id  # "<plan id>-<number>", stable across re-imports
        self.plan_id = plan_id
        self.number = number  # as printed; may skip (16 after 12)
        self.order = order  # position in the document
        # the lists are kept as tuples: never changed in place, so that tasks read from a store can share them
        self.sections = tuple(sections)  # section ids, outermost first
        self.text = text
        self.units = tuple(units) if units else ()
        self.deadline = deadline if deadline is not None else Deadline()
        self.status = status
        self.notes = tuple(notes) if notes else ()
        self.flags = tuple(flags) if flags else ()  # e.g. "no-units"
        self.rev = rev  # bumped on every change; lets a writer detect a concurrent edit
        self.proof = proof  # where the done work was published: url, index_no, column, date (see proof.py)
        self.occurrences = tuple(occurrences) if occurrences else ()  # met occurrences of a recurring duty
        self.previous = previous  # last year's most similar task: {"id", "plan_id", "score"} (see linking.py)

    def __repr__(self) -> str:
        return f"Task({self.id!r}, {self.status.value}, {self.text[:20]!r})"

    def copy_with(self, **changes: Any) -> Task:
        """A copy with some fields changed (the lists are shared, not copied)."""
        fields = {name: getattr(self, name) for name in self.__slots__}
        return Task(**{**fields, **changes})

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(self.status, self.deadline, today)

    def days_left(self, today: dt.date) -> int | None:
        return (self.deadline.due - today).days if self.deadline.due else None

    def display_status(self, today: dt.date) -> str:
        return OVERDUE_LABEL if self.is_overdue(today) else self.status.label

    def status_text(self, today: dt.date, compact: bool = False) -> str:
        """The status a person set, and how late the task is: ``进行中 · 逾期 3 天``.

        ``compact`` (for the table): ``进行中·逾期3天``."""
        return status_text(self.status, self.deadline, today, compact)

    def unit_names(self, role: Role | None = None) -> list[str]:
        return [u.name for u in self.units if role is None or u.role is role]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "plan_id": self.plan_id, "number": self.number, "order": self.order,
            "sections": list(self.sections), "text": self.text,
            "units": [u.to_dict() for u in self.units], "deadline": self.deadline.to_dict(),
            "status": self.status.value, "notes": [n.to_dict() for n in self.notes],
            "flags": list(self.flags), "rev": self.rev,
            # optional keys, written only when set (older stores and plain imports stay as they were)
            **({"proof": dict(self.proof)} if self.proof else {}),
            **({"occurrences": list(self.occurrences)} if self.occurrences else {}),
            **({"previous": dict(self.previous)} if self.previous else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Task:
        notes = data.get("notes")
        occurrences = data.get("occurrences")
        return cls(
            id=data["id"], plan_id=sys.intern(data["plan_id"]), number=sys.intern(str(data.get("number", ""))),
            order=int(data.get("order", 0)), sections=shared(tuple(data.get("sections", ()))),
            text=data.get("text", ""),
            units=shared(tuple(Unit.from_dict(u) for u in data.get("units", ()))),
            deadline=Deadline.from_dict(data.get("deadline")), status=STATUS_BY_VALUE[data.get("status", "todo")],
            notes=tuple(Note.from_dict(n) for n in notes) if notes else (),
            flags=shared(tuple(data.get("flags", ()))), rev=int(data.get("rev", 0)), proof=data.get("proof") or None,
            occurrences=tuple(occurrences) if occurrences else (), previous=data.get("previous") or None,
        )


class TaskRow:
    """What a task table shows of a task: not a :class:`Task`, so it cannot be mistaken for one.

    ``text_head`` is the start of the requirement only, and a row carries no notes, flags or
    revision.  The quick lookup builds rows straight from its index (see :mod:`govtui.store.lookup_index`)
    without reading the store; :meth:`of` makes one from a whole task.
    """

    __slots__ = ("deadline", "id", "order", "plan_id", "sections", "status", "text_head", "units")

    def __init__(self, id: str, plan_id: str, order: int, sections: Sequence[str], text_head: str,
                 units: Sequence[Unit],
                 deadline: Deadline, status: Status) -> None:
        self.id = id
        self.plan_id = plan_id
        self.order = order
        self.sections = sections
        self.text_head = text_head
        self.units = units
        self.deadline = deadline
        self.status = status

    def __repr__(self) -> str:
        return f"TaskRow({self.id!r}, {self.status.value}, {self.text_head[:20]!r})"

    @classmethod
    def of(cls, task: Task, head: int = 100) -> TaskRow:
        return cls(task.id, task.plan_id, task.order, task.sections, task.text[:head], task.units, task.deadline,
                   task.status)

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(self.status, self.deadline, today)

    def display_status(self, today: dt.date) -> str:
        return OVERDUE_LABEL if self.is_overdue(today) else self.status.label

    def status_text(self, today: dt.date, compact: bool = False) -> str:
        return status_text(self.status, self.deadline, today, compact)


class Plan:
    __slots__ = ("_section_docs", "_sections", "archived", "description", "id", "key", "kind", "organization",
                 "published", "source", "title", "year")

    def __init__(self, id: str, title: str, organization: str = "", year: int | None = None, source: str = "",
                 published: dt.date | None = None, description: str = "", kind: str = "table",
                 sections: list[Section] | None = None, key: str = "", archived: bool = False) -> None:
        self.id = id
        self.title = title
        self.organization = organization
        self.year = year
        self.source = source  # file name it was imported from
        self.published = published
        self.description = description  # e.g. the 总体要求 paragraph
        self.kind = kind  # "table" (任务分工) or "prose" (工作要点)
        self._sections = sections if sections is not None else []
        self._section_docs: bytes | None = None  # the stored sections as JSON, read on first use
        self.key = key  # identity used to recognise a re-import of the same document
        self.archived = archived  # a finished plan: hidden from the default views, still found when asked

    def __repr__(self) -> str:
        return f"Plan({self.id!r}, {self.title!r})"

    @property
    def sections(self) -> list[Section]:
        """The headings, in document order.  A plan read from a store builds them when first asked for:
        a large store's thousand plans are read at start, and only the few on screen show their sections."""
        if self._section_docs is not None:
            import orjson

            self._sections = [Section.from_dict(s) for s in orjson.loads(self._section_docs)]
            self._section_docs = None
        return self._sections

    @sections.setter
    def sections(self, sections: list[Section]) -> None:
        self._sections = sections
        self._section_docs = None

    @property
    def has_sections(self) -> bool:
        """Whether the plan has headings (without building them)."""
        return bool(self._section_docs) or bool(self._sections)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "organization": self.organization, "year": self.year,
            "source": self.source, "published": self.published.isoformat() if self.published else None,
            "description": self.description, "kind": self.kind, "key": self.key,
            "sections": [s.to_dict() for s in self.sections],
            **({"archived": True} if self.archived else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        published = data.get("published")
        plan = cls(
            id=data["id"], title=data.get("title", ""), organization=data.get("organization", ""),
            year=data.get("year"), source=data.get("source", ""),
            published=dt.date.fromisoformat(published) if published else None,
            description=data.get("description", ""), kind=data.get("kind", "table"), key=data.get("key", ""),
            archived=bool(data.get("archived", False)),
        )
        sections = data.get("sections")
        if sections:  # kept as JSON text until asked for: a dict per heading would cost a large store some 30 MB
            import orjson

            # copied: orjson's bytes keep the room it wrote them in, some 4 KB for 1 KB of sections
            plan._section_docs = bytes(memoryview(orjson.dumps(sections)))
        return plan

    @staticmethod
    def row_of(data: dict[str, Any]) -> tuple[Any, ...]:
        """A stored plan document as a flat row of plain values, its sections left as JSON text: what a
        large store's first screen keeps of each plan (see :meth:`from_row`)."""
        import orjson

        sections = data.get("sections") or None
        return (data["id"], data.get("title", ""), data.get("organization", ""), data.get("year"),
                data.get("source", ""), data.get("published") or None, data.get("description", ""),
                data.get("kind", "table"), data.get("key", ""), bool(data.get("archived", False)),
                orjson.dumps(sections) if sections else None)

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Plan:
        """The plan a :meth:`row_of` row describes; its sections are parsed when first asked for."""
        id_, title, organization, year, source, published, description, kind, key, archived, sections = row
        plan = cls(id=id_, title=title, organization=organization, year=year, source=source,
                   published=dt.date.fromisoformat(published) if published else None, description=description,
                   kind=kind, key=key, archived=archived)
        plan._section_docs = sections
        return plan


class ImportedPlan:
    """What an importer returns: a plan, its tasks (ids not yet assigned) and warnings."""

    __slots__ = ("edited", "layout", "plan", "tasks", "warnings", "why")

    def __init__(self, plan: Plan, tasks: list[Task], warnings: list[str] | None = None, *, layout: str = "",
                 why: str = "", edited: list[str] | None = None) -> None:
        self.plan = plan
        self.tasks = tasks
        self.warnings = warnings if warnings is not None else []
        self.layout = layout  # the layout the importer read the document as (表格, 散文 …)
        self.why = why  # what it saw that made it choose so
        #: The plan fields a person set before importing (the review screen): a re-import keeps them.
        self.edited = edited if edited is not None else []
