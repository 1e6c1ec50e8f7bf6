"""debug-console: eruda / vConsole left in the app (the Minis CLI injects eruda for debugging)."""
from __future__ import annotations

import re

from minislint import fixes
from minislint.hookspec import hookimpl
from minislint.markup.scan import element_end, scan
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
    """`<script src>` tags that load a debug console: [(start, end, message, fix)]."""
    out = []
    tags = scan(text) if tags is None else tags
    for i, tag in enumerate(tags):
        if tag.kind == "start" and tag.name == "script" and R.is_js_script(tag.get("type")):
            which = R.debug_console_src(tag.get("src"))
            if which:
                out.append((tag.start, tag.end, f"the {which} debug console is loaded: remove it "
                                                "before release", _remove_html(text, tags, i)))
    return out


def _remove_html(text, tags, i):
    """Remove the console's <script src> element and the inline script after it that only
    starts the console (`eruda.init();`, `var vConsole = new VConsole();`)."""
    end = element_end(tags, tags[i])
    if end is None:
        return None
    edits = [fixes.Edit(*fixes.removal(text, tags[i].start, end), "")]
    after = next((t for t in tags[i + 1:] if t.kind == "start"), None)
    if after is not None and after.name == "script" and not after.has("src") and after.body:
        body = text[after.body[0]:after.body[1]].strip()
        init_end = element_end(tags, after)
        if init_end is not None and (not body or _INIT.fullmatch(body)) and not text[end:after.start].strip():
            edits = [fixes.Edit(*fixes.removal(text, tags[i].start, init_end), "")]
    return fixes.Fix("Remove the debug console", tuple(edits))


_INIT = re.compile(r"(?:eruda\.init\([^()]*\)|(?:(?:var|let|const)\s+[\w$]+\s*=\s*|window\.[\w$]+\s*=\s*)?"
                   r"new\s+(?:window\.)?VConsole\([^()]*\))\s*;?")


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

## Fix
Safe: removes the `<script src>` of the console with the inline script right after it when
that only starts the console, and a statement that only starts it (`eruda.init();`,
`new VConsole();`, `var vc = new VConsole();` when nothing else names `vc`). Imports are left
to you: other code may use them.
"""

    def create(self, ctx):
        if ctx.fragment.language == "html":
            def run_html(doc):
                for start, end, message, fix in check_html(ctx.fragment.text, doc.tags):
                    ctx.report((start, end), message, fix=fix)
            return {"Document": run_html}

        text = ctx.fragment.text

        def on_call(node):
            if dev_only(node, text):
                return
            callee = R.unwrap(node.callee)
            if ctx.global_path(callee) == ("eruda", "init"):
                ctx.report(node, "eruda.init() starts the eruda debug console: remove it before release",
                           fix=remove_statement(node))
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
                ctx.report(node, "new VConsole() starts the vConsole debug console: remove it before release",
                           fix=remove_statement(node))

        def remove_statement(node):
            """Remove the statement that only starts the console: `eruda.init();`,
            `new VConsole();`, `window.vc = new VConsole();`, or `var vc = new VConsole();`
            when nothing else in the file names `vc`."""
            p = node.parent
            if p is not None and p.type == "AssignmentExpression" and p.right is node:
                p = p.parent
            elif p is not None and p.type == "VariableDeclarator" and p.init is node \
                    and p.id.type == "Identifier" and p.parent.type == "VariableDeclaration" \
                    and len(p.parent.declarations) == 1 \
                    and len(re.findall(rf"(?<![\w$.]){re.escape(p.id.name)}(?![\w$])", text)) == 1:
                p = p.parent
            if p is None or p.type not in ("ExpressionStatement", "VariableDeclaration") \
                    or p.parent is None or p.parent.type not in ("Program", "BlockStatement"):
                return None
            return fixes.replace(*fixes.removal(text, *p.range), "", "Remove the debug console")

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
