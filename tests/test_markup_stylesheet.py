"""minislint.markup.stylesheet: @import and url() with exact offsets."""
import pytest

from minislint.markup.stylesheet import css_urls


def found(css):
    return [(u.kind, u.url, css[u.start:u.end], u.node_start) for u in css_urls(css)]


@pytest.mark.parametrize("css, url, raw", [
    ('@import "https://a.example/x.css";', "https://a.example/x.css", "https://a.example/x.css"),
    ("@import 'https://a.example/x.css' screen;", "https://a.example/x.css",
     "https://a.example/x.css"),
    ("@import url(https://a.example/x.css);", "https://a.example/x.css",
     "https://a.example/x.css"),
    ("@IMPORT URL(  //a.example/x.css\t) layer(base);", "//a.example/x.css", "//a.example/x.css"),
    ('@import url("https://a.example/x.css") supports(display: grid);', "https://a.example/x.css",
     "https://a.example/x.css"),
    ('@import"a.css";', "a.css", "a.css"),
    ('@import "a\\22 b.css";', 'a"b.css', 'a\\22 b.css'),
])
def test_import_in_both_forms(css, url, raw):
    (u,) = css_urls(css)
    assert (u.kind, u.url, css[u.start:u.end], u.node_start) == ("import", url, raw, 0)


def test_offsets_survive_crlf_form_feed_and_non_ascii():
    css = ('/* 视频 — ünï */\r\n@charset "utf-8";\r\n\r\n.a\f{ color: red }\r\n'
           '@import url("https://b.example/y.css");\r\n')
    (u,) = css_urls(css)
    assert css[u.start:u.end] == "https://b.example/y.css"
    assert css[u.node_start:].startswith("@import")


def test_font_face_and_value_urls_are_told_apart():
    css = ('@font-face { font-family: A; src: url("https://fonts.gstatic.com/a.woff2") '
           'format("woff2"), url(a.ttf); }\n'
           ".hero { background: url(https://cdn.example/hero.png) no-repeat; "
           "cursor: url('c.cur'), auto }\n"
           "@media (min-width: 1px) { .b { background-image: image-set(url(b.png) 1x) } }")
    assert [(k, raw) for k, _, raw, _ in found(css)] == [
        ("font-face", "https://fonts.gstatic.com/a.woff2"), ("font-face", "a.ttf"),
        ("value", "https://cdn.example/hero.png"), ("value", "c.cur"), ("value", "b.png")]


def test_look_alikes_are_not_imports():
    css = ('/* @import "https://a.example/x.css"; */\n'
           '.a::before { content: "@import url(https://a.example/x.css)" }\n'
           "@media print { @import 'nested-is-ignored-by-browsers.css'; }\n"
           ".importer { color: red }")
    assert [k for k, *_ in found(css)] == []


def test_style_attribute_text_and_escaped_parenthesis():
    css = "background: url(img/\\)x.png); color: red"
    (u,) = css_urls(css)
    assert (u.kind, u.url, css[u.start:u.end]) == ("value", "img/)x.png", "img/\\)x.png")


def test_broken_css_never_raises():
    for css in ["@import", "@import ;", "@import url(", '@import "unterminated', "url(",
                "a { b: url(\"x", "}}}", "@font-face {", "\0@import 'x';"]:
        for u in css_urls(css):
            assert 0 <= u.start <= u.end <= len(css)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_css_soup = st.lists(st.sampled_from([
    "@import", " ", "url(", ")", "'", '"', "\\", "\r\n", "\r", "\f", "\n", ";", "{", "}", "a.css",
    "//x.example/y", "@font-face", "src:", "/*", "*/", "é", "\0", "@media", "b"]), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_css_soup)
def test_any_css_gives_urls_inside_the_text(css):
    for u in css_urls(css):
        assert 0 <= u.node_start <= u.start <= u.end <= len(css)
        assert u.kind in ("import", "font-face", "value")
