"""no-string-timer: string code passed to setTimeout / setInterval / setImmediate."""
from minislint import fixes
from minislint.hookspec import hookimpl
from minislint.js.snippet import as_arrow, statements
from minislint.rule import Rule

TIMERS = {("setTimeout",), ("setInterval",), ("setImmediate",)}


class NoStringTimer(Rule):
    id = "no-string-timer"
    severity = "error"
    summary = "String code in `setTimeout` / `setInterval` is forbidden in TikTok Minis"
    languages = ("js",)
    triggers = ("setTimeout", "setInterval", "setImmediate")
    precision = "high"
    tags = ("minis", "security", "restriction")
    docs = """\
## What it does
Reports `setTimeout`, `setInterval` and `setImmediate`, reached through any path to the global
object (`window.setTimeout`, `globalThis["setInterval"]`), an alias, a destructuring, `.call`,
`.apply`, `.bind` or `Reflect.apply`, whose first argument is a string: a literal, a template
literal, a concatenation with a string, `String(x)`, `x.toString()`, `[...].join()`, or a
binding written once with one of those (a `const`, or a `var` / `let` as minifiers emit them:
`var la="poll()";setInterval(la,1e3)`). A variable written more than once is not followed.
In TypeScript, a value declared `: string` or cast `as string` counts too, and so does a call
of a local function declared to return `string`. A function, an arrow, `fn.bind(...)` or a
value of unknown type is fine. A local function named `setTimeout` is not flagged.

## Why is this bad?
TikTok Minis forbids string arguments to `setTimeout()` / `setInterval()` (development
restriction 3): the browser evaluates the string like `eval`.

## Example
```js
setTimeout("refresh()", 1000);
setInterval(`tick(${id})`, 500);
```

## Use instead
```js
setTimeout(refresh, 1000);
setInterval(() => tick(id), 500);
```
"""

    def create(self, ctx):
        values = ctx.values

        def call(node):
            target, args = values.invocation(node)
            if not args or target is None:
                return
            path = ctx.global_path(target)
            if path not in TIMERS:
                return
            first = args[0]
            if first.type != "SpreadElement" and values.is_string(first):
                ctx.report(first, f"string code passed to `{path[0]}` is forbidden in TikTok Minis: pass a function",
                           fix=as_function(first, node))

        def global_at(name, node):
            """Whether `name` at `node` is the global `name`: undeclared, or declared at the top
            level of a classic script (which makes it a global)."""
            binding = ctx.scope.resolve_name(name, node)
            return binding is None or not ctx.fragment.module and \
                ctx.scope.resolve_name(name, ctx.tree) is binding and binding.kind != "import"

        def as_function(arg, call):
            """`"tick()"` -> `() => { tick(); }` when the string's value is known and parses as
            statements; safe only when each name it reads means, at the call, the global it
            means in the global scope the string would run in."""
            code = ctx.fold(arg)
            found = statements(code) if code is not None else None
            text = as_arrow(code) if found is not None else None
            if text is None:
                return None
            safe = not found.global_effects and all(global_at(n, call) for n in found.free_names)
            return fixes.replace(*arg.range, text, "Pass the code as a function",
                                 fixes.SAFE if safe else fixes.UNSAFE)

        return {"CallExpression": call}


@hookimpl
def minislint_rules():
    return [NoStringTimer()]
