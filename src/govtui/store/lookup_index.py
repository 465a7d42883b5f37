"""A derived, disposable index that makes the quick lookup fast on large stores.

Parsing a 10,000-task store builds ~300,000 Python objects and takes ~100 ms whatever
the format, while a lookup needs a few fields of a few tasks.  After a full read the
lookup saves, in the user cache folder, a small column store of the store:

* every task's display fields as one record, all records in one UTF-8 byte string with an
  array of offsets (loading it creates a handful of objects, not 10,000, and decodes only
  the records a lookup shows);
* posting lists (row numbers) per unit name, status and plan, and the due dates,

* every task's whole stored document (UTF-8 JSON, one blob with offsets) and the plans'
  documents, so that ``--json`` parses only the matching tasks;
* in a third, small file, the app's first screen: the plans, the first tasks in document order
  and the done/total counts per plan and section, so that the app shows a large store at once
  and reads the rest in the background;

so a lookup intersects posting lists and builds only the matching tasks.  The index is
keyed by the store file's identity (inode, size, mtime): any change to the store makes
it stale, and a stale, missing or broken index is simply rebuilt.  The store stays the
single source of truth.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import heapq
import marshal
import os
import sys
from array import array
from collections.abc import Iterable
from pathlib import Path

from govtui.domain.model import (
    KIND_BY_VALUE,
    ROLE_BY_VALUE,
    STATUS_BY_VALUE,
    Deadline,
    Role,
    Status,
    TaskRow,
    Unit,
    iso_date,
)
from govtui.domain.snapshot import plan_id_key
from govtui.store.parts import manifest_layout, parts_signature

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any

FORMAT = 12
#: The index file's first bytes (then the header's size, the header, the records).
MAGIC = b"govtui-index-%d\n" % FORMAT
TEXT_HEAD = 100  # characters of the requirement kept: more than any terminal row shows
_FIELD, _RECORD, _UNIT, _PART = "\x1f", "\x1e", "\x1d", "\x1c"
CountMap = dict[tuple[str | None, str | None], int]


def index_path(store: Path) -> Path:
    """Where the index of ``store`` lives (see :func:`govtui.domain.paths.store_cache_file`)."""
    from govtui.domain.paths import store_cache_file

    return store_cache_file(store, ".marshal")


def docs_path(store: Path) -> Path:
    """Where the index's copy of the whole task documents lives (beside the index)."""
    return index_path(store).with_suffix(".docs")


def _clean(text: str) -> str:
    return text.translate({0x1C: " ", 0x1D: " ", 0x1E: " ", 0x1F: " "})


class LookupIndex:
    """The loaded column store: posting lists and record strings."""

    def __init__(self, saved: tuple[Any, ...], records: Any = b"", plan_part: Any = None) -> None:
        """``saved``: the header (posting lists by unit and status, offsets, due dates, the archived plans);
        ``records``: the records, one after another, in document order (bytes, or the index file mapped:
        only the pages of the records read are ever loaded); ``plan_part()``: the header's second part,
        what only some commands need (posting lists by plan, the plans' titles and summaries), read on
        first use: a plain lookup never reads it."""
        (key, offsets, units, generic, statuses, due, pinyin, archived) = saved
        self.records = records
        self.units: dict[str, bytes] = units
        self.generic: bytes = generic
        self.statuses: dict[str, bytes] = statuses
        self.pinyin: dict[str, dict[str, Any]] = pinyin
        self.archived: list[str] = archived
        self._plan_part = plan_part
        self._plan_saved: tuple[Any, ...] | None = None
        self.offsets = array("I")
        self.offsets.frombytes(offsets)
        self.due = array("i")
        self.due.frombytes(due)
        self.key = key
        #: Set when the store's parts changed since the index was built: the answers are from the cache.
        self.damaged: str | None = None
        self.docs_path: Path | None = None  # the whole documents, in a file of their own (read on demand)
        self._docs: tuple[Any, array[int], bytes] | None = None
        self._units: dict[str, list[Unit]] = {}
        self._deadlines: dict[str, Deadline] = {}
        self._sections: dict[str, list[str]] = {}

    def _plan_header(self) -> tuple[Any, ...]:
        if self._plan_saved is None:
            self._plan_saved = self._plan_part() if self._plan_part is not None else ({}, [], [])
        return self._plan_saved

    @property
    def plans(self) -> dict[str, bytes]:
        """Rows by plan."""
        plans: dict[str, bytes] = self._plan_header()[0]
        return plans

    @property
    def titles(self) -> list[tuple[str, str]]:
        titles: list[tuple[str, str]] = self._plan_header()[1]
        return titles

    @property
    def plan_summaries(self) -> list[dict[str, Any]]:
        summaries: list[dict[str, Any]] = self._plan_header()[2]
        return summaries

    def _documents(self) -> tuple[Any, array[int], bytes]:
        """The documents file, mapped (only the pages of the documents read are ever loaded): the
        documents one after another, each at its offset, and the plans' documents."""
        if self._docs is None:
            import mmap

            if self.docs_path is None:
                raise OSError("索引没有文档文件 (no documents file)")
            with open(self.docs_path, "rb") as handle:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            size = int.from_bytes(mapped[:8], "little")
            try:
                saved = marshal.loads(mapped[8:8 + size])
            except (EOFError, ValueError, TypeError):
                saved = None
            if not isinstance(saved, tuple) or len(saved) != 3 or saved[0] != self.key:
                raise OSError("索引的文档文件缺失或已过期 (index documents missing or stale)")
            offsets = array("Q")
            offsets.frombytes(saved[1])
            self._docs = (memoryview(mapped)[8 + size:], offsets, saved[2])
        return self._docs

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @staticmethod
    def rows(packed: bytes) -> set[int]:
        found = array("I")
        found.frombytes(packed)
        return set(found)

    def unit_names(self) -> set[str]:
        return set(self.units)

    # -- Postings (see govtui.domain.query): the filter narrows with these, then checks each row ----
    def plan_rows(self, plan: str) -> set[int]:
        return self.rows(self.plans.get(plan, b""))

    def section_rows(self, plan: str, section: str) -> set[int] | None:
        return None  # not indexed: the plan's rows are narrowed, the filter checks the section

    def status_rows(self, status: Status) -> set[int]:
        return self.rows(self.statuses.get(status.value, b""))

    def unit_rows(self, name: str, role: Role | None) -> set[int]:
        return self.rows(self.units.get(name, b""))  # every role: the filter checks the role

    def generic_rows(self, role: Role | None) -> set[int]:
        return self.rows(self.generic)

    def due_rows(self, last_day: dt.date) -> set[int] | None:
        limit = last_day.toordinal()
        return {i for i, day in enumerate(self.due) if 0 < day <= limit}

    def row(self, row: int) -> TaskRow:
        """Row ``row`` as a :class:`TaskRow` (the requirement cut to its first characters).

        Rows share their units, deadline and sections with every other row that has the same (a few
        hundred distinct values among thousands of rows): each is made once."""
        offsets = self.offsets
        record = str(self.records[offsets[row]:offsets[row + 1] - 1], "utf-8")
        tid, plan_id, order, status, deadline_field, units, sections, text = record.split(_FIELD)
        unit_list = self._units.get(units)
        if unit_list is None:
            unit_list = self._units[units] = [Unit(n, ROLE_BY_VALUE[r], g == "1") for n, r, g in
                                              (u.split(_PART) for u in units.split(_UNIT) if u)]
        deadline = self._deadlines.get(deadline_field)
        if deadline is None:
            due, dl_text, dl_kind = deadline_field.split(_PART)
            deadline = self._deadlines[deadline_field] = Deadline(dl_text, iso_date(due) if due else None,
                                                                  KIND_BY_VALUE[dl_kind])
        section_list = self._sections.get(sections)
        if section_list is None:
            section_list = self._sections[sections] = sections.split()
        return TaskRow(tid, plan_id, int(order), section_list, text, unit_list, deadline, STATUS_BY_VALUE[status])


    def doc(self, row: int) -> dict[str, Any]:
        """Row ``row``'s whole stored task document."""
        import orjson

        docs, offsets, _ = self._documents()
        doc: dict[str, Any] = orjson.loads(docs[offsets[row]:offsets[row + 1]])
        return doc

    def plan_documents(self) -> list[dict[str, Any]]:
        import orjson

        docs: list[dict[str, Any]] = orjson.loads(self._documents()[2])
        return docs


def plan_summary(doc: dict[str, Any], tasks: int) -> dict[str, Any]:
    """What `govtui plans` shows of a stored plan document (``--json`` keys)."""
    sections = doc.get("sections", [])
    return {
        "id": doc.get("id", ""), "title": doc.get("title", ""), "organization": doc.get("organization", ""),
        "year": doc.get("year"), "published": doc.get("published"), "kind": doc.get("kind", ""),
        "source": doc.get("source", ""),
        "sections": sum(1 for s in sections if s.get("level") == 1),
        "subsections": sum(1 for s in sections if s.get("level") == 2),
        "tasks": tasks,
        "archived": bool(doc.get("archived", False)),
    }


def build(data: dict[str, Any], key: tuple[int, int, int]) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]:
    """:func:`build_documents` for a store's parsed tables."""
    plan_docs = list((data.get("plans") or {}).values())
    rank = {pid: i for i, pid in enumerate(sorted((str(p.get("id", "")) for p in plan_docs), key=plan_id_key))}
    tasks = sorted((data.get("tasks") or {}).values(),
                   key=lambda d: (rank.get(d.get("plan_id", ""), 1 << 30), int(d.get("order", 0))))
    return build_documents(plan_docs, tasks, data.get("pinyin") or {}, key)


def build_documents(plan_docs: list[dict[str, Any]], task_docs: Iterable[dict[str, Any]],
                    pinyin_table: dict[str, Any], key: tuple[int, int, int]
                    ) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]:
    """The index; apart, the whole documents (only ``--json`` reads them); and apart, what the app's first
    screen needs (see :mod:`govtui.store.first_screen`): the done/total counts per plan and section, by plan,
    and the first tasks in document order.

    ``task_docs`` come in document order (plans by number, then each plan's order: a lookup's rows are
    then in order as found); they are read once, so they may be a generator (documents made one at a time)."""
    records: list[bytes] = []
    offsets = array("I", [0])
    units: dict[str, array[int]] = {}
    statuses: dict[str, array[int]] = {}
    plans: dict[str, array[int]] = {}
    generic = array("I")
    due = array("i")
    done: dict[str, CountMap] = {}  # by plan (the part a plan's tasks live in)
    total: dict[str, CountMap] = {}
    import orjson

    from govtui.store.first_screen import FIRST_ROWS as first_rows

    position = 0
    rank = {pid: i for i, pid in enumerate(sorted((str(p.get("id", "")) for p in plan_docs), key=plan_id_key))}
    first_heap: list[tuple[int, int, int, dict[str, Any]]] = []  # the FIRST_ROWS first in document order
    blobs: list[bytes] = []
    doc_offsets = array("Q", [0])
    for row, doc in enumerate(task_docs):
        place = (-rank.get(doc.get("plan_id", ""), 1 << 30), -int(doc.get("order", 0)), -row, doc)
        if len(first_heap) < first_rows:
            heapq.heappush(first_heap, place)
        elif place[:3] > first_heap[0][:3]:
            heapq.heapreplace(first_heap, place)
        blob = orjson.dumps(doc)
        blobs.append(blob)
        doc_offsets.append(doc_offsets[-1] + len(blob))
        deadline = doc.get("deadline") or {}
        unit_docs = doc.get("units", [])
        record = _FIELD.join((
            _clean(doc["id"]), _clean(doc.get("plan_id", "")), str(int(doc.get("order", 0))), doc.get("status", "todo"),
            _PART.join((deadline.get("due") or "", _clean(deadline.get("text", "")), deadline.get("kind", "none"))),
            _UNIT.join(_PART.join((_clean(u["name"]), u.get("role", "responsible"), "1" if u.get("generic") else "0"))
                       for u in unit_docs),
            " ".join(doc.get("sections", [])), _clean(doc.get("text", "")[:TEXT_HEAD]),
        )).encode() + _RECORD.encode()
        records.append(record)
        position += len(record)
        offsets.append(position)
        for u in unit_docs:
            units.setdefault(u["name"], array("I")).append(row)
        if any(u.get("generic") for u in unit_docs):
            generic.append(row)
        statuses.setdefault(doc.get("status", "todo"), array("I")).append(row)
        plans.setdefault(doc.get("plan_id", ""), array("I")).append(row)
        due.append(dt.date.fromisoformat(deadline["due"]).toordinal() if deadline.get("due") else 0)
        plan_id = doc.get("plan_id", "")
        keys = [(plan_id, None), *((plan_id, s) for s in doc.get("sections", []))]
        for by_plan in (total, done) if doc.get("status", "todo") == Status.DONE.value else (total,):
            count = by_plan.setdefault(plan_id, {})
            for k in keys:
                count[k] = count.get(k, 0) + 1
    first_docs = [place[3] for place in sorted(first_heap, key=lambda p: p[:3], reverse=True)]
    titles = [(p.get("id", ""), p.get("title", "")) for p in plan_docs]
    pinyin = {d["name"]: {"full": d.get("full", []), "initials": d.get("initials", [])}
              for d in pinyin_table.values() if "name" in d}
    # what `govtui plans` prints, so that it needs no full read either
    plan_rows = [plan_summary(p, len(plans.get(p.get("id", ""), ()))) for p in plan_docs]
    archived = [str(p.get("id", "")) for p in plan_docs if p.get("archived")]
    return ((FORMAT, sys.version_info[:2], key), offsets.tobytes(),
            {k: v.tobytes() for k, v in units.items()}, generic.tobytes(),
            {k: v.tobytes() for k, v in statuses.items()}, due.tobytes(), pinyin, archived,
            ({k: v.tobytes() for k, v in plans.items()}, titles, plan_rows), b"".join(records)), \
        ((FORMAT, sys.version_info[:2], key), blobs, doc_offsets.tobytes(), orjson.dumps(plan_docs)), \
        (key, plan_docs, first_docs, done, total)


def load(store: Path, key: tuple[int, int, int] | None) -> LookupIndex | None:
    """The saved index, if it matches the store's current ``key``.

    Its ``damaged`` says so when a part of the store changed or went since the index was built
    (parts never change: something else damaged the store); the index still answers, saying so."""
    if key is None:
        return None
    try:
        with open(index_path(store), "rb") as handle:  # the header; the records are mapped, read on demand
            if handle.read(len(MAGIC)) != MAGIC:
                return None
            size = int.from_bytes(handle.read(8), "little")
            saved = marshal.loads(handle.read(size))
            if not isinstance(saved, tuple) or len(saved) != 9 or saved[0] != (FORMAT, sys.version_info[:2], key):
                return None
            import mmap

            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        start = len(MAGIC) + 8 + size
        plan_size = int.from_bytes(mapped[start:start + 8], "little")
        view = memoryview(mapped)
        index = LookupIndex(saved[:8], view[start + 8 + plan_size:],
                            lambda: marshal.loads(view[start + 8:start + 8 + plan_size]))
        index.docs_path = docs_path(store)
        signature = saved[8]
        now = parts_signature(store, {name: name for name, *_ in signature})
        changed = [old[0] for old, new in zip(signature, now, strict=True) if old != new]
        if changed:
            names = "、".join(changed[:3])
            index.damaged = (f"库已损坏 (the store is damaged): 分片 {names} 在建立索引后被改动或删除; "
                             "以上结果来自缓存的索引 (answered from the cache), 可能已不是库中的内容; "
                             "请运行 `govtui check`, 用 `govtui restore` 恢复备份")
        return index
    except (OSError, EOFError, ValueError, TypeError):
        return None


def save(store: Path, key: tuple[int, int, int] | None, data: dict[str, Any]) -> None:
    """Write the index for ``data`` (best effort: a read-only cache folder just means no index)."""
    if key is None:
        return
    _write(store, build(data, key))


def save_documents(store: Path, key: tuple[int, int, int], plan_docs: list[dict[str, Any]],
                   task_docs: Iterable[dict[str, Any]], pinyin_table: dict[str, Any]) -> None:
    """:func:`save` from documents (e.g. made from the app's objects, when the file was read part by part)."""
    _write(store, build_documents(plan_docs, task_docs, pinyin_table, key))


def _write(store: Path, built: tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]) -> None:
    """The documents file (its header's size, the header — key, offsets, plans — then every document),
    the first screen and the index (with the identity of the store's parts), each replaced whole.

    The cache holds every task and note: its folder and files are private, like the store.  A write
    that fails (a full disk) leaves nothing behind."""
    (*index, plan_part, records), (key, blobs, offsets, plans), (store_key, plan_docs, first_docs, done, total) = built
    header = marshal.dumps((key, offsets, plans))
    layout = manifest_layout(store)
    index_header = marshal.dumps((*index, parts_signature(store, {n: n for n in sorted((layout or {}).values())})))
    plan_header = marshal.dumps(plan_part)
    from govtui.domain.paths import cache_dir

    folder = index_path(store).parent
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if folder == cache_dir() and not os.environ.get("GOVTUI_CACHE") and folder.stat().st_mode & 0o077:
            os.chmod(folder, 0o700)  # govtui's own cache folder; never the store's folder, shared as its owner set it
        index_pieces = [MAGIC, len(index_header).to_bytes(8, "little"), index_header,
                        len(plan_header).to_bytes(8, "little"), plan_header, records]
        for path, pieces in ((docs_path(store), [len(header).to_bytes(8, "little"), header, *blobs]),
                             (index_path(store), index_pieces)):
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            try:
                with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
                    out.writelines(pieces)
                os.replace(tmp, path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
    if layout is None:  # one file: the first screen stands for this version only (any change is all new)
        layout = {k: f"single:{store_key}" for k in {*done, *total, *(str(p.get("id", "")) for p in plan_docs)}}
    if _stat_key(store) == store_key:  # the parts named are those of the version read
        from govtui.store import first_screen

        first_screen.save(store, first_screen.from_documents(store_key, layout, plan_docs, first_docs, done, total))


def _stat_key(store: Path) -> tuple[int, int, int] | None:
    try:
        st = store.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)
