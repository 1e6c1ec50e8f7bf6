"""The writes and references of one binding in a tree-sitter tree, found on demand.

`minislint.js.bindings.Bindings` indexes every write of the file in one walk: on a tree-sitter
tree (minislint/js/tree.py) that walk would build every ESTree node. Here the first question
about a binding searches its name in the text of the scope that declares it, looks each
occurrence up in the tree and keeps those that resolve to it (issue 11): the same answers,
paid per binding asked about.
"""
from __future__ import annotations


from minislint.js.ast import is_reference
from minislint.js.bindings import Bindings, Write
from minislint.js.scope import pattern_names

_IDENTS = frozenset(("identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern"))
_PATTERN = frozenset(("Property", "ObjectPattern", "ArrayPattern", "AssignmentPattern", "RestElement"))


def _path(root, ident):
    if root is ident:
        return ()
    for found, path in pattern_names(root):
        if found is ident:
            return path
    return None


def write_of(ident):
    """The Write `ident` makes (as Bindings._index records it), or None for a read."""
    child, p = ident, ident.parent
    while p is not None and p.type in _PATTERN:
        if p.type == "AssignmentPattern" and p.left is not child:
            return None  # in a default value: a read
        if p.type == "Property" and (p.value is not child or p.parent is None or p.parent.type != "ObjectPattern"):
            return None  # a key, or an object literal
        child, p = p, p.parent
    if p is None:
        return None
    root = child
    t = p.type
    if t == "VariableDeclarator" and p.id is root:
        decl = p.parent
        loop = decl is not None and decl.parent is not None and \
            decl.parent.type in ("ForInStatement", "ForOfStatement") and decl.parent.left is decl
        if loop:
            return Write(ident, None, _path(root, ident), p.range[0])
        if p.init is not None:
            return Write(ident, p.init, _path(root, ident), p.range[1])
        return None
    if t == "AssignmentExpression" and p.left is root:
        if root is not ident and root.type not in ("ObjectPattern", "ArrayPattern"):
            return None
        return Write(ident, p.right if p.operator == "=" else None, _path(root, ident), p.range[1])
    if t == "UpdateExpression" and p.argument is ident:
        return Write(ident, None, None, p.range[0])
    if t in ("ForInStatement", "ForOfStatement") and p.left is root and root.type != "VariableDeclaration":
        return Write(ident, None, _path(root, ident), p.range[0])
    return None


class LazyBindings(Bindings):
    def __init__(self, tree, scopes):  # noqa: super().__init__ would index the whole tree
        self.scopes = scopes
        self.tree = tree
        self._t = tree._tree
        self._found: dict = {}  # id(binding) -> (writes, references)

    def of(self, binding) -> list:
        return self._entries(binding)[0]

    def references(self, binding) -> list:
        return self._entries(binding)[1]

    def _entries(self, binding):
        got = self._found.get(id(binding))
        if got is None:
            got = self._found[id(binding)] = self._scan(binding)
        return got

    def _scan(self, binding):
        scope = self.scopes.scope_of(binding)
        writes, refs = [], []
        if scope is None:
            return writes, refs
        t = self._t
        size = len(binding.name.encode("utf-8", "surrogatepass"))
        for b in t.occurrences(binding.name, scope.start_byte, scope.end_byte):
            n = t.path_to(b, b + size)[-1]
            if n.type not in _IDENTS or n.start_byte != b or n.end_byte != b + size:
                continue
            ident = t.node(n)
            if ident.type == "Property":  # shorthand: the Identifier inside
                ident = t.wrap(n, "id", "Identifier")
            if ident.type != "Identifier" or self.scopes.resolve(ident) is not binding:
                continue
            w = write_of(ident)
            if w is not None:
                writes.append(w)
            if is_reference(ident):
                refs.append(ident)
        writes.sort(key=lambda w: w.start)
        refs.sort(key=lambda r: r.range[0])
        return writes, refs
