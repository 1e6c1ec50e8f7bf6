"""Malformed settings and configs: exit 2 with one clear line, or a finding where the file is wrong."""
import json
import subprocess
import sys

import pytest


def run(args, cwd):
    proc = subprocess.run([sys.executable, "-m", "minislint", "check", "--no-cache", *args],
                          cwd=cwd, capture_output=True, text=True)
    assert "Traceback" not in proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def app(tmp_path):
    (tmp_path / "a.js").write_text("var x = 1;\neval(x);\n")
    return tmp_path


@pytest.mark.parametrize("name, text, line", [
    ("pyproject.toml", "[tool.minislint\nselect = ['no-eval']\n",
     "pyproject.toml: invalid TOML: Expected ']' at the end of a table declaration (at line 1, column 16)"),
    ("pyproject.toml", "[tool.minislint]\nselect = 'no-eval'\n",
     "pyproject.toml [tool.minislint]: 'select' must be a list of strings"),
    ("pyproject.toml", "[tool.minislint]\nignore = ['no-evl']\n",
     "pyproject.toml [tool.minislint] ignore: unknown rule 'no-evl' (did you mean 'no-eval'?)"),
    ("pyproject.toml", "[tool.minislint.severity]\nno-eval = 'fatal'\n",
     "pyproject.toml [tool.minislint]: severity of 'no-eval' must be \"error\", \"warning\" or \"off\", not 'fatal'"),
    ("pyproject.toml", "[tool.minislint]\nselcet = ['no-eval']\n",
     "pyproject.toml [tool.minislint]: unknown key 'selcet' (did you mean 'select'?)"),
    (".minislint.toml", "select = [\n", ".minislint.toml: invalid TOML: "),
])
def test_malformed_settings_exit_2_with_one_line(app, name, text, line):
    (app / name).write_text(text)
    code, out, err = run(["a.js"], app)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"minislint: {app.resolve() / line.split(':')[0].split(' ')[0]}")
    assert line.split(":", 1)[1].strip() in err


def test_a_broken_pyproject_without_our_table_is_not_ours(app):
    (app / "pyproject.toml").write_text("[tool.black\nline-length = 99\n")
    code, out, err = run(["a.js", "--select", "no-eval"], app)
    assert (code, err) == (1, "") and "a.js:2:1: error no-eval" in out


@pytest.mark.parametrize("args, line", [
    (["--select", "no-evl"], "minislint: --select: unknown rule 'no-evl' (did you mean 'no-eval'?)"),
    (["--ignore", "no-eval,bogus-rule"], "minislint: --ignore: unknown rule 'bogus-rule'"),
])
def test_unknown_rule_on_the_command_line(app, args, line):
    code, out, err = run(["a.js", *args], app)
    assert code == 2 and out == ""
    assert err.strip() == line


def test_unknown_rule_in_a_suppression_is_a_finding_and_suppresses_nothing(app):
    (app / "b.js").write_text("eval(a); // minislint-disable-line no-evl\neval(b); // minislint-disable-line no-eval\n")
    code, out, err = run(["b.js", "--format", "json", "--select", "no-eval,unused-suppression"], app)
    got = sorted((f["rule"], f["line"], f["column"], f["message"]) for f in json.loads(out))
    assert got == [("no-eval", 1, 1, "`eval` is forbidden in TikTok Minis: it runs code that review never saw"),
                   ("unused-suppression", 1, 10,
                    "unknown rule 'no-evl' in 'minislint-disable-line' (did you mean 'no-eval'?)")]
    assert code == 1 and err == ""


@pytest.mark.parametrize("data, where, message", [
    (b'{"dev": {"clientKey": ', (1, 23), "minis.config.json is not valid JSON: expected a value"),
    (b'{"dev": {"clientKey": "k"}, "dev": 3}', (1, 29), 'duplicate key "dev" (also on line 1)'),
    (b"\xff\xfe\x00", (1, 1), "minis.config.json cannot be read: invalid UTF-16"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", (1, 1), "minis.config.json cannot be read: binary file"),
    (b"[1, 2", (1, 6), "minis.config.json is not valid JSON"),
    (b"[" * 10000 + b"]" * 10000, None, None),  # deep JSON must not crash the config reader
    # int() refuses over 4 300 digits: the run ended in "internal error" with no report at all
    (b"1" * 5000, (1, 1), "minis.config.json must hold a JSON object, not a number"),
])
def test_malformed_minis_config_is_a_finding_and_the_code_is_still_checked(app, data, where, message):
    (app / "minis.config.json").write_bytes(data)
    code, out, err = run(["a.js", "--format", "json"], app)
    assert err == "" and code == 1
    found = json.loads(out)
    assert [(f["rule"], f["line"], f["column"]) for f in found if f["path"] == "a.js"] == [("no-eval", 2, 1)]
    config = [f for f in found if f["path"] == "minis.config.json" and f["rule"] == "config-schema"
              and not f["message"].startswith('"build.htmlEntry" is not set')]  # no index.html here
    assert config, found
    if where is not None:
        assert (config[0]["line"], config[0]["column"]) == where
    if message is not None:
        assert config[0]["message"].startswith(message)


@pytest.mark.parametrize("entry", ["../outside/index.html", "/etc/passwd", "link.html"])
def test_html_entry_outside_the_app_is_reported_and_never_read(tmp_path, entry):
    app = tmp_path / "app"
    app.mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "index.html").write_text("<script>eval(outside)</script>\n")
    if entry == "link.html":
        (app / "link.html").symlink_to(tmp_path / "outside" / "index.html")
    (app / "a.js").write_text("eval(x);\n")
    (app / "minis.config.json").write_text(json.dumps({
        "build": {"htmlEntry": entry}, "dev": {"clientKey": "k"},
        "domain": {"trustedDomains": ["https://api.example.com"]}}))
    code, out, err = run(["a.js", "minis.config.json", "--format", "json"], app)
    assert err == ""
    found = json.loads(out)
    assert {f["path"] for f in found} == {"a.js", "minis.config.json"}  # nothing quoted from outside
    schema = [(f["line"], f["column"], f["message"]) for f in found if f["rule"] == "config-schema"]
    assert schema == [(1, 25, f'"build.htmlEntry": {entry} is outside the app\'s folder; minislint does not read it')]
