"""JavaScript parsed by tree-sitter, seen through ESTree-shaped nodes converted on demand.

tree-sitter (C) parses the whole fragment; a Python ESTree node exists only for the places a rule
asks about. A :class:`Node` wraps one tree-sitter node and fills in its ESTree fields (esprima2's
names: ``callee``, ``arguments``, ``isAsync``, ``FieldDefinition``...) on first access, so a rule
module still reads like ESTree's documentation while the other 99 % of the tree stays in C.

- ``.range`` is in code points of the fragment text, as everywhere else; tree-sitter counts UTF-8
  bytes and :class:`minislint.utf8.ByteToChar` is the one place that converts.
- Identity holds: the same source node is always the same Python object (``parent.object is
  ident`` works), because nodes are cached per (tree-sitter node, role). A role tells apart the
  ESTree nodes one tree-sitter node stands for: a ``ChainExpression`` and the call it wraps, a
  method's ``Property`` and its ``FunctionExpression``, a shorthand ``Property`` and its name.
- ``.parent`` is computed from tree-sitter's parent, skipping what ESTree does not have
  (parentheses, ``arguments``, ``formal_parameters``...).
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from functools import lru_cache
from types import SimpleNamespace  # a TemplateElement's value: .raw, .cooked as in esprima2

from minislint.utf8 import ByteToChar

_EXTRAS = frozenset(("comment", "html_comment"))

_PARSER = None
_LANGUAGE = None


def language():
    global _LANGUAGE
    if _LANGUAGE is None:
        import tree_sitter_javascript
        from tree_sitter import Language

        _LANGUAGE = Language(tree_sitter_javascript.language())
    return _LANGUAGE


def ts_parse(data: bytes):
    global _PARSER
    if _PARSER is None:
        from tree_sitter import Parser

        _PARSER = Parser(language())
    return _PARSER.parse(data)


# a whole identifier-like word: a maximal run of identifier bytes with no backslash on either
# side (`\u0065val` and `ab\u0063` are not the words `val` and `ab`)
NAME_BYTE = rb"[\w$\x80-\xff\\]"  # a byte that continues a name (UTF-8 non-ASCII, an escape)
_WORD = re.compile(rb"(?<!" + NAME_BYTE + rb")[\w$\x80-\xff]+(?!" + NAME_BYTE + rb")")
_SMALL_RANGE = 32 * 1024  # bytes searched directly, without the word index
_DIRECT_LARGE_ASKS = 16   # questions about larger ranges searched directly before the index is built


@lru_cache(maxsize=1024)
def _word_pattern(raw: bytes):
    """`raw` as a whole word (as _WORD splits words); the literal comes first so that the regex
    engine scans for it, and the lookbehind checks the byte before it (3-40x faster)."""
    return re.compile(re.escape(raw) + rb"(?<!" + NAME_BYTE + re.escape(raw) + rb")(?!" + NAME_BYTE + rb")")


def named(ts) -> list:
    """Named children without comments (tree-sitter puts comments anywhere)."""
    return [c for c in ts.named_children if c.type not in _EXTRAS]


class Node:
    """One ESTree node; fields are built on first access (see the module docstring)."""

    def __init__(self, tree, ts, role, type_):
        d = self.__dict__
        d["type"] = type_
        d["_tree"] = tree
        d["_ts"] = ts
        d["_role"] = role

    def __getattr__(self, name):
        if name[:2] == "__":
            raise AttributeError(name)
        d = self.__dict__
        if name == "parent":
            p = d["parent"] = d["_tree"].parent_of(self)
            return p
        if name == "range":
            ts = d["_ts"]
            cp = d["_tree"].offsets.cp
            role = d["_role"]
            if role in _RANGE_FROM and (role or ts.type == "program"):  # a node that starts or ends inside its tree-sitter node
                first, last = _RANGE_FROM[role](ts)
                r = d["range"] = (cp(first.start_byte), cp(last.end_byte))
            else:
                r = d["range"] = (cp(ts.start_byte), cp(ts.end_byte))
            return r
        if "_built" not in d:
            d["_built"] = True
            key = d["_role"] or d["_ts"].type
            build = _BUILD.get(key) or _BY_ESTREE_TYPE.get(d["type"]) or _b_nothing
            ts, tree = d["_ts"], d["_tree"]
            tree.remember_children_of(ts)  # the fields' nodes will ask for their parent
            build(self, ts, tree)
            if name in d:
                return d[name]
        raise AttributeError(name)

    def __repr__(self):
        return f"<{self.type} {self.range}>"


class Tree:
    """A parsed fragment: the tree-sitter tree, its text, and the ESTree nodes made so far."""

    lazy = True

    def __init__(self, text: str, data: bytes, ts_tree):
        self.text = text
        self.data = data
        self.ts = ts_tree
        self.offsets = ByteToChar(text)  # .cp(byte): the one byte -> code point conversion
        self._nodes: dict = {}
        self._parents: dict = {}  # tree-sitter node id -> parent, from path_to()
        self._last_chain = [ts_tree.root_node]  # path_to's previous answer, where the next starts
        self._words = None  # word (bytes) -> byte offsets, see occurrences()
        self._large_asks = 0
        self.program = self.wrap(ts_tree.root_node, "", "Program")

    # -- making nodes ----------------------------------------------------------------------------
    def wrap(self, ts, role="", type_=None):
        key = (ts.id, role)
        node = self._nodes.get(key)
        if node is None:
            if type_ is None:
                type_ = _type_of(ts, role, self.up)
            node = self._nodes[key] = Node(self, ts, role, type_)
        return node

    def node(self, ts):
        """The outermost ESTree node for a tree-sitter node (None for None)."""
        if ts is None:
            return None
        while ts.type == "parenthesized_expression":
            inner = named(ts)
            if not inner:
                return None
            ts = inner[0]
        t = ts.type
        if t in _CHAINABLE and _chain_top(ts, self.up):
            return self.wrap(ts, "chain", "ChainExpression")
        return self.wrap(ts)

    def nodes_for(self, ts) -> list:
        """Every ESTree node a tree-sitter node stands for, outermost first (dispatch order)."""
        t = ts.type
        if t in _TRANSPARENT or t in _EXTRAS or not ts.is_named or t == "ERROR" or _static_block_body(ts):
            return []
        main = self.wrap(ts)
        if main.type == "Unknown":
            return []
        out = [self.wrap(ts, "chain", "ChainExpression"), main] if t in _CHAINABLE and _chain_top(ts, self.up) else [main]
        inner = _INNER.get(t)
        if inner is not None:
            out.extend(n for n in inner(self, ts, main) if n is not None)
        return out

    def path_to(self, start: int, end: int) -> list:
        """The tree-sitter nodes from the root down to the smallest one holding [start, end).

        One descent with a cursor: tree-sitter's ``parent`` searches down from the root each time,
        so climbing from a node 10 000 levels deep would be quadratic. The descent starts at the
        deepest node of the previous answer that still holds the range (siblings do not overlap,
        so that node is on the new path too): hits come mostly in source order, and 7 300 nested
        `location.href=` each descending from the root took 15 s. The parents seen are kept for
        :meth:`up`."""
        last = self._last_chain
        k = len(last) - 1
        while k > 0 and not (last[k].start_byte <= start and end <= last[k].end_byte):
            k -= 1
        node = last[k]
        chain = last[:k + 1]
        parents = self._parents
        cursor = node.walk()
        while cursor.goto_first_child_for_byte(start) is not None:
            child = cursor.node
            if child.start_byte > start or child.end_byte < end:
                break
            if child.end_byte == start and end > start:  # ends where the range begins
                if not cursor.goto_next_sibling():
                    break
                child = cursor.node
                if child.start_byte > start or child.end_byte < end:
                    break
            parents[child.id] = node
            chain.append(child)
            node = child
        self._last_chain = chain
        return chain

    def occurrences(self, name: str, start: int = 0, end: int | None = None) -> list:
        """Byte offsets in [start, end) where `name` stands as a whole word, in source order.

        Minified code asks about hundreds of short names, many in scopes as large as the file:
        one search of the whole text per name was quadratic (198 names x 690 kB: 2.8 s). A question
        about a small range searches it, and so do the first few about large ones (a literal
        search: 0.3-7 ms per 700 kB); then every word of the text is indexed in one pass (~0.1 s
        per 700 kB: most files never need it), and later questions are answered from the index."""
        if end is None:
            end = len(self.data)
        raw = name.encode("utf-8", "surrogatepass")
        if self._words is None and end - start > _SMALL_RANGE and self._large_asks >= _DIRECT_LARGE_ASKS:
            words: dict = {}
            for m in _WORD.finditer(self.data):
                w = m.group()  # machine ints: 8 bytes an occurrence, a list of ints 40
                found = words.get(w)
                if found is None:
                    found = words[w] = array("q")
                found.append(m.start())
            self._words = words
        if self._words is not None:
            found = self._words.get(raw, ())
            return found[bisect_left(found, start):bisect_left(found, end)].tolist() if found else []
        if end - start > _SMALL_RANGE:
            self._large_asks += 1
        # a word starting before `end` is seen whole, with the byte after it
        return [m.start() for m in _word_pattern(raw).finditer(self.data, start, end + len(raw) + 1)
                if m.start() < end]

    def remember_children_of(self, ts) -> None:
        """Through a cursor: `ts.children` keeps a list of every child (tokens too) alive on
        `ts` for as long as its ESTree node lives."""
        parents = self._parents
        cursor = ts.walk()
        if cursor.goto_first_child():
            parents[cursor.node.id] = ts
            while cursor.goto_next_sibling():
                parents[cursor.node.id] = ts

    def up(self, ts):
        """tree-sitter parent, from the descents already made when it can."""
        p = self._parents.get(ts.id)
        return p if p is not None else ts.parent

    # -- parents -----------------------------------------------------------------------------------
    def parent_of(self, node):
        ts, role = node._ts, node._role
        if role == "chain":
            return self._structural_parent(ts)
        if role == "declarator":
            return self.wrap(ts, "decl", "VariableDeclaration")
        if role == "tok":
            return self.node(self.up(ts))
        if role:  # an ESTree node inside the one its tree-sitter node stands for
            return self.wrap(ts)
        if ts.type in _CHAINABLE and _chain_top(ts, self.up):
            return self.wrap(ts, "chain", "ChainExpression")
        return self._structural_parent(ts)

    def _structural_parent(self, ts):
        up = self.up
        child, p = ts, up(ts)
        while p is not None and (p.type in _TRANSPARENT or _static_block_body(p)):
            child, p = p, up(p)
        if p is None:
            return None
        special = _CHILD_OF.get(p.type)
        if special is not None:
            found = special(self, p, child)
            if found is not None:
                return found
        return self.wrap(p)  # a child of a chain's outer link is inside the ChainExpression


# -- tree-sitter types -> ESTree types -----------------------------------------------------------
_TRANSPARENT = frozenset((
    "parenthesized_expression", "arguments", "formal_parameters", "class_heritage", "else_clause",
    "finally_clause", "switch_body", "import_clause", "named_imports", "export_clause",
    "computed_property_name", "template_substitution", "optional_chain", "hash_bang_line",
    "regex_pattern", "regex_flags", "string_fragment", "escape_sequence", "decorator",
    "html_character_reference", "namespace_export",
))


def _static_block_body(ts) -> bool:
    """A static block's braces are no ESTree node (StaticBlock.body is the statement list)."""
    return ts.type == "statement_block" and ts.parent is not None and ts.parent.type == "class_static_block"

_CHAINABLE = frozenset(("member_expression", "subscript_expression", "call_expression"))
_FUNCTION_TS = frozenset(("function_declaration", "generator_function_declaration", "function_expression",
                          "generator_function", "function", "arrow_function"))

_SIMPLE = {
    "program": "Program", "expression_statement": "ExpressionStatement",
    "variable_declaration": "VariableDeclaration", "lexical_declaration": "VariableDeclaration",
    "variable_declarator": "VariableDeclarator", "function_declaration": "FunctionDeclaration",
    "generator_function_declaration": "FunctionDeclaration", "function_expression": "FunctionExpression",
    "function": "FunctionExpression", "generator_function": "FunctionExpression",
    "arrow_function": "ArrowFunctionExpression", "class_declaration": "ClassDeclaration",
    "class": "ClassExpression", "class_body": "ClassBody", "field_definition": "FieldDefinition",
    "class_static_block": "StaticBlock", "object": "ObjectExpression", "pair": "Property",
    "shorthand_property_identifier": "Property", "spread_element": "SpreadElement",
    "object_pattern": "ObjectPattern", "pair_pattern": "Property",
    "shorthand_property_identifier_pattern": "Property", "object_assignment_pattern": "Property",
    "rest_pattern": "RestElement", "array": "ArrayExpression", "array_pattern": "ArrayPattern",
    "assignment_pattern": "AssignmentPattern", "assignment_expression": "AssignmentExpression",
    "augmented_assignment_expression": "AssignmentExpression", "unary_expression": "UnaryExpression",
    "update_expression": "UpdateExpression", "ternary_expression": "ConditionalExpression",
    "sequence_expression": "SequenceExpression", "new_expression": "NewExpression",
    "member_expression": "MemberExpression", "subscript_expression": "MemberExpression",
    "await_expression": "AwaitExpression", "yield_expression": "YieldExpression",
    "identifier": "Identifier", "property_identifier": "Identifier", "statement_identifier": "Identifier",
    "undefined": "Identifier", "private_property_identifier": "PrivateIdentifier",
    "this": "ThisExpression", "super": "Super", "number": "Literal", "string": "Literal",
    "true": "Literal", "false": "Literal", "null": "Literal", "regex": "Literal",
    "template_string": "TemplateLiteral", "meta_property": "MetaProperty",
    "statement_block": "BlockStatement", "if_statement": "IfStatement", "for_statement": "ForStatement",
    "while_statement": "WhileStatement", "do_statement": "DoWhileStatement",
    "try_statement": "TryStatement", "catch_clause": "CatchClause", "switch_statement": "SwitchStatement",
    "switch_case": "SwitchCase", "switch_default": "SwitchCase", "return_statement": "ReturnStatement",
    "throw_statement": "ThrowStatement", "break_statement": "BreakStatement",
    "continue_statement": "ContinueStatement", "labeled_statement": "LabeledStatement",
    "empty_statement": "EmptyStatement", "debugger_statement": "DebuggerStatement",
    "with_statement": "WithStatement", "import_statement": "ImportDeclaration",
    "import_specifier": "ImportSpecifier", "namespace_import": "ImportNamespaceSpecifier",
    "export_specifier": "ExportSpecifier", "jsx_element": "JSXElement",
    "jsx_self_closing_element": "JSXElement", "jsx_opening_element": "JSXOpeningElement",
    "jsx_closing_element": "JSXClosingElement", "jsx_attribute": "JSXAttribute",
    "jsx_expression": "JSXExpressionContainer", "jsx_text": "JSXText",
    "jsx_namespace_name": "JSXNamespacedName", "import": "Import",
}
_JSX_NAME_PARENTS = frozenset(("jsx_opening_element", "jsx_closing_element", "jsx_self_closing_element",
                               "jsx_attribute", "jsx_namespace_name"))


# node types whose ESTree type depends on their parent (_type_of asks only for these)
_PARENT_DECIDES = frozenset(("identifier", "property_identifier", "member_expression",
                              "shorthand_property_identifier_pattern", "jsx_expression", "function_expression",
                              "generator_function", "class", "default", "string", "method_definition"))


def _in_jsx_name(ts, up) -> bool:
    p = up(ts)
    while p is not None and p.type == "member_expression":
        ts, p = p, up(p)
    return p is not None and p.type in _JSX_NAME_PARENTS and (
        p.type == "jsx_namespace_name" or p.type == "jsx_attribute" or
        p.child_by_field_name("name") is not None and p.child_by_field_name("name").id == ts.id)


def _type_of(ts, role, up) -> str:
    """`up` is the tree's parent lookup: tree-sitter's own `parent` searches down from the root."""
    t = ts.type
    parent = up(ts) if t in _PARENT_DECIDES else None
    if t in ("identifier", "property_identifier", "member_expression") and parent is not None \
            and _in_jsx_name(ts, up):
        return "JSXMemberExpression" if t == "member_expression" else "JSXIdentifier"
    if t == "binary_expression":
        op = ts.child_by_field_name("operator")
        return "LogicalExpression" if op is not None and op.type in ("&&", "||", "??") else "BinaryExpression"
    if t == "call_expression":
        args = ts.child_by_field_name("arguments")
        return "TaggedTemplateExpression" if args is not None and args.type == "template_string" else "CallExpression"
    if t == "for_in_statement":
        op = ts.child_by_field_name("operator")
        return "ForOfStatement" if op is not None and op.type == "of" else "ForInStatement"
    if t == "export_statement":
        if _has_token(ts, "default"):
            return "ExportDefaultDeclaration"
        if (_has_token(ts, "*") or any(c.type == "namespace_export" for c in ts.named_children)) \
                and ts.child_by_field_name("source") is not None \
                and not any(c.type == "export_clause" for c in ts.named_children):
            return "ExportAllDeclaration"
        return "ExportNamedDeclaration"
    if t == "identifier" and parent is not None and parent.type == "import_clause":
        return "ImportDefaultSpecifier"
    if t == "shorthand_property_identifier_pattern" and parent is not None \
            and parent.type == "object_assignment_pattern":
        return "Identifier"
    if t == "jsx_expression" and any(c.type == "spread_element" for c in ts.named_children) \
            and parent is not None and parent.type in ("jsx_opening_element", "jsx_self_closing_element"):
        return "JSXSpreadAttribute"
    if t in ("function_expression", "generator_function", "class") and parent is not None \
            and parent.type == "export_statement":  # `export default function () {}`
        return "ClassDeclaration" if t == "class" else "FunctionDeclaration"
    if t in ("default", "string") and parent is not None and parent.type in ("export_specifier",
                                                                                  "import_specifier"):
        return "Identifier" if t == "default" else "Literal"  # `export { a as default }`
    if t == "method_definition":
        return "Property" if parent is not None and parent.type == "object" else "MethodDefinition"
    return _SIMPLE.get(t, "Unknown")


def _has_token(ts, token) -> bool:
    return any(c.type == token and not c.is_named for c in ts.children)


def _chain_top(ts, up) -> bool:
    """Whether a member/call is the outermost link of an optional chain (`a?.b.c`: the `.c`)."""
    p = up(ts)
    if p is not None:
        pt = p.type
        if pt in ("member_expression", "subscript_expression"):
            o = p.child_by_field_name("object")
            if o is not None and o.id == ts.id:
                return False
        elif pt == "call_expression":
            f = p.child_by_field_name("function")
            if f is not None and f.id == ts.id:
                return False
    n = ts
    while n is not None and n.type in _CHAINABLE:
        if n.child_by_field_name("optional_chain") is not None:
            return True
        n = n.child_by_field_name("function" if n.type == "call_expression" else "object")
    return False


# -- literal values -------------------------------------------------------------------------------
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|\r\n|[\s\S])")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v",
                   "\n": "", "\r\n": "", "\r": "", "\u2028": "", "\u2029": ""}


def _unescape_one(m) -> str:
    s = m.group(1)
    c = s[0]
    if c == "u" and len(s) > 1:
        code = int(s[2:-1] if s[1] == "{" else s[1:], 16)
        return chr(code) if code <= 0x10FFFF else ""
    if c == "x" and len(s) == 3:
        return chr(int(s[1:], 16))
    if c in "01234567":
        return chr(int(s, 8))
    return _SIMPLE_ESCAPES.get(s, s)


def js_unescape(raw: str) -> str:
    return _ESCAPE.sub(_unescape_one, raw) if "\\" in raw else raw


def _number(raw: str):
    s = raw.replace("_", "")
    if s.endswith("n"):
        s = s[:-1]
    try:
        low = s.lower()
        if low.startswith(("0x", "0o", "0b")):
            return int(s, 0)
        if len(s) > 1 and s[0] == "0" and s.isdigit():
            return int(s, 8) if all(c in "01234567" for c in s) else int(s)
        v = float(s)
        return int(v) if v.is_integer() and abs(v) < 2 ** 53 else v
    except ValueError:
        return None


# -- builders: fill in the ESTree fields of one node --------------------------------------------
def _text(tree, ts) -> str:
    return tree.data[ts.start_byte:ts.end_byte].decode("utf-8", "surrogatepass")


def _f(ts, name):
    return ts.child_by_field_name(name)


def _nodes(tree, items) -> list:
    return [n for n in (tree.node(c) for c in items) if n is not None]


def _b_program(n, ts, tree):
    body = []
    prologue = True
    for c in named(ts):
        if c.type == "hash_bang_line":
            continue
        stmt = tree.node(c)
        if stmt is None:
            continue
        if prologue and c.type == "expression_statement":
            inner = named(c)
            if len(inner) == 1 and inner[0].type == "string":
                raw = _text(tree, inner[0])
                stmt.__dict__["directive"] = raw[1:-1]
            else:
                prologue = False
        else:
            prologue = False
        body.append(stmt)
    n.__dict__.update(body=body, sourceType="module" if tree.module else "script")


def _b_block(n, ts, tree):
    body = []
    prologue = ts.parent is not None and ts.parent.type in _FUNCTION_TS | {"method_definition"}
    for c in named(ts):
        stmt = tree.node(c)
        if stmt is None:
            continue
        if prologue and c.type == "expression_statement":
            inner = named(c)
            if len(inner) == 1 and inner[0].type == "string":
                stmt.__dict__["directive"] = _text(tree, inner[0])[1:-1]
            else:
                prologue = False
        else:
            prologue = False
        body.append(stmt)
    n.__dict__["body"] = body


def _b_expression_statement(n, ts, tree):
    inner = named(ts)
    n.__dict__["expression"] = tree.node(inner[0]) if inner else None


def _b_var_decl(n, ts, tree):
    kind = _f(ts, "kind")
    n.__dict__.update(kind=kind.type if kind is not None else "var",
                      declarations=_nodes(tree, [c for c in named(ts) if c.type == "variable_declarator"]))


def _b_declarator(n, ts, tree):
    n.__dict__.update(id=tree.node(_f(ts, "name")), init=tree.node(_f(ts, "value")))


def _params(tree, fn_ts) -> list:
    one = _f(fn_ts, "parameter")
    if one is not None:
        return [tree.node(one)]
    ps = _f(fn_ts, "parameters")
    return _nodes(tree, named(ps)) if ps is not None else []


def _b_function(n, ts, tree):
    body = _f(ts, "body")
    n.__dict__.update(id=tree.node(_f(ts, "name")), params=_params(tree, ts), body=tree.node(body),
                      generator=_has_token(ts, "*"), isAsync=_has_token(ts, "async"),
                      expression=body is not None and body.type != "statement_block")


def _b_method_function(n, ts, tree):
    _b_function(n, ts, tree)
    n.__dict__["id"] = None


def _key(tree, key_ts):
    """(key node, computed) for a property/method name."""
    if key_ts is not None and key_ts.type == "computed_property_name":
        inner = named(key_ts)
        return (tree.node(inner[0]) if inner else None), True
    return tree.node(key_ts), False


def _b_method(n, ts, tree):
    key, computed = _key(tree, _f(ts, "name"))
    kind = "get" if _has_token(ts, "get") else "set" if _has_token(ts, "set") else None
    value = tree.wrap(ts, "fn", "FunctionExpression")
    d = n.__dict__
    if n.type == "Property":
        d.update(key=key, computed=computed, value=value, kind=kind or "init", method=kind is None,
                 shorthand=False)
    else:
        is_ctor = not computed and (getattr(key, "name", None) == "constructor" or
                                    getattr(key, "value", None) == "constructor")
        d.update(key=key, computed=computed, value=value, static=_has_token(ts, "static"),
                 kind=kind or ("constructor" if is_ctor else "method"))


def _b_class(n, ts, tree):
    heritage = next((c for c in ts.named_children if c.type == "class_heritage"), None)
    sup = named(heritage) if heritage is not None else []
    n.__dict__.update(id=tree.node(_f(ts, "name")), superClass=tree.node(sup[0]) if sup else None,
                      body=tree.node(_f(ts, "body")))


def _b_class_body(n, ts, tree):
    n.__dict__["body"] = _nodes(tree, [c for c in named(ts) if c.type in
                                       ("method_definition", "field_definition", "class_static_block")])


def _b_field(n, ts, tree):
    key, computed = _key(tree, _f(ts, "property"))
    n.__dict__.update(key=key, computed=computed, value=tree.node(_f(ts, "value")), kind="init",
                      static=_has_token(ts, "static"))


def _b_static_block(n, ts, tree):
    body = _f(ts, "body")
    n.__dict__["body"] = _nodes(tree, named(body)) if body is not None else []


def _b_object(n, ts, tree):
    n.__dict__["properties"] = _nodes(tree, named(ts))


def _b_pair(n, ts, tree):
    key, computed = _key(tree, _f(ts, "key"))
    n.__dict__.update(key=key, computed=computed, value=tree.node(_f(ts, "value")), kind="init",
                      method=False, shorthand=False)


def _b_shorthand(n, ts, tree):
    ident = tree.wrap(ts, "id", "Identifier")
    n.__dict__.update(key=ident, computed=False, value=ident, kind="init", method=False, shorthand=True)


def _b_object_assignment(n, ts, tree):
    left = _f(ts, "left")
    key = tree.node(left)
    n.__dict__.update(key=key, computed=False, value=tree.wrap(ts, "assign", "AssignmentPattern"),
                      kind="init", method=False, shorthand=True)


def _b_assign_pattern_of_shorthand(n, ts, tree):
    n.__dict__.update(left=tree.node(_f(ts, "left")), right=tree.node(_f(ts, "right")))


def _b_ident_role(n, ts, tree):
    n.__dict__["name"] = _text(tree, ts)


def _b_argument(n, ts, tree):
    inner = named(ts)
    n.__dict__["argument"] = tree.node(inner[0]) if inner else None


def _elements(tree, ts) -> list:
    out, pending = [], None
    for c in ts.children:
        if c.type == ",":
            out.append(pending)
            pending = None
        elif c.is_named and c.type not in _EXTRAS:
            pending = tree.node(c)
    if pending is not None:
        out.append(pending)
    return out


def _b_array(n, ts, tree):
    n.__dict__["elements"] = _elements(tree, ts)


def _b_assignment_pattern(n, ts, tree):
    n.__dict__.update(left=tree.node(_f(ts, "left")), right=tree.node(_f(ts, "right")))


def _b_assignment(n, ts, tree):
    op = _f(ts, "operator")
    n.__dict__.update(operator=op.type if op is not None else "=", left=tree.node(_f(ts, "left")),
                      right=tree.node(_f(ts, "right")))


def _b_binary(n, ts, tree):
    n.__dict__.update(operator=_f(ts, "operator").type, left=tree.node(_f(ts, "left")),
                      right=tree.node(_f(ts, "right")))


def _b_unary(n, ts, tree):
    n.__dict__.update(operator=_f(ts, "operator").type, argument=tree.node(_f(ts, "argument")), prefix=True)


def _b_update(n, ts, tree):
    op = _f(ts, "operator")
    arg = _f(ts, "argument")
    n.__dict__.update(operator=op.type, argument=tree.node(arg), prefix=op.start_byte < arg.start_byte)


def _b_ternary(n, ts, tree):
    n.__dict__.update(test=tree.node(_f(ts, "condition")), consequent=tree.node(_f(ts, "consequence")),
                      alternate=tree.node(_f(ts, "alternative")))


def _b_sequence(n, ts, tree):
    n.__dict__["expressions"] = _nodes(tree, named(ts))


def _b_call(n, ts, tree):
    args = _f(ts, "arguments")
    d = n.__dict__
    if n.type == "TaggedTemplateExpression":
        d.update(tag=tree.node(_f(ts, "function")), quasi=tree.node(args))
        return
    d.update(callee=tree.node(_f(ts, "function")),
             arguments=_nodes(tree, named(args)) if args is not None else [],
             optional=_f(ts, "optional_chain") is not None)


def _b_new(n, ts, tree):
    args = _f(ts, "arguments")
    n.__dict__.update(callee=tree.node(_f(ts, "constructor")),
                      arguments=_nodes(tree, named(args)) if args is not None else [])


def _b_member(n, ts, tree):
    d = n.__dict__
    d["optional"] = _f(ts, "optional_chain") is not None
    d["object"] = tree.node(_f(ts, "object"))
    if ts.type == "subscript_expression":
        d.update(property=tree.node(_f(ts, "index")), computed=True)
    else:
        d.update(property=tree.node(_f(ts, "property")), computed=False)


def _b_chain(n, ts, tree):
    n.__dict__["expression"] = tree.wrap(ts)


def _b_await(n, ts, tree):
    inner = named(ts)
    n.__dict__["argument"] = tree.node(inner[0]) if inner else None


def _b_yield(n, ts, tree):
    inner = named(ts)
    n.__dict__.update(argument=tree.node(inner[0]) if inner else None, delegate=_has_token(ts, "*"))


def _b_identifier(n, ts, tree):
    n.__dict__["name"] = _text(tree, ts)


def _b_private(n, ts, tree):
    n.__dict__["name"] = _text(tree, ts)  # esprima2 keeps the `#`


def _b_nothing(n, ts, tree):
    pass


def _b_literal(n, ts, tree):
    raw = _text(tree, ts)
    t = ts.type
    d = n.__dict__
    d["raw"] = raw
    if t == "string":
        d["value"] = js_unescape(raw[1:-1]) if not (ts.parent is not None and ts.parent.type == "jsx_attribute") \
            else raw[1:-1]
    elif t == "number":
        d["value"] = _number(raw)
    elif t in ("true", "false"):
        d["value"] = t == "true"
    elif t == "null":
        d["value"] = None
    elif t == "regex":
        pattern, flags = _f(ts, "pattern"), _f(ts, "flags")
        d["value"] = None
        d["regex"] = {"pattern": _text(tree, pattern) if pattern is not None else "",
                      "flags": _text(tree, flags) if flags is not None else ""}


def _b_template(n, ts, tree):
    quasis, expressions = [], []
    cp = tree.offsets.cp
    data = tree.data
    start = ts.start_byte  # of the current quasi: the backtick or the `}` closing a substitution
    subs = [c for c in ts.named_children if c.type == "template_substitution"]
    for i, sub in enumerate(subs + [None]):
        end = sub.start_byte + 2 if sub is not None else ts.end_byte
        raw_start = start + 1
        raw_end = end - (2 if sub is not None else 1)
        raw = data[raw_start:max(raw_start, raw_end)].decode("utf-8", "surrogatepass")
        q = tree.wrap(ts, f"q{i}", "TemplateElement")
        q.__dict__.update(range=(cp(start), cp(end)), value=SimpleNamespace(raw=raw, cooked=js_unescape(raw)),
                          tail=sub is None, _built=True)
        quasis.append(q)
        if sub is not None:
            inner = named(sub)
            if inner:
                expressions.append(tree.node(inner[0]))
            start = sub.end_byte - 1
    n.__dict__.update(quasis=quasis, expressions=expressions)


def _b_meta(n, ts, tree):
    toks = [c for c in ts.children if c.type != "."]
    meta, prop = (toks + [None, None])[:2]
    n.__dict__.update(meta=tree.wrap(meta, "tok", "Identifier") if meta is not None else None,
                      property=tree.wrap(prop, "tok", "Identifier") if prop is not None else None)


def _b_if(n, ts, tree):
    alt = _f(ts, "alternative")
    alt_inner = named(alt) if alt is not None else []
    n.__dict__.update(test=tree.node(_f(ts, "condition")), consequent=tree.node(_f(ts, "consequence")),
                      alternate=tree.node(alt_inner[0]) if alt_inner else None)


def _stmt_expr(tree, ts):
    """A for-statement slot: `x;` is its expression, `;` is nothing."""
    if ts is None or ts.type == "empty_statement":
        return None
    if ts.type == "expression_statement":
        inner = named(ts)
        return tree.node(inner[0]) if inner else None
    return tree.node(ts)


def _b_for(n, ts, tree):
    n.__dict__.update(init=_stmt_expr(tree, _f(ts, "initializer")), test=_stmt_expr(tree, _f(ts, "condition")),
                      update=_stmt_expr(tree, _f(ts, "increment")), body=tree.node(_f(ts, "body")))


def _b_for_in(n, ts, tree):
    kind = _f(ts, "kind")
    left = tree.wrap(ts, "decl", "VariableDeclaration") if kind is not None else tree.node(_f(ts, "left"))
    n.__dict__.update(left=left, right=tree.node(_f(ts, "right")), body=tree.node(_f(ts, "body")),
                      **({"await": _has_token(ts, "await")} if n.type == "ForOfStatement" else {}))


def _b_for_decl(n, ts, tree):
    n.__dict__.update(kind=_f(ts, "kind").type,
                      declarations=[tree.wrap(ts, "declarator", "VariableDeclarator")])


def _b_for_declarator(n, ts, tree):
    n.__dict__.update(id=tree.node(_f(ts, "left")), init=None)


def _b_while(n, ts, tree):
    n.__dict__.update(test=tree.node(_f(ts, "condition")), body=tree.node(_f(ts, "body")))


def _b_try(n, ts, tree):
    fin = _f(ts, "finalizer")
    n.__dict__.update(block=tree.node(_f(ts, "body")), handler=tree.node(_f(ts, "handler")),
                      finalizer=tree.node(_f(fin, "body")) if fin is not None else None)


def _b_catch(n, ts, tree):
    n.__dict__.update(param=tree.node(_f(ts, "parameter")), body=tree.node(_f(ts, "body")))


def _b_switch(n, ts, tree):
    body = _f(ts, "body")
    n.__dict__.update(discriminant=tree.node(_f(ts, "value")),
                      cases=_nodes(tree, named(body)) if body is not None else [])


def _b_case(n, ts, tree):
    n.__dict__.update(test=tree.node(_f(ts, "value")), consequent=_nodes(tree, ts.children_by_field_name("body")))


def _b_return(n, ts, tree):
    inner = named(ts)
    n.__dict__["argument"] = tree.node(inner[0]) if inner else None


def _b_jump(n, ts, tree):
    n.__dict__["label"] = tree.node(_f(ts, "label"))


def _b_labeled(n, ts, tree):
    n.__dict__.update(label=tree.node(_f(ts, "label")), body=tree.node(_f(ts, "body")))


def _b_with(n, ts, tree):
    n.__dict__.update(object=tree.node(_f(ts, "object")), body=tree.node(_f(ts, "body")))


def _b_import(n, ts, tree):
    specs = []
    for c in named(ts):
        if c.type == "import_clause":
            for s in named(c):
                if s.type == "named_imports":
                    specs.extend(_nodes(tree, named(s)))
                else:
                    specs.append(tree.node(s))
    n.__dict__.update(specifiers=specs, source=tree.node(_f(ts, "source")))


def _b_import_default(n, ts, tree):
    n.__dict__["local"] = tree.wrap(ts, "id", "Identifier")


def _b_import_specifier(n, ts, tree):
    name, alias = _f(ts, "name"), _f(ts, "alias")
    n.__dict__.update(imported=tree.node(name), local=tree.node(alias if alias is not None else name))


def _b_namespace_import(n, ts, tree):
    inner = named(ts)
    n.__dict__["local"] = tree.node(inner[0]) if inner else None


def _b_export(n, ts, tree):
    d = n.__dict__
    source = tree.node(_f(ts, "source"))
    if n.type == "ExportDefaultDeclaration":
        d["declaration"] = tree.node(_f(ts, "declaration") or _f(ts, "value"))
    elif n.type == "ExportAllDeclaration":
        ns = next((c for c in ts.named_children if c.type == "namespace_export"), None)
        inner = named(ns) if ns is not None else []
        d.update(source=source, exported=tree.node(inner[0]) if inner else None)
    else:
        clause = next((c for c in ts.named_children if c.type == "export_clause"), None)
        d.update(declaration=tree.node(_f(ts, "declaration")), source=source,
                 specifiers=_nodes(tree, named(clause)) if clause is not None else [])


def _b_export_specifier(n, ts, tree):
    name, alias = _f(ts, "name"), _f(ts, "alias")
    n.__dict__.update(local=tree.node(name), exported=tree.node(alias if alias is not None else name))


def _b_jsx_element(n, ts, tree):
    d = n.__dict__
    if ts.type == "jsx_self_closing_element":
        d.update(openingElement=tree.wrap(ts, "opening", "JSXOpeningElement"), children=[], closingElement=None)
        return
    d.update(openingElement=tree.node(_f(ts, "open_tag")), closingElement=tree.node(_f(ts, "close_tag")),
             children=_nodes(tree, [c for c in named(ts) if c.type not in ("jsx_opening_element",
                                                                            "jsx_closing_element")]))


def _b_jsx_opening(n, ts, tree):
    name = _f(ts, "name")
    if name is None:  # a fragment `<>`: esprima2 (jsx_fragments.py) names it "" at the `>`
        gt = ts.children[-1]
        empty = tree.wrap(ts, "emptyname", "JSXIdentifier")
        cp = tree.offsets.cp(gt.start_byte)
        empty.__dict__.update(name="", range=(cp, cp), _built=True)
        name_node = empty
    else:
        name_node = tree.node(name)
    n.__dict__.update(name=name_node, attributes=_nodes(tree, ts.children_by_field_name("attribute")),
                      selfClosing=ts.type == "jsx_self_closing_element")


def _b_jsx_closing(n, ts, tree):
    name = _f(ts, "name")
    if name is None:
        gt = ts.children[-1]
        empty = tree.wrap(ts, "emptyname", "JSXIdentifier")
        cp = tree.offsets.cp(gt.start_byte)
        empty.__dict__.update(name="", range=(cp, cp), _built=True)
        n.__dict__["name"] = empty
    else:
        n.__dict__["name"] = tree.node(name)


def _b_jsx_attribute(n, ts, tree):
    inner = named(ts)
    n.__dict__.update(name=tree.node(inner[0]) if inner else None,
                      value=tree.node(inner[1]) if len(inner) > 1 else None)


def _b_jsx_expression(n, ts, tree):
    inner = named(ts)
    if n.type == "JSXSpreadAttribute":
        arg = named(inner[0]) if inner else []
        n.__dict__["argument"] = tree.node(arg[0]) if arg else None
    else:
        n.__dict__["expression"] = tree.node(inner[0]) if inner else None


def _b_jsx_text(n, ts, tree):
    raw = _text(tree, ts)
    n.__dict__.update(value=raw, raw=raw)


def _b_jsx_member(n, ts, tree):
    n.__dict__.update(object=tree.node(_f(ts, "object")), property=tree.node(_f(ts, "property")))


def _b_jsx_namespace(n, ts, tree):
    inner = named(ts)
    n.__dict__.update(namespace=tree.node(inner[0]) if inner else None,
                      name=tree.node(inner[1]) if len(inner) > 1 else None)


def _b_by_member(n, ts, tree):
    (_b_jsx_member if n.type == "JSXMemberExpression" else _b_member)(n, ts, tree)


def _b_by_type(n, ts, tree):
    fn = _BY_ESTREE_TYPE.get(n.type)
    if fn is not None:
        fn(n, ts, tree)


_BY_ESTREE_TYPE = {
    "JSXIdentifier": _b_identifier, "JSXMemberExpression": _b_jsx_member, "Literal": _b_literal,
    "ImportDefaultSpecifier": _b_import_default, "Identifier": _b_identifier,
    "Property": _b_shorthand,
}

_BUILD = {
    "program": _b_program, "statement_block": _b_block, "expression_statement": _b_expression_statement,
    "variable_declaration": _b_var_decl, "lexical_declaration": _b_var_decl,
    "variable_declarator": _b_declarator, "function_declaration": _b_function,
    "generator_function_declaration": _b_function, "function_expression": _b_function,
    "function": _b_function, "generator_function": _b_function, "arrow_function": _b_function,
    "method_definition": _b_method, "fn": _b_method_function, "class_declaration": _b_class,
    "class": _b_class, "class_body": _b_class_body, "field_definition": _b_field,
    "class_static_block": _b_static_block, "object": _b_object, "object_pattern": _b_object,
    "pair": _b_pair, "pair_pattern": _b_pair, "shorthand_property_identifier": _b_shorthand,
    "shorthand_property_identifier_pattern": _b_by_type,
    "object_assignment_pattern": _b_object_assignment, "assign": _b_assign_pattern_of_shorthand,
    "id": _b_ident_role, "tok": _b_ident_role, "spread_element": _b_argument, "rest_pattern": _b_argument,
    "array": _b_array, "array_pattern": _b_array, "assignment_pattern": _b_assignment_pattern,
    "assignment_expression": _b_assignment, "augmented_assignment_expression": _b_assignment,
    "binary_expression": _b_binary, "unary_expression": _b_unary, "update_expression": _b_update,
    "ternary_expression": _b_ternary, "sequence_expression": _b_sequence, "call_expression": _b_call,
    "new_expression": _b_new, "member_expression": _b_by_member, "subscript_expression": _b_member,
    "chain": _b_chain, "await_expression": _b_await, "yield_expression": _b_yield,
    "identifier": _b_by_type, "property_identifier": _b_by_type, "statement_identifier": _b_identifier,
    "undefined": _b_identifier, "private_property_identifier": _b_private, "this": _b_nothing,
    "super": _b_nothing, "import": _b_nothing, "number": _b_literal, "string": _b_literal,
    "true": _b_literal, "false": _b_literal, "null": _b_literal, "regex": _b_literal,
    "template_string": _b_template, "meta_property": _b_meta, "if_statement": _b_if,
    "for_statement": _b_for, "for_in_statement": _b_for_in, "decl": _b_for_decl,
    "declarator": _b_for_declarator, "while_statement": _b_while, "do_statement": _b_while,
    "try_statement": _b_try, "catch_clause": _b_catch, "switch_statement": _b_switch,
    "switch_case": _b_case, "switch_default": _b_case, "return_statement": _b_return,
    "throw_statement": _b_return, "break_statement": _b_jump, "continue_statement": _b_jump,
    "labeled_statement": _b_labeled, "empty_statement": _b_nothing, "debugger_statement": _b_nothing,
    "with_statement": _b_with, "import_statement": _b_import, "import_specifier": _b_import_specifier,
    "namespace_import": _b_namespace_import, "export_statement": _b_export,
    "export_specifier": _b_export_specifier, "jsx_element": _b_jsx_element,
    "jsx_self_closing_element": _b_jsx_element, "opening": _b_jsx_opening,
    "jsx_opening_element": _b_jsx_opening, "jsx_closing_element": _b_jsx_closing,
    "jsx_attribute": _b_jsx_attribute, "jsx_expression": _b_jsx_expression, "jsx_text": _b_jsx_text,
    "jsx_namespace_name": _b_jsx_namespace,
}


# roles whose range is not their tree-sitter node's: role -> (first, last) tree-sitter nodes
_RANGE_FROM = {
    # esprima2's Program spans its first to its last token (comments and blank lines outside)
    "": lambda ts: _program_span(ts),
    "fn": lambda ts: (_f(ts, "parameters"), _f(ts, "body")),    # a method's function: from `(`
    "decl": lambda ts: (_f(ts, "kind"), _f(ts, "left")),         # `for (const x of y)`: `const x`
    "declarator": lambda ts: (_f(ts, "left"), _f(ts, "left")),
}


def _method_child(tree, p, child):
    name = _f(p, "name")
    return None if name is not None and name.id == child.id else tree.wrap(p, "fn", "FunctionExpression")


def _for_in_child(tree, p, child):
    left = _f(p, "left")
    if _f(p, "kind") is not None and left is not None and left.id == child.id:
        return tree.wrap(p, "declarator", "VariableDeclarator")
    return None


# tree-sitter parent type -> the ESTree parent of a child, when it is not the parent's main node
_CHILD_OF = {
    "method_definition": _method_child,
    "object_assignment_pattern": lambda tree, p, child: tree.wrap(p, "assign", "AssignmentPattern"),
    "for_in_statement": _for_in_child,
    "jsx_self_closing_element": lambda tree, p, child: tree.wrap(p, "opening", "JSXOpeningElement"),
}


def _shorthand_inner(tree, ts, main):
    return [tree.wrap(ts, "id", "Identifier")] if main.type in ("Property", "ImportDefaultSpecifier") else []


# tree-sitter type -> the ESTree nodes inside its main one (dispatch order)
_INNER = {
    "method_definition": lambda tree, ts, main: [tree.wrap(ts, "fn", "FunctionExpression")],
    "shorthand_property_identifier": _shorthand_inner,
    "shorthand_property_identifier_pattern": _shorthand_inner,
    "identifier": _shorthand_inner,
    "object_assignment_pattern": lambda tree, ts, main: [tree.wrap(ts, "assign", "AssignmentPattern")],
    "jsx_self_closing_element": lambda tree, ts, main: [tree.wrap(ts, "opening", "JSXOpeningElement")],
    "for_in_statement": lambda tree, ts, main: [tree.wrap(ts, "decl", "VariableDeclaration"),
                                                tree.wrap(ts, "declarator", "VariableDeclarator")]
    if _f(ts, "kind") is not None else [],
}


def _program_span(ts):
    stmts = [c for c in named(ts) if c.type != "hash_bang_line"]
    return (stmts[0], stmts[-1]) if stmts else (ts, ts)


# tree-sitter type -> every ESTree type its nodes may stand for (candidates.py marks only these)
_ALSO = {
    "binary_expression": ("BinaryExpression", "LogicalExpression"),
    "call_expression": ("CallExpression", "TaggedTemplateExpression", "ChainExpression"),
    "member_expression": ("MemberExpression", "ChainExpression", "JSXMemberExpression"),
    "subscript_expression": ("MemberExpression", "ChainExpression"),
    "identifier": ("Identifier", "JSXIdentifier", "ImportDefaultSpecifier"),
    "property_identifier": ("Identifier", "JSXIdentifier"),
    "export_statement": ("ExportNamedDeclaration", "ExportDefaultDeclaration", "ExportAllDeclaration"),
    "for_in_statement": ("ForInStatement", "ForOfStatement", "VariableDeclaration", "VariableDeclarator"),
    "method_definition": ("MethodDefinition", "Property", "FunctionExpression"),
    "shorthand_property_identifier": ("Property", "Identifier"),
    "shorthand_property_identifier_pattern": ("Property", "Identifier"),
    "object_assignment_pattern": ("Property", "AssignmentPattern"),
    "jsx_self_closing_element": ("JSXElement", "JSXOpeningElement"),
    "jsx_opening_element": ("JSXOpeningElement", "JSXIdentifier"),
    "jsx_closing_element": ("JSXClosingElement", "JSXIdentifier"),
    "jsx_expression": ("JSXExpressionContainer", "JSXSpreadAttribute"),
    "function_expression": ("FunctionExpression", "FunctionDeclaration"),
    "generator_function": ("FunctionExpression", "FunctionDeclaration"),
    "class": ("ClassExpression", "ClassDeclaration"),
    "template_string": ("TemplateLiteral", "TemplateElement"),
    "meta_property": ("MetaProperty", "Identifier"),
    "default": ("Identifier",),
}


def ts_types_for(estree_types) -> frozenset:
    """The tree-sitter types whose nodes may stand for any of these ESTree types."""
    want = set(estree_types)
    out = {t for t, e in _SIMPLE.items() if e in want}
    out |= {t for t, es in _ALSO.items() if want.intersection(es)}
    if "string" in out or "Literal" in want:
        out.add("string")
    return frozenset(out)
