"""`govtui undo` / `redo` / `apply` / `history` through the real process."""

from __future__ import annotations

from pathlib import Path

from govtui.store.storage import read_store


def status_of(db: Path, task_id: str) -> str:
    data = read_store(db)
    return next(t["status"] for t in data["tasks"].values() if t["id"] == task_id)


def test_undo_and_redo_many_levels_per_user(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    zhang, wang = {"GOVTUI_USER": "张伟"}, {"GOVTUI_USER": "王敏"}
    assert run("set", "1-1", "--status", "doing", env=zhang).returncode == 0
    assert run("set", "1-1", "--status", "done", "--note", "已公开", env=zhang).returncode == 0
    assert run("set", "1-2", "--status", "doing", env=wang).returncode == 0
    first = run("undo", env=zhang)  # status and note of one `set`: one step
    assert first.returncode == 0, first.stderr
    assert "1-1" in first.stdout and "撤销" in first.stdout and "张伟" in first.stdout
    assert status_of(seeded, "1-1") == "doing"
    assert run("undo", env=zhang).returncode == 0
    assert status_of(seeded, "1-1") == "todo"
    nothing = run("undo", env=zhang)
    assert nothing.returncode == 1 and "没有可撤销" in nothing.stderr and "Traceback" not in nothing.stderr
    assert status_of(seeded, "1-2") == "doing"  # 王敏's change is his to undo
    assert run("redo", env=zhang).returncode == 0
    assert status_of(seeded, "1-1") == "doing"
    assert run("redo", env=zhang).returncode == 0
    assert status_of(seeded, "1-1") == "done"
    assert run("redo", env=zhang).returncode == 1  # nothing to redo: as "nothing matched"


def test_undo_refused_with_who_and_when(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("set", "1-1", "--status", "done", env={"GOVTUI_USER": "张伟"}).returncode == 0
    assert run("set", "1-1", "--status", "blocked", env={"GOVTUI_USER": "王敏"}).returncode == 0
    refused = run("undo", env={"GOVTUI_USER": "张伟"})
    assert refused.returncode == 2
    line = refused.stderr.strip()
    assert "\n" not in line and "王敏" in line and "1-1" in line
    assert status_of(seeded, "1-1") == "blocked"


def test_apply_is_all_or_nothing_and_names_the_bad_line(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    before = seeded.read_bytes()
    batches = {
        3: '{"id": "1-1", "status": "done"}\n{"id": "1-2", "note": "好"}\n{"id": "9-99", "status": "done"}\n',
        2: '{"id": "1-1", "status": "done"}\n{"id": "1-2", "status": "finished"}\n',
        4: '{"id": "1-1", "status": "done"}\n\n{"id": "1-2", "status": "doing"}\n{"id": "1-3", "note": ""}\n',
        1: 'not json\n',
    }
    for line, text in batches.items():
        result = run("apply", input=text)
        assert result.returncode == 2, result.stderr
        assert f"第 {line} 行" in result.stderr or f"line {line}" in result.stderr, (line, result.stderr)
        assert "Traceback" not in result.stderr
        assert seeded.read_bytes() == before, line
    ok = run("apply", input='{"id": "1-1", "status": "done"}\n{"id": "1-2", "note": "好"}\n')
    assert ok.returncode == 0, ok.stderr
    assert status_of(seeded, "1-1") == "done"
    assert run("undo").returncode == 0  # one batch, one step
    assert status_of(seeded, "1-1") == "todo"
    data = read_store(seeded)
    assert next(t for t in data["tasks"].values() if t["id"] == "1-2")["notes"] == []


def test_history_is_readable(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    run("set", "1-9", "--status", "doing", env={"GOVTUI_USER": "王敏"})
    run("set", "1-9", "--status", "doing", env={"GOVTUI_USER": "王敏"})  # no change: not recorded
    run("set", "1-9", "--status", "done", env={"GOVTUI_USER": "王敏"})
    lines = run("history", "1-9").stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("王敏 ") and lines[0].endswith("状态 未开始 → 进行中")
    assert lines[1].endswith("状态 进行中 → 已完成")
    every = run("history").stdout
    assert "1-9  王敏" in every and "导入计划" in every
    assert "None" not in every and "'" not in every
    assert run("history", "9-99").returncode == 2
