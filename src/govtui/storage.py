"""A TinyDB storage that is atomic, locked and readable UTF-8.

TinyDB's own ``JSONStorage`` rewrites the file in place and knows nothing of other
processes.  :class:`SafeJSONStorage` fixes both at TinyDB's extension point:

* every write goes to a temporary file in the same folder, is fsynced, and is renamed
  over the store, so a reader or a crash sees the old file or the new one, never half;
* writes happen inside :meth:`SafeJSONStorage.transaction`, which holds an exclusive
  lock (``<store>.lock``, an OS lock released when the process dies, so a killed
  process never leaves a stale lock) and re-reads the file first, so a whole logical
  change — read, modify, write — is one critical section and no update is lost;
* the JSON is written as UTF-8 with Chinese characters as they are, not ``\\u`` escapes.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

#: Seconds a writer waits for another writer before giving up with a message.
LOCK_TIMEOUT = float(os.environ.get("GOVTUI_LOCK_TIMEOUT", "10"))
TEMP_PREFIX = ".govtui-tmp-"
#: Rotating backups of earlier good versions: store.json.bak1 (newest) … bak3.
BACKUP_COUNT = 3
#: A new backup is taken when the newest is older than this many seconds.
BACKUP_INTERVAL = float(os.environ.get("GOVTUI_BACKUP_INTERVAL", "300"))


class StoreError(Exception):
    """The store cannot be used; the message names the file and says why."""


class StoreLockedError(StoreError):
    """Another process held the lock for longer than the timeout."""


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid{os.getuid()}"


def file_mode_for(path: Path) -> int:
    """Owner-only, or owner and group when the folder is a setgid group-shared folder."""
    try:
        folder = path.parent.stat()
    except OSError:
        return 0o600
    return 0o660 if folder.st_mode & stat.S_ISGID else 0o600


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that readers see either the old or the new file."""
    mode = file_mode_for(path)
    with contextlib.suppress(FileNotFoundError):
        mode = stat.S_IMODE(path.stat().st_mode) or mode
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            os.fchmod(tmp.fileno(), mode)
            tmp.write(payload)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def encode(data: dict[str, Any]) -> bytes:
    """The whole store as one line of compact UTF-8 JSON (Chinese as it is, not ``\\u`` escapes).

    Compact because every change rewrites the whole file; ``govtui export -f json`` writes the
    tasks indented, for reading or diffing.
    """
    import orjson  # imported on use: a lookup answered from the index never parses JSON

    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS) + b"\n"


def decode(raw: bytes, path: Path) -> dict[str, Any]:
    import orjson

    if not raw.strip():
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreError(f"{path}: not a govtui store (invalid JSON: {exc}); the file was left untouched") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise StoreError(f"{path}: not a govtui store (expected TinyDB tables); the file was left untouched")
    return data


class SafeJSONStorage(Storage):
    """TinyDB storage over one JSON file, with locked transactions and atomic writes."""

    def __init__(self, path: str | os.PathLike[str], lock_timeout: float | None = None) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        self._txn: dict[str, Any] | None = None
        self._dirty = False
        # The last version read or written, kept parsed: a process that is the only writer
        # (the usual case) never parses the file twice.
        self._known: tuple[tuple[int, int, int], dict[str, Any]] | None = None
        self.read_key: tuple[int, int, int] | None = None  # the version a transaction started from
        self.written_key: tuple[int, int, int] | None = None  # the version it wrote

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
            return self._known[1]
        data = self._parse_file()
        if key is not None and key == self.stat_key():
            self._known = (key, data)
        return data

    def _parse_file(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except IsADirectoryError as exc:
            raise StoreError(f"{self.path}: is a directory, not a store file") from exc
        except PermissionError as exc:
            raise StoreError(f"{self.path}: 没有读取权限 (permission denied): 请检查文件权限") from exc
        return decode(raw, self.path)

    def _lock(self) -> Any:
        from filelock import FileLock  # only writers pay for importing it

        mode = file_mode_for(self.path)
        return FileLock(str(self.lock_path), timeout=self.lock_timeout, mode=mode)

    def _holder(self) -> str:
        try:
            return self.lock_path.read_text(encoding="utf-8").strip() or "another govtui process"
        except OSError:
            return "another govtui process"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[dict[str, Any]]:
        """Hold the lock, load the file fresh, and write it back once at the end if changed."""
        if self._txn is not None:  # nested: join the outer transaction
            yield self._txn
            return
        if not self.path.parent.is_dir():
            raise StoreError(f"库文件所在的文件夹 {self.path.parent} 不存在 (no such folder): 请检查路径")
        if not os.access(self.path.parent, os.W_OK | os.X_OK):
            raise StoreError(f"文件夹 {self.path.parent} 不可写 (read-only folder): 未作修改; "
                             "请检查权限, 或用 --db 指向可写的位置")
        if self.path.exists() and not os.access(self.path, os.W_OK):
            raise StoreError(f"库文件 {self.path} 是只读的 (read-only): 未作修改; 需要修改时请先 "
                             f"chmod u+w {self.path}")
        from filelock import Timeout

        lock = self._lock()
        try:
            lock.acquire()
        except Timeout:
            raise StoreLockedError(
                f"{self.path}: the store is busy: locked by {self._holder()} for more than "
                f"{self.lock_timeout:g} s; try again, or stop that process"
            ) from None
        except PermissionError as exc:
            raise StoreError(f"{self.lock_path}: 无法创建锁文件 (permission denied): 请检查文件夹权限") from exc
        try:
            import socket

            with contextlib.suppress(OSError), open(self.lock_path, "r+", encoding="utf-8") as info:
                info.truncate(0)
                info.write(f"pid {os.getpid()} (user {login_name()} on {socket.gethostname()}, "
                           f"since {time.strftime('%H:%M:%S')})\n")
            self.read_key = self.stat_key()
            self.written_key = None
            self._txn = self.read_file()
            self._known = None  # the transaction changes this dict in place: not a known version now
            self._dirty = False
            yield self._txn
            if self._dirty:
                rotate_backups(self.path)
                atomic_write(self.path, encode(self._txn))
                self.written_key = self.stat_key()
                if self.written_key is not None:
                    self._known = (self.written_key, self._txn)
            elif self.read_key is not None:
                self._known = (self.read_key, self._txn)
        finally:
            self._txn = None
            self._dirty = False
            with contextlib.suppress(OSError), open(self.lock_path, "r+", encoding="utf-8") as info:
                info.truncate(0)
            lock.release()


def remove_stale_temp_files(path: Path, older_than: float = 60.0) -> int:
    """Delete temporary files a killed writer left beside the store.  Returns how many."""
    removed = 0
    now = time.time()
    for leftover in path.parent.glob(TEMP_PREFIX + path.name + ".*"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > older_than:
                leftover.unlink()
                removed += 1
    return removed


def backup_paths(path: Path) -> list[Path]:
    """The backup files of a store, newest first (whether or not they exist)."""
    return [path.with_name(f"{path.name}.bak{i}") for i in range(1, BACKUP_COUNT + 1)]


def rotate_backups(path: Path, interval: float | None = None) -> bool:
    """Keep the version about to be replaced as ``.bak1`` when the newest backup is old enough.

    Called under the store lock, before the atomic rename.  A hard link keeps the old
    inode alive after the rename, so a backup costs no copy.  Returns whether one was taken.
    """
    interval = BACKUP_INTERVAL if interval is None else interval
    if not path.exists():
        return False
    backups = backup_paths(path)
    with contextlib.suppress(FileNotFoundError):
        if time.time() - backups[0].stat().st_mtime < interval:
            return False
    for older, newer in zip(reversed(backups), reversed(backups[:-1]), strict=False):
        with contextlib.suppress(FileNotFoundError):
            os.replace(newer, older)
    try:
        os.link(path, backups[0])
        os.utime(backups[0])
    except OSError:
        backups[0].write_bytes(path.read_bytes())
    return True
