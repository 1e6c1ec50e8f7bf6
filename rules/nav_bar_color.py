"""nav-bar-color: TTMinis.setNavigationBarColor with colours the platform accepts, behind canIUse."""
from __future__ import annotations

from minislint.hookspec import hookimpl
from minislint.minis import readiness as R
from minislint.rule import Rule

_API = "setNavigationBarColor"


def _is_guard(test, global_path, fold) -> bool:
    """Whether an expression contains `TTMinis.canIUse("setNavigationBarColor")`."""
    for node in R.descendants(test):
        if node.type == "CallExpression" and R.ttminis_method(node.callee, global_path) == "canIUse" \
                and node.arguments and fold(node.arguments[0]) == _API:
            return True
    return False


def _negated(test) -> bool:
    test = R.unwrap(test)
    return test.type == "UnaryExpression" and test.operator == "!"


def _exits(stmt) -> bool:
    """`return;` / `throw` / `return x`, alone or as the only statement of a block."""
    if stmt is None:
        return False
    if stmt.type == "BlockStatement":
        return len(stmt.body) >= 1 and _exits(stmt.body[-1])
    return stmt.type in ("ReturnStatement", "ThrowStatement")


def is_guarded(call, global_path, fold) -> bool:
    """`if (TTMinis.canIUse(...)) {call}`, `canIUse(...) && call`, `canIUse(...) ? call : x`, or an
    earlier `if (!TTMinis.canIUse(...)) return;` in an enclosing block."""
    child, node = call, call.parent
    while node is not None:
        t = node.type
        if t == "IfStatement" and child is node.consequent and _is_guard(node.test, global_path, fold) \
                and not _negated(node.test):
            return True
        if t == "IfStatement" and child is node.alternate and _negated(node.test) \
                and _is_guard(node.test, global_path, fold):
            return True
        if t == "LogicalExpression" and node.operator == "&&" and child is node.right \
                and _is_guard(node.left, global_path, fold):
            return True
        if t == "ConditionalExpression" and child is node.consequent \
                and _is_guard(node.test, global_path, fold) and not _negated(node.test):
            return True
        if t in ("BlockStatement", "Program", "StaticBlock"):
            for stmt in node.body:
                if stmt is child:
                    break
                if stmt.type == "IfStatement" and _negated(stmt.test) and _exits(stmt.consequent) \
                        and _is_guard(stmt.test, global_path, fold):
                    return True
        if t in R.FUNCTIONS:
            return False  # a guard outside the function does not cover every call of it
        child, node = node, node.parent
    return False


class NavBarColor(Rule):
    id = "nav-bar-color"
    severity = "error"
    summary = "setNavigationBarColor needs frontColor #ffffff/#000000, a hex backgroundColor, and a canIUse guard"
    tags = ("minis", "readiness")
    precision = "high"
    languages = ("js",)
    triggers = (_API,)
    docs = """\
## What it does
Checks each `TTMinis.setNavigationBarColor({ frontColor, backgroundColor })` call whose values
are known statically (literals, templates, `const` bindings): `frontColor` must be `#ffffff` or
`#000000`, `backgroundColor` a hex colour (`#rgb` or `#rrggbb`). Letter case is accepted either
way (the docs do not say). A value that cannot be known is not checked.

A warning is also given when the call is not guarded by
`TTMinis.canIUse("setNavigationBarColor")`: inside `if (...)`, after `canIUse(...) &&`, in the
true branch of `?:`, or after an early `if (!TTMinis.canIUse(...)) return;` in the same function.

## Why is this bad?
The platform documents `frontColor` as accepting "only #ffffff and #000000" and
`backgroundColor` as a hexadecimal colour; other values are not applied. The navigation bar is
a required capability, and the docs call it behind `canIUse` because older TikTok versions lack it.

## Example
```js
TTMinis.setNavigationBarColor({ frontColor: "white", backgroundColor: "rgb(0,0,0)" });
```

## Use instead
```js
if (TTMinis.canIUse("setNavigationBarColor")) {
  TTMinis.setNavigationBarColor({ frontColor: "#ffffff", backgroundColor: "#1a1a1a" });
}
```
"""

    def create(self, ctx):
        from minislint.minis.config import is_hex_colour  # only for a file that calls the API

        fold, gp = ctx.fold, ctx.global_path

        def on_call(node):
            if R.ttminis_method(node.callee, gp) != _API:
                return
            arg = node.arguments[0] if node.arguments else None
            if arg is not None:
                front = R.prop(arg, "frontColor", fold)
                value = fold(front) if front is not None else None
                if value is not None and not R.is_front_colour(value.strip()):
                    ctx.report(front, f'frontColor "{value}" is not supported: use "#ffffff" or "#000000"')
                back = R.prop(arg, "backgroundColor", fold)
                value = fold(back) if back is not None else None
                if value is not None and not is_hex_colour(value.strip()):
                    ctx.report(back, f'backgroundColor "{value}" is not a hex colour (#rrggbb)')
            if not is_guarded(node, gp, fold):
                ctx.report(node, 'setNavigationBarColor is not guarded by '
                                 'TTMinis.canIUse("setNavigationBarColor")', severity="warning")

        return {"CallExpression": on_call}


@hookimpl
def minislint_rules():
    return [NavBarColor()]
