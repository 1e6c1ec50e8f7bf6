"""A crashing plugin costs only its own findings: internal-error for that rule and file, exit 2.

The plugin is installed for real: a dist-info with an entry point on PYTHONPATH, loaded by the
CLI's pluggy plugin manager exactly as a third-party rule pack would be.
"""
import json
import os
import subprocess
import sys
import textwrap

import pytest

PLUGIN = textwrap.dedent('''
    from minislint.hookspec import hookimpl
    from minislint.languages import Language
    from minislint.rule import Rule


    class Boom(Rule):
        id = "boom"
        severity = "error"
        summary = "crashes on purpose"
        languages = ("js",)

        def create(self, ctx):
            if "crash_in_create" in ctx.fragment.text:
                raise RuntimeError("create failed")
            def explode(node):
                if node.callee.type == "Identifier" and node.callee.name == "trigger":
                    raise ValueError("kaboom")
            return {"CallExpression": explode}


    class ProjectBoom(Rule):
        id = "project-boom"
        severity = "warning"
        summary = "crashes on purpose, project-wide"
        languages = ()

        def check_project(self, pctx):
            raise KeyError("no such thing")


    def split(file):
        raise IndexError("language plugin bug")


    @hookimpl
    def minislint_rules():
        return [Boom(), ProjectBoom()]


    @hookimpl
    def minislint_languages():
        return [Language("boom", (".boom",), split)]
''')


@pytest.fixture
def plugin_env(tmp_path):
    site = tmp_path / "site"
    (site / "boom_pack-1.0.dist-info").mkdir(parents=True)
    (site / "boom_pack.py").write_text(PLUGIN)
    (site / "boom_pack-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: boom-pack\nVersion: 1.0\n")
    (site / "boom_pack-1.0.dist-info" / "entry_points.txt").write_text("[minislint.plugins]\nboom = boom_pack\n")
    env = dict(os.environ, PYTHONPATH=str(site))
    app = tmp_path / "app"
    app.mkdir()
    (app / "a.js").write_text("var x = 1;\ntrigger();\neval(x);\n")      # handler crashes at line 2
    (app / "b.js").write_text("// crash_in_create\n  eval(y);\n")       # create() crashes
    (app / "c.js").write_text("eval(z);\n")                             # boom finds nothing here
    (app / "d.boom").write_text("anything\n")                          # the language plugin crashes
    return app, env


def run(app, env, *extra):
    proc = subprocess.run([sys.executable, "-m", "minislint", "check", "--no-cache", "--jobs", "1",
                           "--format", "json", "--select", "no-eval,boom,project-boom,internal-error", *extra, "."],
                          cwd=app, env=env, capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def test_crashing_rules_cost_only_their_own_findings(plugin_env):
    app, env = plugin_env
    code, out, err = run(app, env)
    assert code == 2 and "Traceback" not in err
    found = sorted((f["path"], f["rule"], f["line"], f["column"], f["message"]) for f in json.loads(out))
    project = [f for f in found if "project-boom" in f[4]]
    assert [f[1:] for f in project] == [("internal-error", 1, 1, "rule 'project-boom' crashed: KeyError: 'no such thing'")]
    assert [f for f in found if f not in project] == [
        ("a.js", "internal-error", 2, 1, "rule 'boom' crashed: ValueError: kaboom"),
        ("a.js", "no-eval", 3, 1, "`eval` is forbidden in TikTok Minis: it runs code that review never saw"),
        ("b.js", "internal-error", 1, 1, "rule 'boom' crashed: RuntimeError: create failed"),
        ("b.js", "no-eval", 2, 3, "`eval` is forbidden in TikTok Minis: it runs code that review never saw"),
        ("c.js", "no-eval", 1, 1, "`eval` is forbidden in TikTok Minis: it runs code that review never saw"),
        ("d.boom", "internal-error", 1, 1, "internal error while checking this file: IndexError: language plugin bug"),
    ]


def test_internal_errors_cannot_be_silenced(plugin_env):
    app, env = plugin_env
    (app / "a.js").write_text("trigger(); // minislint-disable-line internal-error, boom\neval(x);\n")
    code, out, _ = run(app, env, "--ignore", "internal-error")
    rules = sorted((f["path"], f["rule"], f["line"]) for f in json.loads(out) if f["path"] == "a.js")
    assert rules == [("a.js", "internal-error", 1), ("a.js", "no-eval", 2)]
    assert code == 2


def test_text_output_shows_the_crash_and_the_other_findings(plugin_env):
    app, env = plugin_env
    proc = subprocess.run([sys.executable, "-m", "minislint", "check", "--no-cache", "--jobs", "1",
                           "--select", "no-eval,boom", "a.js", "c.js"], cwd=app, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr == ""
    assert "a.js:2:1: error internal-error rule 'boom' crashed: ValueError: kaboom" in proc.stdout
    assert "a.js:3:1: error no-eval" in proc.stdout and "c.js:1:1: error no-eval" in proc.stdout
