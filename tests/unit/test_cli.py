"""The real ``govtui`` process: import, lookups, show/set, units, exit codes, output contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from govtui.store.parts import parts_dir

from ..conftest import GOVTUI, PROSE_SAMPLE, TABLE_SAMPLE

DATED = """XX市XX局2024年政务公开重点工作任务分工
序号 | 具体要求 | 责任科室 | 完成时限
一、重点工作
1 | 公开年度预算。 | 财务科 | 2024年3月底前
2 | 更新公开目录。 | 办公室牵头，各科室配合 | 年底前
3 | 公开[bold]执法[/]信息[/]。 | 执法科 | 2025年6月底前
"""


def test_import_reports_what_it_read(run, db: Path) -> None:
    result = run("import", str(TABLE_SAMPLE), str(PROSE_SAMPLE))
    assert result.returncode == 0, result.stderr
    assert "淮南市残疾人联合会2024年政务公开重点工作任务分工" in result.stdout
    assert "2 个部分, 8 个小节, 22 项任务" in result.stdout
    assert "4 个部分, 12 个小节, 15 项任务" in result.stdout
    assert "识别为: 逐格表格" in result.stdout and "识别为: 散文" in result.stdout
    assert "2 项任务没有写明责任单位" in result.stderr
    again = run("import", str(TABLE_SAMPLE))
    assert again.returncode == 0
    assert "已更新计划 1" in again.stdout
    plans = json.loads(run("plans", "--json").stdout)
    assert len(plans) == 2


def test_plans_json_contract(run, seeded: Path) -> None:
    plans = json.loads(run("plans", "--json").stdout)
    first = plans[0]
    assert {k: first[k] for k in ("id", "title", "organization", "year", "sections", "subsections", "tasks")} == {
        "id": "1", "title": "淮南市残疾人联合会2024年政务公开重点工作任务分工",
        "organization": "淮南市残疾人联合会", "year": 2024, "sections": 2, "subsections": 8, "tasks": 22}
    assert (plans[1]["organization"], plans[1]["year"], plans[1]["tasks"]) == ("台山市民政局", 2019, 15)


def test_unit_lookup_json_contract(run, seeded: Path) -> None:
    result = run("--unit", "办公室", "--json")
    assert result.returncode == 0
    tasks = json.loads(result.stdout)
    assert tasks, "办公室 is named in both plans"
    assert all(any(u["name"] == "办公室" for u in t["units"]) for t in tasks)
    assert len(tasks) == 26
    nine = next(t for t in tasks if t["id"] == "1-9")
    assert set(nine) >= {"id", "plan_id", "number", "sections", "text", "units", "deadline", "status", "notes"}
    assert nine["plan_id"] == "1" and nine["number"] == "9"
    assert nine["sections"] == ["二、围绕政策解读和渠道建设抓好质效提升", "(四)解读质量再提高"]
    assert nine["units"][0] == {"name": "办公室", "role": "lead", "generic": False}
    assert nine["deadline"] == {"text": "持续推进", "due": None, "kind": "ongoing"}
    assert nine["status"] == "todo" and nine["notes"] == []


def test_filters_combine(run, seeded: Path) -> None:
    lead = json.loads(run("--unit", "办公室", "--role", "lead", "--json").stdout)
    assert [t["id"] for t in lead] == ["1-9", "1-21"]
    plan2 = json.loads(run("--unit", "办公室", "--plan", "2", "--json").stdout)
    assert len(plan2) == 12 and all(t["plan_id"] == "2" for t in plan2)
    whole = json.loads(run("--plan", "1", "--json").stdout)
    assert len(whole) == 22
    generic = json.loads(run("--unit", "财务室", "--include-generic", "--json").stdout)
    assert {t["id"] for t in generic} >= {"2-2", "2-1", "1-3"}
    assert len(json.loads(run("--unit", "财务室", "--json").stdout)) == 1


def test_search_treats_fullwidth_and_ascii_alike(run, seeded: Path) -> None:
    ascii_ = json.loads(run("--search", "成效,系统", "--json").stdout)
    full = json.loads(run("--search", "成效，系统", "--json").stdout)
    assert [t["id"] for t in ascii_] == [t["id"] for t in full] == ["1-1"]


def test_status_set_and_lookup(run, seeded: Path) -> None:
    result = run("set", "1-4", "--status", "进行中", "--note", "已征求意见")
    assert result.returncode == 0, result.stderr
    doing = json.loads(run("--status", "doing", "--json").stdout)
    assert [t["id"] for t in doing] == ["1-4"]
    assert doing[0]["notes"][0]["text"] == "已征求意见"
    assert doing[0]["notes"][0]["author"]
    shown = run("show", "1-4")
    assert "进行中" in shown.stdout and "已征求意见" in shown.stdout
    note = run("set", "1-4", "--note", "-", input="第二条\n多行记录\n")
    assert note.returncode == 0
    assert json.loads(run("show", "1-4", "--json").stdout)["notes"][1]["text"] == "第二条\n多行记录"


def test_overdue_uses_due_dates(run, db: Path, tmp_path: Path) -> None:
    doc = tmp_path / "dated.txt"
    doc.write_text(DATED, encoding="utf-8")
    assert run("import", str(doc)).returncode == 0
    env = {"GOVTUI_TODAY": "2024-07-01"}
    overdue = json.loads(run("--overdue", "--json", env=env).stdout)
    assert [t["id"] for t in overdue] == ["1-1"]
    assert overdue[0]["overdue"] is True
    run("set", "1-1", "--status", "done")
    assert run("--overdue", env=env).returncode == 1
    assert [t["id"] for t in json.loads(run("--status", "逾期", "--json", env={"GOVTUI_TODAY": "2025-01-02"}).stdout)] \
        == ["1-2"]


def test_markup_in_documents_is_printed_literally(run, db: Path, tmp_path: Path) -> None:
    doc = tmp_path / "dated.txt"
    doc.write_text(DATED, encoding="utf-8")
    run("import", str(doc))
    result = run("--unit", "执法科")
    assert "公开[bold]执法[/]信息[/]" in result.stdout
    assert "\x1b" not in result.stdout


def test_plain_output_fits_the_terminal(run, seeded: Path) -> None:
    from govtui.domain.text import cell_len

    result = run("--unit", "办公室", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["ID", "状态", "时限", "责任单位", "要求"]
    assert all(cell_len(line) <= 80 for line in lines)
    assert len(lines) == 27


def test_exit_codes(run, seeded: Path) -> None:
    assert run("--unit", "不存在的科室").returncode == 2  # an unknown unit is an input error (README, exit codes)
    assert run("--search", "完全不可能出现的文字").returncode == 1
    bad = run("--status", "finished")
    assert bad.returncode == 2 and "finished" in bad.stderr
    assert "Traceback" not in bad.stderr
    missing = run("show", "9-9")
    assert missing.returncode == 2 and "no such task" in missing.stderr
    assert run("set", "1-1").returncode == 2


def test_bad_import_leaves_store_byte_identical(run, seeded: Path, tmp_path: Path) -> None:
    before = seeded.read_bytes()
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for args in ([str(png)], [str(empty)], [str(tmp_path / "missing.txt")], [str(tmp_path)],
                 [str(TABLE_SAMPLE), str(png)]):
        result = run("import", *args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("govtui: ")
    assert seeded.read_bytes() == before


def test_invalid_store_gives_clear_error(run, db: Path) -> None:
    db.write_text("this is not json", encoding="utf-8")
    result = run("--unit", "办公室")
    assert result.returncode == 2
    assert str(db) in result.stderr and "不是 govtui 库文件" in result.stderr
    assert db.read_text(encoding="utf-8") == "this is not json"


def test_import_org_and_year_options(run, db: Path, tmp_path: Path) -> None:
    doc = tmp_path / "plain.txt"
    doc.write_text("政务公开工作要点\n一、加强公开\n做好目录更新。（责任单位：办公室；完成时限：6月底前）\n", encoding="utf-8")
    result = run("import", str(doc), "--org", "某某局", "--year", "2024")
    assert result.returncode == 0, result.stderr
    task = json.loads(run("--plan", "1", "--json").stdout)[0]
    assert task["deadline"]["due"] == "2024-06-30"
    plan = json.loads(run("plans", "--json").stdout)[0]
    assert (plan["organization"], plan["year"]) == ("某某局", 2024)


def test_units_command(run, seeded: Path) -> None:
    rows = json.loads(run("units", "--json").stdout)
    office = next(r for r in rows if r["name"] == "办公室")
    assert (office["lead"], office["responsible"], office["total"]) == (2, 24, 26)
    assert next(r for r in rows if r["name"] == "各科室")["generic"] is True
    assert "办公室" in run("units").stdout


def test_default_store_starts_with_samples_once(isolated_env: Path) -> None:
    env = {**os.environ, "COLUMNS": "100"}
    first = subprocess.run([GOVTUI, "plans"], capture_output=True, text=True, env=env, timeout=60)
    assert first.returncode == 0, first.stderr
    assert "已导入示例计划" in first.stderr
    assert "淮南市残疾人联合会" in first.stdout and "台山市民政局" in first.stdout
    second = subprocess.run([GOVTUI, "plans"], capture_output=True, text=True, env=env, timeout=60)
    assert "示例计划" not in second.stderr
    assert list((isolated_env / "data").rglob("store.json"))


LOADED_CHECK = """
import sys
from govtui.cli.launcher import main
sys.argv = ["govtui", *{args!r}]
try:
    main()
except SystemExit:
    pass
watched = {watched!r}
print("LOADED:" + ",".join(sorted({{m.split(".")[0] for m in sys.modules}} & set(watched) | set(watched) & set(sys.modules))),
      file=sys.stderr)
"""
HEAVY = ("textual", "rich", "openpyxl", "docx", "pypinyin", "click", "rapidfuzz", "chinese_calendar", "plotext",
         "textual_plotext")
#: What a lookup by a stored unit name has no need of: writers' modules, JSON, TinyDB, typing …
UNNEEDED = ("platformdirs", "tempfile", "uuid", "getpass", "orjson", "tinydb", "typing", "threading", "json",
            "govtui.domain.units", "govtui.domain.deadlines")


def loaded(args: list[str], watched: tuple[str, ...]) -> str:
    """Which of ``watched`` (top-level packages or whole module names) the ``govtui`` command line ``args`` loads."""
    code = LOADED_CHECK.format(args=args, watched=watched)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("LOADED:"), result.stderr[-300:]
    return last.removeprefix("LOADED:")


def test_lookup_does_not_import_the_ui_or_click(seeded: Path) -> None:
    for args in (["--db", str(seeded), "--unit", "办公室"], ["--db", str(seeded), "--unit", "bgs", "--json"],
                 ["--db", str(seeded), "--overdue", "--plan", "1"]):
        assert loaded(args, HEAVY) == ""
    # anything else goes through click (and still never loads the UI)
    assert loaded(["--db", str(seeded), "plans"], HEAVY) == "click"


def test_a_start_keeps_the_compiled_modules_where_python_is_told_not_to_write_them(run, seeded: Path) -> None:
    """Under PYTHONDONTWRITEBYTECODE (common on servers) a source install would compile every module at
    every start; govtui keeps its own compiled modules, as an installed package's are kept."""
    import importlib.util

    import govtui.cli.lookup as module

    cached = Path(importlib.util.cache_from_source(module.__file__))
    cached.unlink(missing_ok=True)
    result = run("--unit", "办公室", env={"PYTHONDONTWRITEBYTECODE": "1"})
    assert result.returncode == 0, result.stderr
    assert cached.is_file()


def test_fast_path_and_click_path_agree(run, seeded: Path) -> None:
    run("set", "1-4", "--status", "doing")
    cases = [["--unit", "办公室"], ["-u", "bgs", "--json"], ["--unit=办公室", "--role", "lead"], ["--status", "进行中"],
             ["--search", "公开", "--plan", "2"], ["--unit", "财务室", "--include-generic", "--json"],
             ["--unit", "股"], ["--unit", "没有"], ["--overdue"]]
    for args in cases:
        fast = run(*args)
        slow = run(*args, env={"GOVTUI_FAST_LOOKUP": "0"})
        assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr), args


def test_help_teaches(run) -> None:
    result = run("--help", use_db=False)
    assert result.returncode == 0
    for word in ("--unit", "--role", "--overdue", "import", "show", "set", "units", "例 (examples)",
                 "用法 (Usage):", "选项 (Options)", "命令 (Commands)", "显示本帮助并退出"):
        assert word in result.stdout


def test_store_is_utf8_whatever_the_locale(run, db: Path) -> None:
    env = {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "", "PYTHONUTF8": "0"}
    result = run("import", str(TABLE_SAMPLE), env=env)
    assert result.returncode == 0, result.stderr
    raw = b"".join(p.read_bytes() for p in [db, *parts_dir(db).iterdir()])
    assert "淮南市残疾人联合会".encode() in raw
    shown = run("--unit", "办公室", env=env)
    assert shown.returncode == 0 and "办公室" in shown.stdout


def test_set_units_and_deadline_like_the_editor(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    """`govtui set --units/--deadline` does what `e` does in the app: one undo step, new units confirmed."""
    before = seeded.read_bytes()
    refused = run("set", "1-9", "--units", "办公室(牵头)、法规科", "--deadline", "6月底前", input="")
    assert refused.returncode != 0 and "法规科" in refused.stderr and "--yes" in refused.stderr
    assert seeded.read_bytes() == before  # nothing written, not even the deadline
    empty = run("set", "1-9", "--units", " 、 ")
    assert empty.returncode == 2 and "不能为空" in empty.stderr and "Traceback" not in empty.stderr
    done = run("set", "1-9", "--units", "办公室(牵头)、法规科", "--deadline", "6月底前", "--yes")
    assert done.returncode == 0, done.stderr
    assert "办公室(牵头)、法规科" in done.stdout and "2024-06-30" in done.stdout
    task = json.loads(run("show", "1-9", "--json").stdout)
    assert [(u["name"], u["role"]) for u in task["units"]] == [("办公室", "lead"), ("法规科", "responsible")]
    assert task["deadline"] == {"text": "6月底前", "due": "2024-06-30", "kind": "date"}
    assert "1-9" in [t["id"] for t in json.loads(run("--unit", "法规科", "--json").stdout)]
    assert run("undo").returncode == 0  # units and deadline together: one step back
    task = json.loads(run("show", "1-9", "--json").stdout)
    assert task["deadline"]["text"] == "持续推进" and "法规科" not in {u["name"] for u in task["units"]}
    known = run("set", "1-9", "--units", "办公室（牵头）、各科室（配合）")  # known names: no question
    assert known.returncode == 0, known.stderr


def test_export_format_from_the_file_name(run, seeded: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name, magic in (("进度.xlsx", b"PK"), ("进度.csv", "\ufeff".encode()), ("进度.md", b"#"), ("进度.json", b"[")):
        result = run("export", "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).read_bytes().startswith(magic), name
    unknown = run("export", "-o", str(tmp_path / "进度.txt"))
    assert unknown.returncode == 2 and "-f" in unknown.stderr and not (tmp_path / "进度.txt").exists()
    assert run("export", "-f", "csv", "-o", str(tmp_path / "进度.txt")).returncode == 0
    clash = run("export", "-f", "md", "-o", str(tmp_path / "x.csv"))
    assert clash.returncode == 2 and "不一致" in clash.stderr and not (tmp_path / "x.csv").exists()
    assert run("export", "-o", "-").returncode == 2  # stdout needs -f


INDEX_ONLY = """
import sys
from govtui.cli.launcher import main
from govtui.store.storage import SafeJSONStorage

def refuse(self):
    raise SystemExit("the store was read")

SafeJSONStorage._parse_file = refuse
sys.argv = ["govtui", *{args!r}]
main()
"""


def test_json_lookups_are_answered_from_the_index(run, seeded: Path, tmp_path: Path) -> None:
    run("set", "1-4", "--status", "doing", "--note", "已报送")
    cases = [["--unit", "办公室", "--json"], ["--unit", "财务室", "--include-generic", "--json"],
             ["--status", "进行中", "--json"], ["--overdue", "--plan", "1", "--json"]]
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    for args in cases:
        first = run(*args)  # builds the index
        code = INDEX_ONLY.format(args=["--db", str(seeded), *args])
        from_index = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        # the same answer as a full read of the store (no index can be saved in a file's place)
        full = run(*args, env={"GOVTUI_CACHE": str(blocked)})
        assert (from_index.returncode, from_index.stdout) == (full.returncode, full.stdout) == \
            (first.returncode, first.stdout), args


def test_a_lookup_by_a_stored_unit_name_loads_only_what_it_needs(run, seeded: Path) -> None:
    run("--unit", "办公室")  # builds the index
    assert loaded(["--db", str(seeded), "--unit", "办公室"], UNNEEDED) == ""


def _copies(folder: Path, count: int) -> list[str]:
    """``count`` documents: the table sample under other organisations (each a plan of its own)."""
    text = TABLE_SAMPLE.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"copy-{i}.txt"
        path.write_text(text.replace("残疾人联合会", f"第{'一二三四五六'[i]}局"), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_importing_many_documents_shows_a_bar_on_a_terminal_only(run, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pty

    files = _copies(tmp_path, 5)
    piped = run("import", *files)
    assert piped.returncode == 0, piped.stderr
    assert "读取文档" not in piped.stderr and "%" not in piped.stderr  # piped: messages only
    parent, child = pty.openpty()
    other = db.with_name("other.json")
    proc = subprocess.Popen([GOVTUI, "--db", str(other), "import", *files], stdout=subprocess.DEVNULL, stderr=child,
                            env={**os.environ, "COLUMNS": "120"})
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(parent, 4096)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=120) == 0
    os.close(parent)
    shown = seen.decode("utf-8", "replace")
    assert "读取文档" in shown and "5/5" in shown, shown
