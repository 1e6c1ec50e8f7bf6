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
        if self.fragment.module:
            return False  # top-level `this` in a module is undefined
        p = node.parent
        while p is not None:
            if p.type in ("FunctionDeclaration", "FunctionExpression", "PropertyDefinition",
                          "StaticBlock", "ClassBody"):
                return False
            p = p.parent
        return True


def _join(base: tuple, more: tuple) -> tuple:
    out = list(base)
    for name in more:
        if not out and name in GLOBAL_OBJECTS:
            continue  # window.window, self.globalThis: still the global object
        out.append(name)
    return tuple(out)
