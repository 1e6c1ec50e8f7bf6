"""Erase TypeScript types without moving any character, so JS rules report exact TS positions.

The technique is Bloomberg's ts-blank-space (and Node's strip-types): parse with a real TypeScript
grammar (tree-sitter-typescript) and overwrite every type-only token with spaces, keeping line
terminators. Where blanking alone would change how the JavaScript parses (ASI), a `;` or a
moved `(`/`)` takes a blanked position, as ts-blank-space does.

Constructs that emit code (not erasable) are rewritten into JavaScript of the same length so their
expressions are still linted at their own positions:
- `enum E { A = f(), B }`  ->  `var  E=[     f(),   ]` (initializers kept, names dropped)
- `namespace N { export const x = 1 }`  ->  `            {        const x = 1 }` (a block)
- `import x = require("m")` / `import A = N.B`  ->  `var    x = ...`
- `export = x`  ->  `void     x`; parameter properties lose their modifiers; `<T>x` casts lose `<T>`.

Syntax errors: tree-sitter's ERROR and MISSING nodes in code that runs are `syntax-error` notes.
Inside a type that is blanked anyway they are not: that is where this grammar version has gaps
on valid TypeScript (variance annotations `<in T>`, `import("m").T<U>` types, ambient `declare`
members split by ASI), and a type error cannot change what ships.

Decorators (which the JS parser rejects) are blanked in the main text and returned in a second
same-length text, `Blanked.decorators`, that holds only their expressions (`@dec(x)` -> `;dec(x)`).

Speed (bench/typescript.py): visiting every node in Python was 41 % of a .ts file's lint CPU,
four times tree-sitter's own parse. The tree is instead searched with one tree-sitter query for
the nodes the eraser acts on (about 5 % of them) and only those are visited; a tree with a
MISSING node (no width, so no exact place by range) takes the full walk.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Optional

import tree_sitter
import tree_sitter_typescript

from minislint.utf8 import ByteToChar
from . import stringdecls

_LINE_TERMINATORS = frozenset("\n\r\u2028\u2029")
_LONE_CR = re.compile(rb"\r(?!\n)")
_TO_SPACE = bytes(b if b in b"\n\r" else 32 for b in range(256))  # bytes.translate table

# Statements that declare types only: the whole statement goes.
_TYPE_ONLY_DECLARATIONS = frozenset(
    {"interface_declaration", "type_alias_declaration", "ambient_declaration", "function_signature"}
)
# Type positions: `: T`, `<T>`, `x is T`, `asserts x`...
_TYPE_NODES = frozenset(
    {
        "type_annotation",
        "asserts_annotation",
        "type_predicate_annotation",
        "opting_type_annotation",
        "omitting_type_annotation",
        "adding_type_annotation",
        "type_parameters",
        "type_arguments",
        "implements_clause",
        "accessibility_modifier",
        "override_modifier",
    }
)
# Keyword tokens (anonymous nodes) that are TypeScript-only where they appear as direct children.
_TS_ONLY_TOKENS = {
    "public_field_definition": frozenset({"readonly", "?", "!"}),
    "method_definition": frozenset({"?"}),
    "required_parameter": frozenset({"readonly"}),
    "optional_parameter": frozenset({"readonly", "?"}),
    "variable_declarator": frozenset({"!"}),
    "abstract_class_declaration": frozenset({"abstract"}),
}
# Statements after whose last expression a blanked `as T` needs a `;` (ASI would otherwise join).
_STATEMENTS = frozenset(
    {
        "expression_statement",
        "lexical_declaration",
        "variable_declaration",
        "return_statement",
        "throw_statement",
        "export_statement",
        "public_field_definition",
    }
)
_CLASS_MEMBER_START_BLANKED = frozenset(
    {"decorator", "accessibility_modifier", "override_modifier", "readonly", "declare", "abstract"}
)


@dataclass(frozen=True)
class Note:
    """Something the eraser saw: a syntax error, or a non-erasable construct it rewrote."""

    offset: int  # code-point offsets in the text given to blank()
    end: int
    kind: str  # "syntax-error" | "rewritten"
    message: str


@dataclass(frozen=True)
class Blanked:
    text: str  # JavaScript, same length and line breaks as the TypeScript input
    notes: tuple[Note, ...]
    string_decls: frozenset[int]  # offsets of bindings declared `: string` (see stringdecls.py)
    decorators: Optional[str] = None  # same-length JS with only decorator expressions, or None
    string_returns: frozenset[int] = frozenset()  # offsets of functions declared `(): string`
    string_casts: frozenset[tuple[int, int]] = frozenset()  # (start, end) of `x as string`'s x

    @property
    def error(self) -> Optional[Note]:
        return next((n for n in self.notes if n.kind == "syntax-error"), None)


@functools.lru_cache(maxsize=None)
def language(tsx: bool) -> tree_sitter.Language:
    grammar = tree_sitter_typescript.language_tsx() if tsx else tree_sitter_typescript.language_typescript()
    return tree_sitter.Language(grammar)


@functools.lru_cache(maxsize=None)
def parser(tsx: bool) -> tree_sitter.Parser:
    return tree_sitter.Parser(language(tsx))


def parse(text: str, tsx: bool) -> tuple[bytes, tree_sitter.Tree]:
    src = text.encode("utf-8", "surrogatepass")
    # tree-sitter ends lines at LF only: a lone CR (old Mac line ends) must still end one for ASI.
    # CR -> LF keeps every byte offset; the text that is rendered keeps its CR.
    return src, parser(tsx).parse(_LONE_CR.sub(b"\n", src) if b"\r" in src else src)


def first_error(node: tree_sitter.Node) -> Optional[tree_sitter.Node]:
    """The first ERROR or MISSING node with no error inside it: where the parse really failed."""
    while True:
        if node.is_missing:
            return node
        inner = next((c for c in node.children if c.has_error or c.is_missing or c.is_error), None)
        if inner is None:
            return node if node.is_error else None
        node = inner


def _repair_call_signatures(text: str, tsx: bool) -> tuple[str, bytes, tree_sitter.Tree]:
    """Work around a tree-sitter-typescript 0.23 gap: a generic call signature on its own line
    (`interface F {\n  <T>(a: T): T\n  <T>(b: T): T\n}`, as in mobx and immer) is a parse
    error unless the member before it ends with `;`. Each retry turns the indentation character
    before such a `<` into `;` (same length, inside a type that is blanked anyway) and is kept
    only when the parse then fails later in the file, or not at all."""
    src, tree = parse(text, tsx)
    if not tree.root_node.has_error:
        return text, src, tree
    for _ in range(50):
        error = first_error(tree.root_node)
        if error is None:
            break
        lines = text.split("\n")
        line = text.count("\n", 0, ByteToChar(text)(error.start_byte))
        for candidate in sorted(range(max(line - 6, 0), min(line + 3, len(lines))), key=lambda c: abs(c - line)):
            body = lines[candidate]
            stripped = body.lstrip(" \t")
            indent = len(body) - len(stripped)
            if not (indent and stripped.startswith("<") and body[indent - 1] != ";"):
                continue
            fixed = "\n".join(lines[:candidate] + [body[:indent - 1] + ";" + body[indent:]] + lines[candidate + 1:])
            new_src, new_tree = parse(fixed, tsx)
            new_error = first_error(new_tree.root_node)
            if new_error is None or new_error.start_byte > error.start_byte:
                text, src, tree = fixed, new_src, new_tree
                break
        else:
            break
    return text, src, tree


def blank(text: str, tsx: bool = False) -> Blanked:
    """Erase the types of `text` (TypeScript, or TSX when `tsx`), keeping every offset."""
    text, src, tree = _repair_call_signatures(text, tsx)
    eraser = _Eraser(src)
    found = find(tree.root_node, tsx)
    if not eraser.run_found(tree.root_node, found):
        eraser = _Eraser(src)
        eraser.run(tree.root_node)
    b2c = ByteToChar(text)
    main = _render(text, b2c, eraser.blanks + [(d.start_byte, d.end_byte) for d in eraser.decorators], eraser.puts)
    decorators = None
    if eraser.decorators:
        full = _render(text, b2c, eraser.blanks, eraser.puts)
        decorators = _decorator_text(full, b2c, eraser.decorators)
    notes = tuple(
        Note(b2c(s), b2c(e), kind, message) for s, e, kind, message in sorted(eraser.notes, key=lambda n: n[0])
    )
    decls = {"value": set(), "returns": set(), "cast": set()}
    for kind, where in stringdecls.string_decls(found):
        decls[kind].add((b2c(where[0]), b2c(where[1])) if kind == "cast" else b2c(where))
    return Blanked(main, notes, frozenset(decls["value"]), decorators, frozenset(decls["returns"]),
                   frozenset(decls["cast"]))


def _render(text: str, b2c: ByteToChar, blanks, puts: dict[int, str]) -> str:
    if b2c.identity:  # ASCII: bytes are characters, and C blanks them
        buf = bytearray(text, "ascii")
        for start, end in blanks:
            buf[start:end] = buf[start:end].translate(_TO_SPACE)
        chars = buf.decode("ascii")
        return _put(list(chars), puts, b2c) if puts else chars
    chars = list(text)
    for start, end in blanks:
        for i in range(b2c(start), b2c(end)):
            if chars[i] not in _LINE_TERMINATORS:
                chars[i] = " "
    return _put(chars, puts, b2c)


def _put(chars: list, puts: dict[int, str], b2c: ByteToChar) -> str:
    for offset, char in puts.items():
        i = b2c(offset)
        # tree-sitter reads U+2028 / U+2029 as a blank, not a line end: a `;` meant for the end of
        # `x as T` would take the place of the one ending `x`'s line. It goes just after it.
        while i < len(chars) and chars[i] in _LINE_TERMINATORS:
            i += 1
        if i < len(chars):
            chars[i] = char
    return "".join(chars)


def _decorator_text(full: str, b2c: ByteToChar, decorators) -> str:
    chars = [c if c in _LINE_TERMINATORS else " " for c in full]
    for d in decorators:
        start, end = b2c(d.start_byte), b2c(d.end_byte)
        chars[start + 1:end] = full[start + 1:end]
        chars[start] = ";"  # `@` -> `;`: each decorator becomes an expression statement
    return "".join(chars)


def _preorder(found: list) -> list:
    """[node, ...] entries in a walk's order: by start, the longer first, and a node before a
    descendant of the same range (`(ERROR (decorator))` both over `@d`), which no range tells."""
    found.sort(key=lambda f: (f[0].start_byte, -f[0].end_byte))
    i = 0
    while i < len(found) - 1:
        j = i
        node = found[i][0]
        while j + 1 < len(found) and (found[j + 1][0].start_byte, found[j + 1][0].end_byte) == (
            node.start_byte, node.end_byte
        ):
            j += 1
        if j > i:
            same = found[i:j + 1]
            found[i:j + 1] = sorted(same, key=lambda f: -sum(1 for g in same if g is not f and _holds(f[0], g[0])))
        i = j + 1
    return found


def _holds(outer: tree_sitter.Node, inner: tree_sitter.Node) -> bool:
    """Whether `inner`, of the same range as `outer`, is one of its descendants."""
    stack = [outer]
    while stack:
        for child in stack.pop().children:
            if child.id == inner.id:
                return True
            if child.start_byte == inner.start_byte and child.end_byte == inner.end_byte:
                stack.append(child)
    return False


def _has_missing(root: tree_sitter.Node) -> bool:
    """Whether a MISSING node stands outside every ERROR node (where visit_ERROR finds it).
    Only the nodes on the way to an error are visited; a query's `(MISSING)` does not match a
    missing named node (`>> x` lacks an identifier)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_missing:
            return True
        if not node.is_error:
            stack.extend(c for c in node.children if c.has_error)
    return False


class _Parents:
    """`_Eraser.up` for `run_found`, which meets too few nodes to have recorded their parents.

    A node asked about is reached by one descent from the deepest node of the previous path that
    holds it (the nodes come in document order), recording the parents on the way. tree-sitter's
    own `Node.parent` searches down from the root each time: 12 000 nested casts took 5 s."""

    def __init__(self, root: tree_sitter.Node):
        self.path = [root]
        self.parents: dict = {root.id: None}

    def get(self, node: tree_sitter.Node):
        if node.id not in self.parents:
            self._reach(node)
        return self.parents.get(node.id)

    def _reach(self, node: tree_sitter.Node) -> None:
        path, parents = self.path, self.parents
        start, end = node.start_byte, node.end_byte
        k = len(path) - 1
        while k >= 0:
            if path[k].start_byte <= start and end <= path[k].end_byte:
                del path[k + 1:]
                at = path[k]
                while at.id != node.id:
                    child = at.child_with_descendant(node)
                    if child is None:
                        break
                    parents[child.id] = at
                    path.append(child)
                    at = child
                else:
                    return
            k -= 1  # an equal range that was not an ancestor: look higher
        parents[node.id] = node.parent


def _acted_on_query(language: tree_sitter.Language) -> str:
    """Every node `_Eraser.run` does something to, as one tree-sitter query: `node` a node with a
    handler or a type node, `token` a TypeScript-only keyword, `member` a class member."""
    handled = {name[len("visit_"):] for name in vars(_Eraser) if name.startswith("visit_")}
    # a call or subscript is acted on only when its callee / object is a cast (visit_call_expression)
    narrowed = {"call_expression": "function", "subscript_expression": "object"}
    plain = sorted(t for t in (handled | _TYPE_NODES) - set(narrowed)
                   if t == "ERROR" or language.id_for_node_kind(t, True) is not None)  # TSX: no `<T>x`
    patterns = ["[" + " ".join(f"({t})" for t in plain) + "] @node"]
    patterns += [f"({t} {field}: [(as_expression) (satisfies_expression)]) @node" for t, field in narrowed.items()]
    patterns += [f"({parent} [" + " ".join(f'"{tok}"' for tok in sorted(tokens)) + "] @token)"
                 for parent, tokens in _TS_ONLY_TOKENS.items()]
    patterns.append("(class_body (_) @member)")
    return "\n".join(patterns)


@functools.lru_cache(maxsize=None)
def _query(tsx: bool) -> tree_sitter.Query:
    lang = language(tsx)
    return tree_sitter.Query(lang, _acted_on_query(lang) + "\n" + stringdecls.query_source(lang))


def find(root: tree_sitter.Node, tsx: bool) -> dict:
    """Capture name -> nodes, for `_Eraser.run_found` and `stringdecls.string_decls` both: one
    pass of tree-sitter over the tree instead of two (0.28 s for the 5 MB corpus, not 0.51)."""
    return tree_sitter.QueryCursor(_query(tsx)).captures(root)


def _after_is_semicolon(node: tree_sitter.Node) -> bool:
    nxt = node.next_sibling
    while nxt is not None and nxt.type == "comment":
        nxt = nxt.next_sibling
    return nxt is not None and nxt.type == ";"


class _Eraser:
    def __init__(self, src: bytes):
        self.src = src
        self.blanks: list[tuple[int, int]] = []
        self.puts: dict[int, str] = {}  # byte offset -> ASCII char written over the blanks
        self.decorators: list[tree_sitter.Node] = []
        self.notes: list[tuple[int, int, str, str]] = []
        # node -> parent as the walk met it: tree-sitter's `Node.parent` searches down from the
        # root (O(depth)), so asking it of every node made 8 000 nested arrays take 11 s.
        self.up: dict = {}

    # -- primitives ------------------------------------------------------------------------
    def blank(self, start: int, end: int) -> None:
        if start < end:
            self.blanks.append((start, end))

    def blank_node(self, node: tree_sitter.Node) -> None:
        self.blank(node.start_byte, node.end_byte)

    def blank_statement(self, node: tree_sitter.Node) -> None:
        # The `;` keeps the previous statement from running into the next one (ASI hazard:
        # `let a = b\ninterface I {}\n(c)` must not become `b(c)`); an empty statement or class
        # element is harmless wherever a statement or member stands.
        self.blank_node(node)
        self.puts[node.start_byte] = ";"

    def blank_with_comma(self, node: tree_sitter.Node) -> None:
        end = node.end_byte
        nxt = node.next_sibling
        if nxt is not None and nxt.type == ",":
            end = nxt.end_byte
        self.blank(node.start_byte, end)

    def note(self, node: tree_sitter.Node, kind: str, message: str) -> None:
        self.notes.append((node.start_byte, node.end_byte, kind, message))

    def has_newline(self, start: int, end: int) -> bool:
        return b"\n" in self.src[start:end] or b"\r" in self.src[start:end]

    # -- traversal -------------------------------------------------------------------------
    def run(self, root: tree_sitter.Node) -> None:
        stack = [root]  # iterative: minified or generated TS can nest deeper than Python recursion
        up = self.up
        while stack:
            node = stack.pop()
            if node.is_missing:
                self.note(node, "syntax-error", f"missing `{node.type}`")
                continue
            handler = getattr(self, "visit_" + node.type, None) if node.is_named else None
            if node.type in _TYPE_NODES:
                self.blank_node(node)
                continue
            if handler is not None:
                result = handler(node)
                if result is not None:  # the handler chose which children to visit
                    up.update((c, node) for c in result)
                    stack.extend(reversed(result))
                    continue
            tokens = _TS_ONLY_TOKENS.get(node.type)
            if tokens:
                for child in node.children:
                    if not child.is_named and child.type in tokens:
                        self.blank_node(child)
            parent = up.get(node)
            if parent is not None and parent.type == "class_body" and node.child_count:
                self.class_member(node)
            children = node.children
            up.update((c, node) for c in children)
            stack.extend(reversed(children))

    def run_found(self, root: tree_sitter.Node, found: dict) -> bool:
        """What `run` does, visiting only the nodes `_acted_on_query` found (`find`); False (and
        nothing done) for a tree with a MISSING node, which takes `run`.

        In document order, outer nodes first (a walk's pre-order); a node is skipped when a node
        around it was blanked whole or chose its children (`pruned`) and it is in none of them.
        Ranges tell a node's place exactly only when it has a width: a MISSING one has none."""
        if root.has_error and _has_missing(root):
            return False
        self.up = _Parents(root)
        mine: dict = {}  # node id -> [node, kinds]: one node can match as a member and as itself
        for kind in ("node", "token", "member"):
            for node in found.get(kind, ()):
                mine.setdefault(node.id, [node, set()])[1].add(kind)
        pruned: list = []  # (end byte, kept (start, end) ranges) of the enclosing pruning nodes
        for node, kinds in _preorder(list(mine.values())):
            start, end = node.start_byte, node.end_byte
            while pruned and pruned[-1][0] <= start:
                pruned.pop()
            if pruned and not any(s <= start and end <= e for s, e in pruned[-1][1]):
                continue
            if "token" in kinds:  # a TypeScript-only keyword of its parent (_TS_ONLY_TOKENS)
                self.blank_node(node)
                continue
            if node.type in _TYPE_NODES:
                self.blank_node(node)
                pruned.append((end, ()))
                continue
            handler = getattr(self, "visit_" + node.type, None) if "node" in kinds else None
            result = handler(node) if handler is not None else None
            if result is not None:
                pruned.append((end, [(c.start_byte, c.end_byte) for c in result]))
            elif "member" in kinds and node.child_count:
                self.class_member(node)
        return True

    # -- handlers: return None to visit all children, or the list of children to visit ------
    def visit_ERROR(self, node):
        node = first_error(node) or node
        if node.is_missing:
            self.note(node, "syntax-error", f"missing `{node.type}`")
            return []
        text = self.src[node.start_byte:node.end_byte].decode("utf-8", "replace")
        text = " ".join(text.split())
        self.note(node, "syntax-error", f"unexpected `{text[:30]}`" if text else "syntax error")
        return []

    def visit_interface_declaration(self, node):
        self.blank_statement(node)
        return []

    visit_type_alias_declaration = visit_interface_declaration
    visit_ambient_declaration = visit_interface_declaration
    visit_function_signature = visit_interface_declaration
    visit_method_signature = visit_interface_declaration
    visit_abstract_method_signature = visit_interface_declaration
    visit_index_signature = visit_interface_declaration

    def visit_public_field_definition(self, node):
        if any(c.type in ("declare", "abstract") and not c.is_named for c in node.children):
            self.blank_statement(node)  # `declare x: T` and `abstract x: T` emit nothing
            return []
        return None

    def class_member(self, node) -> None:
        first = node.children[0]
        if first.type in _CLASS_MEMBER_START_BLANKED:
            # `a = 1\n private [k] = 2` would read as `1[k] = 2` once `private` is blank.
            self.puts[node.start_byte] = ";"

    def visit_as_expression(self, node):
        expression = node.children[0]
        self.blank(expression.end_byte, node.end_byte)
        if self.ends_statement(node):
            self.puts[expression.end_byte] = ";"
        return [expression]

    visit_satisfies_expression = visit_as_expression

    def visit_instantiation_expression(self, node):
        # `f<T>` without a call: as `as T`, blanking may let the next line continue it.
        if self.ends_statement(node):
            self.puts[node.children[0].end_byte] = ";"
        return None

    def ends_statement(self, node) -> bool:
        end = node.end_byte
        while (parent := self.up.get(node)) is not None and parent.end_byte == end:
            node = parent
            if node.type in _STATEMENTS:
                return not _after_is_semicolon(node)
        return False

    def visit_call_expression(self, node):
        # tree-sitter reads `x = y as T\n(z)` as a call of `(y as T)`; TypeScript ends the
        # statement after `T` (ASI), and so must the JavaScript: `x = y;    \n(z)`.
        callee = node.children[0]
        if callee.type in ("as_expression", "satisfies_expression") and node.child_count > 1 and (
            self.has_newline(callee.end_byte, node.children[1].start_byte + 1)
        ):
            self.puts[callee.children[0].end_byte] = ";"
        return None

    visit_subscript_expression = visit_call_expression

    def visit_non_null_expression(self, node):
        self.blank(node.end_byte - 1, node.end_byte)
        return None

    def visit_decorator(self, node):
        self.decorators.append(node)
        return None  # its arguments may hold types (`@Prop({type: X as PropType<T>})`)

    def visit_formal_parameters(self, node):
        params = node.named_children
        if params and params[0].type == "required_parameter":
            pattern = params[0].child_by_field_name("pattern")
            if pattern is not None and pattern.type == "this":
                self.blank_with_comma(params[0])  # `function f(this: Window, a)` -> `(a)`
                return params[1:]
        if any(p.type in ("required_parameter", "optional_parameter") and p.named_children
               and p.named_children[0].type in ("accessibility_modifier", "override_modifier")
               for p in params):
            self.note(node, "rewritten", "parameter properties linted as plain parameters")
        return None

    def visit_arrow_function(self, node):
        tparams = node.child_by_field_name("type_parameters")
        params = node.child_by_field_name("parameters")
        if tparams is not None and params is not None and self.has_newline(tparams.start_byte, params.start_byte):
            # `async <T>\n(a) => a`: a line break after `async` is not allowed in JavaScript.
            self.puts[tparams.start_byte] = "("
            self.blank(params.start_byte, params.start_byte + 1)
        ret = node.child_by_field_name("return_type")
        arrow = next((c for c in node.children if c.type == "=>"), None)
        if ret is not None and params is not None and arrow is not None and self.has_newline(
            params.end_byte, arrow.start_byte
        ):
            # `(a): Promise<\n T\n> => a`: JavaScript allows no line break between `)` and `=>`.
            self.blank(params.end_byte - 1, ret.end_byte)
            self.puts[ret.end_byte - 1] = ")"
        return None

    def visit_import_statement(self, node):
        children = node.children
        if len(children) > 1 and children[1].type == "type":
            self.blank_statement(node)  # `import type ...`
            return []
        clause = next((c for c in children if c.type == "import_require_clause"), None)
        if clause is not None:
            self.rewrite_import_as_var(children[0])  # `import x = require("m")`
            return [clause]
        for named in (c for c in children if c.type == "import_clause"):
            for imports in (c for c in named.children if c.type == "named_imports"):
                for spec in imports.named_children:
                    if spec.child_count and spec.children[0].type == "type":
                        self.blank_with_comma(spec)
        return []

    def visit_import_alias(self, node):
        self.rewrite_import_as_var(node.children[0])  # `import A = N.B`
        return []

    def rewrite_import_as_var(self, keyword) -> None:
        self.blank_node(keyword)
        self.puts.update({keyword.start_byte: "v", keyword.start_byte + 1: "a", keyword.start_byte + 2: "r"})
        self.note(keyword, "rewritten", "`import ... =` linted as `var ... =`")

    def visit_export_statement(self, node):
        children = node.children
        at = next((i for i, c in enumerate(children) if c.type == "export"), None)
        if at is None:
            return None
        keyword = children[at]
        # not `keyword.next_sibling`: tree-sitter finds it from the root (12 000 nested
        # `export namespace` took 7 s)
        after = children[at + 1] if at + 1 < len(children) else None
        declaration = node.child_by_field_name("declaration")
        if after is not None and (
            after.type == "type"  # `export type { A }`
            or (after.type == "ERROR" and self.src[after.start_byte:after.end_byte] == b"type")  # `export type *`
            or after.type == "as"  # `export as namespace X`
            or (declaration is not None and declaration.type in _TYPE_ONLY_DECLARATIONS)
        ):
            self.blank_statement(node)
            return []
        if after is not None and after.type == "=":  # `export = x` (CommonJS)
            # `void` makes what follows an expression: `export = { a }` is no block.
            self.blank(keyword.start_byte, after.end_byte)
            self.puts.update({keyword.start_byte + i: c for i, c in enumerate("void")})
            self.note(node, "rewritten", "`export = x` linted as `void x`")
            return [c for c in children if c.is_named]
        parent = self.up.get(node)
        grand = self.up.get(parent) if parent is not None else None
        if parent is not None and parent.type == "statement_block" and grand is not None and (
            grand.type in ("internal_module", "module")
        ):
            self.blank_node(keyword)  # `export` inside a namespace that became a block
        if declaration is not None and declaration.type in ("internal_module", "module"):
            self.blank_node(keyword)  # blocks cannot be exported
        for clause in (c for c in children if c.type == "export_clause"):
            for spec in clause.named_children:
                if spec.child_count and spec.children[0].type == "type":
                    self.blank_with_comma(spec)
        return None

    def visit_internal_module(self, node):
        body = node.child_by_field_name("body")
        if body is None:
            self.blank_statement(node)
            return []
        self.blank(node.start_byte, body.start_byte)  # `namespace A.B {` -> a plain block
        self.note(node, "rewritten", "namespace linted as a block")
        return [body]

    visit_module = visit_internal_module

    def visit_enum_declaration(self, node):
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name is None or body is None:
            return None
        start = node.start_byte  # `enum` or `const` (both ASCII, at least 4 bytes)
        gap = [i for i in range(name.end_byte, body.start_byte) if self.src[i] in b" \t"]
        if gap:
            # `const enum E {` -> `var        E=[`: the binding stays where it was written.
            self.blank(start, name.start_byte)
            self.blank(name.end_byte, body.start_byte)
            self.puts.update({start: "v", start + 1: "a", start + 2: "r", gap[-1]: "="})
        else:
            # `enum E{`: no room for `=`; keep the initializers, lose the binding.
            self.blank(start, body.start_byte)
            self.puts[start] = ";"
            parent = self.up.get(node)
            if parent is not None and parent.type == "export_statement":
                self.blank_node(parent.children[0])
        self.puts[body.start_byte] = "["
        values = []
        free = set()  # byte positions left blank before the `}`: room for `];`
        for member in body.named_children:
            if member.type == "enum_assignment":
                value = member.child_by_field_name("value")
                if value is not None:
                    self.blank(member.start_byte, value.start_byte)
                    values.append(value)
                    continue
            if member.type != "comment":
                self.blank_node(member)
                free.update(range(member.start_byte, member.end_byte))
        # `var E=[...]` is a statement that needs its `;` where `enum E {}` needed none
        # (`enum E { A } return E`): after the `]` if a blank follows, else just before it.
        close = body.end_byte - 1
        if self.src[close + 1:close + 2] in (b" ", b"\t"):
            self.puts.update({close: "]", close + 1: ";"})
        elif close - 1 > body.start_byte and (self.src[close - 1] in b" \t" or close - 1 in free):
            self.puts.update({close - 1: "]", close: ";"})
        else:
            self.puts[close] = "]"  # `{A=1}` then a line break: ASI ends it
        self.note(node, "rewritten", "enum linted as an array of its initializers")
        return values
