"""no-iframe, RuleTester style: rule, line and column for frames; look-alikes stay clean."""
from ruletester import rule_tests

R = "no-iframe"

INVALID = [
    # (code, filename, [(line, column), ...])
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>', "a.html", [(1, 1)]),
    ("<p>\r\n\t<IFRAME\r\n  src=x></IFRAME>", "a.htm", [(2, 2)]),                  # CRLF, tab, case
    ("<frameset><frame src=a.html></frameset>", "a.html", [(1, 1), (1, 11)]),
    ("<FrameSet cols='50%,50%'>", "a.html", [(1, 1)]),
    ("<p>视频 🎬 <iframe></iframe>", "a.html", [(1, 9)]),                           # code points
    ("<template>\n  <div>\n    <iframe :src='url' />\n  </div>\n</template>", "a.vue", [(3, 5)]),
    ("<template><IFRAME src=x></IFRAME></template>", "a.vue", [(1, 11)]),
    ('const f = document.createElement("iframe");', "a.js", [(1, 11)]),
    ("const f = window.document.createElement('IFrame');", "a.js", [(1, 11)]),
    ("const t = 'IFRAME';\nconst el = document.createElement(t)", "a.js", [(2, 12)]),
    ("el.innerHTML = '<p>hi</p><iframe src=\"x\"></iframe>';", "a.js", [(1, 16)]),
    ("el.outerHTML = `<div>${x}<iframe src=${u}></iframe></div>`;", "a.js", [(1, 16)]),
    ("el.insertAdjacentHTML('beforeend', '<frame>');", "a.js", [(1, 36)]),
    ("document.write('<iframe></iframe>');", "a.js", [(1, 16)]),
    ("const App = () => <iframe src={u} />;", "a.jsx", [(1, 19)]),
    ("const A = (): JSX.Element => <iframe src={u as string} />;", "a.tsx", [(1, 30)]),
    ("const App = () => <div dangerouslySetInnerHTML={{ __html: '<iframe>' }} />;", "a.jsx",
     [(1, 59)]),
    ('<script>\n  document.body.appendChild(document.createElement("iframe"));\n</script>', "a.html",
     [(2, 29)]),
    ('<template><div/></template>\n<script setup>\nconst f = document.createElement("iframe")\n'
     "</script>", "a.vue", [(3, 11)]),
]

VALID = [
    ('<div class="iframe-wrapper"><p>iframe</p></div>', "a.html"),
    ("<!-- <iframe src=x></iframe> -->", "a.html"),
    ("<textarea><iframe></textarea><title><iframe></title>", "a.html"),
    ("<noscript><iframe src='https://www.googletagmanager.com/ns.html'></iframe></noscript>",
     "a.html"),                                                        # never shown: JS is on
    ("<script>const html = '<iframe>';</script>", "a.html"),              # a string, not a sink
    ("<style>.iframe { border: 0 }</style>", "a.html"),
    ("<template><IFrame src=x /><Frame /></template>", "a.vue"),          # Vue components
    ("<div iframe='yes' data-frame='1'>", "a.html"),
    ("const App = () => <Iframe src={u} />;", "a.jsx"),                   # a React component
    ("el.innerHTML = '<div title=\"<iframe>\"></div>';", "a.js"),         # attribute text
    ("el.textContent = '<iframe>';", "a.js"),
    ("document.createElement('div').className = 'iframe';", "a.js"),
    ("function f(document) { document.createElement('iframe') }", "a.js"),  # a local document
    ("const iframe = 1; frames.length;", "a.js"),
]


test_invalid, test_valid = rule_tests(R, INVALID, VALID)
