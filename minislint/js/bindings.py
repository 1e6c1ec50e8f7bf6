"""The writes of a binding: enough to follow a `var` / `let` that is written once, as minifiers
emit them (`var la="poll()";setInterval(la,1e3)`, `let q;q="tick()";setTimeout(q,5)`).

One walk per tree, on the first question, indexes every place a name is written; a binding's
writes are the entries whose identifier resolves to it (`Scopes.resolve`), so shadowing names
stay apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from minislint.js.ast import is_reference
from minislint.js.scope import pattern_names
from minislint.js.walk import children


@dataclass
class Write:
    ident: object             # the identifier written
    value: object = None      # the node assigned (`=` or an initialiser); None: not a plain value
    path: Optional[tuple] = ()  # property path of the identifier inside a destructuring pattern
    start: int = 0            # where the write takes effect (source order)


class Bindings:
    def __init__(self, tree, scopes):
        self.scopes = scopes
        self.tree = tree
        self._by_name: dict[str, list[Write]] = {}
        self._refs: Optional[dict[str, list]] = None  # built on the first references() question
        self._index(tree)
        self._cache: dict[str, dict] = {}  # name -> id(binding) -> writes
        self._ref_cache: dict[str, dict] = {}  # name -> id(binding) -> references

    def _add(self, ident, value, path, start):
        self._by_name.setdefault(ident.name, []).append(Write(ident, value, path, start))

    def _pattern(self, pattern, value, start):
        for ident, path in pattern_names(pattern):
            self._add(ident, value, path, start)

    def _index(self, tree) -> None:
        stack = [tree]
        while stack:
            node = stack.pop()
            stack.extend(children(node))
            t = node.type
            if t == "VariableDeclarator":
                parent = node.parent
                loop = parent is not None and parent.parent is not None \
                    and parent.parent.type in ("ForInStatement", "ForOfStatement") \
                    and parent.parent.left is parent
                if loop:
                    self._pattern(node.id, None, node.range[0])
                elif node.init is not None:
                    self._pattern(node.id, node.init, node.range[1])
            elif t == "AssignmentExpression":
                plain = node.operator == "="
                if node.left.type == "Identifier":
                    self._add(node.left, node.right if plain else None, (), node.range[1])
                elif node.left.type in ("ObjectPattern", "ArrayPattern"):
                    self._pattern(node.left, node.right if plain else None, node.range[1])
            elif t == "UpdateExpression" and node.argument.type == "Identifier":
                self._add(node.argument, None, None, node.range[0])
            elif t in ("ForInStatement", "ForOfStatement") and node.left.type != "VariableDeclaration":
                self._pattern(node.left, None, node.range[0])

    def of(self, binding) -> list:
        """Every write of `binding` (its initialiser included), in source order."""
        return self._grouped(binding, self._by_name, self._cache, lambda w: w.ident, lambda w: w.start)

    def references(self, binding) -> list:
        """Every identifier that reads or writes `binding` (declarations excluded), in source order."""
        if self._refs is None:
            self._refs = {}
            stack = [self.tree]
            while stack:
                node = stack.pop()
                stack.extend(children(node))
                if node.type == "Identifier" and is_reference(node):
                    self._refs.setdefault(node.name, []).append(node)
        return self._grouped(binding, self._refs, self._ref_cache, lambda r: r, lambda r: r.range[0])

    def _grouped(self, binding, by_name, cache, ident_of, order) -> list:
        """Entries of `by_name[binding.name]` that belong to `binding`. Minified code reuses
        one-letter names in every function, so a name's entries are resolved all at once, the
        first time any of its bindings is asked about, and grouped by binding."""
        groups = cache.get(binding.name)
        if groups is None:
            groups = {}
            resolve = self.scopes.resolve
            for entry in by_name.get(binding.name, ()):
                owner = resolve(ident_of(entry))
                if owner is not None:
                    groups.setdefault(id(owner), []).append(entry)
            for entries in groups.values():
                entries.sort(key=order)
            cache[binding.name] = groups
        return groups.get(id(binding), [])

    @staticmethod
    def const(binding) -> Optional[Write]:
        """A `const`'s value: its initialiser (a const cannot be written again)."""
        if binding.init is None or binding.path is None:
            return None
        return Write(binding.id, binding.init, binding.path)

    def single(self, binding, use=None) -> Optional[Write]:
        """The one write of a var / let written exactly once with a plain value, when `use` (a
        reference) comes after it; else None. A `const` is its initialiser."""
        if binding.kind == "const":
            return self.const(binding)
        if binding.kind not in ("var", "let"):
            return None
        writes = self.of(binding)
        if len(writes) != 1 or writes[0].value is None or writes[0].path is None:
            return None
        w = writes[0]
        if use is not None and use is not w.ident and w.ident is not binding.id and use.range[0] < w.start:
            return None  # read before the assignment: undefined there
        return w
