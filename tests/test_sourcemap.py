"""The ECMA-426 decoder: VLQ, segments, lookup, sourceRoot, names, index maps, hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minislint import sourcemap
from minislint.sourcemap import SourceMap, SourceMapError, decode_vlq_line, join_source_root

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "bundle-app"
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def vlq(n: int) -> str:
    """Encode one integer (the test's own encoder, written from the format's definition)."""
    v = (-n << 1) | 1 if n < 0 else n << 1
    out = ""
    while True:
        digit, v = v & 31, v >> 5
        out += _B64[digit | (32 if v else 0)]
        if not v:
            return out


def encode(lines: list[list[tuple[int, ...]]]) -> str:
    """Absolute segments per generated line -> a `mappings` string."""
    prev = [0, 0, 0, 0]  # source, line, column, name carry across lines
    out = []
    for segs in lines:
        gcol, parts = 0, []
        for seg in segs:
            fields = [vlq(seg[0] - gcol)]
            gcol = seg[0]
            for k, value in enumerate(seg[1:]):
                fields.append(vlq(value - prev[k]))
                prev[k] = value
            parts.append("".join(fields))
        out.append(",".join(parts))
    return ";".join(out)


def smap(mappings: str, sources=("a.ts",), names=(), **extra) -> SourceMap:
    obj = {"version": 3, "sources": list(sources), "names": list(names), "mappings": mappings, **extra}
    return SourceMap.parse(json.dumps(obj))


# --- base64 VLQ -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("AAAA", [[0, 0, 0, 0]]),
        ("gBAAgB", [[16, 0, 0, 16]]),
        ("D", [[-1]]),
        ("B", [[0]]),  # "negative zero" is zero
        ("+/A", [[511]]),
        ("+/////D", [[2**31 - 1]]),
        ("//////D", [[-(2**31 - 1)]]),
        ("AAAA,CAAC", [[0, 0, 0, 0], [1, 0, 0, 1]]),
        ("", [[]]),
    ],
)
def test_vlq_known_values(text, expected):
    assert decode_vlq_line(text) == expected


@pytest.mark.parametrize(
    "text, problem",
    [
        ("AA!A", "'!' at character 2 is not base64"),
        ("AAA=", "'=' at character 3"),
        ("g", "cut off at character 1"),
        ("AAg,AAAA", "cut off at character 3"),
        ("ggggggggA", "longer than 32 bits"),  # would otherwise grow a bigint forever
        ("gggggggD", "longer than 32 bits"),  # 8 digits
        ("ggggggE", "longer than 32 bits"),  # 7 digits, over 2**31
    ],
)
def test_vlq_errors_say_where(text, problem):
    with pytest.raises(SourceMapError, match=problem.replace("(", r"\(")):
        decode_vlq_line(text)


@given(st.lists(st.integers(-(2**31 - 1), 2**31 - 1), min_size=1, max_size=5))
def test_vlq_round_trip(values):
    assert decode_vlq_line("".join(vlq(v) for v in values)) == [values]


@settings(max_examples=500)
@given(st.text(alphabet="AZafgz09+/,B!D=", max_size=30))
def test_fast_line_decoder_agrees_with_the_exact_one(text):
    def outcome(decode):
        try:
            return decode(text, 0, len(text))
        except SourceMapError as exc:
            return str(exc)

    assert outcome(sourcemap._decode_line_fast) == outcome(decode_vlq_line)


# --- lookup ------------------------------------------------------------------------------


def test_lookup_takes_the_nearest_segment_at_or_before_the_column():
    m = smap(encode([[(4, 0, 10, 2), (9, 0, 11, 0)]]))
    assert m.lookup(0, 3) is None  # before the first segment
    assert (m.lookup(0, 4).line, m.lookup(0, 4).column) == (10, 2)
    assert (m.lookup(0, 8).line, m.lookup(0, 8).column) == (10, 2)
    assert (m.lookup(0, 9).line, m.lookup(0, 9).column) == (11, 0)
    assert (m.lookup(0, 10_000).line, m.lookup(0, 10_000).column) == (11, 0)


def test_lookup_never_falls_back_to_an_earlier_line():
    m = smap(encode([[(0, 0, 1, 0)], [], [(5, 0, 3, 0)]]))
    assert m.lookup(1, 0) is None  # an empty line
    assert m.lookup(2, 4) is None  # before line 2's first segment, not line 0's mapping
    assert m.lookup(2, 5).line == 3
    assert m.lookup(3, 0) is None  # past the last line
    assert m.lookup(-1, 0) is None


def test_columns_past_32_bits_accumulate_without_overflow():
    m = smap(",".join([vlq(2**31 - 1) + "AAC"] * 3))  # three maximal column steps
    hit = m.lookup(0, 3 * (2**31 - 1))
    assert (hit.line, hit.column) == (0, 3)
    assert m.lookup(0, 2 * (2**31 - 1)).column == 2


def test_one_field_segment_ends_a_mapping():
    m = smap(encode([[(0, 0, 7, 0), (6,), (10, 0, 8, 0)]]))
    assert m.lookup(0, 5).line == 7
    assert m.lookup(0, 6) is None and m.lookup(0, 9) is None
    assert m.lookup(0, 10).line == 8


def test_first_of_several_segments_at_one_column_wins():
    m = smap(encode([[(3, 0, 1, 0), (3, 0, 2, 0)]]))
    assert m.lookup(0, 3).line == 1


def test_unsorted_segments_in_a_line_are_sorted():
    # Generated columns go 10 then 2 (a negative delta): allowed by the VLQ, odd in practice.
    m = smap("UAAA,RACA")
    assert m.lookup(0, 2).line == 1
    assert m.lookup(0, 10).line == 0


def test_names_and_out_of_range_name_index():
    m = smap(encode([[(0, 0, 0, 0, 1), (5, 0, 0, 4, 7)]]), names=["a", "eval"])
    assert m.lookup(0, 0).name == "eval"
    hit = m.lookup(0, 5)  # name 7 does not exist: the position stays, the name goes
    assert (hit.line, hit.column, hit.name) == (0, 4, None)
    assert m.dropped == 0


def test_out_of_range_source_and_negative_positions_are_skipped_and_counted():
    m = smap(encode([[(0, 3, 0, 0), (5, 0, 0, 0), (9, 0, -2, 0)]]), sources=["a.ts"])
    assert m.lookup(0, 0) is None
    assert m.lookup(0, 5).source == "a.ts"
    assert m.lookup(0, 9) is None
    assert m.dropped == 2


def test_negative_generated_column_is_skipped():
    m = smap("D,CAAA")  # -1, then 0
    assert m.lookup(0, 0).source == "a.ts"
    assert m.dropped == 1


def test_null_source_maps_to_nothing():
    m = smap(encode([[(0, 0, 0, 0)]]), sources=[None])
    assert m.lookup(0, 0) is None


def test_sources_content_travels_with_the_mapping():
    m = smap("AAAA", sourcesContent=["let a = 1;\n"])
    assert m.lookup(0, 0).content == "let a = 1;\n"
    assert smap("AAAA").lookup(0, 0).content is None


# --- sourceRoot ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "root, source, expected",
    [
        ("src", "a.ts", "src/a.ts"),
        ("src/", "a.ts", "src/a.ts"),
        ("", "a.ts", "a.ts"),
        (None, "../a.ts", "../a.ts"),
        ("/app/", "a.ts", "/app/a.ts"),
        ("src", "/abs/a.ts", "/abs/a.ts"),
        ("src", "webpack://app/./a.ts", "webpack://app/./a.ts"),
        ("webpack://app/", "./a.ts", "webpack://app/./a.ts"),
    ],
)
def test_source_root_join(root, source, expected):
    assert join_source_root(root, source) == expected


def test_source_root_applies_to_sources():
    m = smap("AAAA", sources=["main.ts"], sourceRoot="../src")
    assert m.sources == ["../src/main.ts"]
    assert m.lookup(0, 0).source == "../src/main.ts"
    assert smap("AAAA", sourceRoot=7).sources == ["a.ts"]  # not a string: ignored


# --- index maps ----------------------------------------------------------------------------


def index_map(*sections):
    return json.dumps(
        {"version": 3, "sections": [{"offset": {"line": ln, "column": col}, "map": m} for ln, col, m in sections]}
    )


def regular(source, mappings):
    return {"version": 3, "sources": [source], "names": [], "mappings": mappings}


def test_index_map_offsets_shift_first_line_columns_only():
    text = index_map(
        (0, 0, regular("a.ts", encode([[(0, 0, 0, 0)]]))),
        (0, 100, regular("b.ts", encode([[(0, 0, 5, 0)], [(3, 0, 6, 0)]]))),
        (4, 0, regular("c.ts", encode([[(0, 0, 9, 0)]]))),
    )
    m = SourceMap.parse(text)
    assert m.lookup(0, 99).source == "a.ts"
    assert (m.lookup(0, 100).source, m.lookup(0, 100).line) == ("b.ts", 5)
    assert m.lookup(1, 2) is None  # line 1 is inside b's section; its first segment is at 3
    assert (m.lookup(1, 3).source, m.lookup(1, 3).line) == ("b.ts", 6)  # not shifted by 100
    assert m.lookup(4, 0).source == "c.ts"
    assert m.sources == ["a.ts", "b.ts", "c.ts"]


def test_index_map_section_before_its_first_segment_maps_to_nothing():
    m = SourceMap.parse(index_map((2, 0, regular("a.ts", encode([[(4, 0, 0, 0)]])))))
    assert m.lookup(0, 0) is None and m.lookup(2, 3) is None
    assert m.lookup(2, 4).source == "a.ts"


@pytest.mark.parametrize(
    "sections, problem",
    [
        ([{"offset": {"line": 3, "column": 0}, "map": regular("a", "A")},
          {"offset": {"line": 1, "column": 0}, "map": regular("b", "A")}], "section 1 starts before"),
        ([{"offset": {"line": 0, "column": 0}, "url": "a.map"}], "section 0 needs"),
        ([{"offset": {"line": -1, "column": 0}, "map": regular("a", "A")}], "section 0 needs"),
        ([{"offset": {"line": True, "column": 0}, "map": regular("a", "A")}], "section 0 needs"),
        (["nonsense"], "section 0 needs"),
        ([{"offset": {"line": 0, "column": 0}, "map": {"version": 3, "sections": []}}], "index map inside"),
        ({"not": "a list"}, "`sections` is not a list"),
    ],
)
def test_bad_index_maps_are_refused_with_a_reason(sections, problem):
    with pytest.raises(SourceMapError, match=problem):
        SourceMap.parse(json.dumps({"version": 3, "sections": sections}))


def test_too_many_sections(monkeypatch):
    monkeypatch.setattr(sourcemap, "MAX_SECTIONS", 2)
    sections = [(i, 0, regular("a", "AAAA")) for i in range(3)]
    with pytest.raises(SourceMapError, match="more than 2 sections"):
        SourceMap.parse(index_map(*sections))


# --- the JSON around it ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "not valid JSON"),
        (b"\xff\xfe{", "not valid JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"version": 2, "sources": [], "mappings": ""}', "version is 2, not 3"),
        (b'{"sources": [], "mappings": ""}', "version is None"),
        (b'{"version": 3, "sources": []}', "`mappings` is missing"),
        (b'{"version": 3, "sources": "a.ts", "mappings": ""}', "`sources` is not a list"),
        (b'{"version": 3, "sources": [], "names": {}, "mappings": ""}', "`names` is not a list"),
        (b'{"version": 3, "sources": [], "mappings": "AA"}', "a segment with 2 fields"),
        (b'{"version": 3, "sources": [], "mappings": "AAAAAA"}', "a segment with 6 fields"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON|not a JSON object"),  # deep nesting
    ],
)
def test_unusable_json_raises_only_source_map_error(data, problem):
    with pytest.raises(SourceMapError, match=problem):
        SourceMap.parse(data)


def test_xssi_prefix_and_bom_are_accepted():
    body = json.dumps({"version": 3, "sources": ["a.ts"], "names": [], "mappings": "AAAA"})
    assert SourceMap.parse(")]}'\n" + body).lookup(0, 0).source == "a.ts"
    assert SourceMap.parse(b"\xef\xbb\xbf" + body.encode()).lookup(0, 0).source == "a.ts"


def test_huge_mappings_are_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(sourcemap, "MAX_SEGMENTS", 1000)
    with pytest.raises(SourceMapError, match="more than 1,000 segments"):
        smap(";" * 1000)
    with pytest.raises(SourceMapError, match="more than 1,000 segments"):
        smap(",".join(["AAAA"] * 1001))
    assert smap(",".join(["AAAA"] * 500)).lookup(0, 0).source == "a.ts"


@settings(max_examples=300)
@given(st.text(alphabet="ABCDgh+/;,!=Z\u00e9", max_size=60), st.integers(0, 3), st.integers(0, 40))
def test_any_mappings_string_decodes_or_raises_source_map_error(mappings, line, column):
    try:
        m = smap(mappings, sources=["a", "b"], names=["n"])
    except SourceMapError:
        return
    hit = m.lookup(line, column)
    assert hit is None or (hit.source in ("a", "b") and hit.line >= 0 and hit.column >= 0)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(
                        st.sampled_from(["version", "sources", "mappings", "sections", "offset", "map",
                                         "line", "column", "names", "sourceRoot"]), kids, max_size=4),
                    max_leaves=12))
def test_any_json_value_parses_or_raises_source_map_error(value):
    try:
        m = SourceMap.parse(json.dumps(value))
    except SourceMapError:
        return
    m.lookup(0, 0)


# --- a real esbuild map -----------------------------------------------------------------------


def test_real_esbuild_map_points_eval_at_its_typescript_line():
    js = (FIXTURE / "dist" / "main.js").read_text(encoding="utf-8")
    m = SourceMap.parse((FIXTURE / "dist" / "main.js.map").read_bytes())
    prefix = js[: js.index("eval(")]
    utf16_column = len(prefix.encode("utf-16-le")) // 2  # the map counts UTF-16 units
    hit = m.lookup(0, utf16_column)
    # src/main.ts line 25: `  const label = "🎬"; return eval(code + label);`: eval at
    # code point 28, UTF-16 unit 29 (the emoji takes two)
    assert (hit.source, hit.line + 1, hit.column) == ("../src/main.ts", 25, 29)
    assert m.lookup(0, utf16_column - 4).source == "../src/main.ts"
    assert len(m.sources) == 16 and m.dropped == 0
