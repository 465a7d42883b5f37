"""A wide character (汉字, two cells) is drawn whole or not at all, whatever was on top of it before.

Textual's compositor cuts every screen line where any widget starts or ends, and paints each piece
("chop") from the topmost widget there.  Two places split a Chinese character in two, and Rich turns
each half into a space:

* a cut inside a character of the widget that owns the cells on *both* sides — e.g. the edge of a
  footer key hidden under the docked ``^p 命令面板`` key — gave ``^p 命  面板`` on every redraw;
* a partial redraw (the cells under a notice that just closed) cut the piece at the dirty region's
  right edge: half of ``始`` went out as a space, the terminal erased the whole character, and the
  other half was never written again — ``未开`` until the row was redrawn.

:class:`WholeGlyphCompositor` fixes both where the cells are painted: pieces of one widget's line
that lie side by side are glued back into one (cut once, from the widget's own line), and a partial
redraw writes every piece it touches whole.

It also makes sure a closed notice is painted over.  A layout repaints what changed by comparing the
new widget map with the old one, and Textual takes "the old one" from its full map, which it rebuilds
lazily (from the widgets as they are *now*) whenever something asks for a widget's region after the map
was marked stale.  The notice rack is hidden (only its notices show), so each layout that includes it
marks the map stale; when a notice closes, Textual asks the rack for its size before laying it out,
the map is rebuilt without the notice, and the layout then finds nothing changed: the notice's cells
were never written again.  On a busy machine (no repaint in between to rebuild the map first) every
notice closing after the first such one stayed on screen until Ctrl+L.  Here a layout is compared with
the map of the previous layout, whatever was rebuilt in between.

It is Textual's private ``Compositor`` (the only seam for this), installed for every screen by
:func:`install`; tests/ui/test_whole_glyphs.py fails when a Textual release changes what this relies on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

import textual.screen
from rich.console import Console, ConsoleOptions, RenderResult
from rich.control import Control
from textual._compositor import ChopsUpdate, Compositor, CompositorMap, ReflowResult
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


class WholeChopsUpdate(ChopsUpdate):
    """A partial redraw that writes each piece of a line it touches whole (never half a character)."""

    def pieces(self) -> Iterable[tuple[int, int, Strip]]:
        """(x, y, strip) of every piece to write: those that overlap a dirty span of their line."""
        spans: dict[int, list[tuple[int, int]]] = {}
        for y, x1, x2 in self.spans:
            spans.setdefault(y, []).append((x1, x2))
        for y, line_spans in spans.items():
            for x, strip in self.chops[y].items():
                if strip is None:
                    continue
                end = x + strip.cell_length
                if any(x < x2 and end > x1 for x1, x2 in line_spans):
                    yield x, y, strip

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for x, y, strip in self.pieces():
            yield Control.move_to(x, y).segment
            yield from strip

    def render_segments(self, console: Console) -> str:
        return "".join(Control.move_to(x, y).segment.text + strip.render(console) for x, y, strip in self.pieces())


class WholeGlyphCompositor(Compositor):
    """Textual's compositor, with a widget's line cut only where another widget's cells begin, and each
    layout compared with the previous layout (what is on screen), so that whatever left is repainted."""

    def __init__(self) -> None:
        super().__init__()
        #: The widget map of the last layout: what the screen was painted from.
        self._laid_out: CompositorMap = self._full_map

    def reflow(self, parent: Widget, size: Size) -> ReflowResult:
        """Lay out, marking for repaint every widget that came, went or moved since the last layout.

        Textual compares with ``_full_map``, which may have been rebuilt lazily since that layout (see the
        module's doc): the widgets removed meanwhile would be missing from both maps, never repainted."""
        self._full_map = self._laid_out
        result = super().reflow(parent, size)
        self._laid_out = self._full_map
        return result

    def clear(self) -> None:
        super().clear()
        self._laid_out = self._full_map  # no widget of a closed screen kept

    def _render_chops(self, crop: Region, is_rendered_line: Callable[[int], bool]) -> Sequence[Mapping[int, Strip]]:
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        # per line: cut → (the widget's line it came from, where that line starts on screen)
        owners: list[dict[int, tuple[Strip, int]]] = [{} for _ in cuts]
        for region, clip, strips in self._get_renders(crop):
            render_region = region.intersection(clip)
            render_x = render_region.x
            first_cut, last_cut = render_region.column_span
            for y, strip in zip(render_region.line_range, strips, strict=False):
                if not is_rendered_line(y):
                    continue
                line, owner, source = chops[y], owners[y], (strip, render_x)
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                pieces = strip.divide([cut - render_x for cut in final_cuts[1:]])
                for cut, piece in zip(final_cuts, pieces, strict=False):
                    if line.get(cut) is None:  # painted front to back: the topmost widget's piece stays
                        line[cut] = piece
                        owner[cut] = source
        for y, line in enumerate(chops):
            if owners[y]:
                _glue(line, owners[y], cuts[y][-1])
        return cast("Sequence[Mapping[int, Strip]]", chops)

    def render_partial_update(self) -> ChopsUpdate | None:
        update = super().render_partial_update()
        if update is None:
            return None
        return WholeChopsUpdate(update.chops, update.spans, update.chop_ends)


def _glue(line: dict[int, Strip | None], owner: dict[int, tuple[Strip, int]], width: int) -> None:
    """Join the pieces of ``line`` that come side by side from the same widget's line into one piece,
    cut from that line at the outer edges only (a character over an inner cut stays whole)."""
    cuts = list(line)
    index = 0
    while index < len(cuts):
        start = cuts[index]
        source = owner.get(start)
        following = index + 1
        while following < len(cuts) and source is not None and owner.get(cuts[following]) is source:
            following += 1
        if source is not None and following - index > 1:
            strip, render_x = source
            end = cuts[following] if following < len(cuts) else width
            line[start] = strip.crop(start - render_x, end - render_x)
            for inner in cuts[index + 1:following]:
                del line[inner]
        index = following


def install() -> None:
    """Every screen made from now on (govtui's, Textual's palette and dialogs) paints through
    :class:`WholeGlyphCompositor`."""
    module: Any = textual.screen
    module.Compositor = WholeGlyphCompositor
