"""Several real govtui processes on one store: nothing lost, nothing half-written."""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path

import orjson
import pytest

from govtui.store.checks import check_file
from govtui.store.store import Store

from ..conftest import GOVTUI


@pytest.mark.slow
def test_four_processes_1000_changes_and_readers(seeded: Path, tmp_path: Path) -> None:
    ids = [t.id for t in Store(seeded).tasks()]
    shared = ["1-1", "1-9", "2-3"]
    batches = []
    for worker in range(4):
        lines = []
        for i in range(250):
            task = shared[i % 3] if i % 2 else ids[(worker * 9 + i) % len(ids)]
            change = {"id": task, "note": f"w{worker}-{i}"} if i % 5 else \
                {"id": task, "status": ["todo", "doing", "done", "blocked"][i % 4], "note": f"w{worker}-{i}"}
            lines.append(json.dumps(change, ensure_ascii=False))
        batch = tmp_path / f"batch{worker}.jsonl"
        batch.write_text("\n".join(lines), encoding="utf-8")
        batches.append(batch)

    stop = threading.Event()
    reader_failures: list[str] = []
    reads = [0]

    def read_loop() -> None:
        while not stop.is_set():
            try:
                orjson.loads(seeded.read_bytes())
                reads[0] += 1
            except Exception as exc:  # a half-written file would land here
                reader_failures.append(repr(exc))

    def cli_reader() -> None:
        while not stop.is_set():
            result = subprocess.run([GOVTUI, "--db", str(seeded), "--plan", "1", "--json"], capture_output=True,
                                    text=True, timeout=60)
            if result.returncode != 0:
                reader_failures.append(result.stderr)

    readers = [threading.Thread(target=read_loop), threading.Thread(target=cli_reader)]
    for r in readers:
        r.start()
    procs = [subprocess.Popen([GOVTUI, "--db", str(seeded), "apply", str(b)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for b in batches]
    outputs = [p.communicate(timeout=600) for p in procs]
    stop.set()
    for r in readers:
        r.join()
    assert [p.returncode for p in procs] == [0, 0, 0, 0], outputs
    assert reader_failures == []
    assert reads[0] > 10
    store = Store(seeded)
    notes = [n.text for t in store.tasks() for n in t.notes]
    expected = {f"w{w}-{i}" for w in range(4) for i in range(250)}
    assert len(notes) == 1000 and set(notes) == expected
    assert len([e for e in store.history() if e["field"] == "note"]) == 1000
    # a status set to the one the task already has changes nothing and is not recorded
    statuses = [e for e in store.history() if e["field"] == "status"]
    assert 0 < len(statuses) <= 4 * 50 and all(e["before"] != e["after"] for e in statuses)
    assert check_file(seeded) == []
