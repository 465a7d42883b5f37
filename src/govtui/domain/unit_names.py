"""What a typed unit means: the unit names a person's ``--unit`` text (a name, part of one, its pinyin) stands for,
and how many tasks name each unit (the unit picker's counts)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from govtui.domain.model import Task
from govtui.domain.text import search_key

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: lookups never need it
if TYPE_CHECKING:
    from typing import Any


def unit_counts(tasks: Iterable[Task]) -> dict[str, Counter[str]]:
    """Each unit name → counts by role (and ``generic`` when it is a group)."""
    counts: dict[str, Counter[str]] = {}
    for task in tasks:
        named: set[str] = set()
        roles: set[tuple[str, str]] = set()
        for unit in task.units:  # a unit a task names twice counts once, as a filter finds the task once
            counter = counts.setdefault(unit.name, Counter())
            if (unit.name, unit.role.value) not in roles:
                roles.add((unit.name, unit.role.value))
                counter[unit.role.value] += 1
            if unit.name not in named:
                named.add(unit.name)
                counter["total"] += 1
            if unit.generic:
                counter["generic"] = 1
    return counts


class AmbiguousUnit(ValueError):
    """A typed unit matches several units; ``names`` lists them."""

    def __init__(self, query: str, names: list[str]) -> None:
        super().__init__(f"{query!r} 对应多个单位 (matches several units): {'、'.join(names)}")
        self.names = names


def resolve_units(query: str, known: Iterable[str], pinyin: dict[str, dict[str, Any]] | None = None,
                  *, strict: bool = False) -> list[str]:
    """Unit names a user's ``--unit`` text means.

    The exact name; else pinyin (``bgs``, ``bangongshi``) when the text is Latin letters; else
    every name containing the text.  ``strict``: more than one candidate raises :class:`AmbiguousUnit`
    instead of taking them all.
    """
    known = known if isinstance(known, (set, frozenset)) else set(known)  # an iterator is read once
    if query in known:  # a name as stored (stored names are clean): no need to load the unit rules
        return [query]
    from govtui.domain.pinyin import is_romanised, pinyin_matches
    from govtui.domain.unit_list import clean_name  # its patterns compile only when a unit is looked up

    wanted = clean_name(query)
    names = sorted(known)
    if wanted in names:
        return [wanted]
    found: list[str] = []
    if is_romanised(wanted) and pinyin:
        found = [n for n in pinyin_matches(wanted, pinyin) if n in names]
    if not found:
        key = search_key(wanted)
        found = [n for n in names if key and key in search_key(n)]
    if strict and len(found) > 1:
        raise AmbiguousUnit(query, found)
    return found
