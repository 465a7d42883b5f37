"""Reports, due dates, pinyin lookups, unit clean-up and shell completion, through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from govtui.domain.pinyin import keys_for
from govtui.store.storage import read_store

from ..conftest import GOVTUI

DATED = """XX市XX局2024年政务公开重点工作任务分工
序号 | 具体要求 | 责任科室 | 完成时限
一、重点工作
1 | 公开年度预算。 | 财务科 | 2024年3月底前
2 | 更新公开目录。 | 局办公室牵头，各科室配合 | 2024年7月10日前
3 | 公开执法信息。 | 执法科 | 2024年12月底前
4 | 公开人事信息。 | 办公室 | 持续推进
"""


def load_dated(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "dated.txt"
    doc.write_text(DATED, encoding="utf-8")
    assert run("import", str(doc)).returncode == 0


def test_report_per_unit_and_section(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    run("set", "1-9", "--status", "done")
    run("set", "1-16", "--status", "blocked")
    data = json.loads(run("report", "--json").stdout)
    office = next(u for u in data["units"] if u["name"] == "办公室")
    assert (office["lead"], office["responsible"], office["total"], office["done"], office["blocked"]) == \
        (2, 24, 26, 1, 1)
    assert office["percent"] == 4
    plan1 = next(p for p in data["plans"] if p["id"] == "1")
    assert plan1["sections"][0]["total"] == 22 and plan1["sections"][0]["done"] == 1
    text = run("report", "--plan", "1").stdout
    assert "办公室" in text and "(四)解读质量再提高" in text and "完成率" in text
    assert run("report", "--plan", "9").returncode == 2


def test_due_exit_codes(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    load_dated(run, tmp_path)
    env = {"GOVTUI_TODAY": "2024-07-01"}
    result = run("due", "--within", "14", "--json", env=env)
    assert result.returncode == 0
    assert [t["id"] for t in json.loads(result.stdout)] == ["1-1", "1-2"]  # overdue first, then due soon
    assert run("due", "--within", "5", "--unit", "执法科", env=env).returncode == 1
    assert run("due", "--within", "200", "--unit", "执法科", env=env).returncode == 0
    run("set", "1-1", "--status", "done")
    assert [t["id"] for t in json.loads(run("due", "--json", env=env).stdout)] == ["1-2"]


def test_pinyin_lookups_and_ambiguity(run, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    by_name = json.loads(run("--unit", "办公室", "--json").stdout)
    assert [t["id"] for t in json.loads(run("--unit", "bgs", "--json").stdout)] == [t["id"] for t in by_name]
    assert [t["id"] for t in json.loads(run("--unit", "bangongshi", "--json").stdout)] == [t["id"] for t in by_name]
    assert json.loads(run("--unit", "CWS", "--json").stdout)[0]["units"][1]["name"] == "财务室"
    ambiguous = run("--unit", "gx")  # 各相关股室 and 各相关业务股室 both start so
    assert ambiguous.returncode == 2, ambiguous.stderr
    assert "对应多个单位" in ambiguous.stderr
    several = run("--unit", "股")
    assert several.returncode == 2 and "社会事务股" in several.stderr


def test_pinyin_index_is_stored_and_lookups_do_not_load_pypinyin(seeded: Path) -> None:
    data = read_store(seeded)
    keys = {d["name"]: d for d in data["pinyin"].values()}
    assert (keys["办公室"]["full"], keys["办公室"]["initials"]) == (["bangongshi"], ["bgs"])
    assert "yinhangke" in keys_for(["银行科"])["银行科"]["full"]
    code = f"""
import sys
from govtui.cli.main import main
sys.argv = ["govtui", "--db", {str(seeded)!r}, "--unit", "bgs"]
try:
    main()
except SystemExit:
    pass
print("PYPINYIN" if "pypinyin" in sys.modules else "NONE", file=sys.stderr)
"""
    import sys

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stderr.strip().endswith("NONE")


def test_units_rename_and_merge(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    load_dated(run, tmp_path)
    refused = run("units", "rename", "局办公室", "办公室")
    assert refused.returncode == 2 and "merge" in refused.stderr
    merged = run("units", "merge", "局办公室", "办公室")
    assert merged.returncode == 0, merged.stderr
    names = [u["name"] for u in json.loads(run("units", "--json").stdout)]
    assert "局办公室" not in names and "办公室" in names
    task = json.loads(run("show", "1-2", "--json").stdout)
    assert [(u["name"], u["role"]) for u in task["units"]] == [("办公室", "lead"), ("各科室", "cooperate")]
    history = json.loads(run("history", "1-2", "--json").stdout)
    assert history[-1]["field"] == "units" and history[-1]["before"][0]["name"] == "局办公室"
    assert run("units", "rename", "财务科", "计划财务科").returncode == 0
    assert json.loads(run("--unit", "jhcwk", "--json").stdout)[0]["id"] == "1-1"
    assert run("units", "rename", "不存在", "某科").returncode == 2


def test_shell_completion_of_units_and_ids(seeded: Path) -> None:
    def complete(words: str) -> list[str]:
        env = {**os.environ, "_GOVTUI_COMPLETE": "bash_complete", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - 1), "GOVTUI_DB": str(seeded)}
        out = subprocess.run([GOVTUI], env=env, capture_output=True, text=True, timeout=60).stdout
        return [line.split(",", 1)[1] for line in out.splitlines() if "," in line]

    assert complete("govtui --unit bg") == ["办公室"]
    assert "社会事务股" in complete("govtui --unit 社会")
    assert complete("govtui show 1-2")[:2] == ["1-2", "1-20"]
