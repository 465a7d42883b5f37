"""A web page's or document's metadata labels (``发布机构: X``, ``名 称 :``, ``标题 X 有效性 有效``, a metadata block
printed as table rows): which kind of fact each names, and its value."""

from __future__ import annotations

import re
from itertools import pairwise

from govtui.domain import vocabulary as V
from govtui.domain.text import normalize

_ALL_LABELS = tuple(w for words in V.META_LABELS.values() for w in words)
_LABEL = re.compile(rf"^\s*({'|'.join(sorted(_ALL_LABELS, key=len, reverse=True))})\s*:\s*")


def _unspaced(text: str) -> str:
    """``名 称: …`` → ``名称: …`` (labels printed with spaces between their characters)."""
    return re.sub(r"^((?:\S\s+){1,5}\S)(?=\s*:)", lambda m: re.sub(r"\s+", "", m.group(1)), text.strip())


#: A title's, body's or summary's label printed without its colon, the value after a space (``标题 某局关于…的通知
#: 有效性 有效``): the value runs to the next label.
_BARE_LABEL = re.compile(rf"^\s*({'|'.join(V.META_LABELS['title'] + V.META_LABELS['organization'][:3])}"
                         r"|内容概述|内容摘要)\s+(?=\S)")
_NEXT_LABEL = re.compile(rf"\s+(?:{'|'.join(sorted(_ALL_LABELS, key=len, reverse=True))})(?:\s|:|$)")


def label_of(line: str) -> tuple[str, str] | None:
    """(kind, value) of a metadata line such as ``发布机构: 广东省卫生健康委员会``; in a metadata block printed as a
    table (``发布机构: | 某局 | 主题分类: | …``) the value is the cell after the label."""
    norm = normalize(_unspaced(line))
    m = _LABEL.match(norm)
    if not m and (bare := _BARE_LABEL.match(norm)) is not None:
        kind = next(k for k, words in V.META_LABELS.items() if bare.group(1) in words)
        return kind, _NEXT_LABEL.split(norm[bare.end():], maxsplit=1)[0].strip()
    if not m:
        return None
    kind = next(k for k, words in V.META_LABELS.items() if m.group(1) in words)
    value = norm[m.end():].strip()
    return kind, value.lstrip("|").split("|")[0].strip() if value.startswith("|") else value


def _bare_label(text: str) -> bool:
    """A cell that is a label alone (``发布机构``, ``索 引 号:``): its value is in the next cell."""
    stripped = normalize(text).strip().rstrip(":").strip()
    found = label_of(stripped + ":") if stripped else None
    return found is not None and not found[1]


def labelled_cells(cells: list[str]) -> list[str]:
    """A metadata block printed as table rows (``标 题 | 某局…任务 |``, ``发布机构: | X | 发布日期: | Y |``): each label
    cell with the cell after it, as the line ``标题: …`` it stands for."""
    return [f"{normalize(label).strip().rstrip(':').strip()}: {value}" for label, value in pairwise(cells)
            if _bare_label(label) and not _bare_label(value)]


def metadata_lines(cells: list[str]) -> list[str] | None:
    """The labelled lines a table row stands for when it is a web page's metadata (``索 引 号: | 1114…/2019-00001 |
    主题分类: | |``): half or more of its cells are labels alone. ``None`` for any other row (a task's)."""
    filled = [c for c in cells if c.strip()]
    labels = sum(1 for c in filled if _bare_label(c))
    return labelled_cells(filled) if filled and labels and labels * 2 >= len(filled) else None
