"""no-navigation, RuleTester style: leaving the app is flagged; what an SPA does stays clean."""
from ruletester import rule_tests

R = "no-navigation"

INVALID = [
    ("location.href = 'https://shop.example.com'", "a.js", [(1, 1)]),
    ("window.location = url", "a.js", [(1, 1)]),
    ("document.location.href = '/other-page.html'", "a.js", [(1, 1)]),
    ("location = '/login'", "a.js", [(1, 1)]),
    ("window.location.pathname = '/a'; location.search = '?b'", "a.js", [(1, 1), (1, 34)]),
    ("location.href += '?ref=1'", "a.js", [(1, 1)]),
    ("location.assign(url)", "a.js", [(1, 1)]),
    ("window.location.replace('https://example.com')", "a.js", [(1, 1)]),
    ("window.open('https://example.com', '_blank')", "a.js", [(1, 1)]),
    ("open(url)", "a.js", [(1, 1)]),
    ("top.location.href = url", "a.js", [(1, 1)]),
    ("history.pushState({}, '', 'https://other.example/x')", "a.js", [(1, 27)]),
    ("window.history.replaceState(null, '', `//other.example/${p}`)", "a.js", [(1, 39)]),
    ("const nav = window.location;\nnav.href = u", "a.js", [(2, 1)]),
    ("<script>\r\n  setTimeout(() => { location.href = next }, 0)\r\n</script>", "a.html", [(2, 22)]),
    ('<a onclick="window.open(this.href)">x</a>', "a.html", [(1, 13)]),
    ('<head>\n  <meta http-equiv="Refresh" content="0; url=https://shop.example/">', "a.html",
     [(2, 39)]),
    ("<META HTTP-EQUIV=refresh CONTENT='5;/next.html'>", "a.html", [(1, 35)]),
    ("<template><p/></template>\n<script>\nexport default { methods: { go() { "
     "window.location.href = this.url } } }\n</script>", "a.vue", [(3, 36)]),
]

VALID = [
    ("const q = new URLSearchParams(location.search); const h = location.hash;", "a.js"),
    ("const u = new URL(location.href); console.log(window.location.pathname)", "a.js"),
    ("location.reload(); window.location.reload(true)", "a.js"),
    ("location.hash = '#top'; location.href = '#section-2'", "a.js"),
    ("history.pushState({ page: 2 }, '', '/episodes/2')", "a.js"),
    ("history.replaceState(null, '', '?tab=1'); history.pushState(s, '', url)", "a.js"),
    ("history.pushState(s, '', location.origin + '/x')", "a.js"),
    ("history.back(); history.go(-1); history.forward()", "a.js"),
    ("const location = useLocation(); location.pathname = '/x'", "a.js"),
    ("function f(location) { location.href = 'https://x.example' }", "a.js"),
    ("router.push('/checkout'); this.$router.replace({ name: 'home' })", "a.js"),
    ("const w = {}; w.open('x'); dialog.open(); indexedDB.open('db'); document.open()", "a.js"),
    ("const { href } = location; const loc = window.location.href;", "a.js"),
    ('<meta http-equiv="refresh" content="30">', "a.html"),             # a reload, same page
    ('<meta name="refresh" content="0; url=/x"><a href="https://x.example">x</a>', "a.html"),
]


test_invalid, test_valid = rule_tests(R, INVALID, VALID)


def test_docs_write_the_boundary_down():
    from minislint.rules.no_navigation import NoNavigation

    for text in ("location.search", "location.reload()", "pushState", "useLocation"):
        assert text in NoNavigation.docs
