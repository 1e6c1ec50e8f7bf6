"""no-foreign-stylesheet, RuleTester style: <link>, @import in both forms, fonts excepted."""
from ruletester import lint, rule_tests

R = "no-foreign-stylesheet"

INVALID = [
    ('<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/normalize.css">', "a.html",
     [(1, 30)]),
    ("<LINK\r\n  REL='Alternate StyleSheet'\r\n  HREF=//cdn.example/dark.css>", "a.html", [(3, 8)]),
    ('<link rel="preload" as="style" href="https://cdn.example/x.css">', "a.html", [(1, 38)]),
    ('@import "https://cdn.example/a.css";', "a.css", [(1, 10)]),
    ("@import url(https://cdn.example/a.css) screen;", "a.css", [(1, 13)]),
    ("/* 视频 */\r\n@import url( '//cdn.example/a.css' );", "a.css", [(2, 15)]),
    ("<style>\n  @import url(https://cdn.example/a.css);\n  .a { color: red }\n</style>", "a.html",
     [(2, 15)]),
    ("<template><p/></template>\n<style scoped lang='scss'>\n@import 'https://cdn.example/a.css';\n"
     "</style>", "a.vue", [(3, 10)]),
    ("document.head.insertAdjacentHTML('beforeend', '<link rel=stylesheet href=//cdn.example/a.css>')",
     "a.js", [(1, 47)]),
]

VALID = [
    ('<link rel="stylesheet" href="css/style.css"><link rel=stylesheet href=/a.css>', "a.html"),
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">', "a.html"),
    ('<link rel="stylesheet" href="https://use.typekit.net/abc1234.css">', "a.html"),
    ('<link rel="icon" href="https://cdn.example/favicon.ico">', "a.html"),
    ('<link rel="preconnect" href="https://fonts.gstatic.com">', "a.html"),
    ('<img src="https://cdn.example/a.png">', "a.html"),     # an image from a CDN is not a style sheet
    ("@import url('https://fonts.googleapis.com/css2?family=Roboto');", "a.css"),
    ("@import './base.css'; @import url(theme.css);", "a.css"),
    ("@font-face { font-family: X; src: url(https://fonts.gstatic.com/x.woff2) format('woff2') }",
     "a.css"),
    (".hero { background: url(https://cdn.example/hero.png) }", "a.css"),
    ("/* @import 'https://cdn.example/a.css'; */ .a::after { content: '@import url(//x.y/z)' }",
     "a.css"),
    ('<div style="background-image: url(https://cdn.example/a.png)"></div>', "a.html"),
    ("<template><div style='background:url(//cdn.example/a.png)'/></template>", "a.vue"),
]


test_invalid, test_valid = rule_tests(R, INVALID, VALID)


def test_font_services_are_an_option():
    code = '@import url("https://fonts.bunny.net/css?family=inter");'
    assert len(lint(code, "a.css", select=[R])) == 1
    opts = {R: {"allowed_hosts": ["fonts.googleapis.com", "fonts.bunny.net"]}}
    assert lint(code, "a.css", select=[R], rule_options=opts) == []
