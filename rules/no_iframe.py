"""no-iframe: <iframe>, <frame> and <frameset> in markup, JSX, createElement and HTML strings."""
from minislint.hookspec import hookimpl
from minislint.markup.dom import html_tags, is_html_element
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
- intrinsic JSX elements `<iframe>` (`<Iframe>` is a React component), and what compilers turn
  them into: JSX runtime calls (`jsx("iframe", {...})`, `React.createElement("iframe")`) and Vue
  render helpers (`createElementVNode("iframe")`, `createElementBlock`), also when the runtime is
  imported under a one-letter name or inlined in the bundle (a local `jsx` function that is not a
  runtime is not one);
- `document.createElement("iframe")` (also `createElementNS`), with the tag folded from
  constants;
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

        elements = ctx.values.elements

        def call(node):
            element = elements.created(node)
            if element is None:
                html_sink(node)
            elif element.tag in FRAMES:
                prefix = f'document.createElement("{element.tag}"): ' if element.kind == "dom" else ""
                ctx.report(element.where, prefix + _message(element.tag))

        def html_sink(node):
            for value, tag in html_tags(node, ctx):
                if tag.name in FRAMES:
                    ctx.report(value, f"this HTML string creates <{tag.name}>, which TikTok Minis "
                                      "does not support")
                    return

        def jsx(node):
            element = elements.created(node)
            if element is not None and element.tag in FRAMES:
                ctx.report(node, _message(element.tag))

        return {"CallExpression": call, "AssignmentExpression": html_sink, "Property": html_sink,
                "JSXOpeningElement": jsx}


@hookimpl
def minislint_rules():
    return [NoIframe()]
