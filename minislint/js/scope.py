"""Which declaration a name refers to: enough scope analysis to tell a local `eval` from the global.

Built lazily, once per tree, on the first question; declarations are recorded on the node that
owns the scope (``node._names``), so a lookup walks up ``parent`` links from the reference.
"""
from __future__ import annotations

import re
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


# -- scopes on demand (minislint.js.tree) -------------------------------------------------------
_TS_FUNCTIONS = frozenset(("function_declaration", "generator_function_declaration", "function_expression",
                           "function", "generator_function", "arrow_function", "method_definition"))
_TS_BLOCKS = frozenset(("statement_block", "class_static_block", "switch_body", "for_statement",
                        "for_in_statement", "program")) | _TS_FUNCTIONS
_TS_PATTERNS = frozenset(("object_pattern", "array_pattern", "rest_pattern", "pair_pattern",
                          "assignment_pattern", "object_assignment_pattern"))


def _same(a, b) -> bool:
    return a is not None and b is not None and a.id == b.id


def _up_to(ts, kinds):
    while ts is not None and ts.type not in kinds:
        ts = ts.parent
    return ts


class LazyScopes:
    """"Is this name bound here, and to what?" for a tree-sitter tree, without building scopes.

    The first question about a name finds that name's declarations (its occurrences in the text,
    each looked up in tree-sitter's tree) and the scope each declaration belongs to; a reference
    resolves to the innermost of those scopes that contains it. Cached per name, so a file costs
    one text search per distinct name asked about, not a walk of the whole tree (issue 11).
    Same rules as :class:`Scopes`: `var` belongs to its function, `let`/`const`/`class` to their
    block, a function declaration to the enclosing block, a function or class expression's name
    to itself; order and TDZ are not modelled.
    """

    def __init__(self, program):
        self.tree = program._tree
        self._by_name: dict = {}

    def resolve(self, ident) -> Optional[Binding]:
        ts = ident.__dict__.get("_ts")
        if ts is None:
            return None
        name = ident.name
        decls = self._by_name.get(name)
        if decls is None:
            decls = self._by_name[name] = self._declarations(name)
        pos = ts.start_byte
        best = None
        for start, end, binding in decls:
            if start <= pos < end and (best is None or start > best[0] or (start == best[0] and end < best[1])):
                best = (start, end, binding)
        return best[2] if best is not None else None

    def is_global(self, ident) -> bool:
        return self.resolve(ident) is None

    def _declarations(self, name: str) -> list:
        tree = self.tree
        raw = name.encode("utf-8", "surrogatepass")
        pattern = re.compile(rb"(?<![\w$\x80-\xff\\])" + re.escape(raw) + rb"(?![\w$\x80-\xff])")
        root = tree.ts.root_node
        out = []
        for m in pattern.finditer(tree.data):
            n = root.descendant_for_byte_range(m.start(), m.end())
            if n is None or n.start_byte != m.start() or n.end_byte != m.end() or \
                    n.type not in ("identifier", "shorthand_property_identifier_pattern"):
                continue
            found = self._declaration(n, name)
            if found is not None:
                owner, binding = found
                out.append((owner.start_byte, owner.end_byte, binding))
        # the first declaration of a name in a scope wins, as in Scopes
        return out

    def _ident(self, n):
        tree = self.tree
        node = tree.node(n)
        if node.type == "Property":  # `{a}` in a pattern: the Identifier inside the Property
            return tree.wrap(n, "id", "Identifier")
        return node

    def _declaration(self, n, name):
        tree = self.tree
        child, p = n, n.parent
        # climb out of a destructuring pattern to what declares it
        in_pattern = False
        while p is not None and p.type in _TS_PATTERNS:
            t = p.type
            if t == "pair_pattern" and not _same(p.child_by_field_name("value"), child):
                return None  # the key of `{a: b}`
            if t in ("assignment_pattern", "object_assignment_pattern") and \
                    not _same(p.child_by_field_name("left"), child):
                return None  # a default value
            in_pattern = True
            child, p = p, p.parent
        if p is None:
            return None
        t = p.type
        if n.type == "shorthand_property_identifier_pattern" and not in_pattern:
            return None
        ident = self._ident(n)
        if t == "variable_declarator":
            if not _same(p.child_by_field_name("name"), child):
                return None
            decl = p.parent
            kind_ts = decl.child_by_field_name("kind") if decl is not None else None
            kind = kind_ts.type if kind_ts is not None else "var"
            owner = _up_to(decl.parent, _TS_FUNCTIONS | {"program"}) if kind == "var" else _up_to(decl.parent, _TS_BLOCKS)
            path = self._path(child, ident) if in_pattern else ()
            return owner, Binding(name, kind, ident, tree.node(p.child_by_field_name("value")), path)
        if t == "formal_parameters" or (t == "arrow_function" and _same(p.child_by_field_name("parameter"), child)):
            owner = p.parent if t == "formal_parameters" else p
            return owner, Binding(name, "param", ident, None, None)
        if t == "catch_clause" and _same(p.child_by_field_name("parameter"), child):
            return p, Binding(name, "catch", ident, None, None)
        if t == "for_in_statement" and _same(p.child_by_field_name("left"), child):
            kind_ts = p.child_by_field_name("kind")
            if kind_ts is None:
                return None
            kind = kind_ts.type
            owner = _up_to(p.parent, _TS_FUNCTIONS | {"program"}) if kind == "var" else p
            return owner, Binding(name, kind, ident, None, self._path(child, ident) if in_pattern else ())
        if in_pattern:
            return None  # an assignment target: `({a} = b)`
        if t in ("function_declaration", "generator_function_declaration", "class_declaration") and \
                _same(p.child_by_field_name("name"), n):
            kind = "class" if t == "class_declaration" else "function"
            return _up_to(p.parent, _TS_BLOCKS), Binding(name, kind, ident)
        if t in ("function_expression", "function", "generator_function", "class") and \
                _same(p.child_by_field_name("name"), n):
            return p, Binding(name, "class" if t == "class" else "function", ident)
        if t == "import_clause":
            return tree.ts.root_node, Binding(name, "import", tree.wrap(n, "id", "Identifier"), None, None)
        if t == "namespace_import":
            return tree.ts.root_node, Binding(name, "import", ident, None, None)
        if t == "import_specifier":
            alias = p.child_by_field_name("alias")
            if _same(alias, n) or (alias is None and _same(p.child_by_field_name("name"), n)):
                return tree.ts.root_node, Binding(name, "import", ident, None, None)
        return None

    def _path(self, pattern_ts, ident):
        for found, path in pattern_names(self.tree.node(pattern_ts)):
            if found is ident:
                return path
        return None
