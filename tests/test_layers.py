"""The package's layers, read from every module's imports (ast), and the rules between them.

docs/architecture.md describes the layers; this test keeps the code true to it. A module may import
from its own layer and the layers below; no two modules may import each other, directly or in a
cycle; only lint/checks/ imports a check (the registry finds checks by name, and reads only the
table of what each supplies from the package lint.checks itself).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

LINT = Path(__file__).resolve().parent.parent / "lint"

# Lowest first. The package's own __init__ and __main__ stand apart: the first names the public API
# by strings (imported on first use), the second only starts the command line.
LAYERS = {
    "lint.model": 0, "lint.config": 0,
    "lint.text": 1,
    "lint.language": 2,
    "lint.checks": 3,
    "lint.registry": 4,
    "lint.engine": 5,
    "lint.render": 6, "lint.report": 6,
    "lint.lsp": 7,
    "lint.cli": 8,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(LINT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    for prefix in sorted(LAYERS, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return LAYERS[prefix]
    return None


def imports(path: Path) -> set[str]:
    """Every lint module the file imports, at its top or inside a function; TYPE_CHECKING
    blocks are left out (they are for the type checker, not the program)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
               for n in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "lint"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "lint":
                continue
            for alias in node.names:  # "from . import suppress" imports the module lint.engine.suppress
                sub = f"{target}.{alias.name}"
                found.add(sub if (LINT.parent / Path(*sub.split("."))).with_suffix(".py").exists()
                          or (LINT.parent / Path(*sub.split("."))).is_dir() else target)
    return found - {here}


MODULES = {module_name(p): p for p in sorted(LINT.rglob("*.py"))}
GRAPH = {name: imports(path) for name, path in MODULES.items()}


def test_every_module_has_a_layer():
    lost = [m for m in MODULES if layer_of(m) is None and m not in ("lint", "lint.__main__")]
    assert not lost, f"modules outside every layer of docs/architecture.md: {lost}"


def test_no_layer_imports_a_higher_one():
    bad = [(m, t) for m, targets in GRAPH.items() for t in targets
           if layer_of(m) is not None and layer_of(t) is not None and layer_of(t) > layer_of(m)]
    assert not bad, "lower layers importing higher ones: " + ", ".join(f"{m} -> {t}" for m, t in bad)


def test_no_import_cycles():
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(GRAPH.get(node, ())):
            if nxt not in GRAPH:
                continue
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_only_checks_import_checks():
    bad = [(m, t) for m, targets in GRAPH.items() for t in targets
           if t.startswith("lint.checks.") and not m.startswith("lint.checks")]
    assert not bad, "checks imported outside lint/checks/: " + ", ".join(f"{m} -> {t}" for m, t in bad)


@pytest.mark.parametrize("module,target", [
    ("lint.text.source", "lint.engine.linter"),  # a lower layer reaching up
    ("lint.render.text", "lint.checks.hedging"),  # a check outside checks/
])
def test_the_rules_catch_a_forbidden_import(module, target, monkeypatch):
    """The tests above fail on a forbidden import (here added to the graph, not to the code)."""
    monkeypatch.setitem(GRAPH, module, GRAPH[module] | {target})
    with pytest.raises(AssertionError):
        test_no_layer_imports_a_higher_one() if "checks" not in target else test_only_checks_import_checks()
