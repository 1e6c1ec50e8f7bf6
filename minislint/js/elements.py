"""DOM elements of a known tag, as source and compiled code make them, and the attributes they
are given. Part of the value service (`Values.element`, `.attributes`, `.is_probe`).

Made by:
- `document.createElement(tag)` / `createElementNS(ns, tag)`;
- JSX syntax (`<iframe>`), and what compilers turn it into: a JSX runtime call
  (`jsx("iframe", props)`, `X.jsxs(...)`, `React.createElement(...)`, `(0, r.jsx)(...)`) or a Vue
  render helper (`createElementVNode("video", props)`, `createElementBlock`, `createVNode`,
  `createBlock`, `h`). A bare name is a helper when it is imported under that name (any source,
  so `import { jsx as e } from "./vendor.js"`) or when it is a local function that builds a
  React element or Vue vnode from its first parameter: the runtime inlined into a bundle under
  a one-letter name. A local `jsx` that is neither is not a runtime.

Attributes: the props of a render call, then for an element stored in a binding written once,
`el.src = v`, `el.setAttribute("src", v)` and `Object.assign(el, { src: v })` anywhere in the
file (`Object.assign(document.createElement("script"), { src })` too).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from minislint.js.values import key_name, static_property, unwrap
from minislint.js.walk import children

# Member calls that make an element from a tag string whatever the receiver is called
# (`React.createElement`, a bundle's `l.jsx`); `document.createElement` is checked by path.
_MEMBER_HELPERS = frozenset(("jsx", "jsxs", "jsxDEV", "createElement", "createElementVNode",
                             "createElementBlock", "createVNode", "createBlock"))
# `h` is too common a name to trust from any module.
_H_MODULES = frozenset(("vue", "preact", "@vue/runtime-dom", "@vue/runtime-core", "preact/compat"))
_FUNCTIONS = frozenset(("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"))
_FUNCTION_VALUES = _FUNCTIONS | {"Identifier"}
_ELEMENT_VALUES = frozenset(("Identifier", "CallExpression", "SequenceExpression"))
_FACTORY_MARKS = frozenset(("__v_isVNode", "$$typeof"))  # keys of a Vue vnode / React element
_FACTORY_BODY_NODES = 600  # a render helper is small; a bigger function is not searched


@dataclass
class Element:
    tag: str
    node: object = field(repr=False)  # the node that makes it: a call or a JSXOpeningElement
    kind: str = "dom"                 # "dom": document.createElement; "render": JSX, render helpers
    props: object = field(default=None, repr=False)  # the object literal of a render call

    @property
    def where(self):
        """Where to report it: a compiled render call at its tag (`jsx("video"`, which source
        maps put on the JSX tag), anything else whole."""
        if self.kind == "render" and self.node.type == "CallExpression":
            return self.node.arguments[0]
        return self.node


def _imported_name(binding) -> Optional[tuple]:
    """(imported name, module) of an import binding."""
    spec = binding.id.parent
    if spec is None or spec.type != "ImportSpecifier":
        return None
    imported = spec.imported
    name = imported.name if imported.type == "Identifier" else imported.value
    source = getattr(spec.parent, "source", None)
    return name, getattr(source, "value", None)


class Elements:
    def __init__(self, values):
        self.values = values
        self._factory: dict[int, bool] = {}
        self._created: dict = {}

    # -- what makes an element ------------------------------------------------------------------
    def created(self, node) -> Optional[Element]:
        """The element a CallExpression or JSXOpeningElement makes, or None (asked once per node:
        the iframe, video, script and stylesheet rules all ask about the same calls)."""
        key = id(node)
        if key not in self._created:
            self._created[key] = self._creation(node)
        return self._created[key]

    def _creation(self, node) -> Optional[Element]:
        t = node.type
        if t == "JSXOpeningElement":
            name = node.name
            if name.type == "JSXIdentifier" and name.name[:1].islower():
                return Element(name.name.lower(), node, "render")
            return None
        if t != "CallExpression" or not node.arguments:
            return None
        v = self.values
        callee = unwrap(node.callee)
        if callee is None:
            return None
        if callee.type == "MemberExpression":
            method = static_property(callee, v.fold) if not (callee.computed and callee.property.type == "Identifier") else None
            if method not in _MEMBER_HELPERS:
                return None
            if method == "createElementNS":
                if v.global_path(callee) != ("document", "createElementNS") or len(node.arguments) < 2:
                    return None
                return self._make(node.arguments[1], node, "dom")
            if method == "createElement":
                path = v.global_path(callee)
                if path is not None and len(path) == 2 and path[0] == "document":
                    return self._make(node.arguments[0], node, "dom")
                if path is not None and path != ("React", "createElement"):
                    return None  # some global's own createElement
                # React.createElement(tag, props, ...); `doc.createElement(tag)` of a local
                # document is not known to be the page's
                return self._make(node.arguments[0], node, "render") if len(node.arguments) > 1 else None
            return self._make(node.arguments[0], node, "render")
        if callee.type == "Identifier" and self._is_helper(callee):
            return self._make(node.arguments[0], node, "render")
        return None

    def _make(self, tag_node, node, kind) -> Optional[Element]:
        tag = self.values.fold(tag_node)
        if not tag or not tag.strip():
            return None
        tag = tag.strip()
        if kind == "render" and not tag[:1].islower():
            return None  # `jsx("Iframe")` would be a component name, not a tag
        props = None
        if kind == "render" and len(node.arguments) > 1:
            props = unwrap(node.arguments[1])
            props = props if props is not None and props.type == "ObjectExpression" else None
        return Element(tag.lower(), node, kind, props)

    def _is_helper(self, ident) -> bool:
        binding = self.values.scope.resolve(ident)
        if binding is None:
            return False
        if binding.kind == "import":
            found = _imported_name(binding)
            if found is None:
                return False
            name, source = found
            return name in _MEMBER_HELPERS or (name == "h" and source in _H_MODULES)
        return self._is_factory(self._function_of(ident), 0)

    def _function_of(self, ident):
        binding = self.values.scope.resolve(ident)
        if binding is None:
            return None
        if binding.kind == "function":
            decl = binding.id.parent
            return decl if decl is not None and decl.type in _FUNCTIONS else None
        value = self.values._plain(ident, _FUNCTION_VALUES)
        if value is None:
            return None
        value = unwrap(value)
        if value.type == "Identifier":  # `const jsx = createBaseVNode`
            return self._function_of(value) if value is not ident else None
        return value if value.type in _FUNCTIONS else None

    def _is_factory(self, fn, depth) -> bool:
        """Whether a function builds a React element or Vue vnode whose type is its first
        parameter, itself or by passing that parameter first to such a function."""
        if fn is None or fn.type not in _FUNCTIONS or not fn.params or depth > 3:
            return False
        key = id(fn)
        if key in self._factory:
            return self._factory[key]
        self._factory[key] = False  # recursion guard
        first = fn.params[0]
        first = first.left if first.type == "AssignmentPattern" else first
        found = False
        if first.type == "Identifier":
            found = self._builds_from(fn.body, first.name, depth)
        self._factory[key] = found
        return found

    def _builds_from(self, body, param, depth) -> bool:
        stack, seen = [body], 0
        calls = []
        while stack and seen < _FACTORY_BODY_NODES:
            node = stack.pop()
            seen += 1
            t = node.type
            if t == "ObjectExpression":
                keys = {key_name(p): p for p in node.properties}
                type_prop = keys.get("type")
                if type_prop is not None and _FACTORY_MARKS & keys.keys() \
                        and type_prop.value.type == "Identifier" and type_prop.value.name == param:
                    return True
            elif t == "CallExpression" and node.arguments and node.callee.type == "Identifier":
                arg = node.arguments[0]
                if arg.type == "Identifier" and arg.name == param:
                    calls.append(node.callee)
            if t not in _FUNCTIONS or node is body:
                stack.extend(children(node))
        if seen >= _FACTORY_BODY_NODES:
            return False
        return any(self._is_factory(self._function_of(c), depth + 1) for c in calls)

    # -- an expression's element ------------------------------------------------------------------
    def element(self, node, _depth=0) -> Optional[Element]:
        """The element a node holds: a creation, `Object.assign(creation, ...)`, or a binding
        written once with one of those."""
        node = unwrap(node)
        if node is None or _depth > 10:
            return None
        if node.type == "Identifier":
            value = self.values._plain(node, _ELEMENT_VALUES)
            return self.element(value, _depth + 1) if value is not None else None
        if node.type == "CallExpression":
            found = self.created(node)
            if found is not None:
                return found
            if node.arguments and self.values.global_path(node.callee) == ("Object", "assign"):
                return self.element(node.arguments[0], _depth + 1)
        return None

    def holder(self, creation, once=True):
        """(outermost expression that is the element, binding it is stored in or None):
        `Object.assign(createElement("s"), {...})` is still the element. With `once`, only a
        binding that holds nothing else (written once)."""
        expr = creation
        parent = getattr(expr, "parent", None)
        while parent is not None:
            if parent.type in ("ChainExpression", "SequenceExpression") and unwrap(parent) is expr:
                expr, parent = parent, parent.parent
            elif parent.type == "CallExpression" and parent.arguments and parent.arguments[0] is expr \
                    and self.values.global_path(parent.callee) == ("Object", "assign"):
                expr, parent = parent, parent.parent
            else:
                break
        binding = None
        if parent is not None:
            if parent.type == "VariableDeclarator" and parent.init is expr and parent.id.type == "Identifier":
                binding = self.values.scope.resolve(parent.id)
            elif parent.type == "AssignmentExpression" and parent.right is expr and parent.operator == "=" \
                    and parent.left.type == "Identifier":
                binding = self.values.scope.resolve(parent.left)
            if binding is not None and once:
                w = self.values.bindings.single(binding) if binding.kind != "const" else self.values.bindings.const(binding)
                if w is None or w.path != () or w.value is not expr:
                    binding = None
        return expr, binding

    def attributes(self, element: Element) -> list:
        """(name, value node) for each attribute or property the element is given, in order."""
        fold = self.values.fold
        out = []
        node = element.node
        if node.type == "JSXOpeningElement":
            for attr in node.attributes:
                if attr.type == "JSXAttribute" and attr.value is not None and attr.name.type == "JSXIdentifier":
                    value = attr.value
                    value = value.expression if value.type == "JSXExpressionContainer" else value
                    out.append((attr.name.name.lower(), value))
            return out
        if element.props is not None:
            out.extend(_object_props(element.props, fold))
        expr, binding = self.holder(node)
        walker = expr
        while walker is not node:  # Object.assign(createElement(...), {...})
            if walker.type == "CallExpression":
                for arg in walker.arguments[1:]:
                    out.extend(_object_props(unwrap(arg), fold))
                walker = unwrap(walker.arguments[0]) if walker.arguments else node
            else:
                walker = unwrap(walker)
        if binding is not None:
            for ref in self.values.bindings.references(binding):
                out.extend(self._given(ref))
        return out

    def _given(self, ref) -> list:
        """Attributes given through one reference of an element's binding."""
        fold = self.values.fold
        parent = ref.parent
        if parent is None:
            return []
        if parent.type == "MemberExpression" and parent.object is ref:
            outer = parent.parent
            name = static_property(parent, fold)
            if outer is not None and outer.type == "AssignmentExpression" and outer.left is parent \
                    and outer.operator == "=" and name:
                return [(name.lower(), outer.right)]
            if outer is not None and outer.type == "CallExpression" and outer.callee is parent \
                    and name == "setAttribute" and len(outer.arguments) > 1:
                attr = fold(outer.arguments[0])
                return [(attr.lower(), outer.arguments[1])] if attr else []
        if parent.type == "CallExpression" and parent.arguments and parent.arguments[0] is ref \
                and self.values.global_path(parent.callee) == ("Object", "assign"):
            out = []
            for arg in parent.arguments[1:]:
                out.extend(_object_props(unwrap(arg), fold))
            return out
        return []

    def is_probe(self, element: Element) -> bool:
        """Whether a created element is only asked what the browser supports
        (`"canPlayType" in document.createElement("video")`, `v.canPlayType("video/mp4")`) and
        never enters the page, plays, or leaves the expressions that ask."""
        if element.kind != "dom":
            return False
        expr, binding = self.holder(element.node, once=False)
        if expr is not element.node:
            return False  # given attributes with Object.assign: made to be used
        if binding is not None and binding.kind not in ("var", "let", "const"):
            return False
        uses = [expr] if binding is None else self.values.bindings.references(binding)
        # `t = null` afterwards only lets it go; any other value stored there is judged by
        # the uses too (appending it is not asking)
        return bool(uses) and all(_asks(u) or _overwritten(u) for u in uses)


_PROBE_CALLS = frozenset(("canPlayType", "hasAttribute", "getAttribute"))


def _asks(use) -> bool:
    parent = use.parent
    if parent is None:
        return False
    if parent.type == "BinaryExpression" and parent.operator == "in" and parent.right is use:
        return True
    if parent.type == "MemberExpression" and parent.object is use:
        outer = parent.parent
        if outer is None:
            return True
        if outer.type == "AssignmentExpression" and outer.left is parent:
            return False
        if outer.type == "UpdateExpression" or (outer.type == "UnaryExpression" and outer.operator == "delete"):
            return False
        if outer.type in ("CallExpression", "NewExpression") and outer.callee is parent:
            return static_property(parent, lambda _: None) in _PROBE_CALLS
        return True  # a property read: `typeof v.webkitEnterFullscreen`
    return False


def _overwritten(use) -> bool:
    parent = use.parent
    return parent is not None and parent.type == "AssignmentExpression" and parent.left is use


def _object_props(obj, fold) -> list:
    if obj is None or obj.type != "ObjectExpression":
        return []
    out = []
    for p in obj.properties:
        name = key_name(p, fold)
        if name:
            out.append((name.lower(), p.value))
    return out
