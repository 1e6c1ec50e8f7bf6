"""Type erasure (minislint/ts): TypeScript -> JavaScript with every character where it was."""
from __future__ import annotations

import re
from pathlib import Path

import esprima
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from minislint.ts import blank, erase
from minislint.utf8 import ByteToChar

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ts-real"
_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029]")


def js(src: str, tsx: bool = False) -> str:
    """Blank `src`, check the invariants every output keeps, return the JavaScript."""
    out = blank(src, tsx)
    assert out.error is None, out.error
    assert len(out.text) == len(src)
    assert [m.start() for m in _BREAKS.finditer(out.text)] == [m.start() for m in _BREAKS.finditer(src)]
    esprima.parseModule(out.text, {"jsx": tsx})
    if out.decorators is not None:
        assert len(out.decorators) == len(src)
        esprima.parseModule(out.decorators, {"jsx": tsx})
    return out.text


@pytest.mark.parametrize(
    "ts, expected",
    [
        ("let a: number = 1;", "let a         = 1;"),
        ("function f<T>(x: T, y?: string): T { return x }", "function f   (x   , y         )    { return x }"),
        ("const g = (a: A): B => a as any as B;", "const g = (a   )    => a            ;"),
        ("x = y satisfies Z;", "x = y            ;"),
        ("x = y as const;", "x = y         ;"),
        ("a!.b; c = d!;", "a .b; c = d ;"),
        ("let v!: string;", "let v         ;"),
        ("f<string>(1); new Map<K, V>();", "f        (1); new Map      ();"),
        ("const h = f<string>;", "const h = f        ;"),
        ("function t(this: Window, a) {}", "function t(              a) {}"),
        ("function u(x): x is string { return 1 }", "function u(x)              { return 1 }"),
        ("function w(x): asserts x { }", "function w(x)            { }"),
        ("import { type B, C } from 'b';", "import {         C } from 'b';"),
        ("export { type E, F };", "export {         F };"),
        ("function f(a: number): void;\nfunction f(a) {}", ";                           \nfunction f(a) {}"),
        ("for (const k of ks as string[]) {}", "for (const k of ks            ) {}"),
    ],
)
def test_erasable_constructs(ts, expected):
    assert js(ts) == expected


@pytest.mark.parametrize(
    "ts",
    [
        "import type { A } from 'a';",
        "import type T = require('t');",
        "export type { D };",
        "export type * from './t';",
        "export interface I { a: string }",
        "export default interface Q {}",
        "type T = { a: 1 };",
        "declare const z: number;",
        "declare class Y { m(): void }",
        "declare global { interface W {} }",
        "declare module 'm' { }",
        "declare namespace N { const a = 1 }",
        "export declare function df(): void;",
        "export as namespace Lib;",
    ],
)
def test_type_only_statements_become_an_empty_statement(ts):
    assert js(ts) == ";" + " " * (len(ts) - 1)


def test_class_members():
    ts = (
        "abstract class K<T> extends B<T> implements C, D {\n"
        "  private readonly x!: number;\n"
        "  declare y: string;\n"
        "  abstract m(): void;\n"
        "  n?(): void;\n"
        "  o(a: any): void;\n"
        "  o(a) {}\n"
        "  [k: string]: any;\n"
        "  static override q = 2;\n"
        "  public z? = 1;\n"
        "  protected get g(): string { return '' }\n"
        "}"
    )
    assert js(ts) == (
        "         class K    extends B                    {\n"
        "  ;                x         ;\n"
        "  ;                ;\n"
        "  ;                 ;\n"
        "  ;         ;\n"
        "  ;              ;\n"
        "  o(a) {}\n"
        "  ;               ;\n"
        "  static          q = 2;\n"
        "  ;      z  = 1;\n"
        "  ;         get g()         { return '' }\n"
        "}"
    )


def test_parameter_properties_keep_their_defaults():
    ts = "class P { constructor(public a: string, private readonly b = eval('x')) {} }"
    out = blank(ts)
    assert out.text == "class P { constructor(       a        ,                  b = eval('x')) {} }"
    assert [n.kind for n in out.notes] == ["rewritten"]


# --- ASI: blanking must not join two statements --------------------------------------------


def test_type_only_statement_between_statements_gets_a_semicolon():
    ts = "let a = b\ninterface I { x: 1 }\n(c)"
    assert js(ts) == "let a = b\n;                   \n(c)"


def test_as_at_end_of_statement_gets_a_semicolon():
    assert js("x = y as unknown\n") == "x = y;" + " " * 10 + "\n"
    assert js("x = y as T;\n") == "x = y     ;\n"  # an existing `;` is enough
    assert js("let x = y as T\n;(z)") == "let x = y     \n;(z)"
    # TypeScript ends the statement after `T` (ASI); tree-sitter would make it a call of y.
    out = js("let x = y as Foo\n(z)\nw = v satisfies T\n(0)")
    assert out == "let x = y;      \n(z)\nw = v;           \n(0)"
    assert [s.type for s in esprima.parseModule(out).body] == ["VariableDeclaration"] + ["ExpressionStatement"] * 3


def test_modifier_before_computed_member_gets_a_semicolon():
    ts = "class A {\n  a = 1\n  private [k] = 2\n  public [m]() {}\n}"
    out = js(ts)
    assert out == "class A {\n  a = 1\n  ;       [k] = 2\n  ;      [m]() {}\n}"
    cls = esprima.parseModule(out).body[0]
    assert [m.key.type for m in cls.body.body] == ["Identifier", "Identifier", "Identifier"]


def test_arrow_return_type_on_several_lines_keeps_paren_before_arrow():
    ts = "const f = (a): Promise<\n  T\n> => a;"
    assert js(ts) == "const f = (a           \n   \n) => a;"


def test_async_generic_arrow_with_line_break_moves_the_paren():
    ts = "const f = async <T,>\n(a: T) => a;"
    assert js(ts) == "const f = async (   \n a   ) => a;"


# --- non-erasable constructs -----------------------------------------------------------------


def test_enum_becomes_an_array_of_its_initializers():
    ts = "export const enum E { A = 1, 'b-c' = eval('x'), D }"
    out = blank(ts)
    assert out.text == "export var        E=[     1,         eval('x'),  ];"
    assert out.notes[0].kind == "rewritten"
    decl = esprima.parseModule(out.text).body[0].declaration.declarations[0]
    assert decl.id.name == "E" and decl.init.type == "ArrayExpression"
    assert js("enum E{ A }") == ";     [  ];"
    assert js("function g() { enum L { A = 1 } return L }") == "function g() { var  L=[     1 ];return L }"
    assert js("enum M {A}\n[0].map(f)") == "var  M=[];\n[0].map(f)"
    assert js("enum N {A=1}\nf()") == "var  N=[  1]\nf()"  # no room for `;`: ASI ends it


def test_namespace_becomes_a_block():
    ts = "namespace N.M {\n  export const a = setTimeout('x')\n  export type T = 1\n  export enum K { A }\n}"
    assert js(ts) == (
        "              {\n  "
        "       const a = setTimeout('x')\n  "
        ";                \n  "
        "       var  K=[  ];\n}"
    )
    assert js("export namespace O { }") == "                   { }"
    assert js("namespace TypesOnly { export interface I {} }") == "                    { ;                     }"


def test_import_equals_and_export_equals():
    assert js('import x = require("y");') == 'var    x = require("y");'
    assert js("export import A = N.B;") == "export var    A = N.B;"
    assert js("import type T = require('t');") == ";                            "
    assert js("export = foo;") == "void     foo;"
    out = js("let a = 1\nexport = { a, b: 2 };")
    assert out == "let a = 1\nvoid     { a, b: 2 };"
    assert esprima.parseModule(out).body[1].expression.argument.type == "ObjectExpression"


def test_legacy_type_assertion_in_ts():
    assert js("let a = <any>eval;") == "let a =      eval;"


def test_tsx_generics_and_jsx():
    ts = "const f = <T,>(x: T) => <Foo<string> a={x as any} b={y!}>{z}</Foo>;"
    assert js(ts, tsx=True) == "const f =     (x   ) => <Foo         a={x       } b={y }>{z}</Foo>;"


# --- decorators: blanked in the JS text, kept in a second same-length text ----------------


def test_decorators_are_kept_apart():
    ts = "@Component({ t: 1 as any })\nexport class A {\n  @Input() name: string\n  m(@Inject(X) x) {}\n}"
    out = blank(ts)
    assert out.text == (
        "                           \nexport class A {\n  ;        name        \n  m(           x) {}\n}"
    )
    assert out.decorators == (
        ";Component({ t: 1        })\n                \n  ;Input()             \n    ;Inject(X)      \n "
    )
    esprima.parseModule(out.text)
    esprima.parseModule(out.decorators)
    assert blank("let a = 1").decorators is None


# --- positions: CRLF, non-ASCII, astral characters --------------------------------------------


def test_non_ascii_and_crlf_keep_code_point_offsets():
    # (tree-sitter, unlike JavaScript, does not end a line at a lone CR or at U+2028.)
    ts = "const é: 'ü' = '😀' /*\u2028*/\r\nlet b: Array<'😀'> = [é]\neval(b as any)"
    out = js(ts)
    assert out == "const é      = '😀' /*\u2028*/\r\nlet b             = [é]\neval(b       )"
    assert out.index("eval") == ts.index("eval")


def test_lone_cr_line_ends():
    assert js("let a = 1\rlet b: number = 2\r(c as T)\r") == "let a = 1\rlet b         = 2\r(c     )\r"


def test_a_semicolon_never_takes_a_line_separators_place():
    # tree-sitter reads U+2028 as a blank, so `x\u2028 as T` is one cast whose `;` went where
    # the separator was, and every later line moved up one (found by the token soup below)
    assert js("a = x\u2028 as T\nb") == "a = x\u2028;    \nb"
    assert js("x\u2028 as let ") == "x\u2028;       "


def test_byte_to_char():
    text = "aé😀b\u2028c"
    b2c = ByteToChar(text)
    encoded = text.encode()
    for i, ch in enumerate(text):
        assert b2c(len(text[:i].encode())) == i
    assert b2c(len(encoded)) == len(text)


# --- string declarations --------------------------------------------------------------------


def test_string_decls():
    ts = (
        "function later(code: string, n: number, o?: 'a' | `b${string}`) { setTimeout(code, 10) }\n"
        "function name(): string { return '' }\n"
        "function num(): number | string { return 1 }\n"
        "const s: (string) = '', t: String = '', f = (): string => '';\n"
        "class C { field: string = ''; other = '' }\n"
        "interface I { notABinding: string }\n"
    )
    out = blank(ts)
    assert sorted(ts[o:o + 5] for o in out.string_decls) == ["code:", "field", "o?: '", "s: (s"]
    assert sorted(ts[o:o + 5] for o in out.string_returns) == ["name("]


def test_string_casts_are_the_ranges_javascript_sees():
    ts = "f(x.y as string); g((y as unknown as string)!); h(<string>z()); k(w satisfies 'a'); m(v as number)"
    assert sorted(ts[a:e] for a, e in blank(ts).string_casts) == ["w", "x.y", "y", "z()"]


# --- syntax errors: a note with a position, never an exception ------------------------------


@pytest.mark.parametrize(
    "ts, offset",
    [
        ("let a = ;\nlet b: = 2", 6),
        ("function (", 0),
        ("class { x: }", 8),
    ],
)
def test_syntax_errors_are_notes(ts, offset):
    out = blank(ts)
    assert out.error is not None and out.error.kind == "syntax-error"
    assert out.error.offset == offset
    assert len(out.text) == len(ts)


@pytest.mark.parametrize("junk", ["", "\x00\x01\x02", "\ud800 lone surrogate", "}" * 50, "<" * 2000, "(" * 5000])
def test_junk_never_raises(junk):
    out = blank(junk)
    assert len(out.text) == len(junk)


def test_type_only_errors_are_not_syntax_errors():
    # tree-sitter-typescript 0.23 cannot parse variance annotations, but they sit in a type.
    assert js("interface Box<out T> { v: T }\nconst x = 1") == ";                            \nconst x = 1"


# --- real code -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.ts*")), ids=lambda p: p.name)
def test_real_sources_blank_to_parseable_javascript(path):
    text = path.read_text(encoding="utf-8")
    out = js(text, tsx=path.suffix == ".tsx")
    rewritten = [(n.offset, n.end) for n in blank(text, path.suffix == ".tsx").notes]
    # every identifier the JS keeps is exactly where the TS had it (`var` replaces `enum`)
    for m in re.finditer(r"[A-Za-z_$][\w$]*", out):
        if not any(start <= m.start() < end for start, end in rewritten):
            assert text[m.start():m.end()] == m.group()


# --- property: any mix of these statements, joined any way, still parses as JavaScript ------

_STATEMENTS = [
    "let a: number = 1",
    "interface I { x: string }",
    "type T = A | B",
    "(c as any)",
    "[d!]",
    "x = y as T",
    "f(`t${u satisfies V}`)",
    "declare const z: number",
    "enum E { A = 1, B }",
    "namespace N { export const q = 1 }",
    "class K<T> implements J { private a?: T; [k: string]: any; m(): void; m() {} }",
    "function f(a: string): void",
    "function f(a) { return a }",
    "+e",
    "import type { Q } from 'q'",
    "export type { R }",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_STATEMENTS), st.sampled_from(["\n", ";\n", "\r\n", "\n\n"])), max_size=8))
def test_statement_mixes_stay_javascript(parts):
    js("".join(stmt + sep for stmt, sep in parts))


def _walked_and_found(src: str, tsx: bool = False):
    """What the full walk and the query-driven pass each decided (None when the tree has a
    MISSING node: the query pass declines it and blank() walks)."""
    _, data, tree = erase._repair_call_signatures(src, tsx)
    walked, found = erase._Eraser(data), erase._Eraser(data)
    if not found.run_found(tree.root_node, erase.find(tree.root_node, tsx)):
        return None
    walked.run(tree.root_node)
    return [(sorted(e.blanks), e.puts, [d.start_byte for d in e.decorators], sorted(e.notes))
            for e in (walked, found)]


_TRICKY = [
    "export namespace A { export namespace B { export enum E { X = f() } } export const c = 1 }",
    "declare namespace D { enum E { A } const x: string }\nexport enum F{A}",
    "abstract class K<T> extends B<T> implements I { private readonly a?: T; declare b: number;\n"
    " abstract c(): void; override d!: T; constructor(public e: T, readonly f = 1) { super() }\n"
    " @dec() g?() {} [k: string]: any }",
    "let a = b as T\n(c)\nd = e satisfies F\n[g]\nh = (i as J)(k)\nl = m<N>\n(o)",
    "const p = async <T,>\n(q: T): Promise<\n T\n> => q!\nfunction r(this: Window, s?: string) {}",
    "import t = require('t')\nimport U = V.W\nexport = x\nimport type { Y } from 'y'\nexport type { Z }",
    "for (const k of (ks as string[])!) { type Local = 1; interface I {} }",
    # errors: in a type (no note), in code (a note), one inside the other
    "interface Box<out T> { v: T }\nconst x = 1",
    "let a = ;\nlet b: = 2",
    "class { x: } let c: Box<in T> = d as @",
]


@pytest.mark.parametrize("src", _TRICKY)
def test_the_query_pass_acts_where_the_walk_does(src):
    walked, found = _walked_and_found(src)
    assert found == walked


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.ts*")), ids=lambda p: p.name)
def test_the_query_pass_acts_where_the_walk_does_on_real_code(path):
    walked, found = _walked_and_found(path.read_text(encoding="utf-8"), tsx=path.suffix == ".tsx")
    assert found == walked


def test_a_node_comes_before_its_descendant_of_the_same_range():
    # `@d` where no decorator may stand: an ERROR node with the decorator as its only child
    tree = erase.parse("x;\n@d y", tsx=True)[1]
    error = next(c for c in tree.root_node.children if c.type == "ERROR")
    decorator = error.children[0]
    assert (decorator.type, decorator.start_byte, decorator.end_byte) == ("decorator", error.start_byte, error.end_byte)
    order = erase._preorder([[decorator, {"node"}], [error, {"node"}]])
    assert [f[0].type for f in order] == ["ERROR", "decorator"]
    walked, found = _walked_and_found("x;\n@d y", tsx=True)
    assert found == walked and found[2] == []  # the decorator of an ERROR is not linted


def test_a_tree_with_a_missing_token_is_walked():
    assert _walked_and_found("if (a) {") is None
    assert (blank("if (a) {").error.offset, blank("if (a) {").error.message) == (8, "missing `}`")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_STATEMENTS), st.sampled_from(["\n", ";\n", "\r\n", "\n\n"])), max_size=8))
def test_statement_mixes_act_the_same_both_ways(parts):
    both = _walked_and_found("".join(stmt + sep for stmt, sep in parts))
    assume(both is not None)
    assert both[1] == both[0]


_TOKENS = st.sampled_from([
    "let ", "x", ": ", "string", " as ", "T", "<", ">", "(", ")", "{", "}", "[", "]", ";", ",", "=", "=>",
    "!", "?", ".", "@d ", "enum ", "namespace ", "interface ", "type ", "declare ", "class ", "private ",
    "export ", "import ", "'é'", "`t${", "\n", "\r\n", " ", "😀", "/*", "*/", "//", "\u2028",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=40), st.booleans())
def test_any_token_soup_keeps_length_and_never_raises(tokens, tsx):
    src = "".join(tokens)
    out = blank(src, tsx)
    assert len(out.text) == len(src)
    assert [m.start() for m in _BREAKS.finditer(out.text)] == [m.start() for m in _BREAKS.finditer(src)]
    assert all(0 <= n.offset <= n.end <= len(src) for n in out.notes)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=40), st.booleans())
def test_any_token_soup_acts_the_same_both_ways(tokens, tsx):
    both = _walked_and_found("".join(tokens), tsx)
    assume(both is not None)
    assert both[1] == both[0]
