"""no-native-video: native <video> is replaced by a blocked UI unless played via TTMinis.getPlayer()."""
from minislint.hookspec import hookimpl
from minislint.markup.dom import html_tags, is_html_element
from minislint.rule import Rule

MESSAGE = ("native <video> is replaced by a blocked UI in TikTok Minis: play video through "
           "TTMinis.getPlayer()")


class NoNativeVideo(Rule):
    id = "no-native-video"
    severity = "warning"
    summary = "Native `<video>` is blocked in TikTok Minis; use `TTMinis.getPlayer()`"
    languages = ("html", "js")
    triggers = ("video", "VIDEO")
    precision = "high"
    tags = ("minis", "video")
    docs = """\
## What it does
Reports native video elements that enter the page or play: `<video>` start tags in HTML files
and Vue templates (a mixed-case `<Video>` in a Vue template is a component), intrinsic JSX
`<video>` and its compiled forms (`jsx("video", ...)`, `React.createElement("video")`, Vue's
`createElementVNode("video")`, through an imported or inlined runtime),
`document.createElement("video")`, and HTML strings with a `<video>` tag written through
`innerHTML`, `outerHTML`, `insertAdjacentHTML`, `document.write` or `dangerouslySetInnerHTML`.
A video made only to ask what the browser can play is not one: every use of it is an `in` test,
a property read or `canPlayType()` (`"canPlayType" in document.createElement("video")`, as
plyr, video.js and xgplayer do).
Third-party players (video.js, xgplayer, ...) create a `<video>` themselves; they are caught in
the bundle that ships them.

## Why is this bad?
TikTok replaces native `<video>` and third-party players with a blocked UI: playback has to go
through the Minis player, `TTMinis.getPlayer()` (developers.tiktok.com/docs/en/minis-player).
The player is a pilot programme, so this is a warning, not an error.

## Example
```html
<video src="/episodes/1.mp4" controls></video>
```

## Use instead
```js
const player = TTMinis.getPlayer();
```
"""

    def create(self, ctx):
        if ctx.fragment.language == "html":
            vue = bool(ctx.fragment.meta.get("vue"))
            text = ctx.fragment.text

            def start_tag(tag):
                if tag.name == "video" and is_html_element(tag, text, vue):
                    ctx.report(tag, MESSAGE)
            return {"StartTag": start_tag}

        elements = ctx.values.elements

        def call(node):
            element = elements.created(node)
            if element is None:
                html_sink(node)
            elif element.tag == "video" and not elements.is_probe(element):
                ctx.report(element.where, MESSAGE)

        def html_sink(node):
            for value, tag in html_tags(node, ctx):
                if tag.name == "video":
                    ctx.report(value, "this HTML string creates a " + MESSAGE)
                    return

        def jsx(node):
            element = elements.created(node)
            if element is not None and element.tag == "video":
                ctx.report(node, MESSAGE)

        return {"CallExpression": call, "AssignmentExpression": html_sink, "Property": html_sink,
                "JSXOpeningElement": jsx}


@hookimpl
def minislint_rules():
    return [NoNativeVideo()]
