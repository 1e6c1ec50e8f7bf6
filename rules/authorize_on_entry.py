"""authorize-on-entry: TTMinis.authorize as the app opens, or without a fallback to TTMinis.login."""
from __future__ import annotations

import re

from minislint.hookspec import hookimpl
from minislint.js.values import last_name
from minislint.minis import readiness as R
from minislint.rule import Rule

_START_EVENTS = frozenset(("load", "DOMContentLoaded", "pageshow"))
_SDK_START_EVENTS = frozenset(("minis.launch", "minis.show"))
_ROOT_HOOKS = frozenset(("created", "beforeMount", "mounted", "onMounted", "onBeforeMount",
                         "componentDidMount", "useEffect", "useLayoutEffect"))
_LOGIN_NAME = re.compile(r"login", re.I)
_MAX_HOPS = 3  # fail handler -> helper function -> helper function


def _is_root_component(fragment) -> bool:
    return fragment.file.path.stem.lower() == "app"


def _is_vue_setup(fragment) -> bool:
    """Whether a fragment is the body of a Vue `<script setup>` block (the Vue language says)."""
    return bool(fragment.meta.get("vue") and fragment.meta.get("setup"))


def _start_callback(fn, ctx):
    """Why function `fn` runs as the app opens, or None."""
    p = fn.parent
    if p is None:
        return None
    if p.type in ("CallExpression", "NewExpression") and any(a is fn for a in p.arguments):
        callee = R.unwrap(p.callee)
        path = ctx.global_path(callee)
        first = ctx.fold(p.arguments[0]) if p.arguments else None
        if path and path[-1] == "addEventListener" and len(path) <= 2 \
                and path[:-1] in ((), ("document",)) and first in _START_EVENTS:
            return f'a "{first}" listener'
        if path == ("TTMinis", "on") and first in _SDK_START_EVENTS:
            return f'the "{first}" handler'
        if path in (("$",), ("jQuery",)) and p.arguments[0] is fn:
            return "a jQuery ready handler"
        if callee.type == "MemberExpression" and last_name(callee) == "ready":
            return "a ready handler"
        name = last_name(callee)
        if name in _ROOT_HOOKS and _is_root_component(ctx.fragment):
            if name in ("useEffect", "useLayoutEffect"):
                deps = p.arguments[1] if len(p.arguments) > 1 else None
                if deps is None or R.unwrap(deps).type != "ArrayExpression" or R.unwrap(deps).elements:
                    return None  # runs again on updates: not only as the app opens
            return f"the root component's {name}"
        return None
    if p.type == "AssignmentExpression" and p.right is fn:
        path = ctx.global_path(p.left)
        if path in (("onload",), ("document", "onDOMContentLoaded"), ("onpageshow",)):
            return f"window.{path[-1]}" if len(path) == 1 else ".".join(path)
    if p.type in ("Property", "MethodDefinition") and p.value is fn and _is_root_component(ctx.fragment):
        name = last_name(p.key) if not p.computed else None
        if name in _ROOT_HOOKS:
            return f"the root component's {name}"
    return None


def entry_context(node, ctx):
    """How `node` runs as the app opens ("at the top level", 'in a "load" listener'...), or None."""
    reason = None
    fn = R.enclosing_function(node)
    while fn is not None:
        if not R.is_iife(fn):
            why = _start_callback(fn, ctx)
            if why is None:
                return None  # an ordinary function: runs when something calls it
            reason = reason or why
            if why.startswith("the root component"):
                return f"in {reason}"  # the component function around it is not the app opening
        fn = R.enclosing_function(fn)
    if reason is None:
        if _is_vue_setup(ctx.fragment) and not _is_root_component(ctx.fragment):
            return None  # a Vue <script setup> body runs when its component is created
        return "at the top level"
    return f"in {reason}"


class _Fallback:
    """Does a failure handler reach TTMinis.login (or a function named like a login)?"""

    def __init__(self, ctx):
        self.ctx = ctx

    def reaches_login(self, node, hops=0) -> bool:
        if node is None or hops > _MAX_HOPS:
            return False
        node = R.unwrap(node)
        if self.ctx.global_path(node) == ("TTMinis", "login"):
            return True  # fail: TTMinis.login
        name = last_name(node)
        if name and _LOGIN_NAME.search(name):
            return True  # fail: doLogin
        if node.type == "Identifier":
            target = self._function_of(node)
            return target is not None and self.reaches_login(target.body, hops + 1)
        for n in R.descendants(node):
            if n.type == "CallExpression":
                callee = R.unwrap(n.callee)
                if R.ttminis_method(callee, self.ctx.global_path) == "login":
                    return True
                name = last_name(callee)
                if name and _LOGIN_NAME.search(name):
                    return True
                if callee.type == "Identifier":
                    target = self._function_of(callee)
                    if target is not None and target is not node and self.reaches_login(target.body, hops + 1):
                        return True
        return False

    def _function_of(self, ident):
        binding = self.ctx.scope.resolve(ident) if self.ctx.scope else None
        if binding is None:
            return None
        if binding.kind == "function":
            decl = binding.id.parent
            return decl if decl is not None and decl.type in R.FUNCTIONS else None
        init = R.unwrap(binding.init) if binding.init is not None else None
        if init is not None and init.type in R.FUNCTIONS:
            return init
        return None


def failure_paths(call, ctx):
    """The handlers that run when `call` fails; None when they cannot be known."""
    handlers, known = [], False
    arg = call.arguments[0] if call.arguments else None
    if arg is None or R.unwrap(arg).type == "ObjectExpression":
        known = arg is None or not R.has_spread(arg)
        for key in ("fail", "complete"):
            h = R.prop(arg, key, ctx.fold) if arg is not None else None
            if h is not None:
                handlers.append(h)
    # Promise style: TTMinis.authorize(...).catch(h) / .then(ok, h) / try { await ... } catch
    child, node = call, call.parent
    while node is not None and node.type in ("ChainExpression", "AwaitExpression"):
        child, node = node, node.parent
    if node is not None and node.type == "MemberExpression" and node.object is child:
        name = last_name(node)
        outer = node.parent
        if outer is not None and outer.type == "CallExpression" and outer.callee is node:
            if name == "catch" and outer.arguments:
                handlers.append(outer.arguments[0])
                known = True
            elif name == "then" and len(outer.arguments) > 1:
                handlers.append(outer.arguments[1])
                known = True
            elif name in ("then", "finally"):
                known = False  # a chain we do not follow to its end
    p = call.parent
    while p is not None and p.type not in R.FUNCTIONS:
        if p.type == "TryStatement" and p.handler is not None:
            handlers.append(p.handler.body)
            known = True
            break
        p = p.parent
    return handlers if known or handlers else None


class AuthorizeOnEntry(Rule):
    id = "authorize-on-entry"
    severity = "warning"
    summary = "TTMinis.authorize as the app opens, or without a fallback to TTMinis.login"
    tags = ("minis", "readiness")
    precision = "medium"
    languages = ("js",)
    triggers = ("authorize",)
    docs = """\
## What it does
Reports `TTMinis.authorize(...)` when it runs as the app opens:
- at the top level of a script or module (also inside an IIFE or a top-level block), except in
  the `<script setup>` body of a Vue component other than `App.vue`, which runs when that
  component is created (the right moment, if the component is the feature that needs the profile);
- in a `load` / `DOMContentLoaded` / `pageshow` listener, `window.onload`, a jQuery ready
  handler, or a `TTMinis.on("minis.launch" | "minis.show", ...)` handler;
- in the root component's first lifecycle: `created` / `mounted` / `onMounted` /
  `componentDidMount` / `useEffect(..., [])` in a file named `App.*` (`App.vue`, `App.jsx`...).

It also reports an `authorize` whose failure path never falls back to login: none of its
`fail` / `complete` callbacks, `.catch()` / `.then(_, onError)` handlers or enclosing
`try`/`catch` calls `TTMinis.login` or a function whose name contains "login" (followed through
up to three functions of the same file). An options object that is not a literal is not judged.

## Why is this bad?
TikTok's docs: "Do not call this immediately when the user enters the app. Users may reject the
request, and you will lose the chance to get their OpenID", and "If the explicit .authorize call
fails (perhaps the user denied the pop-up), the frontend should immediately use the .login
method as a fallback".

## Example
```js
window.addEventListener("load", () => {
  TTMinis.authorize({ scope: "user.info.basic", success: onProfile });
});
```

## Use instead
```js
leaderboardButton.onclick = () =>
  TTMinis.authorize({
    scope: "user.info.basic",
    success: onProfile,
    fail: () => TTMinis.login({ success: onLogin }),
  });
```
"""

    def create(self, ctx):
        fallback = _Fallback(ctx)

        def on_call(node):
            if R.ttminis_method(node.callee, ctx.global_path) != "authorize":
                return
            where = entry_context(node, ctx)
            if where:
                ctx.report(node, f"TTMinis.authorize runs {where}, as the app opens: a user who refuses "
                                 "loses the OpenID; call it when the feature that needs the profile is used")
            handlers = failure_paths(node, ctx)
            if handlers is None:
                return
            if not any(fallback.reaches_login(h) for h in handlers):
                ctx.report(node, "TTMinis.authorize has no fallback to TTMinis.login when it fails: a user "
                                 "who refuses the authorization screen is left without an OpenID")

        return {"CallExpression": on_call}


@hookimpl
def minislint_rules():
    return [AuthorizeOnEntry()]
