"""no-function-constructor: the `Function` constructor and the hidden ones behind functions."""
from minislint.hookspec import hookimpl
from minislint.js.ast import name_node
from minislint.js.values import static_property, unwrap
from minislint.rule import Rule

_FUNCTION_NODES = ("FunctionExpression", "ArrowFunctionExpression", "FunctionDeclaration")


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
reached through the `.constructor` of a function, arrow, async function or generator
(`(async function () {}).constructor("...")`, `Object.getPrototypeOf(function* () {}).constructor`).
A local binding named `Function` is not flagged.

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
        message = "the `Function` constructor is forbidden in TikTok Minis: it runs code that review never saw"

        def is_function_ctor(node):
            path = ctx.global_path(node)
            return path == ("Function",)

        def hidden_ctor(node):
            """`.constructor` of a function value: Function, AsyncFunction, GeneratorFunction."""
            node = unwrap(node)
            if node is None or node.type != "MemberExpression":
                return False
            if static_property(node, ctx.fold) != "constructor":
                return False
            obj = unwrap(node.object)
            if obj.type in _FUNCTION_NODES:
                return True
            # Object.getPrototypeOf(function* () {}) / Reflect.getPrototypeOf(...)
            if obj.type == "CallExpression" and obj.arguments and unwrap(obj.arguments[0]).type in _FUNCTION_NODES:
                return ctx.global_path(obj.callee) in (("Object", "getPrototypeOf"), ("Reflect", "getPrototypeOf"))
            return False

        def call(node):
            callee = unwrap(node.callee)
            if is_function_ctor(callee) or hidden_ctor(callee):
                ctx.report(name_node(callee), message)
                return
            if callee.type == "MemberExpression":
                method = static_property(callee, ctx.fold)
                if method in ("call", "apply", "bind") and (is_function_ctor(callee.object) or hidden_ctor(callee.object)):
                    ctx.report(name_node(callee.object), message)
                    return
            path = ctx.global_path(callee)
            if path in (("Reflect", "construct"), ("Reflect", "apply")) and node.arguments:
                target = node.arguments[0]
                if is_function_ctor(target) or hidden_ctor(target):
                    ctx.report(name_node(target), message)

        return {"CallExpression": call, "NewExpression": call}


@hookimpl
def minislint_rules():
    return [NoFunctionConstructor()]
