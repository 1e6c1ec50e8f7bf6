"""`minislint dist/` on the committed esbuild output of fixtures/bundle-app: every finding is
reported where it was written (TypeScript source or npm package), with the bundle position kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minislint.cli import main

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "bundle-app"
RULES = "no-eval,no-function-constructor,no-string-timer,source-map"


def run(capsys, *args) -> str:
    main(list(args))
    return capsys.readouterr().out


@pytest.fixture
def in_fixture(monkeypatch):
    monkeypatch.chdir(FIXTURE)


def test_each_finding_at_its_original_path_and_line(in_fixture, capsys):
    findings = json.loads(run(capsys, "--select", RULES, "--format", "json", "dist/"))
    got = [(f["rule"], f["path"], f["line"], f["column"], f["generated"]["path"], f["generated"]["line"])
           for f in findings]
    assert got == [
        # lodash-es/_root.js: `Function('return this')()`, vendor code shipped in the bundle
        ("no-function-constructor", "node_modules/lodash-es/_root.js", 7, 38, "dist/main.js", 1),
        ("no-string-timer", "src/clock.ts", 5, 14, "dist/main.js", 1),
        ("no-eval", "src/main.ts", 25, 29, "dist/main.js", 1),  # after an emoji: code points
        ("no-function-constructor", "src/main.ts", 29, 30, "dist/main.js", 1),
        ("no-string-timer", "src/worker.ts", 4, 14, "dist/worker.js", 1),  # inline data: URL map
    ]
    main_js = (FIXTURE / "dist" / "main.js").read_text(encoding="utf-8")
    generated = {f["path"] + ":" + str(f["line"]): f["generated"]["column"] for f in findings}
    assert main_js[generated["src/main.ts:25"] - 1:].startswith("eval(")
    assert main_js[generated["node_modules/lodash-es/_root.js:7"] - 1:].startswith("Function(")
    vendor = findings[0]
    assert vendor["package"] in ("lodash-es", "lodash-es@4.17.21")  # the version once `npm ci` ran
    assert all("package" not in f for f in findings[1:])


def test_unmapped_css_stays_at_its_generated_position(in_fixture, capsys):
    # esbuild's CSS map starts at `.episode`: the hoisted @import has no segment of its own
    findings = json.loads(run(capsys, "--select", "no-foreign-stylesheet,source-map", "--format", "json", "dist/"))
    assert [(f["rule"], f["path"], f["line"], f["column"], "generated" in f) for f in findings] == [
        ("no-foreign-stylesheet", "dist/main.css", 1, 9, False)]


def test_suppression_in_the_source_covers_the_bundle(in_fixture, capsys):
    # src/clock.ts:7 `// minislint-disable-next-line no-string-timer`: gone from the minified
    # bundle, which still holds the call; the map's sourcesContent keeps the comment
    assert "setTimeout(\"console.log('legacy')\"" in (FIXTURE / "dist" / "main.js").read_text(encoding="utf-8")
    findings = json.loads(run(capsys, "--select", "no-string-timer", "--format", "json", "dist/"))
    assert [(f["path"], f["line"]) for f in findings] == [("src/clock.ts", 5), ("src/worker.ts", 4)]


def test_look_alikes_in_the_bundle_stay_clean(in_fixture, capsys):
    findings = json.loads(run(capsys, "--select", RULES, "--format", "json", "dist/"))
    lines = {(f["path"], f["line"]) for f in findings}
    assert ("src/main.ts", 21) not in lines  # `evaluate`, a local function
    assert ("src/clock.ts", 3) not in lines  # setInterval with a function
    assert not [f for f in findings if f["rule"] == "source-map"]


def test_sarif_keeps_the_bundle_position_as_related_location(in_fixture, capsys):
    log = json.loads(run(capsys, "--select", "no-eval", "--format", "sarif", "dist/"))
    (result,) = log["runs"][0]["results"]
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("bundle-app/src/main.ts")
    assert (loc["region"]["startLine"], loc["region"]["startColumn"]) == (25, 29)
    related = result["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"].endswith("bundle-app/dist/main.js")
    assert related["region"]["startLine"] == 1


def test_text_output_names_the_original_file(in_fixture, capsys):
    out = run(capsys, "--select", "no-eval", "dist/")
    assert out.startswith("src/main.ts:25:29: error no-eval ")
    assert "dist/main.js:1:" in out


def test_unusable_map_is_a_warning_at_its_comment(tmp_path, monkeypatch, capsys):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "app.js").write_text('eval("1");\n//# sourceMappingURL=app.js.map\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    findings = json.loads(run(capsys, "--select", RULES, "--format", "json", "dist/"))
    got = [(f["rule"], f["severity"], f["path"], f["line"], f["column"]) for f in findings]
    assert got == [("no-eval", "error", "dist/app.js", 1, 1), ("source-map", "warning", "dist/app.js", 2, 1)]
    assert "does not exist; findings stay at generated positions" in findings[1]["message"]
    assert "generated" not in findings[0]


def test_hostile_map_never_crashes_the_run(tmp_path, monkeypatch, capsys):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "app.js").write_text('eval("1");\n//# sourceMappingURL=app.js.map\n', encoding="utf-8")
    (tmp_path / "dist" / "app.js.map").write_text(
        json.dumps({"version": 3, "sources": ["../../../../etc/passwd"], "names": [], "mappings": "AAAA,C////////D"}),
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    findings = json.loads(run(capsys, "--select", RULES, "--format", "json", "dist/"))
    assert [f["rule"] for f in findings] == ["no-eval", "source-map"]
    assert "longer than 32 bits" in findings[1]["message"]


@pytest.fixture
def hostile_bundle(tmp_path, monkeypatch):
    """A bundle whose map names files outside the project, each holding a secret line."""
    project = tmp_path / "a" / "b" / "proj"
    (project / "dist").mkdir(parents=True)
    secrets = [tmp_path / "a" / "secret.txt", tmp_path / "secret.txt", tmp_path / "abs-secret.txt"]
    for s in secrets:
        s.write_text("TOPSECRET line one\n", encoding="utf-8")
    sources = ["../../../secret.txt", str(secrets[2])]
    (project / "dist" / "app.js").write_text('eval("1");eval("2");\n//# sourceMappingURL=app.js.map\n',
                                             encoding="utf-8")
    (project / "dist" / "app.js.map").write_text(
        json.dumps({"version": 3, "sources": sources, "names": [], "mappings": "AAAA,UCAA"}), encoding="utf-8")
    monkeypatch.chdir(project)
    return sources, secrets


def test_reporters_never_quote_a_file_outside_the_project(hostile_bundle, capsys):
    sources, secrets = hostile_bundle
    out = run(capsys, "--no-cache", "--select", "no-eval", "dist/")
    assert out.splitlines()[0].startswith("../../../secret.txt:1:1: error no-eval")  # shown as written
    assert sources[1] + ":1:1: error no-eval" in out
    assert "TOPSECRET" not in out
    before = json.loads(run(capsys, "--no-cache", "--select", "no-eval", "--format", "sarif", "dist/"))
    for s in secrets:  # a fingerprint that read the line would change with it
        s.write_text("another line\n", encoding="utf-8")
    after = json.loads(run(capsys, "--no-cache", "--select", "no-eval", "--format", "sarif", "dist/"))
    prints = [[r["partialFingerprints"] for r in log["runs"][0]["results"]] for log in (before, after)]
    assert prints[0] == prints[1] and len(prints[0]) == 2


def test_reporters_quote_the_original_line_inside_the_project(in_fixture, capsys):
    out = run(capsys, "--select", "no-eval", "dist/")
    assert "25 |   const label = \"🎬\"; return eval(code + label);" in out


def test_unusable_css_map_is_a_warning_at_its_comment(tmp_path, monkeypatch, capsys):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "a.css").write_text(
        ".a{color:red}\r\n/*# sourceMappingURL=a.css.map */\r\n", encoding="utf-8")
    (tmp_path / "dist" / "a.css.map").write_text('{"version": 3, "sources": [], "mappings": ";;;"', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    findings = json.loads(run(capsys, "--select", "source-map", "--format", "json", "dist/"))
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in findings] == [("source-map", "dist/a.css", 2, 1)]
    assert "not valid JSON" in findings[0]["message"]


def test_a_map_not_shipped_beside_a_clean_file_is_not_reported(tmp_path, monkeypatch, capsys):
    # npm packages and production builds often keep the comment but drop the map: only a file
    # with findings needs it.
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "vendor.js").write_text('run("1");\n//# sourceMappingURL=vendor.js.map\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert json.loads(run(capsys, "--select", RULES, "--format", "json", "dist/")) == []
    # a map that is there but broken is always worth a word
    (tmp_path / "dist" / "vendor.js.map").write_text("{not json", encoding="utf-8")
    got = [f["rule"] for f in json.loads(run(capsys, "--select", RULES, "--format", "json", "--no-cache", "dist/"))]
    assert got == ["source-map"]
