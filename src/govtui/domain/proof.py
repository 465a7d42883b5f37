"""Proof of publication (公开凭证): where a done task's result was published.

A proof is a small dict kept on the task: ``url`` (the page), ``index_no`` (索引号), ``column``
(栏目), ``date`` (publication date, ISO), plus who recorded it and when.  At least a URL or an
索引号 is needed: that is what an inspector asks for.
"""

from __future__ import annotations

import re
from typing import Any

from govtui.domain.text import strip_controls


class ProofError(ValueError):
    """A proof that cannot be recorded; the message says what to fix (in Chinese)."""


def parse_date(text: str) -> str:
    """``2024-05-06``, ``2024/5/6`` or ``2024年5月6日`` → ``2024-05-06`` (the deadlines' date parser)."""
    from govtui.domain.deadlines import DateError
    from govtui.domain.deadlines import parse_date as read_date

    try:
        return read_date(text).isoformat()
    except DateError as exc:
        raise ProofError(f"公开{exc}") from None


def make_proof(url: str = "", index_no: str = "", column: str = "", date: str = "", *, user: str = "",
               recorded: str = "") -> dict[str, Any]:
    url, index_no, column = (strip_controls(v).strip() for v in (url, index_no, column))
    if not url and not index_no:
        raise ProofError("公开凭证至少要有链接 (URL) 或索引号")
    if url and not re.match(r"^https?://\S+$", url):
        raise ProofError(f"链接 {url!r} 不是网址: 应以 http:// 或 https:// 开头, 且不含空格")
    proof: dict[str, Any] = {"url": url, "index_no": index_no, "column": column,
                             "date": parse_date(date) if date.strip() else ""}
    if user:
        proof["user"] = user
    if recorded:
        proof["recorded"] = recorded
    return proof


def proof_label(proof: dict[str, Any] | None) -> str:
    """One line: ``https://… · 索引号 … · 栏目 … · 2024-05-06`` (empty when there is none)."""
    if not proof:
        return ""
    parts = [proof.get("url", "")]
    if proof.get("index_no"):
        parts.append(f"索引号 {proof['index_no']}")
    if proof.get("column"):
        parts.append(f"栏目 {proof['column']}")
    if proof.get("date"):
        parts.append(str(proof["date"]))
    return " · ".join(p for p in parts if p)
