"""sdk-init: TTMinis.init({ clientKey }) runs after the SDK script and before any other TTMinis call."""
from __future__ import annotations

from minislint.hookspec import hookimpl
from minislint.languages import ParseError
from minislint.minis import readiness as R
from minislint.rule import Rule

_HTML_SUFFIXES = (".html", ".htm")


def top_level_calls(tree, services):
    """(method, call node) for each TTMinis call that runs while the script runs, in source order."""
    calls = []
    for node in R.descendants(tree):
        if node.type == "CallExpression":
            name = R.ttminis_method(node.callee, services.global_path)
            if name and R.runs_at_top_level(node):
                calls.append((name, node))
    calls.sort(key=lambda c: c[1].range[0])
    return calls


def _calls_init(tree, services) -> bool:
    return any(n.type == "CallExpression" and R.ttminis_method(n.callee, services.global_path) == "init"
               for n in R.descendants(tree))


def init_problem(call, fold):
    """Message when `TTMinis.init(...)` lacks a clientKey, else None."""
    if not call.arguments:
        return "TTMinis.init() needs { clientKey }: the SDK is not initialised without it"
    arg = call.arguments[0]
    if R.unwrap(arg).type != "ObjectExpression":
        return None  # a variable: not known here
    key = R.prop(arg, "clientKey", fold)
    if key is None:
        if R.has_spread(arg):
            return None
        return "TTMinis.init({...}) has no clientKey: the SDK is not initialised without it"
    if fold(key) is not None and not fold(key).strip():
        return "TTMinis.init is given an empty clientKey"
    return None


def check_html(doc):
    """Order of SDK, init and other TTMinis calls in an HTML entry: [(where, fragment, message)]
    with `where` a node or (start, end) of `fragment` (None: the page itself)."""
    scripts = {id(s.tag): s for s in doc.scripts}
    sdk = None
    init_seen = False
    out = []
    for tag in doc.tags:
        if tag.kind != "start" or tag.name != "script" or not R.is_js_script(tag.get("type")):
            continue
        src = tag.get("src")
        if src is not None:
            # Another file's init is not counted: the Minis CLI injects init inline and checks its
            # clientKey there, and a rule that read other files would outlive the findings cache.
            if sdk is None and R.sdk_src(src):
                sdk = tag
            continue
        script = scripts.get(id(tag))
        if script is None or not script.fragment.text:
            continue
        try:
            tree, services = script.tree, script.services
        except (ParseError, RecursionError):
            continue  # syntax-error reports it
        for name, call in top_level_calls(tree, services):
            if name == "init":
                if sdk is None:
                    out.append((call, script.fragment, "TTMinis.init runs before the Minis SDK script is "
                                                       "loaded: put the SDK <script> first"))
                init_seen = True
            elif not init_seen:
                out.append((call, script.fragment, f"TTMinis.{name} is called before TTMinis.init: every "
                                                   "SDK call needs init first"))
        # An init deferred into a handler (`window.onload = () => TTMinis.init(...)`) is still an
        # init: only its order is unknown.
        init_seen = init_seen or (sdk is not None and _calls_init(tree, services))
    if sdk is not None and not init_seen:
        out.append(((sdk.start, sdk.end), None,
                    "TTMinis.init({ clientKey }) is never called after the Minis SDK script: call it "
                    "in an inline <script> right after it (the upload scan rejects an app whose SDK is "
                    "not initialised)"))
    return out


class SdkInit(Rule):
    id = "sdk-init"
    severity = "error"
    summary = "TTMinis.init({ clientKey }) must run after the SDK script, before any other TTMinis call"
    tags = ("minis", "readiness")
    precision = "high"
    languages = ("html", "js")
    triggers = ("TTMinis", "connect.tiktok-minis.com")
    docs = """\
## What it does
In the HTML entry (`build.htmlEntry`, and its copy in the build output): reports a Minis SDK
script that is never followed by `TTMinis.init(...)` in an inline script, an init that runs
before the SDK script, and any other `TTMinis.*` call in an inline script that runs before the
init. The init must be inline, where `ttdx minis init` writes it and where the Minis CLI checks
its `clientKey` against `minis.config.json`; an init in another file does not count.

In every JavaScript file and inline script: `TTMinis.init()` without a `clientKey` (or with an
empty one), and, in a JS file that calls init itself, a `TTMinis.*` call that runs at the top
level before that init. Calls inside functions run later and are not ordered.

## Why is this bad?
Every SDK call needs `init` first ("call TTMinis() after the script is imported, otherwise the
SDK will not be injected and the call will fail"), the CLI's dev server refuses to start
without it, and the upload scan rejects a package whose SDK is not initialised.

## Example
```html
<script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>
<script>TTMinis.login({ success: onLogin });</script>
```

## Use instead
```html
<script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>
<script>
  TTMinis.init({ clientKey: "awx..." });
  TTMinis.login({ success: onLogin });
</script>
```
"""

    def create(self, ctx):
        fragment = ctx.fragment
        if fragment.language == "html":
            def run_html(doc):
                role = R.html_entry_role(fragment.file.path, getattr(ctx, "settings", None))
                if not fragment.meta.get("vue") and role is not None:
                    for where, script, message in check_html(doc):
                        ctx.report(where, message, fragment=script)
            return {"Document": run_html}

        in_html = fragment.file.path.suffix.lower() in _HTML_SUFFIXES
        calls = []

        def on_call(node):
            name = R.ttminis_method(node.callee, ctx.global_path)
            if name is None:
                return
            if name == "init":
                problem = init_problem(node, ctx.fold)
                if problem:
                    ctx.report(node, problem)
            if not in_html and R.runs_at_top_level(node):
                calls.append((name, node))

        def on_exit(_node):
            inits = [c for n, c in calls if n == "init"]
            if not inits:
                return
            first = min(c.range[0] for c in inits)
            for name, call in calls:
                if name != "init" and call.range[0] < first:
                    ctx.report(call, f"TTMinis.{name} is called before TTMinis.init: every SDK call "
                                     "needs init first")

        return {"CallExpression": on_call, "Program:exit": on_exit}


@hookimpl
def minislint_rules():
    return [SdkInit()]
