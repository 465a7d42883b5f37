import datetime as dt

import pytest

from govtui.domain.deadlines import looks_like_deadline, parse_deadline
from govtui.domain.model import DeadlineKind

D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        ("持续推进", DeadlineKind.ONGOING, None),
        ("长期坚持", DeadlineKind.ONGOING, None),
        ("长期推进", DeadlineKind.ONGOING, None),
        ("6月底前", DeadlineKind.DATE, D(2024, 6, 30)),
        ("6月底前完成", DeadlineKind.DATE, D(2024, 6, 30)),
        ("２月底前", DeadlineKind.DATE, D(2024, 2, 29)),
        ("年底前", DeadlineKind.DATE, D(2024, 12, 31)),
        ("2024年10月31日前", DeadlineKind.DATE, D(2024, 10, 31)),
        ("２０２４年１０月３１日前", DeadlineKind.DATE, D(2024, 10, 31)),
        ("2024年6月底前", DeadlineKind.DATE, D(2024, 6, 30)),
        ("2025年3月", DeadlineKind.DATE, D(2025, 3, 31)),
        ("第三季度", DeadlineKind.DATE, D(2024, 9, 30)),
        ("一季度末", DeadlineKind.DATE, D(2024, 3, 31)),
        ("上半年", DeadlineKind.DATE, D(2024, 6, 30)),
        ("11月15日前", DeadlineKind.DATE, D(2024, 11, 15)),
        ("3月底前完成初稿，6月底前正式发布", DeadlineKind.DATE, D(2024, 6, 30)),
        ("每季度", DeadlineKind.RECURRING, None),
        ("每月", DeadlineKind.RECURRING, None),
        ("根据上级部署", DeadlineKind.TEXT, None),
        ("", DeadlineKind.NONE, None),
    ],
)
def test_deadline_phrases(text: str, kind: DeadlineKind, due: dt.date | None) -> None:
    deadline = parse_deadline(text, 2024)
    assert deadline.kind is kind
    assert deadline.due == due
    assert deadline.text == text


def test_relative_phrase_without_year_has_no_due_date() -> None:
    deadline = parse_deadline("6月底前", None)
    assert deadline.due is None
    assert deadline.text == "6月底前"
    assert parse_deadline("2024年6月底前", None).due == D(2024, 6, 30)


def test_deadline_cells_are_recognised_but_requirement_text_is_not() -> None:
    assert looks_like_deadline("持续推进")
    assert looks_like_deadline("2024年6月底前")
    assert looks_like_deadline("年底前完成")
    assert not looks_like_deadline("在收到申请之日起5个工作日内答复，并公开2035年远景目标的实施进展。")
    assert not looks_like_deadline("办公室")


def test_a_quarter_or_half_with_its_own_year() -> None:
    assert parse_deadline("2024年第一季度", None).due == dt.date(2024, 3, 31)
    assert parse_deadline("2024年上半年", 2023).due == dt.date(2024, 6, 30)
    assert parse_deadline("2024年底前", None).due == dt.date(2024, 12, 31)


@pytest.mark.parametrize(("text", "due"), [
    ("2024年7-8月", dt.date(2024, 8, 31)),  # a range of months: due at the end of the last
    ("2024年6—9月", dt.date(2024, 9, 30)),
    ("7至9月", dt.date(2024, 9, 30)),
    ("10-12月底前", dt.date(2024, 12, 31)),
    ("2024-07-08", dt.date(2024, 7, 8)),  # a date in digits stays a date
    ("次年1月底前", dt.date(2025, 1, 31)),  # the year after the plan's
    ("明年3月", dt.date(2025, 3, 31)),
    ("次年底前", dt.date(2025, 12, 31)),
    ("下半年", dt.date(2024, 12, 31)),  # not "the next year"
])
def test_month_ranges_and_the_next_year(text: str, due: dt.date) -> None:
    assert parse_deadline(text, 2024).due == due
