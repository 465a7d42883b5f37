"""What TinyDB sees of a govtui store: a table that tells the storage which records each write touched.

Imported only by writers (``Store.db``): lookups never load TinyDB.

TinyDB is used through its documented seams: ``TinyDB(storage=SharedStorage, shared=...)`` (extra arguments go to
the storage class) and ``TinyDB.table_class``.  The private parts it still relies on live here and nowhere else:
``Table._update_table`` (overridden), ``Table._storage`` and ``Table._next_id`` (see :func:`set_next_id`);
``tests/unit/test_tinydb_seams.py`` fails if a TinyDB release renames them.  Known good: TinyDB 4.8 and 4.9.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

import orjson
from tinydb.storages import Storage
from tinydb.table import Table

from govtui.domain.text import strip_controls_within
from govtui.store.storage import SafeJSONStorage

#: The tables whose records an undoable action keeps before and after images of.
JOURNALED = ("plans", "tasks")


class SharedStorage(Storage):
    """The store's own storage object handed to TinyDB (which builds its storage from a class and arguments)."""

    def __init__(self, shared: SafeJSONStorage) -> None:
        self.shared = shared

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.shared.read()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.shared.write(data)

    def close(self) -> None:
        self.shared.close()

    @property
    def journal(self) -> dict[tuple[str, str], Any] | None:
        """The records an undoable action keeps (see ``Transaction.journaled``): the shared storage's."""
        return self.shared.journal

    @journal.setter
    def journal(self, value: dict[tuple[str, str], Any] | None) -> None:
        self.shared.journal = value


def set_next_id(table: Table, next_id: int | None) -> None:
    """Tell a TinyDB table the next free record id (the file may have changed since TinyDB last counted;
    ``None``: count again on the next insert)."""
    table._next_id = next_id  # type: ignore[assignment]


class TrackedTable(Table):
    """A TinyDB table that tells the storage which records each write touched (so only their parts are written),
    and strips control characters and bidirectional overrides from every string a write puts in a record
    (a note, units, a deadline, a unit's new name, ``--org``, the user's name in the history): one place
    for every way text comes in.

    Its writes also change the stored table in place through a view with TinyDB's integer ids,
    instead of copying the whole table twice per write as TinyDB's own table does.
    """

    def _update_table(self, updater: Any) -> None:
        storage = self._storage.shared if isinstance(self._storage, SharedStorage) else self._storage
        tables = storage.read() or {}
        raw_table = tables.get(self.name)
        if raw_table is None:
            raw_table = {}
        journal = storage.journal if isinstance(storage, SafeJSONStorage) and self.name in JOURNALED else None
        view = _Recording(raw_table, journal, self.name)
        updater(view)
        for doc_id in view.seen:  # the one way into the store: no control character or override gets in
            doc = raw_table.get(doc_id)
            if doc is not None:
                strip_controls_within(doc)
        tables[self.name] = raw_table
        if isinstance(storage, SafeJSONStorage):
            storage.note_touched(self.name, view.seen, view.cleared)
        storage.write(tables)
        self.clear_cache()


class _Recording(MutableMapping[int, Any]):
    """A table's records by integer id, over the stored table (string ids); remembers the ids it touched.

    With a ``journal`` (an undoable action is being recorded) it also keeps a copy of each record as it
    was before its first change, so the action can be undone whatever code changed the record.
    """

    def __init__(self, raw: dict[str, Any], journal: dict[tuple[str, str], Any] | None = None,
                 table: str = "") -> None:
        self.raw = raw
        self.seen: set[str] = set()
        self.cleared = False
        self.journal = journal
        self.table = table

    def _keep(self, key: str) -> None:
        if self.journal is not None and (self.table, key) not in self.journal:
            old = self.raw.get(key)
            self.journal[(self.table, key)] = None if old is None else orjson.loads(orjson.dumps(old))

    def __getitem__(self, key: int) -> Any:
        self.seen.add(str(key))
        self._keep(str(key))  # TinyDB changes a record in place after getting it
        return self.raw[str(key)]

    def __setitem__(self, key: int, value: Any) -> None:
        self.seen.add(str(key))
        self._keep(str(key))
        self.raw[str(key)] = value

    def __delitem__(self, key: int) -> None:
        self.seen.add(str(key))
        self._keep(str(key))
        del self.raw[str(key)]

    def __contains__(self, key: object) -> bool:
        return str(key) in self.raw

    def __iter__(self) -> Iterator[int]:
        return iter([int(k) for k in self.raw])

    def __len__(self) -> int:
        return len(self.raw)

    def keys(self) -> list[int]:  # type: ignore[override]
        return [int(k) for k in self.raw]

    def clear(self) -> None:
        for key in list(self.raw):
            self._keep(key)
        self.cleared = True
        self.raw.clear()
