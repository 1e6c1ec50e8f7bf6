"""Parse JavaScript: tree-sitter first (C speed, ESTree nodes on demand: minislint/js/tree.py);
esprima2 (ES2024 + JSX, ESTree, pure Python) only when tree-sitter marks the text broken.

Script vs module is decided like Babel's ``sourceType: "unambiguous"``: a file is a module when it
has import/export declarations.

When tree-sitter sees an error, esprima2 decides: if it rejects the text too, its message and
position are the ``syntax-error`` (as before tree-sitter); if it accepts it (tree-sitter's known
ASI gap, ``let x\n[a, b] = f()``, or any other tree-sitter misreading), the file is linted from
esprima2's tree, so a misread file costs speed, never findings.
"""
from __future__ import annotations

import os
import re

from minislint.languages import ParseError
from minislint.suppress import MARK

# Cheap hint: only sources with an import/export keyword at a line start are tried as modules first.
# Blanks after `;`/`}` stay on their line (the next line is its own `^`): a `\s*` spanning lines
# rescanned every following blank line from each line start, 40 kB of newlines took 30 s.
_MODULE_HINT = re.compile(r"(?:^|[;}])[ \t\f\v]*(?:import\s*[\w{*\"'.]|export\s)", re.M)
_MODULE_DECLS = frozenset(("ImportDeclaration", "ExportNamedDeclaration", "ExportDefaultDeclaration",
                           "ExportAllDeclaration"))
_HASHBANG = re.compile(r"#![^\r\n\u2028\u2029]*")
_LINE_PREFIX = re.compile(r"^Line \d+: ")
_CLOSING = re.compile(rb"<\s*/")


def _options(jsx: bool, comments: bool = False) -> dict:
    # `range` only: `loc` objects cost a third of the parse and positions come from offsets.
    return {"range": True, "jsx": jsx, "comment": comments}


_MODULE_TS = frozenset(("import_statement", "export_statement"))
# bench/differential.py runs the reference front end through the same engine
_FRONTEND = os.environ.get("MINISLINT_JS_FRONTEND", "tree-sitter")


def parse_js(fragment):
    """Parse a JS fragment; sets ``fragment.module`` when it was undecided. Parsed once: an
    inline script's tree is asked for by the HTML rules (Document.scripts) and by the engine.

    Returns the Program of a :class:`minislint.js.tree.Tree` (tree-sitter) or, for text
    tree-sitter could not read, esprima2's Program."""
    done = fragment.__dict__.get("_js_parsed")
    if done is None:
        try:
            done = (_parse_fragment(fragment), None)
        except ParseError as err:
            done = (None, err)
        fragment.__dict__["_js_parsed"] = done
    if done[1] is not None:
        raise done[1]
    return done[0]


def _parse_fragment(fragment):
    from minislint.js.tree import Tree, ts_parse

    if _FRONTEND == "esprima2":
        return parse_esprima(fragment)
    text = fragment.text
    data = text.encode("utf-8", "surrogatepass")
    ts_tree = ts_parse(data)
    root = ts_tree.root_node
    if not root.has_error and not _early_error(root, fragment, data):
        if fragment.module is None:
            fragment.module = any(c.type in _MODULE_TS for c in root.children)
        tree = Tree(text, data, ts_tree)
        tree.module = bool(fragment.module)
        # `comments`: (start, end) of every comment, fragment offsets, as on esprima's path
        # (suppress.py reads directives only there); looked for only when one may stand.
        tree.program.comments = _ts_comments(root, tree.offsets) if MARK in text else []
        return tree.program
    return parse_esprima(fragment)


# A script this large is linted in pieces of whole top-level statements (issue 11): a tree-sitter
# tree costs ~60 bytes per byte of source (1.2 GB for the 20 MB bench bundle) and the ESTree
# nodes rules ask for as much again, so one 20 MB tree took 2.7 GB; one piece at a time, the
# peak is the first whole parse. Below this size one tree stays well under a gigabyte.
CHUNK_FROM = 8 * 1024 * 1024
CHUNK_SIZE = 2 * 1024 * 1024   # bytes of statements per piece (the last may be smaller)
# top-level statements that declare nothing: a piece sees every name the others could bind
_UNBINDING = frozenset(("expression_statement", "empty_statement", "comment", "html_comment",
                        "hash_bang_line"))


def statement_chunks(text: str, module=None) -> list:
    """(start, end) code-point ranges of consecutive whole top-level statements, ~CHUNK_SIZE
    bytes each, covering `text`; [] when it must be linted whole.

    Pieces are separate Programs, as the `<script>`s of a page are, so a script is cut only
    where no piece can miss what another holds: every top-level statement is an expression or a
    comment (a concatenation of IIFE/UMD bundles; no `var`, `function` or `import` whose name a
    later piece would resolve), no directive prologue (its "use strict" covers the whole file),
    no piece starting with a string statement (it would read as a directive), and tree-sitter
    finds no error (esprima2 then words the error for the whole text)."""
    if len(text) < CHUNK_FROM or module is True or _FRONTEND == "esprima2":
        return []
    from minislint.js.tree import ts_parse
    from minislint.utf8 import ByteToChar

    data = text.encode("utf-8", "surrogatepass")
    root = ts_parse(data).root_node  # the tree is freed on return: each piece is parsed again
    if root.has_error:
        return []
    starts, first = [], True
    for child in root.children:
        if child.type not in _UNBINDING:
            return []
        directive = child.type == "expression_statement" and child.named_child_count == 1 \
            and child.named_children[0].type == "string"
        if first and child.type == "expression_statement":
            if directive:
                return []
            first = False
        if not directive and (not starts or child.start_byte - starts[-1] >= CHUNK_SIZE):
            starts.append(child.start_byte)
    if len(starts) < 2:
        return []
    offsets = ByteToChar(text)
    bounds = [0] + [offsets.cp(b) for b in starts[1:]] + [len(text)]
    return list(zip(bounds, bounds[1:]))


_COMMENT_QUERY = None


def _ts_comments(root, offsets) -> list:
    global _COMMENT_QUERY
    from tree_sitter import Query, QueryCursor

    from minislint.js.tree import language

    if _COMMENT_QUERY is None:
        _COMMENT_QUERY = Query(language(), "[(comment) (html_comment)] @c")
    found = QueryCursor(_COMMENT_QUERY).captures(root).get("c", [])
    return sorted((offsets.cp(n.start_byte), offsets.cp(n.end_byte)) for n in found)




def _early_error(root, fragment, data: bytes) -> bool:
    """Errors tree-sitter's grammar accepts and esprima2 reports: import/export in a script
    (`.cjs`, `.cts`) and a JSX closing tag that does not match its opening tag."""
    if fragment.module is False and any(c.type in _MODULE_TS for c in root.children):
        return True
    # A closing tag starts with `<` `/`: looked up where the text has them (a bundle's are in
    # its HTML strings), not by a query over the whole tree (~6 % of a cold corpus run).
    for m in _CLOSING.finditer(data):
        node = root.named_descendant_for_byte_range(m.start(), m.end())
        if node is None or node.type != "jsx_closing_element":
            continue
        element = node.parent
        opening = element.child_by_field_name("open_tag") if element is not None else None
        if opening is None:
            continue
        a, b = opening.child_by_field_name("name"), node.child_by_field_name("name")
        if (a.text if a is not None else b"") != (b.text if b is not None else b""):
            return True
    return False


def parse_esprima(fragment):
    """esprima2's Program for a fragment (or its ParseError): the reference front end."""
    import esprima

    from minislint.js import jsx_fragments  # noqa: F401  (teaches esprima2 `<>...</>`)

    text = fragment.text
    if text.startswith("#!"):  # keep offsets: blank the hashbang instead of cutting it
        m = _HASHBANG.match(text)
        text = " " * m.end() + text[m.end():]
    jsx = bool(fragment.meta.get("jsx"))
    module = fragment.module
    if module is None:
        return _parse_unambiguous(fragment, text, jsx)
    try:
        return _parse(text, module, jsx)
    except esprima.Error as err:
        if not jsx and fragment.meta.get("jsx_fallback", True) and "<" in text:
            try:  # React code in a .js file
                return _parse(text, module, True)
            except esprima.Error:
                pass
        raise _error(err) from None


_EMPTY_SUBSTITUTION = re.compile(r"\$\{\s*\}")


def _parse(text, module, jsx):
    import esprima

    # Comments are collected only where a suppression directive may stand (suppress.py).
    collect = MARK in text
    opts = _options(jsx, collect)
    try:
        tree = esprima.parseModule(text, opts) if module else esprima.parseScript(text, opts)
        # `tree.comments`: (start, end) of every comment, fragment offsets, for suppress.py;
        # any JS front end sets it the same way.
        tree.comments = [tuple(c.range) for c in tree.comments] if collect else []
        return tree
    except AssertionError as err:
        # esprima2 asserts instead of raising its Error on some invalid input, e.g. an empty
        # template substitution `${}` (found by fuzz/fuzz_lint.py); make it a syntax error.
        empty = _EMPTY_SUBSTITUTION.search(text) if "template head" in str(err) else None
        index = empty.end() - 1 if empty else 0
        raise esprima.Error(f"Unexpected token }} ({err})" if empty else f"Unexpected input ({err})",
                            index=index) from None


def _parse_unambiguous(fragment, text, jsx):
    import esprima

    first = bool(_MODULE_HINT.search(text))
    order = (True, False) if first else (False, True)
    errors = []
    # A variant (JSX or not) that ran out of input as one source type runs out as the other too:
    # both read the same tokens to the end. Parsing 100 kB of `a=a=` twice cost 2.5 s (issue 13).
    exhausted = set()
    for module in order:
        for use_jsx in ((jsx,) if jsx else (False, True) if "<" in text else (False,)):
            if use_jsx in exhausted:
                continue
            try:
                tree = _parse(text, module, use_jsx)
            except esprima.Error as err:
                errors.append(err)
                if _at_end(err, text):
                    exhausted.add(use_jsx)
                continue
            except RecursionError:
                raise
            if module and not any(n.type in _MODULE_DECLS for n in tree.body):
                module = False  # parsed as a module but has no import/export: script semantics
            fragment.module = module
            return tree
    raise _error(errors[0]) from None


def _at_end(err, text: str) -> bool:
    return (getattr(err, "index", 0) or 0) >= len(text.rstrip()) \
        and "end of input" in str(getattr(err, "description", "") or err)


def _error(err) -> ParseError:
    msg = str(getattr(err, "description", None) or err)
    msg = _LINE_PREFIX.sub("", msg)
    return ParseError(msg, int(getattr(err, "index", 0) or 0))
