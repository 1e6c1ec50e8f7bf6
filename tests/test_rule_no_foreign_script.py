"""no-foreign-script, RuleTester style: HTML, inline and external JS, run-time injection."""
from ruletester import lint, rule_tests

R = "no-foreign-script"

INVALID = [
    ('<script src="https://cdn.jsdelivr.net/npm/lodash/lodash.min.js"></script>', "a.html",
     [(1, 14)]),
    ("<script\r\n\tsrc=//unpkg.com/vue@3\r\n\tdefer></script>", "a.html", [(2, 6)]),
    ("<SCRIPT TYPE='module' SRC='HTTPS://esm.sh/preact'></SCRIPT>", "a.html", [(1, 28)]),
    ('<script src="https://evil.example/a.js?x=1&amp;y=2"></script>', "a.html", [(1, 14)]),
    ("<script src='\\\\evil.example/x.js'></script>", "a.html", [(1, 14)]),       # \\ is //
    ('<link rel="modulepreload" href="https://esm.sh/x.js">', "a.html", [(1, 33)]),
    ("<svg><script xlink:href='https://cdn.example/x.js'/></svg>", "a.html", [(1, 26)]),
    ('<link rel="preload" as="script" href="//cdn.example/x.js">', "a.html", [(1, 39)]),
    ("<template><link rel=modulepreload href=https://esm.sh/x></template>", "a.vue", [(1, 40)]),
    ('import confetti from "https://esm.sh/canvas-confetti";', "a.mjs", [(1, 22)]),
    ("export * from '//cdn.example/lib.js';", "a.js", [(1, 15)]),
    ("export { a } from 'https://cdn.example/lib.js';", "a.js", [(1, 19)]),
    ("const m = await import(`https://cdn.example/${name}.js`);", "a.mjs", [(1, 24)]),
    ("const BASE = 'https://cdn.example';\nimport(BASE + '/x.js')", "a.js", [(2, 8)]),
    ("importScripts('local.js', 'https://cdn.example/w.js');", "a.js", [(1, 27)]),
    ("new Worker('https://cdn.example/w.js')", "a.js", [(1, 12)]),
    ("const w = new window.SharedWorker('//cdn.example/w.js');", "a.js", [(1, 35)]),
    ("const s = document.createElement('script');\ns.src = 'https://cdn.example/x.js';\n"
     "document.head.appendChild(s);", "a.js", [(2, 9)]),
    ("const s = document.createElement('script');\ns.setAttribute('src', '//cdn.example/x.js');",
     "a.js", [(2, 23)]),
    ("document.write('<script src=\"https://cdn.example/x.js\"><\\/script>');", "a.js", [(1, 16)]),
    ("el.innerHTML = `<script src=\"https://${host}/x.js\"></script>` + '<script src=//a.example/b>';",
     "a.js", [(1, 16)]),
    ('<script type="module">\n  import x from "https://esm.sh/x";\n</script>', "a.html", [(2, 17)]),
    ("<template><p/></template>\n<script>\nimport x from 'https://esm.sh/x'\n</script>", "a.vue",
     [(3, 15)]),
]

VALID = [
    ('<script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>', "a.html"),
    ('<script src="./js/app.js"></script><script src="/assets/index-4f2a.js" type="module">'
     "</script>", "a.html"),
    ('<a href="https://example.com/page">a link to a page is not a script</a>', "a.html"),
    ('<link rel="stylesheet" href="https://cdn.example/x.css">', "a.html"),      # another rule
    ('<link rel="preload" as="image" href="https://cdn.example/hero.png">', "a.html"),
    ('<link rel="prefetch" href="https://cdn.example/x.js">', "a.html"),
    ('<script type="application/ld+json">{"url": "https://schema.org"}</script>', "a.html"),
    ('<script type="text/template" src="https://cdn.example/t.html"></script>', "a.html"),
    ("<script src='data:text/javascript,void 0'></script><img src=https://cdn.example/a.png>",
     "a.html"),
    ("<!-- <script src=https://cdn.example/x.js></script> -->", "a.html"),
    ("import x from './x.js'; import y from 'lodash'; import('./lazy.js');", "a.mjs"),
    ("fetch('https://api.example.com/data'); const u = 'https://cdn.example/x.js';", "a.js"),
    ("const img = document.createElement('img'); img.src = 'https://cdn.example/a.png';", "a.js"),
    ("const s = document.createElement('script'); s.src = './local.js';", "a.js"),
    ("function f(document) { const s = document.createElement('script'); s.src = 'https://x.y/a.js' }",
     "a.js"),
    ("new Worker(new URL('./w.js', import.meta.url), { type: 'module' })", "a.mjs"),
    ("import(`https://${host}/x.js`)", "a.mjs"),                    # host unknown: not judged
    ("<script>location.href = '//x.example'</script>", "a.html"),  # another rule
    ("<template><script src='https://cdn.example/x.js'></script></template>", "a.vue"),  # dropped by Vue
]


test_invalid, test_valid = rule_tests(R, INVALID, VALID)


def test_allowed_hosts_is_an_option():
    code = '<script src="https://static.my-app.example/a.js"></script>'
    opts = {R: {"allowed_hosts": ["connect.tiktok-minis.com", ".my-app.example"]}}
    assert lint(code, "a.html", select=[R], rule_options=opts) == []
    assert len(lint(code, "a.html", select=[R])) == 1


def test_message_names_the_host():
    (f,) = lint("<script src='//cdn.example/x.js'></script>", "a.html", select=[R])
    assert "cdn.example" in f.message and f.severity == "error"
