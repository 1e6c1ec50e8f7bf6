"""sdk-first-script: the HTML entry loads the Minis SDK as the first script in <head>."""
from __future__ import annotations

from minislint import fixes
from minislint.hookspec import hookimpl
from minislint.markup.scan import element_end, scan
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


def move_first(text: str, tags):
    """The fix that moves the SDK <script> element to be the first script in <head>: before the
    first script there, or at the end of <head> when it has none. None when it is already first
    or the document gives no clear place (no end tags)."""
    found = scripts(tags)
    sdk = next((t for t in found if R.sdk_src(t.get("src"))), None)
    end = element_end(tags, sdk) if sdk is not None else None
    if end is None:
        return None
    head_ends = head_end(tags, len(text))
    first = found[0] if found[0].start < head_ends else None
    if first is sdk:
        return None
    # `TTMinis.init` in the inline script right after the SDK moves with it ("call TTMinis.init
    # after the script is imported")
    after = next((t for t in tags if t.kind == "start" and t.start >= end), None)
    if after is not None and after.name == "script" and not after.has("src") and after.body \
            and "TTMinis.init" in text[after.body[0]:after.body[1]] and not text[end:after.start].strip():
        end = element_end(tags, after) or end
    element = text[sdk.start:end]
    newline = fixes.newline_of(text)
    if first is not None:
        where = first.start
        line_start, indent = fixes.line_indent(text, where)
        insert = element + (newline + indent if line_start + len(indent) == where else "")
    else:
        close = next((t for t in tags if t.kind == "end" and t.name == "head"), None)
        if close is None:
            return None
        line_start, indent = fixes.line_indent(text, close.start)
        if line_start + len(indent) == close.start:  # `</head>` on its own line: a line above it
            where, insert = line_start, fixes.line_indent(text, sdk.start)[1] + element + newline
        else:
            where, insert = close.start, element
    start, stop = fixes.removal(text, sdk.start, end)
    return fixes.Fix("Move the Minis SDK script to be the first script in <head>",
                     (fixes.Edit(where, where, insert), fixes.Edit(start, stop, "")))


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

Fix (safe, in the source entry only): moves the SDK `<script>` element, with the inline
`TTMinis.init` script right after it, before the first script in `<head>`, or to the end of
`<head>` when it has no script.

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
            move = None
            for start, end, message in check(fragment.text, doc.tags):
                if move is None and role == "source":  # the build output's copy is rebuilt, not edited
                    move = move_first(fragment.text, doc.tags) or False
                at_sdk = any(t.start == start and t.end == end and t.name == "script" for t in doc.tags)
                ctx.report((start, end), message, fix=(move or None) if at_sdk else None)

        return {"Document": run}


@hookimpl
def minislint_rules():
    return [SdkFirstScript()]
