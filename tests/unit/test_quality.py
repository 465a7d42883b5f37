"""Code quality gates that are cheap to keep: ruff clean, and the core free of UI imports."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

# The UI and command-line layers; every other module is the core and must not import them.
SHELL = {"app.py", "cli", "messages.py", "themes.py", "screens", "widgets"}
CORE = sorted(p.name for p in (ROOT / "src" / "govtui").iterdir()
              if p.name not in SHELL and (p.suffix == ".py" or (p.is_dir() and p.name != "__pycache__")))


def test_core_modules_import_no_ui_library() -> None:
    offenders = []
    for name in CORE:
        path = ROOT / "src" / "govtui" / name
        for file in [path] if path.is_file() else sorted(path.rglob("*.py")):
            for line in file.read_text(encoding="utf-8").splitlines():
                if re.match(r"\s*(from|import)\s+(textual|click|rich)\b", line):
                    offenders.append(f"{file.name}: {line.strip()}")
    assert offenders == []


def test_importing_the_package_loads_nothing_heavy() -> None:
    code = "import sys, govtui, govtui.store, govtui.importers; print(sorted(m for m in sys.modules " \
           "if m.split('.')[0] in ('textual', 'rich', 'click')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.skipif(shutil.which("ruff", path=str(Path(sys.executable).parent)) is None, reason="ruff not installed")
def test_ruff_clean() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    result = subprocess.run([ruff, "check", "src", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.skipif(shutil.which("mypy", path=str(Path(sys.executable).parent)) is None, reason="mypy not installed")
def test_mypy_clean() -> None:
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    result = subprocess.run([mypy], cwd=ROOT, capture_output=True, text=True)  # settings: pyproject.toml
    assert result.returncode == 0, result.stdout
