"""The review screen: the plan as read, before it counts — headings and tasks (number, text, units with
roles, deadline), every doubt the importer recorded highlighted and one key away (``n`` / ``N``), the
layout it chose and why — and the corrections, each one key or one short prompt, applied to the draft
(:class:`govtui.domain.review.ReviewDraft`).  ``Ctrl+S`` saves the corrected plan (one import, one undo step);
``Esc`` asks before throwing corrections away.

``govtui import FILE`` in a terminal and ``i`` in the app lead here.  Document text is drawn literally.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from govtui.domain.model import FLAG_LABELS, ImportedPlan, Plan, Section, Task, format_units
from govtui.domain.outline import CorrectionError, sentences
from govtui.domain.review import ReviewDraft, Row, plan_doubts, task_doubts
from govtui.tui.keys import REVIEW_KEYS, display_key
from govtui.tui.widgets.footer import FittingFooter

#: Describes importing the plans as corrected: (the preview's lines, whether it removes tasks).
Differ = Callable[[list[ImportedPlan]], tuple[list[str], bool]]
#: Cells before a task's text (mark, doubt, number).
LEAD = 8


def row_text(draft: ReviewDraft, row: Row, width: int = 78) -> Text:
    """One row as drawn: a plan, a heading indented by level, or a task (its text cut to one line of
    ``width`` cells: the whole text is in the pane below) with its units and deadline; a doubt stands
    out (``!``)."""
    from govtui.domain.text import one_line, truncate

    item = row.item
    text = Text(no_wrap=False)
    if isinstance(item, Plan):
        text.append(f"■ {item.title}", style="bold")
        text.append(f"  {item.organization or '(未写明制发单位)'} {item.year or '(未写明年度)'}")
        for said in plan_doubts(item):
            text.append(f"\n  ! {said}", style="bold yellow")
        return text
    if isinstance(item, Section):
        text.append(("  " if item.level > 1 else "") + item.heading, style="bold")
        return text
    assert isinstance(item, Task)
    mark = "✓" if id(item) in draft.marked else " "
    doubtful = task_doubts(item)
    number = truncate(item.number, LEAD - 3)
    text.append(f"{mark}{'!' if doubtful else ' '}{number}{' ' * (LEAD - 2 - len(number))}",
                style="bold yellow" if doubtful else "bold")
    text.append(truncate(one_line(item.text), max(10, width - LEAD)))
    units = format_units(item.units) or "(无责任单位)"
    said = truncate(f"单位: {units} · 时限: {item.deadline.text or '(无)'}", max(10, width - LEAD))
    text.append(f"\n{' ' * LEAD}{said}", style="" if doubtful else "dim")
    return text


class ReviewScreen(Screen[list[ImportedPlan] | None]):
    """Dismissed with the corrected plans (save) or ``None`` (leave without importing)."""

    CSS_PATH = "review.tcss"
    BINDINGS = [*(Binding(k.key, k.action, k.footer_label, show=k.footer, id=k.action.split("(")[0])
                  for k in REVIEW_KEYS),
                Binding("j", "move_cursor(1)", show=False), Binding("k", "move_cursor(-1)", show=False)]

    def __init__(self, plans: list[ImportedPlan], *, source: str = "", differ: Differ | None = None,
                 known_units: set[str] | None = None, pinyin: dict[str, dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.draft = ReviewDraft(plans)
        self.source = source
        self.differ = differ
        self.known_units = (known_units or set()) | {u.name for p in plans for t in p.tasks for u in t.units}
        self.pinyin = pinyin or {}
        self.rows: list[Row] = []
        self.preview: tuple[list[str], bool] = ([], False)

    def compose(self) -> ComposeResult:
        yield Static(id="review-head")
        yield OptionList(id="review-rows")
        yield Static(id="review-detail")
        yield FittingFooter()

    def on_resize(self) -> None:
        if self.rows:
            self.redraw()

    def on_mount(self) -> None:
        self.redraw()
        self.query_one(OptionList).focus()
        first = self.draft.next_doubt(self.rows, -1, 1) if self.rows else None
        if first is None:  # no doubt: the first task
            first = next((i for i, r in enumerate(self.rows) if r.kind == "task"), 0)
        self._go(first)

    # -- drawing ------------------------------------------------------------------------------
    @property
    def current(self) -> Row | None:
        at = self.query_one(OptionList).highlighted
        return self.rows[at] if at is not None and 0 <= at < len(self.rows) else None

    def redraw(self, keep: object | None = None) -> None:
        """Draw the rows again (after a correction); the highlight stays on ``keep`` (a task or heading)."""
        options = self.query_one(OptionList)
        at = options.highlighted or 0
        self.rows = self.draft.rows()
        options.clear_options()
        width = (options.size.width or self.app.size.width) - 2  # the scroll bar
        options.add_options([Option(row_text(self.draft, row, width)) for row in self.rows])
        if keep is not None:
            at = next((i for i, r in enumerate(self.rows) if r.item is keep), at)
        self._go(min(at, len(self.rows) - 1))
        if self.differ is not None:
            self.preview = self.differ(self.draft.result())
        self._head()

    def _head(self) -> None:
        sources = self.draft.sources
        parts = []
        for outline in self.draft.outlines:
            levels = [s.level for s in outline.sections]
            parts.append(f"{levels.count(1)} 个部分 {levels.count(2)} 个小节 {len(outline.tasks)} 项任务")
        layout = "; ".join(f"{p.layout} ({p.why})" for p in sources)
        head = Text()
        head.append(f"审阅导入 {self.source}".rstrip(), style="bold")
        head.append(f" — 识别为: {layout}\n")
        head.append(" · ".join(parts))
        head.append(f" · 待核对 {self.draft.doubt_count()}", style="bold yellow" if self.draft.doubt_count() else "")
        head.append(f" · 已修正 {len(self.draft.done)}")
        diff = next((line.strip() for line in self.preview[0] if line.strip().startswith("将")), "")
        if diff:
            head.append(f" · {diff}")
        self.query_one("#review-head", Static).update(head)

    def _go(self, index: int) -> None:
        options = self.query_one(OptionList)
        if self.rows:
            options.highlighted = max(0, index)
            options.scroll_to_highlight()
        self._detail()

    @on(OptionList.OptionHighlighted)
    def _detail(self) -> None:
        row = self.current
        text = Text()
        if row is not None and isinstance(row.item, Task):
            task = row.item
            text.append(f"任务 {task.number}: ", style="bold")
            text.append(task.text)
            count = len(sentences(task.text))
            text.append(f"  ({count} 句)" if count > 1 else "", style="dim")
            for flag in task_doubts(task):
                text.append(f"\n! {FLAG_LABELS.get(flag, flag)}", style="bold yellow")
        elif row is not None and isinstance(row.item, Section):
            text.append(f"{'部分' if row.item.level == 1 else '小节'}标题: {row.item.heading}  (h 改回任务)")
        elif row is not None and isinstance(row.item, Plan):
            text.append(f"计划: {row.item.title}  (o 修改制发单位、年度、标题)")
        if self.draft.marked:
            text.append(f"\n已标记 {len(self.draft.marked)} 项 (u 单位 · C 核对 · Space 取消)", style="bold")
        self.query_one("#review-detail", Static).update(text)

    # -- moving --------------------------------------------------------------------------------
    def action_move_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_next_doubt(self, step: int = 1) -> None:
        row = self.query_one(OptionList).highlighted
        found = self.draft.next_doubt(self.rows, row if row is not None else -1, step)
        if found is None:
            self.notify("没有待核对的地方了 (no doubts left)", markup=False, timeout=3)
            return
        self._go(found)

    # -- corrections -----------------------------------------------------------------------------
    def _apply(self, change: Callable[[], object], said: str = "") -> bool:
        """Make one correction of the draft; its reason on screen when it cannot apply."""
        try:
            result = change()
        except CorrectionError as exc:
            self.notify(str(exc), severity="warning", markup=False, timeout=5)
            return False
        self.redraw(keep=result if isinstance(result, Task | Section) else (self.current.item if self.current
                                                                             else None))
        if said:
            self.notify(said, markup=False, timeout=3)
        return True

    def _row(self) -> Row | None:
        row = self.current
        if row is None:
            self.notify("没有选中的行", severity="warning", markup=False)
        return row

    def action_toggle_mark(self) -> None:
        row = self._row()
        if row is None:
            return
        if self._apply(lambda: self.draft.toggle_mark(row)):
            self.action_move_cursor(1)

    def action_merge(self) -> None:
        if (row := self._row()) is not None:
            self._apply(lambda: self.draft.merge(row), "已并入上一项 (Ctrl+Z 撤销)")

    def action_drop(self) -> None:
        if (row := self._row()) is not None:
            self._apply(lambda: self.draft.drop(row), "已去掉这一行 (Ctrl+Z 撤销)")

    def action_confirm(self) -> None:
        if (row := self._row()) is not None:
            self._apply(lambda: self.draft.confirm(row), "已核对确认")

    def action_heading(self, level: int) -> None:
        row = self._row()
        if row is None:
            return
        if isinstance(row.item, Section):
            self._apply(lambda: self.draft.demote(row), "标题已改回任务")
            return
        self._apply(lambda: self.draft.promote(row, level), "已改为标题; 其后的任务归到它下面")

    def action_units(self) -> None:
        from govtui.tui.screens.review_prompts import UnitsPrompt

        row = self._row()
        if row is None:
            return
        try:
            targets = self.draft.targets(row)
        except CorrectionError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        first = targets[0][1]
        title = f"任务 {first.number} 的责任单位" if len(targets) == 1 else f"{len(targets)} 项标记任务的责任单位"

        def chosen(units: list[Any] | None) -> None:
            if units:
                self._apply(lambda: self.draft.set_units(row, units), f"已设责任单位: {format_units(units)}")

        self.app.push_screen(UnitsPrompt(title, format_units(targets[0][1].units), self.known_units, self.pinyin),
                             chosen)

    def action_deadline(self) -> None:
        from govtui.tui.screens.review_prompts import TextPrompt
        from govtui.tui.screens.task_editor import DEADLINE_HINT

        row = self._row()
        if row is None or not isinstance(row.item, Task):
            self.notify("请选择一项任务", severity="warning", markup=False)
            return
        task = row.item

        def typed(text: str | None) -> None:
            if text is not None:
                self._apply(lambda: self.draft.set_deadline(row, text), "时限已修改")

        self.app.push_screen(TextPrompt(f"任务 {task.number} 的{DEADLINE_HINT}", task.deadline.text), typed)

    def action_split(self) -> None:
        from govtui.tui.screens.review_prompts import TextPrompt

        row = self._row()
        if row is None or not isinstance(row.item, Task):
            self.notify("请选择一项任务", severity="warning", markup=False)
            return
        parts = sentences(row.item.text)
        if len(parts) < 2:
            self.notify(f"任务 {row.item.number} 只有一句, 无法拆开", severity="warning", markup=False)
            return
        listed = "\n".join(f"{i}. {s}" for i, s in enumerate(parts, 1))

        def typed(text: str | None) -> None:
            if text is None:
                return
            if not text.strip().isdigit():
                self.notify("请输入句子的序号, 如 2", severity="warning", markup=False)
                return
            self._apply(lambda: self.draft.split(row, int(text.strip())), "已拆开")

        self.app.push_screen(TextPrompt(f"从第几句起拆为新任务? (2～{len(parts)})", "2", listed), typed)

    def action_move(self) -> None:
        from govtui.tui.screens.review_prompts import Choice

        row = self._row()
        if row is None or not isinstance(row.item, Task):
            self.notify("请选择一项任务", severity="warning", markup=False)
            return
        headings = [(s.id, ("  " if s.level > 1 else "") + s.heading) for s in self.draft.outlines[row.plan].sections]
        if not headings:
            self.notify("这个计划没有标题", severity="warning", markup=False)
            return

        def chosen(section_id: str | None) -> None:
            if section_id:
                self._apply(lambda: self.draft.move(row, section_id), "已移动")

        self.app.push_screen(Choice(f"把任务 {row.item.number} 移到哪个标题下?", headings), chosen)

    def action_plan_fields(self) -> None:
        from govtui.tui.screens.review_prompts import PlanFields, PlanPrompt

        row = self.current
        index = row.plan if row is not None else 0
        plan = self.draft.outlines[index].plan

        def chosen(fields: PlanFields | None) -> None:
            if fields is not None:
                self._apply(lambda: self.draft.set_plan(index, fields.organization, fields.year, fields.title),
                            "计划信息已修改")

        self.app.push_screen(PlanPrompt(plan.organization, plan.year, plan.title), chosen)

    def action_undo(self) -> None:
        words = self.draft.undo()
        if words is None:
            self.notify("没有可撤销的修正", markup=False, timeout=3)
            return
        self.redraw()
        self.notify(f"已撤销: {words}", markup=False, timeout=3)

    # -- leaving -----------------------------------------------------------------------------------
    def action_preview(self) -> None:
        from govtui.store.import_preview import describe
        from govtui.tui.screens.review_prompts import TextView

        lines = self.preview[0] if self.differ is not None else \
            [line for plan in self.draft.result() for line in describe(plan)]
        self.app.push_screen(TextView("导入预览 (import preview)", [*lines, "", *self._done_lines()]))

    def _done_lines(self) -> list[str]:
        return ["已做的修正:", *(f"  {w}" for w in self.draft.done)] if self.draft.done else ["尚未修正"]

    def action_save(self) -> None:
        from govtui.tui.screens.confirm import Confirm

        if self.preview[1]:
            removed = [line for line in self.preview[0] if "移除(无进展记录)" in line]

            def answered(yes: bool | None) -> None:
                if yes:
                    self.dismiss(self.draft.result())

            self.app.push_screen(Confirm("重新导入会移除这些任务, 确定导入?", "\n".join(removed), yes="导入",
                                         no="返回"), answered)
            return
        self.dismiss(self.draft.result())

    def action_quit(self) -> None:
        from govtui.tui.screens.confirm import Confirm

        if not self.draft.done:
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(Confirm(f"放弃 {len(self.draft.done)} 处修正, 不导入?", "\n".join(self._done_lines()),
                                     yes="放弃, 不导入", no="继续审阅"), answered)

    def action_help(self) -> None:
        from govtui.tui.screens.review_prompts import TextView

        lines = [f"{display_key(k.key):<8} {k.zh}  ({k.en})" for k in REVIEW_KEYS]
        self.app.push_screen(TextView("审阅导入的按键 (review keys)", [*lines, "↑↓ / j k  移动, PgUp PgDn 翻页"]))
