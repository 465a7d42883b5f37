"""Pinyin keys for unit names, so staff without a Chinese input method can type ``bgs`` or ``bangongshi``.

Keys are computed when data is written (import, rename, edit) and kept in the store;
lookups only compare strings and never import pypinyin.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ASCII_WORD = re.compile(r"[A-Za-z]+")


def pinyin_keys(name: str) -> dict[str, str]:
    """``办公室`` → ``{"full": "bangongshi", "initials": "bgs"}`` (letters and digits kept as they are)."""
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors=lambda x: list(x)) if s.strip()]
    syllables = [s for s in syllables if s.isalnum()]
    return {"full": "".join(syllables), "initials": "".join(s[0] for s in syllables)}


def keys_for(names: Iterable[str]) -> dict[str, dict[str, str]]:
    return {name: pinyin_keys(name) for name in set(names)}


def is_romanised(query: str) -> bool:
    """Whether a typed query is pinyin (ASCII letters only), not Chinese text."""
    return bool(query) and bool(_ASCII_WORD.fullmatch(query.strip()))


def pinyin_matches(query: str, keys: dict[str, dict[str, str]]) -> list[str]:
    """Unit names whose pinyin the query spells: exact full or initials first, else a prefix of either."""
    q = query.strip().lower()
    exact = sorted(n for n, k in keys.items() if q in (k.get("full"), k.get("initials")))
    if exact:
        return exact
    return sorted(n for n, k in keys.items() if k.get("full", "").startswith(q) or k.get("initials", "").startswith(q))
