"""Candidate dispatch: a rule's handlers see only the nodes around the words it looks for.

Instead of walking every node of a tree-sitter tree (most of a bundle is code no rule cares
about), each rule's words (:meth:`minislint.rule.Rule.candidates`, by default its ``triggers``)
are searched in the text; the node at each hit and its ancestors are the rule's candidates, and
only those are converted to ESTree nodes and handed to its handlers, in source order (parents
first), as the full walk would. On the 3.9 MB bench corpus this is well under 1 % of the nodes.

A value can reach a rule's node without the word in it: ``const F = Function; F("...")``. When
a hit lies in a variable declarator, the names it binds become words too (as identifiers, within
their scope), until nothing new is found: the bindings the value analysis (minislint/js/values.py)
and the rules follow to an initialiser. If they learn to follow other flows (assignments,
parameters), add them to :func:`_aliases`, or the rule loses those findings here.

Strings built from pieces (``window["ev" + "al"]``, `` `ev${"al"}` ``) hold no word but fold to
one: every place where two string literals are joined is a hit for every rule (minifiers fold
such strings, so real code has few).

A rule without words (a third-party rule with no ``triggers``) sees every node, as before.
Known gap: a word assembled only from one-letter pieces (`["e","v","a","l"].join("")`) has no
hit (single letters are in every bundle); js/spelled.py lets the rule run, but no node is handed
to it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from minislint.js.scope import LazyScopes
from minislint.js.tree import NAME_BYTE, ts_types_for
from minislint.js.walk import VISITOR_KEYS

_MAX_ALIAS_ROUNDS = 8
_MAX_KEPT_CHAIN = 256  # deeper chains are not kept for the next rule: 7 000 hits 7 000 deep is 49 M slots
_COMMENTS = frozenset(("comment", "html_comment"))
_JS_TYPES = frozenset(VISITOR_KEYS) | {
    "Identifier", "Literal", "ThisExpression", "Super", "PrivateIdentifier", "TemplateElement", "JSXIdentifier",
    "JSXText", "EmptyStatement", "DebuggerStatement", "Import", "MetaProperty"}


@lru_cache(maxsize=256)
def _word_pattern(word: str):
    """The word anywhere (`State` in `pushState`); a called name (`h(`) only where it is not the
    end of a longer name: `h(` is in every `push(` of a bundle (3 477 hits on the corpus, 273 of
    them `h(`). The literal comes first, so the regex engine scans for it."""
    raw = re.escape(word.encode("utf-8", "surrogatepass"))
    if word.endswith("(") and word[:-1].isidentifier():
        raw += rb"(?<!" + NAME_BYTE + raw + rb")"
    return re.compile(raw)


_FUNCTIONS = frozenset(("function_declaration", "generator_function_declaration", "function_expression",
                        "function", "generator_function", "arrow_function", "method_definition", "program"))
_BLOCKS = frozenset(("statement_block", "class_static_block", "switch_body", "for_statement",
                     "for_in_statement")) | _FUNCTIONS


def _aliases(n, out: set) -> None:
    """(name, start, end, (start, end)) for each name a declarator holding a hit binds, with the
    byte range of its scope (where its uses are searched, and the scope they must resolve to): rules follow a binding to its initialiser (`const F = Function; F()`,
    `var r = new XMLHttpRequest; r.open()`), so the name's uses there are candidates too (those
    that resolve to it: an inner `t` that shadows it is not)."""
    if n.type == "import_statement":  # `import http from "axios"`: its local names, file-wide
        root = n.parent
        for clause in n.named_children:
            if clause.type == "import_clause":
                stack = [clause]
                while stack:
                    m = stack.pop()
                    if m.type == "import_specifier":
                        local = m.child_by_field_name("alias") or m.child_by_field_name("name")
                        out.add((local.text.decode("utf-8", "surrogatepass"), root.start_byte, root.end_byte,
                                 (root.start_byte, root.end_byte)))
                    elif m.type == "identifier":
                        out.add((m.text.decode("utf-8", "surrogatepass"), root.start_byte, root.end_byte,
                                 (root.start_byte, root.end_byte)))
                    else:
                        stack.extend(m.named_children)
        return
    decl = n.parent
    kind = decl.child_by_field_name("kind") if decl is not None else None
    scope = decl.parent if decl is not None else None
    kinds = _FUNCTIONS if kind is None or kind.type == "var" else _BLOCKS
    while scope is not None and scope.type not in kinds:
        scope = scope.parent
    if scope is None:
        return
    name = n.child_by_field_name("name")
    if name is None:
        return
    stack = [name]
    while stack:  # an identifier, or every name in a destructuring pattern
        m = stack.pop()
        if m.type in ("identifier", "shorthand_property_identifier_pattern"):
            out.add((m.text.decode("utf-8", "surrogatepass"), scope.start_byte, scope.end_byte,
                     (scope.start_byte, scope.end_byte)))
        else:
            stack.extend(m.named_children)


# where literal pieces of a string meet: `"ev" + "al"` (a whole chain of them is one hit, its
# first `+`: the chain's other links are that node's ancestors) and `` `ev${"al"}` ``. The
# junction (a quote, `+`, a quote) is searched first: a regex that tries a literal at every quote
# took 0.34 s of the corpus, the junction 0.04 s; the chain after it is then matched in place.
_LITERAL = rb"""(?:'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\$])*`)"""
_JUNCTION = re.compile(rb"""['"`]\s*(\+)\s*['"`]|\$\{\s*['"`]""")
_CHAIN = re.compile(_LITERAL + rb"(?:\s*\+\s*" + _LITERAL + rb")*")


def _piece_hits(tree, words, spelled) -> list:
    """String literals that are pieces of a word (`["ev", "al"].join("")`: js/spelled.py counts
    such a word as spelled, and the value service folds it): each is a hit."""
    assembled = [w for w in words if spelled.assembled(w)]
    if not assembled:
        return []
    return [(start, end) for piece, spans in spelled.spans().items() if any(piece in w for w in assembled)
            for raw, start, end in spans if raw not in words]


def _folded_strings(data: bytes) -> list:
    """(start, end) of the places where string pieces are joined (see above); a regex over the
    text, not a tree query: a 10 000-link `+` chain is one hit."""
    out, chain_end = [], -1
    for m in _JUNCTION.finditer(data):
        if m.start() < chain_end:  # a later link of the chain already found
            continue
        if m.group(1) is None:  # `${"`
            out.append((m.start(), m.end()))
            continue
        out.append((m.start(1), m.end(1)))
        chain = _CHAIN.match(data, m.end() - 1)  # from the literal after the `+`
        chain_end = chain.end() if chain is not None else -1
    return out


def dispatch(program, specs, spelled=None) -> None:
    """`specs`: one (words, handlers) per rule, in rule order; handlers maps an ESTree type (or
    ``"<type>:exit"``) to a list of callables. `spelled`: the engine's js/spelled.Spelled of the
    fragment (its string pieces are found once per fragment)."""
    tree = program._tree
    root = tree.ts.root_node
    data = tree.data
    marks: dict = {}      # tree-sitter node id -> [node, sequence, set of rule indexes]
    counter = [0]
    want_exit = False
    program_rules = []

    folded = None
    chains: dict = {}
    word_hits: dict = {}
    scopes = LazyScopes.of(program)
    if spelled is None or spelled.text is not tree.text:  # TypeScript: the tree's text is blanked
        from minislint.js.spelled import Spelled

        spelled = Spelled(tree.text, True)
    for i, (words, handlers) in enumerate(specs):
        types = {k[:-5] if k.endswith(":exit") else k for k in handlers}
        if any(k.endswith(":exit") and k[:-5] in _JS_TYPES and k != "Program:exit" for k in handlers):
            want_exit = True
        if "Program" in types:
            program_rules.append(i)
        types &= _JS_TYPES
        types.discard("Program")
        if not types:
            continue
        if not words:
            _mark_all(root, i, marks, counter)
            continue
        wanted = ts_types_for(types)
        seen: set = set()
        spine_seen: set = set()  # reached with the hit still on an initialiser's spine
        known: set = set()
        found: set = set()
        hits = []
        for w in words:
            got = word_hits.get(w)
            if got is None:  # one literal search per word: an alternation is 2-6x slower
                got = word_hits[w] = [(m.start(), m.end()) for m in _word_pattern(w).finditer(data)]
            hits.extend(got)
        if folded is None:
            folded = _folded_strings(data)
        hits.extend(folded)
        hits.extend(_piece_hits(tree, words, spelled))
        hits.sort()
        for _ in range(_MAX_ALIAS_ROUNDS):
            token_end = -1
            for hit in hits:
                b, e = hit[0], hit[1]
                if b < token_end:  # another hit in the same string, regex or comment: same marks
                    continue
                chain = chains.get((b, e))
                if chain is None:  # rules share most hits (joined strings, pieces, aliases)
                    chain = tree.path_to(b, e)
                    if len(chain) <= _MAX_KEPT_CHAIN:
                        chains[b, e] = chain
                if len(hit) > 2 and not _uses(scopes, tree, chain[-1], hit):
                    continue  # the name there is another binding (minified code reuses `t` everywhere)
                token = _token_of(chain)
                if token is not None:
                    token_end = token.end_byte
                    if token.type in _COMMENTS:  # a word in a comment is no code
                        continue
                _ascend(chain, i, seen, spine_seen, marks, counter, found, wanted, scopes)
            new = found - known
            if not new:
                break
            known |= new
            found = set()
            uses = set()  # each name's occurrences within its scope
            for name, start, end, owner in new:
                size = len(name.encode("utf-8", "surrogatepass"))
                uses.update((b, b + size, name, owner) for b in tree.occurrences(name, start, end))
            hits = sorted(uses, key=lambda h: (h[0], h[1]))

    entries = sorted(marks.values(), key=lambda e: (e[0].start_byte, -e[0].end_byte, -e[1]))
    for i in program_rules:
        for fn in specs[i][1].get("Program", ()):
            fn(program)
    stack: list = []
    for ts, _, rules in entries:
        if ts.type == "program":
            continue
        if want_exit:
            start, end = ts.start_byte, ts.end_byte
            while stack and not (stack[-1][0].start_byte <= start and end <= stack[-1][0].end_byte):
                _leave(tree, stack.pop(), specs)
        ordered = sorted(rules)
        for node in tree.nodes_for(ts):
            t = node.type
            for i in ordered:
                for fn in specs[i][1].get(t, ()):
                    fn(node)
        if want_exit:
            stack.append((ts, ordered))
    while stack:
        _leave(tree, stack.pop(), specs)
    for i in program_rules:
        for fn in specs[i][1].get("Program:exit", ()):
            fn(program)


# tokens with no code inside: hits within one are handed the same nodes (a minified regex holds
# dozens of `\\`, a licence comment dozens of `//`)
_TOKENS = frozenset(("string", "regex", "comment", "html_comment"))
_IN_TOKENS = frozenset(("string_fragment", "escape_sequence", "regex_pattern", "regex_flags")) | _TOKENS


_NAMES = frozenset(("identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern"))


def _uses(scopes, tree, ts, hit) -> bool:
    """Whether the name at `ts` is the alias `hit` was found for: the binding declared in the
    scope `owner` (a byte range), or the global of that name (`owner` ())."""
    b, e, name, owner = hit
    if ts.type not in _NAMES or ts.start_byte != b or ts.end_byte != e:
        return False  # a property name, a longer word, a string
    binding = scopes.lookup(name, tree.up(ts))
    if binding is None:
        return owner == ()
    found = scopes.scope_of(binding)
    return found is not None and (found.start_byte, found.end_byte) == owner


def _token_of(chain):
    last = chain[-1]
    if last.type not in _IN_TOKENS:
        return None
    if last.type in _TOKENS:
        return last
    parent = chain[-2] if len(chain) > 1 else None
    return parent if parent is not None and parent.type in _TOKENS else None


def _leave(tree, item, specs) -> None:
    ts, ordered = item
    for node in reversed(tree.nodes_for(ts)):
        key = node.type + ":exit"
        for i in ordered:
            for fn in specs[i][1].get(key, ()):
                fn(node)


# Where a hit may sit for the declarator above it to bind its value: the initialiser's own value
# (`= navigator`, `= window.eval`, `= new XMLHttpRequest`, `= "ev" + "al"`, `= require("axios")`),
# not any name used somewhere inside it. Otherwise every short minified name would become a word.
_SPINE = frozenset(("array", "assignment_expression", "identifier", "property_identifier", "member_expression", "subscript_expression",
                    "parenthesized_expression", "await_expression", "sequence_expression", "string",
                    "string_fragment", "escape_sequence", "template_string", "template_substitution",
                    "binary_expression", "variable_declarator", "shorthand_property_identifier_pattern",
                    "object_pattern", "pair_pattern", "array_pattern", "import_statement", "import_clause",
                    "named_imports", "import_specifier", "namespace_import", "this"))


def _assigned(node, child, chain, out: set, scopes) -> None:
    """`h = <hit>`: a var / let written once is followed by the value service (js/bindings.py);
    its uses in the enclosing function that resolve to the same binding (or global) are
    candidates."""
    left = node.child_by_field_name("left")
    right = node.child_by_field_name("right")
    if left is not None and left.type == "identifier" and right is not None and right.id == child.id:
        # the enclosing function: minified code declares what it assigns there (an outer
        # binding assigned here and read elsewhere is not followed: a known gap)
        scope = next((n for n in reversed(chain[:chain.index(node)]) if n.type in _FUNCTIONS), chain[0]) \
            if node in chain else chain[0]
        name = left.text.decode("utf-8", "surrogatepass")
        binding = scopes.lookup(name, node)
        owner = scopes.scope_of(binding) if binding is not None else None
        out.add((name, scope.start_byte, scope.end_byte,
                 (owner.start_byte, owner.end_byte) if owner is not None else ()))


def _is_name(declarator, child) -> bool:
    name = declarator.child_by_field_name("name")
    return name is not None and name.id == child.id


def _on_spine(parent, child) -> bool:
    t = parent.type
    if t in _SPINE:
        return True
    if t in ("call_expression", "new_expression"):  # the callee, or a string argument (require)
        f = parent.child_by_field_name("function" if t == "call_expression" else "constructor")
        return f is not None and f.id == child.id or child.type == "arguments"
    if t == "arguments":
        return child.type in ("string", "template_string")
    return False


def _ascend(chain, i, seen, spine_seen, marks, counter, aliases, wanted, scopes) -> None:
    """Mark the nodes of `chain` (root first, the hit's node last) from the hit upwards."""
    child = None
    spine = True
    for node in reversed(chain):
        if child is not None and spine and node.type == "assignment_expression":
            _assigned(node, child, chain, aliases, scopes)
        if child is not None and spine:
            spine = _on_spine(node, child)
            if spine and (node.type == "import_statement" or node.type == "variable_declarator" and
                          not (child.type == "identifier" and _is_name(node, child))):
                _aliases(node, aliases)  # (a hit in a plain binding name is in each of its uses too)

        nid = node.id
        if nid in seen:
            if not spine or nid in spine_seen:
                return
        else:
            seen.add(nid)
            if spine:
                spine_seen.add(nid)
            if node.type in wanted:
                entry = marks.get(nid)
                if entry is None:
                    counter[0] += 1
                    entry = marks[nid] = [node, counter[0], set()]
                entry[2].add(i)
        child = node


def _mark_all(root, i, marks, counter) -> None:
    cursor = root.walk()
    while True:
        node = cursor.node
        if node.is_named:
            entry = marks.get(node.id)
            if entry is None:
                counter[0] -= 1  # pre-order: a parent before its children on equal ranges
                entry = marks[node.id] = [node, counter[0], set()]
            entry[2].add(i)
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return
