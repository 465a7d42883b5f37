"""Changes by hand through the real ``govtui`` process: note edit/delete, add, delete, archive."""

from __future__ import annotations

import json
from pathlib import Path

from govtui.store.store import Store


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [t["id"] for t in json.loads(result.stdout or "[]")]


def test_note_edit_and_delete(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    me = {"GOVTUI_USER": "王敏"}
    assert run("set", "1-9", "--note", "初稿", env=me).returncode == 0
    result = run("note", "edit", "1-9", "定稿", env=me)
    assert result.returncode == 0 and "定稿" in result.stdout
    assert [n["text"] for n in json.loads(run("show", "1-9", "--json").stdout)["notes"]] == ["定稿"]
    other = run("note", "edit", "1-9", "x", env={"GOVTUI_USER": "李强"})
    assert other.returncode == 2 and "没有 李强 写的进展记录" in other.stderr and "Traceback" not in other.stderr
    bad = run("note", "delete", "1-9", "--index", "5", env=me)
    assert bad.returncode == 2 and "没有第 5 条" in bad.stderr
    assert run("note", "delete", "1-9", env=me).returncode == 0
    assert json.loads(run("show", "1-9", "--json").stdout)["notes"] == []
    assert "删除进展记录 “定稿”" in run("history", "1-9").stdout
    assert run("undo", env=me).returncode == 0
    assert [n["text"] for n in json.loads(run("show", "1-9", "--json").stdout)["notes"]] == ["定稿"]


def test_add_and_delete_a_task(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("add", "--plan", "1", "--section", "解读质量", "--units", "办公室牵头，各科室配合",
                 "--deadline", "2024年9月底前", "开展政策解读培训")
    assert result.returncode == 0 and "1-N1" in result.stdout
    shown = json.loads(run("show", "1-N1", "--json").stdout)
    assert shown["sections"] == ["二、围绕政策解读和渠道建设抓好质效提升", "(四)解读质量再提高"]
    assert shown["units"][0] == {"name": "办公室", "role": "lead", "generic": False}
    plan1 = ids(run("--plan", "1", "--json"))
    assert plan1[plan1.index("1-9"):plan1.index("1-9") + 6] == ["1-9", "1-10", "1-11", "1-12", "1-N1", "1-16"]
    ambiguous = run("add", "--plan", "1", "--section", "(", "x")
    assert ambiguous.returncode == 2 and "多个章节" in ambiguous.stderr
    assert run("add", "--plan", "9", "x").returncode == 2
    refused = run("delete", "1-N1", input="")  # no terminal and no --yes: asks, so refuses
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert run("delete", "1-N1", "--yes").returncode == 0
    assert run("show", "1-N1").returncode == 2
    assert "删除任务 1-N1" in run("history", "1-N1").stdout
    assert run("undo").returncode == 0
    assert run("show", "1-N1").returncode == 0
    missing = run("delete", "1-99", "--yes")
    assert missing.returncode == 2 and "没有编号为 1-99 的任务" in missing.stderr


def test_archive_hides_a_plan_from_lookups_until_asked(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    before = ids(run("--unit", "办公室", "--json"))
    assert any(i.startswith("2-") for i in before)
    assert run("archive", "2").returncode == 0
    assert "已归档" in run("plans").stdout
    assert json.loads(run("plans", "--json").stdout)[1]["archived"] is True
    after = ids(run("--unit", "办公室", "--json"))
    assert after == [i for i in before if not i.startswith("2-")]
    plain = run("--unit", "办公室")  # the table (from the lookup index) hides it too
    assert "2-1 " not in plain.stdout and "1-9" in plain.stdout
    assert len(ids(run("--plan", "2", "--json"))) == 15  # asked for by plan
    assert any(i.startswith("2-") for i in ids(run("--search", "民政", "--json")))  # found by search
    late = {"GOVTUI_TODAY": "2030-01-02"}  # every dated task of both plans is overdue by then
    Store(seeded).set_deadline("2-1", "2024年6月底前")
    Store(seeded).set_deadline("1-1", "2024年6月底前")
    assert ids(run("due", "--json", env=late)) == ["1-1"]  # a finished plan is not chased
    assert "[2-1]" not in run("remind", env=late).stdout and "[1-1]" in run("remind", env=late).stdout
    assert run("archive", "9").returncode == 2
    assert run("unarchive", "2").returncode == 0
    assert ids(run("--unit", "办公室", "--json")) == before
