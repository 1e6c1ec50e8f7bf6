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


class Values:
    def __init__(self, tree, fragment, scopes_getter):
        self.tree = tree
        self.fragment = fragment
        self._scopes = scopes_getter
        self._fold_cache: dict[int, object] = {}

    @property
    def scope(self):
        return self._scopes()

    # -- strings -----------------------------------------------------------------------------
    def fold(self, node) -> Optional[str]:
        """The string a node always evaluates to, or None when it is not a known string."""
        parts = self._parts(node, 0)
        if parts is None or _UNKNOWN in parts:
            return None
        return "".join(parts)

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

    def _parts(self, node, depth):
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
                    sub = self._parts(node.expressions[i], depth + 1)
                    if sub is None:
                        num = self._number(node.expressions[i])
                        sub = [num] if num is not None else [_UNKNOWN]
                    out.extend(sub)
            return out
        if t == "BinaryExpression" and node.operator == "+":
            left = self._parts(node.left, depth + 1)
            right = self._parts(node.right, depth + 1)
            if left is None and right is None:
                return None
            if left is None:
                num = self._number(node.left)
                left = [num] if num is not None else [_UNKNOWN]
            if right is None:
                num = self._number(node.right)
                right = [num] if num is not None else [_UNKNOWN]
            return left + right
        if t == "Identifier":
            binding = self.scope.resolve(node)
            if binding is not None and binding.kind == "const" and binding.path == () and binding.init is not None:
                return self._parts(binding.init, depth + 1)
            return None
        if t in ("ChainExpression", "SequenceExpression"):
            return self._parts(unwrap(node), depth + 1)
        return None

    @staticmethod
    def _number(node) -> Optional[str]:
        if node.type == "Literal" and isinstance(node.value, int) and not isinstance(node.value, bool):
            return str(node.value)
        return None

    # -- the global object ---------------------------------------------------------------------
    def global_path(self, node, _depth=0) -> Optional[tuple]:
        """Property path from the global object: `window.navigator.clipboard` -> ('navigator',
        'clipboard'); the global object itself -> (); anything rooted in a local -> None."""
        node = unwrap(node)
        if node is None or _depth > _MAX_DEPTH:
            return None
        t = node.type
        if t == "Identifier":
            binding = self.scope.resolve(node)
            if binding is None:
                return () if node.name in GLOBAL_OBJECTS else (node.name,)
            if binding.kind == "const" and binding.init is not None and binding.path is not None:
                base = self.global_path(binding.init, _depth + 1)
                return None if base is None else _join(base, binding.path)
            return None
        if t == "MemberExpression":
            base = self.global_path(node.object, _depth + 1)
            if base is None:
                return None
            name = static_property(node, self.fold)
            if name is None:
                return None
            return _join(base, (name,))
        if t == "ThisExpression":
            return () if self._top_level_this(node) else None
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
