"""untrusted-domain: every request whose URL is known statically goes to a trusted domain."""
from __future__ import annotations

from minislint.hookspec import hookimpl
from minislint.js.values import property_value, static_property, unwrap
from minislint.rule import Rule

# axios methods whose first argument is the URL
_AXIOS_URL_FIRST = frozenset(("get", "delete", "head", "options", "post", "put", "patch",
                              "postForm", "putForm", "patchForm"))
_JQUERY_METHODS = frozenset(("ajax", "get", "post", "getJSON"))
_FORM_ATTRS = {"form": "action", "button": "formaction", "input": "formaction"}


def _module_of(binding) -> str | None:
    """'axios' for `import axios from "axios"` / `const axios = require("axios")`."""
    if binding is None:
        return None
    if binding.kind == "import":
        decl = getattr(binding.id.parent, "parent", None)
        source = getattr(decl, "source", None)
        return source.value if source is not None and isinstance(source.value, str) else None
    init = unwrap(binding.init) if binding.init is not None else None
    if init is not None and init.type == "MemberExpression" and not init.computed \
            and init.property.name == "default":
        init = unwrap(init.object)  # require("axios").default
    if init is not None and init.type == "CallExpression" and init.callee.type == "Identifier" \
            and init.callee.name == "require" and len(init.arguments) == 1 \
            and init.arguments[0].type == "Literal" and binding.path == ():
        return init.arguments[0].value
    return None


class UntrustedDomain(Rule):
    id = "untrusted-domain"
    severity = "error"
    summary = "Requests must go to a trusted https:// domain of minis.config.json"
    languages = ("js", "html")
    triggers = ("fetch", "Request", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource",
                "axios", "ajax", "$.", "jQuery", "jquery", "action")
    precision = "high"
    tags = ("minis", "network", "restriction")
    docs = """\
## What it does
Checks every request whose URL can be known statically against `domain.trustedDomains` of
the project's `minis.config.json` (the nearest one above the file, or `--minis-config`):
`fetch`, `new Request`, `open` on a `new XMLHttpRequest()`, `navigator.sendBeacon`,
`new WebSocket`, `new EventSource`, axios (`axios(url)`, `axios.get/post/...`,
`axios({ url })`, `axios.create({ baseURL })`, `axios.defaults.baseURL` and absolute URLs
given to an instance), jQuery's `$.ajax` / `$.get` / `$.post` / `$.getJSON`, and
`<form action>` / `formaction` in HTML.

URLs are folded from string literals, template literals and `+`, through `const` bindings in
the same file; `BASE + "/users/" + id` counts once its host is known. Relative URLs are the
app's own and fine; a URL that cannot be known is not reported. The host must equal a trusted
entry's host exactly: `https://api.example.com` trusts `api.example.com`, not
`cdn.example.com` and not `api.example.com.evil.net`. `wss://` to a trusted host is fine;
`http://` and `ws://` are errors whatever the host. Without any `minis.config.json`, every
absolute request URL is reported.

## Why is this bad?
The platform denies every request to a domain that is not registered as trusted ("Server
request addresses must be registered as trusted domains"), and the upload scan rejects
"runtime requests to domains not declared in the local configuration file". The message names
the host, its registrable domain and the closest trusted entry.

## Example
```js
// minis.config.json: "domain": { "trustedDomains": ["https://www.example.co.uk"] }
fetch("https://api.example.co.uk/v1/episodes");
```

## Use instead
```json
"domain": { "trustedDomains": ["https://www.example.co.uk", "https://api.example.co.uk"] }
```
"""

    def create(self, ctx):
        # here: only a file that spells a request API reads minis.config.json and its domains
        from minislint.minis import domains
        from minislint.minis.config import config_for, trust_fix

        fragment = ctx.fragment
        config = config_for(fragment.file.path, ctx.settings)
        if config is not None and not config.readable:
            return {}  # config-schema reports the unreadable file; guessing here would flood
        entries = config.trusted_domains if config is not None else []
        have_config = config is not None

        def check_text(where, text, complete=True):
            target = domains.request_target(text, complete)
            if target is None or target.kind != "network":
                return
            url = target.url
            if url.secure and domains.is_trusted(url.host, entries):
                return
            fix = trust_fix(config, url.host) if url.secure and config is not None else None
            ctx.report(where, domains.describe_untrusted(url, entries, have_config), fix=fix)

        if fragment.language == "html":
            def start_tag(tag):
                attr_name = _FORM_ATTRS.get(tag.name)
                attr = tag.attr(attr_name) if attr_name else None
                if attr is not None and attr.value and attr.value_start is not None:
                    check_text((attr.value_start, attr.value_end), attr.value)
            return {"StartTag": start_tag}

        fold = ctx.fold
        fold_prefix = ctx.fold_prefix

        def url_text(node, depth=0):
            """(text, complete) for a URL expression, or None when nothing is known."""
            node = unwrap(node)
            if node is None or node.type == "SpreadElement":
                return None
            if node.type == "Identifier":  # const u = new URL(...): follow it
                binding = ctx.scope.resolve(node)
                init = unwrap(binding.init) if binding is not None and binding.kind == "const" \
                    and binding.path == () and binding.init is not None else None
                if init is not None and init.type == "NewExpression":
                    return url_text(init, depth + 1) if depth < 8 else None
            if node.type == "NewExpression" and ctx.global_path(node.callee) == ("URL",) \
                    and node.arguments:
                first = url_text(node.arguments[0], depth + 1)
                if first is None:
                    return None
                target = domains.request_target(*first)
                if target is not None and target.kind == "relative" and len(node.arguments) > 1:
                    return url_text(node.arguments[1], depth + 1)  # new URL("/v1", BASE)
                return first
            full = fold(node)
            if full is not None:
                return full, True
            prefix = fold_prefix(node)
            return (prefix, False) if prefix else None

        def check(node):
            found = url_text(node) if node is not None else None
            if found is not None:
                check_text(unwrap(node), *found)

        def check_config(obj, base_only=False):
            """`{ url, baseURL }` of axios / jQuery: the URL, or the base a relative URL uses."""
            if obj is None or unwrap(obj).type != "ObjectExpression":
                return
            obj = unwrap(obj)
            url, base = property_value(obj, "url", fold), property_value(obj, "baseURL", fold)
            if url is not None and not base_only:
                found = url_text(url)
                if found is not None:
                    target = domains.request_target(*found)
                    if target is None or target.kind != "relative" or base is None:
                        check(url)
                        return
            if base is not None:
                check(base)

        def library(node, names, modules):
            """Whether `node` is the axios / jQuery object: the global of that name, or any
            name imported or required from the package."""
            node = unwrap(node)
            if node is None or node.type != "Identifier":
                return False
            binding = ctx.scope.resolve(node)
            if binding is None:
                return node.name in names
            return _module_of(binding) in modules

        def is_axios(node):
            return library(node, ("axios",), ("axios",))

        def is_jquery(node):
            return library(node, ("$", "jQuery"), ("jquery",))

        def axios_instance(node):
            """Whether `node` names a `const api = axios.create(...)`."""
            node = unwrap(node)
            if node is None or node.type != "Identifier":
                return False
            binding = ctx.scope.resolve(node)
            init = unwrap(binding.init) if binding is not None and binding.init is not None else None
            return init is not None and binding.path == () and init.type == "CallExpression" \
                and _method(init.callee) == "create" and is_axios(init.callee.object)

        def xhr_object(node):
            node = unwrap(node)
            if node is None:
                return False
            if node.type == "NewExpression":
                return ctx.global_path(node.callee) == ("XMLHttpRequest",)
            if node.type == "Identifier":
                binding = ctx.scope.resolve(node)
                if binding is not None and binding.init is not None and binding.path == ():
                    init = unwrap(binding.init)
                    return init.type == "NewExpression" \
                        and ctx.global_path(init.callee) == ("XMLHttpRequest",)
            return False

        def _method(callee):
            callee = unwrap(callee)
            if callee is None or callee.type != "MemberExpression":
                return None
            return static_property(callee, fold)

        def arg(node, i):
            return node.arguments[i] if len(node.arguments) > i else None

        def on_call(node):
            callee = unwrap(node.callee)
            path = ctx.global_path(callee)
            first = arg(node, 0)
            if path == ("fetch",):
                if first is not None and unwrap(first).type == "NewExpression" \
                        and ctx.global_path(unwrap(first).callee) == ("Request",):
                    return  # the Request is checked where it is made
                check(first)
                return
            if path == ("navigator", "sendBeacon"):
                check(first)
                return
            if is_axios(callee):  # axios(url, config) / axios(config)
                if first is not None and unwrap(first).type == "ObjectExpression":
                    check_config(first)
                else:
                    check_axios_url(first, arg(node, 1))
                return
            method = _method(callee)
            if method is None:
                return
            obj = callee.object
            if method == "open" and xhr_object(obj):
                check(arg(node, 1))
            elif is_axios(obj):
                if method in _AXIOS_URL_FIRST:
                    config_arg = arg(node, 2 if method.startswith(("post", "put", "patch")) else 1)
                    check_axios_url(first, config_arg)
                elif method == "request":
                    check_config(first)
                elif method == "create":
                    check_config(first, base_only=True)
            elif axios_instance(obj):
                # a relative URL goes to the instance's baseURL, checked at axios.create
                if method in _AXIOS_URL_FIRST:
                    check_absolute(first)
                elif method == "request" and first is not None \
                        and unwrap(first).type == "ObjectExpression":
                    check_absolute(property_value(unwrap(first), "url", fold))
            elif method in _JQUERY_METHODS and is_jquery(obj):
                if first is not None and unwrap(first).type == "ObjectExpression":
                    check_config(first)
                else:
                    check(first)

        def check_axios_url(url, config):
            found = url_text(url) if url is not None else None
            if found is not None:
                target = domains.request_target(*found)
                if target is not None and target.kind == "relative" and config is not None:
                    check_config(config, base_only=True)
                    return
            check(url)

        def check_absolute(url):
            found = url_text(url) if url is not None else None
            if found is not None:
                target = domains.request_target(*found)
                if target is not None and target.kind == "network":
                    check(url)

        def on_new(node):
            path = ctx.global_path(node.callee)
            if path in (("Request",), ("WebSocket",), ("EventSource",)):
                check(arg(node, 0))  # an XMLHttpRequest's URL comes with its open() call

        def on_assign(node):
            # axios.defaults.baseURL = "https://..."
            left = unwrap(node.left)
            if node.operator == "=" and left.type == "MemberExpression" \
                    and static_property(left, fold) == "baseURL":
                obj = unwrap(left.object)
                if obj.type == "MemberExpression" and static_property(obj, fold) == "defaults" \
                        and (is_axios(obj.object) or axios_instance(obj.object)):
                    check(node.right)

        return {"CallExpression": on_call, "NewExpression": on_new,
                "AssignmentExpression": on_assign}


@hookimpl
def minislint_rules():
    return [UntrustedDomain()]
