"""The value service (minislint/js/values.py, bindings.py, elements.py) as the rules see it:
each form that compilers, minifiers and evasive code write, with rule, line and column, beside a
look-alike that stays clean (issue 12). One table for all rules: each asks the same service
"what can this expression hold?" instead of matching shapes."""
import pytest
from ruletester import triples

from minislint.js.spelled import Spelled

INVALID = [
    # no-string-timer: minifier forms and indirect calls
    ("no-string-timer", "var la=`poll()`;setInterval(la,1e3)", "a.js", [(1, 29)]),
    ("no-string-timer", 'let q;q="tick()";setTimeout(q,5)', "a.js", [(1, 29)]),
    ("no-string-timer", 'setTimeout.call(window, "a()", 5)', "a.js", [(1, 25)]),
    ("no-string-timer", 'setTimeout.apply(window, ["a()", 5])', "a.js", [(1, 27)]),
    ("no-string-timer", 'Reflect.apply(setInterval, window, ["a()", 5])', "a.js", [(1, 37)]),
    ("no-string-timer", 'const st = setTimeout.bind(window);\nst("a()")', "a.js", [(2, 4)]),
    ("no-string-timer", 'const { setTimeout: later } = window;\nlater("a()")', "a.js", [(2, 7)]),
    ("no-string-timer", 'var code = ["go", "()"].join("");\nsetTimeout(code)', "a.js", [(2, 12)]),
    ("no-string-timer", 'window?.setTimeout?.("a()")', "a.js", [(1, 22)]),
    ("no-string-timer", 'var t = String(x);\nsetTimeout(t)', "a.js", [(2, 12)]),
    # no-eval: destructuring, names folded from pieces (the pre-filter sees no `eval`)
    ("no-eval", "const { eval: run } = window; run(x)", "a.js", [(1, 9)]),
    ("no-eval", 'var a; ({ eval: a } = self); a(x)', "a.js", [(1, 11)]),
    ("no-eval", 'var k=["ev","al"].join("");window[k]("1")', "a.js", [(1, 35)]),
    ("no-eval", 'window["\\x65val"](s)', "a.js", [(1, 8)]),
    ("no-eval", 'self[`e${"val"}`](s)', "a.js", [(1, 6)]),
    ("no-eval", 'let n;n="ev"+"al";globalThis[n](s)', "a.js", [(1, 30)]),
    # no-function-constructor: hidden constructors, stored first
    ("no-function-constructor", 'const AF = (async () => {}).constructor;\nnew AF("x")', "a.js", [(2, 5)]),
    ("no-function-constructor", 'function f() {}\nvar g = f.constructor;\ng("y")', "a.js", [(3, 1)]),
    ("no-function-constructor", 'const G = Object.getPrototypeOf(function* () {}).constructor;\nG("yield 1")', "a.js", [(2, 1)]),
    ("no-function-constructor", 'var F = Function;\nF("return this")()', "a.js", [(2, 1)]),
    ("no-function-constructor", 'new(0,(async()=>{}).constructor)("api",e)', "a.js", [(1, 21)]),
    ("no-function-constructor", 'var c = window["Func" + "tion"];\nc("x")', "a.js", [(2, 1)]),
    ("no-function-constructor", 'Reflect.construct((async function () {}).constructor, ["x"])', "a.js", [(1, 42)]),
    ("no-function-constructor", 'let h;h=(async function*(){}).constructor;h("yield 1")', "a.js", [(1, 43)]),
    # no-iframe: compiled JSX and Vue templates
    ("no-iframe", 'import{jsx as e}from"./vendor.js";e("iframe",{src:u})', "a.js", [(1, 37)]),
    ("no-iframe", 'React.createElement("iframe", null)', "a.js", [(1, 21)]),
    ("no-iframe", '(0, r.jsx)("iframe", {})', "a.js", [(1, 12)]),
    ("no-iframe", 'import { createElementVNode as _c } from "vue";\n_c("iframe", null, null, -1)', "a.js", [(2, 4)]),
    ("no-iframe", 'import { h } from "vue";\nh("iframe")', "a.js", [(2, 3)]),
    ("no-iframe", 'function F(e,t=null){const n={__v_isVNode:!0,type:e,props:t};return n}\n'
                  'function B(e,t){return S(F(e,t))}\nB("iframe",null)', "a.js", [(3, 3)]),
    ("no-iframe", 'function q(e,t){return{$$typeof:P,type:e,props:t}}\nq("iframe",{})', "a.js", [(2, 3)]),
    ("no-iframe", 'var t = "ifr" + "ame";\ndocument.createElement(t)', "a.js", [(2, 1)]),
    # no-native-video: a video that enters the page or plays
    ("no-native-video", 'const v = document.createElement("video");\nv.src = u;\ndocument.body.append(v)', "a.js", [(1, 11)]),
    ("no-native-video", 'document.body.appendChild(document.createElement("video"))', "a.js", [(1, 27)]),
    ("no-native-video", 'l.jsx("video", { src: u })', "a.js", [(1, 7)]),
    ("no-native-video", 'const v = document.createElement("video");\nv.canPlayType("video/mp4") && v.play()', "a.js", [(1, 11)]),
    ("no-native-video", 'var t = document.createElement("video");\nt.canPlayType(m);\nt = null;\ndocument.body.append(t)', "a.js", [(1, 9)]),
    # no-foreign-script: a script element built in steps
    ("no-foreign-script", 'Object.assign(document.createElement("script"), { src: "https://cdn.example/x.js" })', "a.js", [(1, 56)]),
    ("no-foreign-script", 'var b="https://x.example/t.js";var s=document.createElement("script");s.src=b', "a.js", [(1, 77)]),
    ("no-foreign-script", 'const s = document.createElement("script");\ns.setAttribute("src", "https://cdn.example/x.js")', "a.js", [(2, 23)]),
    ("no-foreign-script", 'import { jsx } from "react/jsx-runtime";\njsx("script", { src: "https://cdn.example/x.js" })', "a.js", [(2, 22)]),
    ("no-foreign-script", 'const l = document.createElement("link");\nObject.assign(l, { rel: "modulepreload", href: "//cdn.example/m.js" })', "a.js", [(2, 48)]),
    # no-foreign-stylesheet: a <link rel=stylesheet> made in code
    ("no-foreign-stylesheet", 'const l = document.createElement("link");\nl.rel = "stylesheet";\nl.href = "https://cdn.example/a.css"', "a.js", [(3, 10)]),
    ("no-foreign-stylesheet", 'Object.assign(document.createElement("link"), { rel: "stylesheet", href: "https://cdn.example/a.css" })', "a.js", [(1, 74)]),
    ("no-foreign-stylesheet", 'const A = () => <link rel="stylesheet" href="https://cdn.example/a.css" />', "a.jsx", [(1, 45)]),
    ("no-foreign-stylesheet", 'const l = document.createElement("link");\nl.setAttribute("rel", "stylesheet");\nl.setAttribute("href", "https://cdn.example/a.css")', "a.js", [(3, 24)]),
    # untrusted-domain: a URL in a var written once
    ("untrusted-domain", 'var b = "https://x.example/api";\nfetch(b)', "a.js", [(2, 7)]),
]

VALID = [
    ("no-string-timer", 'var t = "a()";\nfor (const f of fs) t = f;\nsetTimeout(t)', "a.js"),   # reassigned in a loop
    ("no-string-timer", 'let q;\nsetTimeout(q);\nq = "tick()"', "a.js"),                       # read before the write
    ("no-string-timer", 'const s = "tick()";\nconsole.log(s)', "a.js"),                        # only logged
    ("no-string-timer", 'setTimeout.call(window, fn, 5)', "a.js"),
    ("no-string-timer", 'setTimeout.apply(window, args)', "a.js"),
    ("no-string-timer", 'var t;\nt = fn;\nsetTimeout(t)', "a.js"),
    ("no-eval", 'var k=["ev","al"].join("");console.log(k)', "a.js"),                        # only logged
    ("no-eval", "const { eval: run } = obj", "a.js"),
    ("no-eval", 'var k = "ev"; k += "al"; window[k](s)', "a.js"),                               # written twice
    ("no-eval", 'window[["ev", "al"].join("-")](s)', "a.js"),
    ("no-function-constructor", '({ constructor(x) { return x } }).constructor("x")', "a.js"),  # a method named constructor
    ("no-function-constructor", 'class A { constructor() {} }\nnew A().constructor("x")', "a.js"),
    ("no-function-constructor", 'var F = Function;\nF = other;\nF("x")', "a.js"),
    ("no-function-constructor", 'const o = { f() {} };\no.constructor("x")', "a.js"),
    ("no-function-constructor", 'function f(g) { return g.constructor("x") }', "a.js"),
    ("no-iframe", 'function jsx(tag) { return tag.toUpperCase() }\njsx("iframe")', "a.js"),  # a local jsx, not a runtime
    ("no-iframe", 'document.querySelector("iframe")', "a.js"),
    ("no-iframe", 'e.jsx(Iframe, {})', "a.js"),                                                # a component
    ("no-iframe", 'import { h } from "./helpers.js";\nh("iframe")', "a.js"),
    ("no-iframe", 'function F(e,t){return{$$typeof:P,type:t,props:e}}\nF("iframe",{})', "a.js"),  # type is not the first parameter
    ("no-iframe", 'doc.createElement("iframe")', "a.js"),                                      # some other document
    ("no-native-video", '"canPlayType" in document.createElement("video")', "a.js"),        # feature probes
    ("no-native-video", 'const v = document.createElement("video");\nif (v.canPlayType("video/mp4")) ok()', "a.js"),
    ("no-native-video", 'var ok = !!document.createElement("video").canPlayType', "a.js"),
    ("no-native-video", 'let t = document.createElement("video");\nreturn ["a", "b"].some(e => t.canPlayType(e))', "a.js"),
    ("no-native-video", 'var t = document.createElement("video");\nvar ok = "function" == typeof t.canPlayType && t.canPlayType(m);\nt = null', "a.js"),   # xgplayer
    ("no-foreign-script", 'const s = document.createElement("img");\ns.src = "https://cdn.example/x.png"', "a.js"),
    ("no-foreign-script", 'const s = document.createElement("script");\ns.src = "./local.js"', "a.js"),
    ("no-foreign-script", 'const s = document.createElement("script");\ns.href = "https://cdn.example/x.js"', "a.js"),
    ("no-foreign-stylesheet", 'const l = document.createElement("link");\nl.rel = "preconnect";\nl.href = "https://cdn.example"', "a.js"),
    ("no-foreign-stylesheet", 'const l = document.createElement("link");\nl.rel = "stylesheet";\nl.href = "/a.css"', "a.js"),
    ("no-foreign-stylesheet", 'const l = document.createElement("link");\nl.href = "https://cdn.example/a.css"', "a.js"),
    ("untrusted-domain", 'var b = "https://x.example/api";\nb = other;\nfetch(b)', "a.js"),
]


@pytest.mark.parametrize("rule, code, filename, expected", INVALID)
def test_reported(rule, code, filename, expected):
    assert triples(code, filename, rule) == [(rule, line, col) for line, col in expected]


@pytest.mark.parametrize("rule, code, filename", VALID)
def test_look_alike_stays_clean(rule, code, filename):
    assert triples(code, filename, rule) == []


@pytest.mark.parametrize("text, spelled", [
    ('x = "eval"', True),
    ('k = ["ev", "al"].join("")', True),
    ("k = 'Func' + 'tion'", True),
    ('k = "\\x65val"', True),                     # an escape decoded
    ('k = `e${"val"}`', True),                     # template chunks
    ('k = "ev" + v + "a"', False),                 # "eval" cannot be made of "ev" and "a"
    ("evaluate(x)", True),                         # spelled whole (inside a longer name)
    ("k = ev + al", False),                        # names, not strings
])
def test_trigger_prefilter_sees_names_assembled_from_pieces(text, spelled):
    assert Spelled(text, js=True).any(("eval", "Function")) is spelled


def test_prefilter_pieces_only_for_js():
    assert not Spelled('<p title="ev" class="al">', js=False).any(("eval",))
