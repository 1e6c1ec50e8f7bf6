"""Which declaration a name refers to: enough scope analysis to tell a local `eval` from the global.

Built lazily, once per tree, on the first question; declarations are recorded on the node that
owns the scope (``node._names``), so a lookup walks up ``parent`` links from the reference.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from minislint.js.walk import children

_FUNCTIONS = frozenset(("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"))
_BLOCKS = frozenset(("BlockStatement", "StaticBlock", "SwitchStatement", "ForStatement",
                     "ForInStatement", "ForOfStatement", "Program")) | _FUNCTIONS


@dataclass
class Binding:
    name: str
    kind: str                 # var, let, const, param, function, class, import, catch
    id: object                # the binding identifier node
    init: object = None       # declarator initialiser (for const aliases and folding)
    path: Optional[tuple] = ()  # property path inside a destructuring pattern; None: not a plain path


def pattern_names(pattern, path=()):
    """(identifier, property path) for each name a pattern binds; path is None below arrays/computed."""
    stack = [(pattern, path)]
    while stack:
        node, p = stack.pop()
        t = node.type
        if t == "Identifier":
            yield node, p
        elif t == "ObjectPattern":
            for prop in node.properties:
                if prop.type == "RestElement":
                    stack.append((prop.argument, None))
                else:
                    key = prop.key
                    name = None
                    if not prop.computed:
                        name = key.name if key.type == "Identifier" else key.value if key.type == "Literal" else None
                    stack.append((prop.value, p + (str(name),) if p is not None and name is not None else None))
        elif t == "ArrayPattern":
            for el in node.elements:
                if el is not None:
                    stack.append((el, None))
        elif t == "AssignmentPattern":
            stack.append((node.left, p))
        elif t == "RestElement":
            stack.append((node.argument, None))


def _declare(owner, binding: Binding) -> None:
    names = owner.__dict__.get("_names")
    if names is None:
        names = owner._names = {}
    names.setdefault(binding.name, binding)


def _nearest(node, kinds):
    node = node.parent
    while node is not None and node.type not in kinds:
        node = node.parent
    return node


class Scopes:
    def __init__(self, tree):
        self.tree = tree
        self._build()

    def _build(self) -> None:
        self.tree.parent = None
        stack = [self.tree]
        while stack:
            node = stack.pop()
            for child in children(node):
                child.parent = node
                stack.append(child)
            t = node.type
            if t == "VariableDeclaration":
                owner = _nearest(node, _FUNCTIONS | {"Program"}) if node.kind == "var" else node.parent
                if owner is not None and owner.type not in _BLOCKS:
                    owner = _nearest(owner, _BLOCKS) or owner
                for decl in node.declarations:
                    for ident, path in pattern_names(decl.id):
                        _declare(owner, Binding(ident.name, node.kind, ident, decl.init, path))
            elif t in _FUNCTIONS:
                if t == "FunctionDeclaration" and node.id is not None:
                    _declare(_nearest(node, _BLOCKS) or self.tree, Binding(node.id.name, "function", node.id))
                elif t == "FunctionExpression" and node.id is not None:
                    _declare(node, Binding(node.id.name, "function", node.id))
                for param in node.params:
                    for ident, _ in pattern_names(param):
                        _declare(node, Binding(ident.name, "param", ident, None, None))
            elif t in ("ClassDeclaration", "ClassExpression") and node.id is not None:
                owner = _nearest(node, _BLOCKS) if t == "ClassDeclaration" else node
                _declare(owner or self.tree, Binding(node.id.name, "class", node.id))
            elif t == "CatchClause" and node.param is not None:
                for ident, _ in pattern_names(node.param):
                    _declare(node, Binding(ident.name, "catch", ident, None, None))
            elif t in ("ImportSpecifier", "ImportDefaultSpecifier", "ImportNamespaceSpecifier"):
                _declare(self.tree, Binding(node.local.name, "import", node.local, None, None))

    def resolve(self, ident) -> Optional[Binding]:
        """The declaration `ident` refers to, or None for a global (undeclared) name."""
        return self.resolve_name(ident.name, ident.parent)

    def resolve_name(self, name: str, node) -> Optional[Binding]:
        """The declaration `name` would refer to if written at `node` (None: the global)."""
        while node is not None:
            names = node.__dict__.get("_names")
            if names is not None and name in names:
                binding = names[name]
                # A declaration's own name sits in its owner; a reference in a class or function
                # expression's own scope sees it too, so nothing else to check.
                return binding
            node = node.parent
        return None

    def is_global(self, ident) -> bool:
        return self.resolve(ident) is None
