"""Static values: constant-string folding and global-object paths, computed per fragment on demand."""
from __future__ import annotations

from typing import Optional

# Names that evaluate to the global object in a browser page (TikTok's webview has no frames, so
# `top` and `parent` are the window itself).
GLOBAL_OBJECTS = frozenset(("window", "self", "globalThis", "frames", "top", "parent"))

_UNKNOWN = object()
_MAX_DEPTH = 50  # const chains and `+` trees deeper than this are not folded


def unwrap(node):
    """Strip wrappers that do not change the value: `a?.b` chains and `(0, x)` sequences."""
    while node is not None:
        t = node.type
        if t == "ChainExpression":
            node = node.expression
        elif t == "SequenceExpression":
            node = node.expressions[-1]
        else:
            return node
    return node


def static_property(member, fold) -> Optional[str]:
    """The property name of `a.b` / `a["b"]` / ``a[`b`]`` when it is known statically."""
    prop = member.property
    if not member.computed:
        return prop.name if prop.type in ("Identifier", "PrivateIdentifier") else None
    return fold(prop)


def last_name(node, fold=None) -> Optional[str]:
    """The name a callee or assignment target ends in: ``open`` for ``open`` and for
    ``window.open`` / ``window["open"]`` (computed names only with `fold`). A cheap test
    before asking for the global path; ``obj[key]`` is None (folding a variable key would
    build the scopes of every file it sees)."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "Identifier":
        return node.name
    if node.type == "MemberExpression":
        if node.computed and (fold is None or node.property.type == "Identifier"):
            return None
        return static_property(node, fold)
    return None


def key_name(prop, fold=None) -> Optional[str]:
    """The static name of an object literal's property key (`a`, `"a"`, `1`, `[`a`]`)."""
    if prop.type != "Property":
        return None
    key = prop.key
    if prop.computed:
        return fold(key) if fold is not None else None
    if key.type == "Identifier":
        return key.name
    if key.type == "Literal":
        return str(key.value)
    return None


def property_value(obj, name: str, fold=None):
    """The value node of property `name` in an object literal (the last one wins, as in JS)."""
    obj = unwrap(obj)
    if obj is None or obj.type != "ObjectExpression":
        return None
    found = None
    for p in obj.properties:
        if key_name(p, fold) == name:
            found = p.value
    return found


class Values:
    def __init__(self, tree, fragment, scopes_getter):
        self.tree = tree
        self.fragment = fragment
        self._scopes = scopes_getter
        self._bindings = None
        self.elements = None  # minislint.js.elements.Elements, set by JsServices (it imports this module)
        # answers per node (id: the tree keeps its nodes for the fragment's life): several rules
        # ask about the same callee, and a bundle's candidates share their ancestors
        self._folded: dict = {}
        self._paths: dict = {}

    @property
    def scope(self):
        return self._scopes()

    @property
    def bindings(self):
        """Writes and references of every binding (minislint.js.bindings), built on first use."""
        if self._bindings is None:
            if "_tree" in self.tree.__dict__:  # tree-sitter: per binding, on demand (issue 11)
                from minislint.js.tsbindings import LazyBindings

                self._bindings = LazyBindings(self.tree, self.scope)
            else:
                from minislint.js.bindings import Bindings

                self._bindings = Bindings(self.tree, self.scope)
        return self._bindings

    # -- bindings --------------------------------------------------------------------------
    def bound(self, ident, wanted=None):
        """The one value an identifier can hold, as a Write (value node + destructuring path):
        a `const`, or a `var` / `let` written once before this read; None otherwise.
        `wanted`: the node types the caller can use; a var / let initialised with anything
        else is answered without indexing the writes (most are functions and objects)."""
        binding = self.scope.resolve(ident)
        if binding is None:
            return None
        if binding.kind == "const":  # no index needed: its initialiser is its value
            from minislint.js.bindings import Bindings

            return Bindings.const(binding)
        if binding.kind not in ("var", "let"):
            return None  # parameters, functions, imports: not followed
        if wanted is not None and binding.init is not None and unwrap(binding.init).type not in wanted:
            return None
        return self.bindings.single(binding, ident)

    def _plain(self, ident, wanted=None):
        """The value node of a write-once binding that is not destructured, or None."""
        w = self.bound(ident, wanted)
        return w.value if w is not None and w.path == () else None

    # -- strings -----------------------------------------------------------------------------
    def fold(self, node) -> Optional[str]:
        """The string a node always evaluates to, or None when it is not a known string."""
        key = id(node)
        if key in self._folded:
            return self._folded[key]
        parts = self._parts(node, 0)
        found = None if parts is None or _UNKNOWN in parts else "".join(parts)
        self._folded[key] = found
        return found

    def fold_prefix(self, node) -> Optional[str]:
        """The known leading text of a string expression (`https://x/${id}` -> "https://x/")."""
        parts = self._parts(node, 0)
        if parts is None:
            return None
        out = []
        for p in parts:
            if p is _UNKNOWN:
                break
            out.append(p)
        return "".join(out)

    def fold_text(self, node, unknown: str) -> Optional[str]:
        """The known text of a string expression with each unknown part replaced by `unknown`
        (a conditional's two sides are both kept, joined by it); None when not string-like."""
        parts = self._parts(node, 0, both_sides=True)
        if parts is None:
            return None
        return "".join(unknown if p is _UNKNOWN else p for p in parts)

    def _parts(self, node, depth, both_sides=False):
        """A list of string pieces (or _UNKNOWN) for string-valued nodes; None if not a string."""
        if node is None or depth > _MAX_DEPTH:
            return None
        t = node.type
        if t == "Literal":
            v = node.value
            if isinstance(v, str) and getattr(node, "regex", None) is None:
                return [v]
            return None
        if t == "TemplateLiteral":
            out = []
            for i, q in enumerate(node.quasis):
                cooked = q.value.cooked if hasattr(q.value, "cooked") else q.value["cooked"]
                out.append(cooked if cooked is not None else _UNKNOWN)
                if i < len(node.expressions):
                    out.extend(self._piece(node.expressions[i], depth, both_sides))
            return out
        if t == "BinaryExpression" and node.operator == "+":
            left = self._parts(node.left, depth + 1, both_sides)
            right = self._parts(node.right, depth + 1, both_sides)
            if left is None and right is None:
                return None
            return (left if left is not None else self._piece(node.left, depth, both_sides)) \
                + (right if right is not None else self._piece(node.right, depth, both_sides))
        if t == "Identifier":
            value = self._plain(node, _STRING_VALUES)
            return self._parts(value, depth + 1, both_sides) if value is not None else None
        if t in ("ChainExpression", "SequenceExpression"):
            return self._parts(unwrap(node), depth + 1, both_sides)
        if t == "CallExpression":
            return self._call_parts(node, depth, both_sides)
        if t == "ConditionalExpression" and both_sides:
            sides = [self._parts(n, depth + 1, both_sides) for n in (node.consequent, node.alternate)]
            if sides == [None, None]:
                return None
            return (sides[0] or []) + [_UNKNOWN] + (sides[1] or [])
        return None

    def _piece(self, node, depth, both_sides):
        """The parts of a `+` operand or template substitution that may not be a string."""
        sub = self._parts(node, depth + 1, both_sides)
        if sub is not None:
            return sub
        num = self._number(node)
        return [num] if num is not None else [_UNKNOWN]

    def _call_parts(self, node, depth, both_sides):
        """`String(x)`, `x.toString()`, `a.concat(b)`, `[..].join(sep)`: the string they make."""
        callee = unwrap(node.callee)
        args = node.arguments
        if callee.type == "Identifier" and callee.name == "String" and len(args) == 1 \
                and self.global_path(callee) == ("String",):
            return self._piece(args[0], depth, both_sides)
        if callee.type != "MemberExpression" or any(a.type == "SpreadElement" for a in args):
            return None
        method = static_property(callee, self.fold)
        if method == "toString" and not args:
            return self._piece(callee.object, depth, both_sides)  # always a string
        if method == "concat":
            base = self._parts(callee.object, depth + 1, both_sides)
            if base is None:
                return None
            for a in args:
                base = base + self._piece(a, depth, both_sides)
            return base
        if method == "join" and len(args) <= 1:
            array = unwrap(callee.object)
            sep = [","] if not args else self._parts(args[0], depth + 1, both_sides)
            if array.type == "Identifier":
                array = self._plain(array, _ARRAY_VALUES)
            if array is None or array.type != "ArrayExpression" or sep is None:
                return [_UNKNOWN]  # `.join()` always makes a string, of unknown text here
            out = []
            for i, el in enumerate(array.elements):
                if i:
                    out.extend(sep)
                if el is not None:
                    out.extend(self._piece(el, depth, both_sides) if el.type != "SpreadElement" else [_UNKNOWN])
            return out
        return None

    def is_string(self, node, depth=0) -> bool:
        """Whether a node evaluates to a string (its text may be unknown): what `_parts` folds,
        `.join()`, and in TypeScript a binding declared `: string`, a cast `as string`, or a call
        of a local function declared to return `string` (the TS language's fragment meta)."""
        node = unwrap(node)
        if node is None or depth > _MAX_DEPTH:
            return False
        meta = self.fragment.meta
        if meta.get("string_casts") and tuple(node.range) in meta["string_casts"]:
            return True
        t = node.type
        if t == "BinaryExpression" and node.operator == "+":
            return self.is_string(node.left, depth + 1) or self.is_string(node.right, depth + 1)
        if t == "Identifier":
            binding = self.scope.resolve(node)
            if binding is None:
                return False
            if meta.get("string_decls") and binding.id.range[0] in meta["string_decls"]:
                return True
            value = self._plain(node, _STRING_VALUES)
            return value is not None and self.is_string(value, depth + 1)
        if t == "CallExpression" and meta.get("string_returns"):
            callee = unwrap(node.callee)
            if callee.type == "Identifier":
                binding = self.scope.resolve(callee)
                if binding is not None and binding.id.range[0] in meta["string_returns"]:
                    return True
        return self._parts(node, depth) is not None

    @staticmethod
    def _number(node) -> Optional[str]:
        if node.type == "Literal" and isinstance(node.value, int) and not isinstance(node.value, bool):
            return str(node.value)
        return None

    # -- the global object ---------------------------------------------------------------------
    def global_path(self, node) -> Optional[tuple]:
        """Property path from the global object: `window.navigator.clipboard` -> ('navigator',
        'clipboard'); the global object itself -> (); anything rooted in a local -> None."""
        key = id(node)
        if key not in self._paths:
            self._paths[key] = self._global_path(node, 0)
        return self._paths[key]

    def _global_path(self, node, _depth) -> Optional[tuple]:
        node = unwrap(node)
        if node is None or _depth > _MAX_DEPTH:
            return None
        t = node.type
        if t == "Identifier":
            binding = self.scope.resolve(node)
            if binding is None:
                return () if node.name in GLOBAL_OBJECTS else (node.name,)
            w = self.bound(node, _PATH_VALUES)
            if w is not None:
                base = self._global_path(w.value, _depth + 1)
                return None if base is None else _join(base, w.path)
            return None
        if t == "CallExpression" and node.callee.type == "MemberExpression" \
                and static_property(node.callee, self.fold) == "bind":
            return self._global_path(node.callee.object, _depth + 1)  # `setTimeout.bind(window)`
        if t == "MemberExpression":
            base = self._global_path(node.object, _depth + 1)
            if base is None:
                return None
            name = static_property(node, self.fold)
            if name is None:
                return None
            return _join(base, (name,))
        if t == "ThisExpression":
            return () if self._top_level_this(node) else None
        return None

    # -- calls -----------------------------------------------------------------------------------
    def invocation(self, call):
        """(function node, argument nodes) of what a call or `new` runs: `f(a)`, `f.call(t, a)`,
        `f.apply(t, [a])`, `Reflect.apply(f, t, [a])`, `Reflect.construct(f, [a])`,
        `f.bind(t, a)(b)`. The arguments are None when they cannot be listed (a spread, an
        `apply` of something other than an array literal)."""
        callee = unwrap(call.callee)
        args = list(call.arguments)
        for _ in range(4):  # f.call.call(...): a few levels at most
            if callee is None:
                return None, None
            path = self.global_path(callee) if callee.type in ("Identifier", "MemberExpression") else None
            if path in (("Reflect", "apply"), ("Reflect", "construct")):
                if not args:
                    break
                target = unwrap(args[0])
                rest = args[2] if path == ("Reflect", "apply") and len(args) > 2 else \
                    args[1] if path == ("Reflect", "construct") and len(args) > 1 else None
                callee, args = target, _array_args(rest)
                continue
            if callee.type == "MemberExpression":
                method = static_property(callee, self.fold)
                if method == "call":
                    callee, args = unwrap(callee.object), args[1:] if args is not None else None
                    continue
                if method == "apply":
                    callee, args = unwrap(callee.object), _array_args(args[1] if len(args) > 1 else None)
                    break
            elif callee.type == "CallExpression" and unwrap(callee.callee).type == "MemberExpression" \
                    and static_property(unwrap(callee.callee), self.fold) == "bind":
                bound_args = list(callee.arguments[1:])
                callee = unwrap(unwrap(callee.callee).object)
                args = bound_args + args if args is not None else None
                continue
            break
        if args is not None and any(a.type == "SpreadElement" for a in args):
            args = None
        return callee, args

    # -- the Function constructor family ----------------------------------------------------------
    def function_constructor(self, node, _depth=0) -> Optional[str]:
        """"Function", "AsyncFunction", "GeneratorFunction" or "AsyncGeneratorFunction" when a
        node is that constructor: the global `Function`, or the `.constructor` of a function value
        (a function or arrow, one stored in a binding, `Object.getPrototypeOf(fn)`), however it is
        stored; else None."""
        node = unwrap(node)
        if node is None or _depth > 20:
            return None
        if self.global_path(node) == ("Function",):
            return "Function"
        t = node.type
        if t == "MemberExpression" and static_property(node, self.fold) == "constructor":
            return self._function_kind(node.object, _depth + 1)
        if t == "Identifier":
            value = self._plain(node, _PATH_VALUES)
            return self.function_constructor(value, _depth + 1) if value is not None else None
        return None

    def _function_kind(self, node, depth) -> Optional[str]:
        """Which constructor made a function value (or its prototype), or None if not one."""
        node = unwrap(node)
        if node is None or depth > 20:
            return None
        t = node.type
        if t in _FUNCTION_NODES:
            is_async = getattr(node, "async", None) or getattr(node, "isAsync", False)
            return ("Async" if is_async else "") + ("Generator" if node.generator else "") + "Function"
        if t == "Identifier":
            binding = self.scope.resolve(node)
            if binding is None:
                return "Function" if node.name == "Function" else None
            if binding.kind == "function":
                decl = binding.id.parent
                return self._function_kind(decl, depth + 1) if decl is not None and decl.type in _FUNCTION_NODES else None
            value = self._plain(node, _FUNCTION_VALUES)
            return self._function_kind(value, depth + 1) if value is not None else None
        if t == "CallExpression" and node.arguments and self.global_path(node.callee) in _GET_PROTOTYPE:
            return self._function_kind(node.arguments[0], depth + 1)
        if t == "MemberExpression" and self.global_path(node) == ("Function", "prototype"):
            return "Function"
        return None

    def _top_level_this(self, node) -> bool:
        """Whether `this` is the global object: at the top of a script, or in a sloppy-mode
        function called without a receiver (ESLint's "default this binding")."""
        if self.fragment.module:
            return False  # module code is strict: `this` is undefined or a receiver
        self.scope  # building scopes links every node to its parent
        child, p = node, node.parent
        while p is not None:
            t = p.type
            if t in ("PropertyDefinition", "FieldDefinition", "MethodDefinition") and p.key is child and p.computed:
                child, p = p.parent.parent, p.parent.parent.parent  # a computed key runs outside the class
                continue
            if t in ("PropertyDefinition", "FieldDefinition", "StaticBlock", "ClassBody", "ClassDeclaration", "ClassExpression"):
                return False
            if t in ("FunctionDeclaration", "FunctionExpression"):
                return self._default_this(p)
            child, p = p, p.parent
        return True

    def _default_this(self, fn) -> bool:
        if _strict(fn):
            return False
        if fn.id is not None and fn.id.name[:1].isupper():
            return False  # an ES5 constructor: `this` is the new object
        parent = fn.parent
        if parent is None:
            return True
        t = parent.type
        if t in ("Property", "MethodDefinition") or (t == "AssignmentExpression" and parent.right is fn
                                                     and parent.left.type == "MemberExpression"):
            return False  # a method: `this` is the object
        if t == "MemberExpression" and parent.object is fn:
            return static_property(parent, self.fold) not in ("call", "apply", "bind")
        if t == "CallExpression" and fn in parent.arguments:
            callee = unwrap(parent.callee)
            method = static_property(callee, self.fold) if callee.type == "MemberExpression" else None
            if method in _THIS_ARG_METHODS and len(parent.arguments) > parent.arguments.index(fn) + 1:
                return False  # array.map(fn, thisArg)
        return True

_FUNCTION_NODES = frozenset(("FunctionExpression", "ArrowFunctionExpression", "FunctionDeclaration"))
# What an initialiser must be for a question to follow it (see Values.bound)
_WRAPPERS = frozenset(("Identifier", "ChainExpression", "SequenceExpression"))
_PATH_VALUES = _WRAPPERS | {"MemberExpression", "CallExpression", "ThisExpression"}
_STRING_VALUES = _WRAPPERS | {"Literal", "TemplateLiteral", "BinaryExpression", "CallExpression",
                              "ConditionalExpression"}
_ARRAY_VALUES = _WRAPPERS | {"ArrayExpression"}
_FUNCTION_VALUES = _PATH_VALUES | _FUNCTION_NODES
_GET_PROTOTYPE = frozenset((("Object", "getPrototypeOf"), ("Reflect", "getPrototypeOf")))


def _array_args(node):
    """The elements of an array literal given as an argument list, or None."""
    node = unwrap(node)
    if node is None or node.type != "ArrayExpression" or any(e is None for e in node.elements):
        return None
    return list(node.elements)


_THIS_ARG_METHODS = frozenset(("every", "filter", "find", "findIndex", "findLast", "findLastIndex",
                               "flatMap", "forEach", "map", "some", "from", "fromAsync"))


def _strict(node) -> bool:
    """A 'use strict' directive in this function or any enclosing one, or class code."""
    while node is not None:
        t = node.type
        if t in ("ClassBody", "ClassDeclaration", "ClassExpression"):
            return True
        if t in ("FunctionDeclaration", "FunctionExpression", "Program"):
            body = node.body.body if t != "Program" else node.body
            for stmt in body:
                if getattr(stmt, "directive", None) is None:
                    break
                if stmt.directive == "use strict":
                    return True
        node = node.parent
    return False


def _join(base: tuple, more: tuple) -> tuple:
    out = list(base)
    for name in more:
        if not out and name in GLOBAL_OBJECTS:
            continue  # window.window, self.globalThis: still the global object
        out.append(name)
    return tuple(out)
