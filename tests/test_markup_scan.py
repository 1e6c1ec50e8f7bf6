"""minislint.markup.scan: tag and attribute START offsets from html5lib's tokenizer."""
from pathlib import Path

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minislint.markup.scan import scan

DATA = Path(__file__).parent / "data" / "markup"


def starts(text):
    return [(t.kind, t.name, t.start) for t in scan(text)]


def line_col(text, offset):
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def test_tag_and_attribute_offsets_on_a_multiline_crlf_tag():
    text = ('<!doctype html>\r\n<head>\r\n<SCRIPT\r\n\tdefer\r\n\tSRC = "https://cdn.example.com/a.js"'
            "\r\n></SCRIPT>")
    script = scan(text)[1]
    assert (script.kind, script.name) == ("start", "script")
    assert line_col(text, script.start) == (3, 1)
    src = script.attr("src")
    assert text[src.name_start:src.name_end] == "SRC"
    assert line_col(text, src.name_start) == (5, 2)
    assert src.value == "https://cdn.example.com/a.js" and src.quote == '"'
    assert text[src.value_start:src.value_end] == src.value
    assert line_col(text, src.value_start) == (5, 9)
    assert script.get("defer") == "" and script.attr("defer").value is None
    assert text[script.end - 1] == ">" and line_col(text, script.end - 1) == (6, 1)


@pytest.mark.parametrize("markup, value, raw", [
    ('<a href="x&amp;y">', "x&y", "x&amp;y"),
    ("<a href='x&#47;y'>", "x/y", "x&#47;y"),
    ("<a href=&quot;x>", '"x', "&quot;x"),
    ('<a href="&copyx=1">', "&copyx=1", "&copyx=1"),   # no ref before "=" in attributes
    ('<a href="a\r\nb">', "a\nb", "a\r\nb"),
    ('<a href="">', "", ""),
    ("<a href=x/>", "x/", "x/"),
])
def test_attribute_values_keep_raw_ranges(markup, value, raw):
    href = scan(markup)[0].attr("href")
    assert href.value == value
    assert markup[href.value_start:href.value_end] == raw


def test_offset_of_decoded_characters_points_into_the_raw_value():
    text = '<p title="a&lt;b\r\n&#x41;c">'
    title = scan(text)[0].attr("title")
    assert title.value == "a<b\nAc"
    assert [text[title.offset(i)] for i in range(len(title.value))] == ["a", "&", "b", "\r", "&", "c"]


def test_raw_text_elements_hide_their_contents():
    text = ('<script>document.write("<iframe src=x></iframe>")</script>\n'
            "<textarea><script src=https://evil.example/x.js></script></textarea>\n"
            "<title><iframe></title><style>a::after{content:'<iframe>'}</style>\n"
            "<!-- <iframe src=x> --><xmp><frame></xmp><noembed><frameset></noembed>")
    names = [t.name for t in scan(text)]
    assert "iframe" not in names and "frame" not in names and "frameset" not in names
    script = scan(text)[0]
    assert text[script.body[0]:script.body[1]] == 'document.write("<iframe src=x></iframe>")'


def test_script_body_ranges_and_escaped_script_data():
    text = '<script>\r\n  var a = "<!--<script>";</script>\r\n</script><p>'
    tags = scan(text)
    # "<!--<script>" enters the double-escaped state: the first </script> does not end it.
    assert [(t.kind, t.name) for t in tags] == [("start", "script"), ("end", "script"),
                                               ("start", "p")]
    body = tags[0].body
    assert text[body[0]:body[1]] == '\r\n  var a = "<!--<script>";</script>\r\n'
    assert tags[1].start == text.rindex("</script>")


def test_unclosed_script_runs_to_the_end_of_the_file():
    text = "<script>let a = 1;\n"
    (tag,) = scan(text)
    assert tag.body == (8, len(text)) and not tag.body_closed


def test_svg_script_and_style_are_ordinary_elements():
    text = "<svg><style>.a{}</style><script><iframe></script></svg><style><iframe></style>"
    names = [(t.kind, t.name) for t in scan(text)]
    assert ("start", "iframe") in names          # inside the svg <script>: markup
    assert names.count(("start", "iframe")) == 1  # inside the HTML <style>: text
    assert scan(text)[1].body is None


def test_upper_case_and_mixed_case_names_are_lower_cased():
    tags = scan("<IFRAME SRC=a></IfRaMe><FrameSet>")
    assert [(t.kind, t.name) for t in tags] == [("start", "iframe"), ("end", "iframe"),
                                               ("start", "frameset")]
    assert tags[0].attrs[0].name == "src"
    assert tags[1].start == 14 and tags[2].start == 23


def test_duplicate_attributes_first_wins_but_all_are_kept():
    tag = scan('<script src="a.js" SRC="https://evil.example/b.js">')[0]
    assert tag.get("src") == "a.js"
    assert [a.value for a in tag.attrs] == ["a.js", "https://evil.example/b.js"]


def test_non_ascii_before_a_tag_counts_code_points():
    text = "<p>视频 — ünï 🎬</p><iframe src=x>"
    iframe = [t for t in scan(text) if t.name == "iframe"][0]
    assert iframe.start == text.index("<iframe")
    assert iframe.attr("src").value_start == text.index("x>")


def test_bad_input_never_raises():
    for text in ["<", "<a", "<a b", '<a b="', "<a b=", "</", "<!--", "<script", "\0<a\0b=\0>",
                 "<a =x>", "<a\r", "\r", "<script>\r", "<a b='\r\n"]:
        for tag in scan(text):
            assert text[tag.start] == "<"


@pytest.mark.parametrize("name", ["h5bp-index.html", "vite-vue-index.html"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_real_pages_agree_with_html5lib_tree_builder(name, newline):
    text = (DATA / name).read_text(encoding="utf-8").replace("\n", newline)
    tree = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    built = [(el.tag, dict(el.attrib)) for el in tree.iter() if isinstance(el.tag, str)]
    scanned = [(t.name, {a.name: a.value or "" for a in t.attrs}) for t in scan(text)
               if t.kind == "start"]
    assert scanned == built
    for tag in scan(text):
        assert text[tag.start] == "<" and text[tag.end - 1] == ">"
        for a in tag.attrs:
            assert text[a.name_start:a.name_end].lower() == a.name
            if a.value is not None:
                assert text[a.value_start:a.value_end] == a.value


# Property: for generated tags with random spacing, quoting and line breaks, every offset
# points at the text it claims to.
_name = st.sampled_from(["src", "href", "DATA-x", "rel", "async", "Type"])
_value = st.text(alphabet="ab /:.?=é视\t\n", max_size=8)
_space = st.sampled_from([" ", "\t", "\n", "\r\n", "  \r\n\t"])


@st.composite
def _tags(draw):
    parts, expected = [], []
    for _ in range(draw(st.integers(1, 4))):
        tag = draw(st.sampled_from(["div", "SCRIPT", "Link", "img"]))
        pieces = ["<" + tag]
        attrs = []
        seen = set()
        for _ in range(draw(st.integers(0, 3))):
            name = draw(_name)
            if name.lower() in seen:
                continue
            seen.add(name.lower())
            value = draw(_value)
            quote = draw(st.sampled_from(['"', "'"]))
            pieces.append(draw(_space) + name + draw(st.sampled_from(["=", " = "])) + quote)
            attrs.append((name.lower(), value, sum(map(len, pieces)) + sum(map(len, parts))))
            pieces.append(value + quote)
        pieces.append(draw(st.sampled_from([">", " >", "\r\n>", "/>"])))
        start = sum(map(len, parts))
        parts.append("".join(pieces))
        if tag == "SCRIPT":
            parts.append("</script>")
        parts.append(draw(st.sampled_from(["", "text", "\r\n", " é "])))
        expected.append((tag.lower(), start, attrs))
    return "".join(parts), expected


@settings(max_examples=300, deadline=None)
@given(_tags())
def test_generated_tags_have_exact_offsets(case):
    text, expected = case
    got = [t for t in scan(text) if t.kind == "start"]
    assert [(t.name, t.start) for t in got] == [(n, s) for n, s, _ in expected]
    for tag, (_, _, attrs) in zip(got, expected):
        assert [(a.name, a.value_start) for a in tag.attrs] == [(n, s) for n, _, s in attrs]
        for a, (_, value, _) in zip(tag.attrs, attrs):
            assert text[a.value_start:a.value_end] == value
            assert a.value == value.replace("\r\n", "\n")


_html_soup = st.lists(st.sampled_from(list("<>/=\"' \t\r\n&;#xa-!?") + [
    "<script>", "</script>", "<style>", "</style>", "<iframe", "<svg>", "</svg>", "<textarea>",
    "<!--", "-->", "&amp;", "&#", "\0", "é", "视", "\u2028", "src=", "<a ", "<P"]),
    max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(_html_soup)
def test_any_text_scans_with_consistent_offsets(text):
    for tag in scan(text):
        assert text[tag.start] == "<" and 0 < tag.end <= len(text) and text[tag.end - 1] == ">"
        for a in tag.attrs:
            assert tag.start < a.name_start < a.name_end <= tag.end
            if a.value is not None:
                assert a.name_end <= a.value_start <= a.value_end < tag.end + (a.quote == "")
                for i in range(len(a.value) + 1):
                    assert a.value_start <= a.offset(i) <= a.value_end
        if tag.body is not None:
            assert tag.end <= tag.body[1] or tag.body == (tag.end, tag.end)


@pytest.mark.parametrize("pad", range(0, 40, 3))
def test_offsets_stay_exact_across_html5lib_chunk_boundaries(pad):
    # html5lib reads 10240 characters at a time and may unget across a chunk start; a
    # self-contained snippet repeated past several chunks must give the same tags, shifted.
    snippet = (" " * pad + '<P\r\n  title="a&amp;b"\r\n\tdata-x=1>&lt;\r\n<script>if (a < b) {}</script>'
               "<a href=x&copy;y>é</a>\r\n")
    one = [(t.kind, t.name, t.start, t.end, [(a.name_start, a.value_start, a.value_end) for a in t.attrs],
            t.body) for t in scan(snippet)]
    text = snippet * (3 * 10240 // len(snippet) + 1)
    tags = scan(text)
    assert len(tags) == len(one) * (len(text) // len(snippet))
    step = len(one)
    for i, tag in enumerate(tags):
        shift = (i // step) * len(snippet)
        kind, name, start, end, attrs, body = one[i % step]
        assert (tag.kind, tag.name, tag.start - shift, tag.end - shift) == (kind, name, start, end)
        assert [(a.name_start - shift, a.value_start - shift, a.value_end - shift) for a in tag.attrs] == attrs
        assert (tag.body and (tag.body[0] - shift, tag.body[1] - shift)) == body


def test_stream_offset_survives_an_unget_at_a_chunk_start():
    from minislint.markup.scan import _Stream

    stream = _Stream("abcdefgh")
    stream._defaultChunkSize = 4
    assert stream.char() == "a" and stream.offset == 1
    assert stream.charsUntil("e") == "bcd" and stream.offset == 4   # stops at a fresh chunk
    stream.unget("d")                                               # html5lib prepends it
    assert stream.offset == 3
    assert stream.char() == "d" and stream.char() == "e" and stream.offset == 5


def test_a_cr_before_a_crlf_keeps_offsets():
    # found by test_any_text_scans_with_consistent_offsets: folding "\r\r\n" to "\r\n" made a
    # new CRLF that html5lib folded again, one character off
    text = "\r\r\n<script>x</script>"
    (start, end) = [t for t in scan(text)]
    assert (start.start, start.end, end.start) == (3, 11, 12)
