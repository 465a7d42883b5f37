"""Several statuses at once, 未完成 and 即将到期: one TaskFilter for the CLI, the index and the app."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from govtui.domain.config import DUE_SOON_DAYS, due_soon_days, save_config
from govtui.domain.model import Status
from govtui.domain.query import TaskFilter, asks_soon, status_filter
from govtui.domain.task_index import TaskIndex
from govtui.domain.workdays import WorkCalendar
from govtui.reports.remind import soon_window

from ..daily_store import TODAY, build_dated_store


def test_several_statuses_are_alternatives() -> None:
    both = TaskFilter(statuses={Status.DOING, Status.BLOCKED})
    assert status_filter("进行中+受阻") == both
    assert status_filter("doing,blocked") == both
    assert status_filter("doing、 blocked") == both
    assert status_filter("未完成") == TaskFilter(statuses={Status.TODO, Status.DOING, Status.BLOCKED})
    assert status_filter("open") == status_filter("未完成")
    assert status_filter("进行中+逾期") == TaskFilter(statuses={Status.DOING}, overdue=True)


def test_soon_needs_its_window_and_holds_the_overdue() -> None:
    assert asks_soon("进行中+即将到期") and not asks_soon("进行中")
    with pytest.raises(ValueError):
        status_filter("即将到期")
    assert status_filter("即将到期", 9) == TaskFilter(due_within=9)
    assert status_filter("逾期+soon", 9) == TaskFilter(due_within=9)  # due soon includes the overdue
    with pytest.raises(ValueError):
        status_filter("进行中+没有")


def test_the_window_comes_from_the_settings_in_working_days(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    assert due_soon_days(config) == DUE_SOON_DAYS == 7
    save_config({"due_soon_days": 3}, config)
    assert due_soon_days(config) == 3
    save_config({"due_soon_days": "x"}, config)
    assert due_soon_days(config) == 7
    # Wednesday + 7 working days = the Friday of the following week: 9 calendar days
    assert soon_window(TODAY, 7, WorkCalendar()) == 9


def test_index_and_scan_agree_on_the_new_words(db: Path) -> None:
    tasks = build_dated_store(db).tasks()
    index = TaskIndex(tasks)
    for words in ("进行中+受阻", "未完成", "即将到期", "未完成+逾期", "已完成+即将到期"):
        f = status_filter(words, 9)
        assert [t.id for t in index.select(f, TODAY)] == [t.id for t in tasks if f.matches(t, TODAY)]
    assert [t.number for t in index.select(status_filter("进行中+受阻"), TODAY)] == ["10", "2", "1.10"]
    assert [t.number for t in index.select(status_filter("未完成"), TODAY)] == ["10", "2", "1.10", "1.2"]
    assert [t.number for t in index.select(status_filter("即将到期", 9), TODAY)] == ["10", "2"]


def test_cli_takes_the_same_words(db: Path, run: Callable[..., subprocess.CompletedProcess[str]],
                                  isolated_env: Path) -> None:
    build_dated_store(db)
    env = {"GOVTUI_TODAY": TODAY.isoformat()}

    def numbers(*args: str) -> list[str]:
        result = run(*args, "--json", env=env)
        assert result.returncode == 0, result.stderr
        return [t["number"] for t in json.loads(result.stdout)]

    assert numbers("--status", "doing,blocked") == ["10", "2", "1.10"]
    assert numbers("--status", "未完成") == ["10", "2", "1.10", "1.2"]
    assert numbers("--status", "即将到期") == ["10", "2"]
    save_config({"due_soon_days": 0})  # only what is due today or overdue
    assert numbers("--status", "soon") == ["2"]
    bad = run("--status", "进行中+没有", env=env)
    assert bad.returncode == 2 and "--status" in bad.stderr


def test_search_treats_ascii_full_width_and_curly_quotes_alike() -> None:
    from govtui.domain.text import fold, search_key

    assert search_key('"政策解读"') == search_key("“政策解读”") == search_key("＂政策解读＂")
    assert search_key("'一网通办'") == search_key("‘一网通办’")
    assert TaskFilter(text='"政策"').matches  # the filter folds its needle the same way
    assert fold("“政策”") == "“政策”"  # importers still see the document's own quotes
