"""Issue 13: suppression directives come only from real comments, and every finding (rule,
file-level, project-level) goes through one verdict: selection, severity and suppressions."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruletester import lint, triples

from minislint.cli import main
from minislint.config import Settings
from minislint.engine import Engine
from minislint.runner import Runner

# -- text that only looks like a comment --------------------------------------------------------

NOT_COMMENTS = [
    # the two attacks
    ('const s = "// minislint-disable-next-line no-eval -- x";\neval(x);\n', "a.js", [(2, 1)]),
    ("const t = `/* minislint-disable no-eval */`;\neval(x);\neval(y);\n", "a.js", [(2, 1), (3, 1)]),
    # the same in a JSX text, a TypeScript string, an inline script's string, a Vue template
    ("const p = <p>// minislint-disable-next-line no-eval </p>;\neval(x);\n", "a.jsx", [(2, 1)]),
    ('const s: string = "/* minislint-disable */";\neval(x);\n', "a.ts", [(2, 1)]),
    ('<script>var s = "<!-- minislint-disable-next-line no-eval -->";\neval(x)</script>\n', "a.html",
     [(2, 1)]),
    ('<template><p>// minislint-disable-next-line no-eval</p></template>\n'
     '<script>\nconst s = "/* minislint-disable */"\neval(x)\n</script>\n', "a.vue", [(4, 1)]),
]


@pytest.mark.parametrize("code, filename, expected", NOT_COMMENTS)
def test_directive_text_outside_a_comment_silences_nothing(code, filename, expected):
    assert triples(code, filename, "no-eval") == [("no-eval", line, col) for line, col in expected]


REAL_COMMENTS = [
    ("// minislint-disable-next-line no-eval -- legacy\neval(x);\n", "a.js", "no-eval"),
    ("let a: number = 1; /* minislint-disable-line no-eval */ eval(x);\n", "a.ts", "no-eval"),
    ('<p>\n<!-- minislint-disable-next-line no-iframe -->\n<iframe src="https://x.example"></iframe>\n',
     "a.html", "no-iframe"),
    ("<script>\n// minislint-disable-next-line no-eval\neval(x)</script>\n", "a.html", "no-eval"),
    ("<!-- minislint-disable-next-line no-eval -->\n<script>eval(x)</script>\n", "a.html", "no-eval"),
    ('<button onclick="/* minislint-disable-line no-eval */ eval(x)">b</button>\n', "a.html", "no-eval"),
    ('/* minislint-disable-next-line no-foreign-stylesheet */\n@import url("https://cdn.other.example/x.css");\n',
     "a.css", "no-foreign-stylesheet"),
    ('<style>a{}/* minislint-disable no-foreign-stylesheet */</style>\n'
     '<style>@import url("https://cdn.other.example/x.css");</style>\n', "a.html", "no-foreign-stylesheet"),
    ("<script>\n/* minislint-disable */\neval(x)\n</script>\n", "a.vue", "no-eval"),
]


@pytest.mark.parametrize("code, filename, rule", REAL_COMMENTS)
def test_directive_in_a_real_comment_of_each_language(code, filename, rule):
    assert lint(code, filename, select=[rule, "unused-suppression"]) == []


def test_the_same_code_without_the_comment_is_reported():
    """The look-alike check for REAL_COMMENTS: each case is a finding once its comment is gone."""
    for code, filename, rule in REAL_COMMENTS:
        bare = code.replace("minislint-disable", "not-a-directive")
        assert [f.rule for f in lint(bare, filename, select=[rule])] == [rule], code


def test_css_string_and_url_are_not_comments():
    code = 'a { content: "/* minislint-disable */" }\n@import url("https://cdn.other.example/x.css");\n'
    assert triples(code, "a.css", "no-foreign-stylesheet") == [("no-foreign-stylesheet", 2, 14)]


def test_reason_is_kept_on_the_suppressed_finding():
    engine = Engine(Settings(select={"no-eval"}))
    found, _ = engine.lint_data(Path("a.js"), "a.js",
                                b"eval(x); // minislint-disable-line no-eval -- loader from 2019\n")
    assert [(f.rule, f.line, f.column, f.suppression) for f in found] == [("no-eval", 1, 1, "loader from 2019")]


# -- one verdict for every finding ------------------------------------------------------------

def _run(tmp_path, argv, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code = main([*argv, "--format", "json", "--no-cache"])
    return code, json.loads(capsys.readouterr().out)


def test_ignore_applies_to_a_binary_file(tmp_path, monkeypatch, capsys):
    """A binary `.js` is a file-level syntax-error; `--ignore syntax-error` removed it only from
    parse errors before."""
    (tmp_path / "a.js").write_bytes(b"\x00\x01binary")
    code, found = _run(tmp_path, ["a.js"], monkeypatch, capsys)
    assert code == 1 and [(f["rule"], f["line"], f["column"]) for f in found] == [("syntax-error", 1, 1)]
    code, found = _run(tmp_path, ["a.js", "--ignore", "syntax-error"], monkeypatch, capsys)
    assert code == 0 and found == []


def test_severity_setting_applies_to_file_level_findings(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.js").write_bytes(b"\x00\x01binary")
    (tmp_path / ".minislint.toml").write_text('[severity]\nsyntax-error = "warning"\n')
    code, found = _run(tmp_path, ["a.js"], monkeypatch, capsys)
    assert code == 0 and [(f["rule"], f["severity"]) for f in found] == [("syntax-error", "warning")]


def test_severity_setting_applies_to_too_deep_input(tmp_path):
    (tmp_path / "a.js").write_text("x = " + "(" * 100_000 + ")" * 100_000 + ";\n")
    engine = Engine(Settings(severity={"syntax-error": "warning"}))
    found, _ = engine.lint_file(tmp_path / "a.js")
    assert [(f.rule, f.severity) for f in found] == [("syntax-error", "warning")]


def test_comment_in_minis_config_suppresses_a_project_level_finding(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = ('{\n  "name": "x",\n  // minislint-disable-next-line config-schema -- kept for the old CLI\n'
              '  "lagacyKey": 1\n}\n')
    (tmp_path / "minis.config.json").write_text(config)
    engine = Engine(Settings(select={"config-schema"}))
    result = Runner(engine).run([Path(".")])
    unknown = [f for f in result.suppressed if "lagacyKey" in f.message]
    assert [(f.line, f.suppression) for f in unknown] == [(4, "kept for the old CLI")]
    assert not any("lagacyKey" in f.message for f in result.findings)
    # The same text in a string value suppresses nothing.
    (tmp_path / "minis.config.json").write_text(
        '{\n  "name": "// minislint-disable-next-line config-schema",\n  "lagacyKey": 1\n}\n')
    result = Runner(engine).run([Path(".")])
    assert [f.line for f in result.findings if "lagacyKey" in f.message] == [3]


# -- what was silenced is said ------------------------------------------------------------------

def test_sarif_keeps_findings_silenced_in_source(tmp_path, monkeypatch, capsys):
    """A reviewer sees in the log what a pull request silenced and why."""
    from sarif_schema import validate

    (tmp_path / ".git").mkdir()
    (tmp_path / ".minislint.toml").write_text("ignore = []\n")
    (tmp_path / "a.js").write_text("eval(a); // minislint-disable-line no-eval -- vendored loader\n"
                                   "/* minislint-disable-next-line */\neval(b);\neval(c);\n")
    monkeypatch.chdir(tmp_path)
    assert main(["a.js", "--format", "sarif", "--no-cache"]) == 1
    log = json.loads(capsys.readouterr().out)
    validate(log)
    run = log["runs"][0]
    got = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"], r.get("suppressions"))
           for r in run["results"]]
    assert got == [("no-eval", 1, [{"kind": "inSource", "justification": "vendored loader"}]),
                   ("no-eval", 3, [{"kind": "inSource"}]),
                   ("no-eval", 4, None)]
    props = run["invocations"][0]["properties"]
    assert props == {"filesChecked": 1, "pathsSkipped": 0, "settingsFile": ".minislint.toml",
                     "suppressedByRule": {"no-eval": 2}}
    assert main(["a.js", "--no-cache"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-3:] == ["Found 1 error and 0 warnings (1 file checked).",
                        "Suppressed in source: 2 (no-eval 2).", "Settings: .minislint.toml."]
