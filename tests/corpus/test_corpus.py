"""Real plan documents, each with its hand-counted expectation, imported by the real ``govtui`` process.

A document lives in ``docs/`` (real published plans) or ``families/`` (written members of the same
families: other file formats, separators, annotation forms, chrome) as ``NAME.txt`` (or .html, .docx …) beside ``NAME.expect.json``; a new
layout arrives as a new pair of files.  The expectation keys (see ``../../README.md``, "Corpus"):
``sections`` / ``subsections`` / ``tasks`` (accepted counts), ``year``, ``org`` (accepted names),
``units`` (task number → [[name, role or null]], exactly), ``units_include``, ``text_units``
(text fragment → units of the one task holding it), ``due`` / ``due_null`` / ``deadline_text``,
``no_unit_contains``.  Numbers and text are compared after NFKC.
"""

from __future__ import annotations

import json
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

DOCS = Path(__file__).parent / "docs"  # real published plans (../shared/corpus and the first ones)
REAL = Path(__file__).parent / "real"  # real published plans collected batch by batch (see real/README.md, LEDGER.md)
FAMILIES = Path(__file__).parent / "families"  # written members of each family: other separators, forms, files
CASES = sorted(p for folder in (DOCS, REAL, FAMILIES) for p in folder.iterdir()
               if p.suffix != ".json" and p.with_suffix(".expect.json").exists())


def nfkc(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value or "")).strip()


def key(number: Any) -> str:
    return nfkc(number).strip("()（）.、")


def units_of(task: dict[str, Any] | None) -> set[tuple[str, str]]:
    return {(nfkc(u["name"]), u["role"]) for u in (task or {}).get("units", [])}


def same_units(got: set[tuple[str, str]], want: list[list[str | None]]) -> bool:
    return len(got) == len(want) and all(
        any(g[0] == nfkc(name) and (role is None or g[1] == role) for g in got) for name, role in want)


def differences(plan: dict[str, Any], tasks: list[dict[str, Any]], want: dict[str, Any]) -> list[str]:
    """Every way the import differs from the expectation (empty: exact)."""
    miss = [f"{k}={plan[k]} want {want[k]}" for k in ("sections", "subsections", "tasks") if plan[k] not in want[k]]
    years = want.get("year") if isinstance(want.get("year"), list) else [want.get("year")]
    if "year" in want and plan["year"] not in years:
        miss.append(f"year={plan['year']} want {want['year']}")
    orgs = want.get("org")  # a list: one must equal the organisation; a string: it must occur in it
    if orgs is not None and not (nfkc(plan["organization"]) in map(nfkc, orgs) if isinstance(orgs, list)
                                 else nfkc(orgs) in nfkc(plan["organization"])):
        miss.append(f"org={plan['organization']!r} want {orgs}")
    by_number = {key(t["number"]): t for t in tasks}
    for number, units in want.get("units", {}).items():
        task = by_number.get(key(number))
        if task is None or not same_units(units_of(task), units):
            miss.append(f"task {number} units {sorted(units_of(task)) if task else 'missing'}")
    for number, names in want.get("units_include", {}).items():
        if not {nfkc(n) for n in names} <= {u[0] for u in units_of(by_number.get(key(number)))}:
            miss.append(f"task {number} lacks {names}")
    for fragment, units in want.get("text_units", {}).items():
        holders = [t for t in tasks if nfkc(fragment) in nfkc(t["text"])]
        if len(holders) != 1 or not same_units(units_of(holders[0]), units):
            miss.append(f"task with {fragment[:8]}…: {[sorted(units_of(t)) for t in holders]}")
    for number in want.get("due_null", []):
        task = by_number.get(key(number))
        if task is None or task["deadline"]["due"]:
            miss.append(f"task {number} due {task and task['deadline']}")
    for number, due in want.get("due", {}).items():
        task = by_number.get(key(number))
        if task is None or nfkc(task["deadline"]["due"])[:10] != due:
            miss.append(f"task {number} due {task and task['deadline']}")
    for number, text in want.get("deadline_text", {}).items():
        task = by_number.get(key(number))
        if task is None or nfkc(text) not in nfkc(task["deadline"]["text"]):
            miss.append(f"task {number} deadline {task and task['deadline']}")
    if "no_unit_contains" in want:
        bad = {u[0] for t in tasks for u in units_of(t) if nfkc(want["no_unit_contains"]) in u[0]}
        if bad:
            miss.append(f"unit names with {want['no_unit_contains']}: {sorted(bad)}")
    return miss


#: Real documents the importer does not yet read exactly (``name: what differs``), one per line; each is
#: a strict xfail, so a fix that makes one pass fails until its line is removed.  See LEDGER.md.
KNOWN_MISSES = {line.split(":")[0].strip(): line.split(":", 1)[1].strip()
                for line in (Path(__file__).parent / "known-misses.txt").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")}


def _case(document: Path) -> Any:
    reason = KNOWN_MISSES.get(document.name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(document, id=f"{document.parent.name}/{document.stem}", marks=marks)


@pytest.mark.parametrize("document", [_case(p) for p in CASES])
def test_corpus_document_imports_exactly(document: Path,
                                         run: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    want = json.loads(document.with_suffix(".expect.json").read_text(encoding="utf-8"))
    imported = run("import", str(document))
    assert imported.returncode == 0, imported.stderr
    plan = json.loads(run("plans", "--json").stdout)[0]
    tasks = json.loads(run("--plan", str(plan["id"]), "--json").stdout)
    assert differences(plan, tasks, want) == []


def test_the_corpus_is_all_there() -> None:
    assert sum(p.parent == DOCS for p in CASES) >= 23 and sum(p.parent == FAMILIES for p in CASES) >= 92


def test_a_cut_off_last_task_is_kept_and_flagged(run: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    assert run("import", str(DOCS / "03_jiangmen-tdcb-table.txt")).returncode == 0
    last = json.loads(run("show", "1-11", "--json").stdout)
    assert "incomplete" in last["flags"] and last["units"] == []
    shown = run("show", "1-11")
    assert "不完整" in shown.stdout
