"""Every command, given a person's mistakes, answers with one line and an exit code — never a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from govtui.store.parts import parts_dir

from ..conftest import GOVTUI

#: Root ignores file modes; without these capabilities it meets them as any user does.
AS_ORDINARY_USER = (["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]
                    if os.geteuid() == 0 and shutil.which("setpriv") else [])


def govtui(*args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None,
           stdin: str = "") -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "COLUMNS": "120", **(env or {})}
    return subprocess.run([*(prefix or []), GOVTUI, *args], capture_output=True, text=True, input=stdin,
                          env=full_env, timeout=60)


CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int = 2) -> None:
    """One message, in Chinese, and the exit code — never a traceback."""
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, "no message"
    assert lines[-1].startswith(("govtui: ", "错误 (Error): ")), result.stderr
    assert CJK.search(lines[-1]), f"the message is not in Chinese: {result.stderr}"


def test_bad_paths_ids_and_values(seeded: Path, tmp_path: Path) -> None:
    db = str(seeded)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    before = seeded.read_bytes()
    cases: list[tuple[list[str], int]] = [
        (["export", "-f", "csv", "-o", "/nonexistent/x.csv"], 2),
        (["export", "-f", "md", "-o", "/nonexistent/x.md"], 2),
        (["export", "-f", "xlsx", "-o", "/nonexistent/x.xlsx"], 2),
        (["export", "-f", "csv", "-o", str(folder)], 2),
        (["export", "-f", "csv", "--plan", "99", "-o", str(tmp_path / "x.csv")], 2),
        (["export", "-f", "csv", "--unit", "不存在的单位", "-o", str(tmp_path / "x.csv")], 2),
        (["show", "9-99"], 2),
        (["show", "../../etc/passwd"], 2),
        (["set", "9-99", "--status", "done"], 2),
        (["set", "1-1", "--status", "finished"], 2),
        (["set", "1-1"], 2),
        (["history", "9-99"], 2),
        (["apply", "/nonexistent/changes.jsonl"], 2),
        (["apply", str(folder)], 2),
        (["report", "--plan", "99"], 2),
        (["units", "rename", "不存在的单位", "新"], 2),
        (["units", "merge", "不存在的单位", "办公室"], 2),
        (["units", "rename", "办公室", "  "], 2),
        (["import", "/nonexistent/plan.txt"], 2),
        (["import", str(folder)], 2),
        (["due", "--within", "-3"], 2),
        (["due", "--unit", "不存在的单位"], 2),
        (["--unit", "不存在的单位"], 2),
        (["--status", "finished"], 2),
        (["restore", "--backup", "9", "--yes"], 2),
        (["ui", "--unit", "不存在的单位"], 2),
        (["ui", "--status", "finished"], 2),
        (["redo"], 1),  # nothing to redo (undo would take back the sample imports: test_undo_actions.py)
    ]
    for args, code in cases:
        assert_clean_failure(govtui("--db", db, *args), code)
    assert seeded.read_bytes() == before


def test_usage_mistakes_are_told_in_chinese(seeded: Path) -> None:
    """click's own usage errors (unknown option or command, a missing or bad value) speak Chinese too,
    with the usage line and the hint in Chinese before them."""
    db = str(seeded)
    cases: list[tuple[list[str], str]] = [
        (["--bogus"], "没有选项 '--bogus'"),
        (["show"], "缺少参数"),
        (["nosuch"], "没有命令 'nosuch'"),
        (["--role", "boss", "--unit", "办公室"], "不在可选值"),
        (["due", "--within", "x"], "不是有效的数字"),
        (["restore", "--backup", "11"], "不在范围"),
        (["export", "-o"], "需要一个值"),
        (["units", "rename", "办公室"], "缺少参数"),
        (["show", "1-1", "1-2"], "多出了参数"),
        (["set", "1-1", "--status", "finished"], "不认识的状态"),
        (["due", "--within", "3", "--days", "2"], "只能给一个"),
    ]
    for args, words in cases:
        result = govtui("--db", db, *args)
        assert_clean_failure(result)
        assert words in result.stderr, (args, result.stderr)
        assert "Error:" not in result.stderr.replace("错误 (Error):", ""), result.stderr
    usage = govtui("--db", db, "show")
    assert "用法 (Usage): govtui show" in usage.stderr and "用 'govtui show --help' 查看帮助" in usage.stderr


def help_pages() -> list[list[str]]:
    """The command words of every help page: the group's, each command's, each subcommand's."""
    from govtui.cli.main import cli

    pages: list[list[str]] = [[]]
    for name, command in cli.commands.items():  # type: ignore[attr-defined]
        pages.append([name])
        pages.extend([name, sub] for sub in getattr(command, "commands", {}))
    return pages


def test_every_help_page_fits_an_80_column_terminal() -> None:
    """Help is laid out by display cells: no line wider than the terminal, option descriptions in one column."""
    from govtui.domain.text import cell_len

    for words in help_pages():
        out = govtui(*words, "--help", env={"COLUMNS": "80"}).stdout
        assert max(cell_len(line) for line in out.splitlines()) <= 80, (words, out)
        options = out.split("选项 (Options):\n", 1)[1].split("\n\n", 1)[0].splitlines()
        starts = set()
        for line in options:  # "  --org 名称   制发单位…": the description starts where the others' do
            found = re.match(r"  (\S.*?)  +(?=\S)", line)
            if found:
                starts.add(cell_len(found.group(0)))
        assert len(starts) <= 1, (words, options)


def test_every_help_page_is_chinese_first() -> None:
    """``--help`` of every command: the headings, the help option and the command's own words in Chinese."""
    for words in help_pages():
        result = govtui(*words, "--help")
        assert result.returncode == 0, (words, result.stderr)
        out = result.stdout
        assert out.startswith("用法 (Usage): govtui") and "选项 (Options):" in out, out
        assert "显示本帮助并退出" in out, out
        summary = next(line for line in out.splitlines()[1:] if line.strip())
        assert CJK.match(summary.strip()) or summary.strip().startswith("govtui — "), (words, summary)
        for english in ("Show this message", "Usage:", "Options:", "Commands:", "[default:"):
            assert english not in out.replace("(Usage):", "").replace("(Options):", "").replace(
                "(Commands):", ""), (words, english)


def test_bad_dates(seeded: Path) -> None:
    for args in (["due"], ["--overdue"], ["report"], ["show", "1-1"], ["--unit", "办公室"],
                 ["export", "-f", "json", "-o", "-"]):
        result = govtui("--db", str(seeded), *args, env={"GOVTUI_TODAY": "2024-13-45"})
        assert_clean_failure(result)
        assert "GOVTUI_TODAY" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_missing_folder_for_the_store(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "data" / "huainan-2024-task-division.txt"
    for args in (["plans"], ["--unit", "办公室"], ["show", "1-1"], ["ui"], ["import", str(sample)], ["units"],
                 ["history"], ["set", "1-1", "--status", "done"], ["export", "-f", "csv", "-o", "-"]):
        result = govtui("--db", "/typo/dir/x.json", *args)
        assert_clean_failure(result)
        assert "/typo/dir" in result.stderr and "不存在" in result.stderr
    assert not Path("/typo").exists()


@pytest.mark.skipif(os.geteuid() == 0 and not AS_ORDINARY_USER, reason="root without setpriv ignores file modes")
def test_read_only_store_and_unwritable_folders(seeded: Path, tmp_path: Path) -> None:
    changes = tmp_path / "changes.jsonl"
    changes.write_text('{"id": "1-1", "status": "done"}\n', encoding="utf-8")
    readonly_dir = tmp_path / "ro"
    readonly_dir.mkdir()
    sample = Path(__file__).resolve().parent.parent.parent / "data" / "huainan-2024-task-division.txt"
    writes = [["set", "1-1", "--status", "done"], ["set", "1-1", "--note", "记录"], ["units", "rename", "办公室", "局办"],
              ["undo"], ["redo"], ["import", str(sample)], ["apply", str(changes)], ["restore", "--yes"]]
    # 1. a read-only store file in a writable folder
    seeded.chmod(0o444)
    before = seeded.read_bytes()
    try:
        for args in writes:
            result = govtui("--db", str(seeded), *args, prefix=AS_ORDINARY_USER)
            assert_clean_failure(result)
        assert seeded.read_bytes() == before
        # reading still works
        assert govtui("--db", str(seeded), "show", "1-1", prefix=AS_ORDINARY_USER).returncode == 0
        # 2. a store in a folder nobody may write
        seeded.chmod(0o644)
        (readonly_dir / "store.json").write_bytes(before)
        shutil.copytree(parts_dir(seeded), parts_dir(readonly_dir / "store.json"))
        readonly_dir.chmod(0o555)
        for args in writes:
            result = govtui("--db", str(readonly_dir / "store.json"), *args, prefix=AS_ORDINARY_USER)
            assert_clean_failure(result)
            if args[0] != "restore":  # restore first says there is no backup to bring back
                assert "只读" in result.stderr or "不可写" in result.stderr or "权限" in result.stderr, result.stderr
        # 3. exporting into that folder
        for fmt in ("csv", "xlsx", "md"):
            result = govtui("--db", str(seeded), "export", "-f", fmt, "-o", str(readonly_dir / f"x.{fmt}"),
                            prefix=AS_ORDINARY_USER)
            assert_clean_failure(result)
        assert sorted(p.name for p in readonly_dir.iterdir()) == ["store.json", "store.json.parts"]
    finally:
        seeded.chmod(0o644)
        readonly_dir.chmod(0o755)


def test_app_without_a_terminal_says_so_and_exits_2(seeded: Path) -> None:
    for args in ([], ["ui"], ["ui", "--unit", "办公室"]):
        result = subprocess.run([GOVTUI, "--db", str(seeded), *args], capture_output=True, text=True,
                                stdin=subprocess.DEVNULL, timeout=20)
        assert result.returncode == 2, result.stderr
        assert "终端" in result.stderr and "terminal" in result.stderr
        assert "Traceback" not in result.stderr
