"""The packed search texts find exactly the rows a plain ``needle in text`` finds, across chunk edges and changes."""

from __future__ import annotations

import random

from govtui.domain.search_texts import CHUNK, SearchTexts


def test_rows_are_those_whose_text_holds_the_needle_across_chunks_and_after_a_change() -> None:
    rng = random.Random(5)
    words = ["政务", "公开", "政策", "解读", "办公室", "2024", "a", "ab", "公开政务"]
    texts = ["".join(rng.choice(words) for _ in range(rng.randint(0, 6))) for _ in range(CHUNK * 2 + 7)]
    packed = SearchTexts(texts)
    for needle in ("政务", "公开政", "办公室2024", "ab", "策解读政", "zz"):
        assert packed.rows(needle) == {i for i, t in enumerate(texts) if needle in t}, needle
    assert [packed.text(i) for i in range(len(texts))] == texts
    for row in (0, CHUNK - 1, CHUNK, len(texts) - 1):
        texts[row] = "新的文字办公室"
        packed.replace(row, texts[row])
    assert packed.rows("新的文字") == {0, CHUNK - 1, CHUNK, len(texts) - 1}
    assert packed.rows("办公室") == {i for i, t in enumerate(texts) if "办公室" in t}
    assert [packed.text(i) for i in range(len(texts))] == texts


def test_no_text_and_empty_texts_find_nothing() -> None:
    assert SearchTexts([]).rows("政务") == set()
    assert SearchTexts(["", "", ""]).rows("政务") == set()
