"""Small questions about ESTree nodes that several rules ask."""
from __future__ import annotations


def is_reference(ident) -> bool:
    """True when an Identifier reads a variable (not a property key, label or declaration name)."""
    parent = ident.parent
    if parent is None:
        return True
    t = parent.type
    if t == "MemberExpression":
        return parent.object is ident or parent.computed
    if t in ("Property", "PropertyDefinition", "FieldDefinition", "MethodDefinition"):
        if parent.key is ident and not parent.computed:
            # `{eval}` shorthand reads eval; in a pattern it declares a name instead
            return t == "Property" and parent.shorthand and parent.value is ident and not _in_pattern(parent)
        if t == "Property" and _in_pattern(parent):
            return False
        return parent.value is ident or parent.key is ident
    if t in ("VariableDeclarator",):
        return parent.init is ident
    if t in ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"):
        return False  # its name or a parameter
    if t in ("ClassDeclaration", "ClassExpression"):
        return parent.superClass is ident
    if t in ("LabeledStatement", "BreakStatement", "ContinueStatement"):
        return False
    if t in ("ImportSpecifier", "ImportDefaultSpecifier", "ImportNamespaceSpecifier"):
        return False
    if t == "ExportSpecifier":
        return parent.local is ident and getattr(parent.parent, "source", None) is None
    if t in ("CatchClause", "RestElement", "ArrayPattern", "ObjectPattern"):
        return False
    if t == "AssignmentPattern":
        return parent.right is ident
    if t == "MetaProperty":
        return False
    if t.startswith("JSX"):
        return False
    return True


def _in_pattern(prop) -> bool:
    return prop.parent is not None and prop.parent.type == "ObjectPattern"


def name_node(node):
    """The node to point at for a reference: `eval` itself, or the property of `window.eval`."""
    from minislint.js.values import unwrap

    node = unwrap(node)
    if node is not None and node.type == "MemberExpression":
        return node.property
    return node
