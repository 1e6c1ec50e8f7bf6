"""policy.py, the one filter every finding of a run goes through: per-file-ignores by glob on the
finding's path and on the file linted; internal errors are never accepted."""
import subprocess
import sys
from pathlib import Path

from minislint.config import Settings
from minislint.engine import Engine
from minislint.finding import Finding, Location
from minislint.policy import Policy
from minislint.runner import Runner


def test_per_file_ignores_only_the_listed_rules_in_the_matching_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "src" / "legacy").mkdir(parents=True)
    (tmp_path / "src" / "legacy" / "old.js").write_text("eval('a');\nsetTimeout('b()', 1);\n")
    (tmp_path / "src" / "new.js").write_text("eval('c');\n")
    settings = Settings(per_file_ignores={"src/legacy/**": {"no-eval"}}, root=tmp_path)
    found = Runner(Engine(settings)).run([Path("src")]).findings
    assert [(f.path, f.line, f.column, f.rule) for f in found] == [
        ("src/legacy/old.js", 2, 12, "no-string-timer"), ("src/new.js", 1, 1, "no-eval")]


def test_globs_are_relative_to_the_settings_folder(tmp_path, monkeypatch):
    """Run from a subfolder: `src/new.js` there is `app/src/new.js` for the settings file."""
    (tmp_path / "app" / "src").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "app")
    policy = Policy(Settings(per_file_ignores={"app/src/*.js": {"no-eval"}}, root=tmp_path))
    f = Finding("no-eval", "error", "m", "src/new.js", 1, 1, 1, 5)
    assert policy.apply([f]) == []
    assert Policy(Settings(per_file_ignores={"src/*.js": {"no-eval"}}, root=tmp_path)).apply([f]) == [f]


def test_the_original_path_or_the_bundle_path_matches(tmp_path):
    vendor = Finding("no-navigation", "error", "m", "node_modules/react-router/x.js", 9, 3, 9, 9,
                     generated=Location("dist/assets/index-Bo4bkgXq.js", 1, 500), package="react-router@8.5.3")
    own = Finding("no-navigation", "error", "m", "src/a.ts", 2, 1, 2, 9,
                  generated=Location("dist/assets/index-Bo4bkgXq.js", 1, 900))
    by_vendor = Policy(Settings(per_file_ignores={"node_modules/react-router/**": {"no-navigation"}}, root=tmp_path),
                       cwd=tmp_path)
    assert by_vendor.apply([vendor, own]) == [own]
    by_bundle = Policy(Settings(per_file_ignores={"dist/assets/*.js": {"no-navigation"}}, root=tmp_path), cwd=tmp_path)
    assert by_bundle.apply([vendor, own]) == []


def test_internal_errors_are_never_accepted(tmp_path):
    crash = Finding("internal-error", "error", "rule crashed", "src/a.js", 1, 1, 1, 1)
    policy = Policy(Settings(per_file_ignores={"**": {"internal-error"}}, root=tmp_path), cwd=tmp_path)
    assert policy.apply([crash]) == [crash]


def test_standard_input_goes_through_the_same_filter(tmp_path):
    (tmp_path / ".minislint.toml").write_text('[per-file-ignores]\n"vendor/**" = ["no-eval"]\n')
    run = lambda name: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "minislint", "--stdin-filename", name, "-"], input="eval('x');\n",
        cwd=tmp_path, capture_output=True, text=True)
    assert run("vendor/lib.js").returncode == 0
    proc = run("src/app.js")
    assert proc.returncode == 1 and "src/app.js:1:1: error no-eval" in proc.stdout


def test_the_editor_server_honours_per_file_ignores(tmp_path, monkeypatch):
    from minislint.server import MinislintServer

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".minislint.toml").write_text('[per-file-ignores]\n"src/legacy/**" = ["no-eval"]\n')
    (tmp_path / "src" / "legacy").mkdir(parents=True)
    server = MinislintServer()
    uri = lambda rel: (tmp_path / rel).as_uri()  # noqa: E731
    text = "eval('x');\nsetTimeout('y()', 1);\n"
    legacy, _ = server.diagnostics(uri("src/legacy/a.js"), text, "javascript", "utf-16")
    assert [(d.code, d.range.start.line, d.range.start.character) for d in legacy] == [("no-string-timer", 1, 11)]
    fresh, _ = server.diagnostics(uri("src/a.js"), text, "javascript", "utf-16")
    assert [d.code for d in fresh] == ["no-eval", "no-string-timer"]
