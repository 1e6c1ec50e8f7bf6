"""no-foreign-stylesheet: style sheets from another host (font services excepted)."""
from minislint.hookspec import hookimpl
from minislint.markup.dom import UNKNOWN, html_tags, static_text
from minislint.markup.urls import foreign_host
from minislint.rule import Rule

FONT_SERVICES = ["fonts.googleapis.com", "use.typekit.net"]


def _message(host):
    return (f"style sheet loaded from another host ({host}): TikTok Minis only allows the app's "
            "own style sheets (font services excepted)")


def markup_stylesheet_url(tag):
    """The href of a <link> that loads a style sheet, or None."""
    if tag.name != "link":
        return None
    rel = (tag.get("rel") or "").lower().split()
    if "stylesheet" in rel or ("preload" in rel and (tag.get("as") or "").lower() == "style"):
        return tag.attr("href")
    return None


class NoForeignStylesheet(Rule):
    id = "no-foreign-stylesheet"
    severity = "error"
    summary = "Style sheets must come from the app itself (font services excepted)"
    languages = ("html", "css", "js")
    triggers = ("//", "\\")
    precision = "high"
    tags = ("minis", "restriction")
    options = {"allowed_hosts": list(FONT_SERVICES)}
    docs = """\
## What it does
Reports style sheets that come from another host (an absolute or protocol-relative URL):
- `<link rel="stylesheet" href>` (also `rel="alternate stylesheet"` and
  `<link rel="preload" as="style">`) in HTML files and Vue templates;
- `@import` in both forms, `@import "https://..."` and `@import url(https://...)`, in CSS
  files, `<style>` blocks and Vue `<style>` blocks (any `lang`);
- HTML strings with such a `<link>` written through `innerHTML`, `insertAdjacentHTML`,
  `document.write`;
- such a `<link>` made in code: `document.createElement("link")` given `rel` and `href`
  (`.rel =`, `setAttribute`, `Object.assign`), JSX `<link rel="stylesheet" href>` and its
  compiled forms.

Fonts are the documented exception: `url()` inside `@font-face` is never reported, and style
sheets from the font services in the option `allowed_hosts` are fine (default: Google Fonts'
`fonts.googleapis.com` and Adobe Fonts' `use.typekit.net`). `url()` in ordinary properties
(a background image from a CDN) is not a style sheet and is not reported here. Setting
`allowed_hosts` replaces the default list:
```toml
[tool.minislint.rules.no-foreign-stylesheet]
allowed_hosts = ["fonts.googleapis.com", "use.typekit.net", "fonts.bunny.net"]
```

## Why is this bad?
Apart from fonts, the `src` of scripts and CSS may only be the app's own resources
(development restriction 4): a remote style sheet can change the app after review.

## Example
```css
@import url("https://cdn.jsdelivr.net/npm/normalize.css/normalize.css");
```

## Use instead
Bundle the style sheet (`import "normalize.css"` in the app's entry) or copy it into the app
and import it by a relative path.
"""

    def candidates(self, options):
        """The URL's `//` or `\\`, and the element's creation: the value service follows the element
        to attributes set later, and the finding is at the `createElement` call."""
        return self.triggers + ("createElement", "jsx", "createElementVNode", "h(")

    def create(self, ctx):
        allowed = ctx.options.get("allowed_hosts") or ()
        language = ctx.fragment.language

        if language == "css":
            def css_import(url):
                host = foreign_host(url.url, allowed)
                if host:
                    ctx.report(url, _message(host))
            return {"Import": css_import}

        if language == "html":
            def start_tag(tag):
                attr = markup_stylesheet_url(tag)
                if attr is not None and attr.value:
                    host = foreign_host(attr.value, allowed)
                    if host:
                        ctx.report((attr.value_start, attr.value_end), _message(host))
            return {"StartTag": start_tag}

        def html_sink(node):
            for value, tag in html_tags(node, ctx):
                attr = markup_stylesheet_url(tag)
                if attr is not None and attr.value:
                    host = foreign_host(attr.value.split(UNKNOWN, 1)[0], allowed,
                                        partial=UNKNOWN in attr.value)
                    if host:
                        ctx.report(value, "this HTML string adds a " + _message(host))
                        return

        elements = ctx.values.elements

        def element(node):
            """A `<link rel="stylesheet">` made in code or JSX, and the href it is given."""
            made = elements.created(node)
            if made is None:
                return False
            if made.tag == "link":
                attrs = elements.attributes(made)
                rel = " ".join(ctx.fold(v) or "" for name, v in attrs if name == "rel").lower().split()
                as_ = " ".join(ctx.fold(v) or "" for name, v in attrs if name == "as").lower()
                if "stylesheet" in rel or ("preload" in rel and as_ == "style"):
                    for name, value in attrs:
                        text = static_text(value, ctx) if name == "href" else None
                        known = text.split(UNKNOWN, 1)[0] if text else None
                        host = foreign_host(known, allowed, partial=known != text) if known else None
                        if host:
                            ctx.report(value, _message(host))
            return True

        def call(node):
            if not element(node):
                html_sink(node)

        return {"CallExpression": call, "AssignmentExpression": html_sink,
                "Property": html_sink, "JSXOpeningElement": element}


@hookimpl
def minislint_rules():
    return [NoForeignStylesheet()]
