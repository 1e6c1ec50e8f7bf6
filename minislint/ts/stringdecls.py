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


# `decl`: a binding with a type (or a function with a return type), `cast`: `x as T`, `<T>x`;
# `skip`: subtrees that cannot declare a runtime binding (as a walk that does not enter them).
_QUERY = """
[(type_annotation) (type_arguments) (type_parameters) (interface_declaration) (type_alias_declaration)
 (ambient_declaration) (template_string)] @skip
(required_parameter pattern: (identifier) type: (_)) @decl
(optional_parameter pattern: (identifier) type: (_)) @decl
(variable_declarator name: (identifier) type: (_)) @decl
(public_field_definition name: (property_identifier) type: (_)) @decl
(function_declaration name: (_) return_type: (_)) @decl
[{casts}] @cast
"""


def query_source(language: tree_sitter.Language) -> str:
    """The query :func:`string_decls` needs, for this grammar (TSX has no `<T>x` cast)."""
    casts = [t for t in _CASTS if language.id_for_node_kind(t, True) is not None]
    return _QUERY.format(casts=" ".join(f"({t})" for t in casts))


def string_decls(captures: dict) -> Iterator[tuple[str, object]]:
    """("value" | "returns", byte offset) of each identifier declared with a string type, and
    ("cast", (start, end)) of each expression cast to one (`x as string`, `<string>x`).
    `captures`: what a query holding :func:`query_source` captured (erase.find)."""
    found = [(node, kind) for kind in ("skip", "decl", "cast") for node in captures.get(kind, ())]
    skip_end = -1  # end of the `skip` subtree the nodes met are in
    for node, kind in sorted(found, key=lambda f: (f[0].start_byte, -f[0].end_byte)):
        if node.start_byte < skip_end:
            continue
        if kind == "skip":
            skip_end = node.end_byte
            continue
        t = node.type
        if t in ("required_parameter", "optional_parameter"):
            if is_string_type(node.child_by_field_name("type")):
                yield "value", node.child_by_field_name("pattern").start_byte
        elif t in ("variable_declarator", "public_field_definition"):
            if is_string_type(node.child_by_field_name("type")):
                yield "value", node.child_by_field_name("name").start_byte
        elif t == "function_declaration":
            if is_string_type(node.child_by_field_name("return_type")):
                yield "returns", node.child_by_field_name("name").start_byte
        else:  # a cast
            named = [c for c in node.named_children if c.type != "comment"]
            cast_type = named[0] if t == "type_assertion" else (named[1] if len(named) > 1 else None)
            if cast_type is not None and cast_type.type == "type_arguments":
                cast_type = _first_named(cast_type)
            if is_string_type(cast_type):
                target = _cast_target(node)
                yield "cast", (target.start_byte, target.end_byte)
