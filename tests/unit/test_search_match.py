"""Search on printed texts finds exactly what the folded search texts find (``needle in task_search_text``), for
needles and texts in every form the search key folds: full-width, Traditional, upper case, curly quotes, ①, spaces."""

from __future__ import annotations

import random

from govtui.domain.model import Deadline, Note, Role, Task, Unit
from govtui.domain.query import TaskFilter, task_search_text
from govtui.domain.search_match import Needle, kinds
from govtui.domain.task_index import TaskIndex
from govtui.domain.text import search_key

#: Pieces in the forms the key folds, and their folded twins.
PIECES = ["政策", "解读", "辦公室", "办公室", "公开", "ＡＢ", "ab", "Ab", "2024", "２０２４", "年", "①", "1", " ", "\u3000",
          "“", '"', "（一）", "(一)", "，", ",", "İ", "\n", "网站", "網站"]


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 7)))


def test_a_needle_is_found_in_a_printed_text_exactly_when_its_search_key_holds_it() -> None:
    rng = random.Random(11)
    texts = [_text(rng) for _ in range(600)]
    text_kinds = [kinds(text) for text in texts]
    needles = {search_key(_text(rng)) for _ in range(300)} | {"办公室", "政策解读", "ab", "2024", "网站", "(一)", '"'}
    for needle in filter(None, needles):
        expected = [i for i, text in enumerate(texts) if needle in search_key(text)]
        assert Needle(needle).rows(texts, text_kinds) == expected, needle
        assert [i for i, text in enumerate(texts) if Needle(needle).in_text(text)] == expected, needle


def test_the_index_finds_the_tasks_whose_search_text_holds_the_needle_in_any_field() -> None:
    """Text, id, units, deadline and notes each; never a needle across two of them."""
    rng = random.Random(3)
    units = [Unit("辦公室", Role.LEAD), Unit("网站管理中心"), Unit("ＡＢ科", Role.COOPERATE)]
    deadlines = [Deadline("2024年底前"), Deadline("長期堅持"), Deadline()]
    tasks = [Task(f"{i // 7}-{i}", str(i // 7), str(i), i, (), _text(rng),
                  units=rng.sample(units, rng.randint(0, 2)), deadline=rng.choice(deadlines),
                  notes=[Note("2024-01-01T00:00:00+08:00", "张三", _text(rng))] if i % 9 == 0 else ())
             for i in range(400)]
    index = TaskIndex(tasks)
    for needle in ["办公室", "ab科", "2024年底", "长期", "网站", "3-2", "政策", "公开政", "堅持政", "a"]:
        key = search_key(needle)
        expected = {i for i, task in enumerate(tasks) if key in task_search_text(task)}
        assert index.text_rows(key) == expected, needle
        assert index.select(TaskFilter(text=needle), __import__("datetime").date(2024, 6, 1)) == \
            [tasks[i] for i in sorted(expected)], needle


def test_every_character_the_search_key_changes_is_known_to_search() -> None:
    """The search key works a character at a time; every one it changes (white space apart) is in the list that
    search on printed texts is built from, so no variant is missed."""
    from govtui.domain.text import search_key_changes

    changes = search_key_changes()
    missed = [c for c in map(chr, range(0x10000)) if not c.isspace() and search_key(c) != c and c not in changes]
    assert missed == []
