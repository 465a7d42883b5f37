"""Documents, arguments and exports that try to attack the person using govtui: formulas in spreadsheets,
terminal escapes, symbolic links, world-readable copies, and files built to exhaust memory or time.

Each hostile file is built here, in the test; everything runs through the real `govtui` process.
"""

from __future__ import annotations

import io
import os
import re
import resource
import stat
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from govtui.store.parts import parts_dir
from govtui.store.storage import read_store

from ..conftest import GOVTUI, TABLE_SAMPLE

Run = Callable[..., subprocess.CompletedProcess[str]]
ESCAPES = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\u202e\x9b31m"  # OSC 52 clipboard write, clear screen, RTL override, C1 CSI
FORMULA = "=HYPERLINK(\"http://evil.example\",\"点击\")"


def no_escape(text: str) -> None:
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text), repr(text)


def test_formulas_from_a_document_or_a_note_are_never_live_in_xlsx_or_csv(seeded: Path, run: Run,
                                                                           tmp_path: Path) -> None:
    downloaded = tmp_path / "downloaded.txt"  # a plan document whose first task is a formula
    text = TABLE_SAMPLE.read_text(encoding="utf-8").replace("及时公开加快构建", FORMULA + "及时公开加快构建", 1)
    downloaded.write_text(text.replace("淮南市残疾人联合会", "某市某局"), encoding="utf-8")
    assert run("import", str(downloaded)).returncode == 0
    assert any(t["text"].startswith(FORMULA) for t in read_store(seeded)["tasks"].values())
    assert run("add", "--plan", "1", "--units", "办公室", "=1+2").returncode == 0
    for note, task in (("+1+1", "1-1"), ("-2+3", "1-2"), ("@SUM(A1)", "1-3"), (FORMULA, "1-4")):
        assert run("set", task, "--note", note).returncode == 0
    xlsx, csv_file = tmp_path / "out.xlsx", tmp_path / "out.csv"
    assert run("export", "-o", str(xlsx)).returncode == 0
    assert run("export", "-o", str(csv_file)).returncode == 0
    with zipfile.ZipFile(xlsx) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(member) and b"<f " not in archive.read(member)
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).worksheets[1]
    texts = {cell.value: cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    assert FORMULA in texts and texts[FORMULA].data_type == "s" and texts[FORMULA].quotePrefix
    assert texts["=1+2"].quotePrefix
    task_text = next(v for v in load_workbook(xlsx).worksheets[3].iter_rows(values_only=True)
                     if any(isinstance(c, str) and c.startswith(FORMULA + "及时") for c in v))
    assert task_text
    assert texts["+1+1"].quotePrefix and texts["@SUM(A1)"].quotePrefix
    cells = csv_file.read_text(encoding="utf-8-sig")
    for text in (FORMULA.replace('"', '""'), "+1+1", "-2+3", "@SUM(A1)"):
        assert f"'{text}" in cells and f",{text}" not in cells and f'"{text}' not in cells
    # the workbook still imports back with the text as it was
    imported = run("import", "--dry-run", str(xlsx))
    assert imported.returncode == 0 and "Traceback" not in imported.stderr


def test_control_characters_are_stripped_at_every_way_in(seeded: Path, run: Run, tmp_path: Path) -> None:
    changes = tmp_path / "changes.jsonl"
    changes.write_text(orjson.dumps({"id": "1-6", "note": f"批量{ESCAPES}"}).decode() + "\n", encoding="utf-8")
    evil_env = {"GOVTUI_USER": f"王敏{ESCAPES}"}
    for args in (["set", "1-1", "--note", f"已部署{ESCAPES}"], ["set", "1-2", "--units", f"法规科{ESCAPES}", "--yes"],
                 ["set", "1-3", "--deadline", f"6月底前{ESCAPES}"], ["units", "rename", "办公室", f"局办{ESCAPES}"],
                 ["apply", str(changes)], ["import", "--org", f"某某局{ESCAPES}", str(TABLE_SAMPLE), "--yes"]):
        result = run(*args, env=evil_env)
        assert result.returncode == 0, (args, result.stderr)
        no_escape(result.stdout + result.stderr)
    stored = (seeded.read_bytes() + b"".join(p.read_bytes() for p in parts_dir(seeded).iterdir())).decode()
    assert "法规科" in stored and "局办" in stored and "王敏" in stored
    no_escape(stored.replace("\\u001b", "\x1b"))  # nothing escaped inside the JSON either


def test_nothing_stored_by_hand_reaches_the_terminal_raw(seeded: Path, run: Run) -> None:
    """A store edited by hand (or written before this check): every way out strips it again."""
    layout = orjson.loads(seeded.read_bytes())["_parts"]
    part_file = parts_dir(seeded) / layout["1"]
    part = orjson.loads(part_file.read_bytes())
    for doc in part["tasks"].values():
        doc["text"] = ESCAPES + doc["text"]
        doc["units"] = [{"name": f"办公{n}{ESCAPES}", "role": "responsible"} for n in "甲乙"]
        doc["notes"] = [{"time": "2024-05-01T10:00:00+08:00", "author": f"某人{ESCAPES}", "text": f"进展{ESCAPES}"}]
    part_file.write_bytes(orjson.dumps(part))
    for args in (["export", "-f", "md", "-o", "-"], ["export", "-f", "csv", "-o", "-"],
                 ["export", "-f", "json", "-o", "-"], ["show", "1-1"], ["show", "1-1", "--json"], ["plans"],
                 ["--unit", "办公"], ["--plan", "1"], ["--plan", "1", "--json"], ["units"], ["history"],
                 ["report"], ["due", "--within", "3650"]):
        result = run(*args)
        assert "Traceback" not in result.stderr, result.stderr
        no_escape(result.stdout + result.stderr)
    ambiguous = run("--unit", "办公")
    assert "办公甲" in ambiguous.stderr or "办公甲" in ambiguous.stdout


def test_export_never_writes_through_a_symbolic_link(seeded: Path, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("别人的文件", encoding="utf-8")
    for name in ("link.xlsx", "link.csv", "link.md"):
        link = tmp_path / name
        link.symlink_to(target)
        result = run("export", "-o", str(link))
        assert result.returncode == 2 and "符号链接" in result.stderr and "Traceback" not in result.stderr
        assert link.is_symlink() and target.read_text(encoding="utf-8") == "别人的文件"


def test_every_file_holding_the_stores_data_is_private(seeded: Path, run: Run, tmp_path: Path,
                                                        isolated_env: Path) -> None:
    seeded.parent.chmod(0o750)  # a folder shared with a group: derived files beside the store leave it so
    folder_mode = stat.S_IMODE(seeded.parent.stat().st_mode)
    assert run("--unit", "办公室").returncode == 0  # the lookup index and the first screen, beside the store
    derived = [seeded.with_name(f".{seeded.name}{suffix}") for suffix in (".marshal", ".docs", ".first")]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in derived)
    assert stat.S_IMODE(seeded.parent.stat().st_mode) == folder_mode  # the store's folder as its owner set it
    for name in ("out.xlsx", "out.csv", "out.md", "out.json"):
        assert run("export", "-o", str(tmp_path / name)).returncode == 0
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    assert run("set", "1-1", "--status", "done", env={"GOVTUI_BACKUP_INTERVAL": "0"}).returncode == 0
    assert run("restore", "--yes").returncode == 0
    for path in seeded.parent.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, (path, oct(mode))


def test_the_migration_copy_is_private(db: Path, run: Run) -> None:
    task = {"id": "1-1", "plan_id": "1", "number": "1", "order": 0, "sections": [], "text": "旧任务",
            "units": [{"name": "办公室", "role": "responsible"}], "deadline": None, "status": "todo"}
    db.write_bytes(orjson.dumps({"plans": {"1": {"id": "1", "title": "旧计划", "sections": []}}, "tasks": {"1": task}}))
    db.chmod(0o600)
    assert run("set", "1-1", "--status", "done").returncode == 0
    assert stat.S_IMODE(db.with_name(db.name + ".schema0").stat().st_mode) == 0o600


def _limited(size: int) -> Callable[[], None]:
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_an_xlsx_export_is_whole_or_not_at_all(seeded: Path, run: Run, tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    assert run("export", "-o", str(good)).returncode == 0
    before = good.read_bytes()
    assert run("set", "1-1", "--note", "控制字符\x07\x01在进展里").returncode == 0
    result = subprocess.run([GOVTUI, "--db", str(seeded), "export", "-o", str(good)], capture_output=True,
                            text=True, timeout=60, preexec_fn=_limited(len(before) // 2))  # the disk fills up
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(good) in result.stderr and "磁盘已满" in result.stderr  # the message names the file
    assert good.read_bytes() == before  # the good export is still there, whole
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".govtui")) == []
    assert run("export", "-o", str(good)).returncode == 0  # a control character in a note is no crash
    from openpyxl import load_workbook

    load_workbook(good)


def test_odd_notes_are_refused_with_a_message(seeded: Path, run: Run, tmp_path: Path) -> None:
    before = read_store(seeded)
    huge = "进展" * 12_000  # 24,000 characters (an argument holds at most 128 KB)
    for result in (subprocess.run([GOVTUI, "--db", str(seeded), "set", "1-1", "--note", b"\xff\xfa\xfb\xfc"],
                                  capture_output=True, timeout=60),
                   subprocess.run([GOVTUI, "--db", str(seeded), "set", "1-1", "--note", "-"],
                                  input=b"\x80\x81\xfe\xff\xfa", capture_output=True, timeout=60),
                   subprocess.run([GOVTUI, "--db", str(seeded), "set", "1-1", "--note", "-"],
                                  input=huge.encode(), capture_output=True, timeout=60)):
        stderr = result.stderr.decode()
        last = [line for line in stderr.splitlines() if line.strip()][-1]
        assert result.returncode == 2 and "Traceback" not in stderr and last.startswith(("govtui: ", "错误")), stderr
    assert "上限" in run("set", "1-1", "--note", huge).stderr
    changes = tmp_path / "c.jsonl"
    changes.write_bytes(orjson.dumps({"id": "1-1", "note": huge}) + b"\n")
    applied = run("apply", str(changes))
    assert applied.returncode == 2 and "上限" in applied.stderr
    assert read_store(seeded) == before


# -- documents built to exhaust memory or time ----------------------------------------------------------

def _docx(document_xml: Callable[[io.RawIOBase], None]) -> bytes:
    """A real .docx (python-docx's own template) whose document.xml is written by ``document_xml``."""
    from docx import Document

    template = io.BytesIO()
    Document().save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "word/document.xml":
                with target.open("word/document.xml", "w", force_zip64=True) as handle:
                    document_xml(handle)  # type: ignore[arg-type]
            else:
                target.writestr(item, source.read(item))
    return out.getvalue()


HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
        b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
TAIL = b"</w:body></w:document>"


def docx_bomb(handle: io.RawIOBase) -> None:
    handle.write(HEAD)
    chunk = b"<w:p><w:r><w:t>\xe4\xb8\x80</w:t></w:r></w:p>" * 20_000
    for _ in range(120):  # ~ 90 MB of paragraphs, a few hundred KB packed
        handle.write(chunk)
    handle.write(TAIL)


def docx_wide(handle: io.RawIOBase) -> None:
    cell = b'<w:tc><w:tcPr><w:gridSpan w:val="1000000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>'
    handle.write(HEAD + b"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>" + b"<w:tr>" + cell + b"</w:tr>" * 1
                 + b"</w:tbl>" + TAIL)


def _xlsx(sheet_xml: Callable[[io.RawIOBase], None]) -> bytes:
    from openpyxl import Workbook

    template = io.BytesIO()
    Workbook().save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with target.open(item.filename, "w", force_zip64=True) as handle:
                    sheet_xml(handle)  # type: ignore[arg-type]
            else:
                target.writestr(item, source.read(item))
    return out.getvalue()


SHEET = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def xlsx_far_cell(handle: io.RawIOBase) -> None:
    handle.write(SHEET + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>1</t></is></c></row>'
                 b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')


def xlsx_huge_merge(handle: io.RawIOBase) -> None:
    handle.write(SHEET + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>1</t></is></c></row></sheetData>'
                 b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>')


def xlsx_million_rows(handle: io.RawIOBase) -> None:
    handle.write(SHEET + b"<sheetData>")
    for start in range(1, 1_000_001, 10_000):
        handle.write(b"".join(b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' for _ in range(10_000)))
        del start
    handle.write(b"</sheetData></worksheet>")


HOSTILE = {"bomb.docx": (lambda: _docx(docx_bomb), "解压后"), "wide.docx": (lambda: _docx(docx_wide), "跨"),
           "far.xlsx": (lambda: _xlsx(xlsx_far_cell), "行"), "merge.xlsx": (lambda: _xlsx(xlsx_huge_merge), "行"),
           "rows.xlsx": (lambda: _xlsx(xlsx_million_rows), "行")}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_document_is_refused_in_seconds_and_little_memory(seeded: Path, tmp_path: Path, name: str) -> None:
    build, word = HOSTILE[name]
    document = tmp_path / name
    document.write_bytes(build())
    assert document.stat().st_size < 20 * 1024 * 1024  # under the size limit: the other limits refuse it
    before = read_store(seeded)

    def limits() -> None:  # 10 s of CPU at most: a reader that spins is killed, and the test fails
        resource.setrlimit(resource.RLIMIT_CPU, (10, 10))

    process = subprocess.Popen([GOVTUI, "--db", str(seeded), "import", str(document)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, preexec_fn=limits)
    _, status, usage = os.wait4(process.pid, 0)
    stderr = process.stderr.read().decode() if process.stderr else ""
    assert os.waitstatus_to_exitcode(status) == 2, stderr
    assert word in stderr and "上限" in stderr and "Traceback" not in stderr
    assert usage.ru_maxrss < 300 * 1024, f"{usage.ru_maxrss // 1024} MB"  # kilobytes on Linux
    assert read_store(seeded) == before
