"""no-string-timer: string code passed to setTimeout / setInterval / setImmediate."""
from minislint import fixes
from minislint.hookspec import hookimpl
from minislint.js.snippet import as_arrow, statements
from minislint.js.values import static_property, unwrap
from minislint.rule import Rule

TIMERS = {("setTimeout",), ("setInterval",), ("setImmediate",)}
_MAX_DEPTH = 30


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
object (`window.setTimeout`, `globalThis["setInterval"]`), whose first argument is a string: a
literal, a template literal, a concatenation with a string, `String(x)`, `x.toString()`, or a
`const` bound to one of those. In TypeScript, a value declared `: string` or cast `as string`
counts too, and so does a call of a local function declared to return `string`. A function,
an arrow, `fn.bind(...)` or a value of unknown type is fine. A local function named `setTimeout`
is not flagged.

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
        string_decls = ctx.fragment.meta.get("string_decls") or ()
        string_returns = ctx.fragment.meta.get("string_returns") or ()  # TS `function f(): string`
        string_casts = ctx.fragment.meta.get("string_casts") or ()  # TS `x as string`: x's range

        def is_string(node, depth=0):
            node = unwrap(node)
            if node is None or depth > _MAX_DEPTH:
                return False
            if string_casts and tuple(node.range) in string_casts:
                return True
            t = node.type
            if t == "Literal":
                return isinstance(node.value, str) and getattr(node, "regex", None) is None
            if t in ("TemplateLiteral",):
                return True
            if t == "BinaryExpression" and node.operator == "+":
                return is_string(node.left, depth + 1) or is_string(node.right, depth + 1)
            if t == "CallExpression":
                callee = unwrap(node.callee)
                if ctx.global_path(callee) == ("String",):
                    return True
                if callee.type == "Identifier" and string_returns:
                    binding = ctx.scope.resolve(callee)
                    if binding is not None and binding.id.range[0] in string_returns:
                        return True
                return (callee.type == "MemberExpression" and static_property(callee, ctx.fold) == "toString"
                        and not node.arguments)
            if t == "Identifier":
                binding = ctx.scope.resolve(node)
                if binding is None:
                    return False
                if binding.id.range[0] in string_decls:
                    return True
                return binding.kind == "const" and binding.path == () and is_string(binding.init, depth + 1)
            if t == "CallExpression":
                return False
            return False

        def call(node):
            if not node.arguments:
                return
            if ctx.global_path(node.callee) not in TIMERS:
                return
            first = node.arguments[0]
            if first.type != "SpreadElement" and is_string(first):
                name = ctx.global_path(node.callee)[0]
                ctx.report(first, f"string code passed to `{name}` is forbidden in TikTok Minis: pass a function",
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
