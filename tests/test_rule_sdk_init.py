"""sdk-init: TTMinis.init({ clientKey }) after the SDK script and before any other TTMinis call."""
import pytest

from ruletester import lint

R = "sdk-init"
SDK = '<script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>'


def found(code, filename="a.js"):
    return [(f.line, f.column) for f in sorted(lint(code, filename, select=[R]), key=lambda f: (f.line, f.column))]


INVALID_JS = [
    ("TTMinis.init();", [(1, 1)]),
    ("TTMinis.init({ key: 'x' });", [(1, 1)]),
    ("const KEY = '';\nTTMinis.init({ clientKey: KEY });", [(2, 1)]),
    ("window.TTMinis.init({ clientKey: `  ` });", [(1, 1)]),
    # another call that runs before this file's own init
    ("TTMinis.login({});\nTTMinis.init({ clientKey: 'awx1' });", [(1, 1)]),
    ("(() => { TTMinis.getDeviceInfo() })();\nTTMinis.init({ clientKey: 'awx1' });", [(1, 10)]),
    ("const { login } = TTMinis;\nlogin();\r\nTTMinis.init({ clientKey: 'awx1' });", [(2, 1)]),
]

VALID_JS = [
    "TTMinis.init({ clientKey: 'awx1' });\nTTMinis.login({});",
    "TTMinis.init({ clientKey: process.env.KEY });",
    "TTMinis.init(options);",
    "TTMinis.init({ ...base });",
    # calls inside functions run later: not ordered
    "function start() { TTMinis.login({}) }\nTTMinis.init({ clientKey: 'awx1' });",
    # no init in this file (it is in index.html): nothing to order
    "TTMinis.login({});",
    # look-alikes
    "app.init(); SDK.init({}); function f(TTMinis) { TTMinis.init() }",
    "const s = 'TTMinis.init()';",
]


@pytest.mark.parametrize("code,expected", INVALID_JS)
def test_invalid_js(code, expected):
    assert found(code) == expected


@pytest.mark.parametrize("code", VALID_JS)
def test_valid_js(code):
    assert found(code) == []


def test_messages():
    msgs = sorted(f.message for f in lint("TTMinis.login({});\nTTMinis.init();", "a.js", select=[R]))
    assert msgs == [
        "TTMinis.init() needs { clientKey }: the SDK is not initialised without it",
        "TTMinis.login is called before TTMinis.init: every SDK call needs init first",
    ]


# -- the HTML entry -------------------------------------------------------------------------------
import json  # noqa: E402
from pathlib import Path  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
INIT = '<script>\n  TTMinis.init({ clientKey: "awx1" });\n</script>'


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)   # no minis.config.json above: index.html is the entry
    return tmp_path


INVALID_HTML = [
    # (html, [(line, column, message fragment)])
    (f"<head>\n{SDK}\n</head>", [(2, 1, "is never called")]),
    (f"<head>\n{SDK}\n<script>TTMinis.login({{}});</script>\n{INIT}\n</head>",
     [(3, 9, "TTMinis.login is called before TTMinis.init")]),
    (f"<head>\n{INIT}\n{SDK}\n</head>", [(3, 3, "before the Minis SDK script")]),
    (f"<head>\r\n{SDK}\r\n<script>\r\n  (function () {{ TTMinis.getDeviceInfo() }})();\r\n"
     f"  TTMinis.init({{ clientKey: 'k' }});\r\n</script></head>", [(4, 18, "getDeviceInfo is called before")]),
    # an init in a later inline script does not help a call in an earlier one
    (f"{SDK}<script>TTMinis.on('minis.show', f); TTMinis.canIUse('x')</script>{INIT}",
     [(1, 78, "TTMinis.on"), (1, 107, "TTMinis.canIUse")]),
    # an init in a script before the SDK does not count as the init after it
    (f"<script>function boot() {{ TTMinis.init({{ clientKey: 'k' }}) }}</script>{SDK}", [(1, 70, "is never called")]),
    # an external script after it: not read
    (f'{SDK}\n<script src="/src/main.js"></script>', [(1, 1, "in an inline <script> right after it")]),
]

VALID_HTML = [
    f"<head>\n{SDK}\n{INIT}\n</head>",
    f"{SDK}<script>TTMinis.init({{clientKey:'k'}}); TTMinis.login({{}})</script>",
    f"{SDK}{INIT}<script>TTMinis.login({{}})</script>",
    # calls inside functions run later
    f"{SDK}<script>function go() {{ TTMinis.login({{}}) }}</script>{INIT}",
    # no SDK script: sdk-first-script reports that, not this rule
    "<head><title>x</title></head>",
    # an init deferred into a handler is still an init
    f"{SDK}<script>window.addEventListener('load', () => TTMinis.init({{ clientKey: 'k' }}))</script>",
    # data scripts are not run
    f'{SDK}<script type="text/template">TTMinis.login()</script>{INIT}',
]


@pytest.mark.parametrize("html,expected", INVALID_HTML)
def test_invalid_html(here, html, expected):
    got = [(f.line, f.column, f.message) for f in sorted(lint(html, "index.html", select=[R]),
                                                          key=lambda f: (f.line, f.column))]
    assert [(line, col) for line, col, _ in got] == [(line, col) for line, col, _ in expected]
    for (_, _, message), (_, _, part) in zip(got, expected):
        assert part in message


@pytest.mark.parametrize("html", VALID_HTML)
def test_valid_html(here, html):
    assert found(html, "index.html") == []


def test_init_in_another_file_does_not_count(here):
    # the CLI injects init inline and checks its clientKey there; another file is never read
    (here / "src").mkdir()
    (here / "src/init.js").write_text("TTMinis.init({ clientKey: 'k' });\n")
    assert found(f'{SDK}\n<script src="/src/init.js"></script>', "index.html") == [(1, 1)]


def test_only_the_entry_is_checked(here):
    cfg = {"build": {"htmlEntry": "index.html"}, "domain": {"trustedDomains": ["https://a.example.com"]}}
    (here / "minis.config.json").write_text(json.dumps(cfg))
    assert found(f"{SDK}", "index.html") == [(1, 1)]
    assert found(f"{SDK}", "help.html") == []


def test_fixtures(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    for name in ("ready-pass/index.html", "ready-pass/dist/index.html"):
        assert found((FIXTURES / name).read_text(), name) == []
    for name in ("ready-fail/index.html", "ready-fail/dist/index.html"):
        assert found((FIXTURES / name).read_text(), name) == [(8, 1), (10, 3)]
