"""Issue 13, the command line as a gate: what is not checked is said, nothing outside the project
is read through a link, output is display-safe, and bad arguments are one line and exit 2."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from minislint.cli import main

SECRET = "AWS_SECRET=abc123 not javascript at all"


def cli(tmp_path, *argv, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code = main([*argv, "--no-cache"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.js").write_text("eval(x);\n")
    return tmp_path


# -- ignore files and symbolic links -------------------------------------------------------------

def test_an_ignore_file_in_the_pull_request_is_said(repo, monkeypatch, capsys):
    """A committed `dist/.gitignore` of `*.js` removed the bundle from the check, silently."""
    (repo / "dist").mkdir()
    (repo / "dist" / "bundle.js").write_text("eval(y);\n")
    (repo / "dist" / ".gitignore").write_text("*.js\n")
    code, out, err = cli(repo, ".", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1
    assert out.splitlines()[0] == "src/main.js:1:1: error no-eval eval() runs a string as code: forbidden in TikTok Minis" \
        or out.startswith("src/main.js:1:1: error no-eval")
    assert "Not checked: 1 path (1 ignored by dist/.gitignore)." in out.splitlines()
    code, out, err = cli(repo, ".", "--format", "sarif", monkeypatch=monkeypatch, capsys=capsys)
    notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [(n["message"]["text"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
            for n in notes] == [("ignored by dist/.gitignore", "dist/bundle.js")]


def test_a_link_out_of_the_project_is_never_read(repo, tmp_path_factory, monkeypatch, capsys):
    """A committed symlink to a file outside the project was read, and its lines printed in the
    code frame of a syntax-error."""
    outside = tmp_path_factory.mktemp("runner-home") / "secret.js"
    outside.write_text(SECRET + "\n")
    (repo / "src" / "leak.js").symlink_to(outside)
    (repo / "src" / "inside.js").symlink_to(repo / "src" / "main.js")  # a link inside is fine
    for fmt in ("text", "json", "sarif", "github"):
        code, out, err = cli(repo, "src", "--format", fmt, monkeypatch=monkeypatch, capsys=capsys)
        assert SECRET not in out and "abc123" not in out and "abc123" not in err
        assert "minislint: src/leak.js: symbolic link to a path outside the project: not read" in err.splitlines()
        assert code == 1  # the rest is checked: main.js has its eval
    code, out, err = cli(repo, "src/leak.js", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2 and "abc123" not in out + err


def test_a_folder_link_out_of_the_project_is_never_walked(repo, tmp_path_factory, monkeypatch, capsys):
    outside = tmp_path_factory.mktemp("elsewhere")
    (outside / "secret.js").write_text(SECRET + "\n")
    (repo / "src" / "vendor").symlink_to(outside, target_is_directory=True)
    code, out, err = cli(repo, "src", monkeypatch=monkeypatch, capsys=capsys)
    assert "abc123" not in out + err
    assert "minislint: src/vendor: symbolic link to a path outside the project: not read" in err.splitlines()


# -- named paths that check nothing, -o, --jobs ---------------------------------------------------

@pytest.mark.parametrize("named, message", [
    ("notes.txt", "minislint: notes.txt: not a file type minislint checks: nothing to lint"),
    ("docs", "minislint: docs: no file minislint checks in this folder: nothing to lint"),
])
def test_a_named_path_with_nothing_to_lint_is_exit_2(tmp_path, named, message, monkeypatch, capsys):
    (tmp_path / "notes.txt").write_text("eval(x)\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "readme.md").write_text("# eval(x)\n")
    code, out, err = cli(tmp_path, named, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2 and err.splitlines() == [message]


def test_a_named_config_file_is_still_checked(tmp_path, monkeypatch, capsys):
    """pre-commit names minis.config.json alone; it is read by the config rules, not a language."""
    (tmp_path / "minis.config.json").write_text('{"name": "x"}\n')
    code, out, err = cli(tmp_path, "minis.config.json", monkeypatch=monkeypatch, capsys=capsys)
    assert code in (0, 1) and err == ""


@pytest.mark.parametrize("target, message", [
    ("/nonexistent/x.json", "minislint: -o /nonexistent/x.json: no such folder /nonexistent"),
    (".", "minislint: -o .: is a folder"),
])
def test_an_output_that_cannot_be_written_is_one_line(repo, target, message, monkeypatch, capsys):
    code, out, err = cli(repo, "src", "-o", target, monkeypatch=monkeypatch, capsys=capsys)
    assert (code, out, err.splitlines()) == (2, "", [message])


def test_jobs_are_capped_at_the_cores(repo, monkeypatch, capsys):
    """-j64 on 2 cores started 65 processes."""
    import minislint.parallel as parallel
    import minislint.runner as runner

    seen = []
    real = runner.lint_files
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    monkeypatch.setattr(runner, "lint_files", lambda engine, files, jobs=1, cache=None:
                        (seen.append(jobs), real(engine, files, jobs, cache))[1])
    cli(repo, "src", "-j64", monkeypatch=monkeypatch, capsys=capsys)
    assert seen == [2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_workers_end_with_their_parent(tmp_path):
    """After `kill -9` of the main process its workers lived on."""
    body = "".join(f"function f{i}(a) {{ return [a, {i}, 'x{i}'].map(function (v) {{ return v; }}); }}\n"
                   for i in range(1500))
    for i in range(12):
        (tmp_path / f"f{i}.js").write_text(body)
    proc = subprocess.Popen([sys.executable, "-m", "minislint", "check", ".", "-j2", "--no-cache"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children = []
    deadline = time.monotonic() + 30
    while not children and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        children = _children(proc.pid)
    assert children, "no worker started"
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [c for c in children if _alive(c)]


def _children(pid: int) -> list:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# -- display-safe output ---------------------------------------------------------------------------

def test_a_file_name_cannot_write_workflow_commands(tmp_path, monkeypatch, capsys):
    """A file name with a newline and `::add-mask::` wrote a workflow command into the text output;
    ESC sequences passed through text and github output raw."""
    name = "a\n::add-mask::x\n::error file=x.js::forged\x1b[2J.js"
    (tmp_path / name).write_text("eval(x);\n")
    for fmt in ("text", "github"):
        code, out, err = cli(tmp_path, ".", "--format", fmt, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 1
        assert "\x1b" not in out + err
        lines = out.splitlines()
        assert not [line for line in lines if line.startswith("::") and not line.startswith("::error file=a")]
        assert len([line for line in lines if "no-eval" in line and "add-mask" in line]) == 1
    code, out, err = cli(tmp_path, ".", "--format", "json", monkeypatch=monkeypatch, capsys=capsys)
    assert json.loads(out)[0]["path"] == name  # JSON escapes it itself: the name as it is


def test_a_lone_surrogate_does_not_end_the_run(tmp_path, monkeypatch, capsys):
    """`"\\ud800"` in a URL ended the whole run with an internal error and no report at all."""
    (tmp_path / "a.js").write_text('fetch("https://x\\ud800.example/a");\n'
                                   'location.href = "https://a\\ud800b.example/";\n')
    for fmt in ("text", "json", "sarif", "github"):
        code, out, err = cli(tmp_path, "a.js", "--format", fmt, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 1, err
        out.encode("utf-8")  # valid UTF-8 throughout
        if fmt == "json":
            shown = json.loads(out)[0]["message"]
        elif fmt == "sarif":
            shown = json.loads(out)["runs"][0]["results"][0]["message"]["text"]
        else:
            shown = out
        assert "x\\ud800.example" in shown


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux")
def test_a_non_utf8_file_name(tmp_path, monkeypatch, capsys):
    name = os.fsdecode(b"bad\xff.js")
    (tmp_path / name).write_text("eval(x);\n")
    for fmt in ("text", "json", "sarif", "github"):
        code, out, err = cli(tmp_path, ".", "--format", fmt, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 1, err
        out.encode("utf-8")
        if fmt == "json":
            assert json.loads(out)[0]["path"] == "bad\\xff.js"
        elif fmt == "sarif":
            uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            assert uri["uri"] == "bad%FF.js"
        else:
            assert "bad\\xff.js" in out


# -- the per-file time budget -----------------------------------------------------------------------

def test_a_file_over_its_time_budget_is_a_finding(tmp_path):
    """A file that still takes too long is `internal-error: took longer than N s`, and the run
    goes on with the other files."""
    from minislint.config import Settings
    from minislint.engine import Engine
    from minislint.plugins import default_registry
    from minislint.rule import Rule
    from minislint.runner import Runner

    class Slow(Rule):
        id = "slow-rule"
        languages = ("js",)
        triggers = ("spin",)

        def create(self, ctx):
            def spin(node):
                while True:  # a rule gone quadratic; `except Exception` would not stop the budget
                    try:
                        sum(range(10_000))
                    except Exception:
                        pass
            return {"Program": spin}

    registry = default_registry()
    registry.rules["slow-rule"] = Slow()
    try:
        (tmp_path / "slow.js").write_text("var spin = 1;\n")
        (tmp_path / "fine.js").write_text("eval(x);\n")
        engine = Engine(Settings(), registry)
        engine.time_budget = lambda size: 0.3
        result = Runner(engine).run([tmp_path / "slow.js", tmp_path / "fine.js"])
    finally:
        del registry.rules["slow-rule"]
    got = sorted((Path(f.path).name, f.rule, f.message) for f in result.findings)
    assert got == [("fine.js", "no-eval", "`eval` is forbidden in TikTok Minis: it runs code that review never saw"),
                   ("slow.js", "internal-error", "took longer than 0.3 s; this file was not checked")]
    assert result.internal_errors == 1
