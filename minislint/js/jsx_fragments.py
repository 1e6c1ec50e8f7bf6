"""JSX fragments (`<>...</>`) for esprima2, whose JSX parser only knows named elements.

React code uses fragments everywhere; without this a .jsx or .tsx file that has one is a
syntax error. A fragment parses as a JSXElement whose opening and closing names are an empty
JSXIdentifier (zero width, at the `>`), so the tree keeps the shape the rules already walk and
`<></a>` is still "Expected corresponding JSX closing tag".
"""
from __future__ import annotations

from esprima import jsx_nodes
from esprima.jsx_parser import JSXParser

_parse_name = JSXParser.parseJSXElementName


def _parse_name_or_fragment(self):
    if self.matchJSX(">"):  # `<>` or `</>`: no name
        return self.finalize(self.createJSXNode(), jsx_nodes.JSXIdentifier(""))
    return _parse_name(self)


if not getattr(JSXParser, "_minislint_fragments", False):
    JSXParser.parseJSXElementName = _parse_name_or_fragment
    JSXParser._minislint_fragments = True
