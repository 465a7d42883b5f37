"""Validating a store file and bringing back a backup.

``check_store`` reads a file without the store API (it must work on a broken file) and
lists every problem in words; an empty list means the store is sound.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import orjson

from govtui.domain.files import atomic_write, backup_paths, file_mode_for
from govtui.store.errors import StoreError
from govtui.store.parts import INLINE, PARTS, parts_dir, read_part, remnants
from govtui.store.storage import SafeJSONStorage, read_store

SCHEMA_VERSION = 1  # kept in step with govtui.store.SCHEMA_VERSION (a test checks)


def check_data(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return ["文件是 JSON, 但不是 TinyDB 数据库: 没有数据表 (no tables)"]
    problems: list[str] = []
    for table in ("meta", "plans", "tasks"):
        if not isinstance(data.get(table), dict):
            problems.append(f"缺少数据表 {table!r} (table missing)")
    meta = data.get("meta") or {}
    first: dict[str, Any] = next(iter(meta.values()), {}) if isinstance(meta, dict) else {}
    version = first.get("schema") if isinstance(first, dict) else None
    if version is None:
        problems.append("没有结构版本号 (no schema version): 旧版库文件, 下一次修改时会自动升级")
    elif version > SCHEMA_VERSION:
        problems.append(f"结构版本 {version} 比本版 govtui 能读的 ({SCHEMA_VERSION}) 新 (newer schema)")
    plans = {p.get("id"): p for p in (data.get("plans") or {}).values() if isinstance(p, dict)}
    plan_ids = Counter(p.get("id") for p in (data.get("plans") or {}).values() if isinstance(p, dict))
    for pid, count in plan_ids.items():
        if count > 1:
            problems.append(f"计划编号 {pid!r} 用了 {count} 次 (duplicate plan id)")
    task_ids: Counter[str] = Counter()
    for doc_id, task in (data.get("tasks") or {}).items():
        if not isinstance(task, dict) or "id" not in task:
            problems.append(f"任务记录 {doc_id} 没有编号 (no id)")
            continue
        task_ids[task["id"]] += 1
        plan = plans.get(task.get("plan_id"))
        if plan is None:
            problems.append(f"任务 {task['id']}: 所属计划 {task.get('plan_id')!r} 不存在 (no such plan)")
            continue
        sections = {s.get("id") for s in plan.get("sections", [])}
        for sid in task.get("sections", []):
            if sid not in sections:
                problems.append(f"任务 {task['id']}: 计划 {plan.get('id')} 中没有章节 {sid!r} (no such section)")
        if task.get("status", "todo") not in ("todo", "doing", "done", "blocked"):
            problems.append(f"任务 {task['id']}: 不认识的状态 {task.get('status')!r} (unknown status)")
    for tid, count in task_ids.items():
        if count > 1:
            problems.append(f"任务编号 {tid!r} 用了 {count} 次 (duplicate task id)")
    return problems


def check_file(path: Path) -> list[str]:
    """Every problem of a store (or a backup), read as every command reads it: a damaged main file, each
    missing or damaged part, then the records' consistency."""
    if not path.exists() and not remnants(path):
        return [f"{path}: 文件不存在 (no such file)"]
    try:
        raw = path.read_bytes() if path.exists() else b""
        manifest = orjson.loads(raw) if raw.strip() else None
    except OSError as exc:
        return [f"{path}: 无法读取 (cannot read: {exc.strerror})"]
    except orjson.JSONDecodeError as exc:
        return [f"{path}: 不是有效的 JSON (invalid JSON): {exc}"]
    problems: list[str] = []
    if isinstance(manifest, dict) and isinstance(manifest.get(PARTS), dict) and INLINE not in manifest:
        for name in manifest[PARTS].values():  # each part on its own: every damaged one is named
            try:
                read_part(parts_dir(path) / str(name))
            except FileNotFoundError:
                problems.append(f"{parts_dir(path) / str(name)}: 分片文件缺失 (a part is missing)")
            except (StoreError, OSError) as exc:
                problems.append(str(exc))
        if problems:
            return problems
    try:
        data = read_store(path)
    except StoreError as exc:
        return [str(exc)]
    except OSError as exc:
        return [f"{exc.filename}: 无法读取 (cannot read: {exc.strerror})"]
    if not data:
        return [f"{path}: 文件是空的, 还不是库 (empty, not a store yet)"]
    return check_data(data)


def list_backups(path: Path) -> list[Path]:
    return [p for p in backup_paths(path) if p.exists()]


def restore_backup(path: Path, backup: Path) -> Path:
    """Replace the store with ``backup`` (which must pass the check), keeping the current version aside.

    The current version is never read as a store (it is usually damaged when a backup is needed): its
    main file is copied to ``.before-restore`` and its parts linked into ``.before-restore.parts/``,
    where they stay as they are.  Returns where the replaced version was kept.
    """
    problems = check_file(backup)
    if problems:
        raise StoreError(f"{backup} 不是完好的库文件 (not a sound store): {problems[0]}")
    data = read_store(backup)  # read whole before anything moves (an earlier backup names the store's parts)
    storage = SafeJSONStorage(path)
    kept = path.with_name(f"{path.name}.before-restore")
    storage.replace_after(data, lambda: keep_aside(path, kept))
    return kept


def keep_aside(path: Path, kept: Path) -> None:
    """The store's files as they are, beside it: the main file copied, the parts linked (parts never
    change in place), both private; an earlier ``.before-restore`` is replaced."""
    import os
    import shutil

    folder = parts_dir(kept)
    shutil.rmtree(folder, ignore_errors=True)
    if path.exists():
        atomic_write(kept, path.read_bytes(), mode=file_mode_for(path))
    elif kept.exists():
        kept.unlink()
    source = parts_dir(path)
    if source.is_dir():
        folder.mkdir(mode=0o700)
        for entry in os.scandir(source):
            if entry.is_file(follow_symlinks=False):
                try:
                    os.link(entry.path, folder / entry.name)
                except OSError:
                    shutil.copy2(entry.path, folder / entry.name)
