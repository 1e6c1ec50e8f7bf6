"""minis.config.json: discovery, both spellings, and every problem at its line and column."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from minislint.minis import config as mc

VALID = """{
  "navbar": {"style": "custom", "bgColorLight": "#ffffff", "bgColorDark": "#000"},
  "dev": {"host": "localhost", "port": 3000, "clientKey": "awx1a2b3c4d5e6f7",
          "name": "Drama Box"},
  "build": {"htmlEntry": "index.html", "outputDir": "dist"},
  "domain": {"trustedDomains": ["https://api.example.com", "https://cdn.example.net"]}
}
"""


def project(tmp_path: Path, text: str, files=("index.html", "public/index.html"),
            encoding="utf-8") -> Path:
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<!doctype html>", encoding="utf-8")
    path = tmp_path / "minis.config.json"
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def found(config: mc.MinisConfig):
    return [(p.rule, p.severity, *config.position(p.start)) for p in config.problems]


def test_valid_config_has_no_problem_and_exposes_values(tmp_path):
    project(tmp_path, VALID)
    config = mc.project_config(tmp_path / "src" / "app.js")
    assert config.problems == []
    assert config.root == tmp_path and config.readable
    assert config.html_entry == tmp_path / "index.html" and config.html_entry_declared
    assert config.output_dir == tmp_path / "dist"
    assert config.client_key == "awx1a2b3c4d5e6f7"
    assert [e.host for e in config.trusted_domains] == ["api.example.com", "cdn.example.net"]
    assert config.get("dev.port") == 3000 and config.get("navbar.style") == "custom"
    node = config.node("dev.clientKey")
    assert config.text[node.start:node.end] == '"awx1a2b3c4d5e6f7"'
    assert config.position(node.start) == (3, 59)


def test_defaults_when_build_is_absent(tmp_path):
    project(tmp_path, '{"dev": {"clientKey": "k"}, "domain": {"trustedDomains": ["https://a.example.com"]}}',
            files=("public/index.html",))
    config = mc.project_config(tmp_path)
    assert config.problems == []
    assert config.html_entry == tmp_path / "public" / "index.html"
    assert not config.html_entry_declared
    assert config.output_dir == tmp_path / "build"


# config text -> [(rule, severity, line, column, words)]
S, D, K = mc.SCHEMA_RULE, mc.DOMAINS_RULE, mc.KEY_RULE
BASE = '"dev": {"clientKey": "k"}, "domain": {"trustedDomains": ["https://a.example.com"]}'
CASES = [
    ('{' + BASE + ', "navbar": {"lightModeBgColor": "#fff", "darkModeBgColor": "#000"}}',
     [(S, "warning", 1, 97, '"navbar.lightModeBgColor" is another spelling in the docs\' '
       'examples; the canonical key is "navbar.bgColorLight"'),
      (S, "warning", 1, 125, 'canonical key is "navbar.bgColorDark"')]),
    ('{"dev": {"clientKey": "k"}, "domain": {"allowList": ["https://a.example.com"]}}',
     [(S, "warning", 1, 40, 'the canonical key is "domain.trustedDomains"')]),
    ('{' + BASE + ', "build": {"output": "dist"}}',
     [(S, "warning", 1, 96, 'the canonical key is "build.outputDir"')]),
    ('{' + BASE + ', "build": {"output": "a", "outputDir": "b"}}',
     [(S, "warning", 1, 96, "canonical key is"),
      (S, "warning", 1, 111, 'both "build.output" and "build.outputDir" are set; minislint reads '
       '"build.outputDir"')]),
    ('{' + BASE + ', "navbar": {"style": "costum", "bgColorLight": "white", "bgColorDark": "#12345"}}',
     [(S, "error", 1, 106, 'must be "custom" or "default", not "costum" (did you mean "custom"?)'),
      (S, "error", 1, 132, 'must be a hex colour like "#ffffff", not "white"'),
      (S, "error", 1, 156, 'not "#12345"')]),
    ('{' + BASE + ', "dev2": {}, "navbr": {}}',
     [(S, "warning", 1, 86, 'unknown key "dev2"'),
      (S, "warning", 1, 98, 'unknown key "navbr" (did you mean "navbar"?)')]),
    ('{"dev": {"clientKey": "k", "hots": "x"}, "trustedDomains": ["https://a.example.com"]}',
     [(S, "warning", 1, 28, 'unknown key "dev.hots" (did you mean "dev.host"?)'),
      (S, "warning", 1, 42, 'unknown key "trustedDomains" (did you mean "domain.trustedDomains"?)'),
      (D, "error", 1, 1, '"domain.trustedDomains" is missing')]),
    ('{"dev": {"clientKey": "k", "port": "3000"}, "domain": {"trustedDomains": ["https://a.example.com"]}}',
     [(S, "warning", 1, 36, '"dev.port" is the string "3000": write the number 3000')]),
    ('{"dev": {"clientKey": "k", "port": 70000}, "domain": {"trustedDomains": ["https://a.example.com"]}}',
     [(S, "error", 1, 36, '"dev.port" 70000 is outside 1-65535')]),
    ('{"dev": {"clientKey": "k", "port": 0}, "domain": {"trustedDomains": ["https://a.example.com"]}}',
     [(S, "error", 1, 36, "outside 1-65535")]),
    ('{"dev": {"clientKey": "k", "port": 30.5}, "domain": {"trustedDomains": ["https://a.example.com"]}}',
     [(S, "error", 1, 36, "must be a whole number")]),
    ('{"dev": {"clientKey": 12}, "domain": {"trustedDomains": "https://a.example.com"}}',
     [(S, "error", 1, 23, '"dev.clientKey" must be a string, not a number'),
      (S, "error", 1, 57, '"domain.trustedDomains" must be an array of strings, not a string')]),
    ('{"dev": [], "domain": {"trustedDomains": ["https://a.example.com", 7]}}',
     [(S, "error", 1, 9, '"dev" must be an object, not an array'),
      (S, "error", 1, 68, "entries must be strings, not a number"),
      (K, "error", 1, 2, '"dev.clientKey" is missing')]),
    ('{' + BASE + ', "build": {"htmlEntry": "pages/index.html"}}',
     [(S, "error", 1, 109, '"build.htmlEntry": pages/index.html does not exist')]),
    ('{' + BASE + ', "build": {"htmlEntry": "."}}',
     [(S, "error", 1, 109, "is not a file")]),
    ('{' + BASE + ', "build": {"htmlEntry": "a\\u0000.html", "outputDir": "\\u0000"}}',
     [(S, "error", 1, 109, "contains a NUL character"),
      (S, "error", 1, 138, "contains a NUL character")]),
    ('{"dev": {"clientKey": "k", "_comment": 1}, "_note": "x", ' + BASE[27:] + '}',
     []),  # `_comment` keys are the CLI template's own comments
    ('{"dev": {"clientKey": "k", "clientKey": "k2"}, ' + BASE[27:] + '}',
     [(S, "warning", 1, 28, 'duplicate key "clientKey" (also on line 1)')]),
    ('[1]', [(S, "error", 1, 1, "must hold a JSON object, not an array")]),
    ('{"dev": {"clientKey": "k"}}',
     [(D, "error", 1, 1, '"domain.trustedDomains" is missing')]),
    ('{"dev": {"clientKey": "k"}, "domain": {"trustedDomains": []}}',
     [(D, "error", 1, 58, '"domain.trustedDomains" is empty')]),
    ('{"dev": {"clientKey": "k"}, "domain": {\n "trustedDomains": [\n  "https://a.example.com",\n'
     '  "http://b.example.com",\n  "https://*.example.com",\n  "https://10.0.0.1",\n'
     '  "https://c.example.com:8443",\n  "https://A.example.com/"\n ]}}',
     [(D, "error", 4, 3, 'not http://'), (D, "error", 5, 3, "wildcard"),
      (D, "error", 6, 3, "IP address"), (D, "warning", 7, 3, "has a port (:8443)"),
      (D, "warning", 8, 3, "trailing slash"),
      (D, "warning", 8, 3, '"https://A.example.com/" duplicates entry 1 ("https://a.example.com", '
       'line 3)')]),
    ('{"dev": {"clientKey": "k"}, "domain": {"trustedDomains": ['
     + ", ".join(f'"https://h{i}.example.com"' for i in range(22)) + ']}}',
     [(D, "error", 1, 589, "22 trusted domains: the platform allows at most 20")]),
    ('{"dev": {\n"clientKey": "your-client-key",\n"name": "{{your_game_name}}",\n'
     '"iconUrl": "https://cdn.example.com/{{your_icon_url}}"}, ' + BASE[27:] + '}',
     [(K, "error", 2, 14, '"dev.clientKey" is still the placeholder "your-client-key"'),
      (K, "error", 3, 9, '"dev.name" still holds the placeholder {{your_game_name}} generated '
       'by `ttdx minis init`'),
      (K, "error", 4, 12, "{{your_icon_url}}")]),
    ('{"dev": {"clientKey": " "}, ' + BASE[27:] + '}',
     [(K, "error", 1, 23, '"dev.clientKey" is empty')]),
    ('{"domain": {"trustedDomains": ["https://a.example.com"]}}',
     [(K, "error", 1, 1, '"dev.clientKey" is missing')]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_problems_with_rule_severity_and_position(tmp_path, text, expected):
    project(tmp_path, text)
    config = mc.project_config(tmp_path)
    got = sorted(((p.rule, p.severity, *config.position(p.start)), p.message)
                 for p in config.problems)
    want = sorted(((r, s, line, col), words) for r, s, line, col, words in expected)
    assert [g[0] for g in got] == [w[0] for w in want], got
    for (_, message), (_, words) in zip(got, want):
        assert words in message


def test_missing_default_html_entry_is_a_warning(tmp_path):
    text = '{' + BASE + ',\n "build": {"outputDir": "dist"}}'
    project(tmp_path, text, files=("index.html",))
    config = mc.project_config(tmp_path)
    assert found(config) == [(S, "warning", 2, 12)]
    assert config.problems[0].message == (
        '"build.htmlEntry" is not set and its default public/index.html does not exist: '
        "set it to the app's HTML entry")
    assert config.html_entry == tmp_path / "public" / "index.html"


def test_json_problems_are_config_schema_errors_and_values_still_read(tmp_path):
    text = ('{\r\n  // trusted hosts\r\n  "dev": {"clientKey": "k",},\r\n'
            '  "domain": {"allowList": ["https://a.example.com"]}\r\n}')
    project(tmp_path, text)
    config = mc.project_config(tmp_path)
    assert found(config) == [(S, "error", 2, 3), (S, "error", 3, 27), (S, "warning", 4, 14)]
    assert "not valid JSON: JSON does not allow comments" in config.problems[0].message
    assert [e.host for e in config.trusted_domains] == ["a.example.com"]


def test_fatal_json_error_stops_validation(tmp_path):
    project(tmp_path, '{"build": {"htmlEntry": "index.html" or "public/index.html"}}')
    config = mc.project_config(tmp_path)
    assert found(config) == [(S, "error", 1, 38)]
    assert "found `or`" in config.problems[0].message
    assert not config.readable and config.trusted_domains == []


def test_bom_and_non_ascii_keep_code_point_columns(tmp_path):
    text = '{"dev": {"name": "\u77ed\u5267", "clientKey": "your-client-key"}, ' + BASE[27:] + '}'
    project(tmp_path, "\ufeff" + text)
    config = mc.project_config(tmp_path)
    assert found(config) == [(K, "error", 1, 37)]


@pytest.mark.parametrize("data,words", [
    (b'{"a": "\xff"}', "not valid UTF-8"),
    (b"\x00\x01", "binary file"),
])
def test_undecodable_file_is_one_clear_problem(tmp_path, data, words):
    project(tmp_path, data)
    config = mc.project_config(tmp_path)
    [problem] = config.problems
    assert (problem.rule, problem.severity) == (S, "error") and words in problem.message
    assert not config.readable


def test_discovery_nearest_above_override_and_none(tmp_path):
    outer = project(tmp_path, VALID)
    inner_dir = tmp_path / "packages" / "game"
    (inner_dir / "src").mkdir(parents=True)
    inner = project(inner_dir, VALID)
    assert mc.find_config(inner_dir / "src" / "main.js") == inner
    assert mc.find_config(inner_dir / "src") == inner
    assert mc.find_config(tmp_path / "other.js") == outer
    assert mc.project_config(inner_dir / "src", override=outer).path == outer
    lonely = tmp_path.parent / (tmp_path.name + "-lonely")
    lonely.mkdir()
    if mc.find_config(lonely) is None:  # a minis.config.json above the temp dir would be odd
        assert mc.project_config(lonely / "app.js") is None


def test_config_for_reads_the_override_from_settings(tmp_path):
    from minislint.config import Settings

    path = project(tmp_path, VALID)
    elsewhere = tmp_path / "sub"
    elsewhere.mkdir()
    project(elsewhere, '{"dev": {}}')
    assert mc.config_for(elsewhere / "a.js", Settings(minis_config=path)).path == path
    assert mc.config_for(elsewhere / "a.js", Settings()).path == elsewhere / "minis.config.json"


def test_missing_override_file_is_a_problem_not_a_traceback(tmp_path):
    config = mc.project_config(tmp_path, override=tmp_path / "nope.json")
    [problem] = config.problems
    assert "cannot be read" in problem.message


def test_cache_reloads_when_the_file_changes(tmp_path):
    path = project(tmp_path, VALID)
    first = mc.project_config(tmp_path)
    assert mc.project_config(tmp_path) is first
    path.write_text(VALID.replace("awx1a2b3c4d5e6f7", "your-client-key"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    second = mc.project_config(tmp_path)
    assert second is not first and second.client_key == "your-client-key"


_keys = st.sampled_from(["navbar", "dev", "build", "domain", "style", "bgColorLight", "port",
                         "clientKey", "htmlEntry", "outputDir", "output", "trustedDomains",
                         "allowList", "_comment", "x"])
_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 70000) | st.floats(allow_nan=False)
    | st.sampled_from(["", "#fff", "custom", "index.html", "https://a.example.com", "http://x",
                       "your-client-key", "{{x}}", "3000", "..", "/"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=15)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(_keys, _values, max_size=5), st.sampled_from(["", "//c\n", ",", "\ufeff"]))
def test_any_shape_gives_problems_never_a_traceback(tmp_path, value, noise):
    text = json.dumps(value, indent=1)
    text = text[:-1] + noise + text[-1:] if noise != "\ufeff" else noise + text
    path = tmp_path / "minis.config.json"
    path.write_text(text, encoding="utf-8")
    config = mc.read(path)
    for problem in config.problems:
        assert problem.rule in (S, D, K) and problem.severity in ("error", "warning")
        assert 0 <= problem.start <= len(config.text) and problem.start <= problem.end
        assert problem.message
    assert isinstance(config.trusted_domains, list)


def test_a_copy_on_its_way_to_the_output_stands_for_the_apps_config(tmp_path):
    """issue 14: public/ (Vite copies it), dist/ and the configured outputDir hold copies;
    an app in a folder of its own (a monorepo's apps/x) keeps its own config."""
    from minislint.minis.config import find_config

    (tmp_path / "minis.config.json").write_text('{"build": {"outputDir": "www"}}')
    for folder in ("public", "static", "dist", "build", "www", "apps/x", "src/deep"):
        (tmp_path / folder).mkdir(parents=True)
        if folder != "src/deep":
            (tmp_path / folder / "minis.config.json").write_text("{}")
    assert find_config(tmp_path / "public" / "sw.js") == tmp_path / "minis.config.json"
    for folder in ("static", "dist", "build", "www", "src/deep"):
        assert find_config(tmp_path / folder) == tmp_path / "minis.config.json", folder
    assert find_config(tmp_path / "apps" / "x") == tmp_path / "apps" / "x" / "minis.config.json"
