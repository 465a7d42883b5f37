"""Code quality gates that are cheap to keep: ruff clean, and the core free of UI imports."""

from __future__ import annotations

import ast
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


#: The most lines a class may take, by name (the app and its main screen are held tighter).
CLASS_LIMITS = {"GovApp": 300, "MainScreen": 400}
CLASS_LIMIT = 400


def class_lengths(package: Path) -> dict[str, int]:
    """``path:Class`` → its lines (decorators and docstring included) for every class in ``package``."""
    found: dict[str, int] = {}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                assert node.end_lineno is not None
                found[f"{path.relative_to(package).as_posix()}:{node.name}"] = node.end_lineno - node.lineno + 1
    return found


def test_no_class_collects_every_feature() -> None:
    lengths = class_lengths(ROOT / "src" / "govtui")
    assert lengths["tui/app.py:GovApp"] and lengths["tui/screens/main.py:MainScreen"]  # still measured
    too_long = {name: lines for name, lines in lengths.items()
                if lines > CLASS_LIMITS.get(name.split(":")[1], CLASS_LIMIT)}
    assert not too_long, too_long


def test_the_class_measure_counts_a_whole_class(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("class A:\n" + "    x = 1\n" * 400 + "\n\nclass B:\n    pass\n")
    assert class_lengths(tmp_path) == {"m.py:A": 401, "m.py:B": 2}
