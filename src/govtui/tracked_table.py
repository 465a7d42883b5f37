"""What TinyDB sees of a govtui store: a table that tells the storage which records each write touched.

Imported only by writers (``Store.db``): lookups never load TinyDB.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

from tinydb.storages import Storage
from tinydb.table import Table

from govtui.storage import SafeJSONStorage
from govtui.text import strip_controls_within

Storage.register(SafeJSONStorage)  # it implements the interface (read, write, close) without importing TinyDB


class TrackedTable(Table):
    """A TinyDB table that tells the storage which records each write touched (so only their parts are written),
    and strips control characters and bidirectional overrides from every string a write puts in a record
    (a note, units, a deadline, a unit's new name, ``--org``, the user's name in the history): one place
    for every way text comes in.

    Its writes also change the stored table in place through a view with TinyDB's integer ids,
    instead of copying the whole table twice per write as TinyDB's own table does.
    """

    def _update_table(self, updater: Any) -> None:
        tables = self._storage.read() or {}
        raw_table = tables.get(self.name)
        if raw_table is None:
            raw_table = {}
        view = _Recording(raw_table)
        updater(view)
        for doc_id in view.seen:  # the one way into the store: no control character or override gets in
            doc = raw_table.get(doc_id)
            if doc is not None:
                strip_controls_within(doc)
        tables[self.name] = raw_table
        storage = self._storage
        if isinstance(storage, SafeJSONStorage):
            storage.note_touched(self.name, view.seen, view.cleared)
        storage.write(tables)
        self.clear_cache()


class _Recording(MutableMapping[int, Any]):
    """A table's records by integer id, over the stored table (string ids); remembers the ids it touched."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.seen: set[str] = set()
        self.cleared = False

    def __getitem__(self, key: int) -> Any:
        self.seen.add(str(key))
        return self.raw[str(key)]

    def __setitem__(self, key: int, value: Any) -> None:
        self.seen.add(str(key))
        self.raw[str(key)] = value

    def __delitem__(self, key: int) -> None:
        self.seen.add(str(key))
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
        self.cleared = True
        self.raw.clear()
