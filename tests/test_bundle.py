"""Finding, reading and resolving a bundle's source map (minislint/bundle.py): the map URL
comment, data: URLs, sibling maps, paths inside and outside the project, npm packages,
UTF-16 columns, and hostile maps that must give a note, never a traceback or a read."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minislint import bundle
from minislint.bundle import BundleOrigin, find_map_url, load_origin, package_of, project_root
from minislint.sourcemap import SourceMap
from test_sourcemap import encode

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "bundle-app"


def map_json(sources=("../src/a.ts",), mappings=None, **extra) -> str:
    mappings = encode([[(0, 0, 0, 0), (10, 0, 4, 2)]]) if mappings is None else mappings
    return json.dumps({"version": 3, "sources": list(sources), "names": [], "mappings": mappings, **extra})


@pytest.fixture
def project(tmp_path, monkeypatch):
    """tmp/proj with dist/ and src/, the current directory, so the project root."""
    root = tmp_path / "proj"
    (root / "dist").mkdir(parents=True)
    (root / "src").mkdir()
    monkeypatch.chdir(root)
    return root


def load(root, text, name="app.js", css=False):
    path = root / "dist" / name
    path.write_text(text, encoding="utf-8")
    return load_origin(path, text, root, css=css, cwd=root)


# --- finding the comment ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, url",
    [
        ("a();\n//# sourceMappingURL=app.js.map\n", "app.js.map"),
        ("a();\n//# sourceMappingURL=app.js.map", "app.js.map"),
        ("a();\r\n//# sourceMappingURL=app.js.map\r\n", "app.js.map"),  # CRLF
        ("a();\u2028//# sourceMappingURL=app.js.map", "app.js.map"),
        ("a();\n//@ sourceMappingURL=old.map\n", "old.map"),  # the legacy form
        ("a();\n/*# sourceMappingURL=block.map */\n", "block.map"),
        ("a();\n//# sourceMappingURL=one.map\n//# sourceMappingURL=two.map\n", "two.map"),  # the last
        ("a();\n//# sourceMappingURL=a.map\n// trailing comment\n/* and\nanother */\n  \n", "a.map"),
        ("a();//# sourceMappingURL=same-line.map", "same-line.map"),
    ],
)
def test_map_url_comment(text, url):
    assert find_map_url(text) == url


@pytest.mark.parametrize(
    "text",
    [
        "a();\n",
        "a();\n//# sourceMappingURL=app.js.map\nb();\n",  # code after it: not the file's map
        'var s = "//# sourceMappingURL=fake.map";\nrun(s);\n',  # inside a string, code follows
        "a();\n//# sourceMappingURL=\n",  # empty URL
        "a();\n// sourceMappingURL=app.js.map\n",  # no # or @
        "a();\n//# sourceMappingURL=app.js.map trailing words\n",
    ],
)
def test_map_url_look_alikes(text):
    assert find_map_url(text) is None


@pytest.mark.parametrize(
    "tail, url",
    [
        (" " * 5000 + "x", None),  # a regex like (\s+|//.*)*$ backtracks exponentially here
        ("/" * 5000 + "x", "a.map"),  # one long line comment
        ("/* */" * 2000 + "x", None),
        ("/* a */ x */", None),  # a comment ends at the first */
        ("/* never closed", None),
    ],
)
def test_map_url_tail_scan_is_linear_and_exact(tail, url):
    assert find_map_url("a();\n//# sourceMappingURL=a.map\n" + tail) == url


def test_css_uses_block_comments_only():
    assert find_map_url(".a{}\n/*# sourceMappingURL=main.css.map */\n", css=True) == "main.css.map"
    assert find_map_url(".a{}\n//# sourceMappingURL=main.css.map\n", css=True) is None
    assert find_map_url(".a{}\n/*# sourceMappingURL=a.map */\n.b{}\n", css=True) is None


# --- where the map comes from -----------------------------------------------------------------


def test_linked_map_file(project):
    (project / "dist" / "app.js.map").write_text(map_json(), encoding="utf-8")
    origin, notes = load(project, "abcdefghijklmnop();\n//# sourceMappingURL=app.js.map\n")
    assert notes == []
    o = origin.original(1, 12)
    assert (o.path, o.line, o.column, o.package) == ("src/a.ts", 5, 3, None)
    assert origin.original(2, 1) is None  # the comment line has no mapping


def test_map_url_with_folder_query_and_percent_encoding(project):
    (project / "dist" / "maps").mkdir()
    (project / "dist" / "maps" / "my app.js.map").write_text(map_json(["../../src/a.ts"]), encoding="utf-8")
    origin, notes = load(project, "x();\n//# sourceMappingURL=maps/my%20app.js.map?v=3#top\n")
    assert notes == []
    assert origin.original(1, 1).path == "src/a.ts"  # relative to the map's folder


def test_sibling_map_without_comment(project):
    (project / "dist" / "app.js.map").write_text(map_json(), encoding="utf-8")
    origin, notes = load(project, "x();\n")
    assert notes == [] and origin.original(1, 1).path == "src/a.ts"


def test_no_comment_and_no_sibling_is_silent(project):
    assert load(project, "x();\n") == (None, [])


def test_comment_wins_over_sibling(project):
    (project / "dist" / "app.js.map").write_text(map_json(["../src/sibling.ts"]), encoding="utf-8")
    (project / "dist" / "other.map").write_text(map_json(["../src/named.ts"]), encoding="utf-8")
    origin, _ = load(project, "x();\n//# sourceMappingURL=other.map\n")
    assert origin.original(1, 1).path == "src/named.ts"


@pytest.mark.parametrize(
    "make_url",
    [
        lambda m: "data:application/json;base64," + base64.b64encode(m.encode()).decode(),
        lambda m: "data:application/json;charset=utf-8;base64," + base64.b64encode(m.encode()).decode(),
        lambda m: "data:application/json," + quote(m, safe=""),
    ],
    ids=["base64", "charset-base64", "percent-encoded"],
)
def test_inline_data_url(project, make_url):
    origin, notes = load(project, "x();\n//# sourceMappingURL=" + make_url(map_json()) + "\n")
    assert notes == []
    assert origin.original(1, 1).path == "src/a.ts"  # relative to the generated file's folder


# --- maps that cannot be used: a note, never a read outside the project ------------------------


def test_map_outside_the_project_is_never_read(project, tmp_path, monkeypatch):
    secret = tmp_path / "secret.map"
    secret.write_text(map_json(), encoding="utf-8")  # a valid map: reading it would "work"
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda f, *a, **k: opened.append(str(f)) or real_open(f, *a, **k))
    origin, notes = load(project, "x();\n//# sourceMappingURL=../../secret.map\n")
    assert origin is None
    assert notes == ["source map ../../secret.map is outside the project, not read; findings stay at generated positions"]
    assert not any("secret" in f for f in opened)


def test_symlinked_map_pointing_outside_is_not_read(project, tmp_path):
    secret = tmp_path / "secret.map"
    secret.write_text(map_json(), encoding="utf-8")
    (project / "dist" / "app.js.map").symlink_to(secret)
    origin, notes = load(project, "x();\n//# sourceMappingURL=app.js.map\n")
    assert origin is None and "outside the project, not read" in notes[0]


@pytest.mark.parametrize(
    "url, problem",
    [
        ("https://cdn.example.com/app.js.map", "is not a relative path, not read"),
        ("/etc/passwd", "is not a relative path, not read"),
        ("webpack://app/app.js.map", "is not a relative path, not read"),
        ("missing.js.map", "does not exist"),
        ("data:application/json;base64,@@@", "not usable: not valid JSON"),
        ("data:application/json", "without a ','"),
    ],
)
def test_unusable_map_urls_give_a_note(project, url, problem):
    origin, notes = load(project, f"x();\n//# sourceMappingURL={url}\n")
    assert origin is None
    assert len(notes) == 1 and problem in notes[0] and notes[0].endswith("findings stay at generated positions")


@pytest.mark.parametrize(
    "content, problem",
    [
        ("{not json", "not valid JSON"),
        ('{"version": 3, "sources": [], "mappings": "AA!A"}', "'!' at character 2 is not base64 VLQ"),
        ('{"version": 4, "sources": [], "mappings": ""}', "version is 4, not 3"),
        ("\x00\x01binary", "not valid JSON"),
    ],
)
def test_malformed_map_gives_a_note(project, content, problem):
    (project / "dist" / "app.js.map").write_text(content, encoding="utf-8")
    origin, notes = load(project, "x();\n//# sourceMappingURL=app.js.map\n")
    assert origin is None and problem in notes[0]
    assert notes[0].startswith("source map app.js.map is not usable: ")


def test_map_over_the_size_limit_is_not_read(project, monkeypatch):
    monkeypatch.setattr(bundle, "MAX_MAP_BYTES", 1024)
    (project / "dist" / "app.js.map").write_text(map_json(sourcesContent=["x" * 4096]), encoding="utf-8")
    origin, notes = load(project, "x();\n//# sourceMappingURL=app.js.map\n")
    assert origin is None and "over the 0 MiB limit" in notes[0]
    big = "data:application/json;base64," + "A" * 4096
    origin, notes = load(project, f"x();\n//# sourceMappingURL={big}\n")
    assert origin is None and "over the" in notes[0]


def test_out_of_range_segments_are_noted_and_the_rest_still_maps(project):
    bad = encode([[(0, 0, 0, 0), (5, 9, 0, 0)]])  # source 9 of 1
    (project / "dist" / "app.js.map").write_text(map_json(mappings=bad), encoding="utf-8")
    origin, notes = load(project, "abcdefghij();\n//# sourceMappingURL=app.js.map\n")
    assert notes == ["source map app.js.map: 1 segments point outside the map and were skipped"]
    assert origin.original(1, 1).path == "src/a.ts"
    assert origin.original(1, 6) is None


def test_origin_for_places_notes_at_the_comment(project):
    from minislint.source import SourceFile

    text = "x();\n//# sourceMappingURL=gone.map\n"
    path = project / "dist" / "app.js"
    path.write_text(text, encoding="utf-8")
    origin, notes = bundle.origin_for(SourceFile(path, "dist/app.js", text))
    assert origin is None and notes[0][0] == text.index("//#") and "does not exist" in notes[0][1]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.integers(1, 3), st.integers(1, 50))
def test_any_map_content_loads_or_gives_a_note(tmp_path_factory, content, line, column):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "app.js.map").write_text(content, encoding="utf-8", errors="surrogatepass")
    origin, notes = load_origin(root / "app.js", "x();\n", root, cwd=root)
    assert origin is not None or notes  # no map, then a note saying why
    if origin is not None:
        origin.original(line, column)


# --- source paths -------------------------------------------------------------------------------


def origin_with(root: Path, sources, source_root=None, map_folder=None) -> BundleOrigin:
    extra = {"sourceRoot": source_root} if source_root is not None else {}
    m = SourceMap.parse(map_json(sources, encode([[(i, i, 0, 0) for i in range(len(sources))]]), **extra))
    return BundleOrigin(m, "x" * 40, map_folder or root / "dist", root, cwd=root)


@pytest.mark.parametrize(
    "source, source_root, shown",
    [
        ("../src/main.ts", None, "src/main.ts"),
        ("main.ts", "../src", "src/main.ts"),
        ("main.ts", "../src/", "src/main.ts"),
        ("./../src/./deep/../main.ts", None, "src/main.ts"),
        ("../src/my%20file.ts", None, "src/my file.ts"),
        ("../src/Épisode.ts", None, "src/Épisode.ts"),
        ("../../../../../etc/passwd", None, "../../../../../etc/passwd"),  # escapes: as written
        ("/etc/passwd", None, "/etc/passwd"),
        ("/home/dev/app/src/main.ts", None, "/home/dev/app/src/main.ts"),
        # webpack: relative to the project webpack ran in (here: no package.json, the root)
        ("webpack://mini-app/./src/main.ts", None, "src/main.ts"),
        ("webpack:///./src/main.ts", None, "src/main.ts"),
        ("webpack:///src/main.ts", None, "src/main.ts"),
        ("webpack://mini-app/./src/main.ts?3b1c", None, "src/main.ts"),  # webpack's duplicate marker
        ("main.ts", "webpack://mini-app/src", "src/main.ts"),
        ("webpack://mini-app/../../../etc/passwd", None, "webpack://mini-app/../../../etc/passwd"),
        # Parcel 2: sourceRoot /__parcel_source_root/, sources relative to the project root
        ("src/main.ts", "/__parcel_source_root/", "src/main.ts"),
        ("../etc/passwd", "/__parcel_source_root/", "/__parcel_source_root/../etc/passwd"),
        ("file:///etc/passwd", None, "file:///etc/passwd"),
        ("C:\\Users\\dev\\main.ts", None, "C:\\Users\\dev\\main.ts"),
    ],
)
def test_source_paths(project, source, source_root, shown):
    o = origin_with(project, [source], source_root).original(1, 1)
    assert o.path == shown


def test_webpack_sources_are_relative_to_the_package_webpack_ran_in(project):
    """output.devtoolNamespace defaults to package.json's name: of nested packages, the one of
    that name is the context, else the nearest package.json above the map."""
    (project / "package.json").write_text('{"name": "monorepo"}')
    (project / "apps" / "web" / "dist").mkdir(parents=True)
    (project / "apps" / "web" / "package.json").write_text('{"name": "web"}')
    dist = project / "apps" / "web" / "dist"
    assert origin_with(project, ["webpack://web/./src/a.js"], map_folder=dist).original(1, 1).path == "apps/web/src/a.js"
    assert origin_with(project, ["webpack://monorepo/./src/a.js"], map_folder=dist).original(1, 1).path == "src/a.js"
    assert origin_with(project, ["webpack://other/./src/a.js"], map_folder=dist).original(1, 1).path == "apps/web/src/a.js"


@pytest.mark.parametrize("source, runtime", [
    ("webpack://app/webpack/runtime/global", "webpack"),
    ("webpack://app/webpack/bootstrap", "webpack"),
    ("webpack:///webpack/bootstrap 4f1c2a", "webpack"),
    ("webpack://app/webpack/startup", "webpack"),
    ("\0vite/preload-helper.js", "vite"),
    ("vite/modulepreload-polyfill.js", "vite"),
    ("\0commonjsHelpers.js", "rollup"),
    ("\0rolldown/runtime.js", "rolldown"),
])
def test_the_bundler_runtime_is_named_and_stays_in_the_bundle(project, source, runtime):
    o = origin_with(project, [source]).original(1, 1)
    assert (o.path, o.package) == (None, f"{runtime} (bundler runtime)")


def test_parcel_sources_without_a_source_root_are_relative_to_its_project(project):
    (project / "package.json").write_text('{"name": "app"}')
    m = SourceMap.parse(map_json(["<anon>", "src/main.js"], encode([[(0, 0, 0, 0), (1, 1, 0, 0)]])))
    parcel = BundleOrigin(m, 'var parcelRequire94c2=1;' + "x" * 40, project / "dist", project, cwd=project)
    assert (parcel.original(1, 1).path, parcel.original(1, 1).package) == (None, "parcel (bundler runtime)")
    assert parcel.original(1, 2).path == "src/main.js"
    other = BundleOrigin(m, "x" * 40, project / "dist", project, cwd=project)   # not Parcel's: per the format
    assert (other.original(1, 1).path, other.original(1, 2).path) == ("dist/<anon>", "dist/src/main.js")


def test_a_source_named_like_a_runtime_inside_src_is_not_one(project):
    o = origin_with(project, ["webpack://app/./src/webpack/runtime.js", "../src/vite/x.js"]).original(1, 1)
    assert (o.path, o.package) == ("src/webpack/runtime.js", None)


def test_source_paths_are_relative_to_the_current_directory(project, monkeypatch):
    (project / "src" / "sub").mkdir()
    monkeypatch.chdir(project / "src")
    origin = BundleOrigin(SourceMap.parse(map_json(["../src/main.ts"])), "x", project / "dist", project)
    assert origin.original(1, 1).path == "main.ts"
    origin = BundleOrigin(SourceMap.parse(map_json(["../src/main.ts"])), "x", project / "dist", project,
                          cwd=project / "src" / "sub")
    assert origin.original(1, 1).path == "../main.ts"


def test_escaping_source_is_never_read(project, monkeypatch):
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda f, *a, **k: opened.append(str(f)) or real_open(f, *a, **k))
    sources = ["../../../node_modules/evil/index.js", "/etc/node_modules/x/a.js",
               "webpack://a/../../node_modules/y/b.js"]
    origin = origin_with(project, sources)
    got = [origin.original(1, c) for c in (1, 2, 3)]
    assert [o.path for o in got] == sources
    assert [o.package for o in got] == ["evil", "x", "y"]  # named from the path, no version read
    assert opened == []


# --- packages -----------------------------------------------------------------------------------


def write_package(root: Path, rel: str, version) -> None:
    (root / rel).mkdir(parents=True, exist_ok=True)
    body = {"name": rel.rsplit("node_modules/", 1)[-1]}
    if version is not None:
        body["version"] = version
    (root / rel / "package.json").write_text(json.dumps(body), encoding="utf-8")


@pytest.mark.parametrize(
    "source, package",
    [
        ("../node_modules/core-js/internals/global-this.js", "core-js@3.38.1"),
        ("../node_modules/@babel/runtime/helpers/regenerator.js", "@babel/runtime@7.25.0"),
        ("../node_modules/.pnpm/react@18.3.1/node_modules/react/index.js", "react@18.3.1"),
        ("../node_modules/lib-a/node_modules/lib-b/x.js", "lib-b@2.0.0"),  # the innermost
        ("../node_modules/no-version/x.js", "no-version"),
        ("../node_modules/not-installed/x.js", "not-installed"),
        ("../src/node_modules_helper.ts", None),
        ("../src/main.ts", None),
    ],
)
def test_package_attribution(project, source, package):
    write_package(project, "node_modules/core-js", "3.38.1")
    write_package(project, "node_modules/@babel/runtime", "7.25.0")
    write_package(project, "node_modules/.pnpm/react@18.3.1/node_modules/react", "18.3.1")
    write_package(project, "node_modules/lib-a/node_modules/lib-b", "2.0.0")
    write_package(project, "node_modules/no-version", None)
    assert origin_with(project, [source]).original(1, 1).package == package


def test_version_from_the_lockfile_when_node_modules_is_not_installed(project):
    """A fresh checkout in CI: no node_modules, but package-lock.json says what was bundled."""
    (project / "package-lock.json").write_text(json.dumps({"lockfileVersion": 3, "packages": {
        "": {"name": "app"},
        "node_modules/react-router": {"version": "8.5.3"},
        "node_modules/@scope/lib": {"version": "1.2.3"},
        "node_modules/a/node_modules/b": {"version": "0.1.0"},
        "node_modules/bad": {"version": ["x"]}}}))
    got = origin_with(project, ["../node_modules/react-router/dist/x.js", "../node_modules/@scope/lib/i.js",
                                "../node_modules/a/node_modules/b/i.js", "../node_modules/bad/i.js",
                                "../node_modules/absent/i.js"])
    assert [got.original(1, c).package for c in range(1, 6)] == [
        "react-router@8.5.3", "@scope/lib@1.2.3", "b@0.1.0", "bad", "absent"]


@pytest.mark.parametrize("content", ["{bad json", '{"version": {"x": 1}}', "[1]", '{"version": "' + "9" * 200 + '"}'])
def test_bad_package_json_gives_the_name_alone(project, content):
    (project / "node_modules" / "odd").mkdir(parents=True)
    (project / "node_modules" / "odd" / "package.json").write_text(content, encoding="utf-8")
    assert origin_with(project, ["../node_modules/odd/x.js"]).original(1, 1).package == "odd"


def test_package_json_symlinked_outside_is_not_read(project, tmp_path):
    outside = tmp_path / "outside"
    write_package(outside, "pkg", "6.6.6")
    (project / "node_modules").mkdir()
    (project / "node_modules" / "pkg").symlink_to(outside / "pkg")
    assert origin_with(project, ["../node_modules/pkg/x.js"]).original(1, 1).package == "pkg"


def test_package_of_plain_paths():
    assert package_of("webpack://app/./node_modules/@vue/shared/dist/shared.js") == "@vue/shared"
    assert package_of(".yarn/cache/lodash-npm-4.17.21-6382451519-eb835a2e51.zip/node_modules/lodash/lodash.js") == "lodash"
    assert package_of("C:\\app\\node_modules\\core-js\\a.js") == "core-js"
    assert package_of("node_modules/.bin/x") is None
    assert package_of("src/app.ts") is None


# --- columns: the map counts UTF-16 units, minislint code points -----------------------------------


def test_generated_column_with_astral_characters(project):
    text = 'var s="🎬🎬";eval(s)'
    # eval starts at code point 12 (0-based), UTF-16 unit 14
    m = SourceMap.parse(map_json(["../src/a.ts"], encode([[(0, 0, 0, 0), (14, 0, 3, 0)]])))
    origin = BundleOrigin(m, text, project / "dist", project, cwd=project)
    assert origin.original(1, 13).line == 4
    assert origin.original(1, 12).line == 1  # one before: still the first segment


def test_original_column_converted_with_sources_content(project):
    content = "let a;\nconst s = '😀'; eval(s);\n"
    # eval at code point 17 (0-based) of line 2, UTF-16 unit 18
    m = SourceMap.parse(map_json(["../src/a.ts"], encode([[(0, 0, 1, 18)]]), sourcesContent=[content]))
    assert BundleOrigin(m, "x", project / "dist", project, cwd=project).original(1, 1).column == 18
    m = SourceMap.parse(map_json(["../src/a.ts"], encode([[(0, 0, 1, 18)]])))
    assert BundleOrigin(m, "x", project / "dist", project, cwd=project).original(1, 1).column == 19


def test_positions_outside_the_file_map_to_nothing(project):
    origin = origin_with(project, ["../src/a.ts"])
    assert origin.original(0, 1) is None and origin.original(1, 0) is None
    assert origin.original(99, 1) is None


# --- the project root ---------------------------------------------------------------------------


def test_project_root_is_the_git_work_tree(tmp_path, monkeypatch):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "app" / "dist").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert project_root(tmp_path / "repo" / "app" / "dist") == tmp_path / "repo"


def test_project_root_without_git(tmp_path, monkeypatch):
    (tmp_path / "app" / "dist").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path)
    assert project_root(tmp_path / "app" / "dist") == tmp_path  # inside the current directory
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert project_root(tmp_path / "app" / "dist") == tmp_path / "app" / "dist"
    (tmp_path / "app" / "package.json").write_text("{}", encoding="utf-8")
    bundle._project_root.cache_clear()
    assert project_root(tmp_path / "app" / "dist") == tmp_path / "app"


# --- the real esbuild output -------------------------------------------------------------------


def test_fixture_bundle_maps_each_violation_to_its_typescript_line(monkeypatch):
    monkeypatch.chdir(FIXTURE)
    text = (FIXTURE / "dist" / "main.js").read_text(encoding="utf-8")
    origin, notes = load_origin(FIXTURE / "dist" / "main.js", text, FIXTURE)
    assert notes == []

    def at(needle):
        return origin.original(1, text.index(needle) + 1)  # one line: offset + 1 is the column

    cases = {
        "eval(": ("src/main.ts", 25, 29),
        'new Function("a"': ("src/main.ts", 29, 26),
        "Function(": ("node_modules/lodash-es/_root.js", 7, 38),
        'setTimeout("console': ("src/clock.ts", 5, 3),
    }
    for needle, (path, line, column) in cases.items():
        o = at(needle)
        assert (o.path, o.line, o.column) == (path, line, column), needle
    assert at("Function(").package in ("lodash-es", "lodash-es@4.17.21")  # version if npm ci ran
    assert at("eval(").package is None


def test_fixture_inline_map_and_css_map(monkeypatch):
    monkeypatch.chdir(FIXTURE)
    text = (FIXTURE / "dist" / "worker.js").read_text(encoding="utf-8")
    origin, notes = load_origin(FIXTURE / "dist" / "worker.js", text, FIXTURE)
    o = origin.original(1, text.index('setTimeout("') + 1)
    assert (notes, o.path, o.line, o.column) == ([], "src/worker.ts", 4, 3)
    css = (FIXTURE / "dist" / "main.css").read_text(encoding="utf-8")
    origin, notes = load_origin(FIXTURE / "dist" / "main.css", css, FIXTURE, css=True)
    o = origin.original(1, css.index("background") + 1)
    assert (notes, o.path, o.line, o.column) == ([], "src/styles.css", 7, 3)
    assert origin.original(1, css.index("@import") + 1) is None  # esbuild maps no segment there


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["/", "*", "#", "@", " ", "\n", "\r", "\u2028", "x", "'", '"',
                                  "sourceMappingURL=", "data:", "a.map", "../", ";base64,"]), max_size=40))
def test_any_generated_text_finds_a_url_or_none(pieces):
    text = "".join(pieces)
    url = find_map_url(text)
    assert url is None or (url and not any(ch.isspace() for ch in url))
    find_map_url(text, css=True)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["../../x.map", "data:application/json;base64,", "data:,%7B", "a.map?#", "%ZZ.map",
                        "data:application/json;base64,e30=", "\u00e9.map", "nul\x00.map"]))
def test_odd_map_urls_never_raise(tmp_path_factory, url):
    root = tmp_path_factory.mktemp("odd")
    origin, notes = load_origin(root / "app.js", f"x();\n//# sourceMappingURL={url}\n", root, cwd=root)
    assert origin is None and len(notes) == 1


# --- suppressions written in the original source ---------------------------------------------------


@pytest.mark.parametrize(
    "content, rule, suppressed",
    [
        ("a;\n// minislint-disable-next-line no-eval -- reviewed\neval(x);\n", "no-eval", True),
        ("a;\n// minislint-disable-next-line no-eval -- reviewed\neval(x);\n", "no-string-timer", False),
        ("a;\n// minislint-disable-next-line\neval(x);\n", "no-eval", True),  # every rule
        ("a;\nb;\neval(x); // minislint-disable-line no-eval\n", "no-eval", True),
        ("/* minislint-disable no-eval */\nb;\neval(x);\n", "no-eval", True),
        ("// minislint-disable-next-line no-eval\nb;\neval(x);\n", "no-eval", False),  # another line
        ("a;\nb;\neval(x);\n", "no-eval", False),
    ],
)
def test_original_source_suppressions(project, content, rule, suppressed):
    m = SourceMap.parse(map_json(["../src/a.ts"], encode([[(0, 0, 2, 0)]]), sourcesContent=[content]))
    origin = BundleOrigin(m, "eval(x)", project / "dist", project, cwd=project)
    o = origin.original(1, 1)
    assert (o.line, o.column) == (3, 1)
    assert origin.suppresses(o, rule) is suppressed


def test_suppressions_need_the_maps_copy_of_the_source(project):
    # The file on disk has the comment, the map has no sourcesContent: not read, not suppressed.
    (project / "src" / "a.ts").write_text("a;\n// minislint-disable-next-line\neval(x);\n", encoding="utf-8")
    origin = BundleOrigin(SourceMap.parse(map_json(["../src/a.ts"], encode([[(0, 0, 2, 0)]]))), "eval(x)",
                          project / "dist", project, cwd=project)
    assert origin.suppresses(origin.original(1, 1), "no-eval") is False
