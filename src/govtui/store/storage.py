"""A TinyDB storage that is atomic, locked and readable UTF-8.

TinyDB's own ``JSONStorage`` rewrites the file in place and knows nothing of other
processes.  :class:`SafeJSONStorage` fixes both at TinyDB's extension point:

* every write goes to a temporary file in the same folder, is fsynced, and is renamed
  over the store, so a reader or a crash sees the old file or the new one, never half;
* writes happen inside :meth:`SafeJSONStorage.transaction`, which holds an exclusive
  lock (``<store>.lock``, an OS lock released when the process dies, so a killed
  process never leaves a stale lock) and re-reads the file first, so a whole logical
  change — read, modify, write — is one critical section and no update is lost;
* the JSON is written as UTF-8 with Chinese characters as they are, not ``\\u`` escapes;
* a write touches only the plans it changed: each plan's plan record, tasks and history
  live in their own *part* file in ``<store>.parts/``, and the store file itself is a small
  manifest (the ``meta`` and ``pinyin`` tables and the name of each plan's part).  A change
  writes the changed plans' parts under new names (fsynced), then replaces the manifest
  atomically: the rename of the manifest is the commit, so a crash leaves the old version or
  the new one whole.  Parts no manifest names (nor a backup) are deleted after the commit;
  a reader that finds a part gone reads the new manifest again.  A store of the older
  single-file layout is read as it is and split on its first change (the single file is
  kept as ``<store>.single``);
* a change to some plans' tasks (a status, a note) reads only those plans' parts: a
  *scoped* transaction.  The manifest keeps the next free record id of each table, so a
  scoped change can add history entries without reading the other parts;
* the whole store can be read part by part (:meth:`SafeJSONStorage.stream`), so a reader that
  builds its own objects never holds every parsed record at once.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from govtui.domain.files import (
    atomic_write,
    backup_due,
    backup_paths,
    file_mode_for,
    holder_path,
    login_name,
    pending_backup_path,
    rotate_backups,
    writable,
    write_private,
)
from govtui.store.errors import OutOfScope, StoreError, StoreLockedError
from govtui.store.parts import (
    NEXT,
    PARTS,
    file_stem,
    manifest_parts,
    parts_dir,
)
from govtui.store.records import PARTITIONED, encode, part_key
from govtui.store.store_files import StoreFiles

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any


#: Above this many changed records in one transaction, every part is rewritten.
MANY = 5000
#: Up to this many records, a process keeps the whole store parsed between its transactions.
KEEP_PARSED = 20_000


def read_store(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The whole logical content of a store (its tables), whichever layout it is in."""
    return SafeJSONStorage(path).read_file()


def write_store(path: str | os.PathLike[str], data: dict[str, Any]) -> None:
    """Write ``data`` (all tables) as a new store in the parts layout (for generators and tests)."""
    storage = SafeJSONStorage(path)
    with storage.transaction():
        storage.write(data)
        storage.mark_all_changed()


class SafeJSONStorage(StoreFiles):
    """TinyDB storage over one store (a manifest and its plan parts), with locked transactions and atomic writes.

    It implements TinyDB's ``Storage`` interface (``read``, ``write``, ``close``) without importing TinyDB,
    so that a lookup answered from the index never loads it; :mod:`govtui.store.tracked_table` hands it to TinyDB
    (``SharedStorage``) when TinyDB is used.
    """

    # -- TinyDB's interface -------------------------------------------------------------
    def read(self) -> dict[str, Any] | None:
        if self._txn is not None:
            return self._txn
        data = self.read_file()
        return data or None

    def write(self, data: dict[str, Any]) -> None:
        if self._txn is not None:
            self._txn = data
            self._dirty = True
            return
        with self.transaction():
            self._txn = data
            self._dirty = True

    def close(self) -> None:
        pass

    # -- which parts a transaction changed ----------------------------------------------
    def note_touched(self, table: str, doc_ids: set[str], everything: bool = False) -> None:
        """Called by :class:`TrackedTable` after each write: these records may have changed."""
        if everything:
            self._all_changed = True
        self._touched.setdefault(table, set()).update(doc_ids)

    def mark_all_changed(self) -> None:
        """The transaction changed records in place, not through TinyDB: write every part."""
        self._all_changed = True
        self._dirty = True

    def _changed_parts(self, data: dict[str, Any], layout: dict[str, str]) -> set[str] | None:
        """The keys of the parts to write again, or ``None`` for all of them."""
        if self._all_changed or sum(len(ids) for ids in self._touched.values()) > MANY:
            if self._scope is not None:  # every part is to be written: only an unscoped read has them
                raise OutOfScope("*")
            return None
        keys: set[str] = set()
        for table, ids in self._touched.items():
            if table not in PARTITIONED:
                continue
            records = data.get(table) or {}
            for doc_id in ids:
                doc = records.get(doc_id)
                if doc is not None:
                    key = part_key(table, doc)
                    keys.add(key)
                    home = layout.get(key)
                    if home is not None and doc_id in (self._part(home).get(table) or {}):
                        continue  # it was in this part before too
                keys.update(k for k, name in layout.items() if (self._scope is None or k in self._scope)
                            and doc_id in (self._part(name).get(table) or {}))
        if self._scope is not None and not keys <= self._scope:
            raise OutOfScope(", ".join(sorted(keys - self._scope)))
        return keys

    def _lock(self) -> Any:
        from filelock import FileLock  # only writers pay for importing it

        mode = file_mode_for(self.path)
        return FileLock(str(self.lock_path), timeout=self.lock_timeout, mode=mode)

    def _check_writable(self) -> None:
        """Refuse, before the lock, a store that may not be written: a missing or read-only folder, a
        read-only store file (by its mode bits too: root may write anything, but a store someone made
        read-only stays so)."""
        if not self.path.parent.is_dir():
            raise StoreError(f"库文件所在的文件夹 {self.path.parent} 不存在 (no such folder): 请检查路径")
        if not writable(self.path.parent):
            raise StoreError(f"文件夹 {self.path.parent} 不可写 (read-only folder): 未作修改; "
                             "请检查权限, 或用 --db 指向可写的位置")
        if self.path.exists() and not writable(self.path):
            raise StoreError(f"库文件 {self.path} 是只读的 (read-only): 未作修改; 需要修改时请先 "
                             f"chmod u+w {self.path}")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the store's lock (saying who holds it in the lock's note for anyone who waits too long)."""
        from filelock import Timeout

        self._check_writable()
        lock = self._lock()
        started = time.monotonic()
        try:
            lock.acquire()
        except Timeout:
            raise StoreLockedError(
                f"{self.path}: 库文件正被占用 (the store is busy): {self._holder()}; 已等待 "
                f"{time.monotonic() - started:.0f} 秒; 请稍后再试, 或结束那个进程"
            ) from None
        except PermissionError as exc:
            raise StoreError(f"{self.lock_path}: 无法创建锁文件 (permission denied): 请检查文件夹权限") from exc
        note = holder_path(self.path)
        try:
            import socket

            with contextlib.suppress(OSError):
                write_private(note, f"pid {os.getpid()} (用户 {login_name()}, 主机 {socket.gethostname()}, "
                                    f"{time.strftime('%H:%M:%S')} 起持有锁)\n".encode())
            yield
        finally:
            with contextlib.suppress(OSError):
                note.unlink()
            lock.release()

    def _holder(self) -> str:
        """Who holds the lock, as its holder wrote it down (a file of its own: the lock file itself is
        opened, and may be emptied, by every process that waits for it)."""
        try:
            return holder_path(self.path).read_text(encoding="utf-8").strip() or "另一个 govtui 进程 (another process)"
        except OSError:
            return "另一个 govtui 进程 (another process)"

    @contextlib.contextmanager
    def transaction(self, scope: frozenset[str] | None = None) -> Iterator[dict[str, Any]]:
        """Hold the lock, load the file fresh, and write it back once at the end if changed.

        With ``scope`` (plan keys) only those plans' parts are read, when the store allows it; a write
        to a record of another plan then raises :class:`OutOfScope` and nothing is written.
        """
        if self._txn is not None:  # nested: join the outer transaction
            yield self._txn
            return
        written: tuple[tuple[int, int, int], dict[str, str]] | None = None
        with self._locked():
            try:
                self.read_key = self.stat_key()
                self.written_key = None
                scoped = self._read_scoped(scope) if scope is not None and self.read_key is not None else None
                if scoped is None:
                    self._txn, self._scope, self.next_ids = self.read_file(), None, {}
                    layout = self._layout
                else:
                    self._txn, layout, self.next_ids = scoped
                    self._scope = scope
                self._known = None  # the transaction changes this dict in place: not a known version now
                self._dirty = False
                self._touched, self._all_changed = {}, False
                try:
                    yield self._txn
                except BaseException:
                    self._parts.clear()  # records may have been changed in place: parse them again
                    raise
                if self._dirty:
                    try:
                        changed = None if layout is None else self._changed_parts(self._txn, layout)
                    except OutOfScope:
                        self._parts.clear()
                        raise
                    pending = self._hold_for_backup()
                    layout = self._commit(self._txn, layout, changed)
                    if self.on_disk is not None:
                        self.on_disk()
                    if pending is not None:
                        self._back_up(pending, layout)
                    self.written_key = self.stat_key()
                    if self.written_key is not None:
                        written = (self.written_key, layout)
                    if self.written_key is not None and self._scope is None:
                        self._keep(self.written_key, self._txn, layout)
                elif self.read_key is not None and self._scope is None:
                    self._keep(self.read_key, self._txn, layout)
            finally:
                self._txn = None
                self._scope = None
                self._dirty = False
                self._touched, self._all_changed = {}, False
        if written is not None and self.committed is not None:
            self.committed(*written)

    def _hold_for_backup(self) -> Path | None:
        """Under the lock, before a commit: when a backup is due, keep the version about to be replaced
        (its manifest hard-linked as ``.bak0``, which keeps its parts from :meth:`_collect`) to be written
        as the newest backup once the change is on disk.  A ``.bak0`` already there (a process ended
        between a commit and its backup) is that earlier version: it is written instead."""
        pending = pending_backup_path(self.path)
        if pending.exists():
            return pending
        if not backup_due(self.path):
            return None
        try:
            os.link(self.path, pending)
        except FileNotFoundError:
            return None
        except OSError:  # a file system without hard links: a copy (the manifest is small)
            atomic_write(pending, self.path.read_bytes(), mode=file_mode_for(self.path))
        return pending

    def _back_up(self, pending: Path, layout: dict[str, str]) -> None:
        """Under the lock, after the commit: write the version kept by :meth:`_hold_for_backup` as the
        newest backup, streamed a part at a time (see :meth:`bundle_into`), then let its parts go.

        The change is on disk already, so a backup that cannot be written (a damaged version, a full
        disk) is not taken — nothing is rotated out for it — and the next change tries again."""
        try:
            rotate_backups(self.path, lambda out: self.bundle_into(out, pending))
        except (StoreError, OSError):
            pass
        finally:
            with contextlib.suppress(OSError):
                pending.unlink()
        self._collect(layout)

    def replace_after(self, data: dict[str, Any], first: Callable[[], None]) -> None:
        """Under the lock, call ``first`` (keep the current version aside), then make ``data`` (all tables)
        the whole store without reading the current version (``govtui restore``: it may be damaged)."""
        if self._txn is not None:
            raise RuntimeError("恢复不能在事务中进行 (replace inside a transaction)")
        with self._locked():
            first()
            self._known = None
            self._parts.clear()
            self._scope = None
            layout = self._commit(data, {}, None)
            self._parts.clear()
            self.written_key = self.stat_key()
            self._known = None
            self._layout = layout

    def _commit(self, data: dict[str, Any], layout: dict[str, str] | None, changed: set[str] | None) -> dict[str, str]:
        """Write the changed parts (keys; ``None``: all) under new names, then the manifest (the commit);
        drop unused parts."""
        if layout is None and self.path.exists():  # the single-file layout: keep it before splitting
            single = self.path.with_name(self.path.name + ".single")
            if not single.exists():
                try:
                    os.link(self.path, single)
                except OSError:
                    single.write_bytes(self.path.read_bytes())
        old = dict(layout or {})
        contents: dict[str, dict[str, dict[str, Any]]] = {}
        for table in PARTITIONED:
            records = data.get(table) or {}
            if changed is None:
                for doc_id, doc in records.items():
                    contents.setdefault(part_key(table, doc), {}).setdefault(table, {})[doc_id] = doc
                continue
            ids = self._touched.get(table, set())
            for key in changed:
                home = old.get(key)
                members = set((self._part(home).get(table) or {}) if home else ()) | ids
                chosen = sorted((i for i in members if i in records and part_key(table, records[i]) == key),
                                key=lambda i: (len(i), i))
                contents.setdefault(key, {})[table] = {i: records[i] for i in chosen}
        new = {} if changed is None else dict(old)
        folder = parts_dir(self.path)
        mode = file_mode_for(self.path)
        if not folder.is_dir():
            folder.mkdir(exist_ok=True)
            with contextlib.suppress(OSError):
                os.chmod(folder, 0o2770 if mode == 0o660 else 0o700)
        written: list[Path] = []  # this commit's new parts: removed again if it fails (a full disk)
        try:
            for key, tables in contents.items():
                if not any(tables.values()):
                    new.pop(key, None)
                    continue
                name = f"{file_stem(key)}.{os.urandom(5).hex()}.json"
                payload = encode({t: v for t, v in tables.items() if v})
                where = folder / name
                with os.fdopen(os.open(where, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), "wb") as out:
                    written.append(where)
                    os.fchmod(out.fileno(), mode)
                    out.write(payload)
                    out.flush()
                    os.fsync(out.fileno())
                if key in old:
                    self._parts.pop(old[key], None)  # its records were changed in place: never reuse it
                self._parts[name] = {t: v for t, v in tables.items() if v}
                st = os.stat(where)
                self._checked[name] = (st.st_ino, st.st_size, st.st_mtime_ns)
                new[key] = name
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
            from govtui.domain.snapshot import plan_id_key

            new = {k: new[k] for k in sorted(new, key=plan_id_key)}
            manifest: dict[str, Any] = {PARTS: new, NEXT: self._next_free(data)}
            manifest.update((t, v) for t, v in data.items() if t not in PARTITIONED)
            atomic_write(self.path, encode(manifest))
        except BaseException as exc:
            for where in written:
                with contextlib.suppress(OSError):
                    where.unlink()
                self._parts.pop(where.name, None)
            if isinstance(exc, OSError) and not exc.filename:
                raise OSError(exc.errno, exc.strerror, str(written[-1] if written else folder)) from exc
            raise
        self._collect(new)
        return new

    def _keep(self, key: tuple[int, int, int], data: dict[str, Any], layout: dict[str, str] | None) -> None:
        """Keep a whole version parsed for the next transaction, unless the store is large: its parsed
        records take several times the file's size, so a large store is parsed again instead (a
        change to some plans' tasks reads only their parts anyway)."""
        if sum(len(data.get(table) or {}) for table in PARTITIONED) <= KEEP_PARSED:
            self._known = (key, data, layout)
        else:
            self._known = None
            self._parts.clear()

    def _next_free(self, data: dict[str, Any]) -> dict[str, int]:
        """The next free record id of each partitioned table (a scoped read saw only some records:
        the manifest's figure is kept when higher)."""
        free: dict[str, int] = {}
        for table in PARTITIONED:
            top = max((int(i) for i in (data.get(table) or {}) if i.isdigit()), default=0) + 1
            free[table] = top if self._scope is None else max(top, self.next_ids.get(table, 1))
        return free

    def _collect(self, layout: dict[str, str]) -> None:
        """Delete the parts that neither the store nor a kept version of it (backups) names."""
        keep = set(layout.values())
        # a version waiting for its backup, and backups of the earlier kind, name the store's parts
        for other in [pending_backup_path(self.path), *backup_paths(self.path)]:
            keep |= manifest_parts(other)
        with contextlib.suppress(OSError):
            for entry in os.scandir(parts_dir(self.path)):
                if entry.name not in keep:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                    self._parts.pop(entry.name, None)
                    self._checked.pop(entry.name, None)


