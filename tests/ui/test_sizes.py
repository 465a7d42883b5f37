"""Right at every size: notices keep to a corner, the columns answer "is it mine?" at 80 columns, and at
60 columns the tree keeps the year, 时限 its month and day, 状态 the status someone set."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from govtui.app import make_app
from govtui.cli.support import seed_samples
from govtui.model import Status
from govtui.screens.help import HelpScreen
from govtui.store import Store

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
