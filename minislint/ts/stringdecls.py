"""Which bindings a TypeScript file declares as strings, for rules that care about string values.

typescript-eslint's type-aware `no-implied-eval` knows `function later(code: string) {
setTimeout(code) }` passes a string; minislint has no type checker, but an explicit `: string`
annotation says the same. The offsets returned are where the binding identifier starts, in two sets:
- values: a parameter, variable or class field annotated with a string type;
- returns: a function declaration whose return type is a string type (a call of it yields a
  string, the function itself is not one: `setTimeout(later, 10)` passes a function);
and the (start, end) of expressions cast to a string type (`code as string`), which is what
JavaScript sees of them once the cast is blanked.
Function-valued variables (`const f = (): string => ""`) are in neither.
"""
from __future__ import annotations

from typing import Iterator, Optional

import tree_sitter

# Subtrees that cannot declare a runtime binding.
_SKIP = frozenset(
    {"type_annotation", "type_arguments", "type_parameters", "interface_declaration",
     "type_alias_declaration", "ambient_declaration", "comment", "string", "template_string"}
)


def is_string_type(node: Optional[tree_sitter.Node]) -> bool:
    """`string`, a string literal type, a template literal type, or a union of those."""
    if node is None:
        return False
    if node.type == "type_annotation":
        return is_string_type(_first_named(node))
    if node.type == "predefined_type":
        return node.text == b"string"
    if node.type == "literal_type":
        inner = _first_named(node)
        return inner is not None and inner.type == "string"
    if node.type == "template_literal_type":
        return True
    if node.type == "parenthesized_type":
        return is_string_type(_first_named(node))
    if node.type == "union_type":
        members = [c for c in node.named_children if c.type != "comment"]
        return bool(members) and all(is_string_type(c) for c in members)
    return False


def _first_named(node: tree_sitter.Node) -> Optional[tree_sitter.Node]:
    return next((c for c in node.named_children if c.type != "comment"), None)


_CASTS = ("as_expression", "satisfies_expression", "type_assertion")
_WRAPPERS = frozenset(("parenthesized_expression", "non_null_expression") + _CASTS)


def _cast_target(node: tree_sitter.Node) -> tree_sitter.Node:
    """The expression JavaScript sees once `(x as unknown)!` is blanked: `x`."""
    while node.type in _WRAPPERS:
        inner = [c for c in node.named_children if c.type != "comment"]
        if not inner:
            break
        node = inner[-1] if node.type == "type_assertion" else inner[0]
    return node


def string_decls(root: tree_sitter.Node) -> Iterator[tuple[str, object]]:
    """("value" | "returns", byte offset) of each identifier declared with a string type, and
    ("cast", (start, end)) of each expression cast to one (`x as string`, `<string>x`)."""
    stack = [root]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind in _SKIP:
            continue
        if kind in ("required_parameter", "optional_parameter"):
            pattern = node.child_by_field_name("pattern")
            if pattern is not None and pattern.type == "identifier" and is_string_type(
                node.child_by_field_name("type")
            ):
                yield "value", pattern.start_byte
        elif kind in ("variable_declarator", "public_field_definition"):
            name = node.child_by_field_name("name")
            if name is not None and name.type in ("identifier", "property_identifier") and is_string_type(
                node.child_by_field_name("type")
            ):
                yield "value", name.start_byte
        elif kind in ("function_declaration", "generator_function_declaration"):
            name = node.child_by_field_name("name")
            if name is not None and kind == "function_declaration" and is_string_type(
                node.child_by_field_name("return_type")
            ):
                yield "returns", name.start_byte
        elif kind in _CASTS:
            named = [c for c in node.named_children if c.type != "comment"]
            cast_type = named[0] if kind == "type_assertion" else (named[1] if len(named) > 1 else None)
            if cast_type is not None and cast_type.type == "type_arguments":
                cast_type = _first_named(cast_type)
            if is_string_type(cast_type):
                target = _cast_target(node)
                yield "cast", (target.start_byte, target.end_byte)
        stack.extend(node.children)
