"""Files that are replaced whole or not at all: atomic writes, file modes, rotating backups.

Used by the store (:mod:`govtui.store.storage`) and by everything else that writes a file a person relies
on (settings, exports, reports).  Knows nothing of stores or TinyDB.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import BinaryIO

TEMP_PREFIX = ".govtui-tmp-"
#: Rotating backups of earlier good versions: store.json.bak1 (newest) … bak3.
BACKUP_COUNT = 3
#: A new backup is taken when the newest is older than this many seconds.
BACKUP_INTERVAL = float(os.environ.get("GOVTUI_BACKUP_INTERVAL", "300"))


def login_name() -> str:
    import getpass

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


class SymlinkRefused(OSError):
    """The target is a symbolic link: govtui replaces files, it never writes through a link."""


def atomic_write(path: Path, payload: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``payload`` so that readers see either the old or the new file.

    The new file is private (owner only, or owner and group in a setgid shared folder) unless ``mode``
    says otherwise or the file it replaces had a mode of its own.  A symbolic link at ``path`` is
    refused (:class:`SymlinkRefused`), never followed or replaced.  An error names ``path``.
    """
    atomic_write_with(path, lambda out: out.write(payload), mode=mode)


def atomic_write_with(path: Path, write: Callable[[BinaryIO], object], *, mode: int | None = None,
                      before_replace: Callable[[], None] | None = None) -> None:
    """:func:`atomic_write` of what ``write`` writes into the file it is given (a piece at a time: the
    whole content is never held in memory); ``before_replace`` is called once it is written and fsynced,
    just before it replaces ``path``.  ``write`` raising: nothing replaced, no temporary file left."""
    import tempfile  # only writers need it

    if path.is_symlink():
        raise SymlinkRefused(errno.EEXIST, "是符号链接 (symbolic link), 不会写入或替换它", str(path))
    if mode is None:
        mode = file_mode_for(path)
        with contextlib.suppress(FileNotFoundError):
            mode = stat.S_IMODE(path.stat().st_mode) or mode
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            os.fchmod(tmp.fileno(), mode)
            write(tmp)
            tmp.flush()
            os.fsync(tmp.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError) and not exc.filename:  # a full disk: say which file
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


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


def pending_backup_path(path: Path) -> Path:
    """Where the version about to be replaced is kept (its manifest, naming its parts) until it is
    written as the newest backup, just after the change that replaces it is on disk."""
    return path.with_name(f"{path.name}.bak0")


def backup_due(path: Path, interval: float | None = None) -> bool:
    """Whether the version of ``path`` about to be replaced is to be backed up: the newest backup is
    older than ``interval`` seconds (five minutes), or there is none."""
    interval = BACKUP_INTERVAL if interval is None else interval
    if not path.exists():
        return False
    with contextlib.suppress(FileNotFoundError):
        if time.time() - backup_paths(path)[0].stat().st_mtime < interval:
            return False
    return True


def rotate_backups(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Make what ``write`` writes (streamed into a temporary file) the newest backup ``.bak1``, the
    earlier ones moved down (``.bak3`` dropped) only once it is whole on disk.

    ``write`` writes the whole version in one file, restorable on its own (no file it needs is shared
    with the store), or raises when that version is damaged — then no backup is rotated out for it.
    """
    backups = backup_paths(path)

    def shift() -> None:
        for older, newer in zip(reversed(backups), reversed(backups[:-1]), strict=False):
            with contextlib.suppress(FileNotFoundError):
                os.replace(newer, older)

    atomic_write_with(backups[0], write, mode=file_mode_for(path), before_replace=shift)


def writable(path: Path) -> bool:
    """Whether govtui may write ``path``: the OS allows it, and (for root, whom the OS always allows)
    someone made it writable: a store or folder made read-only stays read-only, even for root."""
    if not os.access(path, os.W_OK | (os.X_OK if path.is_dir() else 0)):
        return False
    if os.geteuid() == 0:
        with contextlib.suppress(OSError):
            return bool(path.stat().st_mode & 0o222)
    return True


def holder_path(store: Path) -> Path:
    """Where the holder of a store's lock notes who it is (pid, user, host, since when)."""
    return store.with_name(store.name + ".lock.holder")


def write_private(path: Path, payload: bytes) -> None:
    """Replace a small note of no lasting value (no fsync), readable only by its owner (or group)."""
    tmp = path.with_name(f"{TEMP_PREFIX}{path.name}.{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, file_mode_for(path))
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
