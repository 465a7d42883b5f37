"""The files of a store in the parts layout: the manifest (the ``meta`` and ``pinyin`` tables, the name of each plan's
part, the next free record ids) and the part files in ``<store>.parts/``, each a plan's records; what lies beside a
store's main file; reading a part, checked.  The storage (:mod:`govtui.store.storage`) writes and locks them."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from govtui.domain.files import backup_paths, pending_backup_path
from govtui.store.errors import REPAIR, StoreError
from govtui.store.records import check_records

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any

#: A part file's identity: (inode, size, mtime in ns).  Parts are written once and never changed.
Identity = tuple[int, int, int]

#: The key of the manifest's map of parts (plan key → file name in the parts folder); written first.
PARTS = "_parts"
#: The key of the manifest's next free record id per partitioned table (for scoped transactions).
NEXT = "_next"
#: The key of a backup's parts carried inside it (a backup is restorable on its own); written first.
INLINE = "_inline"


def decode(raw: bytes, path: Path) -> dict[str, Any]:
    import orjson

    if not raw.strip():
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if remnants(path):
            raise StoreError(f"{path}: 库文件损坏 (the store file is damaged): JSON 无效 ({exc}); {REPAIR}") from exc
        raise StoreError(f"{path}: 不是 govtui 库文件 (not a govtui store): JSON 无效 ({exc}); 文件未作改动") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise StoreError(f"{path}: 不是 govtui 库文件 (not a govtui store): 应为 TinyDB 数据表; 文件未作改动")
    return data


def remnants(path: Path) -> list[str]:
    """What of a store lies beside its main file: plan parts, backups, the kept single file.

    A main file that is missing, empty or ``{}`` beside any of these is a damaged store, not a new
    one: writing to it would start an empty store and delete the parts no manifest names.
    """
    found: list[str] = []
    with contextlib.suppress(OSError):
        count = sum(1 for entry in os.scandir(parts_dir(path)) if entry.name.endswith(".json"))
        if count:
            found.append(f"{parts_dir(path).name}/ 中的 {count} 个分片 (parts)")
    beside = [*backup_paths(path), pending_backup_path(path), path.with_name(path.name + ".single")]
    found += [other.name for other in beside if other.exists()]
    return found


def parts_dir(path: Path) -> Path:
    """The folder of a store's plan parts (a backup of the earlier kind, a manifest without its parts
    inside, names parts of its store's folder; ``.before-restore`` has a folder of its own)."""
    import re

    return path.with_name(re.sub(r"\.bak\d+$", "", path.name) + ".parts")


def file_stem(key: str) -> str:
    """The file-name stem of a part for plan key ``key``: the key itself when it is short plain ASCII, else a hash."""
    if key and len(key) <= 40 and all(c.isascii() and (c.isalnum() or c in "-_") for c in key):
        return key
    import hashlib

    return "k" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def by_doc_id(table: dict[str, Any]) -> dict[str, Any]:
    """A table's records in the order of their numeric ids (as TinyDB numbers them), when they are numbers."""
    try:
        return dict(sorted(table.items(), key=lambda item: int(item[0])))
    except ValueError:
        return table


def manifest_parts(path: Path) -> set[str]:
    """The part files a manifest names (nothing for a single-file store or a missing file)."""
    try:
        with open(path, "rb") as handle:
            if handle.read(len(PARTS) + 4) != b'{"' + PARTS.encode() + b'":':
                return set()
            handle.seek(0)
            raw = handle.read()
        import orjson

        layout = orjson.loads(raw).get(PARTS) or {}
    except (OSError, ValueError):
        return set()
    return {str(name) for name in layout.values()}


def manifest_layout(path: Path) -> dict[str, str] | None:
    """The manifest's parts (plan key → part file name), reading only the manifest; ``None`` for a
    single-file store, a backup carrying its parts, or a file that cannot be read."""
    try:
        raw = path.read_bytes()
        if not raw.startswith(b'{"' + PARTS.encode() + b'":'):
            return None
        import orjson

        data = orjson.loads(raw)
    except (OSError, ValueError):
        return None
    layout = data.get(PARTS)
    if not isinstance(layout, dict) or INLINE in data:
        return None
    return {str(k): str(v) for k, v in layout.items()}


def parts_signature(path: Path, layout: dict[str, str] | None) -> tuple[tuple[str, int, int, int], ...]:
    """The identity (name, inode, size, mtime) of each part a version names: parts never change, so a
    different signature later means a part was damaged, replaced or removed by something else."""
    folder = str(parts_dir(path))
    found = []
    for name in (layout or {}).values():
        try:
            st = os.stat(os.path.join(folder, name))
        except OSError:
            found.append((name, 0, -1, 0))
            continue
        found.append((name, st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(found)


def read_part(where: Path) -> dict[str, Any]:
    """One part file's tables, checked: an empty part, one that is not JSON or one holding a record
    the app cannot read is damage (:class:`StoreError`, naming the part), never an empty plan."""
    return checked_part(where, read_part_bytes(where)[0])


def read_part_bytes(where: Path) -> tuple[bytes, Identity]:
    """A part file's bytes, unchecked, and the identity of the file they were read from."""
    try:
        with open(where, "rb") as handle:
            st = os.fstat(handle.fileno())
            return handle.read(), (st.st_ino, st.st_size, st.st_mtime_ns)
    except PermissionError as exc:
        raise StoreError(f"{where}: 没有读取权限 (permission denied): 请检查文件权限") from exc


def checked_part(where: Path, raw: bytes) -> dict[str, Any]:
    """The tables of the part ``where`` whose bytes are ``raw``, checked (see :func:`read_part`)."""
    import orjson

    try:
        part = orjson.loads(raw) if raw.strip() else None
    except orjson.JSONDecodeError as exc:
        raise StoreError(f"{where}: 库的分片文件损坏 (a part is damaged): JSON 无效 ({exc}); {REPAIR}") from exc
    if not isinstance(part, dict) or not part:
        what = "是空的 (empty)" if not raw.strip() else "没有数据表 (no tables)"
        raise StoreError(f"{where}: 库的分片文件{what}, 它的计划会丢失: 库已损坏 (a part is damaged); {REPAIR}")
    problem = check_records(part)
    if problem:
        raise StoreError(f"{where}: 库的分片文件损坏 (a part is damaged): {problem}; {REPAIR}")
    return part
