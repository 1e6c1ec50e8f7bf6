"""Code held in a string (`setTimeout("tick()", 100)`): does it parse as a script's statements,
and which names does it read from outside? A fix that turns the string into a function asks.

The string runs as a classic script in the global scope, so it is parsed as one, with the project's
JS parser; a name it does not declare itself is free and means the global of that name.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from minislint.languages import ParseError
from minislint.source import Fragment, SourceFile

MAX_LENGTH = 4000  # a longer string is generated code, not a callback someone wrote
_FUNCTIONS = frozenset(("FunctionDeclaration", "FunctionExpression"))  # own `this` / `arguments`
_DECLARATIONS = frozenset(("VariableDeclaration", "FunctionDeclaration", "ClassDeclaration"))


@dataclass(frozen=True)
class Snippet:
    free_names: frozenset      # names read or written that the string does not declare
    global_effects: bool       # declares top-level names, assigns a free name, or uses top-level
    #                            `this` / `arguments`: as a function body it would act differently


def statements(code: str) -> Optional[Snippet]:
    """The snippet when `code` parses as a script, else None."""
    if len(code) > MAX_LENGTH:
        return None
    from minislint.js.ast import is_reference
    from minislint.js.parse import parse_js
    from minislint.js.scope import Scopes
    from minislint.js.walk import children

    fragment = Fragment(SourceFile(Path("<string>"), "<string>", code), "js", code, 0, module=False,
                        meta={"jsx_fallback": False})
    try:
        tree = parse_js(fragment)
    except (ParseError, RecursionError):
        return None
    scopes = Scopes(tree)
    effects = any(s.type in _DECLARATIONS for s in tree.body)
    free = set()
    stack = [(tree, False)]
    while stack:
        node, in_function = stack.pop()
        t = node.type
        if t == "ThisExpression" and not in_function:
            effects = True
        elif t == "Identifier" and is_reference(node) and scopes.resolve(node) is None:
            free.add(node.name)
            if node.name == "arguments" and not in_function:
                effects = True
            parent = node.parent
            if parent is not None and (parent.type == "AssignmentExpression" and parent.left is node
                                       or parent.type == "UpdateExpression"):
                effects = True  # sloppy string code creates a global; a strict function throws
        inner = in_function or t in _FUNCTIONS
        stack.extend((child, inner) for child in children(node))
    return Snippet(frozenset(free), effects)


def as_arrow(code: str) -> Optional[str]:
    """`tick()` -> `() => { tick(); }`: the statements as an arrow function's body, on one line
    when that parses (a trailing `// comment` would swallow the brace), else on their own lines."""
    body = code.strip()
    if not body:
        return "() => {}"
    semi = "" if body.endswith((";", "}")) else ";"
    for text in (f"() => {{ {body}{semi} }}", f"() => {{\n{body}\n}}"):
        if statements(text) is not None:
            return text
    return None
