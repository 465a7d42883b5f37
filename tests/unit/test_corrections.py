"""Corrections of a misread plan: merge, split, promote and demote, move, drop, units of several tasks, the
plan's organisation, year and title — each one undo step, recorded in Chinese, the same on the command line."""

from __future__ import annotations

import glob
import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from govtui.domain.history import history_lines
from govtui.domain.model import Role, Unit
from govtui.domain.outline import Outline
from govtui.importers import read_plan
from govtui.store import corrections
from govtui.store.store import Store

from ..conftest import ROOT, TABLE_SAMPLE, stored_tasks

Run = Callable[..., CompletedProcess[str]]


def test_the_outline_gives_back_every_plan_as_read() -> None:
    """Sections follow from the sequence: rebuilding an untouched plan changes no task and no heading."""
    files = sorted(glob.glob(str(ROOT / "tests/corpus/docs/*.txt"))) + sorted(glob.glob(str(ROOT / "data/*.txt")))
    assert len(files) > 20
    for file in files:
        imported = read_plan(file)
        before = [(t.number, list(t.sections), t.order) for t in imported.tasks]
        heads = sorted((s.id, s.parent, s.level) for s in imported.plan.sections)
        outline = Outline(imported.plan, imported.tasks)
        outline.rebuild()
        assert [(t.number, list(t.sections), t.order) for t in outline.tasks] == before, file
        assert sorted((s.id, s.parent, s.level) for s in imported.plan.sections) == heads, file


def plain(db: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    return {k: {f: v for f, v in t.items() if f != "rev"} for k, t in stored_tasks(db).items()}


def state(db: Path) -> tuple[object, object]:
    return plain(db), [p.to_dict() for p in Store(db).plans()]


CASES: list[tuple[str, Callable[..., object], tuple[object, ...], str]] = [
    ("merge", corrections.merge, ("1-4",), "合并任务 1-4 到 1-3"),
    ("split", corrections.split, ("1-7", 2), "拆分任务 1-7: 从第 2 句起为新任务 1-7.1"),
    ("promote", corrections.promote, ("1-6", 2), "任务 1-6 改为小节标题"),
    ("demote", corrections.demote, ("1", "s2"), "标题 “(一)聚焦中心工作” 改为任务 1-H1"),
    ("move", corrections.move, ("1-7", "s2"), "任务 1-7 移到 “(一)聚焦中心工作” 之下"),
    ("drop", corrections.drop, ("1-8",), "去掉非任务行 1-8"),
    ("plan", corrections.set_plan, ("1", "某局", 2025, None), "计划 1 制发单位 淮南市残疾人联合会 → 某局; 年度 2024 → 2025"),
    ("units", corrections.set_units, (["1-1", "1-2"], [Unit("办公室", Role.LEAD)]), "责任单位 市民生办 → 办公室(牵头)"),
]


@pytest.mark.parametrize(("name", "change", "args", "said"), CASES, ids=[c[0] for c in CASES])
def test_each_correction_is_one_undo_step_recorded_in_chinese(store: Store, db: Path, name: str,
                                                              change: Callable[..., object], args: tuple[object, ...],
                                                              said: str) -> None:
    before = state(db)
    store.correct(change, *args)
    after = state(db)
    assert after != before
    lines = history_lines(store.history())
    assert any(said in line for line in lines), lines[-4:]
    store.undo()
    assert state(db) == before
    store.redo()
    assert state(db) == after


def test_promote_takes_the_tasks_after_it_and_demote_gives_them_back(store: Store, db: Path) -> None:
    before = {t.id: t.sections for t in store.tasks() if t.plan_id == "1"}
    section = store.correct(corrections.promote, "1-1", 2)
    tasks = {t.id: t for t in store.tasks()}
    assert "1-1" not in tasks and tasks["1-2"].sections == ("s1", section.id) == tasks["1-3"].sections
    assert tasks["1-4"].sections == before["1-4"]  # after the next heading: not taken
    store.correct(corrections.demote, "1", section.id)
    tasks = {t.id: t for t in store.tasks()}
    assert tasks["1-2"].sections == before["1-2"] and tasks["1-H1"].sections == before["1-1"]
    assert [t.id for t in store.tasks()][:3] == ["1-H1", "1-2", "1-3"]


def test_corrections_refuse_what_cannot_be_and_write_nothing(store: Store, db: Path) -> None:
    from govtui.store.errors import StoreError

    store.set_status("1-4", __import__("govtui.domain.model", fromlist=["Status"]).Status.DOING)
    before = db.read_bytes(), plain(db)
    for change, args in [(corrections.merge, ("1-1",)), (corrections.merge, ("1-4",)), (corrections.split, ("1-1", 9)),
                         (corrections.drop, ("1-4",)), (corrections.move, ("1-1", "s99")),
                         (corrections.set_plan, ("1",)), (corrections.set_units, (["1-1"], []))]:
        with pytest.raises(StoreError):
            store.correct(change, *args)
    assert plain(db) == before[1]


def test_a_reimport_keeps_the_plan_fields_set_by_hand(store: Store) -> None:
    store.correct(corrections.set_plan, "1", "某局", None, "改过的标题")
    diff = store.preview_import(read_plan(TABLE_SAMPLE))
    assert diff.plan_changes == [] and diff.fields == {}
    store.import_plans([read_plan(TABLE_SAMPLE)])
    plan = next(p for p in store.plans() if p.id == "1")
    assert (plan.organization, plan.title) == ("某局", "改过的标题")


def test_the_commands_print_json_and_undo_in_one_step(run: Run, seeded: Path) -> None:
    merged = run("task", "merge", "1-4", "--json")
    assert merged.returncode == 0, merged.stderr
    assert json.loads(merged.stdout)["into"]["id"] == "1-3"
    split = json.loads(run("task", "split", "1-3", "--at", "2", "--json").stdout)
    assert split["new"]["id"] == "1-3.1" and split["new"]["text"].startswith("涉及重大公共利益")
    promoted = json.loads(run("task", "promote", "1-9", "--level", "1", "--json").stdout)["section"]
    assert promoted["level"] == 1
    plans = json.loads(run("plans", "--json").stdout)
    assert plans[0]["sections"] == 3  # 一、 二、 and the new one
    moved = run("task", "move", "1-10", "--to", promoted["id"])
    assert moved.returncode == 0 and "已移动" in moved.stdout
    units = json.loads(run("task", "units", "1-1", "1-2", "--units", "办公室(牵头)、法规科", "--yes", "--json").stdout)
    assert [u["name"] for u in units["tasks"][1]["units"]] == ["办公室", "法规科"]
    plan = json.loads(run("plan", "set", "1", "--org", "某局", "--year", "2025", "--json").stdout)["plan"]
    assert (plan["organization"], plan["year"]) == ("某局", 2025)
    history = run("history").stdout
    assert "修正: 合并任务 1-4 到 1-3" in history and "修正: 计划 1 制发单位" in history
    before_undo = stored_tasks(seeded)
    assert run("undo").returncode == 0  # the plan set
    assert run("undo").returncode == 0  # the units of two tasks: one step
    after = stored_tasks(seeded)
    assert after["1-1"]["units"] != before_undo["1-1"]["units"] and after["1-2"]["units"][0]["name"] == "市民生办"
    dropped = run("task", "drop", "1-2")
    assert dropped.returncode == 0 and "1-2" not in stored_tasks(seeded)
