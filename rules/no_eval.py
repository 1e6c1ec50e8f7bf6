"""no-eval: the global `eval`, called or referenced, through any path to the global object."""
from minislint import fixes
from minislint.hookspec import hookimpl
from minislint.js.ast import is_reference, name_node
from minislint.rule import Rule

EVAL = ("eval",)


class NoEval(Rule):
    id = "no-eval"
    severity = "error"
    summary = "`eval()` is forbidden in TikTok Minis"
    languages = ("js",)
    triggers = ("eval",)
    precision = "very-high"
    tags = ("minis", "security", "restriction")
    docs = """\
## What it does
Reports every use of the global `eval`: direct calls `eval(code)`, indirect calls such as
`(0, eval)(code)`, `window.eval(code)`, `globalThis["eval"](code)`, `window?.eval(code)`, and
references that let `eval` escape (`const run = eval`, `[eval][0]`, `f(eval)`), and a
destructuring that takes it (`const { eval: run } = window`, reported at the key), and names
folded from pieces (`window[["ev", "al"].join("")]`, through bindings written once). The global object
is recognised as `window`, `self`, `globalThis`, `frames`, chains such as `window.window`, and
top-level `this` in scripts. A local binding named `eval` and a method `obj.eval()` are not
flagged.

## Why is this bad?
TikTok Minis forbids `eval()` (development restriction 1): it runs code that review never saw.
A package that uses it can be rejected.

## Example
```js
const config = eval("(" + text + ")");
```

## Use instead
```js
const config = JSON.parse(text);
```
"""

    def create(self, ctx):
        message = "`eval` is forbidden in TikTok Minis: it runs code that review never saw"

        def identifier(node):
            if node.name == "eval" and is_reference(node) and ctx.global_path(node) == EVAL:
                ctx.report(node, message, fix=json_parse(node))

        def member(node):
            # `window.eval`, `globalThis["eval"]`, `window?.eval`: reported at the property
            if ctx.global_path(node) == EVAL:
                ctx.report(name_node(node), message, fix=json_parse(node))

        def json_parse(callee):
            """Editor suggestion for the old JSON idiom `eval("(" + text + ")")`: JSON.parse(text)
            (a suggestion only: JSON.parse rejects what is JavaScript but not JSON)."""
            call = callee.parent
            if call is None or call.type != "CallExpression" or call.callee is not callee \
                    or len(call.arguments) != 1:
                return None
            arg = call.arguments[0]
            inner = None
            if arg.type == "BinaryExpression" and arg.operator == "+" and _is_text(arg.right, ")") \
                    and arg.left.type == "BinaryExpression" and arg.left.operator == "+" \
                    and _is_text(arg.left.left, "("):
                inner = arg.left.right
            elif arg.type == "TemplateLiteral" and len(arg.expressions) == 1 \
                    and [q.value.cooked.strip() for q in arg.quasis] == ["(", ")"]:
                inner = arg.expressions[0]
            if inner is None:
                return None
            source = ctx.fragment.text[inner.range[0]:inner.range[1]]
            if inner.type == "SequenceExpression":
                source = f"({source})"
            return fixes.replace(*call.range, f"JSON.parse({source})", "Parse the text as JSON: JSON.parse(...)",
                                 fixes.SUGGESTION)

        def taken(node):
            # `const { eval: run } = window`: reported at the key that takes it
            if node.parent is None or node.parent.type != "ObjectPattern" or node.computed and ctx.fold(node.key) is None:
                return
            value = node.value.left if node.value.type == "AssignmentPattern" else node.value
            if value.type == "Identifier" and ctx.global_path(value) == EVAL:
                ctx.report(node.key, message)

        return {"Identifier": identifier, "MemberExpression": member, "Property": taken}


def _is_text(node, text: str) -> bool:
    return node.type == "Literal" and isinstance(node.value, str) and node.value.strip() == text


@hookimpl
def minislint_rules():
    return [NoEval()]
