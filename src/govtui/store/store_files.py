"""A store's files read: the manifest and its plan parts (or the older single file), whole, part by part, or the
parts of some plans, each version read kept parsed.  The writes, the lock and the backups are the storage's
(:class:`govtui.store.storage.SafeJSONStorage`, which is a :class:`StoreFiles`)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from govtui.store.errors import REPAIR, PartGone, StoreError
from govtui.store.parts import (
    INLINE,
    NEXT,
    PARTS,
    Identity,
    by_doc_id,
    checked_part,
    decode,
    parts_dir,
    read_part,
    read_part_bytes,
    remnants,
)
from govtui.store.records import PARTITIONED, check_records

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any, BinaryIO

#: Seconds a writer waits for another writer before giving up with a message.
LOCK_TIMEOUT = float(os.environ.get("GOVTUI_LOCK_TIMEOUT", "10"))


class StoreFiles:
    """A store's files (a manifest and its plan parts, or one file) read: whole, part by part, or the parts of
    some plans; each version read is kept parsed.  :class:`SafeJSONStorage` adds the writes."""

    def __init__(self, path: str | os.PathLike[str], lock_timeout: float | None = None) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        self._txn: dict[str, Any] | None = None
        self._dirty = False
        # The last version read or written, kept parsed: a process that is the only writer
        # (the usual case) never parses the file twice.
        self._known: tuple[tuple[int, int, int], dict[str, Any], dict[str, str] | None] | None = None
        self._parts: dict[str, dict[str, Any]] = {}  # part file name → its parsed tables (parts never change)
        #: Part file name → the identity of the file as this process read and checked it (or wrote it).
        self._checked: dict[str, Identity] = {}
        self._layout: dict[str, str] | None = None  # the parts of the version last read (None: one file)
        self._touched: dict[str, set[str]] = {}  # table → record ids a transaction's writes touched
        self._all_changed = False
        self._scope: frozenset[str] | None = None  # the plan keys a scoped transaction read (None: all)
        #: The next free record id per partitioned table, as the manifest a scoped transaction read says.
        self.next_ids: dict[str, int] = {}
        self.read_key: tuple[int, int, int] | None = None  # the version a transaction started from
        #: Called as soon as a transaction's change is on disk, before the backup that may follow it is written.
        self.on_disk: Callable[[], None] | None = None
        self.read_key_of_last_scoped: tuple[int, int, int] | None = None
        self.written_key: tuple[int, int, int] | None = None  # the version it wrote
        #: While an action is journaled (see :meth:`govtui.store.transaction.Transaction.journaled`): (table,
        #: record id) → a copy of the record as it was before the action first touched it (``None``: new).
        self.journal: dict[tuple[str, str], Any] | None = None
        #: Called after each commit, once the lock is released, with the version written and its parts
        #: (plan key → part name): derived files (the app's first screen) are brought up to date there.
        self.committed: Callable[[tuple[int, int, int], dict[str, str]], None] | None = None

    # -- files --------------------------------------------------------------------------
    def stat_key(self) -> tuple[int, int, int] | None:
        """Identity of the file's current version (inode, size, mtime): changes on every write."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def read_file(self) -> dict[str, Any]:
        """The file's content; reused when the file has not changed since it was last read or written.

        Callers must not modify the result outside a transaction.
        """
        key = self.stat_key()
        if self._known is not None and key is not None and self._known[0] == key:
            self._layout = self._known[2]
            return self._known[1]
        data, layout = self._parse_file()
        self._layout = layout
        if key is not None and key == self.stat_key():
            self._known = (key, data, layout)
        return data

    def _parse_file(self) -> tuple[dict[str, Any], dict[str, str] | None]:
        for _ in range(20):
            data = self._read_manifest()
            layout = data.pop(PARTS, None)
            data.pop(NEXT, None)
            inline = data.pop(INLINE, None)
            if layout is None:
                problem = check_records(data)
                if problem:
                    raise StoreError(f"{self.path}: 库文件损坏 (the store file is damaged): {problem}; {REPAIR}")
                return data, None
            try:
                parts = [self._inline_part(inline, str(name)) if inline is not None else self._part(str(name))
                         for name in layout.values()]
            except FileNotFoundError:  # a writer committed and removed it since: read the new manifest
                time.sleep(0.01)
                continue
            for table in PARTITIONED:
                merged: dict[str, Any] = {}
                for part in parts:
                    merged.update(part.get(table) or {})
                data[table] = by_doc_id(merged)
            current = {str(name) for name in layout.values()}
            for name in [n for n in self._parts if n not in current]:  # parts of versions gone by
                del self._parts[name]
            return data, {str(k): str(v) for k, v in layout.items()}
        raise self.missing_part()

    def missing_part(self) -> StoreError:
        return StoreError(f"{self.path}: 库的分片文件缺失 (a part in {parts_dir(self.path)} is missing); {REPAIR}")

    def _read_manifest(self) -> dict[str, Any]:
        """The main file's tables; a missing, empty or ``{}`` main file is a new store only when
        nothing of a store lies beside it (else :class:`StoreError`: the store is damaged)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raw = None
        except IsADirectoryError as exc:
            raise StoreError(f"{self.path}: 是文件夹, 不是库文件 (is a folder)") from exc
        except PermissionError as exc:
            raise StoreError(f"{self.path}: 没有读取权限 (permission denied): 请检查文件权限") from exc
        data = decode(raw, self.path) if raw is not None else {}
        if not data:
            beside = remnants(self.path)
            if beside:
                state = "不存在 (is missing)" if raw is None else "是空的 (is empty)"
                raise StoreError(f"{self.path}: 库文件{state}, 但旁边还有库的 {'、'.join(beside)}: 库已损坏, "
                                 f"不会当作新库 (a damaged store, not a new one); {REPAIR}")
        return data

    def _part(self, name: str, keep: bool = True) -> dict[str, Any]:
        """A part's tables (parsed once and kept, unless ``keep`` is false: a streaming read); a part
        that is empty, not JSON or holds a record the app cannot read is :class:`StoreError`."""
        part = self._parts.get(name)
        if part is None:
            where = parts_dir(self.path) / name
            try:  # taken before the read: a file changed since then is checked again when backed up
                st = os.stat(where)
            except PermissionError:
                st = None
            part = read_part(where)
            if st is not None:
                self._checked[name] = (st.st_ino, st.st_size, st.st_mtime_ns)
            if keep:
                self._parts[name] = part
        return part

    def holds(self, names: Iterable[str]) -> bool:
        """Whether every part named is in memory (written or read and kept by this process)."""
        return all(name in self._parts for name in names)

    def part(self, name: str) -> dict[str, Any]:
        """The tables of the part called ``name`` (one just written is in memory; others are read, not kept)."""
        return self._part(name, keep=False)

    def _inline_part(self, inline: Any, name: str) -> dict[str, Any]:
        """A part carried inside a backup (see :meth:`bundle`)."""
        part = inline.get(name) if isinstance(inline, dict) else None
        if not isinstance(part, dict) or not part:
            raise StoreError(f"{self.path}: 备份中缺少分片 {name} (a part is missing from the backup); {REPAIR}")
        problem = check_records(part)
        if problem:
            raise StoreError(f"{self.path}: 备份中的分片 {name} 损坏 (damaged): {problem}; {REPAIR}")
        return part

    def bundle_into(self, out: BinaryIO, manifest: Path | None = None) -> None:
        """Write a version (the manifest at ``manifest``: the store's by default) as one self-contained
        file (a backup) into ``out``: the manifest with every part it names carried inside, one part at a
        time, each checked first unless this process read and checked (or wrote) that very file before
        (same inode, size and modification time: parts are written once and never changed).

        :class:`StoreError` when the version is damaged: a damaged version never becomes a backup.
        """
        manifest = self.path if manifest is None else manifest
        raw = manifest.read_bytes()
        data = decode(raw, manifest)
        layout = data.get(PARTS)
        if not data:
            raise StoreError(f"{manifest}: 库文件是空的 (empty); {REPAIR}")
        if layout is None:  # the single-file layout is whole already
            problem = check_records(data)
            if problem:
                raise StoreError(f"{manifest}: 库文件损坏 (the store file is damaged): {problem}; {REPAIR}")
            out.write(raw)
            return
        import orjson

        folder = parts_dir(self.path)
        out.write(b'{"' + INLINE.encode() + b'":{')
        for i, name in enumerate(str(n) for n in layout.values()):
            where = folder / name
            try:
                part_raw, identity = read_part_bytes(where)
            except FileNotFoundError:
                raise self.missing_part() from None
            if self._checked.get(name) != identity:
                checked_part(where, part_raw)  # and dropped: one part in memory at a time
                self._checked[name] = identity
            out.write((b"," if i else b"") + orjson.dumps(name) + b":" + part_raw.rstrip())
        out.write(b"}," + raw.lstrip()[1:])

    def head(self) -> dict[str, Any]:
        """The tables kept in the manifest (``meta``, ``pinyin``), without reading any part."""
        if self._known is not None and self._known[0] == self.stat_key():
            data = self._known[1]
        else:
            data = self._read_manifest()
            if PARTS not in data:  # the single-file layout: the whole store
                return {t: v for t, v in self.read_file().items() if t not in PARTITIONED}
        return {t: v for t, v in data.items() if t not in PARTITIONED and t not in (PARTS, NEXT, INLINE)}

    def stream(self) -> tuple[tuple[int, int, int] | None, dict[str, Any], Iterator[dict[str, Any]]]:
        """The current version part by part, none of it kept: its key, the manifest's tables, and the
        parts' tables one after another (a single-file store, or one already read: all at once).

        The iterator raises :class:`PartGone` when a writer removed a part meanwhile: stream again.
        """
        key = self.stat_key()
        if self._known is not None and key is not None and self._known[0] == key:
            data = self._known[1]
            return key, {t: v for t, v in data.items() if t not in PARTITIONED}, iter([data])
        manifest = self._read_manifest()
        layout = manifest.pop(PARTS, None)
        manifest.pop(NEXT, None)
        if layout is None or INLINE in manifest or key != self.stat_key():
            data = self.read_file()
            return self.stat_key(), {t: v for t, v in data.items() if t not in PARTITIONED}, iter([data])

        def parts() -> Iterator[dict[str, Any]]:
            for name in layout.values():
                try:
                    yield self._part(str(name), keep=False)
                except FileNotFoundError:
                    raise PartGone(str(name)) from None

        return key, manifest, parts()

    def read_plans(self, scope: frozenset[str]) -> dict[str, Any] | None:
        """The manifest's tables and the partitioned tables of the plans in ``scope`` only, without the lock
        (a command that reads one task before changing it); ``None`` when the store cannot be read so."""
        for _ in range(20):
            try:
                scoped = self._read_scoped(scope)
            except StoreError:
                if self.stat_key() != self.read_key_of_last_scoped:
                    continue  # a writer committed and removed a part meanwhile: read the new manifest
                raise
            return scoped[0] if scoped is not None else None
        raise self.missing_part()

    def _read_scoped(self, scope: frozenset[str]) -> tuple[dict[str, Any], dict[str, str], dict[str, int]] | None:
        """The manifest's tables and the partitioned tables of the plans in ``scope`` only (under the lock),
        or ``None`` when the store cannot be read so (one file, or a manifest without next ids)."""
        self.read_key_of_last_scoped = self.stat_key()
        data = self._read_manifest()
        layout, next_ids = data.pop(PARTS, None), data.pop(NEXT, None)
        if not isinstance(layout, dict) or not isinstance(next_ids, dict) or INLINE in data:
            return None
        try:
            parts = [self._part(str(layout[key])) for key in sorted(scope) if key in layout]
        except FileNotFoundError:
            raise self.missing_part() from None
        folder = parts_dir(self.path)
        prefix = os.path.join(folder, "")  # a string: no path object made for each of thousands of parts
        for key, name in layout.items():  # the others unread, but there and not emptied (a stat each)
            if key not in scope:
                try:
                    size = os.stat(prefix + str(name)).st_size
                except FileNotFoundError:
                    raise self.missing_part() from None
                if size == 0:
                    read_part(folder / str(name))  # raises, naming the part
        for table in PARTITIONED:
            merged: dict[str, Any] = {}
            for part in parts:
                merged.update(part.get(table) or {})
            data[table] = merged
        return data, {str(k): str(v) for k, v in layout.items()}, {str(t): int(n) for t, n in next_ids.items()}
