from ruletester import rule_tests

R = "no-string-timer"

INVALID = [
    ("setTimeout('tick()', 10)", "a.js", [(1, 12)]),
    ("setInterval(\"tick()\", 10)", "a.js", [(1, 13)]),
    ("setImmediate('x')", "a.js", [(1, 14)]),
    ("window.setTimeout(`tick(${id})`, 10)", "a.js", [(1, 19)]),
    ("globalThis['setInterval']('x' + y)", "a.js", [(1, 27)]),
    ("setTimeout(y + 'x')", "a.js", [(1, 12)]),
    ("setTimeout(String(code))", "a.js", [(1, 12)]),
    ("setTimeout(code.toString(), 5)", "a.js", [(1, 12)]),
    ("const CODE = 'go()';\nsetTimeout(CODE, 1)", "a.js", [(2, 12)]),
    ("const A = `x`, B = A + y;\nsetTimeout(B)", "a.js", [(2, 12)]),
    ("self.setTimeout?.('x')", "a.js", [(1, 19)]),
    ("window.window.setInterval('x', 1)", "a.js", [(1, 27)]),
    ("export function later() { setTimeout('x', 1) }", "a.mjs", [(1, 38)]),
    ("const C = () => <i ref={() => setTimeout('x')} />", "a.jsx", [(1, 42)]),
]

VALID = [
    ("setTimeout(tick, 10)", "a.js"),
    ("setTimeout(() => tick(), 10)", "a.js"),
    ("setTimeout(function () {}, 10)", "a.js"),
    ("setTimeout(fn.bind(null, 'x'), 10)", "a.js"),
    ("setTimeout(code)", "a.js"),                                  # unknown type: not flagged in .js
    ("function setTimeout(s) {} setTimeout('x')", "a.js"),
    ("function f(setTimeout) { setTimeout('x') }", "a.js"),
    ("function f(window) { window.setTimeout('x') }", "a.js"),
    ("obj.setTimeout('x')", "a.js"),
    ("let c = 'x'; c = f; setTimeout(c)", "a.js"),                  # not a const: unknown
    ("setTimeout(...args)", "a.js"),
    ("setTimeout()", "a.js"),
    ("const { setTimeout } = timers; setTimeout('x')", "a.js"),
]


test_invalid, test_valid = rule_tests(R, INVALID, VALID)
