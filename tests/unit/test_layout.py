"""The arrows between modules point one way: no import cycles, counting every import in a module —
at the top, inside functions, and under ``if TYPE_CHECKING`` — and the layers of the README's Layout."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

PACKAGE = ROOT / "src" / "govtui"


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the govtui modules it imports anywhere in its text (type-only imports included)."""
    files = {module_name(p, package): p for p in package.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".")
                    base = base[: len(base) - node.level + (1 if is_package else 0)]
                    module = ".".join([*base, node.module] if node.module else base)
                else:
                    module = node.module or ""
                targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
            for target in targets:
                if target in files and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_type_only_ones_included() -> None:
    found = cycles(import_graph())
    assert found == []


def test_the_cycle_finder_sees_type_only_and_function_level_imports(tmp_path: Path) -> None:
    package = tmp_path / "govtui"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from govtui.b import B\n")
    (package / "b.py").write_text("def f():\n    from . import a\n")
    (package / "c.py").write_text("import govtui.a\n")
    graph = import_graph(package)
    assert graph["govtui.a"] == {"govtui.b"} and "govtui.a" in graph["govtui.b"]
    assert cycles(graph) == [["govtui.a", "govtui.b"]]


LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path, python_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(python_path)}, timeout=300)


needs_lint_imports = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


@needs_lint_imports
def test_folders_are_layers_by_the_import_linter_contracts() -> None:
    """The contracts in pyproject.toml: cli → tui → workbench → reports | importers | store → domain, the
    store's own layers, and no Textual or click below the shells."""
    result = lint_imports(ROOT, ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@needs_lint_imports
@pytest.mark.parametrize(("module", "line"), [
    ("domain/model.py", "from govtui.store import storage\n"),        # up a layer
    ("store/storage.py", "import govtui.store.undo\n"),               # up inside the store
    ("reports/output.py", "import click\n"),                           # the core using a shell library
    ("importers/blocks.py", "from govtui.store.store import Store\n"),  # sideways between siblings
    ("store/store.py", "from govtui.workbench.view import ViewState\n"),  # the store using the workbench
    ("workbench/view.py", "from govtui.tui.keys import KEY_ACTIONS\n"),  # the workbench using the app
    ("workbench/workbench.py", "import textual\n"),                   # the workbench using Textual
])
def test_an_upward_import_breaks_a_contract(tmp_path: Path, module: str, line: str) -> None:
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "src" / "govtui" / module
    target.write_text(line + target.read_text(encoding="utf-8"), encoding="utf-8")
    result = lint_imports(tmp_path, tmp_path / "src")
    assert result.returncode != 0 and "BROKEN" in result.stdout, result.stdout


def test_every_module_is_in_a_layer_folder() -> None:
    """Only the package's entry points sit at its top: everything else lives in its layer's folder."""
    top = sorted(p.name for p in PACKAGE.iterdir() if p.suffix == ".py")
    assert top == ["__init__.py", "__main__.py"]
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert folders == ["cli", "domain", "importers", "reports", "store", "tui", "workbench"]
