"""no-eval, RuleTester style: each case asserts rule, line and column, flagged and look-alikes."""
from ruletester import rule_tests, spans

R = "no-eval"

INVALID = [
    # (code, filename, [(line, column), ...])
    ("eval(x)", "a.js", [(1, 1)]),
    ("(0, eval)(x)", "a.js", [(1, 5)]),
    ("window.eval(x)", "a.js", [(1, 8)]),
    ("self.eval(x)", "a.js", [(1, 6)]),
    ("frames.eval(x)", "a.js", [(1, 8)]),
    ("globalThis['eval'](x)", "a.js", [(1, 12)]),
    ("window[`eval`](x)", "a.js", [(1, 8)]),
    ("window?.eval(x)", "a.js", [(1, 9)]),
    ("window.window.eval(x)", "a.js", [(1, 15)]),
    ("this.eval(x)", "a.js", [(1, 6)]),                       # top-level this in a script
    ("const e = eval;\ne(x)", "a.js", [(1, 11)]),
    ("[eval][0](x)", "a.js", [(1, 2)]),
    ("run(eval)", "a.js", [(1, 5)]),
    ("window.eval.call(null, x)", "a.js", [(1, 8)]),
    ("const w = window; w.eval(x)", "a.js", [(1, 21)]),
    ("import x from 'y';\nexport const run = () => eval(x);", "a.js", [(2, 26)]),
    ("class A { #p = 1; m() { return eval(this.#p ?? 0n) } }", "a.mjs", [(1, 32)]),
    ("const App = () => <div onClick={() => eval(code)} />;", "a.jsx", [(1, 39)]),
    ("const App = () => <b>{eval(code)}</b>;", "a.js", [(1, 23)]),   # JSX in a .js file
    ("await import('x'); eval(y)", "a.mjs", [(1, 20)]),              # top-level await
    ("#!/usr/bin/env node\neval(x)", "a.js", [(2, 1)]),
    ("a?.b;\r\nx ??= 1;\r\n  eval(x)", "a.js", [(3, 3)]),              # CRLF
    ("\ufeffeval(x)", "a.js", [(1, 1)]),                              # BOM is not a column
    ("const s = 'ünïcødé 😀'; eval(s)", "a.js", [(1, 24)]),            # columns count code points
    ("function f() { this.eval(x) }", "a.js", [(1, 21)]),            # sloppy default this
    ("class C { [this.eval('x')] }", "a.js", [(1, 17)]),              # computed key: outer this
    ("try { } catch { eval(x) }", "a.js", [(1, 17)]),
    ("label: for (const a of b) { eval(a) }", "a.js", [(1, 29)]),
]

VALID = [
    ("obj.eval(x)", "a.js"),
    ("function f(eval) { eval(x) }", "a.js"),
    ("const eval = (s) => s; eval(x)", "a.mjs"),
    ("import { eval } from './safe.js'; eval(x)", "a.mjs"),
    ("function f(window) { window.eval(x) }", "a.js"),
    ("const { eval: run } = helpers; run(x)", "a.js"),
    ("this.eval(x)", "a.mjs"),                                   # module: top-level this is undefined
    ("'use strict'; function f() { this.eval(x) }", "a.js"),
    ("const o = { m() { this.eval(x) } }", "a.js"),
    ("class A { m() { this.eval(x) } }", "a.js"),
    ("const o = { eval: 1, ['ev' + 'al']: 2 }", "a.js"),
    ("const s = 'eval(x)'; // eval(x)", "a.js"),
    ("window.evaluate(x); Eval(x); noeval(x)", "a.js"),
    ("function eval2() {} eval2()", "a.js"),
    ("let e; e = obj.eval;", "a.js"),
    ("[1].map(function (v) { return this.eval(v) }, evaluator)", "a.js"),
    ("const App = () => <Eval code={x} />;", "a.jsx"),
]


test_invalid, test_valid = rule_tests(R, INVALID, VALID)


def test_end_position_covers_the_name():
    assert spans("window.eval(x)", "a.js", R) == [(1, 8, 1, 12)]
    assert spans("x;\n  eval(y)", "a.js", R) == [(2, 3, 2, 7)]
