"""nav-bar-color: frontColor white/black, hex backgroundColor, canIUse guard (warning)."""
import pytest

from ruletester import lint

R = "nav-bar-color"
GUARD = 'if (TTMinis.canIUse("setNavigationBarColor")) '


def found(code, filename="a.js"):
    return [(f.line, f.column, f.severity) for f in sorted(lint(code, filename, select=[R]),
                                                           key=lambda f: (f.line, f.column))]


INVALID = [
    # (code, [(line, column, severity)])
    (GUARD + 'TTMinis.setNavigationBarColor({ frontColor: "white", backgroundColor: "#000" })',
     [(1, 91, "error")]),
    (GUARD + 'TTMinis.setNavigationBarColor({ frontColor: "#fff", backgroundColor: "#000" })',
     [(1, 91, "error")]),                                        # 3-digit white is not documented
    (GUARD + 'TTMinis.setNavigationBarColor({ frontColor: "#000000", backgroundColor: "red" })',
     [(1, 119, "error")]),
    (GUARD + 'TTMinis.setNavigationBarColor({ frontColor: "#000000", backgroundColor: "#12345" })',
     [(1, 119, "error")]),
    (GUARD + 'TTMinis.setNavigationBarColor({ frontColor: "#000000", backgroundColor: "rgba(0,0,0,.5)" })',
     [(1, 119, "error")]),
    # const bindings and templates are folded
    ('const FG = "#eeeeee";\n' + GUARD + 'TTMinis.setNavigationBarColor({ frontColor: FG, backgroundColor: `#${"ab"}cdef` })',
     [(2, 91, "error")]),
    # not guarded: a warning at the call
    ('TTMinis.setNavigationBarColor({ frontColor: "#ffffff", backgroundColor: "#1a1a1a" })', [(1, 1, "warning")]),
    ('window.TTMinis.setNavigationBarColor({ frontColor: "#ffffff", backgroundColor: "#1a1a1a" })', [(1, 1, "warning")]),
    ('const { setNavigationBarColor } = TTMinis;\nsetNavigationBarColor({ frontColor: "#fff" })',
     [(2, 1, "warning"), (2, 37, "error")]),
    # a guard for another API, a negated guard, or a guard outside the function does not count
    ('if (TTMinis.canIUse("getMenuButtonBoundingClientRect")) TTMinis.setNavigationBarColor({})', [(1, 57, "warning")]),
    ('if (!TTMinis.canIUse("setNavigationBarColor")) TTMinis.setNavigationBarColor({})', [(1, 48, "warning")]),
    (GUARD + '{ function f() { TTMinis.setNavigationBarColor({}) } }', [(1, 64, "warning")]),
    # CRLF, non-ASCII before the call
    ('// 导航栏\r\nif (ok) {\r\n  TTMinis.setNavigationBarColor({ frontColor: "black" });\r\n}', [(3, 3, "warning"), (3, 47, "error")]),
]

VALID = [
    GUARD + 'TTMinis.setNavigationBarColor({ frontColor: "#ffffff", backgroundColor: "#1a1a1a" }, (res) => {})',
    GUARD + '{\n  TTMinis.setNavigationBarColor({ frontColor: "#000000", backgroundColor: "#FFF" });\n}',
    GUARD + 'TTMinis.setNavigationBarColor({ frontColor: "#FFFFFF", backgroundColor: "#abc" })',
    'TTMinis.canIUse("setNavigationBarColor") && TTMinis.setNavigationBarColor({ frontColor: "#000000" })',
    'TTMinis.canIUse("setNavigationBarColor") ? TTMinis.setNavigationBarColor({}) : null',
    'function paint(c) {\n  if (!TTMinis.canIUse("setNavigationBarColor")) return;\n'
    '  TTMinis.setNavigationBarColor({ frontColor: c, backgroundColor: theme.bg });\n}',
    'if (!TTMinis.canIUse("setNavigationBarColor")) { log() } else { TTMinis.setNavigationBarColor({}) }',
    # values that cannot be known are not judged
    GUARD + 'TTMinis.setNavigationBarColor({ frontColor: dark ? "#000000" : "#ffffff", backgroundColor: bg })',
    # look-alikes: another object's method, a local TTMinis, a string
    'wx.setNavigationBarColor({ frontColor: "red" })',
    'function f(TTMinis) { TTMinis.setNavigationBarColor({ frontColor: "red" }) }',
    'const s = "TTMinis.setNavigationBarColor({ frontColor: \'red\' })";',
]


@pytest.mark.parametrize("code,expected", INVALID)
def test_invalid(code, expected):
    assert found(code) == expected


@pytest.mark.parametrize("code", VALID)
def test_valid(code):
    assert found(code) == []


def test_message_names_the_value_and_the_fix():
    (f,) = lint(GUARD + 'TTMinis.setNavigationBarColor({ frontColor: "white" })', "a.js", select=[R])
    assert f.message == 'frontColor "white" is not supported: use "#ffffff" or "#000000"'
    assert (f.end_line, f.end_column) == (1, 98)


def test_inline_script_in_html_reports_in_the_html_file():
    html = '<!doctype html>\n<body>\n<script>\n  TTMinis.setNavigationBarColor({ frontColor: "red" });\n</script>\n'
    assert found(html, "page.html") == [(4, 3, "warning"), (4, 47, "error")]
