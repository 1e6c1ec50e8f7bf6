"""`--fix`, `--unsafe-fixes` and `--diff` as a user runs them."""
import codecs
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from minislint import apply_fixes
from minislint.config import Settings
from minislint.engine import Engine
from minislint.runner import Runner

FIXTURES = Path(__file__).parent.parent / "fixtures"


def run(args, cwd):
    proc = subprocess.run([sys.executable, "-m", "minislint", "--no-cache", *args], cwd=cwd,
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def app(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "timer.js").write_text(
        'setTimeout("tick()", 100);\n'
        'function f(tick) { setInterval("tick()", 5); }\n'
        "eval(x); // minislint-disable-line no-eval, no-string-timer\n")
    (tmp_path / "src" / "clean.js").write_text("export const y = () => 2;\n")
    return tmp_path


def test_fix_writes_safe_fixes_and_reports_what_remains(app):
    code, out, err = run(["--fix", "src"], app)
    assert (app / "src" / "timer.js").read_text() == (
        "setTimeout(() => { tick(); }, 100);\n"
        'function f(tick) { setInterval("tick()", 5); }\n'
        "eval(x); // minislint-disable-line no-eval\n")
    assert code == 1  # the unsafe one remains, and is reported
    assert "src/timer.js:2:32: error no-string-timer" in out
    assert "src/timer.js:1:" not in out
    assert err.strip().splitlines()[-1] == "minislint: fixed 2 findings in 1 file; 1 more with --unsafe-fixes"
    assert (app / "src" / "clean.js").read_text() == "export const y = () => 2;\n"
    before = (app / "src" / "timer.js").read_bytes()
    code, out, err = run(["--fix", "src"], app)  # twice: nothing more to do
    assert (app / "src" / "timer.js").read_bytes() == before
    assert "fixed 0 findings in 0 files" in err


def test_unsafe_fixes(app):
    code, out, err = run(["--fix", "--unsafe-fixes", "src"], app)
    assert code == 0, out
    assert 'function f(tick) { setInterval(() => { tick(); }, 5); }\n' in (app / "src" / "timer.js").read_text()
    assert "fixed 3 findings in 1 file" in err


def test_diff_changes_nothing_and_git_apply_accepts_it(tmp_path):
    app = tmp_path / "app"
    shutil.copytree(FIXTURES / "bundle-app", app, ignore=shutil.ignore_patterns("node_modules"))
    before = {p: p.read_bytes() for p in app.rglob("*") if p.is_file()}
    code, diff, err = run(["--diff", "--unsafe-fixes", "."], app)
    assert code == 1
    assert {p: p.read_bytes() for p in app.rglob("*") if p.is_file()} == before
    assert diff.startswith("--- a/src/clock.ts\n+++ b/src/clock.ts\n")
    assert "+  setTimeout(() => { console.log('tick'); }, every * 1000);\n" in diff
    assert "dist/" not in diff  # never in a bundle, nor through its source map
    subprocess.run(["git", "init", "-q"], cwd=app, check=True)
    subprocess.run(["git", "apply", "--check", "-"], cwd=app, input=diff, text=True, check=True)
    subprocess.run(["git", "apply", "-"], cwd=app, input=diff, text=True, check=True)
    applied = {p: p.read_bytes() for p in app.rglob("*") if p.is_file() and ".git" not in p.parts}
    # the same as --fix writes
    shutil.rmtree(app)
    shutil.copytree(FIXTURES / "bundle-app", app, ignore=shutil.ignore_patterns("node_modules"))
    run(["--fix", "--unsafe-fixes", "."], app)
    assert {p: p.read_bytes() for p in app.rglob("*") if p.is_file()} == applied
    code, diff, err = run(["--diff", "--unsafe-fixes", "."], app)
    assert (code, diff) == (0, "")


def test_diff_without_newline_at_end(tmp_path):
    (tmp_path / "a.js").write_text('setTimeout("go()", 1)')
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    code, diff, _ = run(["--diff", "a.js"], tmp_path)
    assert diff.endswith("+setTimeout(() => { go(); }, 1)\n\\ No newline at end of file\n")
    subprocess.run(["git", "apply", "-"], cwd=tmp_path, input=diff, text=True, check=True)
    assert (tmp_path / "a.js").read_text() == "setTimeout(() => { go(); }, 1)"


@pytest.mark.parametrize("name, text", [
    ("bundle.js", 'setTimeout("go()", 1);\n//# sourceMappingURL=bundle.js.map\n'),
    ("vendor.min.js", 'setTimeout("go()", 1);\n'),
    ("long.js", 'setTimeout("go()", 1);' + " " * 1200 + "\n"),
])
def test_no_fix_for_bundles_and_minified_files(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    code, out, err = run(["--fix", name], tmp_path)
    assert (tmp_path / name).read_text() == text
    assert "no-string-timer" in out
    assert "fixed 0 findings" in err


def test_encoding_and_line_ends_are_kept(tmp_path):
    data = codecs.BOM_UTF8 + 'var é = 1;\r\nsetTimeout("go()", 1);\r\n'.encode()
    (tmp_path / "a.js").write_bytes(data)
    run(["--fix", "a.js"], tmp_path)
    assert (tmp_path / "a.js").read_bytes() == codecs.BOM_UTF8 + 'var é = 1;\r\nsetTimeout(() => { go(); }, 1);\r\n'.encode()


def test_invalid_utf8_is_not_rewritten(tmp_path):
    data = b'// \xa9 2019\nsetTimeout("go()", 1);\n'
    (tmp_path / "a.js").write_bytes(data)
    code, out, err = run(["--fix", "a.js"], tmp_path)
    assert (tmp_path / "a.js").read_bytes() == data
    assert "a.js: not fixed: it is not valid text" in err


def test_written_only_while_the_file_is_what_was_linted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.js"
    path.write_text('setTimeout("go()", 1);\n')
    engine = Engine(Settings())
    result = Runner(engine).run([path])
    path.write_text('setTimeout("go()", 2);\n')     # edited between the lint and the fix
    outcome = apply_fixes.fix_findings(engine, result.findings)
    assert outcome.changes == [] and outcome.notes == [("a.js", "not fixed: it changed since it was checked; run again")]
    result = Runner(engine).run([path])
    outcome = apply_fixes.fix_findings(engine, result.findings)
    path.write_text('setTimeout("go()", 3);\n')     # edited between the fix and the write
    assert apply_fixes.write(outcome.changes[0]) == "not fixed: it changed while minislint was running; run again"
    assert path.read_text() == 'setTimeout("go()", 3);\n'
    path.write_text('setTimeout("go()", 2);\n')
    assert apply_fixes.write(outcome.changes[0]) is None
    assert path.read_text() == 'setTimeout(() => { go(); }, 2);\n'


def test_a_fix_that_would_break_parsing_is_undone(tmp_path):
    from minislint.fixes import replace

    code = 'const s = "a";\nrun(s);\n'
    breaks = replace(10, 11, "", "cut the quote")         # would leave an unterminated string
    good = replace(15, 18, "go", "rename the call")
    engine = Engine(Settings())
    assert apply_fixes._rounds(engine, tmp_path / "a.js", code, [breaks, good], False) == \
        ('const s = "a";\ngo(s);\n', 1)


def test_stdin_is_not_fixed(tmp_path):
    code, out, err = run(["--fix", "--stdin-filename", "a.js", "-"], tmp_path)
    assert code == 2 and "do not read standard input" in err


def test_nothing_is_fixed_in_the_build_output(tmp_path):
    (tmp_path / "minis.config.json").write_text('{"build": {"htmlEntry": "index.html", "outputDir": "dist"}}')
    page = '<head>\n  <script src="https://connect.tiktok-minis.com/libs/eruda.js"></script>\n</head>\n'
    (tmp_path / "index.html").write_text(page)
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "index.html").write_text(page)
    (tmp_path / "dist" / "app.js").write_text('setTimeout("go()", 1);\n')
    code, diff, err = run(["--diff", "."], tmp_path)
    assert [line for line in diff.splitlines() if line.startswith("+++")] == ["+++ b/index.html"]


def test_text_report_says_what_is_fixable(app):
    code, out, err = run(["src"], app)
    assert out.splitlines()[-1] == "2 fixable with --fix (1 more with --unsafe-fixes)."


def test_fixes_come_back_from_the_findings_cache(tmp_path, monkeypatch):
    from minislint.cache import Cache

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MINISLINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "a.js").write_text('setTimeout("go()", 1);\n')
    engine = Engine(Settings())
    cold = Runner(engine, cache=Cache.for_engine(engine)).run([tmp_path / "a.js"]).findings
    cache = Cache.for_engine(engine)
    warm = Runner(engine, cache=cache).run([tmp_path / "a.js"]).findings
    assert cache.hits == 1 and warm == cold and warm[0].fix is not None
    (change,) = apply_fixes.fix_findings(engine, warm).changes
    assert change.after == "setTimeout(() => { go(); }, 1);\n"
