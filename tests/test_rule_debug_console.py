"""debug-console: eruda / vConsole scripts, eruda.init(), new VConsole(), imports of the packages."""
import pytest

from ruletester import lint

R = "debug-console"


def found(code, filename="a.js"):
    return [(f.line, f.column) for f in sorted(lint(code, filename, select=[R]), key=lambda f: (f.line, f.column))]


INVALID_JS = [
    ("eruda.init();", "a.js", [(1, 1)]),
    ("window.eruda.init({ tool: ['console'] });", "a.js", [(1, 1)]),
    ("if (location.search.includes('debug')) { eruda.init() }", "a.js", [(1, 42)]),
    ("const vc = new VConsole();", "a.js", [(1, 12)]),
    ("new window.VConsole({ theme: 'dark' });", "a.js", [(1, 1)]),
    ("import eruda from 'eruda';\neruda.init();", "a.js", [(1, 1)]),          # one finding: the import
    ("import VConsole from 'vconsole';\nnew VConsole();", "a.mjs", [(1, 1)]),
    ("import('eruda').then((m) => m.default.init());", "a.js", [(1, 1)]),
    ("const VConsole = require('vconsole');\nnew VConsole();", "a.js", [(1, 18)]),
    ("if (flags.debug) {\r\n  await import('vconsole/dist/vconsole.min.js');\r\n}", "a.mjs", [(2, 9)]),
    ("if (import.meta.env.DEV) { log() }\neruda.init()", "a.mjs", [(2, 1)]),      # after the branch, not in it
]

VALID_JS = [
    "const eruda = { init() {} }; eruda.init();",                 # a local named eruda
    "function f(VConsole) { return new VConsole() }",
    "console.log('eruda.init()');",
    "logger.init(); new Console();",
    "import erudaPlugin from 'eruda-plugin-x';",                   # another package
    "const x = require(name);",
    # build-time switches: the bundler drops the branch from release builds
    "if (import.meta.env.DEV) { import('eruda').then((m) => m.default.init()) }",
    "process.env.NODE_ENV !== 'production' && new VConsole();",
    "__DEV__ ? eruda.init() : null;",
    "if (process.env.NODE_ENV === 'production') { start() } else { eruda.init() }",
]


@pytest.mark.parametrize("code,filename,expected", INVALID_JS)
def test_invalid_js(code, filename, expected):
    assert found(code, filename) == expected


@pytest.mark.parametrize("code", VALID_JS)
def test_valid_js(code):
    assert found(code, "a.js") == []


# The index.html that `ttdx minis init` writes, with the console it injects (docs, "Develop your mini drama").
INIT_HTML = """\
<!DOCTYPE html>
<html>
<head>
<script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>
<script>
  TTMinis.init({ clientKey: "awx123" });
</script>
 <script src="https://connect.tiktok-minis.com/libs/eruda.js"></script>
 <script>
    eruda.init();
 </script>
</head>
<body></body>
</html>
"""

INVALID_HTML = [
    (INIT_HTML, [(8, 2), (10, 5)]),
    ('<script\r\n  src="https://connect.tiktok-minis.com/libs/vConsole.js"></script>\r\n<script>new VConsole()</script>',
     [(1, 1), (3, 9)]),
    ('<SCRIPT SRC="https://unpkg.com/vconsole@3.15.1/dist/vconsole.min.js"></SCRIPT>', [(1, 1)]),
    ('<script src="//cdn.jsdelivr.net/npm/eruda"></script>', [(1, 1)]),
    ('<script src="/vendor/eruda.min.js?v=2"></script>', [(1, 1)]),
]

VALID_HTML = [
    '<script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>',
    '<script src="/js/erudition.js"></script><a href="eruda.js">docs</a>',
    '<script type="text/template" src="eruda.js"></script>',
    '<!-- <script src="eruda.js"></script> -->',
    '<link rel="stylesheet" href="/vconsole.css">',
]


@pytest.mark.parametrize("html,expected", INVALID_HTML)
def test_invalid_html(html, expected):
    assert found(html, "index.html") == expected


@pytest.mark.parametrize("html", VALID_HTML)
def test_valid_html(html):
    assert found(html, "index.html") == []


def test_severity_and_message():
    (f,) = lint("eruda.init()", "a.js", select=[R])
    assert f.severity == "warning"
    assert f.message == "eruda.init() starts the eruda debug console: remove it before release"
