"""debug-console: eruda / vConsole left in the app (the Minis CLI injects eruda for debugging)."""
from __future__ import annotations

import re

from minislint.hookspec import hookimpl
from minislint.markup.scan import scan
from minislint.minis import readiness as R
from minislint.rule import Rule

_MODULES = {"eruda": "eruda", "vconsole": "vConsole"}  # npm package -> console
# Build-time switches a bundler replaces with a constant, so a guarded console never ships.
_DEV_SWITCH = re.compile(r"import\.meta\.env\.(?:DEV|PROD|MODE)|process\.env\.NODE_ENV|\b__DEV__\b")


def dev_only(node, text: str) -> bool:
    """Whether `node` sits in a branch chosen by a build-time switch (`if (import.meta.env.DEV)`).
    Either branch: which one is the development build depends on how the test is written."""
    child, p = node, node.parent
    while p is not None:
        test = None
        if p.type in ("IfStatement", "ConditionalExpression") and child is not p.test:
            test = p.test
        elif p.type == "LogicalExpression" and child is p.right:
            test = p.left
        if test is not None and _DEV_SWITCH.search(text[test.range[0]:test.range[1]]):
            return True
        child, p = p, p.parent
    return False


def check_html(text: str, tags=None):
    """`<script src>` tags that load a debug console: [(start, end, message)]."""
    out = []
    for tag in (scan(text) if tags is None else tags):
        if tag.kind == "start" and tag.name == "script" and R.is_js_script(tag.get("type")):
            which = R.debug_console_src(tag.get("src"))
            if which:
                out.append((tag.start, tag.end, f"the {which} debug console is loaded: remove it "
                                                "before release"))
    return out


def _module_name(node, fold):
    """'eruda' / 'vConsole' when a module specifier names one of the console packages."""
    spec = fold(node) if node is not None else None
    if not spec:
        return None
    return _MODULES.get(spec.split("/")[0].lower())


class DebugConsole(Rule):
    id = "debug-console"
    severity = "warning"
    summary = "A debug console (eruda, vConsole) is left in the app"
    tags = ("minis", "readiness")
    precision = "high"
    languages = ("html", "js")
    triggers = ("eruda", "vConsole", "VConsole", "vconsole")
    docs = """\
## What it does
Reports debug consoles left in the app: in HTML, a `<script src>` that loads eruda or vConsole
(the Minis CLI's `connect.tiktok-minis.com/libs/eruda.js` and `.../vConsole.js`, or the same
libraries from a CDN or a local copy such as `vconsole.min.js`); in JavaScript (inline scripts
included), `eruda.init()` and `new VConsole()` on the global, and an `import` / `require` /
`import()` of the `eruda` or `vconsole` npm packages. A local variable that happens to be named
`eruda` is not the library. Code in a branch chosen by a build-time switch
(`import.meta.env.DEV`, `process.env.NODE_ENV`, `__DEV__`) is dropped by the bundler from release
builds and is not reported; a run-time switch such as `?debug` in the URL still ships the console.
The source HTML entry is checked too: the build copies it.

## Why is this bad?
`ttdx minis init` injects eruda into `index.html` "to allow for mobile debugging". Shipped, it
puts a floating console button over the app for every user, exposes logs and storage, and adds
hundreds of kilobytes to the package.

## Example
```html
<script src="https://connect.tiktok-minis.com/libs/eruda.js"></script>
<script>eruda.init();</script>
```

## Use instead
Remove both tags before building for release, or load the console only in development
builds (for example behind `import.meta.env.DEV` so the bundler drops it).
"""

    def create(self, ctx):
        if ctx.fragment.language == "html":
            def run_html(doc):
                for start, end, message in check_html(ctx.fragment.text, doc.tags):
                    ctx.report((start, end), message)
            return {"Document": run_html}

        text = ctx.fragment.text

        def on_call(node):
            if dev_only(node, text):
                return
            callee = R.unwrap(node.callee)
            if ctx.global_path(callee) == ("eruda", "init"):
                ctx.report(node, "eruda.init() starts the eruda debug console: remove it before release")
                return
            dynamic = callee.type == "Import"  # esprima2: import("x") is a call with callee Import
            required = callee.type == "Identifier" and callee.name == "require" and ctx.scope.is_global(callee)
            if (dynamic or required) and node.arguments:
                which = _module_name(node.arguments[0], ctx.fold)
                if which:
                    ctx.report(node, f"the {which} debug console is bundled into the app: remove it "
                                     "before release")

        def on_new(node):
            if ctx.global_path(node.callee) in (("VConsole",), ("vConsole",)) and not dev_only(node, text):
                ctx.report(node, "new VConsole() starts the vConsole debug console: remove it before release")

        def on_import(node):
            which = _module_name(node.source, ctx.fold)
            if which:
                ctx.report(node, f"the {which} debug console is bundled into the app: remove it "
                                 "before release")

        return {"CallExpression": on_call, "NewExpression": on_new, "ImportDeclaration": on_import,
                "ImportExpression": on_import}


@hookimpl
def minislint_rules():
    return [DebugConsole()]
