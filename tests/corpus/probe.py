#!/usr/bin/env python3
"""How the importer reads the real plans in forms they were not published in — a measure, not a test.

    python tests/corpus/probe.py [wrapped|run-together] [-v]     # default: both

* ``wrapped``: every line longer than 38 characters broken every 38 (a PDF's or a fixed-width copy's hard wrap);
* ``run-together``: every document's lines joined into one (a law database's or a sharing site's page).

Each copy is scored against the document's own expectation (``score.py``); ``N/M exact`` per form.  Some losses are
inherent (a table run onto one line, paragraphs whose boundaries nothing marks), so the figures are watched, not
required: the rules each form has found are tested by their families in ``tests/unit/test_import_rules.py``.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score import score  # noqa: E402

WIDTH = 38


def wrapped(text: str) -> str:
    lines: list[str] = []
    for line in text.split("\n"):
        if len(line) > WIDTH and "|" not in line:  # a table's rows stay rows
            lines.extend(line[i:i + WIDTH] for i in range(0, len(line), WIDTH))
        else:
            lines.append(line)
    return "\n".join(lines)


def run_together(text: str) -> str:
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


FORMS: dict[str, Callable[[str], str]] = {"wrapped": wrapped, "run-together": run_together}


def main(args: list[str]) -> int:
    verbose = "-v" in args
    forms = [a for a in args if a in FORMS] or list(FORMS)
    for form in forms:
        with tempfile.TemporaryDirectory(prefix=f"govtui-probe-{form}-") as tmp:
            folder = Path(tmp)
            for doc in sorted((HERE / "real").glob("*.txt")):
                (folder / doc.name).write_text(FORMS[form](doc.read_text(encoding="utf-8")), encoding="utf-8")
                shutil.copy(doc.with_suffix(".expect.json"), folder)
            exact, total = score(sorted(folder.glob("*.txt")), verbose)
            print(f"{form}: {exact}/{total} exact")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
