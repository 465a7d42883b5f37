"""The arrows between modules point one way: no import cycles, counting every import in a module —
at the top, inside functions, and under ``if TYPE_CHECKING`` — and the layers of the README's Layout."""

from __future__ import annotations

import ast
from pathlib import Path

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


# The rows of the README's Layout, lowest first: a module may import only from its own row or below.
LAYERS: list[set[str]] = [
    {"govtui", "govtui.model", "govtui.text", "govtui.paths", "govtui.errors", "govtui.files", "govtui.streams",
     "govtui.limits"},
    {"govtui.units", "govtui.deadlines", "govtui.pinyin", "govtui.vocabulary"},  # and govtui.importers.*
    {"govtui.storage", "govtui.tracked_table", "govtui.transaction", "govtui.snapshot", "govtui.lookup_index",
     "govtui.first_screen",
     "govtui.query", "govtui.sorting",
     "govtui.output", "govtui.reports", "govtui.exporters", "govtui.checks", "govtui.config",
     "govtui.history", "govtui.unit_input", "govtui.workdays", "govtui.recurrence", "govtui.proof",
     "govtui.remind", "govtui.progress", "govtui.annual"},
    {"govtui.reimport", "govtui.undo", "govtui.import_preview", "govtui.recurrence_store", "govtui.linking",
     "govtui.carry", "govtui.manual", "govtui.backups"},
    {"govtui.store"},
    {"govtui.lookup", "govtui.keys"},
]
IMPORTERS = "govtui.importers"
UI = "govtui.screens", "govtui.widgets", "govtui.app", "govtui.messages", "govtui.themes"
CLI = ("govtui.cli", "govtui.launcher", "govtui.__main__")  # govtui.cli.* too


def layer_of(module: str) -> int:
    if module.startswith(IMPORTERS):
        return 1  # importers → model, text, units, deadlines; never the store
    for level, members in enumerate(LAYERS):
        if module in members:
            return level
    if module.startswith(UI) or module in CLI or module.startswith("govtui.cli."):
        return len(LAYERS)
    raise AssertionError(f"{module}: not placed in a layer (add it to LAYERS in this test and to the README)")


def test_arrows_point_down_the_layers() -> None:
    graph = import_graph()
    upward = [f"{m} → {t}" for m, targets in graph.items() for t in targets if layer_of(t) > layer_of(m)]
    assert upward == []


def test_the_core_knows_neither_ui_nor_cli() -> None:
    graph = import_graph()
    shell = [m for m in graph if m.startswith(UI) or m in CLI or m.startswith("govtui.cli.")]
    core = [m for m in graph if m not in shell]
    assert [(m, t) for m in core for t in graph[m] if t in shell] == []
    assert "govtui.output" not in graph["govtui.store"]
