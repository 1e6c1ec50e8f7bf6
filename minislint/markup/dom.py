"""HTML written from JavaScript, as the markup rules see it: strings written through
``innerHTML`` / ``outerHTML`` / ``insertAdjacentHTML`` / ``document.write`` (and React's
``dangerouslySetInnerHTML``), read with :func:`minislint.markup.scan.scan`, so
``<div title="<iframe>">`` holds no iframe. Elements made in code (``createElement``, JSX and
its compiled forms) are the value service's: :mod:`minislint.js.elements`.

Every helper takes a rule context (``ctx.values``, ``ctx.global_path``) and an ESTree node.
"""
from __future__ import annotations

from typing import Optional

from minislint.js.values import static_property, unwrap

from .scan import scan

_HTML_PROPERTIES = frozenset(("innerHTML", "outerHTML"))
_WRITE = {("document", "write"), ("document", "writeln")}
UNKNOWN = "\ufffc"  # stands for a part of the string no one can know statically


def static_text(node, ctx) -> Optional[str]:
    """The known text of a string expression, with each unknown part replaced by U+FFFC;
    None when the node is not string-like at all (the value service's fold)."""
    return ctx.values.fold_text(node, UNKNOWN) if node is not None else None


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
