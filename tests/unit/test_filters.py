"""One meaning for a filter: the store's scan, the quick-lookup index and the app's index pick the
same tasks for any filter, on any store (property-based, on real store files)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govtui.domain.model import (
    Deadline,
    DeadlineKind,
    ImportedPlan,
    Note,
    Plan,
    Role,
    Section,
    Status,
    Task,
    TaskRow,
    Unit,
)
from govtui.domain.query import TaskFilter, status_filter
from govtui.domain.task_index import TaskIndex
from govtui.store.store import Store

TODAY = dt.date(2024, 6, 15)
UNITS = [("办公室", False), ("财务科", False), ("政策法规科", False), ("各科室", True), ("相关业务科室", True)]
WORDS = ["政策解读", "公开(目录)", "公开（目录）", "政务网站", "2024年", "[bold]标记[/]", "ＡＢＣ"]
NEEDLES = ["政策", "(目录)", "（目录）", "网站", "2024", "办公室", "记录", "abc", "[bold]"]
SECTIONS = ["s1", "s2", "s3"]

units_st = st.lists(st.tuples(st.sampled_from(UNITS), st.sampled_from(list(Role))), max_size=3,
                    unique_by=lambda u: u[0][0])
deadline_st = st.one_of(
    st.just(Deadline()),
    st.integers(-20, 30).map(lambda d: Deadline("某日前", TODAY + dt.timedelta(days=d), DeadlineKind.DATE)),
    st.just(Deadline("持续推进", None, DeadlineKind.ONGOING)))
task_st = st.fixed_dictionaries({
    "units": units_st, "deadline": deadline_st, "status": st.sampled_from(list(Status)),
    "text": st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map("，".join),
    "notes": st.lists(st.sampled_from(["已公开（第一季度）", "记录A", "网站已更新"]), max_size=2),
    "sections": st.sampled_from([["s1"], ["s2"], ["s2", "s3"], []]),
})
store_st = st.lists(st.lists(task_st, min_size=0, max_size=12), min_size=1, max_size=3)

filter_st = st.builds(
    TaskFilter,
    units=st.frozensets(st.sampled_from([n for (n, _) in UNITS] + ["没有的科"]), max_size=2),
    role=st.none() | st.sampled_from(list(Role)),
    include_generic=st.booleans(),
    statuses=st.frozensets(st.sampled_from(list(Status)), max_size=2),
    overdue=st.booleans(),
    due_within=st.none() | st.integers(0, 20),
    plan=st.none() | st.sampled_from(["1", "2", "3", "9"]),
    section=st.none() | st.sampled_from(SECTIONS),
    text=st.none() | st.sampled_from(NEEDLES),
)


def write_store(path: Path, plans: list[list[dict]]) -> Store:  # type: ignore[type-arg]
    store = Store(path)
    imported = []
    for p, tasks in enumerate(plans):
        sections = [Section("s1", "一", "第一部分", 1, 0), Section("s2", "二", "第二部分", 1, 1),
                    Section("s3", "(一)", "第二部分之一", 2, 2, "s2")]
        plan = Plan("", f"计划{p}", key=f"plan-{p}", sections=sections)
        imported.append(ImportedPlan(plan, [
            Task("", "", str(i + 1), i, t["sections"], t["text"],
                 units=[Unit(name, role, generic) for (name, generic), role in t["units"]],
                 deadline=t["deadline"], status=t["status"],
                 notes=[Note("2024-06-01T09:00:00+08:00", "张三", n) for n in t["notes"]])
            for i, t in enumerate(tasks)]))
    store.import_plans(imported)
    return store


def oracle(task: Task, f: TaskFilter) -> bool:
    """The meaning, spelled out independently of govtui.domain.query."""
    from govtui.domain.text import search_key

    def unit_ok() -> bool:
        return any((f.role is None or u.role is f.role)
                   and (not f.units or u.name in f.units or (f.include_generic and u.generic)) for u in task.units)

    due = task.deadline.due
    return all((
        f.plan is None or task.plan_id == f.plan,
        f.section is None or f.section in task.sections,
        not f.statuses or task.status in f.statuses,
        not f.overdue or (due is not None and due < TODAY and task.status is not Status.DONE),
        f.due_within is None or (due is not None and task.status is not Status.DONE
                                 and due <= TODAY + dt.timedelta(days=f.due_within)),
        not (f.units or f.role) or unit_ok(),
        f.text is None or search_key(f.text) in search_key(
            "\n".join([task.id, task.text, task.deadline.text, *(u.name for u in task.units),
                       *(n.text for n in task.notes)])),
    ))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans=store_st, filters=st.lists(filter_st, min_size=1, max_size=6))
def test_index_store_and_app_pick_the_same_tasks(plans: list[list[dict]], filters: list[TaskFilter]) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as folder:
        old_cache = os.environ.get("GOVTUI_CACHE")
        os.environ["GOVTUI_CACHE"] = folder
        try:
            path = Path(folder) / "store.json"
            write_store(path, plans)
            everything = Store(path).snapshot().tasks
            Store(path).find_rows(TaskFilter(), TODAY)  # writes the lookup index
            indexed = Store(path)
            assert indexed._lookup_index() is not None
            app_index = TaskIndex(everything)
            for f in filters:
                expected = [t.id for t in everything if oracle(t, f)]
                _, found = Store(path).find(f, TODAY)
                assert [t.id for t in found] == expected, f
                rows = indexed.find_rows(f, TODAY)
                assert all(isinstance(r, TaskRow) for r in rows)
                assert [r.id for r in rows] == expected, f
                assert [t.id for t in app_index.select(f, TODAY)] == expected, f
        finally:
            if old_cache is None:
                os.environ.pop("GOVTUI_CACHE", None)
            else:
                os.environ["GOVTUI_CACHE"] = old_cache


@settings(max_examples=100, deadline=None)
@given(plans=store_st, changes=st.lists(st.tuples(st.integers(0, 40), task_st), min_size=1, max_size=6),
       filters=st.lists(filter_st, min_size=1, max_size=4))
def test_the_app_index_after_changes_in_place_picks_what_an_index_made_anew_picks(
        plans: list[list[dict]], changes: list[tuple[int, dict]], filters: list[TaskFilter]) -> None:  # type: ignore[type-arg]
    everything = [Task(f"{p + 1}-{i + 1}", str(p + 1), str(i + 1), i, t["sections"], t["text"],
                       units=[Unit(name, role, generic) for (name, generic), role in t["units"]],
                       deadline=t["deadline"], status=t["status"])
                  for p, tasks in enumerate(plans) for i, t in enumerate(tasks)]
    if not everything:
        return
    index = TaskIndex(everything)
    current = list(everything)
    for at, change in changes:  # a status, units or sections changed, as the app's writes do
        row = at % len(current)
        current[row] = current[row].copy_with(
            status=change["status"], sections=change["sections"],
            units=[Unit(name, role, generic) for (name, generic), role in change["units"]])
        index.replace(current[row])
    anew = TaskIndex(current)
    for f in filters:
        assert [t.id for t in index.select(f, TODAY)] == [t.id for t in anew.select(f, TODAY)], f
    # and no row left behind in a list it no longer belongs in (a filter would still be right, only slower)
    for status in Status:
        assert index.status_rows(status) == anew.status_rows(status)
    for (name, _), role in [(u, r) for u in UNITS for r in [None, *Role]]:
        assert index.unit_rows(name, role) == anew.unit_rows(name, role)
    for plan in ["1", "2", "3"]:
        assert index.plan_rows(plan) == anew.plan_rows(plan)
        assert all(index.section_rows(plan, s) == anew.section_rows(plan, s) for s in SECTIONS)


def test_filters_combine_with_and() -> None:
    unit = TaskFilter(units={"办公室"}, role=Role.LEAD)
    both = unit & status_filter("逾期") & TaskFilter(text="网站") & TaskFilter(plan="2", section="s1")
    assert both == TaskFilter(units={"办公室"}, role=Role.LEAD, overdue=True, text="网站", plan="2", section="s1")
    assert (both & TaskFilter(units={"财务科"})).units == {"财务科"}
    assert (both & TaskFilter(units={"财务科"})).role is None  # a new unit layer replaces the whole unit part
    assert status_filter("doing") == TaskFilter(statuses={Status.DOING})
    with pytest.raises(ValueError):
        status_filter("soon")


def test_a_task_row_is_not_searched_as_if_it_were_whole() -> None:
    row = TaskRow("1-1", "1", 0, [], "开头", [], Deadline(), Status.TODO)
    assert TaskFilter(statuses={Status.TODO}).matches(row, TODAY)
    with pytest.raises(TypeError):
        TaskFilter(text="开头").matches(row, TODAY)


def test_resolve_units_takes_any_iterable_of_names() -> None:
    """The app passes the names as a generator: pinyin and part-names must still be found."""
    from govtui.domain.unit_names import resolve_units

    pinyin = {"办公室": {"full": ["bangongshi"], "initials": ["bgs"]}}
    for names in (["办公室", "财务室"], iter(["办公室", "财务室"]), (n for n in ["办公室", "财务室"])):
        assert resolve_units("bgs", names, pinyin) == ["办公室"]
    assert resolve_units("财务", (n for n in ["办公室", "财务室"])) == ["财务室"]


def test_unit_counts_count_a_task_once_per_unit() -> None:
    """A task naming a unit twice (办公室 lead and again as responsible) counts once, as the filter finds it once."""
    from govtui.domain.unit_names import unit_counts

    tasks = [Task("1-1", "1", "1", 0, [], "甲", [Unit("办公室", Role.LEAD), Unit("办公室")]),
             Task("1-2", "1", "2", 1, [], "乙", [Unit("办公室"), Unit("办公室")]),
             Task("1-3", "1", "3", 2, [], "丙", [Unit("法规科")])]
    counts = unit_counts(tasks)
    found = [t for t in tasks if TaskFilter(units=("办公室",)).matches(t, dt.date(2024, 1, 1))]
    assert counts["办公室"]["total"] == len(found) == 2
    assert counts["办公室"]["lead"] == 1 and counts["办公室"]["responsible"] == 2
