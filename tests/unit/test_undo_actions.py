"""Undo and redo as one strict stack of actions: imports, re-imports, carry-over, archive, plan delete,
unit rename, batch changes and restore are each one step, undone newest first and redone in order; an
undo that cannot apply stops with its reason and touches nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from govtui.domain import files
from govtui.domain.model import Status
from govtui.importers import read_plan
from govtui.store.backups import backups
from govtui.store.errors import NothingToDo, StoreError
from govtui.store.storage import read_store
from govtui.store.store import Store

from ..conftest import PROSE_SAMPLE, TABLE_SAMPLE
from .test_year_core import next_year_with_new_tasks


def state(db: Path) -> dict[str, Any]:
    """Every plan and task as stored, without revisions (an undo gives a task a new one) and without empty
    fields (a proof taken back is ``None`` where it was never set)."""
    data = read_store(db)
    return {f"{table}:{doc['id']}": {k: v for k, v in doc.items() if k != "rev" and v is not None}
            for table in ("plans", "tasks") for doc in (data.get(table) or {}).values()}


def reworded(tmp_path: Path) -> Path:
    """The 2024 table sample with one task reworded and one gone: its re-import changes plan 1 in place."""
    text = TABLE_SAMPLE.read_text(encoding="utf-8").replace("持续加大50项民生实事", "持续加大80项民生实事")
    path = tmp_path / "huainan-2024-v2.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_action_is_one_step_undone_newest_first_and_redone_in_order(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "BACKUP_INTERVAL", 0.0)  # a backup before every write: restore has one to use
    store = Store(db)
    store.user = "张伟"
    actions: list[tuple[str, Callable[[], object]]] = [
        ("import", lambda: store.import_plan(read_plan(TABLE_SAMPLE))),
        ("import another", lambda: store.import_plan(read_plan(PROSE_SAMPLE))),
        ("status", lambda: store.set_status("1-1", Status.DOING)),
        ("re-import", lambda: store.import_plan(read_plan(reworded(tmp_path)))),
        ("batch", lambda: store.change_many(["1-3", "1-4"], status=Status.DONE, note="已公开")),
        ("rename unit", lambda: store.rename_unit("办公室", "综合办公室")),
        ("archive", lambda: store.set_archived("2", True)),
        ("next year", lambda: store.import_plan(read_plan(next_year_with_new_tasks(tmp_path)))),
        ("carry-over", lambda: store.carry_over("1", "3", ["1-1", "1-2", "1-3", "1-4", "1-5"])),
        ("unarchive", lambda: store.set_archived("2", False)),
        ("delete plan", lambda: store.delete_plan("2")),
        ("restore", lambda: store.restore(backups(db, read_store(db))[0].path)),  # the version before the delete
    ]
    states = [state(db)]
    for name, action in actions:
        action()
        states.append(state(db))
        assert states[-1] != states[-2], name  # each action changed something
    assert states[-1] == states[-3]  # the restore brought plan 2 back as it was before its deletion
    for step in range(len(actions), 0, -1):
        store.undo()
        assert state(db) == states[step - 1], f"undo {actions[step - 1][0]}"
    with pytest.raises(NothingToDo):
        store.undo()
    for step in range(1, len(actions) + 1):
        store.redo()
        assert state(db) == states[step], f"redo {actions[step - 1][0]}"
    with pytest.raises(NothingToDo):
        store.redo()


def test_an_undo_that_cannot_apply_stops_with_its_reason_and_never_skips(store: Store, db: Path) -> None:
    store.user = "张伟"
    wang = Store(db)
    wang.user = "王敏"
    store.set_status("1-9", Status.DOING)
    store.set_archived("1", True)
    store.delete_plan("2")
    wang.import_plan(read_plan(PROSE_SAMPLE))  # plan 2 again, a new plan of 王敏's
    before = state(db)
    for _ in range(2):  # asked again, the same answer: the older actions are never undone instead
        with pytest.raises(StoreError) as refused:
            store.undo()
        message = str(refused.value)
        assert "2-1" in message and "王敏" in message and "导入" in message and "不会跳过" in message
        assert state(db) == before
    wang.undo()  # 王敏 takes his import back: 张伟's delete can be undone, then the rest in order
    store.undo()
    assert state(db)["plans:2"]["title"] == "台山市民政局2019年政务公开工作要点"
    wang.set_status("1-9", Status.BLOCKED)
    store.undo()  # the archive: plan 1's record only, not touched by 王敏
    assert not state(db)["plans:1"].get("archived")
    with pytest.raises(StoreError) as refused:
        store.undo()
    assert "任务 1-9" in str(refused.value) and "王敏" in str(refused.value) and "状态" in str(refused.value)
    assert state(db)["tasks:1-9"]["status"] == "blocked"


def test_an_undo_of_an_import_is_refused_once_someone_worked_on_its_tasks(store: Store, db: Path) -> None:
    wang = Store(db)
    wang.user = "王敏"
    wang.add_note("2-1", "已起草")
    with pytest.raises(StoreError, match="任务 2-1 在你之后被 王敏"):
        store.undo()  # the import of plan 2 would take 王敏's note with it
    assert [n["text"] for n in state(db)["tasks:2-1"]["notes"]] == ["已起草"]


def test_the_command_line_undoes_and_redoes_each_action_in_order(run, db: Path) -> None:  # type: ignore[no-untyped-def]
    zhang = {"GOVTUI_USER": "张伟", "GOVTUI_BACKUP_INTERVAL": "0"}
    commands = [("import", str(TABLE_SAMPLE)), ("import", str(PROSE_SAMPLE)),
                ("set", "1-9", "--status", "done", "--proof", "https://example.org/1", "--note", "已公开"),
                ("archive", "2"), ("unarchive", "2"), ("units", "rename", "办公室", "综合办公室"),
                ("plan", "delete", "2", "--yes")]
    states = [state(db)]
    for command in commands:
        result = run(*command, env=zhang)
        assert result.returncode == 0, (command, result.stderr)
        states.append(state(db))
    listed = run("restore", env=zhang)  # lists the backups: when, and what each would undo, by whom
    assert listed.returncode == 0 and "将撤销其后的 1 项修改 (张伟 1)" in listed.stdout, listed.stdout
    assert run("restore", "--backup", "1", "--yes", env=zhang).returncode == 0
    assert state(db) == states[-2]  # plan 2 is back as it was before it was deleted
    states.append(state(db))
    for step in range(len(states) - 1, 0, -1):
        undone = run("undo", env=zhang)
        assert undone.returncode == 0, undone.stderr
        assert state(db) == states[step - 1], step
    nothing = run("undo", env=zhang)
    assert nothing.returncode == 1 and "没有可撤销" in nothing.stderr
    for step in range(1, len(states)):
        assert run("redo", env=zhang).returncode == 0
        assert state(db) == states[step], step
    assert run("redo", env=zhang).returncode == 1


def test_plan_delete_names_what_would_be_lost_and_asks(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    import os
    import pty
    import subprocess

    from ..conftest import GOVTUI

    assert run("set", "1-9", "--status", "done", "--note", "已公开", "--proof", "https://example.org/9").returncode == 0
    assert run("set", "1-2", "--status", "blocked").returncode == 0
    unasked = run("plan", "delete", "1")  # no terminal: refused without --yes
    assert unasked.returncode == 2 and "--yes" in unasked.stderr
    assert run("plan", "delete", "9", "--yes").returncode == 2
    before = state(seeded)
    main, child = pty.openpty()  # a terminal that answers no
    os.write(main, b"n\n")
    process = subprocess.run([GOVTUI, "--db", str(seeded), "plan", "delete", "1"], stdin=child,
                             capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "120"})
    os.close(main)
    os.close(child)
    assert process.returncode == 1, process.stderr
    for lost in ("任务 22 项", "已完成 1", "受阻 1", "进展记录 1 条", "公开凭证 1 项", "1-9  已完成  进展 1 条  有公开凭证"):
        assert lost in process.stdout, (lost, process.stdout)
    assert state(seeded) == before
