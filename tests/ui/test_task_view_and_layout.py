"""What a new officer meets at 80×24 and 120×40: the full-screen task follows every change, plan labels
in the tree stay recognisable, help and report draw Chinese text whole, editors keep what was typed."""

from __future__ import annotations

from pathlib import Path

from govtui.domain.model import Status
from govtui.store.store import Store
from govtui.tui.app import make_app
from govtui.tui.screens.task_view import TaskView
from govtui.tui.widgets.detail_pane import DetailPane
from govtui.tui.widgets.task_table import TaskTable

from .conftest import wait_for


def view_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(DetailPane).query_one("#detail-body").render())


async def open_task(app, pilot, task_id: str) -> None:  # type: ignore[no-untyped-def]
    table = app.main.query_one(TaskTable)
    table.move_to(next(i for i, t in enumerate(table.tasks) if t.id == task_id))
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, TaskView))


async def test_task_view_acts_on_its_task_and_shows_each_change(store: Store, db: Path) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_task(app, pilot, "1-2")
        assert "未开始" in view_text(app)
        await pilot.press("2")  # status set in the view, on the task shown
        await wait_for(pilot, lambda: Store(db).task("1-2").status is Status.DOING)
        await wait_for(pilot, lambda: "进行中" in view_text(app))
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"已报送材料", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskView) and "已报送材料" in view_text(app))
        assert [n.text for n in Store(db).task("1-2").notes] == ["已报送材料"]
        await pilot.press("ctrl+z")  # undo from the view: the note goes, and the view says so
        await wait_for(pilot, lambda: "已报送材料" not in view_text(app).split("修改历史")[0])
        assert Store(db).task("1-1").status is Status.TODO  # the other tasks are untouched


async def test_task_view_shows_another_users_change(store: Store, db: Path) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_task(app, pilot, "1-3")
        other = Store(db)
        other.user = "李雷"
        other.set_status("1-3", Status.BLOCKED)
        other.add_note("1-3", "等待[批复]")
        await wait_for(pilot, lambda: "受阻" in view_text(app) and "等待[批复]" in view_text(app))
        assert "李雷" in view_text(app)
        other.delete_task("1-3")
        await wait_for(pilot, lambda: "已不在库中" in str(app.screen.query_one("#task-view-title").render()))
        await pilot.press("2")  # nothing to act on: no error, nothing written
        await pilot.press("question_mark")  # help from the view too
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskView))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.main)


def tree_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    from govtui.tui.widgets.section_tree import SectionTree

    tree = app.main.query_one(SectionTree)
    return [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]


async def test_plan_labels_stay_recognisable_at_80_columns(store: Store) -> None:
    """At 80×24 a plan's node shows its organisation and year (not the year alone), cut by display
    cells with its count whole; at 120 columns more of the name."""
    from govtui.domain.text import cell_len

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = tree_lines(app)
        assert any("民政局 2019 0/15" in line for line in lines), lines
        assert any("残疾人…2024 0/22" in line for line in lines), lines
        from govtui.tui.widgets.section_tree import SectionTree

        width = app.main.query_one(SectionTree).size.width
        assert all(cell_len(line) <= width for line in lines)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lines = tree_lines(app)
        assert any("残疾人联…2024 0/22" in line for line in lines), lines


def test_short_plan_title_keeps_the_year_and_cuts_by_cells() -> None:
    from govtui.domain.model import Plan
    from govtui.domain.text import cell_len
    from govtui.tui.widgets.section_tree import short_plan_title

    plan = Plan(id="1", title="淮南市残疾人联合会2024年政务公开重点工作任务分工", organization="淮南市残疾人联合会",
                year=2024)
    assert short_plan_title(plan, 40) == "淮南市残疾人联合会 2024"
    assert short_plan_title(plan, 17) == "残疾人联合会 2024"  # the place name goes first
    assert short_plan_title(plan, 11) == "残疾人…2024"
    assert short_plan_title(plan, 10) == "残疾…2024"  # never half a character
    assert all(cell_len(short_plan_title(plan, n)) <= n for n in range(0, 30))
    untitled = Plan(id="2", title="XX局2024年政务公开工作要点", year=2024)  # no organisation: the title's
    assert short_plan_title(untitled, 40) == "XX局 2024"
    market = Plan(id="3", title="", organization="市场监督管理局", year=2024)  # 市 here is no place name
    assert short_plan_title(market, 40) == "市场监督管理局 2024"


def test_an_overdue_status_cut_short_keeps_what_matters() -> None:
    from govtui.tui.widgets.task_table import fit_status

    assert fit_status("进行中·逾期3天", 14) == "进行中·逾期3天"
    assert fit_status("未开始·逾期215天", 12) == "未开始·逾期"  # not 未开始·逾…
    assert fit_status("未开始·逾期215天", 9) == "!未开始"  # the status set, marked overdue; never 逾期 alone
    assert fit_status("受阻·逾期2天", 5) == "!受阻"


async def test_help_wraps_chinese_whole_at_any_width(store: Store) -> None:
    """The help's lines wrap at whole characters: no line is cut short with an ellipsis."""
    from textual.widgets import Static

    from govtui.tui.keys import KEY_ACTIONS
    from govtui.tui.screens.help import HelpScreen

    for size in ((80, 24), (74, 24), (120, 40)):
        app = make_app(store)
        async with app.run_test(size=size) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            table = list(app.screen.query(Static))[1]
            lines = [table.render_line(y).text for y in range(table.size.height)]
            assert not [line for line in lines if "…" in line], size
            shown = "".join(lines)
            for key in KEY_ACTIONS:
                assert key.zh.replace(" ", "")[:4] in shown.replace(" ", ""), key  # the start of each (columns interleave)


async def test_esc_in_the_editors_asks_before_losing_what_was_typed(store: Store, db: Path) -> None:
    """``e`` (units, deadline) and ``p`` (proof): Esc on a change asks; ``n`` goes back to it whole."""
    from textual.widgets import Input

    from govtui.tui.screens.confirm import Confirm
    from govtui.tui.screens.proof_editor import ProofEditor
    from govtui.tui.screens.task_editor import TaskEditor

    store.set_status("1-1", Status.DONE)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskEditor))
        await pilot.press("escape")  # nothing changed: closes at once
        await wait_for(pilot, lambda: app.screen is app.main)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskEditor))
        await pilot.press("tab", "ctrl+u", *"9月底前", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskEditor))
        assert app.screen.query_one("#edit-deadline", Input).value == "9月底前"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is app.main)
        assert Store(db).task("1-1").deadline.text == "持续推进"
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProofEditor))
        await pilot.press(*"https://example.org/x", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("escape")  # Esc in the question: back to the editor, the link still there
        await wait_for(pilot, lambda: isinstance(app.screen, ProofEditor))
        assert app.screen.query_one("#proof-url", Input).value == "https://example.org/x"


async def test_report_at_80x24_shows_its_rows_and_figures(store: Store) -> None:
    """At 80×24 the report's table keeps several rows (the chart shares the height) and every column,
    完成率 included, without scrolling sideways; the chart's Chinese title and legend are drawn outside
    the plot (plotext counts a Chinese character as one cell and breaks its rows)."""
    from textual.widgets import DataTable, Label

    from govtui.tui.screens.report import ReportScreen

    store.set_status("1-1", Status.DONE)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        await pilot.pause()
        for view in ("unit", "section"):
            table = app.screen.query_one(DataTable)
            assert table.size.height >= 5, view
            assert table.virtual_size.width <= table.scrollable_content_region.width, view
            await pilot.press("tab")
            await pilot.pause()
        assert "累计到期" in str(app.screen.query_one("#report-legend", Label).render())
        chart = app.screen.query_one("#report-chart")
        assert not any("\u4e00" <= ch <= "\u9fff" for y in range(chart.size.height)
                       for ch in chart.render_line(y).text)


async def test_units_typed_in_pinyin_with_their_role_in_the_adder_and_the_editor(store: Store, db: Path) -> None:
    """Without a Chinese input method: ``bgsqt`` Tab → 办公室(牵头), ``cws`` Tab → 财务室, in ``A`` as in ``e``."""
    from textual.widgets import Input

    from govtui.tui.screens.task_adder import TaskAdder
    from govtui.tui.screens.task_editor import TaskEditor

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskAdder))
        assert app.screen.query_one("#adder-text").size.height >= 3  # the requirement has room at 80×24
        units = app.screen.query_one("#adder-units", Input)
        units.focus()
        await pilot.press(*"bgsqt")
        await pilot.pause()
        assert "办公室(牵头)" in str(app.screen.query_one("#unit-suggestions").render())
        await pilot.press("tab", *",cws", "tab")
        await pilot.pause()
        assert units.value == "办公室(牵头),财务室"
        await pilot.press("tab")  # nothing left to complete: on to the deadline
        assert app.focused is app.screen.query_one("#adder-deadline", Input)
        assert "2024-06-30" in str(app.screen.query_one("#deadline-hint").render())  # a date in digits will do
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, TaskAdder) or app.screen is app.main)
        while app.screen is not app.main:
            await pilot.press("y")
            await pilot.pause()
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, TaskEditor))
        units = app.screen.query_one("#edit-units", Input)
        units.value = ""
        await pilot.press(*"cwsph", "tab", "ctrl+s")
        await wait_for(pilot, lambda: app.screen is app.main)
        await wait_for(pilot, lambda: Store(db).task("1-1").units[0].name == "财务室")
        assert Store(db).task("1-1").units[0].role.label == "配合"


async def test_pickers_show_what_is_chosen_without_colour_and_fit_80x24(store: Store) -> None:
    """A marked status shows ✓ (not the same X as an unmarked one); in the unit picker the chosen role
    and the generic-units box show their mark, and the box is on screen at 80×24 (Ctrl+G is seen)."""
    from textual.widgets import Checkbox, RadioSet, SelectionList

    from govtui.tui.screens.status_picker import StatusPicker
    from govtui.tui.screens.unit_picker import UnitPicker

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, StatusPicker))
        await pilot.press("down", "space")
        await pilot.pause()
        options = app.screen.query_one(SelectionList)
        assert "✓" in options.render_line(1).text and "进行中" in options.render_line(1).text
        assert "✓" not in options.render_line(0).text and "X" not in options.render_line(0).text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.main)
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, UnitPicker))
        await pilot.press("ctrl+r", "ctrl+g")
        await pilot.pause()
        box = app.screen.query_one("#unit-generic", Checkbox)
        dialog = app.screen.query_one("#picker")
        assert dialog.region.contains_region(box.region) and box.region.bottom <= 24
        assert "✓" in box.render_line(1).text or "✓" in str(box.render())
        roles = [str(b.render()) for b in app.screen.query_one("#unit-role", RadioSet).children]
        assert ["●" in r for r in roles] == [False, True, False, False]


async def test_filter_bar_keeps_the_count_and_sort_with_long_filters(store: Store) -> None:
    """At 80 columns, with a long section, a unit, statuses and a search applied, the top line still
    shows 显示 N / M and the sort: the filters are cut (by display cells), not the count."""
    from govtui.domain.text import cell_len
    from govtui.tui.widgets.filter_bar import FilterBar
    from govtui.tui.widgets.section_tree import SectionTree

    from .conftest import tree_node

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        tree = app.main.query_one(SectionTree)
        tree.select_node(tree_node(app, "1", "s1"))
        await pilot.pause()
        await pilot.press("u", *"bgs", "enter")
        await pilot.pause()
        await pilot.press("s", "space", "down", "space", "enter")
        await pilot.pause()
        await pilot.press("slash", *"公开", "enter", "S")
        await pilot.pause()
        bar = app.main.query_one(FilterBar)
        line = bar.render_line(0).text.rstrip()
        assert "范围=" in line and "显示 " in line and "排序=时限" in line, line
        assert cell_len(line) <= 80
        await pilot.press("space")  # a mark: shown too
        await pilot.pause()
        line = bar.render_line(0).text.rstrip()
        assert "已标记 1" in line and "显示 " in line, line


async def test_unit_filter_names_that_unit_first_in_the_units_column(store: Store) -> None:
    """Filtered by 办公室, a task given to 相关业务科室、办公室 shows 办公室 first, so that the narrow
    column at 80×24 says why the task is listed."""
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u", *"bgs", "enter")
        await pilot.pause()
        table = app.main.query_one(TaskTable)
        row = next(i for i, t in enumerate(table.tasks) if t.id == "1-4")
        assert table.tasks[row].units[0].name != "办公室"  # listed second in the document
        line = table.render_line(row + 1).text
        assert "办公室" in line and "相关业务科" not in line.split("办公室")[0], line
        await pilot.press("c")
        await pilot.pause()
        row = next(i for i, t in enumerate(table.tasks) if t.id == "1-4")
        assert "相关业务科" in table.render_line(row + 1).text  # no filter: as in the document


async def test_theme_switch_says_the_theme_in_chinese(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        said = [n.message for n in app._notifications if n.message.startswith("主题")]
        assert said and any(zh in said[-1] for zh in ("深色", "浅色", "高对比度")), said


async def test_unit_picker_counts_what_the_table_will_show(store: Store) -> None:
    """An archived plan's tasks are left out of the picker's counts, as they are out of the table."""
    from textual.widgets import OptionList

    from govtui.tui.screens.unit_picker import UnitPicker

    store.set_archived("2", True)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, UnitPicker))
        options = app.screen.query_one("#unit-options", OptionList)
        names = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert "养老服务和社会救助股" not in names  # only in the archived plan
        office = str(options.get_option_at_index(names.index("办公室")).prompt)
        expected = sum(1 for t in store.tasks() if t.plan_id == "1" and "办公室" in t.unit_names())
        assert f"{expected} 项" in office, office


def test_an_overdue_status_keeps_its_real_status_before_the_requirement_grows() -> None:
    """At 80 columns (the table 57 cells) with overdue tasks: 未开始·逾期 whole, 要求 still readable."""
    from govtui.tui.widgets.task_table import TEXT_MIN, Columns

    cols = Columns.fit(57, 6, status_width=17, status_short=11)
    assert cols.status >= 11 and cols.text >= TEXT_MIN
    plain = Columns.fit(57, 6)  # no overdue task: 状态 stays narrow, 要求 takes the room
    assert plain.status == 6 and plain.text > cols.text


async def test_j_and_k_scroll_the_detail_pane(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.main.query_one(DetailPane)
        await pilot.press("tab")  # table → detail
        await pilot.pause()
        assert app.focused is pane and pane.max_scroll_y > 0
        await pilot.press("j", "j")
        await wait_for(pilot, lambda: pane.scroll_y >= 1)
        await pilot.press("k", "k")
        await wait_for(pilot, lambda: pane.scroll_y == 0)


async def test_empty_store_message_wraps_a_long_samples_folder(db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The samples' folder of an installed copy is long: at 80×24 it goes on to the next row, whole."""
    import govtui.domain.paths

    folder = Path("/home/wangmin/.local/share/pipx/venvs/govtui/lib/python3.11/site-packages/govtui/data")
    monkeypatch.setattr(govtui.domain.paths, "samples_dir", lambda: folder)
    app = make_app(Store(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.main.query_one(TaskTable)
        rows = "".join(table.render_line(y).text.strip() for y in range(table.size.height))
        assert str(folder) in rows.replace(" ", "")
