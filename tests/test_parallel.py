"""--jobs: worker processes give exactly the findings of a serial run, with the cache too."""
import shutil
from pathlib import Path

import pytest

from minislint import parallel
from minislint.cache import Cache
from minislint.config import Settings
from minislint.engine import Engine
from minislint.runner import Runner

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Real project files (TypeScript from npm packages, a Minis app with findings) plus
    small JS files with known findings, several of them so the pool has work to share."""
    shutil.copytree(FIXTURES / "ts-real", tmp_path / "ts")
    shutil.copytree(FIXTURES / "ready-fail", tmp_path / "app", ignore=shutil.ignore_patterns("node_modules"))
    js = tmp_path / "js"
    js.mkdir()
    for i in range(6):
        (js / f"m{i}.js").write_text(f"// module {i}\r\nconst t{i} = setTimeout('run{i}()', {i});\r\n"
                                     f"function ok{i}(eval) {{ return eval('{i}'); }}\r\n"
                                     f"globalThis['ev' + 'al']('x{i}');\r\n", encoding="utf-8")
    (js / "broken.js").write_text("const = ;\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)  # share even this little work
    return tmp_path


def key(findings):
    return sorted((f.path, f.rule, f.line, f.column, f.end_line, f.end_column, f.message) for f in findings)


def test_workers_find_what_a_serial_run_finds(project):
    serial = Runner(Engine(Settings())).run([Path(".")])
    parallel_result = Runner(Engine(Settings()), jobs=2).run([Path(".")])
    assert parallel_result.files == serial.files > 8
    assert key(parallel_result.findings) == key(serial.findings)
    found = {(f.path, f.rule, f.line, f.column) for f in serial.findings}
    assert ("js/m3.js", "no-string-timer", 2, 23) in found        # CRLF line ends
    assert ("js/m3.js", "no-eval", 4, 12) in found                # folded 'ev' + 'al'
    assert not any(f.path == "js/m3.js" and f.line == 3 for f in serial.findings)  # shadowed eval
    assert ("js/broken.js", "syntax-error", 1, 7) in found


def test_workers_fill_the_cache_for_the_next_run(project):
    engine = Engine(Settings())
    runner = Runner(engine, jobs=2, cache=Cache.for_engine(engine, project / "cache"))
    first = runner.run([Path(".")])
    misses = runner.cache.misses
    assert misses == first.files
    second = runner.run([Path(".")])
    assert runner.cache.hits == first.files
    assert key(second.findings) == key(first.findings)


def test_default_jobs_is_the_usable_cores():
    assert parallel.default_jobs() >= 1
