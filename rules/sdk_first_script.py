"""sdk-first-script: the HTML entry loads the Minis SDK as the first script in <head>."""
from __future__ import annotations

from minislint.hookspec import hookimpl
from minislint.markup.scan import scan
from minislint.minis import readiness as R
from minislint.rule import Rule

# Elements the HTML parser keeps in <head>; any other start tag opens <body> implicitly.
_HEAD_ELEMENTS = frozenset(("html", "head", "meta", "link", "title", "style", "script", "base",
                            "noscript", "template"))


def head_end(tags, text_len: int) -> int:
    """Offset where <head> ends: its end tag, <body>, or the first tag only <body> can hold."""
    for t in tags:
        if t.kind == "end" and t.name == "head":
            return t.start
        if t.kind == "start" and t.name not in _HEAD_ELEMENTS:
            return t.start
    return text_len


def scripts(tags):
    """Executable <script> start tags, in document order."""
    return [t for t in tags if t.kind == "start" and t.name == "script" and R.is_js_script(t.get("type"))]


def check(text: str, tags=None):
    """Problems with the SDK script of an HTML entry: [(start, end, message)]."""
    tags = scan(text) if tags is None else tags
    found = scripts(tags)
    sdk = next((t for t in found if R.sdk_src(t.get("src"))), None)
    out = []
    if sdk is None:
        starts = [t for t in tags if t.kind == "start"]
        head = next((t for t in starts if t.name == "head"), None) or next(
            (t for t in starts if t.name == "html"), None)
        where = (head.start, head.end) if head else (0, 0)
        out.append((*where, f'the Minis SDK is not loaded: add <script src="{R.SDK_URL}"></script> as '
                            "the first script in <head> (the Minis CLI and the upload scan require it)"))
        return out
    at = (sdk.start, sdk.end)
    src_attr = sdk.attr("src")
    if R.sdk_src(sdk.get("src")) == "insecure":
        out.append((src_attr.value_start, src_attr.value_end,
                    f"load the Minis SDK over https: {R.SDK_URL}"))
    if sdk.start >= head_end(tags, len(text)):
        out.append((*at, "the Minis SDK script is in <body>: it must be the first script in <head>"))
    else:
        before = [t for t in found if t.start < sdk.start]
        if before:
            first = before[0]
            what = f'"{first.get("src")}"' if first.get("src") else "an inline script"
            out.append((*at, f"the Minis SDK must be the first script in <head>; {what} runs before it"))
    for name in ("async", "defer"):
        a = sdk.attr(name)
        if a is not None:
            out.append((a.name_start, a.name_end,
                        f"the Minis SDK script must not be `{name}`: TTMinis.init in the next script "
                        "would run before the SDK has loaded"))
    if sdk.get("type", "").strip().lower() == "module":
        a = sdk.attr("type")
        out.append((a.name_start, a.value_end or a.name_end,
                    'the Minis SDK is a classic script: `type="module"` defers it past TTMinis.init'))
    return out


class SdkFirstScript(Rule):
    id = "sdk-first-script"
    severity = "error"
    summary = "The HTML entry must load the Minis SDK as the first script in <head>"
    tags = ("minis", "readiness")
    precision = "very-high"
    languages = ("html",)
    docs = f"""\
## What it does
Checks the app's HTML entry (`build.htmlEntry` of `minis.config.json`, default
`public/index.html`, and its copy at the top of the build output) for
`<script src="{R.SDK_URL}">` as the first script in `<head>`: present, in `<head>`, no other
script before it, loaded over https, and neither `async`, `defer` nor `type="module"`.
Scripts that the browser does not run (`type="application/ld+json"`, `importmap`, templates)
do not count. Without a `minis.config.json`, every file named `index.html` is taken as an entry.

## Why is this bad?
TikTok's docs say to "introduce TikTok Minis SDK to the first script tag" and call
`TTMinis.init` right after it, "otherwise the SDK will not be injected and the call will fail".
The Minis CLI's dev server refuses to start without it, and the upload scan rejects a package
whose SDK is not initialised.

## Example
```html
<head>
  <script src="/assets/vendor.js"></script>
  <script src="https://connect.tiktok-minis.com/drama/sdk.js" async></script>
</head>
```

## Use instead
```html
<head>
  <script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>
  <script>TTMinis.init({{ clientKey: "awx..." }});</script>
  <script src="/assets/vendor.js"></script>
</head>
```
"""

    def create(self, ctx):
        fragment = ctx.fragment

        def run(doc):
            role = R.html_entry_role(fragment.file.path, getattr(ctx, "settings", None))
            if fragment.meta.get("vue") or role is None:
                return
            for start, end, message in check(fragment.text, doc.tags):
                ctx.report((start, end), message)

        return {"Document": run}


@hookimpl
def minislint_rules():
    return [SdkFirstScript()]
