"""The html, css and vue language plugins: which fragments, where they stand, never a crash."""
import sys
from pathlib import Path

import pytest

from minislint.languages import css, html, vue
from minislint.source import SourceFile
from ruletester import lint, triples


def fragments(module, text, name):
    return module.split(SourceFile(Path(name), name, text))


def test_html_fragments_and_script_types():
    text = ('<body onclick="return false" style="color:red">\r\n'
            '<script type="application/json">{"a": 1}</script>'
            '<script type="importmap">{"imports": {}}</script>'
            "<script type=text/x-template><div></div></script>"
            "<script src=x.js>ignored()</script>"
            "<script type=MODULE>import a from './a.js'</script>"
            "<script type='text/javascript; charset=utf-8'>var b</script>"
            "<style>.a{}</style>")
    got = [(f.language, f.module, f.meta.get("embedded"), f.text) for f in fragments(html, text, "a.html")]
    assert got == [
        ("html", None, None, text),
        ("js", False, "event-handler", "(function (event) {return false\n})"),
        ("css", None, "style-attribute", "color:red"),
        ("js", True, "script", "import a from './a.js'"),
        ("js", False, "script", "var b"),
        ("css", None, "style", ".a{}"),
    ]


def test_fragment_offsets_point_into_the_file():
    text = '<p style="a:b&amp;c">\r\n<script>\r\n\tx()\r\n</script>'
    frags = fragments(html, text, "a.html")
    style, script = frags[1], frags[2]
    assert style.text == "a:b&c"
    assert [text[style.file_offset(i)] for i in range(len(style.text))] == list("a:b&c")
    assert text[script.file_offset(script.text.index("x"))] == "x"


def test_findings_in_inline_code_carry_html_positions():
    text = ("<!doctype html>\r\n<html>\r\n<head>\r\n\t<script>\r\n\t\tif (a) {\r\n"
            "\t\t\tnavigator.vibrate(1) }\r\n\t</script>\r\n</head>\r\n"
            '<body>\r\n  <button\r\n    onclick="a(); navigator.vibrate(2)">go</button>\r\n'
            '  <div style="x: y;\r\n    background: red">\r\n</body>')
    assert triples(text, "a.html", "no-forbidden-api") == [
        ("no-forbidden-api", 6, 4), ("no-forbidden-api", 11, 19)]


def test_syntax_errors_in_inline_code_are_findings_at_html_positions():
    text = "<p>\n<script>\n  let = ;\n</script>\n<a onclick='if (' href=#>x</a>"
    found = [(f.rule, f.line) for f in lint(text, "a.html", select=["syntax-error"])]
    assert found == [("syntax-error", 3), ("syntax-error", 5)]


def test_handler_fragment_keeps_event_local():
    assert triples('<a onclick="event.preventDefault(); return false">', "a.html", "syntax-error") == []


def test_css_never_raises_on_garbage():
    for text in ["", "}}}{{", "@import", "\0\ufffd", "a{b:url(", "/* unterminated", "@media {"]:
        assert lint(text, "a.css") is not None


def test_bad_html_never_raises():
    for text in ["", "<", "<script", "<script>", "<style>@import url(", "<a b='", "\0",
                 "<svg><script>", "<textarea>", "</>", "<!--", "<p style='", "<p onclick='"]:
        assert lint(text, "a.html") is not None


def test_vue_blocks_become_fragments():
    text = ("<template>\n  <div style='color: red' @click='go'>{{ a }}</div>\n</template>\n"
            "<script setup>\nconst a = 1\n</script>\n"
            "<script lang='jsx'>\nexport const X = () => <b/>\n</script>\n"
            "<style lang='scss' scoped>\n.a { .b { c: d } }\n</style>\n"
            "<script src='./external.js'></script>\n<i18n>{}</i18n>")
    got = [(f.language, f.module, f.meta.get("jsx"), f.file_offset(0)) for f in fragments(vue, text, "a.vue")]
    assert got == [
        ("html", None, None, text.index("\n  <div")),
        ("css", None, None, text.index("color: red")),
        ("js", True, False, text.index("\nconst a")),
        ("js", True, True, text.index("\nexport const X")),
        ("css", None, None, text.index("\n.a {")),
    ]


def test_vue_ts_block_is_skipped_with_a_note_without_the_typescript_plugin(monkeypatch):
    import minislint.languages

    monkeypatch.setitem(sys.modules, "minislint.languages.typescript", None)  # import fails
    monkeypatch.delattr(minislint.languages, "typescript", raising=False)
    text = "<template><p/></template>\n<script setup lang=\"ts\">\nconst a: number = eval('1')\n</script>"
    found = lint(text, "a.vue")
    assert [(f.rule, f.severity, f.line) for f in found] == [("syntax-error", "warning", 2)]
    assert "TypeScript" in found[0].message


def test_vue_ts_block_goes_to_the_typescript_plugin():
    pytest.importorskip("tree_sitter_typescript")
    text = "<template><p/></template>\n<script setup lang=\"ts\">\nconst a: number = 1\nnavigator.vibrate(a as number)\n</script>"
    assert triples(text, "a.vue", "no-forbidden-api") == [("no-forbidden-api", 4, 1)]


def test_html_walker_gives_document_and_tags():
    from minislint.source import Fragment

    frag = Fragment(SourceFile(Path("a.html"), "a.html", "<p><iframe></iframe></p>"), "html",
                    "<p><iframe><b></iframe></p>")
    seen = []
    tree = html.parse(frag)
    html.walk(tree, {"Document": [lambda n: seen.append(n.type)],
                     "StartTag": [lambda n: seen.append(n.name)],
                     "EndTag": [lambda n: seen.append("/" + n.name)],
                     "Document:exit": [lambda n: seen.append("exit")]})
    assert seen == ["Document", "p", "iframe", "/iframe", "/p", "exit"]  # <b>: iframe text


def test_css_walker_gives_imports_and_urls():
    from minislint.source import Fragment

    text = "@import 'a.css'; .b { background: url(c.png) }"
    frag = Fragment(SourceFile(Path("a.css"), "a.css", text), "css", text)
    seen = []
    css.walk(css.parse(frag), {"Import": [lambda n: seen.append(("import", n.url))],
                               "Url": [lambda n: seen.append(("url", n.url))]})
    assert seen == [("import", "a.css"), ("url", "c.png")]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_soup = st.lists(st.sampled_from([
    "<template>", "</template>", "<script>", "<script setup lang='ts'>", "</script>", "<style>",
    "</style>", "<iframe src=//x.example/a>", "<p style='a:url(", "onclick=\"", "@import '//x/y';",
    "navigator.vibrate(1)", "location.href=u;", "<", ">", "'", '"', "\r\n", "é", "\0", "{", "}",
    "`${", "document.write('<iframe>')", "<video>", "<svg>", "&amp;"]), max_size=25).map("".join)


@settings(max_examples=150, deadline=None)
@given(_soup, st.sampled_from(["a.html", "a.vue", "a.css"]))
def test_any_markup_lints_without_internal_errors(text, name):
    found = lint(text, name)
    assert [f for f in found if f.rule == "internal-error"] == []
    for f in found:
        assert f.line >= 1 and f.column >= 1
