"""Doubts are visible: the importer's guesses are flags on the task, `import --dry-run` lists them,
`--status 待核对` finds them, and editing or confirming a task clears them (undoably)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from govtui.domain.model import DOUBT_FLAGS, FLAG_LABELS
from govtui.importers import read_plan

from ..conftest import MERGED_CELLS_TABLE, stored_tasks

Run = Callable[..., subprocess.CompletedProcess[str]]

DOCUMENT = MERGED_CELLS_TABLE


def document(tmp_path: Path) -> Path:
    path = tmp_path / "司法局任务分工.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


def doubtful(db: Path) -> list[str]:
    """The ids of the stored tasks with a doubt flag, read from the file itself."""
    return sorted(i for i, t in stored_tasks(db).items() if DOUBT_FLAGS & set(t["flags"]))


def listed(result: subprocess.CompletedProcess[str]) -> list[str]:
    return sorted(t["id"] for t in json.loads(result.stdout or "[]"))


def test_dry_run_lists_every_doubt_with_its_label(tmp_path: Path, db: Path, run: Run) -> None:
    result = run("import", str(document(tmp_path)), "--dry-run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    flagged = {line.split(":")[0].strip() for line in lines if line.strip().startswith("! 任务")}
    assert flagged == {"! 任务 2", "! 任务 4"}
    task2 = next(line for line in lines if "任务 2:" in line)
    assert FLAG_LABELS["merged-units"] in task2 and FLAG_LABELS["merged-deadline"] in task2
    assert FLAG_LABELS["incomplete"] in next(line for line in lines if "任务 4:" in line)
    assert "待核对 (needs checking): 2 项任务" in result.stdout
    assert not db.exists()


def test_importer_flags_made_up_numbers_and_joined_unit_lists(tmp_path: Path) -> None:
    path = tmp_path / "教育局.txt"
    path.write_text("XX市教育局2024年政务公开重点工作任务分工\n工作任务\t责任单位\t完成时限\n"
                    "公开教育经费使用情况。\t财务科\t6月底前\n"
                    "做好招生政策解读。\t各县(市、区)教育局\t持续推进\n", encoding="utf-8")
    tasks = read_plan(path).tasks
    assert [t.number for t in tasks] == ["1", "2"]
    assert [t.flags for t in tasks] == [("number-inferred",), ("joined-units", "number-inferred")]
    printed = read_plan(document(tmp_path)).tasks  # numbers printed: none inferred
    assert not any("number-inferred" in t.flags for t in printed)


def test_status_doubt_lists_exactly_the_flagged_tasks(tmp_path: Path, db: Path, run: Run) -> None:
    assert run("import", str(document(tmp_path))).returncode == 0
    assert doubtful(db) == ["1-2", "1-4"]
    for words in ("待核对", "doubt", "待核对"):  # the last one with the lookup index already saved
        result = run("--status", words, "--json")
        assert result.returncode == 0, result.stderr
        assert listed(result) == doubtful(db)
    plain = run("--status", "待核对")
    assert [line.split()[0] for line in plain.stdout.splitlines()[1:]] == ["1-2", "1-4"]
    assert run("set", "1-2", "--status", "doing").returncode == 0
    assert listed(run("--status", "进行中+待核对", "--json")) == ["1-2"]
    assert run("--status", "待核对,done").returncode == 1


def test_editing_units_or_deadline_clears_the_doubts(tmp_path: Path, db: Path, run: Run) -> None:
    assert run("import", str(document(tmp_path))).returncode == 0
    assert {"merged-units", "merged-deadline"} <= set(stored_tasks(db)["1-2"]["flags"])
    edited = run("set", "1-2", "--units", "执法监督科(牵头)")
    assert edited.returncode == 0, edited.stderr
    flags = stored_tasks(db)["1-2"]["flags"]
    assert "merged-units" not in flags and "merged-deadline" not in flags and "edited-units" in flags
    assert listed(run("--status", "待核对", "--json")) == ["1-4"]
    assert run("set", "1-4", "--deadline", "9月底前").returncode == 0
    assert "incomplete" not in stored_tasks(db)["1-4"]["flags"]
    assert run("--status", "待核对").returncode == 1


def test_confirm_clears_and_undo_restores(tmp_path: Path, db: Path, run: Run) -> None:
    assert run("import", str(document(tmp_path))).returncode == 0
    before = {i: t["flags"] for i, t in stored_tasks(db).items()}
    wrong = run("confirm", "1-2", "9-9")
    assert wrong.returncode == 2 and "9-9" in wrong.stderr and "Traceback" not in wrong.stderr
    assert {i: t["flags"] for i, t in stored_tasks(db).items()} == before  # an unknown id changes nothing
    confirmed = run("confirm", "1-2", "1-4")
    assert confirmed.returncode == 0, confirmed.stderr
    assert "1-2" in confirmed.stdout and "1-4" in confirmed.stdout
    assert doubtful(db) == []
    assert run("--status", "待核对").returncode == 1
    assert "核对确认" in run("history", "1-2").stdout
    assert run("confirm", "1-2").returncode == 1  # nothing left to confirm
    undone = run("undo")
    assert undone.returncode == 0, undone.stderr
    assert "1-2" in undone.stdout and "1-4" in undone.stdout  # one step brings both back
    assert {i: t["flags"] for i, t in stored_tasks(db).items()} == before
    assert listed(run("--status", "待核对", "--json")) == ["1-2", "1-4"]


def test_undo_of_an_edit_brings_its_doubts_back(tmp_path: Path, db: Path, run: Run) -> None:
    """Editing settles the doubts as part of the same action: undo takes the edit and the settling back
    together, redo does both again."""
    assert run("import", str(document(tmp_path))).returncode == 0
    before = stored_tasks(db)["1-2"]
    assert run("set", "1-2", "--units", "执法监督科(牵头)").returncode == 0
    assert "1-2" not in doubtful(db)
    undone = run("undo")
    assert undone.returncode == 0, undone.stderr
    after_undo = stored_tasks(db)["1-2"]
    assert after_undo["flags"] == before["flags"] and after_undo["units"] == before["units"]
    assert "1-2" in listed(run("--status", "待核对", "--json"))
    assert run("redo").returncode == 0
    assert "1-2" not in doubtful(db) and "edited-units" in stored_tasks(db)["1-2"]["flags"]
