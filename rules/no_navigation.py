"""no-navigation: leaving the app through location, window.open or cross-origin history URLs."""
import re

from minislint.hookspec import hookimpl
from minislint.js.values import last_name, unwrap
from minislint.markup.dom import UNKNOWN, static_text
from minislint.markup.urls import remote_host
from minislint.rule import Rule

# Writing any of these loads a new document; `hash` only scrolls.
_LOADING_PARTS = frozenset(("href", "pathname", "search", "host", "hostname", "port", "protocol"))
_LOCATION_CALLS = frozenset(("assign", "replace"))
_HISTORY_CALLS = frozenset(("pushState", "replaceState"))
_REFRESH_URL = re.compile(r"[;,]\s*(?:url\s*=\s*)?['\"]?\s*\S", re.I)  # "5; url=/x", "0;/x"
_TARGET_NAMES = _LOADING_PARTS | {"location"}
_CALL_NAMES = _LOCATION_CALLS | _HISTORY_CALLS | {"open"}


def location_path(path):
    """("document", "location", "href") -> ("location", "href"); other paths unchanged."""
    if path and path[:2] == ("document", "location"):
        return path[1:]
    return path


class NoNavigation(Rule):
    id = "no-navigation"
    severity = "error"
    summary = "Navigation APIs are disabled in TikTok Minis: stay inside the single-page app"
    languages = ("js", "html")
    triggers = ("location", "open", "State", "refresh", "REFRESH", "Refresh")
    precision = "high"
    tags = ("minis", "restriction")
    docs = """\
## What it does
Reports code that navigates the webview away from the running app:
- assigning the global `location`, `window.location` or `document.location`, or its `href`,
  `pathname`, `search`, `host`, `hostname`, `port` or `protocol` (each loads a new document);
- `location.assign(url)` and `location.replace(url)`;
- `window.open(...)` (and a bare global `open(...)`);
- `history.pushState` / `history.replaceState` whose URL is absolute with a host
  (`https://other.example/...`, `//other.example/...`);
- in HTML, `<meta http-equiv="refresh" content="0; url=...">` (a refresh without a URL only
  reloads the page and is fine).

What a single-page app legitimately does stays clean, and this is the boundary:
- reading the location: `location.search`, `location.hash`, `location.pathname`, `new URL(location.href)`;
- `location.reload()`, writing `location.hash`, and `location.href = "#section"` (same document);
- routers: `history.pushState(state, "", "/episodes/2")` with a relative or root path, or a
  URL computed at run time (routers build it from the current origin), and `history.back()` /
  `go()` / `forward()`, which move within the app's own history;
- a local `location`, such as a router's `const location = useLocation()`, or a parameter.
Links (`<a href>`) are not checked: the platform decides what a tap on a link does.

## Why is this bad?
The upload scan disables "APIs related to navigation": a Minis app is one page inside TikTok,
and loading another document (or opening a window) leaves it.

## Example
```js
window.location.href = "https://shop.example.com/checkout";
```

## Use instead
Keep the user inside the app: route with the app's router (`router.push("/checkout")`) and
use TikTok Minis capabilities (for example `TTMinis.pay`) instead of external pages.
"""

    def create(self, ctx):
        if ctx.fragment.language == "html":
            return {"StartTag": self._meta_refresh(ctx)}

        def same_document(node):
            text = static_text(node, ctx) if node is not None else None
            return bool(text) and text.startswith("#")

        def assignment(node):
            if last_name(node.left, ctx.fold) not in _TARGET_NAMES:
                return
            path = location_path(ctx.global_path(node.left))
            if not path or path[0] != "location" or len(path) > 2:
                return
            if len(path) == 2 and path[1] not in _LOADING_PARTS:
                return
            if node.operator == "=" and len(path) <= 2 and path[-1] in ("location", "href") \
                    and same_document(node.right):
                return
            ctx.report(node.left, f"assigning `{'.'.join(path)}` navigates away from the app: "
                                  "navigation APIs are disabled in TikTok Minis")

        def call(node):
            callee = unwrap(node.callee)
            if last_name(callee, ctx.fold) not in _CALL_NAMES:
                return
            path = location_path(ctx.global_path(callee))
            if not path:
                return
            if path == ("open",):
                ctx.report(callee, "window.open() leaves the app: navigation APIs are disabled in "
                                   "TikTok Minis")
            elif len(path) == 2 and path[0] == "location" and path[1] in _LOCATION_CALLS:
                if node.arguments and same_document(node.arguments[0]):
                    return
                ctx.report(callee, f"location.{path[1]}() navigates away from the app: navigation "
                                   "APIs are disabled in TikTok Minis")
            elif len(path) == 2 and path[0] == "history" and path[1] in _HISTORY_CALLS:
                if len(node.arguments) < 3:
                    return
                text = static_text(node.arguments[2], ctx)
                if text is None:
                    return
                known = text.split(UNKNOWN, 1)[0]
                host = remote_host(known, partial=known != text)
                if host:
                    ctx.report(node.arguments[2],
                               f"history.{path[1]}() to another origin ({host}) leaves the app: "
                               "navigation APIs are disabled in TikTok Minis")

        return {"AssignmentExpression": assignment, "CallExpression": call}

    @staticmethod
    def _meta_refresh(ctx):
        def start_tag(tag):
            if tag.name != "meta" or (tag.get("http-equiv") or "").strip().lower() != "refresh":
                return
            content = tag.attr("content")
            if content is not None and _REFRESH_URL.search(content.value or ""):
                ctx.report((content.value_start, content.value_end),
                           '<meta http-equiv="refresh"> with a URL loads another document: '
                           "navigation is disabled in TikTok Minis")
        return start_tag


@hookimpl
def minislint_rules():
    return [NoNavigation()]
