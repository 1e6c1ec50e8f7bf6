"""config-trusted-domains as a rule: each entry's problem at its line in minis.config.json."""
from __future__ import annotations

import os
from pathlib import Path

from minislint.config import Settings
from minislint.engine import Engine
from minislint.runner import Runner

RULE = "config-trusted-domains"
REPO = Path(__file__).resolve().parents[1]


def run(folder: Path):
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = Runner(Engine(Settings(select={RULE}))).run([Path(".")])
    finally:
        os.chdir(old)
    return [(f.path, f.severity, f.line, f.column, f.message) for f in result.findings]


def test_fixture_fail_every_entry_at_its_line():
    found = run(REPO / "fixtures" / "domains-fail")
    assert [(sev, line, col) for _, sev, line, col, _ in found] == [
        ("error", 20, 7), ("error", 21, 7), ("error", 22, 7), ("error", 23, 7),
        ("warning", 24, 7), ("error", 24, 7), ("warning", 25, 7)]
    messages = [m for *_, m in found]
    assert "must start with https://, not http://" in messages[0]
    assert "wildcard" in messages[1] and "has a path (/api)" in messages[2]
    assert "IP address" in messages[3] and "localhost" in messages[5]
    assert "has a port (:8080)" in messages[4]
    assert messages[6] == ('"https://API.moondrama.co.uk" duplicates entry 1 '
                           '("https://api.moondrama.co.uk", line 19)')


def test_fixture_pass_is_clean():
    assert run(REPO / "fixtures" / "domains-pass") == []


def test_missing_empty_and_too_many(tmp_path):
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "index.html").write_text("")
    config = tmp_path / "minis.config.json"
    config.write_text('{\n  "dev": {"clientKey": "k"}\n}')
    assert [(line, col) for _, _, line, col, _ in run(tmp_path)] == [(1, 1)]
    config.write_text('{\n  "domain": {\n    "trustedDomains": [ ]\n  }\n}')
    found = run(tmp_path)
    assert [(line, col) for _, _, line, col, _ in found] == [(3, 23)]
    assert "is empty" in found[0][4]
    hosts = ",\n".join(f'    "https://h{i:02}.example.com"' for i in range(21))
    config.write_text('{"domain": {"trustedDomains": [\n' + hosts + "\n]}}")
    found = run(tmp_path)
    assert [(line, col) for _, _, line, col, _ in found] == [(22, 5)]
    assert found[0][4] == "21 trusted domains: the platform allows at most 20"
