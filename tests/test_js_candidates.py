"""The candidate search (minislint/js/candidates.py) and the tree's word index: the shortcuts
that keep a bundle cheap must not lose a finding or move it."""
import pytest
from ruletester import triples

from minislint.js.candidates import _word_pattern
from minislint.js.tree import _DIRECT_LARGE_ASKS, Tree, ts_parse


def _tree(text: str) -> Tree:
    data = text.encode("utf-8")
    return Tree(text, data, ts_parse(data))


@pytest.mark.parametrize("code, filename, rule, expected", [
    # `h(` is a word only as a whole called name: a Vue helper by import, a local vnode factory
    ('import { h } from "vue";\nconst v = h("script", { src: "https://cdn.evil.example/a.js" });',
     "a.js", "no-foreign-script", [(2, 30)]),
    ('function h(t, p) { return { __v_isVNode: true, type: t, props: p } }\n'
     'h("script", { src: "https://cdn.evil.example/a.js" }); a.push("script", { src: "https://cdn.evil.example/b.js" });',
     "a.js", "no-foreign-script", [(2, 20)]),
    # many `\\` and `//` in one regex and one comment before the real URL: one hit per token
    ('const re = /\\\\\\/\\//g; // see https://x.example//y\n'
     'const s = document.createElement("script"); s.src = "https:\\/\\/cdn.evil.example\\/a.js";',
     "a.js", "no-foreign-script", [(2, 53)]),
    # string pieces after non-ASCII text: byte offsets of the pieces, columns in code points
    ('const é = "ü"; window[["ev", "al"].join("")]("1")', "a.js", "no-eval", [(1, 23)]),
    ('/* ünï */ const k = ["Func", "tion"]; window[k.join("")]("return 1")', "a.js",
     "no-function-constructor", [(1, 46)]),
    # an alias's uses are candidates where they resolve to it; a parameter of the same name in an
    # inner function is another binding (its use is clean: see the look-alikes below)
    ('var s = "https://cdn.evil.example/a.js";\n'
     'function f() { var e = document.createElement("script"); e.src = s }\n'
     'function g(s) { var e = document.createElement("script"); e.src = s }',
     "a.js", "no-foreign-script", [(2, 66)]),
    ('var t;\nt = window.navigator;\nfunction f() { t.vibrate(1) }\nfunction g(t) { t.vibrate(2) }',
     "a.js", "no-forbidden-api", [(3, 16)]),
    ('var n = window.navigator, k = "vib" + "rate";\nfunction f() { n[k](1) }\nfunction g(n) { n[k](2) }',
     "a.js", "no-forbidden-api", [(2, 16)]),
    ('var F = Function;\nfunction f() { F("a", "return a") }\nfunction g(F) { F("x") }',
     "a.js", "no-function-constructor", [(2, 16)]),
    ('function f() { var e; e = eval; return function (e) { e("1") } }\nfunction g() { var e; e = eval; e("2") }',
     "a.js", "no-eval", [(1, 27), (2, 27)]),
    ('x = window.eval;\nfunction f() { x("1") }', "a.js", "no-eval", [(1, 12)]),  # an implicit global
])
def test_flagged_through_the_shortcuts(code, filename, rule, expected):
    assert triples(code, filename, rule) == [(rule, line, col) for line, col in expected]


@pytest.mark.parametrize("code", [
    'a.push("script", { src: "https://cdn.evil.example/b.js" })',     # `h(` ends `push(`
    'each("script", { src: "https://cdn.evil.example/b.js" })',
    '// document.createElement("script").src = "https://cdn.evil.example/a.js"',
])
def test_look_alikes_stay_clean(code):
    assert triples(code, "a.js", "no-foreign-script") == []


def test_called_name_word_is_not_the_tail_of_a_longer_name():
    text = b"h(1);a.push(2);g.h(3);$h(4);\xc3\xa9h(5)"
    assert [m.start() for m in _word_pattern("h(").finditer(text)] == [0, 17]
    assert [m.start() for m in _word_pattern("State").finditer(b"history.pushState(s)")] == [12]


# a small range is searched; a large one too for the first questions, then from the word index
@pytest.mark.parametrize("pad, indexed", [(0, False), (40_000, False), (40_000, True)])
def test_occurrences_are_whole_words_within_the_range(pad, indexed):
    text = " " * pad + "var e = 1, ee = e, é = e; f(e$, \\u0065, e\\u0065, e);"
    tree = _tree(text)
    if indexed:
        tree._large_asks = _DIRECT_LARGE_ASKS
    data = tree.data
    found = tree.occurrences("e", pad, len(data))
    assert [data[b:b + 1] for b in found] == [b"e"] * 4
    assert [b - pad for b in found] == [4, 16, 24, 50]  # bytes: é counts two
    assert tree.occurrences("e", pad + 20, pad + 30) == [pad + 24]
    assert tree.occurrences("é", 0, len(data)) == [pad + 19]
    assert (tree._words is not None) == indexed


@pytest.mark.parametrize("code, expected", [
    ("const a = <div>x</span>;", [("syntax-error", 1, 24)]),
    ("const a = <A.B>x</A.C>", [("syntax-error", 1, 23)]),
    ("x = <a:b>y</a:c>", [("syntax-error", 1, 17)]),
    # look-alikes: matching tags, fragments, `</` in strings and comparisons
    ("const a = <div><b>x</b></div>;\neval(x)", [("no-eval", 2, 1)]),
    ("x = <>a</>;\nconst b = <A.B>x</A.B>;\neval(1)", [("no-eval", 3, 1)]),
    ("s = '</div>' + `</span>`; if (a </re/.x) eval(1)", [("no-eval", 1, 42)]),
])
def test_jsx_closing_tags_looked_up_where_they_are(code, expected):
    assert triples(code, "a.jsx") == expected


def test_alias_uses_handed_over_only_where_they_resolve_to_the_alias():
    from minislint.js.candidates import dispatch

    text = ("var t = navigator;\nfunction f() { return t.userAgent }\n"
            "function g(t) { return t + 1 }\nfunction h() { var t = 2; return t }\nu = t;")
    program = _tree(text).program
    seen = []
    dispatch(program, [(("navigator",), {"Identifier": [seen.append]})])
    # the `t`s at 66, 78 (g's parameter) and 105, 119 (h's own var) are other bindings
    assert sorted(n.range[0] for n in seen if n.name == "t") == [4, 41, 127]
    assert ("u", 123) in [(n.name, n.range[0]) for n in seen]  # `u = t`: an alias of the alias
