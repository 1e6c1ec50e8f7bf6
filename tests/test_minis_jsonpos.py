"""jsonpos: positions of every value, and a clear word on why a text is not JSON."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from minislint.minis import jsonpos

FACTS = Path(__file__).resolve().parents[1].parent / "shared" / "minis" / "develop-your-mini-drama.txt"


def at(text: str, needle: str, nth: int = 0) -> int:
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    return offset


def test_positions_of_keys_and_values_crlf_bom_free_non_ascii():
    text = '{\r\n  "dev": {"name": "Drama \u5267\u573a", "port": 3000},\r\n  "list": [1, "x", null]\r\n}'
    doc = jsonpos.parse(text)
    assert doc.strict_ok
    dev = doc.root.get("dev")
    name = dev.get("name")
    assert text[name.start:name.end] == '"Drama \u5267\u573a"'
    port = dev.get("port")
    assert (port.kind, port.value) == ("number", 3000)
    assert jsonpos.line_col(text, port.start) == (2, 39)
    member = doc.root.member("list")
    assert jsonpos.line_col(text, member.key_start) == (3, 3)
    assert [n.kind for n in member.value.items] == ["number", "string", "null"]
    assert doc.root.value == json.loads(text)


# (text, kind, line, column, words in the message)
RECOVERABLE = [
    ('{\n  "a": 1, // the port\n  "b": 2\n}', "comment", 2, 11, "comment"),
    ('{"a": 1 /* why */}', "comment", 1, 9, "comment"),
    ('{"a": [1, 2,],\n "b": 1}', "trailing-comma", 1, 12, "trailing comma before `]`"),
    ('{\n  "a": 1,\n}', "trailing-comma", 2, 9, "trailing comma before `}`"),
    ('{"a": 1\n "b": 2}', "missing-comma", 2, 2, "missing `,` between members"),
    ('["x" "y"]', "missing-comma", 1, 6, "missing `,` between array items"),
]


@pytest.mark.parametrize("text,kind,line,column,words", RECOVERABLE)
def test_recoverable_problems_are_located_and_parsing_goes_on(text, kind, line, column, words):
    doc = jsonpos.parse(text)
    assert doc.error is None and doc.root is not None
    assert not doc.strict_ok
    [problem] = doc.problems
    assert (problem.kind, problem.line, problem.column) == (kind, line, column)
    assert words in problem.message


FATAL = [
    ('{"a": "index.html" or "x"}', 1, 20, "found `or`"),
    ("{'a': 1}", 1, 2, "double quotes, not single quotes"),
    ("{a: 1}", 1, 2, "property names must be in double quotes"),
    ("", 1, 1, "empty"),
    ("  \n ", 2, 2, "empty"),
    ('{"a": 1} x', 1, 10, "after the end"),
    ('{"a": "x\ny"}', 1, 9, "cannot contain a line break"),
    ('{"a": "\\q"}', 1, 8, "invalid escape"),
    ('{"a": "abc', 1, 7, "unterminated string"),
    ('{"a": 01}', 1, 7, "leading zeros"),
    ('{"a": -}', 1, 7, "expected a value"),
    ('{"a": NaN}', 1, 7, "found `NaN`"),
    ('{"a": \u201cx\u201d}', 1, 7, "curly quote"),
    ('{\u00a0"a": 1}', 1, 2, "non-breaking space"),
    ('{"a" 1}', 1, 6, "`:` after the property name \"a\""),
    ('{"a": 1', 1, 8, "found the end of the file"),
    ("/* open", 1, 1, "unterminated `/*` comment"),
    ("[" * 300, 1, 258, "nested deeper"),
]


@pytest.mark.parametrize("text,line,column,words", FATAL)
def test_fatal_errors_say_where_and_why(text, line, column, words):
    doc = jsonpos.parse(text)
    assert doc.root is None
    assert (doc.error.line, doc.error.column) == (line, column), doc.error
    assert words in doc.error.message
    assert str(doc.error).startswith(f"line {line}, column {column}: ")


def test_duplicate_keys_are_recorded_and_the_last_wins_like_json_parse():
    text = '{"k": 1, "x": 0, "k": 2}'
    doc = jsonpos.parse(text)
    assert doc.strict_ok and doc.root.value == {"k": 2, "x": 0}
    [(first, later)] = doc.duplicates
    assert (first.key_start, later.key_start) == (1, at(text, '"k"', 1))
    assert doc.root.get("k").value == 2


def test_line_col_matches_the_core_for_every_line_terminator():
    from minislint.source import SourceFile

    text = 'a\r\nb\rc\nd\u2028e\u2029f\r\n\r\ng'
    source = SourceFile(Path("x"), "x", text)
    for offset in range(len(text) + 1):
        assert jsonpos.line_col(text, offset) == source.position(offset), offset


def _docs_examples() -> list[str]:
    """The minis.config.json examples of the platform's own page, as a user copies them."""
    if not FACTS.exists():
        pytest.skip("shared/minis is not beside the repository")
    lines = FACTS.read_text(encoding="utf-8").splitlines()
    examples, start = [], None
    for number, line in enumerate(lines):
        if line == "{" and start is None:
            start = number
        elif line == "}" and start is not None:
            examples.append("\n".join(lines[start:number + 1]))
            start = None
    return examples


def test_the_docs_own_examples_get_clear_messages():
    examples = _docs_examples()
    assert len(examples) == 4
    init, table, example, navbar = (jsonpos.parse(t) for t in examples)
    # `ttdx minis init` output as printed: a `//` comment and no comma after "clientKey"
    assert [(p.kind, p.line) for p in init.problems] == [("comment", 3), ("missing-comma", 4)]
    assert init.root.get("dev").get("clientKey").value == "your-client-key"
    # the parameter example writes `"index.html" or "public/index.html"`
    assert table.root is None and "found `or`" in table.error.message
    # the full example ends an object with a trailing comma
    assert [(p.kind, p.line, p.column) for p in example.problems] == [("trailing-comma", 4, 33)]
    assert example.root.get("domain").get("allowList").value == ["https://www.xxx.com"]
    # the navbar example: a comment, a trailing comma, then `...` for "the rest of the file"
    assert [(p.kind, p.line) for p in navbar.problems] == [("comment", 3), ("trailing-comma", 5)]
    assert (navbar.error.line, navbar.error.column) == (7, 3)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(json_values, st.sampled_from([None, 0, 2]))
def test_agrees_with_the_stdlib_on_valid_json(value, indent):
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    doc = jsonpos.parse(text)
    assert doc.strict_ok
    assert doc.root.value == json.loads(text)
    assert (doc.root.start, doc.root.end) == (0, len(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='{}[]",:/ *\n\\abtrue0-1.e\u00a0\'', max_size=40))
def test_never_raises_and_strict_ok_only_for_real_json(text):
    doc = jsonpos.parse(text)
    try:
        json.loads(text)
        valid = True
    except ValueError:
        valid = False
    assert doc.strict_ok == valid
