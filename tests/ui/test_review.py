"""The review screen under Pilot: from `i` to saved, doubts one key away, every correction by key, Esc asking
before corrections are thrown away, the draft's own undo, 60×20, document text drawn literally; and `F` on
the main screen, each correction one undo step."""

from __future__ import annotations

from pathlib import Path

from govtui.domain.history import history_lines
from govtui.domain.review import ReviewDraft
from govtui.importers import read_plans
from govtui.store.store import Store
from govtui.tui.app import make_app
from govtui.tui.screens.review import ReviewScreen

from ..conftest import ROOT, stored_tasks
from .conftest import wait_for

DOC = ROOT / "tests" / "corpus" / "docs" / "03_jiangmen-tdcb-table.txt"


def misread(folder: Path) -> Path:
    """A plan whose heading 二 is printed as a task row and whose task 3 text is two tasks' worth."""
    text = DOC.read_text(encoding="utf-8").replace(
        "二、做好政府网站专栏信息公开。 | 2.及时", "1.二、做好政府网站专栏信息公开。 | 办公室 | |\n2.及时")
    text = text.replace("3.及时反馈网民对调查征集信息的意见。", "3.及时反馈网民对调查征集信息的意见。[bold]注意[/]答复时限。")
    path = folder / "计划.txt"
    path.write_text(text, encoding="utf-8")
    return path


async def open_review(app, pilot, path: Path) -> ReviewScreen:  # type: ignore[no-untyped-def]
    await pilot.press("i")
    await wait_for(pilot, lambda: app.screen.query("#import-path"))
    app.screen.query_one("#import-path").value = str(path)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def row_of(screen: ReviewScreen, text: str) -> int:
    return next(i for i, r in enumerate(screen.rows) if text in getattr(r.item, "text", getattr(r.item, "heading", "")))


async def test_review_from_i_to_saved_with_the_keys(store: Store, db: Path, tmp_path: Path) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        before = db.read_bytes()
        review = await open_review(app, pilot, misread(tmp_path))
        head = str(review.query_one("#review-head").render())
        assert "识别为: 表格" in head and "将新建计划" in head and "待核对" in head
        # the plan has no organisation or year: the first doubt, and o sets them
        assert review.current is not None and review.current.kind == "plan"
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#plan-org").value = "江门市土地储备中心"
        app.screen.query_one("#plan-year").value = "2023"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is review)
        # the heading read as a task: H makes it a section heading, tasks 2 to 4 come under it
        review._go(row_of(review, "二、做好政府网站专栏信息公开"))
        await pilot.press("H")
        await pilot.pause()
        headings = [s.heading for s in review.draft.outlines[0].sections]
        assert "二、做好政府网站专栏信息公开" in headings
        # task 3 holds two sentences: s splits it before the second
        review._go(row_of(review, "及时反馈网民"))
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#prompt-input").value = "2"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is review and len(review.draft.done) == 3)
        # the new task goes back: m merges it into the one before
        review._go(row_of(review, "注意[/]答复时限"))
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("ctrl+z")  # the draft's own undo: split again
        await pilot.pause()
        assert any("答复时限" in t.text and "反馈" not in t.text for t in review.draft.outlines[0].tasks)
        review._go(row_of(review, "注意[/]答复时限"))
        await pilot.press("x")  # it was not a task after all
        await pilot.pause()
        # units for two marked tasks, one prompt
        review._go(row_of(review, "及时更新网站频道"))
        await pilot.press("space", "space")
        await pilot.press("u")
        await pilot.pause()
        app.screen.query_one("#prompt-units").value = "办公室(牵头)、各科室(配合)"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is review)
        assert db.read_bytes() == before  # nothing written until saved
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(app.workbench.snap.plans) == 3)
        await wait_for(pilot, lambda: any(t.plan_id == "3" for t in app.workbench.snap.tasks))
    stored = {t["number"]: t for t in stored_tasks(db).values() if t["plan_id"] == "3"}
    plan = next(p for p in Store(db).plans() if p.id == "3")
    assert (plan.organization, plan.year) == ("江门市土地储备中心", 2023)
    assert sorted(stored, key=lambda n: stored[n]["order"]) == [str(n) for n in range(1, 12)]
    by_heading = {s.id: s.heading for s in plan.sections}
    assert [by_heading[s] for s in stored["2"]["sections"]] == ["二、做好政府网站专栏信息公开"]
    assert stored["3"]["text"] == "及时反馈网民对调查征集信息的意见。"
    assert [(u["name"], u["role"]) for u in stored["3"]["units"]] == [("办公室", "lead"), ("各科室", "cooperate")]
    assert "edited-units" in stored["2"]["flags"]
    Store(db).undo()  # the import, corrections and all, is one step
    assert not any(t["plan_id"] == "3" for t in stored_tasks(db).values())


async def test_esc_asks_before_throwing_corrections_away_and_n_jumps_doubts(store: Store, db: Path,
                                                                           tmp_path: Path) -> None:
    from govtui.tui.screens.confirm import Confirm

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        before = db.read_bytes()
        review = await open_review(app, pilot, misread(tmp_path))
        doubtful = [i for i, r in enumerate(review.rows) if review.draft.is_doubt(r)]
        assert len(doubtful) >= 2 and review.query_one("OptionList").highlighted == doubtful[0]
        await pilot.press("n")
        assert review.query_one("OptionList").highlighted == doubtful[1]
        await pilot.press("N")
        assert review.query_one("OptionList").highlighted == doubtful[0]
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#plan-year").value = "2023"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is review and review.draft.done)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")  # keep reviewing
        await wait_for(pilot, lambda: app.screen is review)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is app.main)
        assert db.read_bytes() == before


async def test_the_review_fits_60x20_and_draws_document_text_literally(tmp_path: Path, db: Path) -> None:
    from govtui.tui.screens.review_app import ReviewApp

    plans = read_plans(misread(tmp_path))
    app = ReviewApp(plans, Store(db), "计划.txt")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        review._go(row_of(review, "及时反馈网民"))
        await pilot.pause()
        assert "[bold]注意[/]" in str(review.query_one("#review-detail").render())  # not markup
        options = review.query_one("OptionList")
        assert options.size.height >= 8 and options.region.bottom <= 19  # the footer keeps the last line
        await pilot.press("end")
        await pilot.pause()
        assert options.scroll_offset.y > 0  # it scrolls
        await pilot.press("ctrl+s")
    assert app.return_value is not None and len(app.return_value[0].tasks) == 12


def test_the_draft_corrects_and_takes_back_without_a_screen(tmp_path: Path) -> None:
    draft = ReviewDraft(read_plans(misread(tmp_path)))
    rows = draft.rows()
    heading = next(r for r in rows if "二、做好" in getattr(r.item, "text", ""))
    draft.promote(heading, None)  # 二、 in its text: a section heading
    assert [s.level for s in draft.outlines[0].sections].count(1) == 5
    assert draft.undo() is not None and [s.level for s in draft.outlines[0].sections].count(1) == 4
    assert draft.undo() is None


async def test_f_corrects_after_import_one_undo_step_each(store: Store, db: Path) -> None:
    from govtui.tui.screens.review_prompts import Choice

    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        before = stored_tasks(db)
        app.main.goto_task("1-4")
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, Choice))
        options = app.screen.query_one("OptionList")
        options.highlighted = next(i for i in range(options.option_count)
                                   if options.get_option_at_index(i).id == "merge")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "1-4" not in stored_tasks(db))
        await wait_for(pilot, lambda: "1-4" not in app.workbench.snap.by_id)
        assert any("修正: 合并任务 1-4 到 1-3" in line for line in history_lines(Store(db).history()))
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: "1-4" in stored_tasks(db))
    after = stored_tasks(db)
    assert {k: {f: v for f, v in t.items() if f != "rev"} for k, t in after.items()} == \
        {k: {f: v for f, v in t.items() if f != "rev"} for k, t in before.items()}


async def test_a_reimport_in_review_shows_the_changes_and_asks_before_removing(store: Store, db: Path,
                                                                             tmp_path: Path) -> None:
    from govtui.domain.model import Status, Unit
    from govtui.tui.screens.confirm import Confirm

    source = tmp_path / "计划.txt"
    text = DOC.read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    store.import_plans(read_plans(source))
    store.set_status("3-3", Status.DOING)
    store.set_units("3-5", [Unit("办公室")])  # by hand: kept
    lines = [line for line in text.splitlines() if not line.startswith("8.加强政策咨询")]  # task 8 gone
    source.write_text("\n".join(lines).replace("| 2.及时更新网站频道的各类型概况信息。 | 办公室 |",
                                               "| 2.及时更新网站频道的各类型概况信息。 | 财务科 |") + "\n", encoding="utf-8")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        before = db.read_bytes()
        review = await open_review(app, pilot, source)
        assert "将更新计划 3: 新增 0, 修改 1, 移除 1" in str(review.query_one("#review-head").render())
        await pilot.press("v")
        await pilot.pause()
        shown = str(app.screen.query_one("#text-view").query("Static").last().render())
        assert "3-2 责任单位 办公室 → 财务科" in shown and "3-3 (进行中)" in shown and "移除(无进展记录): 3-8" in shown
        assert "3-5 责任单位 办公室 (文档: 各科室)" in shown  # the hand edit kept, not a change
        await pilot.press("escape")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        assert db.read_bytes() == before
        await pilot.press("y")
        await wait_for(pilot, lambda: "3-8" not in stored_tasks(db))
    tasks = stored_tasks(db)
    assert tasks["3-2"]["units"][0]["name"] == "财务科" and tasks["3-3"]["status"] == "doing"
    assert tasks["3-5"]["units"][0]["name"] == "办公室"
