"""minislint-disable comments: next-line, same line, ranges, reasons, and unused ones reported."""
from ruletester import triples

S = "unused-suppression"


def test_disable_next_line_with_reason():
    code = "// minislint-disable-next-line no-eval -- legacy loader\neval(x)\neval(y)"
    assert triples(code) == [("no-eval", 3, 1)]


def test_disable_line_block_comment():
    assert triples("eval(x) /* minislint-disable-line no-eval */") == []


def test_disable_all_rules_on_the_line():
    assert triples("eval(x); new Function('y') // minislint-disable-line") == []


def test_range_disable_and_enable():
    code = "/* minislint-disable no-eval */\neval(a)\neval(b)\n/* minislint-enable no-eval */\neval(c)"
    assert triples(code) == [("no-eval", 5, 1)]


def test_range_without_enable_runs_to_the_end():
    assert triples("eval(a)\n/* minislint-disable */\neval(b)\nnew Function('c')") == [("no-eval", 1, 1)]


def test_other_rule_is_not_suppressed():
    code = "// minislint-disable-next-line no-eval\nnew Function('x')"
    assert triples(code) == [(S, 1, 1), ("no-function-constructor", 2, 5)]


def test_unused_suppression_is_reported_where_it_stands():
    code = "const a = 1;\n  // minislint-disable-next-line no-eval\nrun(a)"
    assert triples(code) == [(S, 2, 3)]


def test_unknown_rule_in_suppression():
    from ruletester import lint

    found = lint("// minislint-disable-next-line no-evl\neval(x)")
    msgs = sorted((f.rule, f.message) for f in found)
    assert ("no-eval", msgs[0][1]) == msgs[0]
    assert any(f.rule == S and "unknown rule 'no-evl'" in f.message and "did you mean 'no-eval'" in f.message
               for f in found)


def test_unused_not_reported_for_rules_that_did_not_run():
    from ruletester import lint

    found = lint("// minislint-disable-next-line no-eval\nrun(x)", select=["no-string-timer", S])
    assert found == []


def test_text_inside_a_string_is_still_code():
    # A directive-looking string is not a comment start: `//` must open it.
    assert triples("const s = 'minislint-disable-line no-eval'; eval(s)") == [("no-eval", 1, 45)]
