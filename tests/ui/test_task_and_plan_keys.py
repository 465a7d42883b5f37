"""Daily work from the keyboard (issue 13): the task full-screen, marks and batch changes, notes,
adding / deleting / archiving, export from the app, and the report."""

from __future__ import annotations

import pytest

from govtui.domain.model import Status
from govtui.store.store import NotFoundError, Store
from govtui.tui.app import make_app
from govtui.tui.screens.confirm import Confirm
from govtui.tui.screens.task_view import TaskView
from govtui.tui.widgets.detail_pane import DetailPane
from govtui.tui.widgets.task_table import TaskTable

from .conftest import tree_node, wait_for


def confirm_text(app) -> str:  # type: ignore[no-untyped-def]
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def shown_text(app) -> str:  # type: ignore[no-untyped-def]
    pane = app.screen.query_one(DetailPane)
    return str(pane.query_one("#detail-body").render())


async def test_enter_opens_the_task_full_screen_and_esc_goes_back(store: Store) -> None:
    store.add_note("1-9", "已在网站[公开]栏目发布")
    store.set_status("1-9", Status.DONE)
    store.set_proof("1-9", {"url": "https://example.org/1-9", "index_no": "X-1", "column": "政策解读",
                            "date": "2024-05-06", "user": "t", "recorded": "2024-05-06T10:00:00+08:00"})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.main.query_one(TaskTable)
        table.move_to(next(i for i, t in enumerate(table.tasks) if t.id == "1-9"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskView))
        text = shown_text(app)
        task = store.task("1-9")
        assert task.text.split("\n")[0][:20] in text
        assert "办公室" in text and "牵头" in text  # units with their roles
        assert "持续推进" in text  # the deadline
        assert "已在网站[公开]栏目发布" in text  # notes, literally
        assert "https://example.org/1-9" in text  # the proof of publication
        assert "状态" in text and "已完成" in text  # the history
        # the full screen holds the task alone: the table is not on it
        assert not app.screen.query(TaskTable)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.main)
        assert app.main.query_one(TaskTable).current.id == "1-9"  # type: ignore[union-attr]


async def test_marked_tasks_change_together_and_undo_as_one_step(store: Store, db) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.main.query_one(TaskTable)
        await pilot.press("space", "space", "space")  # marks 1-1, 1-2, 1-3 (moving down each time)
        assert table.marked == {"1-1", "1-2", "1-3"}
        assert table.render_line(1).text.startswith("✓1-1")  # the mark shows in the table
        assert not table.render_line(4).text.startswith("✓")
        await pilot.press("3")
        await wait_for(pilot, lambda: all(Store(db).task(i).status is Status.DONE for i in ("1-1", "1-2", "1-3")))
        assert Store(db).task("1-4").status is Status.TODO  # the highlighted, unmarked task is untouched
        actions = {e["action"] for e in Store(db).history() if e["field"] == "status"}
        assert len(actions) == 1  # one action
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"已统一报送", "ctrl+s")
        await wait_for(pilot, lambda: all(Store(db).task(i).notes for i in ("1-1", "1-2", "1-3")))
        assert [n.text for n in Store(db).task("1-2").notes] == ["已统一报送"]
        await pilot.press("ctrl+z")  # the note on all three goes in one step
        await wait_for(pilot, lambda: not any(Store(db).task(i).notes for i in ("1-1", "1-2", "1-3")))
        assert Store(db).task("1-1").status is Status.DONE
        await pilot.press("ctrl+z")  # then the status of all three
        await wait_for(pilot, lambda: all(Store(db).task(i).status is Status.TODO for i in ("1-1", "1-2", "1-3")))
        await pilot.press("x")  # clear the marks: keys act on the highlighted task again
        assert table.marked == set()
        assert not table.render_line(1).text.startswith("✓")
        await pilot.press("2")
        await wait_for(pilot, lambda: Store(db).task("1-4").status is Status.DOING)
        assert Store(db).task("1-1").status is Status.TODO


def test_change_many_is_one_transaction_and_checks_every_id_first(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.change_many(["1-1", "9-99"], status=Status.DONE)
    assert store.task("1-1").status is Status.TODO  # nothing written
    changed = store.change_many(["1-1", "1-2"], status=Status.BLOCKED, note="等待批复")
    assert [t.id for t in changed] == ["1-1", "1-2"]
    assert len({e["action"] for e in store.history() if e["field"] in ("status", "note")}) == 1
    store.undo()
    assert store.task("1-2").status is Status.TODO and not store.task("1-2").notes


def app_rows(screen) -> list[dict[str, int | str]]:  # type: ignore[no-untyped-def]
    """The report screen's table as the CLI's JSON keys (name, numbers)."""
    from textual.widgets import DataTable

    keys = {"牵头": "lead", "配合": "cooperate", "负责": "responsible", "未注明": "unassigned", "合计": "total",
            "完成": "done", "进行": "doing", "受阻": "blocked", "逾期": "overdue"}
    table = screen.query_one(DataTable)
    labels = [str(c.label) for c in table.columns.values()]
    out = []
    for i in range(table.row_count):
        cells = [str(c) for c in table.get_row_at(i)]
        row: dict[str, int | str] = {"name": cells[0]}
        row.update({keys[label]: int(cell) for label, cell in zip(labels, cells, strict=True) if label in keys})
        row["percent"] = int(cells[-1].split("%")[0])
        out.append(row)
    return out


def cli_rows(rows: list[dict], with_unassigned: bool) -> list[dict]:  # type: ignore[type-arg]
    keep = ["name", "lead", "cooperate", "responsible", *(["unassigned"] if with_unassigned else []),
            "total", "done", "doing", "blocked", "overdue", "percent"]
    return [{k: r[k] for k in keep} for r in rows]


async def test_the_app_report_and_govtui_report_agree(store: Store, run) -> None:  # type: ignore[no-untyped-def]
    import json

    from govtui.tui.screens.report import ReportScreen
    from govtui.tui.widgets.section_tree import SectionTree

    store.set_status("2-1", Status.DONE)
    store.set_status("2-2", Status.BLOCKED)
    store.set_status("2-3", Status.DOING)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        whole = json.loads(run("report", "--json").stdout)
        shown = app_rows(app.screen)
        assert "responsible" in shown[0]  # the 负责 column is there
        assert shown == cli_rows(whole["units"], False)
        for row in shown:  # the role columns add up to the total
            assert row["lead"] + row["cooperate"] + row["responsible"] == row["total"]
        await pilot.press("escape")
        # the report of one plan: the same as `govtui report --plan 2`, by unit and by section
        tree = app.main.query_one(SectionTree)
        plan_node = tree_node(app, "2")
        tree.select_node(plan_node)
        await pilot.pause()
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        plan2 = json.loads(run("report", "--plan", "2", "--json").stdout)
        assert app_rows(app.screen) == cli_rows(plan2["units"], False)
        await pilot.press("tab")  # by section
        await pilot.pause()
        sections = app_rows(app.screen)
        assert sections == cli_rows(plan2["plans"][0]["sections"], True)
        assert sections[0]["responsible"] == 13 and sections[0]["unassigned"] == 2  # not all 0
        for row in sections:
            assert row["lead"] + row["cooperate"] + row["responsible"] + row["unassigned"] == row["total"]


async def test_export_what_the_table_shows_with_a_path_prompt(store: Store, isolated_env) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    from govtui.tui.screens.export_dialog import ExportDialog
    from govtui.tui.widgets.path_input import PathInput

    (isolated_env / "报告文件夹").mkdir()
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("u", *"办公室", "enter")
        await wait_for(pilot, lambda: len(app.main.query_one(TaskTable).tasks) == 26)
        shown = [t.number for t in app.main.query_one(TaskTable).tasks]
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        field = dialog.query_one(PathInput)
        assert field.value.startswith("~/")  # a name is suggested
        field.value = ""
        await pilot.press(*"~/报告", "tab")  # Tab completes the folder
        assert field.value == "~/报告文件夹/"
        await pilot.press(*"进展.docx", "enter")  # unknown format: stays open, says why, keeps the name
        await pilot.pause()
        assert app.screen is dialog and "无法识别格式" in dialog.message
        assert field.value == "~/报告文件夹/进展.docx"
        field.value = "~/没有这个文件夹/进展.csv"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and "不存在" in dialog.message
        field.value = "~/报告文件夹/" + "长" * 200 + ".csv"  # the system refuses the name: said in the dialog
        await pilot.press("enter")
        await wait_for(pilot, lambda: "无法写入" in dialog.message)
        assert app.screen is dialog and field.value.endswith("长.csv")
        field.value = "~/报告文件夹/进展.csv"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is app.main)
    rows = list(csv.reader(io.StringIO((isolated_env / "报告文件夹" / "进展.csv").read_text(encoding="utf-8-sig"))))
    numbers = [r[1] for r in rows[1:]]
    assert len(rows) - 1 == 26 and sorted(numbers) == sorted(shown)


async def test_the_import_dialog_uses_the_same_path_prompt(store: Store, isolated_env) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from govtui.tui.screens.import_dialog import ImportDialog
    from govtui.tui.widgets.path_input import PathInput

    from ..conftest import TABLE_SAMPLE

    shutil.copy(TABLE_SAMPLE, isolated_env / "计划文件.txt")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportDialog))
        field = app.screen.query_one(PathInput)
        await pilot.press(*"~/计划", "tab")
        assert field.value == "~/计划文件.txt"
        await pilot.press("enter")
        from govtui.tui.screens.review import ReviewScreen

        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))


async def test_edit_and_delete_my_note_from_the_app(store: Store, db) -> None:  # type: ignore[no-untyped-def]
    from govtui.tui.screens.note_editor import NoteEditor
    from govtui.tui.screens.note_picker import NotePicker

    store.user = "李强"
    store.add_note("1-1", "李强写的")
    store.user = "王敏"
    store.add_note("1-1", "初稿已报送")
    store.add_note("1-1", "第二条")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.workbench.store.user = "王敏"
        await pilot.press("N")
        await wait_for(pilot, lambda: isinstance(app.screen, NotePicker))
        await pilot.press("up", "enter")  # from my latest note up to my first one
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press("ctrl+a")  # the editor holds the note: replace its text
        app.screen.query_one("TextArea").text = "定稿已报送"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: [n.text for n in Store(db).task("1-1").notes] == ["李强写的", "定稿已报送", "第二条"])
        await pilot.press("N")
        await wait_for(pilot, lambda: isinstance(app.screen, NotePicker))
        await pilot.press("d", "y")  # delete my latest note, after confirming
        await wait_for(pilot, lambda: [n.text for n in Store(db).task("1-1").notes] == ["李强写的", "定稿已报送"])
        await pilot.press("ctrl+z")  # back it comes
        await wait_for(pilot, lambda: len(Store(db).task("1-1").notes) == 3)
        await pilot.press("N")
        await wait_for(pilot, lambda: isinstance(app.screen, NotePicker))
        options = app.screen.query_one("#note-options")
        assert options.get_option_at_index(0).disabled  # type: ignore[attr-defined]  # 李强's: not mine
        assert not options.get_option_at_index(1).disabled  # type: ignore[attr-defined]


async def test_add_a_task_under_the_section_in_the_tree_and_delete_one(store: Store, db) -> None:  # type: ignore[no-untyped-def]
    from govtui.tui.screens.confirm import Confirm
    from govtui.tui.screens.task_adder import TaskAdder
    from govtui.tui.widgets.section_tree import SectionTree

    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main.query_one(SectionTree)
        tree.focus()
        await pilot.pause()
        target = tree_node(app, "1", "s6")
        tree.select_node(target)
        tree.move_cursor(target)
        await pilot.pause()
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskAdder))
        await pilot.press(*"开展政策解读[培训]")
        app.screen.query_one("#adder-units").value = "办公室牵头,培训科"  # type: ignore[attr-defined]
        app.screen.query_one("#adder-deadline").value = "2024年9月底前"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")  # 培训科 is not a unit of the store yet: asked, as e asks
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        assert "培训科" in str(app.screen.question)  # type: ignore[attr-defined]
        await pilot.press("n")  # back to the dialog, nothing lost
        await wait_for(pilot, lambda: isinstance(app.screen, TaskAdder))
        assert app.screen.query_one("#adder-text").text == "开展政策解读[培训]"  # type: ignore[attr-defined]
        app.screen.query_one("#adder-units").value = "办公室牵头"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "1-N1" in table_ids(app))
        added = Store(db).task("1-N1")
        assert added.sections == ("s5", "s6") and added.text == "开展政策解读[培训]"
        assert table_ids(app) == ["1-9", "1-10", "1-11", "1-12", "1-N1"]  # under the section chosen
        table = app.main.query_one(TaskTable)
        table.focus()
        table.move_to(0)
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")  # it asks first: no keeps it
        await pilot.pause()
        assert "1-9" in [t.id for t in Store(db).tasks()]
        await pilot.press("D", "y")
        await wait_for(pilot, lambda: "1-9" not in table_ids(app))
        assert "1-9" not in [t.id for t in Store(db).tasks()]
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: "1-9" in table_ids(app))


def table_ids(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.id for t in app.main.query_one(TaskTable).tasks]


async def test_archive_a_plan_hides_it_search_still_finds_it(store: Store, db) -> None:  # type: ignore[no-untyped-def]
    from govtui.tui.widgets.section_tree import SectionTree

    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.main.query_one(TaskTable)
        table.move_to(next(i for i, t in enumerate(table.tasks) if t.plan_id == "2"))
        await pilot.press("b")  # its tasks are unfinished: asked first, and "no" leaves it
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm) and "15 项未完成任务" in confirm_text(app))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is app.main)
        assert not Store(db).snapshot().plans["2"].archived
        await pilot.press("b", "y")
        await wait_for(pilot, lambda: Store(db).snapshot().plans["2"].archived)
        await wait_for(pilot, lambda: len(table_ids(app)) == 22)
        tree = app.main.query_one(SectionTree)
        assert not any(n.data is not None and n.data.plan == "2" for n in tree.walk())
        await pilot.press("slash", *"民政")  # search still finds the archived plan's tasks
        await wait_for(pilot, lambda: any(i.startswith("2-") for i in table_ids(app)))
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(table_ids(app)) == 22)
        await pilot.press("B")  # show archived plans, marked in the tree: then b brings it back
        await wait_for(pilot, lambda: len(table_ids(app)) == 37)
        assert str(tree_node(app, "2").label).startswith("(已归档)")
        table.move_to(next(i for i, t in enumerate(table.tasks) if t.plan_id == "2"))
        await pilot.press("b")
        await wait_for(pilot, lambda: not Store(db).snapshot().plans["2"].archived)
        await pilot.press("B")
        await wait_for(pilot, lambda: len(table_ids(app)) == 37)


def test_marked_recurring_duties_complete_their_occurrence(store: Store) -> None:
    """Done on several marked tasks does for a recurring duty what 3 does on it alone: this occurrence is
    met and the duty rolls on to the next; a plain task is done. One undo step brings both back."""
    store.set_deadline("1-2", "每季度")
    store.change_many(["1-1", "1-2"], status=Status.DONE)
    duty = store.task("1-2")
    assert [o["label"] for o in duty.occurrences] == ["2024年第一季度"]
    assert duty.status is not Status.DONE and duty.deadline.due is not None and duty.deadline.due.month == 6
    assert store.task("1-1").status is Status.DONE
    store.undo()
    assert not store.task("1-2").occurrences and store.task("1-1").status is Status.TODO


async def test_esc_in_the_task_adder_asks_before_dropping_what_was_typed(store: Store) -> None:
    from govtui.tui.screens.confirm import Confirm
    from govtui.tui.screens.task_adder import TaskAdder

    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskAdder))
        await pilot.press(*"公开培训计划")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")  # keep editing: the text is still there
        await wait_for(pilot, lambda: isinstance(app.screen, TaskAdder))
        assert app.screen.query_one("#adder-text").text == "公开培训计划"  # type: ignore[attr-defined]
        await pilot.press("escape", "y")
        await wait_for(pilot, lambda: not isinstance(app.screen, (TaskAdder, Confirm)))
        assert "公开培训计划" not in [t.text for t in Store(store.path).tasks()]


async def test_archive_and_delete_a_plan_undone_newest_first_and_redone_in_order(store: Store, db) -> None:  # type: ignore[no-untyped-def]
    """b (asked: unfinished tasks) then X (asked, naming what would be lost): Ctrl+Z takes back the
    delete, then the archive; Ctrl+Y brings them back in order."""
    store.set_status("2-1", Status.DONE)
    store.add_note("2-1", "已公开")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.main.query_one(TaskTable)
        await pilot.press("B")  # archived plans shown: plan 2 stays in view once archived
        table.move_to(next(i for i, t in enumerate(table.tasks) if t.plan_id == "2"))
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await wait_for(pilot, lambda: Store(db).snapshot().plans["2"].archived)
        await wait_for(pilot, lambda: str(tree_node(app, "2").label).startswith("(已归档)"))
        table.move_to(next(i for i, t in enumerate(table.tasks) if t.plan_id == "2"))
        await pilot.press("X")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        text = confirm_text(app)
        assert "任务 15 项 (未开始 14、已完成 1)" in text and "进展记录 1 条" in text and "2-1  已完成  进展 1 条" in text
        await pilot.press("y")
        await wait_for(pilot, lambda: "2" not in Store(db).snapshot().plans)
        await wait_for(pilot, lambda: len(table_ids(app)) == 22)
        await pilot.press("ctrl+z")  # the delete: plan 2 back, archived as it was, its note kept
        await wait_for(pilot, lambda: "2" in Store(db).snapshot().plans)
        assert Store(db).snapshot().plans["2"].archived and Store(db).task("2-1").notes[0].text == "已公开"
        await wait_for(pilot, lambda: len(table_ids(app)) == 37)
        await pilot.press("ctrl+z")  # then the archive
        await wait_for(pilot, lambda: not Store(db).snapshot().plans["2"].archived)
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: Store(db).snapshot().plans["2"].archived)
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: "2" not in Store(db).snapshot().plans)
