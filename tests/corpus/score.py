#!/usr/bin/env python3
"""Score the importer on corpus folders, in one process (fast; the tests use the real ``govtui``).

    python tests/corpus/score.py [FOLDER_OR_FILE ...] [-v]    # default: docs/ and real/

Prints each document that does not import exactly with what differs, then ``N/M exact`` per folder.
Used to take a batch's first-run score before any importer change (see LEDGER.md).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))
sys.path.insert(0, str(HERE.parents[1]))

from govtui.domain.errors import DocumentError  # noqa: E402
from govtui.importers import read_plans  # noqa: E402
from tests.corpus.test_corpus import differences  # noqa: E402


def as_json(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    imported = read_plans(path)[0]
    plan = imported.plan
    row = {"sections": sum(1 for s in plan.sections if s.level == 1),
           "subsections": sum(1 for s in plan.sections if s.level == 2),
           "tasks": len(imported.tasks), "year": plan.year, "organization": plan.organization}
    tasks = [{"number": t.number, "text": t.text,
              "units": [{"name": u.name, "role": u.role.value} for u in t.units],
              "deadline": {"text": t.deadline.text, "due": t.deadline.due.isoformat() if t.deadline.due else None}}
             for t in imported.tasks]
    return row, tasks


def score(files: list[Path], verbose: bool) -> tuple[int, int]:
    exact = 0
    for doc in files:
        want = json.loads(doc.with_suffix(".expect.json").read_text(encoding="utf-8"))
        try:
            plan, tasks = as_json(doc)
            miss = differences(plan, tasks, want)
        except DocumentError as exc:
            miss = [f"refused: {str(exc)[-100:]}"]
        except Exception as exc:  # a crash is a miss too, with its kind
            miss = [f"CRASH {type(exc).__name__}: {exc}"]
        exact += not miss
        if miss or verbose:
            print(f"{'ok  ' if not miss else 'MISS'} {doc.name}: {'; '.join(miss)[:400]}")
    return exact, len(files)


def main(args: list[str]) -> int:
    verbose = "-v" in args
    targets = [Path(a) for a in args if a != "-v"] or [HERE / "docs", HERE / "real"]
    total = [0, 0]
    for target in targets:
        files = [target] if target.is_file() else sorted(
            p for p in target.iterdir() if p.suffix != ".json" and p.with_suffix(".expect.json").exists())
        got, of = score(files, verbose)
        total[0] += got
        total[1] += of
        print(f"{target.name}: {got}/{of} exact")
    print(f"all: {total[0]}/{total[1]} exact")
    return 0 if total[0] == total[1] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
