"""In a real terminal at 80×24, 60×20, 120×40 and 200×50: notice → close → resize → filter, and after each
step no character cut anywhere on screen.  Every line is checked by display cells: the table's rows
cell by cell against the store (each value whole, or cut with "…"; never a character across a column
edge), the footer's keys whole, the tree's counts whole; and the whole screen must be what a full
redraw of it gives (a character lost under a closed notice would differ)."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from govtui.domain.model import Status, Task
from govtui.domain.text import cell_len, one_line, strip_controls
from govtui.reports.output import deadline_label, status_forms, units_label
from govtui.store.store import Store

from ..conftest import GOVTUI, PROSE_SAMPLE, TABLE_SAMPLE
from ..terminal import Terminal, Terminals, until
from .test_sizes import footer_whole

pytestmark = [pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"), pytest.mark.slow]

TODAY = "2024-07-01"
SIZES = [(80, 24), (60, 20), (120, 40), (200, 50)]
SCROLLBAR = "▁▂▃▄▅▆▇█ "


@pytest.fixture
def late_store(db: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    from govtui.importers import read_plan

    monkeypatch.setenv("GOVTUI_TODAY", TODAY)
    store = Store(db)
    store.import_plan(read_plan(TABLE_SAMPLE))
    store.import_plan(read_plan(PROSE_SAMPLE))
    for task_id in ("1-1", "1-3"):
        task = store.task(task_id)
        store.edit_task(task_id, list(task.units), "6月底前", expected_rev=task.rev)
    store.set_status("1-1", Status.DOING)
    return store


def columns_of(line: str, start: int, end: int | None, strict: bool = True) -> str:
    """The text of display columns [start, end) of ``line``; a character across either edge fails."""
    out, column = [], 0
    for ch in line:
        width = cell_len(ch)
        if column < start < column + width or (end is not None and column < end < column + width):
            if strict:
                raise AssertionError(f"a character cut at a column edge ({start}, {end}): {line!r}")
        if column >= start and (end is None or column + width <= end):
            out.append(ch)
        column += width
    return "".join(out)


def whole_or_cut(cell: str, values: list[str]) -> bool:
    return any(cell == v or (cell.endswith("…") and v.startswith(cell[:-1]) and len(cell) > 1) for v in values)


def check_screen(screen: str, width: int, tasks: dict[str, Task]) -> None:
    import datetime as dt

    today = dt.date.fromisoformat(TODAY)
    lines = screen.splitlines()
    too_wide = [line for line in lines if cell_len(line) > width]
    assert too_wide == [], too_wide
    header = next(i for i, line in enumerate(lines) if "编号" in line and "责任" in line and "状态" in line)
    # 责任单位 may be cut itself where the column is narrow (责任单…)
    starts = [cell_len(lines[header][:lines[header].index(label)]) for label in ("编号", "要求", "责任", "时限", "状态")]
    border = cell_len(lines[header][:lines[header].index("│")])
    rows = 0
    for line in lines[header + 1:]:
        first = columns_of(line, starts[0], starts[1], strict=False).strip().lstrip("✓")
        if first not in tasks:
            continue
        rows += 1
        task = tasks[first]
        cells = [columns_of(line, a, b).strip() for a, b in itertools.pairwise(starts[1:])]
        status = columns_of(line, starts[4], None).split("│")[0].split("▏")[0].rstrip(SCROLLBAR)
        due = task.deadline.due
        dates = [deadline_label(task.deadline), *([f"{due.month:02d}-{due.day:02d}"] if due else [])]
        assert whole_or_cut(cells[0], [one_line(strip_controls(task.text.split("\n", 1)[0]))]), (cells[0], line)
        assert whole_or_cut(cells[1], [units_label(task.units)]), (cells[1], line)
        assert whole_or_cut(cells[2], dates), (cells[2], line)
        assert status in status_forms(task.status_text(today, compact=True)), (status, line)
        assert columns_of(line, border, border + 1) == "│", line  # the tree's edge in line
    assert rows >= 3, screen
    for line in lines[header:]:  # the tree: every label keeps its count whole
        tree = columns_of(line, 0, border).rstrip()
        if tree and tree[-1].isdigit():
            assert "/" in tree.split()[-1], line
    assert footer_whole(lines[-1]), lines[-1]


def redrawn_alike(term: Terminal) -> None:
    """The screen as it is equals the screen drawn afresh, every line whole (Ctrl+L redraws it)."""
    before = term.screen()
    term.keys("C-l")
    try:
        until(lambda: term.screen() == before, terminal=term, timeout=10)
    except AssertionError:
        after = term.screen()
        diff = [f"{a!r}\n  redrawn {b!r}" for a, b in zip(before.splitlines(), after.splitlines(), strict=False)
                if a != b]
        raise AssertionError("the screen differs from a full redraw of it:\n" + "\n".join(diff)) from None


@pytest.fixture
def launch(terminals: Terminals, isolated_env: Path) -> Callable[..., Terminal]:
    def start(args: str, width: int, height: int) -> Terminal:
        env = {"GOVTUI_TODAY": TODAY, "XDG_DATA_HOME": str(isolated_env / "data"),
               "GOVTUI_OUTPUT": str(isolated_env / "output"), "GOVTUI_USER": "王敏"}
        return terminals.start(f"{GOVTUI} {args}", width, height, env)

    return start


def test_notice_close_resize_filter_at_four_sizes_cuts_no_character(launch, late_store: Store, db: Path) -> None:  # type: ignore[no-untyped-def]
    tasks = {t.id: t for t in late_store.tasks()}
    term = launch(f"--db {db}", *SIZES[0])
    term.wait_for("显示 37 / 37")
    for width, height in SIZES:
        term.resize(width, height)
        until(lambda w=width: footer_whole(term.screen().splitlines()[-1])  # type: ignore[misc]
              and ("^p 命令面板" in term.screen()) == (w >= 78), terminal=term)
        # notices, stacked up to the table's rows: the year-end material (two), the four sorts (back to
        # document order), the three themes twice (back to the first); then wait for all to close
        term.keys("a")
        term.wait_for("年度报告素材已写入")
        term.keys("S", "S", "S", "S", "t", "t", "t", "t", "t", "t")
        term.wait_for("主题: ")
        until(lambda: not any(word in term.screen() for word in ("年度报告素材", "排序: ", "主题: ")), terminal=term,
              timeout=60)
        check_screen(term.screen(), width, tasks)
        redrawn_alike(term)
        # filter: a search, kept, then cleared
        term.keys("/")
        term.wait_for("搜索要求")
        term.keys("公开", literal=True)
        until(lambda: "显示 37 / 37" not in term.screen(), terminal=term)
        term.keys("Enter")  # the search kept: named in the filter line, the input closed (its frame gone)
        until(lambda: "搜索=“公开”" in term.screen() and "▊" not in term.screen(), terminal=term)
        check_screen(term.screen(), width, tasks)
        redrawn_alike(term)
        term.keys("c")
        term.wait_for("显示 37 / 37")
    term.keys("q")


def test_the_welcome_notice_keeps_to_a_corner_and_leaves_every_character_whole(launch, isolated_env: Path) -> None:  # type: ignore[no-untyped-def]
    term = launch("", 80, 24)  # the default store, made with the sample plans: the welcome notice
    screen = term.wait_for("已新建库文件")
    notice_rows = [line for line in screen.splitlines() if "▌" in line]
    assert len(notice_rows) <= 4, screen  # a few lines in a corner
    until(lambda: "已新建库文件" not in term.screen(), terminal=term, timeout=40)
    tasks = {t.id: t for t in Store(isolated_env / "data" / "govtui" / "store.json").tasks()}
    check_screen(term.screen(), 80, tasks)
    redrawn_alike(term)
    term.keys("q")

