"""A table's header: which column each header cell names (``具 体 要 求`` → text), and whether a row is one."""

from __future__ import annotations

import re

from govtui.domain import vocabulary as V
from govtui.domain.text import normalize

_HEADER_WORDS = {normalize(word): role for role, words in V.HEADERS.items() for word in words}


def header_role(text: str) -> str | None:
    """The column a header cell names (``具 体 要 求`` → text), or ``None``."""
    norm = normalize(text)
    key = re.sub(r"[\s():]", "", norm)
    if key in _HEADER_WORDS:
        return _HEADER_WORDS[key]
    key = re.sub(r"[\s:]|\([^()]*\)", "", norm)  # 牵头单位(股室), 完成时限(截止时间): the words outside the brackets
    if key in _HEADER_WORDS:
        return _HEADER_WORDS[key]
    if re.search(r"(单位|科室|部门|股室|处室)[及和与、]", key) and ("时限" in key or "时间" in key or "要求" in key):
        return "units"  # 责任单位及完成时限, 责任单位和工作要求: units, each with its deadline or duty beside it
    if 2 <= len(key) <= 8 and key.endswith(("单位", "科室", "部门", "股室", "处室")):
        return "units"
    words = re.fullmatch(r"(.{2,6}?)[及和与、](?:具体|工作)?要求", key)
    if words is not None and _HEADER_WORDS.get(words.group(1)) in ("group", "text"):
        return "text"  # 工作任务及要求: the task and what it asks, one column
    if 2 <= len(key) <= 8 and (key.startswith(("完成时", "时限")) or key.endswith(("时限", "时间"))):
        return "deadline"
    return None


def header_run(lines: list[str]) -> tuple[int, int] | None:
    """(start, end) of the first run of two or more header cells, one a line (序号, 具体要求, 责任单位 …)."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and header_role(lines[j]):
            j += 1
        if j - i >= 2:
            return i, j
        i = j + 1
    return None


def heads_task_table(names: list[str]) -> bool:
    """A header naming a task's text (工作任务, 具体要求) and who does it or by when (责任单位, 完成时限): its rows are
    tasks even where the page ended before their unit and deadline cells."""
    roles = {header_role(name) for name in names}
    return bool(roles & {"text", "group"}) and bool(roles & {"units", "lead", "cooperate", "deadline"})


def is_header(texts: list[str]) -> bool:
    filled = [t for t in texts if t.strip()]
    named = [t for t in filled if header_role(t)]
    return len(named) >= 2 and len(named) * 2 >= len(filled) and not any(is_sentence(t) for t in filled)


def is_sentence(text: str) -> bool:
    """A cell holding a sentence (a requirement), which no header cell is."""
    return len(normalize(text)) > 30 or "。" in normalize(text).rstrip("。")
