#!/usr/bin/env python3
"""Is a candidate document already in the corpus (the same page, or a copy of it on another site)?

    python tests/corpus/overlap.py FILE...   # prints 'new' or 'copy of NAME' per file; exit 1 if any is a copy

Compares 12-character windows of the text (NFKC, whitespace and ``|`` cell marks removed) with every document
under tests/corpus/docs and tests/corpus/real and ../shared/corpus/docs; a copy shares most of its windows.  The
documents' windows are taken every 3 characters and the candidate's at each of the 3 offsets, so a copy shifted by
a character or two (a page that prints one more mark before the text) still lines up.
"""
from __future__ import annotations

import pathlib
import re
import sys
import unicodedata

HERE = pathlib.Path(__file__).resolve().parent
FOLDERS = [HERE / "docs", HERE / "real", HERE.parents[2] / "shared" / "corpus" / "docs"]


def windows(text: str, n: int = 12, offset: int = 0) -> set[str]:
    flat = re.sub(r"[\s|]+", "", unicodedata.normalize("NFKC", text))
    return {flat[i:i + n] for i in range(offset, max(len(flat) - n + 1, 0), 3)}


def main(names: list[str]) -> int:
    known = {p: windows(p.read_text(encoding="utf-8", errors="replace"))
             for folder in FOLDERS if folder.is_dir() for p in folder.iterdir()
             if p.suffix in {".txt", ".html", ".htm", ".md"}}
    hit = False
    for name in names:
        path = pathlib.Path(name).resolve()
        text = path.read_text(encoding="utf-8", errors="replace")
        offsets = [windows(text, offset=k) for k in range(3)]
        same = [(max(len(mine & theirs) / max(len(mine), 1) for mine in offsets), p)
                for p, theirs in known.items() if p != path]
        share, match = max(same, default=(0.0, None))
        copy = match is not None and share >= 0.3
        hit |= copy
        print(f"copy of {match.name} ({share:.0%})" if copy and match else "new", name, sep="\t")
    return 1 if hit else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
