"""DOM building in JavaScript, as the markup rules see it: elements made with
``document.createElement``, HTML strings written through ``innerHTML`` / ``outerHTML`` /
``insertAdjacentHTML`` / ``document.write`` (and React's ``dangerouslySetInnerHTML``), and JSX
intrinsic elements. HTML strings are read with :func:`minislint.markup.scan.scan`, so
``<div title="<iframe>">`` holds no iframe.

Every helper takes a rule context (``ctx.fold``, ``ctx.global_path``) and an ESTree node.
"""
from __future__ import annotations

from typing import Optional

from minislint.js.values import static_property, unwrap

from .scan import scan

_HTML_PROPERTIES = frozenset(("innerHTML", "outerHTML"))
_WRITE = {("document", "write"), ("document", "writeln")}
UNKNOWN = "\ufffc"  # stands for a part of the string no one can know statically


def last_name(node, ctx) -> Optional[str]:
    """The name a callee or assignment target ends in: ``open`` for ``open`` and for
    ``window.open`` / ``window["open"]``. A cheap test before asking for the global path."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "Identifier":
        return node.name
    if node.type == "MemberExpression":
        if node.computed and node.property.type == "Identifier":
            return None  # `obj[key]`: folding would build the scopes of every file it sees
        return static_property(node, ctx.fold)
    return None


def created_element(call, ctx) -> Optional[str]:
    """``document.createElement("iframe")`` -> "iframe" (lower-cased); else None."""
    if call.type != "CallExpression" or not call.arguments:
        return None
    if last_name(call.callee, ctx) not in ("createElement", "createElementNS"):
        return None
    path = ctx.global_path(unwrap(call.callee))
    if path == ("document", "createElement"):
        arg = call.arguments[0]
    elif path == ("document", "createElementNS") and len(call.arguments) > 1:
        arg = call.arguments[1]
    else:
        return None
    name = ctx.fold(arg)
    return name.strip().lower() if name else None


def static_text(node, ctx, _depth=0) -> Optional[str]:
    """The known text of a string expression, with each unknown part replaced by U+FFFC;
    None when the node is not string-like at all."""
    if node is None or _depth > 50:
        return None
    folded = ctx.fold(node)
    if folded is not None:
        return folded
    t = node.type
    if t == "TemplateLiteral":
        out = []
        for i, quasi in enumerate(node.quasis):
            cooked = quasi.value.cooked if hasattr(quasi.value, "cooked") else quasi.value["cooked"]
            out.append(cooked if cooked is not None else UNKNOWN)
            if i < len(node.expressions):
                out.append(static_text(node.expressions[i], ctx, _depth + 1) or UNKNOWN)
        return "".join(out)
    if t == "BinaryExpression" and node.operator == "+":
        left = static_text(node.left, ctx, _depth + 1)
        right = static_text(node.right, ctx, _depth + 1)
        if left is None and right is None:
            return None
        return (left or UNKNOWN) + (right or UNKNOWN)
    if t == "ConditionalExpression":
        parts = [static_text(n, ctx, _depth + 1) for n in (node.consequent, node.alternate)]
        return None if parts == [None, None] else UNKNOWN.join(p or "" for p in parts)
    return None


def html_sink_value(node, ctx):
    """The expression whose string becomes markup at ``node``, or None.

    ``node`` is an AssignmentExpression (``el.innerHTML = html``), a CallExpression
    (``el.insertAdjacentHTML(pos, html)``, ``document.write(html)``) or a Property
    (``dangerouslySetInnerHTML={{ __html: html }}``).
    """
    t = node.type
    if t == "AssignmentExpression" and node.operator in ("=", "+="):
        left = node.left
        if left.type == "MemberExpression" and static_property(left, ctx.fold) in _HTML_PROPERTIES:
            return node.right
    elif t == "CallExpression":
        callee = unwrap(node.callee)
        if callee is None or callee.type != "MemberExpression":
            return None
        name = static_property(callee, ctx.fold)
        if name == "insertAdjacentHTML" and len(node.arguments) > 1:
            return node.arguments[1]
        if name in ("write", "writeln") and node.arguments and ctx.global_path(callee) in _WRITE:
            return node.arguments[0]
    elif t == "Property" and not node.computed:
        key = node.key
        name = key.name if key.type == "Identifier" else key.value if key.type == "Literal" else None
        if name == "__html":
            return node.value
    return None


def html_tags(node, ctx) -> list:
    """Start tags of the markup written at ``node`` (see :func:`html_sink_value`)."""
    value = html_sink_value(node, ctx)
    if value is None:
        return []
    text = static_text(value, ctx)
    if not text or "<" not in text:
        return []
    return [(value, tag) for tag in scan(text) if tag.kind == "start"]


def jsx_element(opening) -> Optional[str]:
    """Name of an intrinsic JSX element (``<iframe>``; ``<Iframe>`` is a component)."""
    name = opening.name
    if name.type == "JSXIdentifier" and name.name[:1].islower():
        return name.name
    return None


def jsx_attribute(opening, name: str):
    """``(attribute, string value or None)`` of a JSX attribute, or (None, None)."""
    for attr in opening.attributes:
        if attr.type == "JSXAttribute" and getattr(attr.name, "name", None) == name:
            value = attr.value
            if value is not None and value.type == "Literal" and isinstance(value.value, str):
                return attr, value.value
            return attr, None
    return None, None


def is_html_element(tag, text: str, vue: bool) -> bool:
    """Whether a scanned tag is the HTML element its lower-cased name says.

    In HTML any letter case is the element. In a Vue template a mixed-case name (``<Frame>``,
    ``<IFrame>``) is a component, as Vue resolves components by PascalCase; lower and upper
    case names stay elements.
    """
    if not vue:
        return True
    start, end = tag.name_range
    raw = text[start:end]
    return raw == raw.lower() or raw == raw.upper()
