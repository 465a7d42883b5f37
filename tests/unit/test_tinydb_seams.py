"""The private parts of TinyDB govtui relies on (all in :mod:`govtui.store.tracked_table`): a TinyDB release that
renames one fails here, by name, instead of corrupting a write."""

from __future__ import annotations

import inspect
from pathlib import Path

from tinydb import TinyDB
from tinydb.table import Table

from govtui.store.storage import SafeJSONStorage
from govtui.store.tracked_table import SharedStorage, TrackedTable, set_next_id


def test_table_still_has_the_private_parts_govtui_uses() -> None:
    assert list(inspect.signature(Table._update_table).parameters) == ["self", "updater"]
    source = inspect.getsource(Table)
    assert "self._storage" in source and "self._next_id" in source
    assert "def _get_next_id" in source  # where TinyDB reads the _next_id it is told


def test_tinydb_builds_its_storage_from_the_class_and_arguments(tmp_path: Path) -> None:
    """The documented seam: extra arguments of TinyDB() go to the storage class."""
    shared = SafeJSONStorage(tmp_path / "store.json")
    db = TinyDB(storage=SharedStorage, shared=shared)
    db.table_class = TrackedTable
    assert isinstance(db.storage, SharedStorage) and db.storage.shared is shared
    table = db.table("tasks")
    assert isinstance(table, TrackedTable)
    set_next_id(table, 41)
    assert table._get_next_id() == 41  # TinyDB takes the id it was told
