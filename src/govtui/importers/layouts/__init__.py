"""Layouts: the ways a plan is laid out, each a small class that scores how well it explains a
document's blocks and then feeds the :class:`~govtui.importers.draft.PlanDraft`.

``LAYOUTS`` is the one ordered registry; :func:`choose` ranks them by score (ties go to the
earlier one) and says why the winner won.
"""

from __future__ import annotations

from typing import Protocol

from govtui.importers.blocks import Document
from govtui.importers.draft import PlanDraft
from govtui.importers.layouts.cells import CellStreamLayout
from govtui.importers.layouts.fit import Fit
from govtui.importers.layouts.indicators import IndicatorLayout
from govtui.importers.layouts.paragraphs import ParagraphLayout
from govtui.importers.layouts.prose import ProseLayout
from govtui.importers.layouts.runin import RunInLayout
from govtui.importers.layouts.table import TableLayout


class Layout(Protocol):
    name: str  # short Chinese label shown to the user
    inherit_cells: bool  # whether empty cells continue merged cells (tables) or not (prose)

    def fit(self, document: Document) -> Fit: ...

    def build(self, document: Document, draft: PlanDraft) -> None: ...


LAYOUTS: list[Layout] = [TableLayout(), CellStreamLayout(), IndicatorLayout(), ProseLayout(), RunInLayout(),
                         ParagraphLayout()]


def choose(document: Document) -> list[tuple[Layout, Fit]]:
    """Every layout that explains something of the document, best first."""
    fits = [(layout, layout.fit(document)) for layout in LAYOUTS]
    ranked = sorted((pair for pair in fits if pair[1].score > 0), key=lambda pair: -pair[1].score)
    return ranked
