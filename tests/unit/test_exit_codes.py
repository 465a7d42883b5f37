"""Every command held to the README's one exit-code table: 0 done or found, 1 nothing matched (nothing due,
nothing to undo, a question answered no), 2 usage or input error (an unknown option, path, id, unit, plan
or a date that does not exist; a refused change), 130 interrupted (Ctrl+C).  A command not in the table
below fails the test, so a new one must be given its codes."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import time
from pathlib import Path

from govtui.cli.main import cli

from ..conftest import GOVTUI

#: Command → (arguments, expected exit code) cases, run in order against the two sample plans.
CASES: dict[str, list[tuple[tuple[str, ...], int]]] = {
    "(lookup)": [(("--unit", "办公室"), 0), (("--search", "不可能出现的文字"), 1), (("--unit", "没有这个科"), 2),
                 (("--plan", "9"), 2), (("--status", "bogus"), 2), (("--bogus",), 2)],
    "plans": [((), 0)],
    "show": [(("1-1",), 0), (("9-99",), 2)],
    "set": [(("1-1", "--status", "doing"), 0), (("1-1", "--deadline", "2024-02-30"), 2), (("9-99", "-s", "done"), 2)],
    "history": [(("1-1",), 0), (("1-2",), 1), (("9-99",), 2)],
    "undo": [((), 0)],
    "redo": [((), 0), ((), 1)],
    "note edit": [(("1-1", "改过的"), 2)],
    "note delete": [(("1-1",), 2)],
    "add": [(("--plan", "1", "新任务"), 0), (("--plan", "9", "新任务"), 2)],
    "delete": [(("1-N1", "--yes"), 0), (("1-N1", "--yes"), 2)],
    "archive": [(("2",), 0), (("9",), 2)],
    "unarchive": [(("2",), 0), (("9",), 2)],
    "units": [((), 0)],
    "units rename": [(("市民生办", "民生办"), 0), (("没有这个科", "别的科"), 2)],
    "units merge": [(("民生办", "办公室"), 0), (("没有这个科", "办公室"), 2)],
    "report": [((), 0), (("--plan", "9"), 2)],
    "due": [(("--days", "5"), 1), (("--unit", "没有这个科"), 2)],
    "remind": [(("--unit", "没有这个科"), 2)],
    "export": [(("-o", "-", "-f", "csv"), 0), (("-o", "-", "-f", "csv", "--plan", "9"), 2)],
    "annual-report": [(("--plan", "9", "-o", "x.md"), 2)],
    "carry-over": [(("--from", "2025", "--to", "2024"), 2)],
    "apply": [(("/no/such/file",), 2)],
    "check": [((), 0)],
    "restore": [(("--backup", "9"), 2)],
    "import": [(("/no/such/file.docx",), 2)],
    "confirm": [(("1-1",), 1), (("9-99",), 2)],
    "plan delete": [(("9", "--yes"), 2), (("2", "--yes"), 0)],
    "task merge": [(("1-4",), 0), (("1-1",), 2), (("9-9",), 2)],
    "task split": [(("1-9", "--at", "2"), 0), (("1-9", "--at", "9"), 2), (("1-9",), 2)],
    "task promote": [(("1-6",), 0), (("9-9",), 2)],
    "task demote": [(("1", "s11"), 0), (("1", "没有这个标题"), 2)],
    "task move": [(("1-7", "--to", "s2"), 0), (("1-7", "--to", "没有这个标题"), 2)],
    "task drop": [(("1-8",), 0), (("1-8",), 2)],
    "task units": [(("1-1", "1-2", "--units", "办公室"), 0), (("1-1", "--units", "新科"), 2),
                   (("9-9", "--units", "办公室"), 2)],
    "plan set": [(("1", "--org", "某局"), 0), (("1", "--org", "某局"), 2), (("9", "--org", "某局"), 2), (("1",), 2)],
    "ui": [(("--unit", "没有这个科"), 2)],
}


def commands() -> set[str]:
    found = set()

    def walk(group: object, prefix: str = "") -> None:
        for name, command in getattr(group, "commands", {}).items():
            if getattr(command, "commands", None):
                walk(command, f"{prefix}{name} ")
            else:
                found.add(prefix + name)

    walk(cli)
    return found | {"(lookup)", "units"}


def test_every_command_has_its_exit_codes_in_the_table() -> None:
    assert commands() == set(CASES)


def test_every_command_exits_as_the_readme_table_says(run, seeded: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for code in ("| `0` |", "| `1` |", "| `2` |", "| `3` |", "| `130` |"):
        assert code in readme, code
    os.chdir(tmp_path)
    wrong = []
    for command, cases in CASES.items():
        words = () if command == "(lookup)" else tuple(command.split())
        for args, expected in cases:
            result = run(*words, *args, env={"GOVTUI_TODAY": "2024-01-02"})
            if result.returncode != expected or "Traceback" in result.stderr:
                wrong.append((command, args, expected, result.returncode, result.stderr.strip()[-200:]))
    assert not wrong, wrong


def test_ctrl_c_exits_130_and_leaves_the_store(seeded: Path) -> None:
    main, child = pty.openpty()
    before = seeded.read_bytes()
    process = subprocess.Popen([GOVTUI, "--db", str(seeded), "plan", "delete", "1"], stdin=child,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 60
    asked = b""
    while "删除这个计划".encode() not in asked and time.monotonic() < deadline:  # the question is on screen
        asked += os.read(process.stdout.fileno(), 4096)  # type: ignore[union-attr]
    wchan = Path(f"/proc/{process.pid}/wchan")
    while wchan.exists() and wchan.read_text() not in ("n_tty_read", "wait_woken") and time.monotonic() < deadline:
        pass  # until it waits for the answer (Linux: the kernel says where the process sleeps)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    os.close(main)
    os.close(child)
    assert process.returncode == 130 and "已中断" in err and "Traceback" not in err
    assert seeded.read_bytes() == before
