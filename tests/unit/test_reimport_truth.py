"""A re-import tells the truth: the preview (``import --dry-run``, the app's review) is computed by the same
function the import writes with, so for any edit of a plan — tasks removed, added, moved, their text, units or
deadline changed, work or hand edits recorded on them — the preview's diff is exactly the change written."""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govtui.domain.model import Deadline, ImportedPlan, Role, Status, Unit
from govtui.importers import read_plan
from govtui.store.reimport import SHOWN
from govtui.store.store import Store

from ..conftest import TABLE_SAMPLE, stored_tasks

Run = Callable[..., CompletedProcess[str]]
UNITS = [Unit("办公室"), Unit("市民生办"), Unit("法规科", Role.LEAD), Unit("财务室", Role.COOPERATE)]
DEADLINES = ["持续推进", "6月底前", "9月底前", "2024年12月31日", "每季度"]


def fresh() -> ImportedPlan:
    return read_plan(TABLE_SAMPLE)


def edited_document(rng: random.Random) -> ImportedPlan:
    """The sample read again, then edited as a new version of the document might be."""
    doc = fresh()
    tasks = doc.tasks
    for _ in range(rng.randint(0, 3)):  # tasks gone from the document
        tasks.pop(rng.randrange(len(tasks)))
    for task in rng.sample(tasks, rng.randint(0, 4)):  # units, deadline, text, section changed
        what = rng.choice(["units", "deadline", "text", "sections"])
        if what == "units":
            task.units = rng.sample(UNITS, rng.randint(1, 2))
        elif what == "deadline":
            task.deadline = Deadline(rng.choice(DEADLINES))
            from govtui.domain.deadlines import parse_deadline

            task.deadline = parse_deadline(task.deadline.text, doc.plan.year)
        elif what == "text":
            task.text += "并按季度通报。"
        else:
            task.sections = list(rng.choice([t.sections for t in tasks]))
    if rng.random() < 0.5 and len(tasks) > 3:  # tasks that only changed place
        i, j = rng.sample(range(len(tasks)), 2)
        tasks[i], tasks[j] = tasks[j], tasks[i]
    for k in range(rng.randint(0, 2)):  # tasks new in the document
        tasks.append(tasks[0].copy_with(number=f"{90 + k}", text=f"新增任务{k}。", units=[UNITS[k]], flags=[]))
    for order, task in enumerate(tasks):
        task.order = order
    return doc


def worked_on(store: Store, rng: random.Random) -> None:
    """Work recorded in the store meanwhile: statuses, notes, units and deadlines edited by hand."""
    ids = [t.id for t in store.tasks()]
    for task_id in rng.sample(ids, rng.randint(0, 4)):
        what = rng.choice(["status", "note", "units", "deadline"])
        if what == "status":
            store.set_status(task_id, rng.choice([Status.DOING, Status.DONE, Status.BLOCKED]))
        elif what == "note":
            store.add_note(task_id, "已公开。")
        elif what == "units":
            store.set_units(task_id, rng.sample(UNITS, 1))
        else:
            store.set_deadline(task_id, rng.choice(DEADLINES))


def written_change(before: dict[str, dict], after: dict[str, dict]) -> dict[str, object]:  # type: ignore[type-arg]
    fields = {}
    for task_id in before.keys() & after.keys():
        changes = [(k, before[task_id].get(k), after[task_id].get(k)) for k in SHOWN
                   if before[task_id].get(k) != after[task_id].get(k)]
        if changes:
            fields[task_id] = changes
    flagged = sorted(i for i in before.keys() & after.keys() if "not-in-document" in after[i]["flags"]
                     and "not-in-document" not in before[i]["flags"])
    return {"added": sorted(after.keys() - before.keys()), "removed": sorted(before.keys() - after.keys()),
            "fields": fields, "flagged": flagged}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_the_dry_run_diff_is_exactly_what_the_import_writes(seed: int) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "store.json"
        store = Store(db)
        store.import_plans([fresh()])
        worked_on(store, rng)
        document = edited_document(rng)
        diff = store.preview_import(document)
        before = stored_tasks(db)
        [result] = store.import_plans([document])
        written = written_change(before, stored_tasks(db))
        assert sorted(diff.added) == written["added"]
        assert sorted(diff.removed) == written["removed"]
        assert diff.fields == written["fields"]
        assert sorted(diff.removed_with_work) == written["flagged"]
        assert (result.added, result.updated, result.removed) == (len(diff.added), len(diff.fields), len(diff.removed))
        assert store.preview_import(fresh_copy(document)).fields == {}  # imported: the same file changes nothing


def fresh_copy(imported: ImportedPlan) -> ImportedPlan:
    return ImportedPlan(imported.plan, [t.copy_with() for t in imported.tasks], layout=imported.layout)


def test_moved_tasks_are_not_changed_and_hand_edits_kept_are_not_changed(store: Store) -> None:
    store.set_units("1-2", [Unit("办公室")])
    store.set_deadline("1-7", "9月底前")
    store.set_status("1-3", Status.DOING)
    assert store.preview_import(fresh()).fields == {}  # the unchanged file: the hand edits stay, nothing changes
    document = fresh()
    document.tasks[0].order, document.tasks[1].order = document.tasks[1].order, document.tasks[0].order
    diff = store.preview_import(document)
    assert diff.fields == {} and diff.removed == [] and diff.added == []
    kept = {(task_id, field) for task_id, field, _, _ in diff.kept_edits}
    assert kept == {("1-2", "units"), ("1-7", "deadline")}
    assert ("1-3", ["进行中"]) in diff.with_work
    [result] = store.import_plans([document])
    assert result.updated == 0


def test_preview_lines_name_each_field_and_ask_nothing_when_nothing_is_removed(tmp_path: Path, run: Run,
                                                                             db: Path) -> None:
    source = tmp_path / "plan.txt"
    text = TABLE_SAMPLE.read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    assert run("import", str(source)).returncode == 0
    assert run("set", "1-3", "--status", "doing").returncode == 0
    task2 = json.loads(run("show", "1-2", "--json").stdout)
    assert task2["units"][0]["name"] == "市民生办"
    changed = text.replace("市民生办", "办公室", 1)
    source.write_text(changed, encoding="utf-8")
    preview = run("import", "--dry-run", str(source))
    assert preview.returncode == 0, preview.stderr
    assert "1-2 责任单位 市民生办 → 办公室" in preview.stdout, preview.stdout
    assert "修改 1," in preview.stdout and "1-3 (进行中)" in preview.stdout
    done = run("import", str(source))  # nothing removed: no question, no --yes needed
    assert done.returncode == 0, done.stderr
    assert "修改 1, 移除 0" in done.stdout and "确定" not in done.stderr
