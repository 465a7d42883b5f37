"""One date parser for every field a person types a date in: deadlines (`set --deadline`, `A`, `e`) and
the proof's publication date refuse a date that does not exist, instead of keeping text that looks like
a date and is never due."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govtui.domain.deadlines import DateError, parse_date, parse_typed_deadline
from govtui.domain.proof import ProofError, make_proof
from govtui.store.storage import read_store


@pytest.mark.parametrize("text", ["2024-02-30", "2024-13-45", "2023/2/29", "2024年4月31日", "2024.0.10"])
def test_a_date_that_does_not_exist_is_refused_in_every_field(text: str) -> None:
    with pytest.raises(DateError, match="不存在"):
        parse_date(text)
    with pytest.raises(DateError, match="不存在"):
        parse_typed_deadline(f"{text}前", 2024)
    with pytest.raises(ProofError, match="不存在"):
        make_proof("https://example.org/1", date=text)


def test_real_dates_and_phrases_are_read_as_before() -> None:
    assert parse_date("２０２４年２月２９日") == dt.date(2024, 2, 29)
    assert parse_typed_deadline("2024-02-29", 2024).due == dt.date(2024, 2, 29)
    assert parse_typed_deadline("6月底前", 2024).due == dt.date(2024, 6, 30)
    assert parse_typed_deadline("持续推进", 2024).due is None
    with pytest.raises(DateError, match="无法识别"):
        parse_date("下周")


def test_set_and_add_refuse_a_date_that_does_not_exist_and_leave_the_store(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    before = read_store(seeded)
    for args in (("set", "1-1", "--deadline", "2024-02-30"), ("set", "1-1", "--deadline", "2024-13-45"),
                 ("add", "--plan", "1", "--deadline", "2024-04-31", "新任务")):
        result = run(*args)
        assert result.returncode == 2 and "不存在" in result.stderr and "Traceback" not in result.stderr, args
        assert read_store(seeded) == before
    done = run("set", "1-1", "--deadline", "2024-02-29")
    assert done.returncode == 0 and "2024-02-29" in done.stdout
