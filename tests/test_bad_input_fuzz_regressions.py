"""Replay inputs kept from the fuzzers through the fuzz target's own check.

Each file in tests/data/fuzz/ is one atheris input (first byte: file type, see fuzz/fuzz_lint.py).
`crash-*` files are crashes atheris found, fixed since; the others are inputs it kept for
reaching rare paths (decode problems, invalid regular expressions, broken inline scripts, Vue
blocks in TypeScript, a CSS map comment to a missing file). The check fails
on an escaping exception, an internal-error or a position outside the file.
"""
import importlib.util
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
INPUTS = sorted((HERE / "data" / "fuzz").glob("*"))


def _target():
    spec = importlib.util.spec_from_file_location("fuzz_lint", HERE.parent / "fuzz" / "fuzz_lint.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TARGET = _target()


def test_there_are_inputs_to_replay():
    assert len(INPUTS) >= 10


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_fuzz_input_replays_cleanly(path):
    TARGET.one_input(path.read_bytes())


@pytest.mark.parametrize("source, column", [
    ("var k = `${}a`;\neval(x);\n", 12),            # found by atheris in an inline <script>
    ("a = `x${ }y${z}`;\n", 10),
    ("f(`${`${}`}`);\n", 9),
])
def test_empty_template_substitution_is_a_syntax_error(tmp_path, source, column):
    """esprima2 asserted (AssertionError) on `${}`: the engine reported an internal-error (exit 2)."""
    from minislint.config import Settings
    from minislint.engine import Engine

    found = Engine(Settings()).lint_text(tmp_path / "t.js", source)
    assert [(f.rule, f.line, f.column) for f in found] == [("syntax-error", 1, column)]
    assert found[0].message == "Unexpected token } (Template literal must start with a template head)"
