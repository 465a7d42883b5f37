"""``govtui import FILE`` in a terminal: the review screen on its own, before anything is written.

The plans read are shown as read (tree, tasks, doubts, the layout and why); the person corrects them and
saves (``Ctrl+S``), or leaves (``Esc``).  The command line then imports what was saved.
"""

from __future__ import annotations

from textual.app import App

from govtui.domain.model import ImportedPlan
from govtui.store.store import Store
from govtui.tui.screens.review import ReviewScreen
from govtui.tui.screens.whole_glyphs import install as draw_whole_glyphs
from govtui.tui.themes import DEFAULT_THEME, load_themes


class ReviewApp(App[list[ImportedPlan] | None]):
    CSS_PATH = "../app.tcss"
    TITLE = "govtui 审阅导入"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, plans: list[ImportedPlan], store: Store, source: str) -> None:
        draw_whole_glyphs()
        super().__init__()
        self.plans, self.store, self.source = plans, store, source
        themes, _ = load_themes()
        for theme in themes:
            self.register_theme(theme)
        if any(t.name == DEFAULT_THEME for t in themes):
            self.theme = DEFAULT_THEME

    def describe_import(self, plans: list[ImportedPlan]) -> tuple[list[str], bool]:
        from govtui.store.import_preview import describe, removes_anything

        diffs = [self.store.preview_import(imported) for imported in plans]
        lines = [line for imported, diff in zip(plans, diffs, strict=True) for line in describe(imported, diff)]
        return lines, removes_anything(diffs)

    def on_mount(self) -> None:
        try:
            known, pinyin = self.store.unit_names(), self.store.pinyin_keys()
        except Exception:  # an empty or new store: nothing known yet
            known, pinyin = set(), {}
        self.push_screen(ReviewScreen(self.plans, source=self.source, differ=self.describe_import,
                                      known_units=known, pinyin=pinyin), self.exit)


def review_in_terminal(plans: list[ImportedPlan], store: Store, source: str) -> list[ImportedPlan] | None:
    """The plans as the person saved them in the review screen, or ``None`` when they left it."""
    return ReviewApp(plans, store, source).run()
