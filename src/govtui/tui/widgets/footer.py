"""The footer, its keys whole: a key that does not fit is left out, never cut (``q 退`` for ``q 退出``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Kept to the last: from them a person finds every other key (``?``) and the way out.
ESSENTIAL = ("help", "quit")


class FittingFooter(Footer):
    """Textual's footer; when its keys do not all fit, keys are left out from the right, ``?`` and ``q``
    kept.  (The keys are still in ``?`` help and the command palette.)"""

    def compose(self) -> ComposeResult:
        # Textual's footer stays empty until its screen first says its keys changed, which may come a frame
        # or more after the screen's first (on a busy machine a first screen without its keys): the keys of
        # the screen and the app are known from the start, the focused widget's are added when it says so.
        self.set_reactive(Footer._bindings_ready, True)
        yield from super().compose()

    def on_mount(self) -> None:
        self.call_after_refresh(self.fit_keys)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_keys)

    async def recompose(self) -> None:
        await super().recompose()
        self.fit_keys()

    def key_width(self, key: FooterKey) -> int:
        return key.get_content_width(self.size, self.app.size) + key.styles.margin.width

    def fit_keys(self) -> None:
        if not self.is_attached or not self.size.width:
            return
        keys = list(self.query_children(FooterKey))
        docked = [k for k in keys if k.has_class("-command-palette")]
        keys = [k for k in keys if k not in docked]
        room = self.size.width - sum(self.key_width(k) for k in docked)
        widths = {k: self.key_width(k) for k in keys}
        shown = list(keys)
        droppable = [k for k in reversed(keys) if k.action not in ESSENTIAL]
        while sum(widths[k] for k in shown) > room and droppable:
            shown.remove(droppable.pop(0))
        while sum(widths[k] for k in shown) > room and shown:  # narrower still: from the right
            shown.pop()
        for key in keys:
            key.display = key in shown
