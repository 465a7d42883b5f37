"""The task table's orders (sorting.sort_tasks): 编号 as numbers, 时限 with undated last, 状态, 单位."""

from __future__ import annotations

from pathlib import Path

import pytest

from govtui.domain.sorting import SORTS, number_key, sort_tasks

from ..daily_store import TODAY, build_dated_store


def numbers(tasks) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.number for t in tasks]


def test_number_key_compares_numbers_as_numbers() -> None:
    assert sorted(["10", "2", "1.10", "1.2", "1"], key=number_key) == ["1", "1.2", "1.10", "2", "10"]
    assert sorted(["(十)", "3", "附1"], key=number_key)[0] == "3"


@pytest.mark.parametrize(("name", "expected"), [
    ("number", ["1.2", "1.10", "2", "3", "10"]),
    ("due", ["2", "3", "10", "1.2", "1.10"]),  # overdue first, undated last
    ("status", ["2", "1.10", "10", "1.2", "3"]),  # overdue, blocked, doing, todo, done
    ("unit", ["10", "1.2", "1.10", "3", "2"]),  # by the lead unit's characters (no pinyin given)
])
def test_sorts(db: Path, name: str, expected: list[str]) -> None:
    tasks = build_dated_store(db).tasks()
    assert numbers(sort_tasks(tasks, name, TODAY)) == expected


def test_unit_sort_by_pinyin(db: Path) -> None:
    tasks = build_dated_store(db).tasks()
    spelling = {"办公室": "bangongshi", "财务科": "caiwuke", "法规科": "faguike", "各科室": "gekeshi"}
    assert numbers(sort_tasks(tasks, "unit", TODAY, spelling)) == ["10", "2", "1.10", "3", "1.2"]


def test_every_sort_has_a_label() -> None:
    assert list(SORTS.values()) == ["编号", "时限", "状态", "单位"]
    with pytest.raises(ValueError):
        sort_tasks([], "colour", TODAY)
