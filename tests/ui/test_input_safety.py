"""The app never crashes on a theme, never loses a note being typed, and undo means undo (Pilot)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govtui.domain.config import load_config, save_config
from govtui.domain.model import Status
from govtui.domain.paths import themes_dir
from govtui.store.store import Store
from govtui.tui.app import make_app
from govtui.tui.screens.note_editor import NoteEditor
from govtui.tui.screens.task_editor import TaskEditor
from govtui.tui.themes import DEFAULT_THEME, load_themes

from ..conftest import stored_tasks
from .conftest import wait_for

SHIPPED = sorted(json.loads(p.read_text(encoding="utf-8"))["name"] for p in themes_dir().glob("*.json"))


def stored(db: Path, task_id: str) -> dict:  # type: ignore[type-arg]
    return stored_tasks(db)[task_id]


def test_every_shipped_theme_loads() -> None:
    themes, problems = load_themes()
    assert problems == []
    assert sorted(t.name for t in themes) == SHIPPED and len(SHIPPED) >= 3


async def test_a_theme_checked_once_is_not_checked_again(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import govtui.tui.themes as themes

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.unusable_theme(DEFAULT_THEME) is None  # checked (and remembered) at start

        def costly() -> list[type]:
            raise AssertionError("checked again")

        monkeypatch.setattr(themes, "_widget_classes", costly)
        assert app.unusable_theme(DEFAULT_THEME) is None  # remembered: not parsed again
        assert app.unusable_theme("govtui-light") == "checked again"  # a theme not seen before is checked


@pytest.mark.parametrize("theme", SHIPPED)
async def test_the_app_opens_and_works_in_every_shipped_theme(store: Store, theme: str) -> None:
    save_config({"theme": theme})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == theme
        assert not any(n.severity == "warning" for n in app._notifications), [n.message for n in app._notifications]
        for key in ("n", "escape", "e", "escape", "?", "escape", "r", "escape", "u", "escape"):
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running and app.screen is app.main


async def test_t_cycles_through_every_theme_without_crashing(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        seen = [app.theme]
        for _ in SHIPPED:
            await pilot.press("t")
            await pilot.pause()
            seen.append(app.theme)
        assert sorted(set(seen)) == SHIPPED
        assert app.is_running and app.return_code is None
    assert app.return_code in (None, 0)


async def test_a_broken_or_unknown_saved_theme_falls_back_with_a_warning(store: Store, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    for path in themes_dir().glob("*.json"):
        (folder / path.name).write_bytes(path.read_bytes())
    broken = {"name": "broken-ansi", "dark": True, "ansi": True, "primary": "ansi_cyan", "background": "ansi_black"}
    (folder / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    (folder / "garbage.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr("govtui.tui.themes.themes_dir", lambda: folder)
    for saved in ("broken-ansi", "no-such-theme"):
        save_config({"theme": saved})
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.theme == DEFAULT_THEME
            warnings = [n.message for n in app._notifications if n.severity == "warning"]
            assert any(saved in w for w in warnings), warnings
            assert any("garbage.json" in w for w in warnings), warnings
            # `t` never lands on the broken theme
            for _ in range(6):
                await pilot.press("t")
                await pilot.pause()
                assert app.theme != "broken-ansi"
            assert app.is_running


async def test_note_survives_another_users_status_change(store: Store, db: Path) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"已在网站公开")
        other = Store(db)
        other.user = "王敏"
        other.set_status("1-1", Status.DONE)  # meanwhile, someone else finishes the task
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(stored(db, "1-1")["notes"]))
        assert stored(db, "1-1")["status"] == "done"
        assert [n["text"] for n in stored(db, "1-1")["notes"]] == ["已在网站公开"]
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor))


async def test_a_note_that_cannot_be_saved_stays_on_screen(store: Store, db: Path) -> None:
    from filelock import FileLock

    store.storage.lock_timeout = 0.3
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"重要的草稿")
        busy = FileLock(str(db) + ".lock")  # another process is in the middle of a long write
        busy.acquire()
        try:
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: any("未保存" in (n.title or "") for n in app._notifications))
            await pilot.pause()
            assert isinstance(app.screen, NoteEditor)
            assert app.screen.text == "重要的草稿"
            assert stored(db, "1-1")["notes"] == []
        finally:
            busy.release()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(stored(db, "1-1")["notes"]))
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditor))
        assert [n["text"] for n in stored(db, "1-1")["notes"]] == ["重要的草稿"]


async def test_escape_asks_before_discarding_a_draft(store: Store, db: Path) -> None:
    from govtui.tui.screens.confirm import Confirm
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"写了一半")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor) and app.screen.text == "写了一半"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert app.screen is app.main
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor) and app.screen.text == ""
        await pilot.press("escape")  # an empty editor closes without asking
        await pilot.pause()
        assert app.screen is app.main
    assert stored(db, "1-1")["notes"] == []


async def test_units_field_suggests_confirms_new_units_and_refuses_empty(store: Store, db: Path) -> None:
    from govtui.tui.screens.confirm import Confirm
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TaskEditor)
        units = app.screen.query_one("#edit-units")
        units.value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TaskEditor)
        assert any("不能为空" in n.message for n in app._notifications)
        # pinyin initials suggest the known unit; Tab takes it
        units.focus()
        await pilot.press(*"cws")
        await pilot.pause()
        assert "财务室" in str(app.screen.query_one("#unit-suggestions").render())
        await pilot.press("tab")
        await pilot.pause()
        assert units.value == "财务室"
        # a name not in the store needs confirming
        units.value = "财务室、新设科"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "新设科" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TaskEditor)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await wait_for(pilot, lambda: [u["name"] for u in stored(db, "1-1")["units"]] == ["财务室", "新设科"])


async def test_ctrl_z_and_ctrl_y_many_levels_and_one_step_per_edit(store: Store, db: Path) -> None:
    before = stored(db, "1-1")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_for(pilot, lambda: stored(db, "1-1")["status"] == "doing")
        await pilot.press("3")
        await wait_for(pilot, lambda: stored(db, "1-1")["status"] == "done")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#edit-units").value = "财务室牵头、办公室配合"
        app.screen.query_one("#edit-deadline").value = "10月底前"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: stored(db, "1-1")["deadline"]["due"] == "2024-10-31")
        await pilot.press("ctrl+z")  # the whole edit, units and deadline
        await wait_for(pilot, lambda: stored(db, "1-1")["deadline"] == before["deadline"])
        assert stored(db, "1-1")["units"] == before["units"]
        await pilot.press("ctrl+z")  # not refused: one's own undo is not someone else's change
        await wait_for(pilot, lambda: stored(db, "1-1")["status"] == "doing")
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: stored(db, "1-1")["status"] == "todo")
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: stored(db, "1-1")["status"] == "doing")
        await pilot.press("ctrl+y", "ctrl+y")
        await wait_for(pilot, lambda: stored(db, "1-1")["deadline"]["due"] == "2024-10-31")
        assert stored(db, "1-1")["status"] == "done"
        assert not any(n.severity == "error" for n in app._notifications), [n.message for n in app._notifications]


async def test_display_name_set_in_the_app(store: Store, db: Path) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#name-input").value = "李娜"
        await pilot.press("enter")
        await pilot.pause()
        assert load_config()["user"] == "李娜"
        await pilot.press("3")
        await wait_for(pilot, lambda: stored(db, "1-1")["status"] == "done")
    assert Store(db).history("1-1")[-1]["user"] == "李娜"
    assert Store(db).user == "李娜"
