"""Deep nesting: parsers and rules run under guard.py; a too-deep file is a finding, the run goes on."""
import json
import subprocess
import sys
import textwrap

import esprima
import pytest
import tinycss2

import hostile
from minislint import guard
from minislint.markup.scan import scan


def cli(args, cwd):
    proc = subprocess.run([sys.executable, "-m", "minislint", "check", "--no-cache", "--format", "json",
                           *args], cwd=cwd, capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def by_path(out):
    found = {}
    for f in json.loads(out):
        found.setdefault(f["path"], []).append((f["rule"], f["line"], f["column"]))
    return found


# -- guard.run on each parser -------------------------------------------------------------------
def test_guard_parses_what_the_default_limit_cannot():
    text = hostile.js_callbacks(200, "eval(x)")
    with pytest.raises(RecursionError):  # what the engine hit before guard.py: 40 callbacks were enough
        esprima.parseScript(text)
    tree = guard.run(esprima.parseScript, text, {"range": True})
    assert tree.body[0].expression.callee.name == "f"


@pytest.mark.parametrize("kind", ["arrays", "callbacks", "objects", "parens"])
def test_guard_turns_esprima_recursion_into_too_deep(kind):
    before = sys.getrecursionlimit()
    with pytest.raises(guard.TooDeep) as info:
        guard.run(esprima.parseScript, hostile.JS_DEEP[kind]())
    assert str(info.value) == "too deeply nested to check" and info.value.reason == "nesting"
    assert sys.getrecursionlimit() == before  # the raised limit lives only while guarded work runs


def test_guard_parses_ten_thousand_blocks():
    tree = guard.run(esprima.parseScript, hostile.js_blocks())  # 3 frames a level: within reach
    assert tree.body[0].type == "BlockStatement"


def test_guard_on_tinycss2_and_html_scan():
    # tinycss2 parses 10 000 nested blocks and functions under the guard (it fails without it)
    rules = guard.run(tinycss2.parse_stylesheet, hostile.css_blocks())
    assert rules[0].type == "qualified-rule"
    def round_trip(css):  # tinycss2's serializer recurses once per nested function
        return tinycss2.serialize(tinycss2.parse_component_value_list(css))

    deep = hostile.css_functions(2000)
    with pytest.raises(RecursionError):
        round_trip(deep)
    assert guard.run(round_trip, deep) == deep
    # the HTML scanner is a tokenizer (no recursion): 10 000 nested elements are just tags
    tags = guard.run(scan, hostile.html_elements())
    assert sum(t.name == "div" for t in tags) == 2 * hostile.DEEP


def test_guard_passes_other_errors_through_and_maps_memory_error():
    def boom():
        raise KeyError("k")

    def hungry():
        raise MemoryError

    with pytest.raises(KeyError):
        guard.run(boom)
    with pytest.raises(guard.TooDeep) as info:
        guard.run(hungry)
    assert info.value.reason == "memory"
    assert guard.run(lambda: guard.run(lambda: guard.active())) is True  # nested runs stay in place
    assert not guard.active()


def test_no_interpreter_abort_on_any_parser():
    """In a child process: an abort (SIGSEGV on 3.10 with a raised limit) must not kill pytest."""
    code = textwrap.dedent("""
        import esprima, tinycss2, hostile
        from minislint import guard
        for name, gen in sorted(hostile.JS_DEEP.items()):
            for n in (10_000, 100_000):
                try:
                    guard.run(esprima.parseScript, gen(n)); print(name, n, "parsed")
                except guard.TooDeep:
                    print(name, n, "too deep")
        for n in (10_000, 100_000):
            try:
                guard.run(lambda t: tinycss2.serialize(tinycss2.parse_component_value_list(t)),
                          hostile.css_functions(n)[7:-4]); print("css", n, "parsed")
            except guard.TooDeep:
                print("css", n, "too deep")
    """)
    tests = str(__import__("pathlib").Path(__file__).parent)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600,
                          env={**__import__("os").environ, "PYTHONPATH": tests})
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert len(lines) == 2 * len(hostile.JS_DEEP) + 2
    assert "parens 100000 too deep" in lines and "callbacks 10000 too deep" in lines


# -- through the CLI ----------------------------------------------------------------------------
def test_deep_files_are_findings_and_the_run_goes_on(tmp_path):
    for kind, gen in hostile.JS_DEEP.items():
        hostile.write(tmp_path, f"deep_{kind}.js", gen())
    hostile.write(tmp_path, "deep.html", hostile.html_elements() + "<script>eval(y)</script>\n")
    hostile.write(tmp_path, "deep.css", hostile.css_blocks())
    hostile.write(tmp_path, "ok.js", "var a = 1;\n  eval(a);\n")
    code, out, err = cli(["deep_parens.js", "deep_arrays.js", "deep_callbacks.js", "deep_objects.js",
                          "deep_blocks.js", "deep.html", "deep.css", "ok.js"], tmp_path)
    assert err == "" and code == 1
    found = by_path(out)
    assert found["ok.js"] == [("no-eval", 2, 3)]
    # tree-sitter parses 10 000 levels without recursion (issue 11): checked, nothing to report
    for kind in ("parens", "arrays", "callbacks", "objects", "blocks"):
        assert f"deep_{kind}.js" not in found, kind
    assert found["deep.html"] == [("no-eval", 3, 9)]  # html5lib's tokenizer does not recurse
    assert "deep.css" not in found


def test_real_depth_is_checked_not_given_up(tmp_path):
    """40 nested callbacks broke esprima under the default limit: the eval inside was lost."""
    hostile.write(tmp_path, "cb.js", hostile.js_callbacks(40, "eval(x)"))
    code, out, err = cli(["cb.js"], tmp_path)
    assert by_path(out)["cb.js"] == [("no-eval", 1, 40 * len("f(function () {") + 1)]
    assert code == 1 and err == ""


def test_stdin_deep_input(tmp_path):
    text = hostile.js_parens() + "eval(z);\n"
    proc = subprocess.run([sys.executable, "-m", "minislint", "check", "--format", "json",
                           "--stdin-filename", "in.js", "-"], input=text, cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.stderr == ""
    assert by_path(proc.stdout)["in.js"] == [("no-eval", 2, 1)]  # 10 000 parens: read, and checked


def test_too_deep_for_esprima_when_tree_sitter_sees_an_error(tmp_path):
    """A broken file goes to esprima2 for its message: too deep for it is still a finding."""
    hostile.write(tmp_path, "deep_broken.js", hostile.js_parens() + "let x = ;\n")
    code, out, err = cli(["deep_broken.js"], tmp_path)
    assert err == ""
    assert [(f["rule"], f["line"], f["column"], f["message"]) for f in json.loads(out)] == \
        [("syntax-error", 1, 1, "too deeply nested to parse")]


DEEP_BUT_FINE = {  # name: (text, (line, column) of the eval) - thousands of levels, all checked
    "cb.js": (hostile.js_callbacks(2000, "eval(x)"), (1, 2000 * len("f(function () {") + 1)),
    "parens.js": (hostile.js_parens(2000) + "eval(1)\n", (2, 1)),
    "scopes.js": ("function f(){" * 2000 + "eval(1)" + "}" * 2000, (1, 26001)),
    "template.js": ("x = `${" * 2000 + "1" + "}`" * 2000 + ";eval(1)\n", (1, 18003)),
    "ternary.js": ("x = " + "a?b:" * 3000 + "c;eval(1)\n", (1, 12007)),
    "concat.js": ("eval('a'" + " + 'a'" * 10000 + ");\n", (1, 1)),
    "deep.ts": ("let x: " + "Array<" * 3000 + "number" + ">" * 3000 + " = []; eval(1)\n", (1, 21021)),
    "deep.tsx": ("const a = " + "<div>" * 3000 + "</div>" * 3000 + "; eval(1)\n", (1, 33013)),
    "attr.html": ("<div onclick=\"" + "(" * 3000 + "1" + ")" * 3000 + "\"></div><script>eval(1)</script>\n",
                  (1, 6032)),
    "deep.vue": ("<template><div>" + "<div>" * 5000 + "</div>" * 5000 + "</div></template>\n"
                 "<script>eval(1)</script>\n", (2, 9)),
}


def test_thousands_of_levels_are_checked(tmp_path):
    for name, (text, _) in DEEP_BUT_FINE.items():
        hostile.write(tmp_path, name, text)
    code, out, err = cli(["--select", "no-eval,syntax-error,internal-error", *DEEP_BUT_FINE], tmp_path)
    assert err == "" and code == 1
    assert by_path(out) == {name: [("no-eval", *pos)] for name, (_, pos) in DEEP_BUT_FINE.items()}
