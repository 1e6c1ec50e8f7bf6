"""Each fix: the input, the exact output, the finding gone and nothing new, idempotent."""
import pytest

from fixcases import check_fix

TIMER = [
    # (code, filename, expected with --fix, expected with --unsafe-fixes)
    ('setTimeout("tick()", 100);', "a.js",
     "setTimeout(() => { tick(); }, 100);", "setTimeout(() => { tick(); }, 100);"),
    ("window.setInterval('a(); b()', 5);", "a.js",
     "window.setInterval(() => { a(); b(); }, 5);", "window.setInterval(() => { a(); b(); }, 5);"),
    ('setTimeout("go" + "()", 1);', "a.js", "setTimeout(() => { go(); }, 1);", "setTimeout(() => { go(); }, 1);"),
    ('setTimeout("", 1);', "a.js", "setTimeout(() => {}, 1);", "setTimeout(() => {}, 1);"),
    # a top-level function of a classic script is the global the string would call
    ('function tick() {}\nsetTimeout("tick()", 1);', "a.js",
     'function tick() {}\nsetTimeout(() => { tick(); }, 1);', 'function tick() {}\nsetTimeout(() => { tick(); }, 1);'),
    # a trailing line comment would swallow the closing brace: the body gets its own lines
    ('setTimeout("a() // later", 1);', "a.js",
     'setTimeout(() => {\na() // later\n}, 1);', 'setTimeout(() => {\na() // later\n}, 1);'),
    # a parameter named like the global: the string meant the global, the arrow the parameter
    ('function f(tick) { setTimeout("tick()", 1); }', "a.js",
     'function f(tick) { setTimeout("tick()", 1); }', 'function f(tick) { setTimeout(() => { tick(); }, 1); }'),
    # an import is module-scoped: not the global the string would run
    ('import { tick } from "./t.js";\nsetTimeout("tick()", 1);', "a.js",
     'import { tick } from "./t.js";\nsetTimeout("tick()", 1);',
     'import { tick } from "./t.js";\nsetTimeout(() => { tick(); }, 1);'),
    # string code assigns / declares globals and sees the global `this`: unsafe
    ('setTimeout("count = 1", 1);', "a.js", 'setTimeout("count = 1", 1);', "setTimeout(() => { count = 1; }, 1);"),
    ('setTimeout("var n = 1", 1);', "a.js", 'setTimeout("var n = 1", 1);', "setTimeout(() => { var n = 1; }, 1);"),
    ('setTimeout("this.go()", 1);', "a.js", 'setTimeout("this.go()", 1);', "setTimeout(() => { this.go(); }, 1);"),
    # not statements, or not known: no fix at all
    ('setTimeout("tick(", 1);', "a.js", 'setTimeout("tick(", 1);', 'setTimeout("tick(", 1);'),
    ("setTimeout(`t(${x})`, 1);", "a.js", "setTimeout(`t(${x})`, 1);", "setTimeout(`t(${x})`, 1);"),
    # inline <script>, a Vue block and TypeScript: the edit lands at the file's offsets
    ('<!doctype html>\n<p>é</p>\n<script>\n  setTimeout("tick()", 100);\n</script>\n', "index.html",
     '<!doctype html>\n<p>é</p>\n<script>\n  setTimeout(() => { tick(); }, 100);\n</script>\n',
     '<!doctype html>\n<p>é</p>\n<script>\n  setTimeout(() => { tick(); }, 100);\n</script>\n'),
    ('<template><p>hi</p></template>\n<script setup>\nsetInterval("poll()", 9)\n</script>\n', "App.vue",
     '<template><p>hi</p></template>\n<script setup>\nsetInterval(() => { poll(); }, 9)\n</script>\n',
     '<template><p>hi</p></template>\n<script setup>\nsetInterval(() => { poll(); }, 9)\n</script>\n'),
    ('const n: number = 1;\nsetTimeout<void>("go()", n as number);\n', "a.ts",
     'const n: number = 1;\nsetTimeout<void>(() => { go(); }, n as number);\n',
     'const n: number = 1;\nsetTimeout<void>(() => { go(); }, n as number);\n'),
]


@pytest.mark.parametrize("code, filename, safe, unsafe", TIMER)
def test_no_string_timer_fix(code, filename, safe, unsafe):
    check_fix("no-string-timer", code, filename, safe)
    check_fix("no-string-timer", code, filename, unsafe, unsafe=True)


SUPPRESSION = [
    ("// minislint-disable-next-line no-eval -- legacy\nrun(code);\n", "a.js", "run(code);\n"),
    ("run(code);\r\n  // minislint-disable-next-line no-eval\r\nrun(x);\r\n", "a.js", "run(code);\r\nrun(x);\r\n"),
    ("eval(x); // minislint-disable-line no-eval, no-string-timer\n", "a.js",
     "eval(x); // minislint-disable-line no-eval\n"),
    ("eval(x); // minislint-disable-line no-string-timer no-eval\n", "a.js",
     "eval(x); // minislint-disable-line no-eval\n"),
    ("foo(); /* minislint-disable-line no-evl */\n", "a.js", "foo();\n"),
    ("/* minislint-disable no-eval */ bar();\n", "a.js", "bar();\n"),
    ("run(); // minislint-disable-line", "a.js", "run();"),
    # every rule of it unused: the directive goes, not only its rule ids (an empty list means all)
    ("run(); // minislint-disable-line no-eval, no-iframe\n", "a.js", "run();\n"),
    ('<!-- minislint-disable-next-line no-iframe -->\n<p>x</p>\n', "page.html", "<p>x</p>\n"),
    ('<script>\n  // minislint-disable-next-line no-eval\n  go();\n</script>\n', "page.html",
     "<script>\n  go();\n</script>\n"),
    # over several lines: left alone
    ("/* minislint-disable no-eval\n   legacy */\nrun();\n", "a.js", "/* minislint-disable no-eval\n   legacy */\nrun();\n"),
]


@pytest.mark.parametrize("code, filename, expected", SUPPRESSION)
def test_unused_suppression_fix(code, filename, expected):
    check_fix("unused-suppression", code, filename, expected)
