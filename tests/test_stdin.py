"""`minislint --stdin-filename PATH -`: standard input linted as if it were PATH: its language,
its project settings and minis.config.json, its own suppressions; the report quotes the piped
text, not what is on disk under that name."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pipe(cwd: Path, name: str, data: bytes, *args: str):
    proc = subprocess.run([sys.executable, "-m", "minislint", "--stdin-filename", name, *args, "-"],
                          input=data, cwd=cwd, capture_output=True)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def pipe_json(cwd: Path, name: str, data: bytes, *args: str):
    code, out, err = pipe(cwd, name, data, "--format", "json", *args)
    assert code in (0, 1), err
    return code, [(f["path"], f["rule"], f["line"], f["column"], f["severity"]) for f in json.loads(out)]


@pytest.fixture
def app(tmp_path):
    """A real app with a broken minis.config.json (domains-fail) and its own settings file."""
    app = tmp_path / "app"
    shutil.copytree(ROOT / "fixtures" / "domains-pass", app)
    (app / ".minislint.toml").write_text('[severity]\nno-string-timer = "warning"\n', encoding="utf-8")
    return app


def test_language_comes_from_the_name_tsx(app):
    tsx = (b"import { useEffect } from 'react';\r\n"
           b"export function App({ code }: { code: string }) {\r\n"
           b"  useEffect(() => { window.eval(code as string); }, [code]);\r\n"
           b"  return <div className=\"app\">{code!}</div>;\r\n}\r\n")
    code, found = pipe_json(app, "src/App.tsx", tsx)
    assert code == 1
    assert found == [("src/App.tsx", "no-eval", 3, 28, "error")]   # at `eval`, as for JS
    # the same bytes named .js are not TypeScript: the annotations are a syntax error there
    _, found = pipe_json(app, "src/App.js", tsx)
    assert [f[1] for f in found] == ["syntax-error"]


def test_settings_and_trusted_domains_come_from_the_files_project_not_the_cwd(app, tmp_path):
    js = (b'fetch("https://api.moondrama.co.uk/v1/episodes");\n'
          b'fetch("https://evil.example.net/steal");\n'
          b'setTimeout("poll()", 1000);\n')
    # run from outside the project, as an editor may
    code, found = pipe_json(tmp_path, "app/src/feed.js", js)
    assert ("app/src/feed.js", "untrusted-domain", 2, 7, "error") in found
    assert not [f for f in found if f[2] == 1]            # a trusted host stays clean
    assert ("app/src/feed.js", "no-string-timer", 3, 12, "warning") in found   # app/.minislint.toml


def test_suppressions_in_the_piped_text_apply(app):
    js = b"// minislint-disable-next-line no-eval -- sandboxed preview only\neval(preview);\n"
    code, found = pipe_json(app, "src/preview.js", js)
    assert (code, found) == (0, [])
    code, found = pipe_json(app, "src/preview.js", b"// minislint-disable-next-line no-eval\nrun(preview);\n")
    assert found == [("src/preview.js", "unused-suppression", 1, 1, "warning")]


def test_the_report_quotes_stdin_not_the_file_on_disk(app):
    (app / "src" / "main.js").write_text("const onDisk = 1;\n", encoding="utf-8")
    code, out, _ = pipe(app, "src/main.js", "const 新 = 1;\r\n\teval(新);\r\n".encode("utf-8-sig"))
    assert code == 1
    assert out.splitlines()[:4] == [
        "src/main.js:2:2: error no-eval `eval` is forbidden in TikTok Minis: it runs code that review never saw",
        "  |",
        "2 |     eval(新);",
        "  |     ^^^^",
    ]


def test_no_project_level_verdict_from_one_buffer(tmp_path):
    app = tmp_path / "app"
    shutil.copytree(ROOT / "fixtures" / "ready-fail", app)
    data = (app / "src" / "main.js").read_bytes()
    _, found = pipe_json(app, "src/main.js", data)
    rules = {f[1] for f in found}
    assert "nav-bar-color" in rules
    assert not rules & {"required-capability", "package-contents"}


def test_bad_input_is_a_finding_or_one_line(app):
    # undecodable bytes: the same findings as for that file on disk
    for data in (b"const a = '\xff\xfe';\neval(a);\n", b"\x00\x01binary", b"\xff\xfe" + "eval(x);\n".encode("utf-16-le")):
        (app / "src" / "x.js").write_bytes(data)
        on_disk = subprocess.run([sys.executable, "-m", "minislint", "--format", "json", "src/x.js"], cwd=app,
                                 capture_output=True, text=True)
        code, found = pipe_json(app, "src/x.js", data)
        assert found and json.loads(on_disk.stdout) == json.loads(pipe(app, "src/x.js", data, "--format", "json")[1])
        assert code == on_disk.returncode
    code, out, err = pipe(app, "notes.txt", b"eval(x)\n")
    assert code == 2 and out == "" and err.strip().count("\n") == 0 and "notes.txt" in err
    proc = subprocess.run([sys.executable, "-m", "minislint", "-"], input="eval(x)\n", cwd=app,
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "--stdin-filename" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "minislint", "--stdin-filename", "a.js", "src"],
                          input="", cwd=app, capture_output=True, text=True)
    assert proc.returncode == 2 and "standard input" in proc.stderr


def test_the_collector_rests_while_the_buffer_is_linted():
    """As in a worker (parallel.py): a big buffer's tree is built without cyclic collections
    re-traversing it, and the collector is back on after."""
    import gc
    import io

    from minislint.config import Settings
    from minislint.engine import Engine
    from minislint.hookspec import hookimpl
    from minislint.plugins import build_registry, plugin_manager
    from minislint.rule import Rule
    from minislint.stdin import lint_stdin

    seen = []

    class Probe(Rule):
        id = "probe"
        languages = ("js",)

        def create(self, ctx):
            seen.append(gc.isenabled())
            return {}

    class Pack:
        @hookimpl
        def minislint_rules(self):
            return [Probe()]

    engine = Engine(Settings(), build_registry(plugin_manager(extra=[Pack()])))
    result, _ = lint_stdin(engine, "a.js", io.BytesIO(b"eval(x);\n"))
    assert [(f.rule, f.line, f.column) for f in result.findings] == [("no-eval", 1, 1)]
    assert seen == [False] and gc.isenabled()
