from ruletester import rule_tests

R = "no-function-constructor"

INVALID = [
    ("new Function('a', 'return a')", "a.js", [(1, 5)]),
    ("Function('return this')()", "a.js", [(1, 1)]),
    ("window.Function('x')", "a.js", [(1, 8)]),
    ("globalThis['Function']('x')", "a.js", [(1, 12)]),
    ("Function.call(null, 'x')", "a.js", [(1, 1)]),
    ("Function.apply(null, ['x'])", "a.js", [(1, 1)]),
    ("Function.bind(null, 'x')()", "a.js", [(1, 1)]),
    ("Function['call'](null, 'x')", "a.js", [(1, 1)]),
    ("Reflect.construct(Function, ['x'])", "a.js", [(1, 19)]),
    ("Reflect.apply(Function, null, ['x'])", "a.js", [(1, 15)]),
    ("(async function () {}).constructor('await x')", "a.js", [(1, 24)]),
    ("(function* () {}).constructor('yield 1')", "a.js", [(1, 19)]),
    ("(() => {}).constructor('x')", "a.js", [(1, 12)]),
    ("new (Object.getPrototypeOf(function* () {}).constructor)('yield 1')", "a.js", [(1, 45)]),
    ("const F = Function;\nnew F('x')", "a.js", [(2, 5)]),
    ("export const g = () => new Function('return this')();", "a.mjs", [(1, 28)]),
    ("const C = () => <div>{Function('x')()}</div>;", "a.jsx", [(1, 23)]),
]

VALID = [
    ("function f(Function) { new Function('x') }", "a.js"),
    ("import Function from './fn.js'; Function('x')", "a.mjs"),
    ("class Function {} new Function()", "a.js"),
    ("obj.Function('x'); a.constructor('x'); x.constructor.name", "a.js"),
    ("const f = function () {}; f.call(null)", "a.js"),
    ("function Function2() {} new Function2('x')", "a.js"),
    ("Reflect.construct(Date, [])", "a.js"),
]


test_invalid, test_valid = rule_tests(R, INVALID, VALID)
