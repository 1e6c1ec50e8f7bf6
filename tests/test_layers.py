"""Imports go one way (issue 14): cli -> runner -> parallel -> engine; no module of the package
imports one that imports it back, lazily inside a function or not."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "minislint"


def imports() -> dict:
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(("minislint",) + tuple(p for p in parts if p != "__init__"))
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("minislint"):
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("minislint"))
        graph[name] = found
    return {name: {d for d in deps if d in graph and d != name} for name, deps in graph.items()}


def test_no_two_modules_import_each_other():
    graph = imports()
    pairs = sorted({tuple(sorted((a, b))) for a, deps in graph.items() for b in deps if a in graph[b]})
    assert pairs == []


def test_the_engine_lints_one_file_and_knows_nothing_of_runs():
    graph = imports()
    assert not graph["minislint.engine"] & {"minislint.runner", "minislint.parallel", "minislint.cache",
                                            "minislint.discovery", "minislint.cli"}
    assert "minislint.cli" not in graph["minislint.server"]
