"""click's help wrapped by display cells (govtui.cli.cells): Chinese breaks between characters, never
before closing punctuation, and a line never exceeds its width in terminal columns."""

from __future__ import annotations

import click.formatting

from govtui.cli.cells import chunks, install
from govtui.domain.text import cell_len


def test_chinese_breaks_between_characters_and_keeps_closing_punctuation() -> None:
    assert chunks("公开。下一步") == ["公", "开。", "下", "一", "步"]
    assert chunks("按 (bgs) 查找，可以") == ["按", " ", "(bgs)", " ", "查", "找，", "可", "以"]
    assert chunks("--org 名称") == ["--org", " ", "名", "称"]


def test_wrapped_help_fits_its_width_in_columns() -> None:
    install()
    text = "在任务要求、单位和进展记录中查找文字 (search); 全角和半角标点视为相同。" * 3
    for width in (20, 33, 60):
        lines = click.formatting.wrap_text(text, width, initial_indent="  ", subsequent_indent="    ").splitlines()
        assert all(cell_len(line) <= width for line in lines), lines
        assert not any(line.strip().startswith(("，", "。", "、", ")")) for line in lines), lines
        assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(" ", "")
