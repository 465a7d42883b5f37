"""Typing units in the task editor: suggestions for the unit being typed (Chinese or pinyin), and the
check before saving (not empty; which names are new).  No Textual here: the editor screen uses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from govtui.domain.model import Unit

_SEPARATORS = re.compile(r"[、,，;；:：\s]")
_ROLE_ENDINGS = ("牵头", "配合", "负责", "协助")
MAX_SUGGESTIONS = 6


def current_segment(text: str, cursor: int) -> tuple[int, str]:
    """Where the unit name being typed (before the cursor) starts, and what has been typed of it."""
    before = text[:cursor]
    start = max((m.end() for m in _SEPARATORS.finditer(before)), default=0)
    return start, before[start:]


def suggest(segment: str, names: Iterable[str], pinyin: dict[str, dict[str, Any]]) -> list[str]:
    """Known unit names the typed text may mean: by pinyin (``bgs``, ``bangong``) or by characters."""
    from govtui.domain.pinyin import is_romanised, pinyin_matches

    typed = segment.strip()
    if not typed or typed.endswith(_ROLE_ENDINGS):
        return []
    known = sorted(set(names))
    if typed in known:
        return []
    if is_romanised(typed):
        found = [n for n in pinyin_matches(typed, pinyin) if n in known]
    else:
        found = [n for n in known if n.startswith(typed)] + [n for n in known if typed in n
                                                            and not n.startswith(typed)]
    return found[:MAX_SUGGESTIONS]


def complete(text: str, cursor: int, name: str) -> tuple[str, int]:
    """``text`` with the unit being typed replaced by ``name``; and the new cursor position."""
    start, _ = current_segment(text, cursor)
    new = text[:start] + name + text[cursor:]
    return new, start + len(name)


def check_units(text: str, known: Iterable[str]) -> tuple[list[Unit], list[str]]:
    """The units ``text`` names and those of them not yet known; ``ValueError`` when it names none."""
    from govtui.domain.units import parse_units

    units = parse_units(text)
    if not units:
        raise ValueError("责任单位不能为空 (units cannot be empty): 请至少填写一个单位")
    known_names = set(known)
    new = list(dict.fromkeys(u.name for u in units if u.name not in known_names))
    return units, new
