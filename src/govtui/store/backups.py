"""The rotating backups as people choose between them: when each was taken, what bringing it back would
undo (N changes since, by whom), and the restore itself as one undoable action.

A restore rewrites the plans and tasks that differ from the backup, inside the store's transaction and
journaled like any other action (see :meth:`govtui.store.transaction.Transaction.journaled`): the history
keeps every entry, records the restore, and ``govtui undo`` takes it back.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govtui.store.checks import check_file, list_backups
from govtui.store.errors import StoreError
from govtui.store.storage import read_store

if TYPE_CHECKING:
    from govtui.store.transaction import Transaction

#: The history field of a restore (``after``: which backup, taken when, how many records it changed).
RESTORE = "restore"


def _entry_key(entry: dict[str, Any]) -> tuple[Any, ...]:
    return (entry.get("time"), entry.get("task"), entry.get("field"), entry.get("user"), entry.get("action"))


def _counted(entry: dict[str, Any]) -> bool:
    """A change a person made (not the records an action keeps, not one that changed nothing)."""
    from govtui.domain.history import is_noop

    return entry.get("field") != "records" and not is_noop(entry)


class Backup:
    """One backup: its file, when it was taken, and the changes made since (by user)."""

    __slots__ = ("by_user", "number", "path", "problem", "taken")

    def __init__(self, number: int, path: Path, taken: dt.datetime, by_user: Counter[str],
                 problem: str | None) -> None:
        self.number = number
        self.path = path
        self.taken = taken
        self.by_user = by_user
        self.problem = problem

    @property
    def changes(self) -> int:
        return sum(self.by_user.values())

    def line(self) -> str:
        """``1  2024-11-23 14:05  将撤销其后的 3 项修改 (张伟 2, 王敏 1)``."""
        when = self.taken.strftime("%Y-%m-%d %H:%M:%S")
        if self.problem:
            return f"{self.number}  {when}  不完好, 不能恢复 (not sound): {self.problem}"
        if not self.changes:
            return f"{self.number}  {when}  其后没有修改 (no changes since)"
        who = ", ".join(f"{name} {n}" for name, n in self.by_user.most_common())
        return f"{self.number}  {when}  将撤销其后的 {self.changes} 项修改 ({who}) (changes since)"


def backups(path: Path, current: dict[str, Any] | None) -> list[Backup]:
    """The store's backups, newest first, each with what restoring it would undo (from ``current``,
    the store's data; ``None`` when it cannot be read: then nothing is counted)."""
    found = []
    now_entries = [e for e in ((current or {}).get("history") or {}).values() if _counted(e)]
    for number, backup in enumerate(list_backups(path), 1):
        taken = dt.datetime.fromtimestamp(backup.stat().st_mtime).astimezone()
        problems = check_file(backup)
        by_user: Counter[str] = Counter()
        if not problems and current is not None:
            then = {_entry_key(e) for e in (read_store(backup).get("history") or {}).values()}
            by_user.update(str(e.get("user") or "?") for e in now_entries if _entry_key(e) not in then)
        found.append(Backup(number, backup, taken, by_user, problems[0] if problems else None))
    return found


def restore_records(txn: Transaction, backup: Path) -> int:
    """Inside a journaled transaction: make every plan and task what it is in ``backup``; returns how many
    records changed.  The history is kept whole, with one ``restore`` entry for this action."""
    problems = check_file(backup)
    if problems:
        raise StoreError(f"{backup.name} 不是完好的库文件 (not a sound store): {problems[0]}")
    then = read_store(backup)
    changed = 0
    for name in ("plans", "tasks"):
        table = txn.table(name)
        wanted = {str(d.get("id")): d for d in (then.get(name) or {}).values()}
        docs = txn.data.get(name) or {}
        current: dict[str, int] = {}
        gone = []  # records the backup has not, and a second record with the same id (a broken store)
        for key, doc in docs.items():
            record_id = str(doc.get("id"))
            if record_id in wanted and record_id not in current:
                current[record_id] = int(key)
            else:
                gone.append(int(key))
        if gone:
            table.remove(doc_ids=gone)
            changed += len(gone)
        for record_id, doc in wanted.items():
            doc_id = current.get(record_id)
            if doc_id is None:
                table.insert(dict(doc))
                changed += 1
                continue
            now = docs[str(doc_id)]
            if now != doc:
                new = dict(doc)
                if name == "tasks":  # a new revision: an app showing the task sees it changed
                    new["rev"] = max(int(now.get("rev", 0)), int(doc.get("rev", 0))) + 1
                txn.replace_record(name, doc_id, new)
                changed += 1
    taken = dt.datetime.fromtimestamp(backup.stat().st_mtime).astimezone().isoformat(timespec="seconds")
    txn.record("", RESTORE, None, {"backup": backup.name, "taken": taken, "records": changed}, 0)
    return changed
