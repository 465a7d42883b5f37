"""Files that are replaced whole or not at all: atomic writes, file modes, rotating backups.

Used by the store (:mod:`govtui.storage`) and by everything else that writes a file a person relies
on (settings, exports, reports).  Knows nothing of stores or TinyDB.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

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


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that readers see either the old or the new file."""
    import tempfile  # only writers need it

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
