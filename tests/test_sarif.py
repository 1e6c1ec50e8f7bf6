"""SARIF output validates against the official OASIS schema and follows GitHub's rules."""
import json

import pytest

from minislint.cli import main
from sarif_schema import validate


def sarif_of(tmp_path, monkeypatch, capsys, files):
    for name, text in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    (tmp_path / ".git").mkdir(exist_ok=True)  # the repository root is %SRCROOT%
    monkeypatch.chdir(tmp_path)
    main(["check", ".", "--format", "sarif"])
    return json.loads(capsys.readouterr().out)


def test_clean_run_has_empty_results(tmp_path, monkeypatch, capsys):
    log = sarif_of(tmp_path, monkeypatch, capsys, {"ok.js": "export const a = 1;\n"})
    validate(log)
    assert log["runs"][0]["results"] == []


def test_findings_and_rule_metadata(tmp_path, monkeypatch, capsys):
    log = sarif_of(tmp_path, monkeypatch, capsys, {"src/app dir/bad.js": "let a;\neval(a);\n"})
    validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    (result,) = run["results"]
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "src/app%20dir/bad.js", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 5}
    assert result["level"] == "error" and result["ruleId"] == "no-eval"
    assert "primaryLocationLineHash" not in result["partialFingerprints"]
    rules = run["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "no-eval"
    for rule in rules:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")
        assert rule["properties"]["tags"] and rule["properties"]["precision"]


@pytest.mark.parametrize("prefix", ["", "// a new comment\n\n", "import './x.js';\nconst pad = 1;\n"])
def test_fingerprint_survives_lines_added_above(tmp_path, monkeypatch, capsys, prefix):
    base = sarif_of(tmp_path, monkeypatch, capsys, {"a.js": "eval(a);\nsetTimeout('x');\n"})
    moved = sarif_of(tmp_path, monkeypatch, capsys, {"a.js": prefix + "eval(a);\nsetTimeout('x');\n"})
    fp = lambda log: [r["partialFingerprints"] for r in log["runs"][0]["results"]]
    assert fp(base) == fp(moved)
    assert len({json.dumps(x) for x in fp(base)}) == 2


def test_same_line_twice_gets_distinct_fingerprints(tmp_path, monkeypatch, capsys):
    log = sarif_of(tmp_path, monkeypatch, capsys, {"a.js": "eval(a);\neval(a);\n"})
    fps = [r["partialFingerprints"]["minislint/v1"] for r in log["runs"][0]["results"]]
    assert len(fps) == 2 and fps[0] != fps[1]


def test_fingerprint_reads_the_line_the_engine_counted(tmp_path, monkeypatch, capsys):
    # A form feed is no line break for the engine; str.splitlines() would make it one and hash
    # the wrong line.
    from minislint.finding import Finding
    from minislint.report import ReportContext, SourceLines
    from minislint.report.sarif_report import _line_text

    (tmp_path / "a.js").write_text("a;\x0cb;\neval(x);\n")
    f = Finding("no-eval", "error", "m", "a.js", 2, 1, 2, 5)
    assert _line_text(f, SourceLines(ReportContext(rules={}, cwd=tmp_path))) == "eval(x);"
