"""Each fix: the input, the exact output, the finding gone and nothing new, idempotent."""
from pathlib import Path

import pytest

from fixcases import check_fix, check_suggestion
from minislint.config import Settings
from minislint.engine import Engine

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
    # an event handler attribute: the arrow stands in the attribute as it is...
    ("<button onclick=\"setTimeout('go()', 1)\">a</button>\n", "page.html",
     '<button onclick="setTimeout(() => { go(); }, 1)">a</button>\n', '<button onclick="setTimeout(() => { go(); }, 1)">a</button>\n'),
    # ...unless it would need escaping there, or the attribute's text is not the code (entities)
    ("<button onclick=\"setTimeout('a(\\x22b\\x22)', 1)\">a</button>\n", "page.html",
     "<button onclick=\"setTimeout('a(\\x22b\\x22)', 1)\">a</button>\n", "<button onclick=\"setTimeout('a(\\x22b\\x22)', 1)\">a</button>\n"),
    ('<button onclick="setTimeout(&quot;go()&quot;, 1)">b</button>\n', "page.html",
     '<button onclick="setTimeout(&quot;go()&quot;, 1)">b</button>\n', '<button onclick="setTimeout(&quot;go()&quot;, 1)">b</button>\n'),
    # an inline script cannot hold `</script>` as code
    ('<script>setTimeout("w(\'<\\/script>\')", 1);</script>\n', "page.html",
     '<script>setTimeout("w(\'<\\/script>\')", 1);</script>\n', '<script>setTimeout("w(\'<\\/script>\')", 1);</script>\n'),
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


EVAL = [
    ('const a = eval("(" + text + ")");', "a.js", "const a = JSON.parse(text);"),
    ("const b = window.eval('( ' + load() + ' )');", "a.js", "const b = JSON.parse(load());"),
    ("const c = eval(`(${t})`);", "a.js", "const c = JSON.parse(t);"),
    ('const d = eval("(" + (a, b) + ")");', "a.js", "const d = JSON.parse((a, b));"),
]


@pytest.mark.parametrize("code, filename, expected", EVAL)
def test_no_eval_json_parse_suggestion(code, filename, expected):
    check_suggestion("no-eval", code, filename, expected)


@pytest.mark.parametrize("code", ['eval("(" + x);', "eval(text);", 'eval("(" + a + ")", 1);', "const run = eval;"])
def test_no_eval_without_the_json_idiom_has_no_fix(code):
    (f,) = Engine(Settings()).lint_text(Path("a.js"), code)
    assert f.rule == "no-eval" and f.fix is None


SDK = '<script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>'
SDK_FIRST = [
    (f'<html>\n<head>\n  <script src="/v.js"></script>\n  {SDK}\n  <script>TTMinis.init({{}});</script>\n</head>\n</html>\n',
     f'<html>\n<head>\n  {SDK}\n  <script>TTMinis.init({{}});</script>\n  <script src="/v.js"></script>\n</head>\n</html>\n'),
    # in <body>, and <head> has no script: to the end of <head>
    (f'<html>\r\n<head>\r\n  <title>x</title>\r\n</head>\r\n<body>\r\n  {SDK}\r\n</body>\r\n</html>\r\n',
     f'<html>\r\n<head>\r\n  <title>x</title>\r\n  {SDK}\r\n</head>\r\n<body>\r\n</body>\r\n</html>\r\n'),
    # on one line
    (f'<head><script>var a = 1;</script>{SDK}</head>', f'<head>{SDK}<script>var a = 1;</script></head>'),
    # the TTMinis.init script right after the SDK moves with it
    (f'<head>\n  <script src="/v.js"></script>\n  {SDK}\n  <script>\n    TTMinis.init({{}});\n  </script>\n</head>\n',
     f'<head>\n  {SDK}\n  <script>\n    TTMinis.init({{}});\n  </script>\n  <script src="/v.js"></script>\n</head>\n'),
    # no </head> to move it before: no fix
    (f'<p>x</p>{SDK}', f'<p>x</p>{SDK}'),
]


@pytest.mark.parametrize("code, expected", SDK_FIRST)
def test_sdk_first_script_fix(tmp_path, code, expected):
    check_fix("sdk-first-script", code, "index.html", expected, root=tmp_path)


def test_sdk_first_script_not_fixed_in_the_build_output(tmp_path):
    (tmp_path / "minis.config.json").write_text('{"build": {"htmlEntry": "index.html", "outputDir": "dist"}}')
    (tmp_path / "dist").mkdir()
    code = f'<head><script src="/v.js"></script>{SDK}</head>'
    found = Engine(Settings()).lint_text(tmp_path / "dist" / "index.html", code)
    assert [(f.rule, f.fix) for f in found if f.rule == "sdk-first-script"] == [("sdk-first-script", None)]


ERUDA = '<script src="https://connect.tiktok-minis.com/libs/eruda.js"></script>'
DEBUG = [
    (f"<head>\n  {ERUDA}\n  <script>eruda.init();</script>\n  <title>x</title>\n</head>\n",
     "<head>\n  <title>x</title>\n</head>\n"),
    (f"<head>\n  {ERUDA}\n  <script>\n    eruda.init();\n    start();\n  </script>\n</head>\n",
     "<head>\n  <script>\n    start();\n  </script>\n</head>\n"),
    ('<body>\n<script src="vconsole.min.js"></script>\n<script>var vConsole = new VConsole();</script>\n</body>\n',
     "<body>\n</body>\n"),
    ("import x from './x.js';\nnew VConsole();\nx();\n", "import x from './x.js';\nx();\n"),
    ("window.vc = new window.VConsole();\nrun();\n", "run();\n"),
    ("const vc = new VConsole();\nrun(); eruda.init();\n", "run();\n"),
    # `vc` is used later: removing its declaration would break that use
    ("const vc = new VConsole();\nvc.show();\n", "const vc = new VConsole();\nvc.show();\n"),
    ("if (debug) eruda.init();\n", "if (debug) eruda.init();\n"),
]


@pytest.mark.parametrize("code, expected", DEBUG)
def test_debug_console_fix(tmp_path, code, expected):
    name = "page.html" if code.startswith("<") else "main.js"
    check_fix("debug-console", code, name, expected, root=tmp_path)


def test_a_removed_line_under_a_next_line_directive_stays_as_a_blank_line(tmp_path):
    # found by the property test: deleting `eruda.init();` with its line break moved the directive
    # onto the eval below, which it then silenced
    code = '// minislint-disable-next-line no-eval -- old\neruda.init();\nconst v = eval("(" + t + ")");\n'
    # (--fix also removes the directive, unused before and after)
    check_fix("debug-console", code, "main.js", '\nconst v = eval("(" + t + ")");\n', root=tmp_path)
    from minislint.fixes import apply_edits
    (fix,) = [f.fix for f in Engine(Settings()).lint_text(tmp_path / "main.js", code) if f.rule == "debug-console"]
    assert apply_edits(code, [fix])[0] == '// minislint-disable-next-line no-eval -- old\n\nconst v = eval("(" + t + ")");\n'
