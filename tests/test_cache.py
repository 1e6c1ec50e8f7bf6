"""The findings cache: a warm run reuses findings, and anything they depend on invalidates them."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from minislint.cache import Cache
from minislint.config import Settings
from minislint.engine import Engine
from minislint.runner import Runner

CLEAN = "var timer = setTimeout(function () { tick(); }, 10);\n"
DIRTY = "var timer = setTimeout(function () { tick(); }, 10);\nwindow.eval(code);\n"


def run(args, cwd, env_cache=None):
    env = None
    if env_cache is not None:
        import os

        env = dict(os.environ, MINISLINT_CACHE_DIR=str(env_cache))
    proc = subprocess.run([sys.executable, "-m", "minislint", "check", "--format", "json", *args],
                          cwd=cwd, capture_output=True, text=True, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    return [(d["path"], d["rule"], d["line"], d["column"]) for d in json.loads(proc.stdout)]


@pytest.fixture
def app(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "main.js").write_text(CLEAN)
    (src / "other.js").write_text("setInterval('poll()', 1000);\n")
    return tmp_path


def entries(folder: Path):
    return sorted(p.name for p in folder.rglob("*.json"))


def test_edit_between_runs_gives_the_new_finding(app):
    assert run(["src"], app) == [("src/other.js", "no-string-timer", 1, 13)]
    cache = app / ".minislint_cache"
    assert len(entries(cache)) == 2
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"   # never committed
    (app / "src" / "main.js").write_text(DIRTY)                          # same size class, new bytes
    assert run(["src"], app) == [("src/main.js", "no-eval", 2, 8),
                                 ("src/other.js", "no-string-timer", 1, 13)]
    assert len(entries(cache)) >= 3     # the old entry stays; the new content has its own key
    (app / "src" / "main.js").write_text(CLEAN)                          # back to the first bytes
    assert run(["src"], app) == [("src/other.js", "no-string-timer", 1, 13)]


def test_warm_run_reads_findings_instead_of_linting(app, monkeypatch):
    engine = Engine(Settings())
    runner = Runner(engine, cache=Cache.for_engine(engine, app / "c"))
    monkeypatch.chdir(app)
    first = runner.run([Path("src")]).findings
    assert (runner.cache.hits, runner.cache.misses) == (0, 2)
    # A cache hit must not parse: make linting impossible and run again.
    monkeypatch.setattr(Engine, "lint_data", lambda *a: pytest.fail("linted a cached file"))
    second = runner.run([Path("src")]).findings
    assert runner.cache.hits == 2
    assert second == first


def test_settings_and_code_are_part_of_the_key(app, monkeypatch):
    monkeypatch.chdir(app)
    data = (app / "src" / "other.js").read_bytes()
    plain = Engine(Settings())
    narrowed = Engine(Settings(ignore={"no-string-timer"}))
    k1 = Cache.for_engine(plain, app / "c").key(Path("src/other.js"), "src/other.js", data)
    k2 = Cache.for_engine(narrowed, app / "c").key(Path("src/other.js"), "src/other.js", data)
    assert k1 != k2
    # the same file under another display path carries another path in its findings
    k3 = Cache.for_engine(plain, app / "c").key(Path("src/other.js"), "other.js", data)
    assert k3 != k1


def test_side_files_invalidate(app, monkeypatch):
    """minis.config.json (trusted domains) and a bundle's source map change findings of a file
    whose own bytes did not change."""
    monkeypatch.chdir(app)
    cache = Cache.for_engine(Engine(Settings()), app / "c")
    path = app / "src" / "main.js"
    data = path.read_bytes()
    before = cache.key(path, "src/main.js", data)
    (app / "minis.config.json").write_text('{"domain": {"trustedDomains": ["https://a.example"]}}')
    cache._configs.clear()
    with_config = cache.key(path, "src/main.js", data)
    assert with_config != before
    (app / "src" / "main.js.map").write_text('{"version": 3, "sources": [], "mappings": ""}')
    assert cache.key(path, "src/main.js", data) != with_config


def test_corrupt_or_foreign_entries_are_misses(app, monkeypatch):
    monkeypatch.chdir(app)
    engine = Engine(Settings())
    runner = Runner(engine, cache=Cache.for_engine(engine, app / "c"))
    first = runner.run([Path("src")]).findings
    assert ("src/other.js", "no-string-timer", 1, 13) in [(f.path, f.rule, f.line, f.column) for f in first]
    for entry in (app / "c").rglob("*.json"):
        entry.write_text("{not json")   # e.g. a disk that filled up, or another tool's file
    assert runner.run([Path("src")]).findings == first
    assert runner.cache.hits == 0


def test_source_mapped_findings_round_trip(tmp_path):
    """A finding with a generated location and a package survives the cache unchanged."""
    from minislint.finding import Finding, Location

    cache = Cache(tmp_path, "salt")
    f = Finding("no-eval", "error", "m", "src/a.ts", 3, 5, 3, 9,
                generated=Location("dist/a.js", 1, 120), package="core-js@3.50.0")
    cache.put("ab" * 32, [f])
    assert cache.get("ab" * 32) == [f]


def test_unwritable_cache_folder_costs_nothing_but_speed(app, monkeypatch):
    monkeypatch.chdir(app)
    blocker = app / "blocked"
    blocker.write_text("a file where the cache folder should be")
    found = run(["src"], app, env_cache=blocker / "cache")
    assert found == [("src/other.js", "no-string-timer", 1, 13)]


def test_no_cache_flag_writes_nothing(app):
    subprocess.run([sys.executable, "-m", "minislint", "check", "src", "--no-cache"], cwd=app,
                   capture_output=True)
    assert not (app / ".minislint_cache").exists()


def test_concurrent_runs_share_one_cache(app):
    """Two processes filling the same cache at once: same findings, no torn or temp entries."""
    for i in range(12):
        (app / "src" / f"gen{i}.js").write_text(f"var n{i} = {i};\n" + ("setTimeout('tick()', 1);\n" if i % 3 == 0 else ""))
    cmd = [sys.executable, "-m", "minislint", "check", "src", "--format", "json", "--jobs", "1"]
    procs = [subprocess.Popen(cmd, cwd=app, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate()[0] for p in procs]
    assert [p.returncode for p in procs] == [1, 1]
    assert json.loads(outs[0]) == json.loads(outs[1])
    cache = app / ".minislint_cache"
    assert not [p for p in cache.rglob(".tmp-*")]
    for entry in cache.rglob("*.json"):
        json.loads(entry.read_text())   # every entry is whole
    assert run(["src"], app) == sorted(
        [("src/other.js", "no-string-timer", 1, 13)] +
        [(f"src/gen{i}.js", "no-string-timer", 2, 12) for i in (0, 3, 6, 9)])


def test_jobs_must_be_positive(app):
    proc = subprocess.run([sys.executable, "-m", "minislint", "check", "src", "--jobs", "0"], cwd=app,
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "minislint: --jobs must be 1 or more"
