"""config-client-key: placeholders at their value in the config; init's key in the HTML entry."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from minislint.config import Settings
from minislint.engine import Engine
from minislint.runner import Runner

RULE = "config-client-key"
REPO = Path(__file__).resolve().parents[1]
SDK = '<script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>'


def run(folder: Path, paths=(".",)):
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = Runner(Engine(Settings(select={RULE}))).run([Path(p) for p in paths])
    finally:
        os.chdir(old)
    return [(f.path, f.line, f.column, f.message) for f in result.findings]


def project(folder: Path, key: str, html: str) -> Path:
    (folder / "minis.config.json").write_text(
        '{\n  "dev": {\n    "clientKey": "' + key + '"\n  },\n  "build": {"htmlEntry": "index.html"}\n}',
        encoding="utf-8")
    (folder / "index.html").write_text(html, encoding="utf-8")
    (folder / "src").mkdir(exist_ok=True)
    (folder / "src" / "app.js").write_text("export {};\n")
    return folder


def test_fixture_fail_placeholders_and_the_differing_init_key():
    found = run(REPO / "fixtures" / "domains-fail")
    # index.html passes a real key: the placeholder is reported once, on the config, not
    # again as a differing init key
    assert [(path, line, col) for path, line, col, _ in found] == [
        ("minis.config.json", 3, 18), ("minis.config.json", 7, 16)]
    assert found[0][3] == ('"dev.clientKey" is still the placeholder "your-client-key": use the '
                           "client key of your app")
    assert "{{your_icon_url}}" in found[1][3]


def test_fixture_pass_is_clean():
    assert run(REPO / "fixtures" / "domains-pass") == []


@pytest.mark.parametrize("script,where", [
    ('TTMinis.init({ clientKey: "other" });', (3, 35)),
    ('const KEY = "other";\r\nwindow.TTMinis.init({ clientKey: KEY, debug: true });', (4, 34)),
    ("TTMinis.init({ 'clientKey': `oth${'er'}` });", (3, 37)),
])
def test_init_key_differs(tmp_path, script, where):
    project(tmp_path, "awreal", f"<head>\r\n{SDK}\r\n<script>{script}</script>\r\n</head>")
    found = run(tmp_path, ["src"])
    assert [(path, line, col) for path, line, col, _ in found] == [("index.html", *where)]
    assert found[0][3] == ('TTMinis.init clientKey "other" differs from dev.clientKey "awreal" in '
                           "minis.config.json (line 3): the CLI's dev server refuses to start")


@pytest.mark.parametrize("script", [
    'TTMinis.init({ clientKey: "awreal" });',
    "TTMinis.init({ clientKey: `${your_client_key}` });",  # the docs' template: not known
    "TTMinis.init({ clientKey: window.KEY });",
    'const TTMinis = { init() {} }; TTMinis.init({ clientKey: "other" });',  # not the SDK
    'other.init({ clientKey: "other" });',
    'TTMinis.init({ [k]: "other" });',
])
def test_init_key_look_alikes_stay_clean(tmp_path, script):
    project(tmp_path, "awreal", f"<head>{SDK}<script>{script}</script></head>")
    assert run(tmp_path) == []


def test_script_that_does_not_parse_is_skipped(tmp_path):
    project(tmp_path, "awreal", f"<head>{SDK}<script>TTMinis.init({{ clientKey: 'x' </script></head>")
    assert run(tmp_path) == []


def test_missing_and_empty_key(tmp_path):
    (tmp_path / "index.html").write_text("")
    (tmp_path / "minis.config.json").write_text('{"dev": {"name": "x"}, "build": {"htmlEntry": "index.html"}}')
    found = run(tmp_path)
    assert [(line, col) for _, line, col, _ in found] == [(1, 2)]
    assert found[0][3].startswith('"dev.clientKey" is missing')
    (tmp_path / "minis.config.json").write_text('{"dev": {"clientKey": ""}, "build": {"htmlEntry": "index.html"}}')
    assert [(line, col, m) for _, line, col, m in run(tmp_path)] == [(1, 23, '"dev.clientKey" is empty')]
