"""Exports: one file mode for every format, the 汇总 sheet sized to what it holds, Markdown details nested
under their task whatever the number's width."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from govtui.domain.text import cell_len

Run = Callable[..., CompletedProcess[str]]


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "md", "json"])
def test_every_export_is_written_in_the_stores_file_mode(seeded: Path, run: Run, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "exports" / f"进展.{fmt}"
    out.parent.mkdir()
    result = run("export", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == stat.S_IMODE(seeded.stat().st_mode) == 0o600


def test_the_summary_sheet_has_column_widths(seeded: Path, run: Run, tmp_path: Path) -> None:
    out = tmp_path / "进展.xlsx"
    assert run("export", "-o", str(out)).returncode == 0
    summary = load_workbook(out)["汇总"]
    title = summary["A2"].value
    assert summary.column_dimensions["A"].width >= cell_len(title)  # a Chinese character is two wide
    assert all(summary.column_dimensions[c].width >= 8 for c in "BCDEFG")


def test_markdown_details_nest_under_one_and_two_digit_task_numbers(seeded: Path, run: Run) -> None:
    md = run("export", "-f", "md", "--plan", "1", "-o", "-").stdout
    assert "\n10. " in md  # a two-digit task number
    html = MarkdownIt().render(md)
    # every detail list sits inside its task's item: no top-level list of details
    tokens = MarkdownIt().parse(md)
    top_bullets = [t for t in tokens if t.type == "bullet_list_open" and t.level == 0]
    assert top_bullets == [], html[:2000]
    assert html.count("<li>") >= 22 * 2  # 22 tasks, each with its details
