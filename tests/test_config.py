"""Settings from pyproject.toml [tool.minislint] or .minislint.toml; unknown keys are errors."""
import pytest

from minislint.cli import main


def lint(tmp_path, monkeypatch, capsys, args=("check", ".", "--format", "json", "--select", "no-eval,no-string-timer,syntax-error")):
    monkeypatch.chdir(tmp_path)
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def app(tmp_path):
    (tmp_path / "a.js").write_text("eval(x);\nsetTimeout('y');\n")
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.js").write_text("eval(z);\n")
    return tmp_path


def test_pyproject_select_severity_exclude(app, monkeypatch, capsys):
    (app / "pyproject.toml").write_text(
        '[tool.minislint]\nselect = ["no-eval", "no-string-timer"]\nexclude = ["legacy/"]\n'
        '[tool.minislint.severity]\nno-string-timer = "warning"\n')
    code, out, _ = lint(app, monkeypatch, capsys)
    import json
    got = sorted((d["path"], d["rule"], d["severity"]) for d in json.loads(out))
    assert got == [("a.js", "no-eval", "error"), ("a.js", "no-string-timer", "warning")]
    assert code == 1


def test_dot_minislint_toml_off(app, monkeypatch, capsys):
    (app / ".minislint.toml").write_text('ignore = ["no-eval"]\n[severity]\nno-string-timer = "off"\n')
    code, out, _ = lint(app, monkeypatch, capsys)
    assert out.strip() == "[]" and code == 0


@pytest.mark.parametrize("body,message", [
    ('[tool.minislint]\nselct = ["no-eval"]\n', "unknown key 'selct' (did you mean 'select'?)"),
    ('[tool.minislint]\nselect = ["no-evil"]\n', "unknown rule 'no-evil' (did you mean 'no-eval'?)"),
    ('[tool.minislint]\nselect = "no-eval"\n', "'select' must be a list of strings"),
    ('[tool.minislint.severity]\nno-eval = "fatal"\n', "severity of 'no-eval' must be"),
    ('[tool.minislint\n', "invalid TOML"),
    ('[tool.minislint]\nper-file-ignores = { "dist/**" = ["no-evil"] }\n',
     "per-file-ignores \"dist/**\": unknown rule 'no-evil' (did you mean 'no-eval'?)"),
    ('[tool.minislint]\nper-file-ignores = { "dist/**" = "no-eval" }\n', "per-file-ignores \"dist/**\" must be a list"),
    ('[tool.minislint]\nbaseline = 1\n', "'baseline' must be a path string"),
])
def test_bad_settings_exit_2_with_one_line(app, monkeypatch, capsys, body, message):
    (app / ("pyproject.toml" if "tool.minislint]" in body or "severity" in body else ".minislint.toml")).write_text(
        body if "tool.minislint]" in body or "severity" in body else body)
    if body.startswith("[tool.minislint\n"):
        (app / ".minislint.toml").write_text("[x\n")
    code, out, err = lint(app, monkeypatch, capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("minislint: ")
    assert message in err or (message == "invalid TOML" and "invalid TOML" in err)
