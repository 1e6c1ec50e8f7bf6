"""no-function-constructor: the `Function` constructor and the hidden ones behind functions."""
from minislint.hookspec import hookimpl
from minislint.js.ast import name_node
from minislint.js.values import static_property, unwrap
from minislint.rule import Rule


class NoFunctionConstructor(Rule):
    id = "no-function-constructor"
    severity = "error"
    summary = "The `Function` constructor is forbidden in TikTok Minis"
    languages = ("js",)
    triggers = ("Function", "constructor")
    precision = "very-high"
    tags = ("minis", "security", "restriction")
    docs = """\
## What it does
Reports code that builds a function from a string: `new Function(...)`, `Function(...)`,
`window.Function(...)`, `Function.call/apply/bind(...)` (also written `Function["call"]`),
`Reflect.construct(Function, ...)` and `Reflect.apply(Function, ...)`, and the hidden constructors
(AsyncFunction, GeneratorFunction, AsyncGeneratorFunction) reached through the `.constructor` of
a function, arrow, async function or generator (`(async function () {}).constructor("...")`,
`Object.getPrototypeOf(function* () {}).constructor`), also when the function or the
constructor is stored in a binding first (`const AsyncFunction = (async () => {}).constructor;
new AsyncFunction(code)`), as minifiers and evasive code write it. A local binding named
`Function` and an object's own method named `constructor` are not flagged.

## Why is this bad?
TikTok Minis forbids the `Function` constructor (development restriction 2): like `eval`, it runs
code that review never saw. Vendor code often does it to find the global object
(`Function("return this")()`); such a dependency needs upgrading or replacing.

## Example
```js
const add = new Function("a", "b", "return a + b");
const global = Function("return this")();
```

## Use instead
```js
const add = (a, b) => a + b;
const global = globalThis;
```
"""

    def create(self, ctx):
        values = ctx.values

        def message(kind):
            name = "the `Function` constructor" if kind == "Function" else f"the `{kind}` constructor (a hidden `Function`)"
            return f"{name} is forbidden in TikTok Minis: it runs code that review never saw"

        def call(node):
            callee = unwrap(node.callee)
            if callee.type == "CallExpression":
                return  # `Function.bind(...)()`: reported at the bind
            kind = values.function_constructor(callee)
            if kind:
                ctx.report(name_node(callee), message(kind))
                return
            # Function.call / apply / bind, Reflect.construct(Function, ...), Reflect.apply(...)
            target, _ = values.invocation(node)
            kind = values.function_constructor(target) if target is not None and target is not callee else None
            if kind is None and callee.type == "MemberExpression" and static_property(callee, ctx.fold) == "bind":
                target = unwrap(callee.object)
                kind = values.function_constructor(target)
            if kind:
                ctx.report(name_node(target), message(kind))

        return {"CallExpression": call, "NewExpression": call}


@hookimpl
def minislint_rules():
    return [NoFunctionConstructor()]
