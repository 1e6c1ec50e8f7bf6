"""One iterative walk per tree for all rules at once (no recursion: deep input must not crash)."""
from __future__ import annotations

from typing import Callable

Node = None  # esprima.nodes.Node, imported on the first walk: a warm (cached) run never parses

# Attributes that never hold child nodes; skipping them keeps the walk cheap.
# (`value`, `name` and `expression` hold nodes on some types, so they are not listed.)
_SCALARS = frozenset((
    "type", "range", "loc", "raw", "regex", "operator", "prefix", "computed", "optional",
    "shorthand", "method", "kind", "generator", "isAsync", "sourceType", "delegate", "static",
    "directive", "bigint", "cooked", "tail", "parent", "await", "_names",
))


# (node class, number of attributes) -> the attribute names that may hold children. Every node
# of a class has the same attributes in the same (source) order, so the scan of __dict__ against
# _SCALARS is done once per class instead of once per node: half the cost of a walk (issue 6).
# The attribute count keeps nodes apart whose attributes were added (parent) or deleted
# (esprima reinterpreting an expression as a pattern).
_CHILD_KEYS: dict = {}


# ESTree child fields in source order, for the nodes of minislint.js.tree (built on access).
VISITOR_KEYS = {
    "Program": ("body",), "ExpressionStatement": ("expression",), "BlockStatement": ("body",),
    "StaticBlock": ("body",), "VariableDeclaration": ("declarations",), "VariableDeclarator": ("id", "init"),
    "FunctionDeclaration": ("id", "params", "body"), "FunctionExpression": ("id", "params", "body"),
    "ArrowFunctionExpression": ("params", "body"), "ClassDeclaration": ("id", "superClass", "body"),
    "ClassExpression": ("id", "superClass", "body"), "ClassBody": ("body",),
    "MethodDefinition": ("key", "value"), "FieldDefinition": ("key", "value"), "Property": ("key", "value"),
    "ObjectExpression": ("properties",), "ObjectPattern": ("properties",), "ArrayExpression": ("elements",),
    "ArrayPattern": ("elements",), "SpreadElement": ("argument",), "RestElement": ("argument",),
    "AssignmentPattern": ("left", "right"), "AssignmentExpression": ("left", "right"),
    "BinaryExpression": ("left", "right"), "LogicalExpression": ("left", "right"),
    "UnaryExpression": ("argument",), "UpdateExpression": ("argument",),
    "ConditionalExpression": ("test", "consequent", "alternate"), "SequenceExpression": ("expressions",),
    "CallExpression": ("callee", "arguments"), "NewExpression": ("callee", "arguments"),
    "TaggedTemplateExpression": ("tag", "quasi"), "MemberExpression": ("object", "property"),
    "ChainExpression": ("expression",), "AwaitExpression": ("argument",), "YieldExpression": ("argument",),
    "TemplateLiteral": ("quasis", "expressions"), "MetaProperty": ("meta", "property"),
    "IfStatement": ("test", "consequent", "alternate"), "ForStatement": ("init", "test", "update", "body"),
    "ForInStatement": ("left", "right", "body"), "ForOfStatement": ("left", "right", "body"),
    "WhileStatement": ("test", "body"), "DoWhileStatement": ("body", "test"),
    "TryStatement": ("block", "handler", "finalizer"), "CatchClause": ("param", "body"),
    "SwitchStatement": ("discriminant", "cases"), "SwitchCase": ("test", "consequent"),
    "ReturnStatement": ("argument",), "ThrowStatement": ("argument",), "BreakStatement": ("label",),
    "ContinueStatement": ("label",), "LabeledStatement": ("label", "body"), "WithStatement": ("object", "body"),
    "ImportDeclaration": ("specifiers", "source"), "ImportSpecifier": ("imported", "local"),
    "ImportDefaultSpecifier": ("local",), "ImportNamespaceSpecifier": ("local",),
    "ExportNamedDeclaration": ("declaration", "specifiers", "source"),
    "ExportDefaultDeclaration": ("declaration",), "ExportAllDeclaration": ("exported", "source"),
    "ExportSpecifier": ("local", "exported"), "JSXElement": ("openingElement", "children", "closingElement"),
    "JSXOpeningElement": ("name", "attributes"), "JSXClosingElement": ("name",),
    "JSXAttribute": ("name", "value"), "JSXSpreadAttribute": ("argument",),
    "JSXExpressionContainer": ("expression",), "JSXMemberExpression": ("object", "property"),
    "JSXNamespacedName": ("namespace", "name"),
}


def children(node):
    """Child nodes in source order (a shorthand property's key and value are the same name)."""
    d = node.__dict__
    if "_tree" in d:  # minislint.js.tree: fields are built on access
        out = []
        for key in VISITOR_KEYS.get(node.type, ()):
            value = getattr(node, key, None)
            if value is None:
                continue
            if value.__class__ is list:
                out.extend([v for v in value if v is not None])
            else:
                out.append(value)
        if node.type == "Property" and node.shorthand:
            out = out[1:]
        return out
    keys = _CHILD_KEYS.get((node.__class__, len(d)))
    if keys is None:
        keys = _child_keys(node)
    out = []
    for key in keys:
        value = d.get(key)
        if value is None:
            continue
        if value.__class__ is list:
            out.extend([v for v in value if isinstance(v, Node)])
        elif isinstance(value, Node):
            out.append(value)
    if len(out) == 2 and d.get("shorthand") and node.type == "Property":
        out = out[1:]
    return out


def _child_keys(node) -> tuple:
    global Node
    if Node is None:
        from esprima.nodes import Node
    d = node.__dict__
    keys = _CHILD_KEYS[node.__class__, len(d)] = tuple(k for k in d if k not in _SCALARS)
    return keys


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
