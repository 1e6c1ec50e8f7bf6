"""URLs in CSS, with exact offsets, from tinycss2's tokens.

tinycss2 gives each token a (line, column) in its own newline-folded copy of the text;
this module turns them back into offsets of the text passed in, and finds the raw URL
inside ``url( ... )`` or the quotes.

    from minislint.markup.stylesheet import css_urls
    for u in css_urls(css):        # document order
        u.url                      # the URL as CSS reads it (escapes resolved)
        u.start, u.end             # raw URL range in ``css`` (inside quotes / url())
        u.node_start               # offset of ``@import`` or ``url(`` / the string
        u.kind                     # "import": a top-level @import, in either form;
                                   # "font-face": a url() inside @font-face;
                                   # "value": any other url() (images, cursors, ...)

Works on whole stylesheets, ``<style>`` bodies and ``style="..."`` attribute values alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import tinycss2
from tinycss2.ast import AtKeywordToken, Comment, CurlyBracketsBlock, FunctionBlock, StringToken, URLToken

from .offsets import Normalized

_LINE = re.compile(r"[\n\r\f]")  # tinycss2 folds \r and \f into \n before counting lines


@dataclass(frozen=True)
class CssUrl:
    url: str
    start: int
    end: int
    node_start: int
    kind: str

    @property
    def type(self) -> str:
        """Node type for tree walkers: "Import" or "Url"."""
        return "Import" if self.kind == "import" else "Url"

    @property
    def range(self) -> tuple:
        return self.start, self.end


class _Positions:
    def __init__(self, css: str):
        self.norm = Normalized(css.replace("\0", "\uFFFD"))
        self.starts = [0] + [m.end() for m in _LINE.finditer(self.norm.text)]

    def folded(self, node) -> int:
        return self.starts[node.source_line - 1] + node.source_column - 1

    def original(self, folded: int) -> int:
        return self.norm.original(folded)


def _string_end(text: str, start: int, quote: str) -> int:
    """Folded offset of the closing quote (or line end / text end) of a CSS string."""
    i = start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == quote or c in "\n\r\f":
            return i
        i += 1
    return len(text)


def _url_token_range(text: str, at: int) -> tuple:
    """Raw URL range of an unquoted ``url( x )`` token starting at ``at`` (folded)."""
    i = text.index("(", at) + 1
    while i < len(text) and text[i] in " \t\n\r\f":
        i += 1
    j = i
    while j < len(text) and text[j] != ")":
        j += 2 if text[j] == "\\" else 1
    j = min(j, len(text))
    end = j
    while end > i and text[end - 1] in " \t\n\r\f":
        end -= 1
    return i, end


def css_urls(css: str) -> list:
    """Every ``@import`` URL and ``url()`` in ``css`` (see the module docstring)."""
    pos = _Positions(css)
    found: list = []
    _walk(tinycss2.parse_component_value_list(css, skip_comments=True), pos, found, "value",
          top=True)
    return found


def _add(found, pos, node, kind, anchor=None):
    text = pos.norm.text
    at = pos.folded(node)
    if isinstance(node, URLToken):
        start, end = _url_token_range(text, at)
    else:  # StringToken
        quote = text[at]
        start = at + 1
        end = _string_end(text, start, quote)
    node_at = pos.folded(anchor) if anchor is not None else at
    found.append(CssUrl(node.value, pos.original(start), pos.original(end),
                        pos.original(node_at), kind))


def _url_argument(node):
    """The URL token of ``url(x)`` / ``url("x")``, or None."""
    if isinstance(node, URLToken):
        return node
    if isinstance(node, FunctionBlock) and node.lower_name == "url":
        for arg in node.arguments:
            if isinstance(arg, StringToken):
                return arg
    return None


def _walk(nodes, pos, found, context, top=False):
    at_rule = None      # the at-keyword whose prelude we are in, if any
    import_kw = None    # the @import keyword waiting for its URL
    for node in nodes:
        if isinstance(node, AtKeywordToken):
            at_rule = node.lower_value
            import_kw = node if top and at_rule == "import" else None
            continue
        if getattr(node, "type", "") == "literal" and node.value == ";":
            at_rule = import_kw = None
            continue
        if import_kw is not None and getattr(node, "type", "") not in ("whitespace",):
            target = node if isinstance(node, StringToken) else _url_argument(node)
            if target is not None:
                _add(found, pos, target, "import", import_kw)
            import_kw = None
            continue
        url = _url_argument(node)
        if url is not None:
            _add(found, pos, url, context, node if url is not node else None)
        elif isinstance(node, CurlyBracketsBlock):
            inner = "font-face" if at_rule == "font-face" else context
            _walk(node.content, pos, found, inner)
            at_rule = None
        elif isinstance(node, FunctionBlock):
            _walk(node.arguments, pos, found, context)
        elif hasattr(node, "content") and isinstance(node.content, list):
            _walk(node.content, pos, found, context)


def css_comments(css: str) -> list:
    """(start, end) of every ``/* */`` comment in ``css``, from tinycss2's comment tokens (a
    ``/*`` in a string or a URL is none)."""
    pos = _Positions(css)
    size = len(pos.norm.text)
    out = []
    stack = [tinycss2.parse_component_value_list(css, skip_comments=False)]
    while stack:
        for node in stack.pop():
            if isinstance(node, Comment):
                start = pos.folded(node)
                end = min(start + len(node.value) + 4, size)  # `/*` value `*/`; unclosed: to the end
                out.append((pos.original(start), pos.original(end)))
            for inner in (getattr(node, "content", None), getattr(node, "arguments", None)):
                if isinstance(inner, list):
                    stack.append(inner)
    return out
