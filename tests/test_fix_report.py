"""Fixes in the reports: SARIF `fixes` (validated against the OASIS schema) and JSON `fix`."""
import json

from minislint.cli import main
from sarif_schema import validate


def report(tmp_path, monkeypatch, capsys, fmt, files):
    for name, text in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    (tmp_path / ".git").mkdir(exist_ok=True)
    monkeypatch.chdir(tmp_path)
    main(["check", ".", "--no-cache", "--format", fmt])
    return json.loads(capsys.readouterr().out)


def test_sarif_fixes(tmp_path, monkeypatch, capsys):
    log = report(tmp_path, monkeypatch, capsys, "sarif", {
        "src/a.js": 'let é = 1;\nsetTimeout("tick()", 100);\n',
        "page.html": "<p>x</p>\n<script>\n  // minislint-disable-next-line no-eval\n  go();\n</script>\n",
    })
    validate(log)
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    assert results["no-string-timer"]["fixes"] == [{
        "description": {"text": "Pass the code as a function"},
        "artifactChanges": [{
            "artifactLocation": {"uri": "src/a.js", "uriBaseId": "%SRCROOT%"},
            "replacements": [{"deletedRegion": {"startLine": 2, "startColumn": 12, "endLine": 2, "endColumn": 20},
                              "insertedContent": {"text": "() => { tick(); }"}}]}],
        "properties": {"applicability": "safe"}}]
    (change,) = results["unused-suppression"]["fixes"][0]["artifactChanges"]
    assert change["replacements"] == [{"deletedRegion": {"startLine": 3, "startColumn": 1, "endLine": 4,
                                                         "endColumn": 1}, "insertedContent": {"text": ""}}]


def test_sarif_has_no_fix_for_a_file_changed_since(tmp_path, monkeypatch, capsys):
    from minislint.report import ReportContext, render
    from minislint.config import Settings
    from minislint.engine import Engine
    from minislint.runner import Runner

    (tmp_path / "a.js").write_text('setTimeout("tick()", 100);\n')
    monkeypatch.chdir(tmp_path)
    result = Runner(Engine(Settings())).run([tmp_path / "a.js"])
    (tmp_path / "a.js").write_text('\nsetTimeout("tick()", 100);\n')
    log = json.loads(render("sarif", result.findings, ReportContext(rules={}, cwd=tmp_path)))
    validate(log)
    assert "fixes" not in log["runs"][0]["results"][0]


def test_json_fix(tmp_path, monkeypatch, capsys):
    data = report(tmp_path, monkeypatch, capsys, "json", {"a.js": 'function f(tick) { setTimeout("tick()", 1); }\n'})
    (finding,) = data
    fix = finding["fix"]
    assert {k: fix[k] for k in ("message", "applicability", "edits")} == {
        "message": "Pass the code as a function", "applicability": "unsafe",
        "edits": [{"start": 30, "end": 38, "text": "() => { tick(); }"}]}
