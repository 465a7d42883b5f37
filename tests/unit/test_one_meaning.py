"""Each idea written once: one units label, one task detail, one write funnel, plans in number order."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govtui.domain.model import Deadline, DeadlineKind, ImportedPlan, Note, Plan, Role, Section, Status, Task, Unit
from govtui.reports.output import plain, task_detail, units_label
from govtui.store import transaction
from govtui.store.records import encode
from govtui.store.store import Store

TODAY = dt.date(2024, 6, 15)


def plan_with(title: str, tasks: list[Task]) -> ImportedPlan:
    return ImportedPlan(Plan("", title, key=title, sections=[Section("s1", "一", "总体要求", 1, 0)]), tasks)


def mixed_task() -> Task:
    """A task whose lead unit is not named first, with a note and a due date."""
    return Task("", "", "1", 0, ["s1"], "公开[bold]政策[/]解读",
                units=[Unit("各科室", Role.RESPONSIBLE, True), Unit("办公室", Role.LEAD)],
                deadline=Deadline("6月底前", dt.date(2024, 6, 30), DeadlineKind.DATE), status=Status.DOING,
                notes=[Note("2024-06-01T09:00:00+08:00", "张三", "已起草\n待审核")])


def test_the_cli_and_the_app_label_units_alike(run, db: Path) -> None:  # type: ignore[no-untyped-def]
    Store(db).import_plans([plan_with("计划", [mixed_task()])])
    printed = run("--unit", "办公室")
    assert printed.returncode == 0, printed.stderr
    assert "办公室*、各科室" in printed.stdout  # lead first, as the app's table shows it
    assert units_label(mixed_task().units) == "办公室*、各科室"


def test_show_and_the_detail_pane_render_the_same_lines(run, db: Path) -> None:  # type: ignore[no-untyped-def]
    from govtui.tui.widgets.detail_pane import describe_task

    store = Store(db)
    store.import_plans([plan_with("计划", [mixed_task()])])
    plans, task = store.lookup("1-1")
    lines = task_detail(task, plans["1"], TODAY)
    assert describe_task(task, plans["1"], TODAY).plain == plain(lines)
    shown = run("show", "1-1", env={"GOVTUI_TODAY": TODAY.isoformat()})
    assert shown.stdout.rstrip("\n") == plain(lines)
    assert "公开[bold]政策[/]解读" in shown.stdout and "(剩 10 个工作日 · 15 天)" in shown.stdout


def test_plans_are_listed_in_number_order(run, db: Path) -> None:  # type: ignore[no-untyped-def]
    Store(db).import_plans([plan_with(f"计划{i}", [mixed_task()]) for i in range(1, 12)])
    report = json.loads(run("report", "--json").stdout)
    assert [p["id"] for p in report["plans"]] == [str(i) for i in range(1, 12)]  # 2 before 10
    plans = json.loads(run("plans", "--json").stdout)
    assert [p["id"] for p in plans] == [str(i) for i in range(1, 12)]


def test_rename_unit_goes_through_the_write_funnel(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(db)
    store.import_plans([plan_with("计划", [mixed_task(), mixed_task().copy_with(number="2", order=1)])])
    calls: list[str] = []
    funnel = transaction.Transaction.change_task

    def spy(self, task_id, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(task_id)
        return funnel(self, task_id, *args, **kwargs)

    monkeypatch.setattr(transaction.Transaction, "change_task", spy)
    assert store.rename_unit("办公室", "综合办公室") == 2
    assert calls == ["1-1", "1-2"]
    fresh = Store(db)
    assert [t.rev for t in fresh.tasks()] == [1, 1]
    assert [e["field"] for e in fresh.history("1-1")] == ["units"]
    undone = fresh.undo()  # a rename is one action: one undo step takes back every task it renamed
    assert [e["task"] for e in undone.entries] == ["1-2", "1-1"]
    assert [t.unit_names(Role.LEAD) for t in Store(db).tasks()] == [["办公室"], ["办公室"]]


def test_the_store_file_is_one_compact_line_of_utf8() -> None:
    raw = encode({"tasks": {"1": {"text": "政务公开"}}})
    assert raw.count(b"\n") == 1 and raw.endswith(b"\n")
    assert "政务公开".encode() in raw
