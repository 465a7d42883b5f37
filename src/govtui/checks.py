"""Validating a store file and bringing back a backup.

``check_store`` reads a file without the store API (it must work on a broken file) and
lists every problem in words; an empty list means the store is sound.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import orjson

from govtui.files import atomic_write, backup_paths
from govtui.storage import PARTS, SafeJSONStorage, StoreError, read_store

SCHEMA_VERSION = 1  # kept in step with govtui.store.SCHEMA_VERSION (a test checks)


def check_data(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return ["the file is JSON but not a TinyDB database (no tables)"]
    problems: list[str] = []
    for table in ("meta", "plans", "tasks"):
        if not isinstance(data.get(table), dict):
            problems.append(f"table {table!r} is missing")
    meta = data.get("meta") or {}
    first: dict[str, Any] = next(iter(meta.values()), {}) if isinstance(meta, dict) else {}
    version = first.get("schema") if isinstance(first, dict) else None
    if version is None:
        problems.append("no schema version (an old store: the next change migrates it)")
    elif version > SCHEMA_VERSION:
        problems.append(f"schema {version} is newer than this govtui reads ({SCHEMA_VERSION})")
    plans = {p.get("id"): p for p in (data.get("plans") or {}).values() if isinstance(p, dict)}
    plan_ids = Counter(p.get("id") for p in (data.get("plans") or {}).values() if isinstance(p, dict))
    for pid, count in plan_ids.items():
        if count > 1:
            problems.append(f"plan id {pid!r} is used {count} times")
    task_ids: Counter[str] = Counter()
    for doc_id, task in (data.get("tasks") or {}).items():
        if not isinstance(task, dict) or "id" not in task:
            problems.append(f"task record {doc_id} has no id")
            continue
        task_ids[task["id"]] += 1
        plan = plans.get(task.get("plan_id"))
        if plan is None:
            problems.append(f"task {task['id']}: its plan {task.get('plan_id')!r} does not exist")
            continue
        sections = {s.get("id") for s in plan.get("sections", [])}
        for sid in task.get("sections", []):
            if sid not in sections:
                problems.append(f"task {task['id']}: section {sid!r} does not exist in plan {plan.get('id')}")
        if task.get("status", "todo") not in ("todo", "doing", "done", "blocked"):
            problems.append(f"task {task['id']}: unknown status {task.get('status')!r}")
    for tid, count in task_ids.items():
        if count > 1:
            problems.append(f"task id {tid!r} is used {count} times")
    return problems


def check_file(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [f"{path}: no such file"]
    except OSError as exc:
        return [f"{path}: cannot read ({exc.strerror})"]
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return [f"not valid JSON: {exc}"]
    if isinstance(data, dict) and PARTS in data:  # a manifest: check the whole store it names
        try:
            data = read_store(path)
        except StoreError as exc:
            return [str(exc)]
        except OSError as exc:
            return [f"{exc.filename}: cannot read ({exc.strerror})"]
    return check_data(data)


def list_backups(path: Path) -> list[Path]:
    return [p for p in backup_paths(path) if p.exists()]


def restore_backup(path: Path, backup: Path) -> Path:
    """Replace the store with ``backup`` (which must pass the check), keeping the current file aside.

    Returns where the replaced version was kept.
    """
    problems = check_file(backup)
    if problems:
        raise StoreError(f"{backup} is not a sound store: {problems[0]}")
    storage = SafeJSONStorage(path)
    kept = path.with_name(f"{path.name}.before-restore")
    with storage.transaction():
        if path.exists():
            kept.write_bytes(path.read_bytes())
        atomic_write(path, backup.read_bytes())
    return kept
