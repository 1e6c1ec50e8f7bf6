"""config-schema as a rule: at the config's lines, whatever path is linted; missing once."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from minislint.config import Settings
from minislint.engine import Engine
from minislint.runner import Runner

RULE = "config-schema"
REPO = Path(__file__).resolve().parents[1]
SDK = '<script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>'


def run(paths, rule=RULE, cwd=None, **settings):
    engine = Engine(Settings(select={rule}, **settings))
    old = Path.cwd()
    os.chdir(cwd or old)
    try:
        result = Runner(engine).run([Path(p) for p in paths])
    finally:
        os.chdir(old)
    return [(f.path, f.rule, f.severity, f.line, f.column, f.message) for f in result.findings]


def where(found):
    return [(path, line, col) for path, _, _, line, col, _ in found]


def make(folder: Path, files: dict) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_reported_at_the_config_when_only_src_is_linted(tmp_path):
    make(tmp_path, {"minis.config.json": '{\n  "dev": {"clientKey": "k", "port": "3000"},\n'
                                         '  "build": {"htmlEntry": "index.html",},\n'
                                         '  "domain": {"allowList": ["https://a.example.com"]}\n}',
                    "index.html": "<html></html>", "src/app.js": "export {};"})
    found = run(["src"], cwd=tmp_path)
    assert where(found) == [("minis.config.json", 2, 37), ("minis.config.json", 3, 38),
                            ("minis.config.json", 4, 14)]
    assert [f[2] for f in found] == ["warning", "error", "warning"]
    assert "trailing comma before `}`" in found[1][5]
    assert 'the canonical key is "domain.trustedDomains"' in found[2][5]


def test_each_config_once_for_many_files_and_paths(tmp_path):
    make(tmp_path, {"minis.config.json": '{"navbar": {"style": "dark"}}',
                    "public/index.html": "", "a.js": "", "b.js": "", "src/c.js": ""})
    found = run([".", "src", "a.js"], cwd=tmp_path)
    assert where(found) == [("minis.config.json", 1, 22)]


def test_missing_config_is_one_finding_for_a_minis_app(tmp_path):
    make(tmp_path, {"index.html": f"<head>{SDK}</head>", "src/a.js": "TTMinis.login({});",
                    "src/b.js": "export {};"})
    if any((p / "minis.config.json").exists() for p in tmp_path.parents):
        pytest.skip("a minis.config.json above the temporary folder")
    found = run(["src", "index.html", "."], cwd=tmp_path)
    assert where(found) == [("minis.config.json", 1, 1)]  # the outermost folder named
    assert found[0][2] == "error"
    assert found[0][5].startswith("no minis.config.json in . or any folder above it: the upload "
                                  "scan rejects a package without it")
    found = run(["src"], cwd=tmp_path)
    assert where(found) == [("src/minis.config.json", 1, 1)]
    assert "no minis.config.json in src or any folder above it" in found[0][5]
    # named files (pre-commit's changed files) are no view of the project: no verdict
    assert run(["src/a.js", "index.html"], cwd=tmp_path) == []


def test_plain_javascript_without_config_is_not_a_minis_app(tmp_path):
    make(tmp_path, {"src/a.js": 'fetch("/v1");', "index.html": "<script src=a.js></script>"})
    if any((p / "minis.config.json").exists() for p in tmp_path.parents):
        pytest.skip("a minis.config.json above the temporary folder")
    assert run(["."], cwd=tmp_path) == []


def test_minis_config_override_is_the_only_config(tmp_path):
    make(tmp_path, {"minis.config.json": '{"navbar": {"style": 1}}', "src/a.js": "",
                    "other/minis.config.json": '{"dev": {"port": 0}}', "other/public/index.html": ""})
    found = run(["src"], cwd=tmp_path, minis_config=tmp_path / "other" / "minis.config.json")
    assert where(found) == [("other/minis.config.json", 1, 18)]
    assert "outside 1-65535" in found[0][5]


def test_fixtures_pass_and_fail():
    assert run([REPO / "fixtures" / "domains-pass"]) == []
    fail = REPO / "fixtures" / "domains-fail"
    found = run(["."], cwd=fail)
    # BOM, CRLF and a non-ASCII name in the file: lines and code-point columns still exact
    assert [(line, col, sev) for _, _, sev, line, col, _ in found] == [
        (6, 13, "warning"), (10, 5, "warning"), (11, 5, "warning"), (11, 24, "error"),
        (11, 31, "error"), (11, 33, "error"), (15, 5, "warning"), (18, 5, "warning"),
        (25, 36, "error")]
    assert {f[0] for f in found} == {"minis.config.json"}


def test_cli_exit_codes_and_json(tmp_path):
    make(tmp_path, {"minis.config.json": "{\n  // comment\n}", "a.js": "", "public/index.html": ""})
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "minislint", "--no-cache", "--format", "json",
                           "--select", RULE, "."], cwd=tmp_path, capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [(RULE, 2, 3)]
    proc = subprocess.run([sys.executable, "-m", "minislint", "--no-cache", "--minis-config",
                           "nope.json", "."], cwd=tmp_path, capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "minislint: --minis-config nope.json: no such file"
