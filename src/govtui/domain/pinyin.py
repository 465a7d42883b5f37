"""Pinyin keys for unit names, so staff without a Chinese input method can type ``bgs`` or ``bangongshi``.

Keys are computed when data is written (import, rename, edit) and kept in the store;
lookups only compare strings and never import pypinyin.  Every reading of a character
with several (行 xing/hang, 会 hui/kuai, 调 tiao/diao) is kept, so ``yinhang`` finds
银行 without pypinyin's large phrase dictionary, which would cost a third of a second
to load on each import.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable
from typing import Any

_ASCII_WORD = re.compile(r"[A-Za-z]+")
MAX_VARIANTS = 32


def _as_is(chars: str) -> Any:
    """Characters without a reading (letters, digits) stay as they are, one item each."""
    return [[c] for c in chars]


def pinyin_keys(name: str) -> dict[str, list[str]]:
    """``银行科`` → ``{"full": ["yinxingke", "yinhangke"], "initials": ["yxk", "yhk"]}``."""
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
    from pypinyin import Style, pinyin

    readings: list[list[str]] = []
    for options in pinyin(name, style=Style.NORMAL, heteronym=True, errors=_as_is):
        kept = [o.lower() for o in options if o.strip() and o.isalnum()][:3]
        if kept:
            readings.append(list(dict.fromkeys(kept)))
    full: list[str] = []
    initials: list[str] = []
    for combo in itertools.islice(itertools.product(*readings), MAX_VARIANTS):
        full.append("".join(combo))
        initials.append("".join(s[0] for s in combo))
    return {"full": list(dict.fromkeys(full)), "initials": list(dict.fromkeys(initials))}


def keys_for(names: Iterable[str]) -> dict[str, dict[str, list[str]]]:
    return {name: pinyin_keys(name) for name in set(names)}


def is_romanised(query: str) -> bool:
    """Whether a typed query is pinyin (ASCII letters only), not Chinese text."""
    return bool(query) and bool(_ASCII_WORD.fullmatch(query.strip()))


def _variants(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def search_keys(keys: dict[str, str | list[str]]) -> list[str]:
    """All the strings a unit can be typed as (for the app's unit picker)."""
    return [*_variants(keys.get("full")), *_variants(keys.get("initials"))]


def pinyin_matches(query: str, keys: dict[str, dict[str, str | list[str]]]) -> list[str]:
    """Unit names whose pinyin the query spells: exact full or initials first, else a prefix of either."""
    q = query.strip().lower()
    exact = sorted(n for n, k in keys.items() if q in search_keys(k))
    if exact:
        return exact
    return sorted(n for n, k in keys.items() if any(v.startswith(q) for v in search_keys(k)))
