"""sdk-first-script: the HTML entry loads the Minis SDK first in <head>, over https, not deferred."""
import json
from pathlib import Path

import pytest

from ruletester import lint

R = "sdk-first-script"
SDK = '<script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>'
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(autouse=True)
def no_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)   # no minis.config.json above: every index.html is an entry
    return tmp_path


def found(html, filename="index.html"):
    return [(f.line, f.column, f.message) for f in sorted(lint(html, filename, select=[R]),
                                                          key=lambda f: (f.line, f.column))]


def where(html, filename="index.html"):
    return [(line, col) for line, col, _ in found(html, filename)]


# The head that `ttdx minis init` writes (docs, "Develop your mini drama"), with its eruda console.
INIT_HEAD = f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
{SDK}
<script>
  TTMinis.init({{ clientKey: "awx1" }});
</script>
 <script src="https://connect.tiktok-minis.com/libs/eruda.js"></script>
 <script>eruda.init();</script>
</head>
<body><div id="app"></div></body>
</html>
"""

INVALID = [
    # (html, [(line, column)], message fragment)
    ("<!DOCTYPE html>\n<html>\n  <head><title>x</title></head>\n<body></body></html>", [(3, 3)], "is not loaded"),
    ("<p>no head, no html</p>", [(1, 1)], "is not loaded"),
    (f'<head>\n<script src="/vendor.js"></script>\n{SDK}\n</head>', [(3, 1)], '"/vendor.js" runs before it'),
    (f"<head>\n<script>window.t0 = Date.now()</script>\n  {SDK}\n</head>", [(3, 3)], "an inline script runs"),
    (f'<head><script type="module" src="/main.js"></script>{SDK}</head>', [(1, 53)], "runs before it"),
    (f"<head><title>x</title></head>\n<body>\n{SDK}\n</body>", [(3, 1)], "is in <body>"),
    (f"<title>x</title><div></div>{SDK}", [(1, 28)], "is in <body>"),    # implied <body>
    ('<head><script src="https://connect.tiktok-minis.com/drama/sdk.js" async></script></head>', [(1, 67)],
     "must not be `async`"),
    ('<head>\r\n<SCRIPT\r\n  SRC="https://connect.tiktok-minis.com/drama/sdk.js"\r\n  DEFER></SCRIPT></head>',
     [(4, 3)], "must not be `defer`"),
    ('<head><script src="http://connect.tiktok-minis.com/drama/sdk.js"></script></head>', [(1, 20)],
     "over https"),
    ('<head><script src="//connect.tiktok-minis.com/drama/sdk.js"></script></head>', [(1, 20)], "over https"),
    ('<head><script type="module" src="https://connect.tiktok-minis.com/drama/sdk.js"></script></head>',
     [(1, 15)], "classic script"),
    # non-ASCII and a BOM before the tag: columns count code points
    (f'\ufeff<head><title>夜班 🌙</title><script src="a.js"></script>{SDK}</head>', [(1, 54)], "runs before it"),
]

VALID = [
    INIT_HEAD,
    f"<head>\n<meta charset=utf-8><title>x</title><link rel=stylesheet href=/a.css>\n{SDK}\n<script src=/a.js></script></head>",
    f'<head><script type="application/ld+json">{{"@type": "Game"}}</script>'
    f'<script type="importmap">{{"imports": {{}}}}</script>{SDK}</head>',
    f"<head><!-- <script src=/old.js></script> -->{SDK}</head>",
    '<head><script src="https://connect.tiktok-minis.com/drama/sdk.js?v=2"></script></head>',
    f"{SDK}<title>no head tag</title>",                                  # implied <head>
]


@pytest.mark.parametrize("html,expected,message", INVALID)
def test_invalid(html, expected, message):
    got = found(html)
    assert [(line, col) for line, col, _ in got] == expected
    assert message in got[0][2]


@pytest.mark.parametrize("html", VALID)
def test_valid(html):
    assert found(html) == []


def test_several_problems_at_once():
    html = f'<head><script src=/a.js></script><script src="http://connect.tiktok-minis.com/drama/sdk.js" async></script></head>'
    assert where(html) == [(1, 34), (1, 47), (1, 93)]


def test_only_the_entry_is_checked(no_project):
    cfg = {"build": {"htmlEntry": "public/index.html"}, "domain": {"trustedDomains": ["https://a.example.com"]}}
    (no_project / "minis.config.json").write_text(json.dumps(cfg))
    page = "<head><title>no sdk</title></head>"
    (no_project / "public").mkdir()
    (no_project / "public/index.html").write_text(page)
    assert where(page, "public/index.html") == [(1, 1)]
    assert where(page, "index.html") == []                 # not build.htmlEntry
    assert where(page, "public/help.html") == []
    assert where(page, "build/index.html") == [(1, 1)]      # its copy in the default output folder
    assert where(page, "docs/other.html") == []


def test_without_config_other_pages_are_not_entries():
    assert where("<head><title>about</title></head>", "about.html") == []


def test_fixtures(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    for name in ("ready-pass/index.html", "ready-pass/dist/index.html"):
        assert found((FIXTURES / name).read_text(), name) == []
    for name in ("ready-fail/index.html", "ready-fail/dist/index.html"):
        assert where((FIXTURES / name).read_text(), name) == [(8, 1), (8, 61)]


# -- bad input never crashes ---------------------------------------------------------------------
from hypothesis import given, settings, strategies as st  # noqa: E402


PIECES = st.sampled_from([
    "<head>", "</head>", "<body>", "<script", " src=", '"https://connect.tiktok-minis.com/drama/sdk.js"',
    "'//connect.tiktok-minis.com/drama/sdk.js'", "http://[::1", " async", " defer", " type=module", ">",
    "</script>", "TTMinis.init({clientKey:'k'})", "TTMinis.login(", "eruda.init()", "<!--", "-->", "\r\n",
    "&amp;", "<svg>", "</svg>", "\u2028", "😀", "\x00",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_any_markup_gives_findings_never_a_crash(html):
    found = lint(html, "index.html", select=[R, "sdk-init", "debug-console"])
    assert all(f.rule in (R, "sdk-init", "debug-console", "syntax-error") for f in found), found
