"""The yearly cycle in the real app (Pilot), on the sample plans with GOVTUI_TODAY fixing the date."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from textual.widgets import Input, Label
from textual_plotext import PlotextPlot

from govtui.domain.model import Status
from govtui.domain.proof import make_proof
from govtui.importers import read_plan
from govtui.store.store import Store
from govtui.tui.app import make_app
from govtui.tui.screens.confirm import Confirm
from govtui.tui.screens.proof_editor import ProofEditor
from govtui.tui.screens.report import ReportScreen
from govtui.tui.widgets.detail_pane import DetailPane
from govtui.tui.widgets.task_table import TaskTable

from ..unit.test_year_core import dated, next_year_with_new_tasks
from .conftest import wait_for


@pytest.fixture
def july(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("GOVTUI_TODAY", "2024-07-01")
    out = tmp_path / "out"
    monkeypatch.setenv("GOVTUI_OUTPUT", str(out))
    return out


def detail_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.main.query_one("#detail-body").render())


async def go_to(pilot, app, task_id: str) -> None:  # type: ignore[no-untyped-def]
    table = app.main.query_one(TaskTable)
    table.move_to([t.id for t in table.tasks].index(task_id))
    await pilot.pause()


async def test_m_copies_the_unit_brief_and_saves_a_file(store: Store, july: Path) -> None:
    dated(store)
    app = make_app(store, unit="办公室")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert app.clipboard.startswith("【催办】办公室（2024年7月1日）")
        assert "[1-8] 编号8" in app.clipboard and "剩 7 个工作日" in app.clipboard
        files = list(july.glob("催办-办公室-2024-07-01.txt"))
        assert files and files[0].read_text(encoding="utf-8").strip() == app.clipboard
        await pilot.press("c")  # no unit filter: told what to do, nothing copied
        app._clipboard = ""
        await pilot.press("m")
        await pilot.pause()
        assert app.clipboard == ""


async def test_detail_pane_counts_working_days_and_shows_recurring_duty(store: Store, july: Path) -> None:
    dated(store)
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await go_to(pilot, app, "1-8")
        assert "剩 7 个工作日 · 9 天" in detail_text(app)
        await go_to(pilot, app, "1-2")
        assert "下一期 2024-03-31; 已完成 暂无" in detail_text(app)
        await pilot.press("3")  # a recurring duty: the occurrence is met, the task rolls on
        await wait_for(pilot, lambda: len(store.task("1-2").occurrences) == 1)
        task = store.task("1-2")
        assert task.status is Status.DOING and task.deadline.due.isoformat() == "2024-06-30"  # type: ignore[union-attr]
        await wait_for(pilot, lambda: "已完成 2024年第一季度" in detail_text(app))


async def test_p_records_proof_on_a_done_task(store: Store, july: Path) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await go_to(pilot, app, "1-9")
        await pilot.press("p")  # not done yet: refused
        await pilot.pause()
        assert not isinstance(app.screen, ProofEditor)
        await pilot.press("3")
        await wait_for(pilot, lambda: store.task("1-9").status is Status.DONE)
        assert "公开凭证: 未记录" in detail_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProofEditor)
        await pilot.press(*"www.a.gov.cn")
        await pilot.press("enter")  # not a URL: the dialog stays, with what was typed
        await pilot.pause()
        assert isinstance(app.screen, ProofEditor)
        url = app.screen.query_one("#proof-url", Input)
        assert url.value == "www.a.gov.cn"
        url.value = "https://www.a.gov.cn/1.html"
        app.screen.query_one("#proof-column", Input).value = "政策解读"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(store.task("1-9").proof))
        assert store.task("1-9").proof["column"] == "政策解读"  # type: ignore[index]
        await wait_for(pilot, lambda: "公开凭证: https://www.a.gov.cn/1.html · 栏目 政策解读" in detail_text(app))


async def test_report_lists_missing_proof_and_draws_the_year(store: Store, july: Path) -> None:
    dated(store)
    store.set_status("1-9", Status.DONE)
    store.set_status("1-10", Status.DONE)
    store.set_proof("1-10", make_proof("https://a.gov.cn/1.html"))
    app = make_app(store)
    async with app.run_test(size=(120, 48)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert "已完成但无公开凭证 1 项: 1-9" in str(app.screen.query_one("#report-no-proof", Label).render())
        assert app.screen.progress is not None and app.screen.progress.year == 2024
        assert app.screen.progress.fell_due[5] == 2  # 1-1 and the second quarter of 1-2
        chart = app.screen.query_one("#report-chart", PlotextPlot)
        assert chart.region.height > 5 and "┤" in "".join(
            s.text for s in (chart.render_line(y) for y in range(chart.region.height)))
        assert "完成进度" in str(app.screen.query_one("#report-legend", Label).render())  # its title


async def test_a_writes_the_year_end_material(store: Store, july: Path) -> None:
    store.set_status("1-16", Status.BLOCKED)
    store.add_note("1-16", "等待平台开通")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await wait_for(pilot, lambda: (july / "2024年度报告素材-1.docx").exists())
        body = "\n".join(p.text for p in Document(str(july / "2024年度报告素材-1.docx")).paragraphs)
        assert "受阻原因：等待平台开通" in body
        assert (july / "2024年度报告素材-1.md").read_text(encoding="utf-8").startswith("# 淮南市")


async def test_o_carries_last_years_unfinished_tasks_after_confirmation(store: Store, july: Path,
                                                                        tmp_path: Path) -> None:
    store.set_status("1-1", Status.DONE)
    store.add_note("1-2", "已完成上半年发布")
    store.import_plan(read_plan(next_year_with_new_tasks(tmp_path)))  # tasks 3 and 4 are new work
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await go_to(pilot, app, "3-2")
        text = detail_text(app)
        assert "回头看: 2024 年相似任务 1-2" in text and "已完成上半年发布" in text
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "2 项未完成任务" in app.screen.question
        assert "跳过 19 项" in app.screen.details and "本年计划已有对应任务 3-2" in app.screen.details
        await pilot.press("n")
        await pilot.pause()
        assert not any("carried-over" in t.flags for t in store.tasks())
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("y")
        await wait_for(pilot, lambda: sum("carried-over" in t.flags for t in store.tasks()) == 2)
        await wait_for(pilot, lambda: "3-C1" in [t.id for t in app.main.query_one(TaskTable).tasks])
        assert isinstance(app.main.query_one(DetailPane), DetailPane)
