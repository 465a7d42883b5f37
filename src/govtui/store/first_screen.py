"""What the app's first screen of a large store needs, kept current when the store is written.

The first screen shows the plans (the tree, with done/total counts per plan and section over the whole
store) and the first tasks in document order; the app reads every task in the background after it.
This module keeps those in a small file in the user cache folder, *per part* of the store: for each
plan's part (see :mod:`govtui.store.storage`), the part's name, its plan documents and its counts.  Parts
never change (a change writes a new part under a new name), so an entry stays true as long as the
manifest still names its part; when the store changed, only the parts that are new since are read:

* a writer brings the file up to date right after its commit (:func:`refresh`, from the parts it has
  just written, still in memory), so the first start after a change in the app, a ``govtui set`` or a
  ``govtui import`` finds it current;
* a reader that finds it stale (another program wrote the store, a write whose refresh failed) reads
  the new parts only, and saves it again.

It does not depend on the lookup index (:mod:`govtui.store.lookup_index`): a missing or stale index leaves the
first screen as quick.  A store of the older single-file layout, or a file too far behind (more than a
quarter of the parts new), is read whole instead, as before.  The store stays the single source of truth.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from pathlib import Path

from govtui.domain.model import Plan, Status
from govtui.domain.snapshot import Counts, plan_id_key

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any

    from govtui.store.storage import SafeJSONStorage

FORMAT = 4  # 3: the plans as rows; 4: each part's counts packed
#: Tasks kept for the first screen (more than a screen shows).
FIRST_ROWS = 100
#: Above this share of the parts new since the file was saved, the store is read whole instead.
STALE_SHARE = 4
#: (part name, its plans' documents as JSON, its counts: done and total per (plan, section), packed with marshal).
#: Packed, an entry is three objects, not a few dozen: a refresh after a write at 200,000 tasks holds some 5 MB of
#: entries, not 30.
Entry = tuple[str, bytes, bytes]


def first_path(store: Path) -> Path:
    """Where the first screen of ``store`` is kept (beside its lookup index, see
    :func:`govtui.domain.paths.store_cache_file`)."""
    from govtui.domain.paths import store_cache_file

    return store_cache_file(store, ".first")


def entry_of(name: str, part: dict[str, Any]) -> Entry:
    """A part's entry: its name, its plans' documents and its tasks' done/total counts."""
    import orjson

    done: dict[tuple[str, str | None], int] = {}
    total: dict[tuple[str, str | None], int] = {}
    for doc in (part.get("tasks") or {}).values():
        plan_id = doc.get("plan_id", "")
        keys = [(plan_id, None), *((plan_id, s) for s in doc.get("sections", []))]
        for count in (total, done) if doc.get("status", "todo") == Status.DONE.value else (total,):
            for k in keys:
                count[k] = count.get(k, 0) + 1
    return name, orjson.dumps(list((part.get("plans") or {}).values())), marshal.dumps((done, total))


class FirstScreen:
    """The saved entries (part key → :data:`Entry`), the store version they were saved for, and the first
    tasks' documents with the parts they came from.

    The file holds, first, what the screen shows — the counts over the whole store and every plan's
    document, summed and joined when it was saved — and after it the entries, which only a refresh
    reads: a start reads two objects, not one per plan."""

    def __init__(self, key: tuple[int, int, int] | None, entries: dict[str, Entry] | None,
                 first: tuple[tuple[str, ...], bytes, int],
                 shown: tuple[Counts, tuple[tuple[Any, ...], ...]] | None = None) -> None:
        self.key = key
        self.entries = entries
        self.first = first
        self._shown = shown

    def shown(self) -> tuple[Counts, tuple[tuple[Any, ...], ...]]:
        """The counts per (plan, section), over the whole store under (None, None), and the plans as
        rows (see :meth:`plan_rows`)."""
        if self._shown is None:
            assert self.entries is not None
            done: dict[tuple[str | None, str | None], int] = {}
            total: dict[tuple[str | None, str | None], int] = {}
            for _, _, packed in self.entries.values():
                part_done, part_total = marshal.loads(packed)
                for mine, theirs in ((done, part_done), (total, part_total)):
                    for k, n in theirs.items():
                        mine[k] = mine.get(k, 0) + n
            for mine in (done, total):
                mine[(None, None)] = sum(n for (plan, section), n in mine.items()
                                         if plan is not None and section is None)
            import orjson

            plans = tuple(Plan.row_of(doc) for entry in self.entries.values() if entry[1] != b"[]"
                          for doc in orjson.loads(entry[1]))
            self._shown = (done, total), plans
        return self._shown

    def plan_rows(self) -> tuple[tuple[Any, ...], ...]:
        """Every plan as a flat row (see :meth:`govtui.domain.model.Plan.row_of`): read with the file's
        head in one go, without a JSON document per plan."""
        return self.shown()[1]

    def first_documents(self) -> list[dict[str, Any]]:
        import orjson

        docs: list[dict[str, Any]] = orjson.loads(self.first[1])
        return docs

    def counts(self) -> Counts:
        """The done/total counts per (plan, section), and over the whole store under (None, None)."""
        return self.shown()[0]


def load(store: Path, *, entries: bool = False) -> FirstScreen | None:
    """The saved first screen of ``store``, whichever version it was saved for (``None``: none, or unreadable);
    with ``entries`` (to bring it up to date) its entries too."""
    try:
        with open(first_path(store), "rb") as handle:
            size = int.from_bytes(handle.read(8), "little")
            if size > 1 << 31:
                return None
            saved = marshal.loads(handle.read(size))
            if not isinstance(saved, tuple) or len(saved) != 5 or saved[0] != (FORMAT, sys.version_info[:2]):
                return None
            found = marshal.loads(handle.read()) if entries else None
    except (OSError, EOFError, ValueError, TypeError):
        return None
    _, key, first, counts, plans = saved
    if not isinstance(first, tuple) or not isinstance(plans, tuple) or (entries and not isinstance(found, dict)):
        return None
    return FirstScreen(key, found, first, (counts, plans))


def save(store: Path, screen: FirstScreen) -> None:
    """Write the file whole (best effort: a read-only cache folder just means a slower first start)."""
    path = first_path(store)
    counts, plans = screen.shown()
    head = marshal.dumps(((FORMAT, sys.version_info[:2]), screen.key, screen.first, counts, plans))
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
                out.writelines([len(head).to_bytes(8, "little"), head, marshal.dumps(screen.entries)])
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _first_tasks(layout: dict[str, str], part: Any,
                 saved: tuple[tuple[str, ...], bytes, int] | None = None) -> tuple[tuple[str, ...], bytes, int]:
    """The first :data:`FIRST_ROWS` tasks in document order, read from the first parts (``part(name)``); the tasks of
    a part ``saved`` (the first tasks as they were) holds whole are taken from it, not read again."""
    import orjson

    from govtui.store.records import part_key

    kept: dict[str, list[dict[str, Any]]] = {}
    if saved is not None:
        kept = {name: [] for name in (saved[0] if saved[2] < FIRST_ROWS else saved[0][:-1])}  # the last: cut short?
        for doc in orjson.loads(saved[1]):
            name = layout.get(part_key("tasks", doc), "")  # a part written anew has a new name: read again
            if name in kept:
                kept[name].append(doc)
    found: list[dict[str, Any]] = []
    used: list[str] = []
    for key in sorted(layout, key=plan_id_key):
        name = layout[key]
        tasks = kept[name] if name in kept else list((part(name).get("tasks") or {}).values())
        used.append(name)
        found.extend(sorted(tasks, key=lambda d: int(d.get("order", 0))))
        if len(found) >= FIRST_ROWS:
            break
    return tuple(used), orjson.dumps(found[:FIRST_ROWS]), len(found)


def refresh(storage: SafeJSONStorage, key: tuple[int, int, int], layout: dict[str, str],
            saved: FirstScreen | None) -> FirstScreen | None:
    """``saved`` brought to the version ``key`` whose parts are ``layout`` (part key → part name), reading
    only the parts that are new since (``storage`` keeps the ones a writer has just written); ``None``
    when there is nothing to start from or too much is new (then the store is read whole)."""
    old = saved.entries if saved is not None and saved.entries is not None else {}
    new = [k for k, name in layout.items() if old.get(k, ("",))[0] != name]
    if saved is None or saved.entries is None or len(new) * STALE_SHARE > max(len(layout), 8):
        return None

    part = storage.part
    entries = {k: old[k] if k not in new else entry_of(name, part(name)) for k, name in layout.items()}
    first = saved.first
    used = first[0]
    if first[2] < FIRST_ROWS or [layout[k] for k in sorted(layout, key=plan_id_key)[:len(used)]] != list(used):
        first = _first_tasks(layout, part, first)  # the first plans changed, or one was added before them
    gone = [old[k] for k in old if k not in layout or k in new]
    return FirstScreen(key, entries, first, _patched(saved.shown(), layout, gone, [entries[k] for k in new]))


def _patched(shown: tuple[Counts, tuple[tuple[Any, ...], ...]], layout: dict[str, str], gone: list[Entry],
             added: list[Entry]) -> tuple[Counts, tuple[tuple[Any, ...], ...]]:
    """What the screen shows, brought up to date part by part: the counts and plans of the parts ``gone`` taken out,
    those of the parts ``added`` put in (the rest is not read again: a refresh after one change at 200,000 tasks
    unpacks one entry, not 5,000).  Equal to what :meth:`FirstScreen.shown` makes from every entry."""
    import orjson

    (done, total), rows = shown
    for sign, entries in ((-1, gone), (1, added)):
        for _, _, packed in entries:
            for mine, theirs in zip((done, total), marshal.loads(packed), strict=True):
                for k, n in theirs.items():
                    count = mine.get(k, 0) + sign * n
                    if count:
                        mine[k] = count
                    else:
                        mine.pop(k, None)
    for mine in (done, total):
        mine[(None, None)] = sum(n for (plan, section), n in mine.items() if plan is not None and section is None)
    dropped = {str(doc.get("id")) for _, plans, _ in gone if plans != b"[]" for doc in orjson.loads(plans)}
    kept = [row for row in rows if str(row[0]) not in dropped]
    kept.extend(Plan.row_of(doc) for _, plans, _ in added if plans != b"[]" for doc in orjson.loads(plans))
    order = {k: i for i, k in enumerate(layout)}
    kept.sort(key=lambda row: order.get(str(row[0]), len(order)))  # as the parts are laid out, as a whole read
    return (done, total), tuple(kept)


def built(storage: SafeJSONStorage, key: tuple[int, int, int], layout: dict[str, str]) -> FirstScreen:
    """The first screen of the version ``key`` from its parts (``layout``), each read through ``storage``: for a
    store whose parts a writer has all in memory (a new store, written whole), so that its first start is quick."""
    part = storage.part
    entries = {k: entry_of(name, part(name)) for k, name in layout.items()}
    return FirstScreen(key, entries, _first_tasks(layout, part))


def from_documents(key: tuple[int, int, int], layout: dict[str, str], plan_docs: list[dict[str, Any]],
                   first_docs: list[dict[str, Any]], done: dict[str, dict[tuple[str, str | None], int]],
                   total: dict[str, dict[tuple[str, str | None], int]]) -> FirstScreen:
    """The first screen of a whole store that was read (see :func:`govtui.store.lookup_index.build_documents`):
    its plans' documents, its first tasks in document order and its counts by plan; ``layout`` names
    the part of each plan."""
    import orjson

    from govtui.store.records import part_key

    by_part: dict[str, list[dict[str, Any]]] = {}
    for doc in plan_docs:
        by_part.setdefault(part_key("plans", doc), []).append(doc)
    entries = {k: (name, orjson.dumps(by_part.get(k, [])), marshal.dumps((done.get(k, {}), total.get(k, {}))))
               for k, name in layout.items()}
    ordered = sorted(layout, key=plan_id_key)
    shown = {part_key("tasks", doc) for doc in first_docs}
    last = max((i for i, k in enumerate(ordered) if k in shown), default=-1)
    return FirstScreen(key, entries, (tuple(layout[k] for k in ordered[:last + 1]), orjson.dumps(first_docs),
                                      len(first_docs)))
