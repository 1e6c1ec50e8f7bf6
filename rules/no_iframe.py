"""no-iframe: <iframe>, <frame> and <frameset> in markup, JSX, createElement and HTML strings."""
from minislint.hookspec import hookimpl
from minislint.markup.dom import created_element, html_tags, is_html_element, jsx_element
from minislint.rule import Rule

FRAMES = frozenset(("iframe", "frame", "frameset"))


def _message(name):
    return f"<{name}> is not supported in TikTok Minis"


class NoIframe(Rule):
    id = "no-iframe"
    severity = "error"
    summary = "`<iframe>` (and `<frame>`, `<frameset>`) is not supported in TikTok Minis"
    languages = ("html", "js")
    triggers = ("iframe", "IFRAME", "frame", "FRAME", "Frame", "IFrame", "Iframe")
    precision = "high"
    tags = ("minis", "restriction")
    docs = """\
## What it does
Reports frames wherever an app creates them:
- `<iframe>`, `<frame>` and `<frameset>` start tags in HTML files (any letter case) and in Vue
  templates (lower or upper case; a mixed-case `<IFrame>` or `<Frame>` in a Vue template is a
  component, as Vue resolves components by PascalCase);
- intrinsic JSX elements `<iframe>` (`<Iframe>` is a React component);
- `document.createElement("iframe")` (also `createElementNS`);
- HTML strings that contain a frame tag, written through `innerHTML`, `outerHTML`,
  `insertAdjacentHTML`, `document.write` / `writeln` or React's `dangerouslySetInnerHTML`.
  The string is read as HTML, so `<div title="<iframe>">` or a class named `iframe-wrapper`
  is not a frame.

## Why is this bad?
TikTok Minis does not support `iframe` (development restriction 5): the webview does not
render it, so embedded content silently disappears, and the review may reject the package.

## Example
```html
<iframe src="https://www.youtube.com/embed/xyz"></iframe>
```

## Use instead
Render the content in the app itself; for video use `TTMinis.getPlayer()`.
"""

    def create(self, ctx):
        if ctx.fragment.language == "html":
            vue = bool(ctx.fragment.meta.get("vue"))
            text = ctx.fragment.text

            def start_tag(tag):
                if tag.name in FRAMES and is_html_element(tag, text, vue):
                    ctx.report(tag, _message(tag.name))
            return {"StartTag": start_tag}

        def call(node):
            name = created_element(node, ctx)
            if name in FRAMES:
                ctx.report(node, f'document.createElement("{name}"): ' + _message(name))
            else:
                html_sink(node)

        def html_sink(node):
            for value, tag in html_tags(node, ctx):
                if tag.name in FRAMES:
                    ctx.report(value, f"this HTML string creates <{tag.name}>, which TikTok Minis "
                                      "does not support")
                    return

        def jsx(node):
            name = jsx_element(node)
            if name in FRAMES:
                ctx.report(node, _message(name))

        return {"CallExpression": call, "AssignmentExpression": html_sink, "Property": html_sink,
                "JSXOpeningElement": jsx}


@hookimpl
def minislint_rules():
    return [NoIframe()]
