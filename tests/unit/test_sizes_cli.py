"""The command line at any width, in the app's words: rows never wrapped by the terminal, an overdue task
with the status someone set, a date said once, no brackets in brackets, the history in ``show``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from govtui.domain.text import cell_len, cell_width, pad, truncate

Run = Callable[..., CompletedProcess[str]]
ON = {"GOVTUI_TODAY": "2024-07-01"}


@pytest.fixture
def late(seeded: Path, run: Run) -> Path:
    """1-1 进行中 and due at the end of June, 1-8 due on 10 July (given as a date), on 1 July 2024."""
    assert run("set", "1-1", "--deadline", "6月底前", "--status", "doing", env=ON).returncode == 0
    assert run("set", "1-8", "--deadline", "2024-07-10", env=ON).returncode == 0
    return seeded


@pytest.mark.parametrize("width", [60, 80])
def test_report_fits_the_terminal_row_by_row(late: Path, run: Run, width: int) -> None:
    for args in (("report",), ("report", "--plan", "1", "--no-chart")):
        out = run(*args, env={**ON, "COLUMNS": str(width)})
        assert out.returncode == 0, out.stderr
        too_wide = [line for line in out.stdout.splitlines() if cell_len(line) > width]
        assert too_wide == [], too_wide
        assert "受阻" in out.stdout.splitlines()[0]  # the header whole, on one line


def test_report_keeps_its_bars_where_there_is_room(late: Path, run: Run) -> None:
    assert "░" in run("report", env={**ON, "COLUMNS": "120"}).stdout


@pytest.mark.parametrize("width", [50, 60, 120])
def test_lookups_show_the_status_set_as_the_app_does(late: Path, run: Run, width: int) -> None:
    out = run("--overdue", env={**ON, "COLUMNS": str(width)}).stdout
    row = next(line for line in out.splitlines() if line.startswith("1-1 "))
    assert "进行中·逾期" in row or "!进行中" in row, row
    assert all(cell_len(line) <= max(width, 60) for line in out.splitlines())
    if width >= 100:
        assert "进行中·逾期1天" in row


def test_remind_says_a_date_once_and_nests_no_brackets(late: Path, run: Run) -> None:
    out = run("remind", "--unit", "办公室", env=ON).stdout
    assert "时限：2024-07-10，剩 7 个工作日 · 9 天" in out  # not 2024-07-10（2024-07-10）
    assert "时限：6月底前（2024-06-30），逾期 1 天 · 1 个工作日" in out
    shown = run("show", "1-1", env=ON).stdout
    assert "(逾期 1 天 · 1 个工作日)" in shown
    for text in (out, shown):
        for line in text.splitlines():
            depth = 0
            for ch in line:
                depth += ch in "(（"
                assert depth <= 1, line
                depth -= ch in ")）"


def test_show_prints_the_history_the_app_shows(late: Path, run: Run) -> None:
    shown = run("show", "1-1", env=ON).stdout
    assert "修改历史" in shown
    history = shown.split("修改历史")[1]
    assert "状态 未开始 → 进行中" in history and "时限 持续推进 → 6月底前" in history


def _cut_one_by_one(text: str, width: int, ellipsis: str = "…") -> str:
    """What a cut means, one character at a time: the longest start within the width, marked when cut."""
    if sum(map(cell_width, text)) <= width:
        return text
    room, used, keep = width - cell_width(ellipsis), 0, 0
    for i, char in enumerate(text):
        used += cell_width(char)
        if used > room:
            break
        keep = i + 1
    return text[:keep] + ellipsis


def test_cells_are_cut_and_padded_as_one_character_at_a_time() -> None:
    import random

    rng = random.Random(5)
    alphabet = "ab 1政务公开办公室(、)·…\u200b\u0301全角ＡＢ"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        width = rng.randint(1, 45)
        expected = _cut_one_by_one(text, width)
        assert truncate(text, width) == expected, (text, width)
        padded = pad(text, width)
        assert padded.rstrip(" ") == expected.rstrip(" ") and cell_len(padded) == width, (text, width)
