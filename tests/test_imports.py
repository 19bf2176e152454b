"""The package's imports flow one way: no module imports, directly or through others, one that
imports it back (a circle), and none imports from a layer above its own. Every import counts, the
ones inside functions too (a lazy import is still an edge): the `ast` of every module is read.

The layers, bottom up (a module may import its own layer and those below):

    errors, bounds
    budget, functions, evaluate
    cache, display, config
    printing
    catalogue
    analysis (the verbs)
    numeric, sampling, parsing, latex, approximants
    rich, check, claims
    plotting, commands, cli, __main__, the package itself (glusym/__init__.py, lazy)
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "glusym"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "bounds"),
    ("budget", "functions", "evaluate"),
    ("cache", "display", "config"),
    ("printing",),
    ("catalogue",),
    ("analysis",),
    ("numeric", "sampling", "parsing", "latex", "approximants"),
    ("rich", "check", "claims"),
    ("plotting", "commands", "cli", "__main__", ""),
)
LAYER = {name: i for i, names in enumerate(LAYERS) for name in names}


def _modules() -> dict[str, Path]:
    out = {}
    for p in ROOT.rglob("*.py"):
        parts = ("glusym",) + p.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


def _edges(mods: dict[str, Path]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for m, p in mods.items():
        package = m if p.name == "__init__.py" else m.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                for a in node.names:
                    targets.append(f"{mod}.{a.name}" if f"{mod}.{a.name}" in mods else mod)
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            for t in targets:
                if t in mods and t != m and not m.startswith(t + "."):  # a package's own __init__ is not an edge
                    edges[m].add(t)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def _layer(module: str) -> int:
    first = module.split(".")[1] if "." in module else ""
    assert first in LAYER, f"{module} is in no layer of tests/test_imports.py: place it"
    return LAYER[first]


def test_no_import_circle() -> None:
    assert _cycles(_edges(_modules())) == []


def test_no_upward_import() -> None:
    edges = _edges(_modules())
    upward = sorted(f"{m} -> {t}" for m, ts in edges.items() for t in ts if _layer(t) > _layer(m))
    assert upward == []


def test_the_walk_finds_a_circle_and_an_upward_import() -> None:
    """The checks can fail: a circle of two and an import from a layer above are each found."""
    edges = {"glusym.functions": {"glusym.errors"}, "glusym.errors": {"glusym.functions"},
             "glusym.catalogue": {"glusym.check"}, "glusym.check": set()}
    assert _cycles(edges) == [["glusym.errors", "glusym.functions"]]
    assert sorted(t for m, ts in edges.items() for t in ts if _layer(t) > _layer(m)) == ["glusym.check", "glusym.functions"]
    real = _edges(_modules())
    assert "glusym.analysis.taylor" in real["glusym.analysis.depth"]  # lazy and module-level imports are read
