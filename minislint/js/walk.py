"""One iterative walk per tree for all rules at once (no recursion: deep input must not crash)."""
from __future__ import annotations

from typing import Callable

from esprima.nodes import Node

# Attributes that never hold child nodes; skipping them keeps the walk cheap.
# (`value`, `name` and `expression` hold nodes on some types, so they are not listed.)
_SCALARS = frozenset((
    "type", "range", "loc", "raw", "regex", "operator", "prefix", "computed", "optional",
    "shorthand", "method", "kind", "generator", "isAsync", "sourceType", "delegate", "static",
    "directive", "bigint", "cooked", "tail", "parent", "await", "_names",
))


def children(node):
    """Child nodes in source order (a shorthand property's key and value are the same name)."""
    out = []
    for key, value in node.__dict__.items():
        if key in _SCALARS or value is None:
            continue
        if isinstance(value, Node):
            out.append(value)
        elif isinstance(value, list):
            out.extend(v for v in value if isinstance(v, Node))
    if getattr(node, "shorthand", False) and len(out) == 2 and node.type == "Property":
        out = out[1:]
    return out


def walk(tree, handlers: dict[str, list[Callable]]) -> None:
    """Visit every node once, set ``node.parent``, call enter handlers then ``"<type>:exit"`` ones."""
    tree.parent = None
    want_exit = any(k.endswith(":exit") for k in handlers)
    stack: list = [(tree, False)]
    pop, push = stack.pop, stack.append
    get = handlers.get
    while stack:
        node, leaving = pop()
        if leaving:
            for fn in get(node.type + ":exit", ()):
                fn(node)
            continue
        for fn in get(node.type, ()):
            fn(node)
        if want_exit:
            push((node, True))
        kids = children(node)
        for child in reversed(kids):
            child.parent = node
            push((child, False))
