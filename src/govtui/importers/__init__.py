"""Importers: a plan document → :class:`~govtui.domain.model.ImportedPlan` s.  Pure: no store, no UI.

One pipeline for every file::

    file ──reader──▶ Document (lines and table rows with merge information)
         ──layouts──▶ the layout that explains the blocks best (table, cell stream, prose, run-in)
         ──PlanDraft──▶ sections, tasks, units, deadlines, warnings
         ──metadata──▶ title, organisation, year, publication date

``read_plans(path)`` is the one entry point; ``parse_text`` reads text already in memory.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

from govtui.domain.errors import DocumentError
from govtui.domain.model import ImportedPlan, Plan
from govtui.domain.text import HAN, search_key, strip_controls
from govtui.importers.blocks import RUN_TOGETHER, Block, Document, Line, Row
from govtui.importers.draft import PlanDraft
from govtui.importers.header import is_header
from govtui.importers.headings import is_page_number, is_sharing_notice, is_translation, without_sharing_notices
from govtui.importers.labels import metadata_lines
from govtui.importers.layouts import choose
from govtui.importers.metadata import read_metadata
from govtui.importers.readers import reader_for

__all__ = ["MAX_BYTES", "DocumentError", "parse_text", "read_plan", "read_plans"]

#: Largest document accepted.  Real plans are tens of kilobytes; this leaves room for
#: exported spreadsheets while keeping memory bounded.
MAX_BYTES = 20 * 1024 * 1024

_OLD_OFFICE = (".doc", ".wps", ".xls", ".et", ".dps", ".ppt")


def read_bytes(path: Path) -> bytes:
    """Read a document with the checks a person needs explained, not a traceback."""
    if not path.exists():
        raise DocumentError(f"{path}: 文件不存在 (no such file)")
    if path.is_dir():
        raise DocumentError(f"{path}: 这是一个文件夹,不是文档 (is a directory)")
    if not path.is_file():
        raise DocumentError(f"{path}: 不是普通文件")
    if not os.access(path, os.R_OK):
        raise DocumentError(f"{path}: 没有读取权限 (permission denied)")
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(f"{path}: 文件是空的 (empty)")
    if size > MAX_BYTES:
        raise DocumentError(f"{path}: {size / 1024 / 1024:.0f} MB,超过计划文档的上限 "
                            f"{MAX_BYTES // 1024 // 1024} MB (too large)")
    if path.suffix.lower() in _OLD_OFFICE:
        raise DocumentError(f"{path}: 旧版 Office/WPS 格式无法读取,请另存为 .docx 或 PDF 后再导入")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: 无法读取 ({exc.strerror})") from exc


#: HTML left in a repost's text: whole tags (``</p>``, ``<br/>``) and closing tags that lost their ``<`` (``、/div>``).
_MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,9}(?:\s[^<>\n]{0,200})?/?>"
                     r"|(?<![<a-zA-Z0-9])/(?:div|p|span|td|tr|li|font|strong|b|a)>")


def _text(text: str, injected: re.Pattern[str] | None = None) -> str:
    text = _MARKUP.sub("", strip_controls(text))
    return injected.sub("", text) if injected is not None else text


#: Marks a copying site injects all through a page (``一@@、``, ``政务@@公开``): a run of one symbol, two or more long.
_INJECTED = re.compile(r"([@#$%^&*~])\1+")


def _injected_marks(texts: list[str]) -> re.Pattern[str] | None:
    """The runs of marks a page repeats (five times or more) as injected junk, to be taken out; a single mark (an
    address's ``@``) stays."""
    counts = Counter(m.group(1) for text in texts for m in _INJECTED.finditer(text))
    marks = "".join(mark for mark, n in counts.items() if n >= 5)
    return re.compile(f"[{re.escape(marks)}]{{2,}}") if marks else None


def _clean(document: Document) -> Document:
    """Control characters, HTML tags and injected marks out of every text; a page number printed between pages
    (``— 3 —``) and a sharing site's notices (成为VIP后…) are no text."""
    document.blocks = [b for b in _without_metadata_rows(_untranslated(document.blocks))
                       if not (isinstance(b, Line) and (is_page_number(b.text) or _sharing_notice(b)))]
    injected = _injected_marks([c.text for b in document.blocks for c in (b.cells if isinstance(b, Row) else [b])])
    for block in document.blocks:
        if isinstance(block, Row):
            for cell in block.cells:
                cell.text = _text(cell.text, injected)
        else:
            block.text = _text(block.text, injected)
    return document


def _sharing_notice(line: Line) -> bool:
    """A sharing site's notice line; a long line run together with one keeps its text, the notice taken out."""
    if not is_sharing_notice(line.text):
        return False
    if len(line.text) <= RUN_TOGETHER:
        return True
    line.text = without_sharing_notices(line.text)
    return not line.text


def _without_metadata_rows(blocks: list[Block]) -> list[Block]:
    """A web page's metadata printed as table rows (``发布机构: | 某省人民政府 | 成文日期: | …``) is no table of
    tasks: each row is read as the labelled lines it stands for (``发布机构: 某省人民政府``)."""
    kept: list[Block] = []
    for block in blocks:
        lines = metadata_lines(block.texts) if isinstance(block, Row) else None
        if lines is None:
            kept.append(block)
        else:
            kept.extend(Line(line) for line in lines)
    return kept


def _untranslated(blocks: list[Block]) -> list[Block]:
    """The blocks without an English translation printed after the Chinese text: from a line of English prose on,
    every line without a Chinese character is the translation's (``I. Strengthening…`` too)."""
    kept: list[Block] = []
    chinese = translating = False
    for block in blocks:
        if isinstance(block, Line):
            if re.search(rf"[{HAN}]", block.text):
                chinese, translating = True, False
            elif chinese and (translating or is_translation(block.text)):
                translating = True
                continue
        kept.append(block)
    return kept


def _split_tables(document: Document) -> list[Document]:
    """Tables of one file with different headers are different plans; a table continued over
    pages (its header repeated, or none) continues the plan."""
    parts: list[Document] = [document.like([])]
    header: list[str] | None = None
    table = None
    for block in document.blocks:
        if isinstance(block, Row) and block.table != table:
            table = block.table
            if is_header(block.texts):
                if header is not None and block.texts != header and any(isinstance(b, Row) for b in parts[-1].blocks):
                    parts.append(document.like([]))
                header = block.texts
        parts[-1].blocks.append(block)
    return parts


def plan_from(document: Document, *, organization: str | None = None, year: int | None = None) -> ImportedPlan:
    """The plan one document holds; :class:`DocumentError` saying what was seen when there is none."""
    ranked = choose(document)
    meta = read_metadata(document)
    plan_year = year or meta.year
    for layout, fit in ranked:
        draft = PlanDraft(inherit_cells=layout.inherit_cells)
        layout.build(document, draft)
        if not draft.tasks or (layout.inherit_cells and not draft.headed
                               and not any(t.units_text or t.deadline_text for t in draft.tasks)):
            continue  # a table none of whose rows names a unit or a deadline (nor has a header) is not a task table
        sections, tasks, warnings = draft.finish(plan_year)
        source = Path(document.name).name
        title = meta.title or Path(document.name).stem
        plan = Plan(id="", title=title, organization=organization or meta.organization, year=plan_year,
                    source=source, published=meta.published, description="\n".join(draft.description),
                    kind="prose" if not layout.inherit_cells else "table", sections=sections,
                    key=search_key(meta.title) if meta.title else f"file:{source}")
        if meta.organization_reason and not organization:
            warnings.append(meta.organization_reason)  # the title's organisation completed from the signature
        if not plan.organization:
            warnings.append("文档没有写明制发单位 (用 --org 名称 指定)")
        if meta.year_reason and not year:
            warnings.append(meta.year_reason)  # a year not printed in the title: where it came from
        if plan.year is None:
            warnings.append("文档没有写明计划年度: 相对时限(如“6月底前”)不计算到期日 (用 --year 年份 指定)")
        return ImportedPlan(plan, tasks, warnings, layout=layout.name, why=fit.reason)
    seen = "; ".join(f"{layout.name}: {fit.reason}" for layout, fit in ranked) or "没有标题、编号或表格"
    raise DocumentError(f"{document.name}: 没有找到计划任务 (no plan found)。识别到: {seen}")


def parse_text(text: str, source: str, *, organization: str | None = None,
               year: int | None = None) -> ImportedPlan:
    """Parse the decoded text of a plan document (a table dump or prose)."""
    from govtui.importers.readers.text import read_text

    text = strip_controls(text)
    if not text.strip():
        raise DocumentError(f"{source}: 文件中没有文字 (no text)")
    return plan_from(_clean(read_text(text, source)), organization=organization, year=year)


def _documents(file: Path, data: bytes) -> list[Document]:
    reader = reader_for(file.suffix.lower(), data)
    documents = reader.read(data, str(file))
    return [part for document in documents for part in _split_tables(document)] if reader.split_tables else documents


def _distinct(plans: list[ImportedPlan]) -> list[ImportedPlan]:
    """Plans from one file that share a title (two sheets, two tables) are kept apart, not merged."""
    seen: dict[str, int] = {}
    for imported in plans:
        count = seen.get(imported.plan.key, 0) + 1
        seen[imported.plan.key] = count
        if count > 1:
            imported.plan.key = f"{imported.plan.key}#{count}"
    return plans


def read_plans(path: str | os.PathLike[str], *, organization: str | None = None,
               year: int | None = None) -> list[ImportedPlan]:
    """Read every plan in a document: text, .docx, .xlsx, .csv, .html or .pdf.

    Raises :class:`DocumentError` with a readable message (in Chinese) when there is none.
    """
    file = Path(path)
    documents = [_clean(d) for d in _documents(file, read_bytes(file))]
    plans: list[ImportedPlan] = []
    errors: list[str] = []
    for document in documents:
        try:
            plans.append(plan_from(document, organization=organization, year=year))
        except DocumentError as exc:
            errors.append(str(exc))
    if not plans:
        raise DocumentError(errors[0] if len(errors) == 1 else f"{file}: 没有找到计划任务 (no plan found)")
    return _distinct(plans)


def read_plan(path: str | os.PathLike[str], *, organization: str | None = None,
              year: int | None = None) -> ImportedPlan:
    """Read the (first) plan in a document."""
    return read_plans(path, organization=organization, year=year)[0]
