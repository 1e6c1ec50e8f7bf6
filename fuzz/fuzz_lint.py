"""Coverage-guided fuzz target (atheris): bytes -> decode -> languages -> parsers -> every rule.

    pip install atheris
    python fuzz/fuzz_lint.py fuzz/corpus -max_total_time=600    # see README, "What minislint does with bad input"

The first byte picks the file type, the rest is the file. A crash is any exception escaping the
engine, an `internal-error` finding (the engine turns a rule/parser bug into one so users keep the
other findings; here it must be loud), or a finding whose position lies outside the file.
"""
from __future__ import annotations

import sys
from pathlib import Path

from minislint.config import Settings
from minislint.decode import DecodeProblem, decode_lenient
from minislint.engine import Engine
from minislint.plugins import default_registry
from minislint.source import SourceFile

default_registry()  # load every plugin (entry points) before instrumenting what is loaded

NAMES = ("app.js", "index.html", "style.css", "minis.config.json", "App.vue", "main.ts", "page.jsx",
         "mod.mjs")
ENGINE = Engine(Settings(root=Path.cwd()))


def check(name: str, data: bytes) -> None:
    path = Path(name)
    found, crashes = ENGINE.lint_data(path, name, data)
    try:
        text = decode_lenient(data)[0]
    except DecodeProblem:
        text = ""
    file = SourceFile(path, name, text)
    for f in found:
        if f.rule == "internal-error" or crashes:
            raise RuntimeError(f"{name}: {f.message}")
        if f.path != name:
            continue  # a finding mapped through a source map, or on minis.config.json's defaults
        for line, col in ((f.line, f.column), (f.end_line, f.end_column)):
            if not (1 <= line <= len(file.line_starts) and 1 <= col <= len(file.line_text(line)) + 2):
                raise AssertionError(f"{name}: position {line}:{col} outside the file")
        if (f.end_line, f.end_column) < (f.line, f.column):
            raise AssertionError(f"{name}: finding ends before it starts: {f}")


def one_input(data: bytes) -> None:
    if not data:
        return
    check(NAMES[data[0] % len(NAMES)], data[1:])


def main() -> None:
    import atheris  # only here: tests import `check` and `one_input` without it

    atheris.instrument_all()
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
