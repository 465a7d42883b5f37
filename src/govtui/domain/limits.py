"""How much of a document govtui reads: limits that keep a hostile or broken .docx/.xlsx (a zip bomb, a
cell at XFD1048576, a merged range over the whole sheet, a million rows) from taking the machine's memory
or minutes of its time.  Checked on the zip's own directory and by scanning the unpacked XML, before the
document is parsed; a file over a limit is refused with one line that says which.

Real plans are a few hundred rows and paragraphs; the limits leave room for exported workbooks.
"""

from __future__ import annotations

import re
import zipfile

from govtui.domain.errors import DocumentError

#: The most a .docx or .xlsx may unpack to (all its parts together).
MAX_UNPACKED = 64 * 1024 * 1024
#: Rows of a worksheet (by index: a cell on row 1,048,576 makes a sheet that long).
MAX_ROWS = 20_000
#: Columns of a worksheet or a Word table (by index: XFD is column 16,384).
MAX_COLUMNS = 256
#: Paragraphs and table cells of a Word document.
MAX_PARAGRAPHS = 50_000
MAX_TABLE_CELLS = 100_000

_MB = 1024 * 1024


def check_zip(data: bytes, name: str, kind: str) -> zipfile.ZipFile | None:
    """The zip of a .docx/.xlsx, refused when it unpacks to more than :data:`MAX_UNPACKED` (the sizes
    the zip declares: reading never yields more than they say); ``None`` when it is no zip at all
    (the reader says so in its own words)."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if unpacked > MAX_UNPACKED:
        raise DocumentError(f"{name}: 解压后有 {unpacked // _MB} MB, 超过 {kind} 文件的上限 {MAX_UNPACKED // _MB} MB "
                            "(too large when unpacked): 不像是计划文档, 未导入")
    return archive


def _member(archive: zipfile.ZipFile, member: str) -> bytes:
    try:
        return archive.read(member)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return b""


def _column(letters: bytes) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + char - 64
    return number


_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_INDEX = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"(\d+)\"")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Za-z]+)(\d+)\"")
_RANGE = re.compile(rb"<(?:\w+:)?(?:mergeCell|dimension)\s[^>]*?\bref=\"([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?\"")


def check_xlsx(data: bytes, name: str) -> None:
    """Refuse a workbook too large to read in seconds: unpacked size, rows, columns, merged ranges."""
    archive = check_zip(data, name, "Excel")
    if archive is None:
        return
    for member in archive.namelist():
        if not (member.startswith("xl/worksheets/") and member.endswith(".xml")):
            continue
        xml = _member(archive, member)
        rows = len(_ROW.findall(xml))
        last_row = max((int(r) for r in _ROW_INDEX.findall(xml)), default=0)
        last_column = 0
        for letters, row in _CELL_REF.findall(xml):
            last_column = max(last_column, _column(letters))
            last_row = max(last_row, int(row))
        for first_col, first_row, end_col, end_row in _RANGE.findall(xml):
            last_column = max(last_column, _column(first_col), _column(end_col or first_col))
            last_row = max(last_row, int(first_row), int(end_row or first_row))
        if max(rows, last_row) > MAX_ROWS:
            raise DocumentError(f"{name}: 工作表有 {max(rows, last_row)} 行, 超过上限 {MAX_ROWS} 行 (too many rows): "
                                "不像是计划文档, 未导入; 请只保留任务表")
        if last_column > MAX_COLUMNS:
            raise DocumentError(f"{name}: 工作表用到第 {last_column} 列, 超过上限 {MAX_COLUMNS} 列 (too many columns): "
                                "请删去表外的单元格或合并区域后再导入")


_PARAGRAPH = re.compile(rb"<w:p[\s>/]")
_TABLE_CELL = re.compile(rb"<w:tc[\s>/]")
_SPAN = re.compile(rb"<w:gridSpan\s[^>]*?w:val=\"(\d+)\"")


def check_docx(data: bytes, name: str) -> None:
    """Refuse a Word document too large to read in seconds: unpacked size, paragraphs, cells, spans."""
    archive = check_zip(data, name, "Word")
    if archive is None:
        return
    xml = _member(archive, "word/document.xml")
    paragraphs, cells = len(_PARAGRAPH.findall(xml)), len(_TABLE_CELL.findall(xml))
    widest = max((int(v) for v in _SPAN.findall(xml)), default=1)
    if paragraphs > MAX_PARAGRAPHS or cells > MAX_TABLE_CELLS:
        raise DocumentError(f"{name}: 有 {paragraphs} 个段落、{cells} 个表格单元格, 超过上限 ({MAX_PARAGRAPHS} 段、"
                            f"{MAX_TABLE_CELLS} 格) (too large): 不像是计划文档, 未导入")
    if widest > MAX_COLUMNS:
        raise DocumentError(f"{name}: 表格单元格跨 {widest} 列, 超过上限 {MAX_COLUMNS} 列 (a cell spans too many "
                            "columns): 文件可能已损坏, 未导入")
