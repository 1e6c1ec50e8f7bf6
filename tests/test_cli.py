"""The command line as a user runs it: subcommands, formats, exit codes, one-line errors."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from minislint.cli import main


def run(args, cwd, capsys=None):
    proc = subprocess.run([sys.executable, "-m", "minislint", *args], cwd=cwd, capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def app(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "bad.js").write_text("const x = 1;\neval(x);\n")
    (tmp_path / "src" / "good.js").write_text("export const y = () => 2;\n")
    (tmp_path / "src" / "broken.js").write_text("const = ;\n")
    return tmp_path


def test_check_is_implied_and_text_format(app):
    code, out, err = run(["src"], app)
    assert code == 1
    assert "src/bad.js:2:1: error no-eval " in out
    assert "src/broken.js:1:7: error syntax-error " in out  # a broken file is a finding...
    assert "3 files checked" in out                          # ...and the others are still checked
    assert err == ""


def test_json_format_fields(app):
    code, out, _ = run(["check", "src", "--format", "json"], app)
    data = json.loads(out)
    bad = [d for d in data if d["rule"] == "no-eval"]
    assert bad == [{"path": "src/bad.js", "line": 2, "column": 1, "endLine": 2, "endColumn": 5,
                    "rule": "no-eval", "severity": "error", "message": bad[0]["message"]}]


def test_exit_zero_and_clean_exit(app):
    assert run(["src", "--exit-zero"], app)[0] == 0
    assert run(["src/good.js"], app)[0] == 0


def test_select_and_ignore(app):
    code, out, _ = run(["src", "--select", "syntax-error", "--format", "json"], app)
    assert {d["rule"] for d in json.loads(out)} == {"syntax-error"}
    code, out, _ = run(["src", "--ignore", "no-eval,syntax-error", "--format", "json"], app)
    assert json.loads(out) == [] and code == 0


def test_unknown_rule_is_a_usage_error_with_a_suggestion(app):
    code, out, err = run(["src", "--select", "no-evl"], app)
    assert code == 2 and out == ""
    assert err.strip() == "minislint: --select: unknown rule 'no-evl' (did you mean 'no-eval'?)"


def test_missing_path_exits_2_but_lints_the_rest(app):
    code, out, err = run(["src/bad.js", "nope.js"], app)
    assert code == 2
    assert "nope.js: no such file or folder" in err
    assert "no-eval" in out


def test_output_file(app):
    code, out, _ = run(["src", "--format", "sarif", "-o", "out.sarif"], app)
    assert out == "" and code == 1
    assert json.loads((app / "out.sarif").read_text())["version"] == "2.1.0"


def test_rules_and_explain(capsys):
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert "no-eval" in listing and "no-string-timer" in listing
    assert main(["explain", "no-eval"]) == 0
    doc = capsys.readouterr().out
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in doc
    assert main(["explain", "no-evall"]) == 2
    assert "did you mean 'no-eval'" in capsys.readouterr().err


def test_every_rule_has_complete_docs():
    from minislint.plugins import default_registry

    for rule in default_registry().rules.values():
        assert rule.id and rule.id == rule.id.lower() and " " not in rule.id
        assert rule.severity in ("error", "warning"), rule.id
        assert rule.summary, rule.id
        for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
            assert heading in rule.docs, (rule.id, heading)


def test_version():
    proc = subprocess.run([sys.executable, "-m", "minislint", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("minislint ")
