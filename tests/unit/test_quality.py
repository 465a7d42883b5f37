"""Code quality gates that are cheap to keep: ruff clean, and the core free of UI imports."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

# That the core imports no UI library is an import-linter contract (pyproject.toml, tests/unit/test_layout.py).


def test_importing_the_package_loads_nothing_heavy() -> None:
    code = "import sys, govtui, govtui.store.store, govtui.importers; print(sorted(m for m in sys.modules " \
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
