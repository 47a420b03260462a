"""No two modules of onex import each other (STYLE.md: a lower layer never imports a higher one;
shared types live in the lowest module that needs them). Imports inside functions and under
TYPE_CHECKING count too: a circle hidden in a function is still a circle."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "onex"


def _imports() -> dict[str, set[str]]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        modules[name] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("onex"):
                graph[name].update(
                    target
                    for target in (node.module, *(f"{node.module}.{a.name}" for a in node.names))
                    if target in modules and target != name
                )
            elif isinstance(node, ast.Import):
                graph[name].update(a.name for a in node.names if a.name in modules and a.name != name)
    return graph


def test_no_two_modules_import_each_other():
    graph = _imports()
    circles = sorted({tuple(sorted((a, b))) for a in graph for b in graph[a] if a in graph[b]})
    assert circles == []


def test_the_lowest_layers_import_nothing_above_them():
    graph = _imports()
    assert graph["onex.records"] <= {"onex.yamlread"}
    assert "onex.load" not in graph["onex.snapshot"]
