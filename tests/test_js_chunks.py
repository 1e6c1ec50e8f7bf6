"""A huge concatenation of bundles is linted one piece of whole top-level statements at a time
(issue 11: 20 MB in one tree-sitter tree plus its ESTree nodes took 2.7 GB). The pieces must give
the same findings at the same positions as the whole file, and free their trees as they go."""
from __future__ import annotations

import gc
from pathlib import Path

import pytest

from minislint import parallel
from minislint.engine import Engine
from minislint.js import parse
from minislint.js.parse import statement_chunks
from minislint.languages.js import split
from minislint.source import SourceFile


@pytest.fixture
def small_chunks(monkeypatch):
    """Pieces of ~200 bytes from 1 kB on, so a test file is small."""
    monkeypatch.setattr(parse, "CHUNK_FROM", 1000)
    monkeypatch.setattr(parse, "CHUNK_SIZE", 200)


def iifes(n: int, body=lambda i: f"var a{i}=window;a{i}.eval(s{i});") -> str:
    return "".join(f"(function(){{{body(i)}}})();" for i in range(n))


def test_pieces_are_whole_statements_that_cover_the_text(small_chunks):
    text = "/* é */" + iifes(40, lambda i: f"var s='é{i}';eval(s);") + "\n"
    pieces = statement_chunks(text)
    assert len(pieces) > 3
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(text[s:s + 11] == "(function()" for s, _ in pieces[1:])  # code points, not bytes


@pytest.mark.parametrize("text, why", [
    ("var shared=1;" + iifes(40), "a top-level var: a later piece would not see it"),
    (iifes(20) + "function f(){}" + iifes(20), "a function declaration"),
    (iifes(20) + "let k=eval;" + iifes(20), "a let"),
    ('"use strict";' + iifes(40), "a directive prologue covers the whole file"),
    (iifes(20) + "(function(){" + iifes(20), "a syntax error: esprima2 words it for the whole text"),
    (iifes(5), "a small file"),
])
def test_scripts_that_stay_whole(small_chunks, text, why):
    assert statement_chunks(text) == [], why


def test_modules_stay_whole(small_chunks):
    assert statement_chunks(iifes(40), module=True) == []


def test_no_piece_starts_with_a_string_statement(small_chunks):
    # `"use strict";` at the start of a piece would read as that piece's directive
    text = "".join(f'(function(){{eval(s{i});}})();"use strict";' for i in range(40))
    pieces = statement_chunks(text)
    assert len(pieces) > 3 and all(text[s] == "(" for s, _ in pieces)


def _findings(path: Path) -> list:
    with parallel.no_gc():
        found, crashed = Engine().lint_file(path)
    assert crashed == 0
    return sorted((f.rule, f.line, f.column, f.end_line, f.end_column, f.message, f.suppression)
                  for f in found)


def test_same_findings_in_pieces_as_whole(tmp_path, monkeypatch):
    lines = [iifes(6, lambda i: f"var f{i}=Function;f{i}('return '+x{i});window.eval(y{i});"),
             "/* minislint-disable no-eval */",
             iifes(6, lambda i: f"setTimeout('go{i}()',1);eval(z{i});location.href=u{i};"),
             "/* minislint-enable no-eval */",
             iifes(6, lambda i: f"var s='é{i}',e=eval;e(s);new Function(s);")]
    path = tmp_path / "vendor.min.js"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = _findings(path)
    monkeypatch.setattr(parse, "CHUNK_FROM", 1000)
    monkeypatch.setattr(parse, "CHUNK_SIZE", 200)
    assert len(split(SourceFile(path, path.name, path.read_text(encoding="utf-8")))) > 3
    assert _findings(path) == whole
    rules = {f[0] for f in whole}
    assert {"no-eval", "no-function-constructor", "no-string-timer", "no-navigation"} <= rules
    assert any(f[0] == "no-eval" and f[6] is not None for f in whole)  # the disabled block


def test_each_piece_is_freed_before_the_next_is_parsed(tmp_path, small_chunks, monkeypatch):
    from minislint.js.tree import Tree

    path = tmp_path / "vendor.min.js"
    path.write_text(iifes(40), encoding="utf-8")
    seen, live = [], []
    real = Engine._lint_fragment

    def lint_fragment(self, fragment, raw):
        live.append(sum(1 for o in gc.get_objects() if isinstance(o, Tree)))  # trees still held
        seen.append(fragment)
        return real(self, fragment, raw)

    monkeypatch.setattr(Engine, "_lint_fragment", lint_fragment)
    gc.collect()  # garbage of earlier tests
    assert len([f for f in _findings(path) if f[0] == "no-eval"]) == 40
    assert len(seen) > 3 and live == [0] * len(seen)
    assert not any("_js_parsed" in f.__dict__ or "_js_services" in f.__dict__ for f in seen)


def test_a_file_with_source_map_notes_stays_whole(tmp_path, small_chunks):
    path = tmp_path / "vendor.min.js"
    path.write_text(iifes(40) + "\n//# sourceMappingURL=vendor.min.js.map\n", encoding="utf-8")
    fragments = split(SourceFile(path, path.name, path.read_text(encoding="utf-8")))
    assert len(fragments) == 1 and fragments[0].meta["source_map_notes"]
