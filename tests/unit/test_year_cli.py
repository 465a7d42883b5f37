"""The yearly cycle through the real ``govtui`` process, on the sample plans, with GOVTUI_TODAY fixing the date."""

from __future__ import annotations

import json
import os
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from govtui.store.store import Store

from ..conftest import TABLE_SAMPLE
from .test_year_core import next_year_document, next_year_with_new_tasks

JULY = {"GOVTUI_TODAY": "2024-07-01"}


def give_deadlines(db: Path) -> None:
    store = Store(db)
    store.set_deadline("1-1", "2024年6月底前")
    store.set_deadline("1-8", "2024年7月10日前")
    store.set_deadline("1-16", "2024年9月30日前")
    store.set_deadline("1-2", "每季度")
    store.add_note("1-8", "已起草，待审核")


def test_remind_per_unit_and_exit_codes(run, seeded: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    give_deadlines(seeded)
    result = run("remind", env=JULY)
    assert result.returncode == 0, result.stderr
    blocks = result.stdout.strip().split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == ["【催办】办公室（2024年7月1日）", "【催办】市民生办（2024年7月1日）"]
    assert "剩 7 个工作日 · 9 天" in blocks[0] and "最新进展：已起草，待审核" in blocks[0]
    one = run("remind", "--unit", "bgs", "-o", str(tmp_path / "brief.txt"), env=JULY)
    assert one.stdout.startswith("【催办】办公室") and "市民生办" not in one.stdout
    assert (tmp_path / "brief.txt").read_text(encoding="utf-8") == one.stdout
    data = json.loads(run("remind", "--json", "--days", "3", env=JULY).stdout)
    assert [d["unit"] for d in data] == ["办公室", "市民生办"] and "1-8" not in data[0]["text"]
    nothing = run("remind", "--unit", "执法科", env=JULY)
    assert nothing.returncode in (1, 2)
    quiet = run("remind", env={"GOVTUI_TODAY": "2024-01-02"})
    assert quiet.returncode == 1 and "没有逾期或即将到期的任务" in quiet.stderr


def test_due_days_counts_working_days(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    give_deadlines(seeded)
    Store(seeded).set_deadline("1-9", "2024年10月8日前")
    env = {"GOVTUI_TODAY": "2024-09-27"}
    # 8 October is 3 working days away (29 Sep is a 调休 working day; 1–7 Oct are off), 11 calendar days
    ids = [t["id"] for t in json.loads(run("due", "--days", "3", "--json", env=env).stdout)]
    assert "1-9" in ids
    assert "1-9" not in [t["id"] for t in json.loads(run("due", "--days", "2", "--json", env=env).stdout)]
    assert "1-9" not in [t["id"] for t in json.loads(run("due", "--within", "7", "--json", env=env).stdout)]
    assert run("due", "--days", "3", "--within", "3", env=env).returncode == 2
    # due soon is due_soon_days working days from the settings, 7 by default (as 即将到期 in the app):
    # 15 October is 18 calendar days but 9 working days away
    Store(seeded).set_deadline("1-16", "2024年10月15日前")
    assert "1-16" not in [t["id"] for t in json.loads(run("due", "--json", env=env).stdout)]
    settings = Path(os.environ["GOVTUI_CONFIG"])
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"due_soon_days": 10}), encoding="utf-8")
    assert "1-16" in [t["id"] for t in json.loads(run("due", "--json", env=env).stdout)]
    assert any("[1-16]" in brief["text"] for brief in json.loads(run("remind", "--json", env=env).stdout))
    assert "1-16" not in [t["id"] for t in json.loads(run("due", "--within", "14", "--json", env=env).stdout)]
    show = run("show", "1-9", env=env).stdout
    assert "剩 3 个工作日 · 11 天" in show
    late = run("due", "--days", "1", env={"GOVTUI_TODAY": "2099-01-05"})
    assert "2099 年的法定节假日和调休安排尚未收录" in late.stderr and "周一至周五" in late.stderr


def test_set_done_with_proof_and_the_report_lists_done_without(run, seeded: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    refused = run("set", "1-9", "--proof", "https://a.gov.cn/1.html")
    assert refused.returncode == 2 and "已完成" in refused.stderr and "Traceback" not in refused.stderr
    bad = run("set", "1-9", "--status", "done", "--proof", "a.gov.cn/1.html")
    assert bad.returncode == 2 and "http" in bad.stderr
    assert json.loads(run("show", "1-9", "--json").stdout)["status"] == "todo"  # nothing written
    ok = run("set", "1-9", "--status", "done", "--proof", "https://a.gov.cn/1.html", "--index-no", "2024-0001",
             "--column", "政策解读", "--published", "2024年5月6日")
    assert ok.returncode == 0, ok.stderr
    shown = json.loads(run("show", "1-9", "--json").stdout)
    assert shown["status"] == "done" and shown["proof"]["url"] == "https://a.gov.cn/1.html"
    assert shown["proof"]["date"] == "2024-05-06" and shown["proof"]["index_no"] == "2024-0001"
    assert "公开凭证: https://a.gov.cn/1.html · 索引号 2024-0001 · 栏目 政策解读 · 2024-05-06" in run("show", "1-9").stdout
    run("set", "1-10", "--status", "done")
    assert "公开凭证: 未记录" in run("show", "1-10").stdout
    report = json.loads(run("report", "--json").stdout)
    assert report["done_without_proof"] == ["1-10"]
    assert "已完成但无公开凭证 (done without proof) 1 项: 1-10" in run("report").stdout
    out = tmp_path / "out.xlsx"
    assert run("export", "-f", "xlsx", "-o", str(out)).returncode == 0
    sheet = load_workbook(out).worksheets[1]
    assert sheet.cell(2, 10).value == "公开凭证"
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "9")
    assert row[9].startswith("https://a.gov.cn/1.html")
    md = run("export", "-f", "md", "--plan", "1", "-o", "-").stdout
    assert "公开凭证：https://a.gov.cn/1.html" in md
    csv = run("export", "-f", "csv", "--plan", "1", "-o", "-").stdout
    assert "https://a.gov.cn/1.html" in csv


def test_recurring_duty_through_the_cli(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    give_deadlines(seeded)
    assert "1-2" in [t["id"] for t in json.loads(run("--overdue", "--json", env=JULY).stdout)]
    done = run("set", "1-2", "--status", "done", env=JULY)
    assert "2024年第一季度 已完成" in done.stdout and "下一期 2024年第二季度" in done.stdout
    task = json.loads(run("show", "1-2", "--json", env=JULY).stdout)
    assert task["deadline"]["due"] is None and task["next_due"] == "2024-06-30" and task["overdue"] and task["status"] == "doing"
    assert [o["label"] for o in task["occurrences"]] == ["2024年第一季度"]
    assert "周期性任务: 下一期 2024-06-30; 已完成 2024年第一季度" in run("show", "1-2", env=JULY).stdout
    assert "1-2" in [t["id"] for t in json.loads(run("due", "--json", env=JULY).stdout)]
    run("set", "1-2", "--status", "done", env=JULY)
    assert "1-2" not in [t["id"] for t in json.loads(run("due", "--json", env=JULY).stdout)]  # next: 30 Sep
    report = json.loads(run("report", "--plan", "1", "--json", env=JULY).stdout)
    assert [m["fell_due"] for m in report["progress"]["months"]][2:9] == [1, 0, 0, 2, 1, 0, 2]


def test_report_draws_the_year(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    give_deadlines(seeded)
    run("set", "1-1", "--status", "done")
    text = run("report", "--plan", "1", "--chart", env=JULY).stdout
    assert "2024年 全年进度" in text and "2024年 完成进度" in text and "累计完成 done" in text
    plain = run("report", "--plan", "1", env=JULY).stdout  # not a terminal: the table, no chart
    assert "全年进度" in plain and "完成进度" not in plain


def test_annual_report_docx_and_md(run, seeded: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    give_deadlines(seeded)
    run("set", "1-9", "--status", "done", "--note", "已发布解读", "--proof", "https://a.gov.cn/jd.html")
    run("set", "1-16", "--status", "blocked", "--note", "等待平台开通")
    target = tmp_path / "2024年度报告素材.docx"
    result = run("annual-report", "--plan", "1", "-o", str(target), env={"GOVTUI_TODAY": "2024-12-31"})
    assert result.returncode == 0, result.stderr
    assert "22 项任务, 已完成 1 项, 0 项无公开凭证" in result.stdout
    body = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "本年度计划任务 22 项" in body and "受阻原因：等待平台开通" in body and "已发布解读" in body
    md = tmp_path / "material.md"
    assert run("annual-report", "--plan", "1", "-o", str(md)).returncode == 0
    assert md.read_text(encoding="utf-8").startswith("# 淮南市残疾人联合会2024年政务公开重点工作任务分工 年度报告素材")
    assert run("annual-report", "--plan", "9", "-o", str(md)).returncode == 2
    wrong = run("annual-report", "--plan", "1", "-o", str(tmp_path / "x.pdf"))
    assert wrong.returncode == 2 and ".docx" in wrong.stderr


def test_carry_over_lists_then_copies_on_confirmation(run, seeded: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("set", "1-1", "--status", "done")
    same = run("import", str(next_year_document(tmp_path)))  # the same tasks next year: nothing to carry
    assert "已导入计划 3" in same.stdout
    linked = json.loads(run("show", "3-2", "--json").stdout)
    assert linked["previous"] == {"id": "1-2", "plan_id": "1", "score": 99}
    assert "2024 年相似任务 1-2" in run("show", "3-2").stdout
    nothing = run("carry-over", "--from", "2024", "--to", "2025", "--yes")
    assert nothing.returncode == 1 and "跳过 21 项" in nothing.stdout and "3-2 (相似度 99" in nothing.stdout
    assert len(json.loads(run("--plan", "3", "--json").stdout)) == 22  # no copies of tasks it has
    assert run("plan", "delete", "3", "--yes").returncode == 0
    imported = run("import", str(next_year_with_new_tasks(tmp_path)))  # tasks 3 and 4 are new work
    assert "已导入计划 3" in imported.stdout, imported.stdout
    listed = run("carry-over", "--from", "2024", "--to", "2025")  # no terminal, no --yes: list only
    assert listed.returncode == 2 and "1-3 " in listed.stdout and "--yes" in listed.stderr
    assert "跳过 19 项" in listed.stdout
    assert len(json.loads(run("--plan", "3", "--json").stdout)) == 22  # nothing copied
    assert [t["id"] for t in json.loads(run("carry-over", "--from", "2024", "--to", "2025", "--json").stdout)] \
        == ["1-3", "1-4"]
    copied = run("carry-over", "--from", "2024", "--to", "2025", "--yes")
    assert copied.returncode == 0 and "已结转 2 项到计划 3" in copied.stdout
    carried = json.loads(run("show", "3-C1", "--json").stdout)
    assert carried["flags"] == ["carried-over"] and carried["previous"]["id"] == "1-3"
    assert "上年结转任务" in run("show", "3-C1").stdout
    # importing this year's document again neither asks to remove the carried tasks nor drops them
    reimported = run("import", str(next_year_with_new_tasks(tmp_path)))
    assert reimported.returncode == 0, reimported.stderr
    assert "移除 0" in reimported.stdout and len(json.loads(run("--plan", "3", "--json").stdout)) == 24
    again = run("carry-over", "--from", "2024", "--to", "2025", "--yes")
    assert again.returncode == 1 and "已结转为 3-C1" in again.stdout
    assert run("carry-over", "--from", "2019", "--to", "2025").returncode == 2
    assert run("carry-over", "--from", "2025", "--to", "2024").returncode == 2


def test_recurring_duties_from_the_document_survive_reimport(run, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "quarterly.txt"
    doc.write_text(TABLE_SAMPLE.read_text(encoding="utf-8").replace("持续推进", "每季度"), encoding="utf-8")
    assert run("import", str(doc)).returncode == 0
    assert len(json.loads(run("--overdue", "--json", env=JULY).stdout)) == 22  # the first quarter is unmet
    run("set", "1-2", "--status", "done", env=JULY)
    preview = run("import", "--dry-run", str(doc), env=JULY)  # the same duties: nothing to change
    assert preview.returncode == 0 and "修改 0" in preview.stdout, preview.stdout
    assert run("import", str(doc), env=JULY).returncode == 0
    task = json.loads(run("show", "1-2", "--json", env=JULY).stdout)
    assert task["deadline"]["due"] is None and task["next_due"] == "2024-06-30" and len(task["occurrences"]) == 1
