"""End to end in tmux at 80×24: a real plan from the corpus, its units and one heading damaged in a copy,
taken through the review screen of `govtui import`, put right with the keys, saved — and the store holds
exactly the plan as the undamaged document gives it, with the organisation and year typed in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govtui.importers import read_plan
from govtui.store.storage import read_store

from ..conftest import GOVTUI, ROOT
from ..terminal import Terminals, until

pytestmark = [pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"), pytest.mark.slow]

DOC = ROOT / "tests" / "corpus" / "docs" / "03_jiangmen-tdcb-table.txt"


def damaged(folder: Path) -> Path:
    """The document with the units of tasks 7 and 9 blank (read as the cell above: a guess, and wrong) and
    heading 四 printed as a task row."""
    text = DOC.read_text(encoding="utf-8")
    for number in ("7.按照", "9.加强"):
        start = text.index(number)
        cell = text.index("| 办公室牵头,各科室配合 |", start)
        text = text[:cell] + "|  |" + text[cell + len("| 办公室牵头,各科室配合 |"):]
    text = text.replace("四、不断改进政策解读工作方式。 | 7.按照", "6.四、不断改进政策解读工作方式。 | 各科室 | |\n7.按照")
    copy = folder / "土地储备中心任务分工.txt"
    copy.write_text(text, encoding="utf-8")
    return copy


def shape(plan: dict, tasks: list[dict]) -> list[tuple]:  # type: ignore[type-arg]
    """Each task as a person reads it: number, text, units with roles, deadline, the headings above it."""
    headings = {s["id"]: (s["label"], s["title"], s["level"]) for s in plan["sections"]}
    return [(t["number"], t["text"], [(u["name"], u["role"]) for u in t["units"]], t["deadline"]["text"],
             [headings[s] for s in t["sections"]]) for t in sorted(tasks, key=lambda t: t["order"])]


def test_a_misread_plan_is_put_right_in_the_review_screen(terminals: Terminals, tmp_path: Path, db: Path) -> None:
    source = damaged(tmp_path)
    misread = read_plan(source)
    guessed = {t.number: [u.name for u in t.units] for t in misread.tasks if "merged-units" in t.flags}
    assert guessed == {"7": ["各科室"], "9": ["各科室"]}  # the cell above, not 办公室 leading
    assert "四、不断改进政策解读工作方式" not in [s.heading for s in misread.plan.sections]
    exit_file = tmp_path / "exit"
    term = terminals.start(f"{GOVTUI} --db {db} import {source}", 80, 24, exit_file=exit_file)
    screen = term.wait_for("审阅导入")
    assert "识别为: 表格" in screen and "待核对 4" in screen and "将新建计划" in screen  # plan, 7, 9, 11
    assert "文档未写明制发单位" in screen  # the first doubt: the plan's own fields
    term.keys("o")
    term.wait_for("计划的制发单位、年度和标题")
    term.keys("江门市土地储备中心", literal=True)
    term.wait_for("江门市土地储备中心")
    term.keys("Tab")
    term.keys("2023", literal=True)
    term.wait_for("2023")
    term.keys("Enter")
    screen = term.wait_for("已修正 1")
    assert "江门市土地储备中心 2023" in screen
    term.keys("n")  # the next doubt: task 7, its units guessed from the cell above
    term.wait_for("任务 7:")
    term.keys("Space")  # marked; the highlight moves on
    term.keys("n")
    term.wait_for("任务 9:")
    term.keys("Space")
    term.wait_for("已标记 2 项")
    term.keys("u")
    term.wait_for("2 项标记任务的责任单位")
    term.wait_for("角色可用拼音")  # the field holds the first task's units (各科室), and listens
    term.keys("C-u")  # clear the field (then type: text sent with the Ctrl+U in one burst is lost)
    until(lambda: "角色可用拼音" not in term.screen(), terminal=term)
    term.keys("办公室(牵头)、各科室(配合)", literal=True)
    term.wait_for("办公室(牵头)、各科室(配合)  ")
    term.keys("Enter")
    term.wait_for("已修正 2")
    term.keys("k", "k", "k", "k")  # up to the heading read as a task, before task 7
    term.wait_for("任务 6: 四、不断改进政策解读工作方式")
    term.keys("H")  # a section heading: tasks 7 to 9 come under it
    screen = term.wait_for("已修正 3")
    assert "待核对 1" in screen  # only task 11, cut off in the document itself
    term.keys("C-s")
    until(lambda: exit_file.exists() and exit_file.read_text().strip() != "", terminal=term)
    assert exit_file.read_text().strip() == "0", term.screen()
    assert "已导入计划 1" in term.screen()

    stored = read_store(db)
    [plan] = stored["plans"].values()
    assert (plan["organization"], plan["year"]) == ("江门市土地储备中心", 2023)
    expected = read_plan(DOC)
    want = shape(expected.plan.to_dict(), [t.to_dict() for t in expected.tasks])
    assert shape(plan, list(stored["tasks"].values())) == want
    flags = {t["number"]: t["flags"] for t in stored["tasks"].values()}
    assert "edited-units" in flags["7"] and "merged-units" not in flags["9"]
