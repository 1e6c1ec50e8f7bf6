"""no-forbidden-api: clipboard, geolocation, vibration (and any APIs a project adds)."""
from minislint.hookspec import hookimpl
from minislint.js.ast import is_reference
from minislint.js.scope import pattern_names
from minislint.js.values import GLOBAL_OBJECTS, last_name, unwrap
from minislint.rule import Rule

APIS = ["navigator.clipboard", "ClipboardItem", "navigator.geolocation", "navigator.vibrate"]
EXEC_COMMANDS = ["copy", "cut", "paste"]
LABELS = {("navigator", "clipboard"): "clipboard", ("ClipboardItem",): "clipboard",
          ("navigator", "geolocation"): "geolocation", ("navigator", "vibrate"): "vibration"}


def api_path(dotted) -> tuple:
    """"window.navigator.share" -> ("navigator", "share")."""
    parts = [p for p in str(dotted).strip().split(".") if p]
    while parts and parts[0] in GLOBAL_OBJECTS:
        parts.pop(0)
    return tuple(parts)


class NoForbiddenApi(Rule):
    id = "no-forbidden-api"
    severity = "error"
    summary = "Web APIs TikTok Minis forbids: clipboard, geolocation, vibration"
    languages = ("js",)
    triggers = ()  # the roots depend on the options; create() skips fragments without them
    precision = "high"
    tags = ("minis", "restriction")
    options = {"apis": list(APIS), "extra_apis": [], "exec_commands": list(EXEC_COMMANDS)}
    docs = """\
## What it does
Reports the web APIs TikTok Minis forbids, wherever the code reaches them from the global
object:
- clipboard: `navigator.clipboard.*`, `ClipboardItem`, and `document.execCommand("copy")`,
  `"cut"` and `"paste"`;
- geolocation: `navigator.geolocation.*`;
- vibration: `navigator.vibrate()`.

Any path to the global counts: `window.navigator.clipboard`, `globalThis["navigator"]`,
`const nav = navigator; nav.vibrate(50)`, `const { clipboard } = navigator`. A local binding
never does: in `function f(navigator) { navigator.clipboard }` the parameter is not the
browser's navigator. Feature checks (`if (navigator.vibrate)`) are reported too: the upload
scan looks for the API, not for the call.

TikTok's full list (the "Web API sensitivity inventory") is not public; the documented examples
are "clipboard, location, and vibration", and "location" is read as geolocation (navigation has
its own rule, `no-navigation`). The list is data: `apis` holds the defaults, `extra_apis` adds
to them, `exec_commands` lists the forbidden `execCommand` commands:
```toml
[tool.minislint.rules.no-forbidden-api]
extra_apis = ["navigator.share", "navigator.contacts"]
```

## Why is this bad?
"Some web APIs are forbidden, such as clipboard, location, and vibration" (development
restriction 6), and packages that use APIs on the sensitivity inventory can be rejected at upload.

## Example
```js
await navigator.clipboard.writeText(code);
```

## Use instead
Show the text so the user can copy it, or use a TikTok Minis SDK capability where one exists.
"""

    def candidates(self, options):
        """Each API's root and last name (`navigator`, `vibrate`) and `execCommand`."""
        apis = {api_path(a) for a in list(options.get("apis") or ()) + list(options.get("extra_apis") or ())}
        words = {a[0] for a in apis if a} | {a[-1] for a in apis if a}
        if options.get("exec_commands"):
            words.add("execCommand")
        return tuple(sorted(words))

    def create(self, ctx):
        opts = ctx.options
        apis = {api_path(a) for a in list(opts.get("apis") or ()) + list(opts.get("extra_apis") or ())}
        apis.discard(())
        commands = {str(c).lower() for c in opts.get("exec_commands") or ()}
        text = ctx.fragment.text
        roots = {a[0] for a in apis}
        last_names = {a[-1] for a in apis}
        if not any(r in text for r in roots) and not (commands and "execCommand" in text):
            return {}

        def message(path):
            label = LABELS.get(path)
            what = f" ({label})" if label else ""
            return f"`{'.'.join(path)}`{what} is a forbidden web API in TikTok Minis"

        def member(node):
            name = ctx.fold(node.property) if node.computed else node.property.name
            if name not in last_names:  # cheap test before the global path
                return
            path = ctx.global_path(node)
            if path in apis:
                ctx.report(node, message(path))

        def identifier(node):
            # only the global itself: a local alias is reported where it was taken
            if (node.name,) in apis and is_reference(node) and ctx.scope.resolve(node) is None:
                ctx.report(node, message((node.name,)))

        def destructure(pattern, source):
            if pattern is None or pattern.type != "ObjectPattern" or source is None:
                return
            base = ctx.global_path(source)
            if base is None:
                return
            for ident, path in pattern_names(pattern):
                if path is None:
                    continue
                full = base + path
                hit = next((full[:i] for i in range(1, len(full) + 1) if full[:i] in apis), None)
                if hit:
                    ctx.report(ident, message(hit))

        def declarator(node):
            destructure(node.id, node.init)

        def assignment(node):
            if node.left.type == "ObjectPattern":
                destructure(node.left, node.right)

        def call(node):
            if commands and node.arguments and last_name(node.callee, ctx.fold) == "execCommand" and \
                    ctx.global_path(unwrap(node.callee)) == ("document", "execCommand"):
                command = ctx.fold(node.arguments[0])
                if command and command.lower() in commands:
                    ctx.report(node, f'document.execCommand("{command}") uses the clipboard, a '
                                     "forbidden web API in TikTok Minis")

        return {"MemberExpression": member, "Identifier": identifier,
                "VariableDeclarator": declarator, "AssignmentExpression": assignment,
                "CallExpression": call}


@hookimpl
def minislint_rules():
    return [NoForbiddenApi()]
