"""Daily work from the keyboard (issue 13): the task full-screen, marks and batch changes, notes,
adding / deleting / archiving, export from the app, and the report."""

from __future__ import annotations

from govtui.app import make_app
from govtui.model import Status
from govtui.screens.task_view import TaskView
from govtui.store import Store
from govtui.widgets.detail_pane import DetailPane
from govtui.widgets.task_table import TaskTable

from .conftest import wait_for


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
