"""Right at every size: notices keep to a corner, the columns answer "is it mine?" at 80 columns, and at
60 columns the tree keeps the year, 时限 its month and day, 状态 the status someone set."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from govtui.cli.support import seed_samples
from govtui.domain.model import Status
from govtui.store.store import Store
from govtui.tui.app import make_app
from govtui.tui.keys import KEY_ACTIONS, display_key
from govtui.tui.screens.help import HelpScreen

from .conftest import wait_for

TODAY = "2024-07-01"


@pytest.fixture
def overdue(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The sample plans on 1 July 2024, with 1-1 (进行中) and 1-3 due at the end of June: overdue."""
    monkeypatch.setenv("GOVTUI_TODAY", TODAY)
    task = store.task("1-1")
    store.edit_task("1-1", list(task.units), "6月底前", expected_rev=task.rev)
    store.set_status("1-1", Status.DOING)
    task = store.task("1-3")
    store.edit_task("1-3", list(task.units), "6月底前", expected_rev=task.rev)
    return store


def toasts(app) -> list[Toast]:  # type: ignore[no-untyped-def]
    return list(app.screen.query(Toast))


async def test_every_notice_keeps_to_a_few_lines_in_the_bottom_right_corner(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVTUI_TODAY", TODAY)
    monkeypatch.setenv("GOVTUI_OUTPUT", str(tmp_path / "output"))
    store = Store(db)
    welcome = seed_samples(store)
    task = store.task("1-1")
    store.edit_task("1-1", list(task.units), "6月底前", expected_rev=task.rev)
    app = make_app(store, unit="办公室", notices=[welcome])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        seen: dict[str, tuple[int, int, int, int]] = {}

        async def shown(step: str) -> None:
            await wait_for(pilot, lambda: len(toasts(app)) > 0)
            await pilot.pause()
            for toast in toasts(app):
                region = toast.region
                seen[f"{step}: {toast.render()}"] = (region.x, region.y, region.width, region.height)
            app.clear_notifications()
            await wait_for(pilot, lambda: not toasts(app))

        await shown("welcome")
        for key in ("m", "a", "2", "S", "t", "ctrl+z"):
            await pilot.press(key)
            await shown(key)
        assert len(seen) >= 7, seen
        for what, (x, y, width, height) in seen.items():
            assert height <= 4, what  # a few lines
            assert width <= 40, what  # half the width at most
            assert x + width >= 77 and y >= 12, what  # in the bottom-right corner
        assert str(db) not in " ".join(seen)  # the path is in ? help instead
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert str(db) in str(app.screen.query_one("#help-files").render())


def screen_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [strip.text for strip in app.screen._compositor.render_strips()]


def row_of(lines: list[str], task_id: str) -> str:
    return next(line for line in lines if f"│{task_id} " in line)


FOOTER_LABELS = [f"{display_key(k.key)} {k.footer_label}" for k in KEY_ACTIONS if k.footer] + ["^p 命令面板"]


def footer_whole(line: str) -> bool:
    """Every key on the footer line whole: none cut (``q 退``), and nothing there but whole keys."""
    rest = line.replace("▏", " ")
    for label in sorted(FOOTER_LABELS, key=len, reverse=True):
        rest = rest.replace(label, " ")
    return rest.strip() == ""


async def test_at_80_columns_the_unit_column_keeps_a_whole_unit_name_beside_an_overdue_task(
        overdue: Store) -> None:
    app = make_app(overdue)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert "进行中·逾期" in row_of(lines, "1-1")  # overdue, with the status someone set
        assert "相关业务科室" in row_of(lines, "1-3")  # "is it mine?": the unit's whole name
        assert footer_whole(lines[-1]) and lines[-1].rstrip().endswith("^p 命令面板")


async def test_at_60_columns_the_tree_keeps_the_year_the_date_its_day_the_status_its_value(overdue: Store) -> None:
    app = make_app(overdue)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        tree = "\n".join(line.split("│")[0] for line in lines[1:])
        assert "2024 0/22" in tree and "2019 0/15" in tree  # the name cut before the year
        row = row_of(lines, "1-1")
        assert "06-30" in row and "2024-06" not in row  # in the plan's own year
        assert "!进行中" in row  # the status set, marked overdue
        assert "!未开始" in row_of(lines, "1-3")
        assert footer_whole(lines[-1]) and "q 退出" in lines[-1]


async def test_a_resize_keeps_the_footer_whole_and_the_palette_key_where_it_fits(overdue: Store) -> None:
    app = make_app(overdue)
    async with app.run_test(size=(80, 24)) as pilot:
        for width, height in ((60, 20), (80, 24), (200, 50), (60, 20), (120, 40)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            await pilot.pause()
            footer = screen_lines(app)[-1]
            assert footer_whole(footer), (width, footer)
            assert ("^p 命令面板" in footer) == (width >= 78), (width, footer)


async def test_an_empty_store_says_in_the_detail_pane_how_to_import(db: Path) -> None:
    from govtui.tui.widgets.detail_pane import DetailPane

    app = make_app(Store(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = str(app.main.query_one(DetailPane).query_one("#detail-body").render())  # type: ignore[union-attr]
        assert "按 i" in text and "govtui import" in text, text
        assert "no task matches" not in text


async def test_the_apps_year_chart_counts_in_whole_numbers(overdue: Store) -> None:
    import re

    from textual_plotext import PlotextPlot

    from govtui.tui.screens.report import ReportScreen

    app = make_app(overdue)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen) and bool(app.screen.query(PlotextPlot)))
        await pilot.pause(0.3)
        text = re.sub(r"\x1b\[[0-9;]*m", "", str(app.screen.query_one(PlotextPlot).plt.build()))
        labels = [m.group(1) for line in text.splitlines() if (m := re.match(r"\s*([\d.]+)\s*┤", line))]
        assert labels and all(label.isdigit() for label in labels), labels


async def test_text_typed_in_one_burst_with_tabs_lands_in_the_field_tabbed_to(store: Store) -> None:
    """``Tab Tab Tab 2024-06-28`` arriving at once (a paste, a fast typist over SSH): the date goes to
    the fourth field, not the one Tab left."""
    from textual import events
    from textual.widgets import Input

    from govtui.tui.screens.proof_editor import ProofEditor

    store.set_status("1-1", Status.DONE)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProofEditor))
        await pilot.pause()
        burst = ["tab", "tab", "tab", *"2024-06-28"]
        for key in burst:  # all queued before any is handled: no waiting between keys
            char = {"tab": None, "-": "-"}.get(key, key)
            app._driver.send_message(events.Key(key if key != "-" else "minus", char))  # type: ignore[union-attr]
        await wait_for(pilot, lambda: len(app.screen.query_one("#proof-date", Input).value) == 10
                       or any(len(i.value) >= 3 for i in app.screen.query(Input)))
        await pilot.pause()
        values = {i.id: i.value for i in app.screen.query(Input)}
        assert values["proof-date"] == "2024-06-28", values
        assert values["proof-url"] == values["proof-index-no"] == values["proof-column"] == "", values
