"""How well a layout explains a document: a score and, in Chinese, what was seen."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Fit:
    score: float
    reason: str  # shown in the import preview: "22 个编号格, 23 个责任单位格, 有表头"
