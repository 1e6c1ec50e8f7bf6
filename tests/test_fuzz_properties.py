"""Property-based tests through the whole pipeline (decode -> language -> parser -> rules -> positions).

For random text, slices and byte mutations of the repository's real files: no exception escapes,
no rule crashes, every position lies inside the file. For generated programs with known
violations: each `no-eval` finding points at the `eval` it claims, each `untrusted-domain`
finding at text containing the host its message names, and look-alikes stay clean.
"""
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minislint.config import Settings
from minislint.decode import DecodeProblem, decode_lenient
from minislint.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
ENGINE = Engine(Settings())
_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")  # source.py's line terminators (ESLint's)
# MINISLINT_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz_properties.py: a longer hunt than CI's
PROPS = settings(max_examples=int(os.environ.get("MINISLINT_FUZZ_EXAMPLES", "80")), deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])

REAL_FILES = sorted(p for folder in ("fixtures", "tests/data") for p in (ROOT / folder).rglob("*")
                    if p.suffix in (".js", ".html", ".css", ".json", ".vue", ".ts", ".mjs")
                    and p.is_file() and p.stat().st_size < 200_000)
NAMES = ["app.js", "page.html", "style.css", "minis.config.json", "App.vue", "main.ts", "mod.mjs"]


def line_starts(text):
    return [0] + [m.end() for m in _BREAK.finditer(text)]


def offset(starts, line, column):
    return starts[line - 1] + column - 1


def lint(folder: Path, name: str, data: bytes):
    path = folder / name
    found, crashes = ENGINE.lint_data(path, name, data)
    try:
        text = decode_lenient(data)[0]
    except DecodeProblem:
        text = ""
    starts = line_starts(text)
    for f in found:
        assert f.rule != "internal-error", f.message
        if f.path != name:
            continue  # mapped through a source map, or a config file's default
        for line, col in ((f.line, f.column), (f.end_line, f.end_column)):
            assert 1 <= line <= len(starts), f
            end = starts[line] if line < len(starts) else len(text)
            assert 1 <= col and starts[line - 1] + col - 1 <= end, f
        assert (f.end_line, f.end_column) >= (f.line, f.column), f
    assert crashes == 0
    return found, text, starts


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("props")


# -- anything at all -----------------------------------------------------------------------------
@PROPS
@given(name=st.sampled_from(NAMES), text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_random_text_never_escapes(folder, name, text):
    lint(folder, name, text.encode("utf-8"))


@PROPS
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=400))
def test_random_bytes_never_escape(folder, name, data):
    lint(folder, name, data)


@PROPS
@given(data=st.data())
def test_slices_and_mutations_of_real_files(folder, data):
    path = data.draw(st.sampled_from(REAL_FILES))
    raw = path.read_bytes()
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, len(raw)))
    piece = bytearray(raw[start:end])
    for _ in range(data.draw(st.integers(0, 4))):
        at = data.draw(st.integers(0, len(piece)))
        piece[at:at + data.draw(st.integers(0, 3))] = data.draw(st.binary(max_size=6))
    lint(folder, path.name, bytes(piece))


TOKENS = st.sampled_from([
    "eval", "(", ")", "{", "}", "[", "]", ";", ",", ".", "?.", "=>", "=", "+", "`", "${", "'", '"', "/",
    "/*", "*/", "//", "\n", "\r\n", "\u2028", "function", "class", "async", "await", "yield", "new",
    "Function", "setTimeout", "window", "globalThis", "import", "export", "from", "let", "const", "var",
    "this", "super", "x", "1", "0x1F", "1n", "'https://a.test/'", "fetch", "<script>", "</script>",
    "<div", ">", "</", "/>", "<!--", "-->", "url(", "@import", "&amp;", "\u00e9", "\U0001F600", "#!",
    "<template>", "</template>", "<style>", "</style>", "as", ":", "<", "enum", "@",
])


@PROPS
@given(name=st.sampled_from(NAMES), tokens=st.lists(TOKENS, max_size=80),
       glue=st.sampled_from(["", " ", "\n"]))
def test_token_soup_never_escapes(folder, name, tokens, glue):
    lint(folder, name, glue.join(tokens).encode("utf-8"))


# -- generated programs with known violations --------------------------------------------------
FILLER = st.sampled_from([
    "var a = 1;", "let s = 'caf\u00e9 \U0001F600';", "/* comment \u00fc */", "// line comment",
    "const t = `x${1 + 2}y`;", "var r = /ev[a]l\\(/g;", "function f(x) { return x * 2; }",
    "obj.eval(x);", "var q = 'eval(x)';", "// eval(x)", "/* eval(y) */", "let evaluate = 2;",
    "var u = 'https://not-a-request.example/';", "if (a) { b(); } else { c(); }",
    "class K { m() { return this.eval; } }", "var \u00e9t\u00e9 = '\u4e2d\u6587';",
])
EVALS = st.sampled_from(["eval(x);", "window.eval(x);", "eval('1');", "globalThis.eval(y);"])
HOSTS = st.from_regex(r"[a-z][a-z0-9]{0,8}\.(com|net|io|test)", fullmatch=True)
BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\u2028"])


@st.composite
def programs(draw):
    """(source, number of evals, hosts fetched) with random statements, line ends and indents."""
    parts, evals, hosts = [], 0, []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            parts.append(draw(EVALS))
            evals += 1
        elif kind == 1:
            host = draw(HOSTS)
            quote = draw(st.sampled_from(["'", '"', "`"]))
            parts.append(f"fetch({quote}https://{host}/api?q=1{quote});")
            hosts.append(host)
        else:
            parts.append(draw(FILLER))
        parts.append(draw(BREAKS) + " " * draw(st.integers(0, 3)))
    return "".join(parts), evals, hosts


@st.composite
def embedded(draw):
    """The program as a .js file, an inline <script> of an HTML page, or a Vue block."""
    source, evals, hosts = draw(programs())
    where = draw(st.sampled_from(["js", "html", "vue"]))
    if where == "js":
        return "app.js", source, evals, hosts
    head = draw(st.sampled_from(["", "<!doctype html>\r\n<p title=\"&amp;\u00e9\">\u4e2d</p>\n", "<!-- x -->"]))
    if where == "html":
        return "page.html", f"{head}<script>{source}</script>\n", evals, hosts
    return "App.vue", f"<template><div>{head}</div></template>\n<script>\n{source}</script>\n", evals, hosts


@PROPS
@given(case=embedded(), bom=st.booleans())
def test_findings_point_at_what_they_claim(folder, case, bom):
    name, text, evals, hosts = case
    found, seen, starts = lint(folder, name, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    assert seen == text
    eval_spans = [seen[offset(starts, f.line, f.column):offset(starts, f.end_line, f.end_column)]
                  for f in found if f.rule == "no-eval"]
    assert len(eval_spans) == evals                    # look-alikes (obj.eval, strings, comments) stay clean
    assert all(span.endswith("eval") for span in eval_spans), eval_spans
    domain = [f for f in found if f.rule == "untrusted-domain"]
    assert len(domain) == len(hosts)
    for f in domain:
        span = seen[offset(starts, f.line, f.column):offset(starts, f.end_line, f.end_column)]
        host = re.search(r"request to ([^\s:;]+)|^([^\s:;]+) ", f.message)
        claimed = next(g for g in host.groups() if g)
        assert claimed in span, (claimed, span, f.message)
    assert sorted(h for h in hosts) == sorted(
        next(g for g in re.search(r"request to ([^\s:;]+)|^([^\s:;]+) ", f.message).groups() if g) for f in domain)
