"""A small RuleTester: lint a snippet as a given file and get (rule, line, column) triples."""
from __future__ import annotations

from pathlib import Path

from minislint.config import Settings
from minislint.engine import Engine


def lint(code: str, filename: str = "case.js", select=None, **settings):
    engine = Engine(Settings(select=set(select) if select else None, **settings))
    return engine.lint_text(Path(filename), code)


def triples(code: str, filename: str = "case.js", rule: str | None = None):
    found = lint(code, filename, select=[rule] if rule else None)
    return [(f.rule, f.line, f.column) for f in sorted(found, key=lambda f: (f.line, f.column, f.rule))]


def spans(code: str, filename: str = "case.js", rule: str | None = None):
    found = lint(code, filename, select=[rule] if rule else None)
    return [(f.line, f.column, f.end_line, f.end_column) for f in sorted(found, key=lambda f: (f.line, f.column))]


def rule_tests(rule: str, invalid, valid):
    """ESLint's RuleTester.run for pytest: `test_invalid, test_valid = rule_tests(R, INVALID, VALID)`.

    `invalid` holds (code, filename, [(line, column), ...]); `valid` holds (code, filename), the
    look-alikes that must stay clean. Each case is its own test, with its code as the test id.
    """
    import pytest

    @pytest.mark.parametrize("code, filename, expected", invalid)
    def test_invalid(code, filename, expected):
        assert triples(code, filename, rule) == [(rule, line, col) for line, col in expected]

    @pytest.mark.parametrize("code, filename", valid)
    def test_valid(code, filename):
        assert triples(code, filename, rule) == []

    return test_invalid, test_valid
