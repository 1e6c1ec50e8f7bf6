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
