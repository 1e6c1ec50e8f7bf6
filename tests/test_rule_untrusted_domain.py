"""untrusted-domain: each request sink, folded URLs, exact hosts, look-alikes that stay clean."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from minislint.config import Settings
from minislint.engine import Engine

RULE = "untrusted-domain"
REPO = Path(__file__).resolve().parents[1]
CONFIG = {"dev": {"clientKey": "k"},
          "domain": {"trustedDomains": ["https://api.example.com", "https://www.example.co.uk"]}}


@pytest.fixture
def app(tmp_path):
    (tmp_path / "minis.config.json").write_text(json.dumps(CONFIG), encoding="utf-8")
    (tmp_path / "src").mkdir()
    return tmp_path


def lint(folder: Path, code: str, name: str = "src/app.js", **settings):
    engine = Engine(Settings(select={RULE}, **settings))
    return [(f.line, f.column, f.message) for f in engine.lint_text(folder / name, code)]


# code -> [(line, column, words in the message)]
FLAGGED = [
    ('fetch("https://cdn.example.com/a.json");', [(1, 7, "cdn.example.com (registrable domain "
                                                   "example.com) is not trusted; trusted: "
                                                   "https://api.example.com (closest of 2)")]),
    ('fetch("https://api.example.co.uk/v1");',
     [(1, 7, "api.example.co.uk (registrable domain example.co.uk) is not trusted; trusted: "
             "https://www.example.co.uk (closest of 2)")]),
    ('fetch("https://api.example.com.evil.net/x");', [(1, 7, "api.example.com.evil.net")]),
    ('window.fetch("https://x.example.org");', [(1, 14, "x.example.org")]),
    ('const BASE = "https://x.example.org";\nfetch(`${BASE}/v1`);', [(2, 7, "x.example.org")]),
    ('const B = "https://x.example.org";\nconst U = B + "/v1/";\nfetch(U + id);',
     [(3, 7, "x.example.org")]),
    ("fetch(`https://x.example.org/users/${id}`);", [(1, 7, "x.example.org")]),
    ('fetch("http://api.example.com/x");',
     [(1, 7, "insecure http:// request to api.example.com: the platform requires https://")]),
    ('new WebSocket("ws://api.example.com/s");', [(1, 15, "insecure ws://")]),
    ('new WebSocket("wss://chat.example.com/s");', [(1, 15, "chat.example.com")]),
    ('new EventSource("https://push.example.com/e");', [(1, 17, "push.example.com")]),
    ('new Request("https://x.example.org");', [(1, 13, "x.example.org")]),
    ('fetch(new Request("https://x.example.org"));', [(1, 19, "x.example.org")]),
    ('navigator.sendBeacon("https://x.example.org/b", d);', [(1, 22, "x.example.org")]),
    ('const x = new XMLHttpRequest();\nx.open("GET", "https://x.example.org/d");',
     [(2, 15, "x.example.org")]),
    ('var r=new XMLHttpRequest;r.open("POST","https://x.example.org/d",!0);', [(1, 40, "x.example.org")]),
    ('new XMLHttpRequest().open("GET", "//x.example.org/d");', [(1, 34, "x.example.org")]),
    ('axios("https://x.example.org");', [(1, 7, "x.example.org")]),
    ('axios.get("https://x.example.org");', [(1, 11, "x.example.org")]),
    ('axios.post("/v1", {}, { baseURL: "https://x.example.org" });', [(1, 34, "x.example.org")]),
    ('axios({ method: "get", url: "https://x.example.org" });', [(1, 29, "x.example.org")]),
    ('axios({ url: "/v1", baseURL: "https://x.example.org" });', [(1, 30, "x.example.org")]),
    ('axios.request({ url: "https://x.example.org" });', [(1, 22, "x.example.org")]),
    ('const api = axios.create({ baseURL: "https://x.example.org" });\napi.get("/users");',
     [(1, 37, "x.example.org")]),
    ('const api = axios.create({ baseURL: "https://api.example.com" });\n'
     'api.get("https://y.example.org/u");', [(2, 9, "y.example.org")]),
    ('axios.defaults.baseURL = "https://x.example.org";', [(1, 26, "x.example.org")]),
    ('import axios from "axios";\naxios.get("https://x.example.org");', [(2, 11, "x.example.org")]),
    ('const axios = require("axios");\naxios.get("https://x.example.org");',
     [(2, 11, "x.example.org")]),
    ('import http from "axios";\nhttp.get("https://x.example.org");', [(2, 10, "x.example.org")]),
    ('const jq = require("jquery");\njq.post("https://x.example.org");', [(2, 9, "x.example.org")]),
    ('const u = new URL("/v1/list", "https://x.example.org");\nfetch(u);', [(2, 7, "x.example.org")]),
    ('$.ajax({ url: "https://x.example.org" });', [(1, 15, "x.example.org")]),
    ('$.ajax("https://x.example.org", { method: "POST" });', [(1, 8, "x.example.org")]),
    ('jQuery.get("https://x.example.org");', [(1, 12, "x.example.org")]),
    ('$.post("https://x.example.org");', [(1, 8, "x.example.org")]),
    ('$.getJSON("https://x.example.org");', [(1, 11, "x.example.org")]),
    ('fetch(new URL("/v1", "https://x.example.org"));', [(1, 7, "x.example.org")]),
    # CRLF and astral characters before the call: columns count code points
    ('// \U0001F3AC \u77ed\u5267\r\nconst t = "\U0001F600";\r\n  fetch("https://x.example.org");',
     [(3, 9, "x.example.org")]),
]


@pytest.mark.parametrize("code,expected", FLAGGED)
def test_flagged(app, code, expected):
    got = lint(app, code)
    assert [(line, col) for line, col, _ in got] == [(line, col) for line, col, _ in expected], got
    for (_, _, message), (_, _, words) in zip(got, expected):
        assert words in message


CLEAN = [
    'fetch("https://api.example.com/v1/episodes");',
    'fetch("https://API.Example.COM./v1");',  # hosts compare case-insensitively, trailing dot
    'new WebSocket("wss://api.example.com/live");',
    'fetch("/v1/episodes"); fetch("./data.json"); fetch("?page=2"); fetch("data.json");',
    'fetch("data:application/json,{}"); fetch("blob:https://x.example.org/1");',
    "fetch(url); fetch(`${base}/v1`); fetch(cfg.api + '/v1');",  # not known: never guessed
    'fetch("https://api." + region + ".example.org/v1");',  # the host is not closed yet
    'fetch(`https://${host}/v1`);',
    'function fetch(u) {} fetch("https://x.example.org");',  # a local fetch
    'const obj = { get() {} }; obj.get("https://x.example.org");',
    'function f($) { $.get("https://x.example.org"); }',  # `$` is a parameter
    'import axios from "./my-axios.js"; axios.get("https://x.example.org");',  # not the package
    'import http from "node:http"; http.get("https://x.example.org");',
    'const x = {}; x.open("GET", "https://x.example.org");',  # not an XMLHttpRequest
    'window.open("https://x.example.org");',  # navigation: another rule's business
    'const u = new URL("https://x.example.org"); console.log(u.host);',
    'const s = "https://x.example.org"; console.log(s);',
    'let BASE = "https://x.example.org"; BASE = "/"; fetch(BASE);',  # not const: not folded
    'const api = axios.create({ baseURL: "https://api.example.com" }); api.get("/users");',
    'axios.post("/v1", {}, { baseURL: "https://api.example.com" });',
]


@pytest.mark.parametrize("code", CLEAN)
def test_clean(app, code):
    assert lint(app, code) == []


def test_html_form_action_and_inline_script(app):
    html = ('<!doctype html>\r\n<html><body>\r\n'
            '<form action="https://forms.example.org/s"></form>\r\n'
            '<form action="/feedback"></form><FORM ACTION=https://api.example.com/f></FORM>\r\n'
            '<button formaction="https://b.example.org/x">go</button>\r\n'
            '<script>fetch("https://s.example.org/x")</script>\r\n'
            '<!-- <form action="https://commented.example.org"> -->\r\n'
            '</body></html>')
    got = lint(app, html, "index.html")
    assert [(line, col) for line, col, _ in got] == [(3, 15), (5, 21), (6, 15)]
    assert "forms.example.org" in got[0][2] and "s.example.org" in got[2][2]


def test_without_any_config_every_absolute_url_is_reported(tmp_path):
    lonely = tmp_path / "app"
    lonely.mkdir()
    if (Path(tmp_path.anchor) / "minis.config.json").exists():
        pytest.skip("a minis.config.json at the filesystem root")
    got = lint(lonely, 'fetch("https://api.example.com/v1");\nfetch("/v1");')
    assert got == [(1, 7, "request to api.example.com (registrable domain example.com): no "
                          "minis.config.json declares it as a trusted domain")]


def test_unreadable_config_reports_nothing_here(app):
    (app / "minis.config.json").write_text('{"domain": {"trustedDomains": ["x"] or}}')
    assert lint(app, 'fetch("https://x.example.org");') == []


def test_minis_config_setting_overrides_the_nearest_file(app, tmp_path_factory):
    other = tmp_path_factory.mktemp("other") / "minis.config.json"
    other.write_text(json.dumps({"domain": {"trustedDomains": ["https://x.example.org"]}}))
    code = 'fetch("https://x.example.org"); fetch("https://api.example.com");'
    assert [c for _, c, _ in lint(app, code)] == [7]
    assert [c for _, c, _ in lint(app, code, minis_config=other)] == [39]


@pytest.mark.parametrize("name", ["axios.min.js", "jquery.min.js"])
def test_real_minified_libraries_stay_clean(app, name):
    """axios and jQuery implement the sinks themselves, with URLs nobody can know."""
    code = (REPO / "fixtures" / "domains-pass" / "vendor" / name).read_text(encoding="utf-8")
    assert len(code) > 50_000
    assert lint(app, code, f"vendor/{name}") == []
