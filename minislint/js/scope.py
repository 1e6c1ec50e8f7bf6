"""Which declaration a name refers to: enough scope analysis to tell a local `eval` from the global.

Built lazily, once per tree, on the first question; declarations are recorded on the node that
owns the scope (``node._names``), so a lookup walks up ``parent`` links from the reference.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from minislint.js.tree import named
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


class _LazyBinding(Binding):
    """A Binding of a tree-sitter tree whose `id` and `init` nodes are made when first asked for:
    a scope lists all its names at once, and a minified function's dozens of `var`s are rarely
    all looked at."""

    def __init__(self, name, kind, tree, ident_ts, init_ts, path):  # noqa: not the dataclass's
        self.name, self.kind, self.path = name, kind, path
        self._made = (tree, ident_ts, init_ts)

    @property
    def id(self):
        node = self.__dict__.get("_id")
        if node is None:
            tree, ident_ts, _ = self._made
            node = self.__dict__["_id"] = tree.node(ident_ts)
        return node

    @property
    def init(self):
        d = self.__dict__
        if "_init" not in d:
            tree, _, init_ts = self._made
            d["_init"] = tree.node(init_ts)
        return d["_init"]


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


_UNKNOWN = object()


def _nearest(node, kinds):
    node = node.parent
    while node is not None and node.type not in kinds:
        node = node.parent
    return node


class Scopes:
    def __init__(self, tree):
        self.tree = tree
        self._scopes: dict = {}     # id(node) -> its nearest node declaring names (resolve_name)
        self._resolved: dict = {}   # (id(scope), name) -> Binding or None
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
        # A declaration's own name sits in its owner; a reference in a class or function
        # expression's own scope sees it too, so nothing else to check. Walks only the nodes
        # that declare names, each answer remembered per scope: a walk up every parent for every
        # reference made 7 000 nested assignments (100 kB) take a minute (issue 13).
        scope = self._scope_of(node)
        seen = []
        binding = None
        while scope is not None:
            key = (id(scope), name)
            if key in self._resolved:
                binding = self._resolved[key]
                break
            seen.append(key)
            if name in scope._names:
                binding = scope._names[name]
                break
            scope = self._scope_of(scope.parent)
        for key in seen:
            self._resolved[key] = binding
        return binding

    def _scope_of(self, node):
        """`node` or its nearest ancestor that declares names (None above the root), remembered
        for every node passed on the way (by id: the tree outlives these tables)."""
        path = []
        known = self._scopes
        while node is not None:
            hit = known.get(id(node), _UNKNOWN)
            if hit is not _UNKNOWN:
                node = hit
                break
            if node.__dict__.get("_names") is not None:
                break
            path.append(id(node))
            node = node.parent
        for n in path:
            known[n] = node
        return node

    def is_global(self, ident) -> bool:
        return self.resolve(ident) is None


# -- scopes on demand (minislint.js.tree) -------------------------------------------------------
_TS_FUNCTIONS = frozenset(("function_declaration", "generator_function_declaration", "function_expression",
                           "function", "generator_function", "arrow_function", "method_definition"))
_TS_BLOCKS = frozenset(("statement_block", "class_static_block", "switch_body", "for_statement",
                        "for_in_statement", "program")) | _TS_FUNCTIONS
_TS_STATEMENTS = frozenset((  # statements that may hold a `var` deeper down (never expressions)
    "statement_block", "if_statement", "else_clause", "for_statement", "for_in_statement", "while_statement",
    "do_statement", "try_statement", "catch_clause", "finally_clause", "labeled_statement",
    "switch_statement", "switch_body", "switch_case", "switch_default", "with_statement", "export_statement",
    "variable_declaration"))
_TS_SCOPES = _TS_BLOCKS | {"catch_clause", "class"}


class LazyScopes:
    """"Is this name bound here, and to what?" for a tree-sitter tree, without building scopes.

    A question walks up from the reference through its enclosing scopes; each scope's own names
    are listed the first time one is asked about (its parameters, its `var`s through nested
    statements but never into expressions or functions, its block's `let`/`const`/`function`/
    `class` declarations) and kept. A bundle's thousands of functions cost nothing until a rule
    asks about a name inside them (issue 11). Same rules as :class:`Scopes`: `var` belongs to its
    function, `let`/`const`/`class` to their block, a function declaration to the enclosing block,
    a function or class expression's name to itself; order and TDZ are not modelled.
    """

    @classmethod
    def of(cls, program) -> "LazyScopes":
        """The scopes of a tree-sitter Program, made once: the candidate search and the rules'
        services ask the same questions."""
        made = program.__dict__.get("_lazy_scopes")
        if made is None:
            made = program.__dict__["_lazy_scopes"] = cls(program)
        return made

    def __init__(self, program):
        self.tree = program._tree
        self._scopes: dict = {}
        self._owner: dict = {}  # id(binding) -> the tree-sitter node of its scope
        self._nearest: dict = {}  # tree-sitter node id -> its nearest scope node (None: none)

    def scope_of(self, binding):
        """The tree-sitter node of the scope that declares `binding` (minislint/js/tsbindings.py)."""
        return self._owner.get(id(binding))

    def resolve(self, ident) -> Optional[Binding]:
        """The declaration `ident` refers to, or None for a global (undeclared) name."""
        ts = ident.__dict__.get("_ts")
        return self.lookup(ident.name, self.tree.up(ts)) if ts is not None else None

    def resolve_name(self, name: str, node) -> Optional[Binding]:
        """The declaration `name` would refer to if written at `node` (None: the global)."""
        ts = node.__dict__.get("_ts")
        return self.lookup(name, ts) if ts is not None else None

    def is_global(self, ident) -> bool:
        return self.resolve(ident) is None

    def lookup(self, name: str, ts) -> Optional[Binding]:
        """The declaration `name` refers to at the tree-sitter node `ts` (None: a global)."""
        scopes = self._scopes
        ts = self._scope_node(ts)
        while ts is not None:
            names = scopes.get(ts.id)
            if names is None:
                names = scopes[ts.id] = self._names(ts)
                for b in names.values():
                    self._owner.setdefault(id(b), ts)
            binding = names.get(name)
            if binding is not None:
                return binding
            ts = self._scope_node(self.tree.up(ts))
        return None

    def _scope_node(self, ts):
        """`ts` or its nearest ancestor that is a scope, remembered for every node passed on the
        way: tree-sitter's `parent` searches down from the root, and asking it at every step of
        every lookup made 100 kB of `location.href=` take 18 s (issue 13)."""
        path = []
        memo = self._nearest
        up = self.tree.up  # the parents path_to saw; tree-sitter's own `parent` starts at the root
        while ts is not None:
            hit = memo.get(ts.id, _UNKNOWN)
            if hit is not _UNKNOWN:
                ts = hit
                break
            if ts.type in _TS_SCOPES:
                break
            path.append(ts.id)
            ts = up(ts)
        for i in path:
            memo[i] = ts
        return ts

    # -- the names one scope declares ---------------------------------------------------------------
    def _names(self, s) -> dict:
        names: dict = {}
        t = s.type
        f = s.child_by_field_name
        if t in _TS_FUNCTIONS:
            if t in ("function_expression", "function", "generator_function"):
                self._add(names, f("name"), "function")
            one = f("parameter")
            params = [one] if one is not None else named(f("parameters")) if f("parameters") is not None else []
            for p in params:
                self._pattern(names, p, "param", None, None)
            body = f("body")
            if body is not None and body.type == "statement_block":
                self._vars(names, body)
        elif t == "class":
            self._add(names, f("name"), "class")
        elif t == "catch_clause":
            param = f("parameter")
            if param is not None:
                self._pattern(names, param, "catch", None, None)
        elif t == "for_statement":
            init = f("initializer")
            if init is not None and init.type == "lexical_declaration":
                self._declaration(names, init)
        elif t == "for_in_statement":
            kind = f("kind")
            if kind is not None and kind.type != "var":
                self._pattern(names, f("left"), kind.type, None, ())
        else:  # a block: program, statement_block, switch_body, class_static_block
            if t == "program":
                self._vars(names, s)
            for stmt in self._statements(s):
                self._block_declaration(names, stmt)
        return names

    @staticmethod
    def _statements(block) -> list:
        out = []
        for c in named(block):
            if c.type in ("switch_case", "switch_default"):
                out.extend(c.children_by_field_name("body"))
            elif c.type == "statement_block" and block.type == "class_static_block":
                out.extend(named(c))
            else:
                out.append(c)
        return out

    def _block_declaration(self, names, stmt) -> None:
        t = stmt.type
        if t == "export_statement":
            decl = stmt.child_by_field_name("declaration")
            if decl is None:
                return
            stmt, t = decl, decl.type
        if t == "lexical_declaration":
            self._declaration(names, stmt)
        elif t in ("function_declaration", "generator_function_declaration"):
            self._add(names, stmt.child_by_field_name("name"), "function")
        elif t == "class_declaration":
            self._add(names, stmt.child_by_field_name("name"), "class")
        elif t == "import_statement":
            for clause in named(stmt):
                if clause.type == "import_clause":
                    self._imports(names, clause)

    def _imports(self, names, clause) -> None:
        tree = self.tree
        for c in named(clause):
            if c.type == "identifier":  # the default import: ImportDefaultSpecifier.local
                names.setdefault(c.text.decode("utf-8", "surrogatepass"),
                                 Binding(c.text.decode("utf-8", "surrogatepass"), "import",
                                         tree.wrap(c, "id", "Identifier"), None, None))
            elif c.type == "namespace_import":
                for ident in named(c):
                    self._add(names, ident, "import", path=None)
            elif c.type == "named_imports":
                for spec in named(c):
                    local = spec.child_by_field_name("alias") or spec.child_by_field_name("name")
                    if local is not None and local.type == "identifier":
                        self._add(names, local, "import", path=None)

    def _vars(self, names, root) -> None:
        """`var` declarations anywhere in the statements under root (not in nested functions)."""
        stack = list(named(root))
        while stack:
            n = stack.pop()
            t = n.type
            if t == "variable_declaration":
                self._declaration(names, n)
            elif t == "for_statement":
                stack.extend(c for c in (n.child_by_field_name("initializer"), n.child_by_field_name("body"))
                             if c is not None)
            elif t == "for_in_statement":
                kind = n.child_by_field_name("kind")
                if kind is not None and kind.type == "var":
                    self._pattern(names, n.child_by_field_name("left"), "var", None, ())
                body = n.child_by_field_name("body")
                if body is not None:
                    stack.append(body)
            elif t in _TS_STATEMENTS:
                stack.extend(named(n))

    def _declaration(self, names, decl) -> None:
        kind_ts = decl.child_by_field_name("kind")
        kind = kind_ts.type if kind_ts is not None else "var"
        for d in named(decl):
            if d.type == "variable_declarator":
                self._pattern(names, d.child_by_field_name("name"), kind, d.child_by_field_name("value"), ())

    def _add(self, names, ident_ts, kind, init=None, path=()) -> None:
        if ident_ts is None or ident_ts.type != "identifier":
            return
        name = ident_ts.text.decode("utf-8", "surrogatepass")
        if name not in names:
            names[name] = _LazyBinding(name, kind, self.tree, ident_ts, init, path)

    def _pattern(self, names, pattern_ts, kind, init, path) -> None:
        """Every name a binding pattern declares; `path` () for a declarator's plain name."""
        if pattern_ts is None:
            return
        if pattern_ts.type == "identifier":
            self._add(names, pattern_ts, kind, init, path)
            return
        tree = self.tree
        for ident, sub in pattern_names(tree.node(pattern_ts), () if path is not None else None):
            name = ident.name
            if name not in names:
                names[name] = Binding(name, kind, ident, tree.node(init), sub if path is not None else None)
