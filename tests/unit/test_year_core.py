"""The yearly cycle's core, on a real store holding the sample plans: working days, recurring duties,
proof of publication, 催办 briefs, progress through the year, year-end material, next-year links."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document

from govtui.domain import recurrence
from govtui.domain.model import Status
from govtui.domain.proof import ProofError, make_proof, proof_label
from govtui.domain.workdays import WorkCalendar, left_label
from govtui.importers import read_plan
from govtui.reports import annual, progress, remind
from govtui.store import carry, linking
from govtui.store.errors import StoreError
from govtui.store.store import Store

from ..conftest import TABLE_SAMPLE

D = dt.date


def test_working_days_follow_the_official_schedule() -> None:
    calendar = WorkCalendar()
    # 2024 National Day: 1–7 October off, Sunday 29 September and Saturday 12 October worked (调休)
    assert calendar.is_workday(D(2024, 9, 29)) and not calendar.is_workday(D(2024, 10, 2))
    assert calendar.is_workday(D(2024, 10, 12))
    assert calendar.days_until(D(2024, 9, 27), D(2024, 10, 8)) == 3  # 29 Sep, 30 Sep, 8 Oct (Mon–Fri: 7)
    assert calendar.days_until(D(2024, 10, 8), D(2024, 9, 27)) == -3
    assert calendar.add_workdays(D(2024, 9, 27), 3) == D(2024, 10, 8)
    assert left_label(calendar, D(2024, 7, 1), D(2024, 7, 4)) == "剩 3 个工作日 · 3 天"
    assert left_label(calendar, D(2024, 7, 1), D(2024, 7, 1)) == "今天到期"
    assert calendar.fallback_note() is None


def test_years_the_package_does_not_cover_fall_back_to_monday_to_friday_and_say_so() -> None:
    calendar = WorkCalendar()
    assert calendar.days_until(D(2099, 1, 2), D(2099, 1, 9)) == 5  # Fri 2 → Fri 9 January 2099
    assert not calendar.is_workday(D(2099, 1, 3))  # a Saturday
    assert calendar.fallback_years == {2099}
    note = calendar.fallback_note()
    assert note is not None and "2099" in note and "周一至周五" in note


def test_recurring_phrases_become_occurrences() -> None:
    quarters = recurrence.occurrences("每季度", 2024)
    assert [o.due for o in quarters] == [D(2024, 3, 31), D(2024, 6, 30), D(2024, 9, 30), D(2024, 12, 31)]
    assert quarters[0].label == "2024年第一季度"
    assert len(recurrence.occurrences("每月", 2024)) == 12
    assert [o.due for o in recurrence.occurrences("每半年", 2024)] == [D(2024, 6, 30), D(2024, 12, 31)]
    assert [o.due for o in recurrence.occurrences("每年6月", 2024)] == [D(2024, 6, 30)]
    assert [o.due for o in recurrence.occurrences("每年十一月底前", 2024)] == [D(2024, 11, 30)]
    assert recurrence.occurrences("定期", 2024) == [] and recurrence.rule_of("持续推进") is None
    met = [{"due": "2024-03-31"}]
    assert recurrence.current("每季度", 2024, met).due == D(2024, 6, 30)  # type: ignore[union-attr]
    assert recurrence.summary("每季度", 2024, met, D(2024, 7, 1)) == {"total": 4, "met": 1, "due": 2, "missed": 1}


def test_recurring_duty_is_due_overdue_and_rolls_on(store: Store) -> None:
    task = store.set_deadline("1-2", "每季度")
    assert task.deadline.kind.value == "recurring" and task.deadline.due == D(2024, 3, 31)
    assert task.is_overdue(D(2024, 4, 1))  # an unmet occurrence is overdue
    task, met, following = store.complete_occurrence("1-2")
    assert (met, following) == ("2024年第一季度", "2024年第二季度")
    assert task.deadline.due == D(2024, 6, 30) and task.status is Status.DOING
    assert [o["due"] for o in task.occurrences] == ["2024-03-31"]
    for _ in range(3):
        task, _, following = store.complete_occurrence("1-2")
    assert following is None and task.status is Status.DONE and task.deadline.due is None
    with pytest.raises(StoreError, match="都已完成"):
        store.complete_occurrence("1-2")
    with pytest.raises(StoreError, match="不是周期性任务"):
        store.complete_occurrence("1-1")
    # importing the document again keeps the met occurrences and the current one
    store.set_deadline("1-3", "每月")
    store.complete_occurrence("1-3")
    store.import_plan(read_plan(TABLE_SAMPLE))
    again = store.task("1-3")
    assert again.deadline.due == D(2024, 2, 29) and len(again.occurrences) == 1


def test_meeting_an_occurrence_and_recording_proof_are_undone_and_redone_whole(store: Store) -> None:
    store.set_deadline("1-2", "每季度")
    store.set_status("1-2", Status.DOING)
    store.complete_occurrence("1-2")
    store.undo()  # the occurrence, the rolled-on deadline and the status come back together
    task = store.task("1-2")
    assert task.occurrences == () and task.deadline.due == D(2024, 3, 31) and task.status is Status.DOING
    assert all("occurrence" not in doc for doc in store.raw()["tasks"].values())
    store.redo()
    task = store.task("1-2")
    assert [o["due"] for o in task.occurrences] == ["2024-03-31"] and task.deadline.due == D(2024, 6, 30)
    store.set_status("1-9", Status.DONE)
    store.set_proof("1-9", make_proof("https://a.gov.cn/1.html"))
    store.undo()  # `p` alone is one step
    assert store.task("1-9").proof is None and store.task("1-9").status is Status.DONE


def test_proof_checks_what_was_typed() -> None:
    proof = make_proof("https://www.huainan.gov.cn/xxgk/1.html", "11340400-2024-0001", "政策解读", "2024年5月6日")
    assert proof["date"] == "2024-05-06"
    assert proof_label(proof) == "https://www.huainan.gov.cn/xxgk/1.html · 索引号 11340400-2024-0001 · 栏目 政策解读 · " \
                                 "2024-05-06"
    assert make_proof(index_no="11340400-2024-0001")["url"] == ""
    for bad in (("",), ("www.example.org",), ("https://a b",)):
        with pytest.raises(ProofError):
            make_proof(*bad)
    with pytest.raises(ProofError, match="公开日期"):
        make_proof("https://a.gov.cn", date="2024-13-40")


def test_proof_is_kept_by_store_and_reimport(store: Store) -> None:
    store.set_status("1-9", Status.DONE)
    store.set_proof("1-9", make_proof("https://a.gov.cn/1.html", column="政策解读"))
    store.import_plan(read_plan(TABLE_SAMPLE))
    assert store.task("1-9").proof["url"] == "https://a.gov.cn/1.html"  # type: ignore[index]
    assert store.history("1-9")[-1]["field"] == "proof"


def dated(store: Store) -> None:
    """The sample plan with a few deadlines given, as staff do with `e`."""
    store.set_deadline("1-1", "2024年6月底前")  # 办公室, overdue on 1 July
    store.set_deadline("1-8", "2024年7月10日前")  # 办公室, 7 working days left on 1 July
    store.set_deadline("1-16", "2024年9月30日前")  # 办公室, far off
    store.set_deadline("1-2", "每季度")  # 市民生办, second quarter unmet
    store.add_note("1-8", "已起草, 待审核 [bold]")


def test_brief_lists_overdue_and_due_soon_per_unit(store: Store) -> None:
    dated(store)
    calendar = WorkCalendar()
    found = dict(remind.briefs(store.tasks(), D(2024, 7, 1), 10, calendar))
    assert list(found) == ["办公室", "市民生办"]
    office = found["办公室"]
    assert office.splitlines()[0] == "【催办】办公室（2024年7月1日）"
    assert "[1-1] 编号1" in office and "逾期 1 天" in office
    assert "[1-8] 编号8" in office and "剩 7 个工作日 · 9 天" in office
    assert "最新进展：已起草, 待审核 [bold]" in office  # literally, with its author and date
    assert "1-16" not in office  # beyond 10 working days
    assert office.splitlines()[-1] == "共 2 项：逾期 1 项，即将到期 1 项。"
    assert "每季度（2024-03-31），逾期 92 天" in found["市民生办"]
    assert remind.briefs(store.tasks(), D(2024, 7, 1), 10, calendar, ["执法科"]) == []
    assert remind.brief("办公室", store.tasks(), D(2024, 1, 2), 5, calendar) is None


def test_progress_counts_by_month(store: Store) -> None:
    dated(store)
    store.set_status("1-1", Status.DONE)
    store.complete_occurrence("1-2")
    snap = store.snapshot()
    # the changes happen "now"; a report dated in the past counts them at its date
    month = progress.monthly([t for t in snap.tasks if t.plan_id == "1"], snap.history, 2024, D(2024, 7, 1))
    assert month.fell_due == [0, 0, 1, 0, 0, 2, 1, 0, 2, 0, 0, 1]
    assert month.done[6] == 2 and sum(month.done) == 2
    rows = month.rows()
    assert rows[6]["done_total"] == 2 and rows[7]["done_total"] is None  # August has not begun
    text = progress.chart(month, width=60, height=12, color=False)
    assert "2024年 完成进度" in text and "累计到期" in text


def test_annual_material_per_section_unit_and_month(store: Store) -> None:
    dated(store)
    store.set_status("1-9", Status.DONE)
    store.add_note("1-9", "已在门户网站发布解读")
    store.set_proof("1-9", make_proof("https://a.gov.cn/jd.html", column="政策解读"))
    store.set_status("1-10", Status.DONE)
    store.set_status("1-16", Status.BLOCKED)
    store.add_note("1-16", "新媒体账号迁移中, 等待平台开通")
    snap = store.snapshot()
    material = annual.build(snap.plans["1"], snap.tasks, snap.history, D(2024, 12, 31))
    assert [t.id for t in material.without_proof] == ["1-10"]
    text = annual.to_markdown(material)
    assert "本年度计划任务 22 项，已完成 2 项（完成率 9%）" in text
    assert "周期性任务 1 项，全年共 4 期" in text
    assert "## 二、围绕政策解读和渠道建设抓好质效提升" in text and "### (四)解读质量再提高" in text
    assert "公开凭证：https://a.gov.cn/jd.html · 栏目 政策解读" in text
    assert "进展（" in text and "已在门户网站发布解读" in text
    assert "受阻原因：新媒体账号迁移中, 等待平台开通" in text
    assert "| 办公室 | 14 | 1 | 0 | 1 | 3 | 7% |" in text  # plan 1: 14 tasks name 办公室; 1-1, 1-8, 1-16 late
    assert "## 已完成但无公开凭证\n\n- [1-10]" in text
    doc = Document(io.BytesIO(annual.to_docx(material)))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "受阻原因：新媒体账号迁移中" in body and "公开凭证：https://a.gov.cn/jd.html" in body
    assert doc.tables[0].rows[0].cells[0].text == "单位" and len(doc.tables[1].rows) == 13


def next_year_document(tmp_path: Path) -> Path:
    """Next year's plan of the same organisation: same tasks, one reworded, one new."""
    text = TABLE_SAMPLE.read_text(encoding="utf-8").replace("2024", "2025")
    text = text.replace("持续加大50项民生实事", "持续加大60项民生实事")
    path = tmp_path / "huainan-2025.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_next_year_links_to_last_years_task(store: Store, tmp_path: Path) -> None:
    result = store.import_plan(read_plan(next_year_document(tmp_path)))
    new = {t.number: t for t in store.tasks() if t.plan_id == result.plan.id}
    assert new["2"].previous == {"id": "1-2", "plan_id": "1", "score": 99}  # reworded, still found
    assert new["9"].previous["id"] == "1-9"  # type: ignore[index]
    assert all(t.previous and t.previous["id"] == f"1-{t.number}" for t in new.values())
    assert not any(t.previous for t in store.tasks() if t.plan_id == "2")  # another organisation


def test_linking_prefers_same_unit_and_needs_similar_text() -> None:
    old = [{"id": "1-1", "plan_id": "1", "text": "公开年度预算和决算。", "units": [{"name": "财务科"}]},
           {"id": "1-2", "plan_id": "1", "text": "公开年度预算和决算信息。", "units": [{"name": "办公室"}]}]
    found = linking.best_match({"text": "公开年度预算、决算。", "units": [{"name": "财务科"}]}, old)
    assert found is not None and found[0]["id"] == "1-1"
    assert linking.best_match({"text": "开展政府开放日活动。", "units": [{"name": "财务科"}]}, old) is None


def next_year_with_new_tasks(tmp_path: Path) -> Path:
    """Next year's plan where tasks 3 and 4 are new work: the other 20 are last year's, linked at 99–100."""
    text = next_year_document(tmp_path).read_text(encoding="utf-8")
    for old, new in NEW_WORK.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "huainan-2025-new.txt"
    path.write_text(text, encoding="utf-8")
    return path


NEW_WORK = {"聚焦“高效办成一件事”,集成式、一站式发布政务服务事项目录、办事指南、办理进展等。":
            "建立健全政务公开工作考核评价机制,每半年通报一次落实情况并督促整改。",
            "涉及重大公共利益的政策文件,除依法依规应当保密的外,应通过征求意见、听证座谈等方式扩大公众参与,"
            "并及时公开执行情况评估结果。": "组织残疾人就业帮扶政策专题宣传月活动,编印图解材料发到基层。"}


def test_carry_over_copies_unfinished_tasks_without_a_counterpart_once(store: Store, tmp_path: Path) -> None:
    store.set_status("1-1", Status.DONE)
    store.set_status("1-3", Status.BLOCKED)
    store.add_note("1-3", "等待上级文件")
    new_plan = store.import_plan(read_plan(next_year_with_new_tasks(tmp_path))).plan
    plans = store.plans()
    old, new = carry.choose_plans(plans, 2024, 2025)
    assert (old.id, new.id) == ("1", new_plan.id)
    pending, skipped = carry.pending_and_skipped(store.tasks(), old, new)
    assert [t.id for t in pending] == ["1-3", "1-4"]
    assert len(skipped) == 19 and "1-1" not in [t.id for t, _ in skipped]  # done: neither carried nor skipped
    assert dict((t.id, why) for t, why in skipped)["1-2"].startswith(f"本年计划已有对应任务 {new.id}-2 (相似度 99")
    unfinished = [t.id for t in carry.unfinished(store.tasks(), old)]
    copied = store.carry_over(old.id, new.id, unfinished)  # the store skips counterparts too
    assert [t.id for t in copied] == [f"{new.id}-C1", f"{new.id}-C2"]
    blocked = next(t for t in copied if t.previous and t.previous["id"] == "1-3")
    assert blocked.status is Status.BLOCKED and "carried-over" in blocked.flags
    assert "上年结转：自 2024 年计划任务 1-3" in blocked.notes[0].text
    assert store.carry_over(old.id, new.id, unfinished) == []  # not twice
    pending, skipped = carry.pending_and_skipped(store.tasks(), old, new)
    assert pending == [] and "已结转为" in dict((t.id, why) for t, why in skipped)["1-3"]
    # importing this year's document again keeps the carried tasks and their section
    store.import_plan(read_plan(next_year_with_new_tasks(tmp_path)))
    plan = next(p for p in store.plans() if p.id == new.id)
    assert sum("carried-over" in t.flags for t in store.tasks() if t.plan_id == new.id) == 2
    assert plan.section(store.task(f"{new.id}-C1").sections[0]).title == "上年结转任务"  # type: ignore[union-attr]
    with pytest.raises(StoreError, match="没有 2023 年的计划"):
        carry.choose_plans(store.plans(), 2023, 2024)
    with pytest.raises(StoreError, match="同一单位"):
        carry.choose_plans(store.plans(), 2019, 2024)
