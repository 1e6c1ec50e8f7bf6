"""no-foreign-script: scripts loaded from another host, in markup and in JavaScript."""
from minislint.hookspec import hookimpl
from minislint.js.values import last_name, unwrap
from minislint.markup.dom import UNKNOWN, html_tags, static_text
from minislint.markup.urls import foreign_host
from minislint.minis.readiness import SDK_HOST, is_js_script
from minislint.rule import Rule

_WORKERS = {("Worker",), ("SharedWorker",)}


def _message(host, what="script"):
    return (f"{what} loaded from another host ({host}): TikTok Minis only runs the app's own "
            "scripts (apart from the Minis SDK)")


def rel_tokens(tag):
    return (tag.get("rel") or "").lower().split()


def markup_script_url(tag):
    """The attribute of a start tag that loads a script, or None."""
    if tag.name == "script" and is_js_script(tag.get("type")):
        # an SVG <script> loads from href / xlink:href
        return tag.attr("src") or tag.attr("href") or tag.attr("xlink:href")
    if tag.name == "link":
        rel = rel_tokens(tag)
        if "modulepreload" in rel or ("preload" in rel and (tag.get("as") or "").lower() == "script"):
            return tag.attr("href")
    return None


class NoForeignScript(Rule):
    id = "no-foreign-script"
    severity = "error"
    summary = "Scripts must come from the app itself (the Minis SDK host excepted)"
    languages = ("html", "js")
    triggers = ("//", "\\")
    precision = "high"
    tags = ("minis", "restriction", "security")
    options = {"allowed_hosts": [SDK_HOST]}
    docs = """\
## What it does
Reports scripts that come from another host: an absolute (`https://cdn.example/x.js`) or
protocol-relative (`//cdn.example/x.js`) URL whose host is not allowed. Relative and root paths
(`./x.js`, `/assets/x.js`) are the app's own files and are fine, as are `data:` and `blob:`
URLs. Checked in:
- HTML: `<script src>` (executable types only; `href` / `xlink:href` of an SVG `<script>`),
  `<link rel="modulepreload">` and
  `<link rel="preload" as="script">`;
- JavaScript, inline or in files: `import` / `export ... from` / `import()` of a remote URL,
  `importScripts(url)`, `new Worker(url)` / `new SharedWorker(url)`; a script injected at run
  time (`document.createElement("script")` whose `src` is set, by `.src =`,
  `setAttribute("src", ...)` or `Object.assign(el, { src })`, to a remote URL; the same for a
  `<link rel="modulepreload">`; JSX `<script src>` and its compiled `jsx("script", { src })`; `document.write`, `innerHTML`, `insertAdjacentHTML` strings with such a
  `<script>` or `<link>`). URLs built from constants and template literals count when their
  host is known (`` `https://cdn.example/${v}.js` ``).

The TikTok SDK host `connect.tiktok-minis.com` is allowed. The option `allowed_hosts` lists
allowed hosts (`.example.com` or `*.example.com` allow subdomains); setting it replaces the
default, so keep the SDK host in it:
```toml
[tool.minislint.rules.no-foreign-script]
allowed_hosts = ["connect.tiktok-minis.com", "static.my-app.example"]
```

## Why is this bad?
Apart from fonts, the `src` of scripts may only be the app's own resources (development
restriction 4), and the upload scan rejects scripts imported from other sources "to prevent
bypassing platform reviews and arbitrary updates".

## Example
```html
<script src="https://cdn.jsdelivr.net/npm/lodash@4/lodash.min.js"></script>
```

## Use instead
Install the library and bundle it, or copy the file into the app and load it by a relative path:
```html
<script src="./vendor/lodash.min.js"></script>
```
"""

    def candidates(self, options):
        """The URL's `//` or `\\`, and the element's creation: the value service follows the element
        to attributes set later, and the finding is at the `createElement` call."""
        return self.triggers + ("createElement", "jsx", "createElementVNode", "h(")

    def create(self, ctx):
        allowed = ctx.options.get("allowed_hosts") or ()

        def check_attr(attr, what="script"):
            if attr is not None and attr.value is not None:
                host = foreign_host(attr.value, allowed)
                if host:
                    ctx.report((attr.value_start, attr.value_end), _message(host, what))

        if ctx.fragment.language == "html":
            if ctx.fragment.meta.get("vue"):
                # Vue drops <script> in templates; only preload links load anything.
                def start_tag(tag):
                    if tag.name == "link":
                        check_attr(markup_script_url(tag))
            else:
                def start_tag(tag):
                    check_attr(markup_script_url(tag))
            return {"StartTag": start_tag}

        def check_url(node, what="script"):
            if node is None:
                return
            text = static_text(node, ctx)
            if text is None:
                return
            known = text.split(UNKNOWN, 1)[0]
            host = foreign_host(known, allowed, partial=known != text)
            if host:
                ctx.report(node, _message(host, what))

        def module_source(node):
            check_url(getattr(node, "source", None), "module")

        elements = ctx.values.elements

        def element(node):
            """A script (or script preload) made in code, and the URL it is given afterwards."""
            made = elements.created(node)
            if made is None or made.tag not in ("script", "link"):
                return made is not None
            attrs = elements.attributes(made)
            if made.tag == "link":
                rel = " ".join(ctx.fold(v) or "" for name, v in attrs if name == "rel").lower().split()
                as_ = " ".join(ctx.fold(v) or "" for name, v in attrs if name == "as").lower()
                if "modulepreload" not in rel and not ("preload" in rel and as_ == "script"):
                    return True
                wanted = ("href",)
            elif last_name(getattr(node, "callee", None)) == "createElementNS":
                wanted = ("src", "href", "xlink:href")  # an SVG <script> loads from href
            else:
                wanted = ("src",)
            for name, value in attrs:
                if name in wanted:
                    check_url(value)
            return True

        def call(node):
            callee = unwrap(node.callee)
            if callee is None:
                return
            if callee.type == "Import":  # esprima2: import(x) is a call whose callee is Import
                check_url(node.arguments[0] if node.arguments else None, "module")
                return
            if callee.type == "Identifier" and callee.name == "importScripts" \
                    and ctx.global_path(callee) == ("importScripts",):
                for arg in node.arguments:
                    check_url(arg)
                return
            if not element(node):
                html_sink(node)

        def html_sink(node):
            for value, tag in html_tags(node, ctx):
                attr = markup_script_url(tag)
                if attr is not None and attr.value:
                    host = foreign_host(attr.value.split(UNKNOWN, 1)[0], allowed,
                                        partial=UNKNOWN in attr.value)
                    if host:
                        ctx.report(value, "this HTML string adds a " + _message(host))
                        return

        def new(node):
            if last_name(node.callee, ctx.fold) in ("Worker", "SharedWorker") and node.arguments \
                    and ctx.global_path(unwrap(node.callee)) in _WORKERS:
                check_url(node.arguments[0], "worker script")

        return {"ImportDeclaration": module_source, "ExportNamedDeclaration": module_source,
                "ExportAllDeclaration": module_source, "ImportExpression": module_source,
                "CallExpression": call, "NewExpression": new, "AssignmentExpression": html_sink,
                "Property": html_sink, "JSXOpeningElement": element}


@hookimpl
def minislint_rules():
    return [NoForeignScript()]
