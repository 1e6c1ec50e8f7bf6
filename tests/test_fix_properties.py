"""Property: for generated files, every fix applied alone leaves a file that still parses and keeps
every other finding in place (its rule and message; lines may move by what the fix removed)."""
import os
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minislint.config import Settings
from minislint.engine import Engine
from minislint.fixes import Edit, Fix, apply_edits

ENGINE = Engine(Settings())
PROPS = settings(max_examples=int(os.environ.get("MINISLINT_FUZZ_EXAMPLES", "60")), deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

NAMES = st.sampled_from(["tick", "go", "count", "this.x", "arguments", "window.run"])
CODE = st.one_of(
    st.builds(lambda n, a: f"{n}({a})", NAMES, st.sampled_from(["", "1", "'a'"])),
    st.builds(lambda n: f"{n} = 1", NAMES),
    st.builds(lambda n: f"var {n.split('.')[-1]} = 2", NAMES),
    st.sampled_from(["a(); b()", "a() // trailing", "if (x) { y() }", "tick(", "", "/* c */ go()"]),
)


def _js_string(code: str, quote: str) -> str:
    return quote + code.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


STATEMENT = st.one_of(
    st.builds(lambda t, c, q: f"{t}({_js_string(c, q)}, 10);",
              st.sampled_from(["setTimeout", "setInterval", "window.setTimeout"]), CODE, st.sampled_from(['"', "'"])),
    st.builds(lambda n: f'const v{abs(hash(n)) % 97} = eval("(" + {n.split(".")[-1]} + ")");', NAMES),
    st.sampled_from([
        "// minislint-disable-next-line no-eval -- old",
        "run(); // minislint-disable-line no-eval, no-string-timer",
        "eval(code); // minislint-disable-line no-eval, no-iframe",
        "/* minislint-disable-line no-evl */ start();",
        "eruda.init();",
        "new VConsole();",
        "var vc = new VConsole();",
        "function tick() {}",
        "function outer(tick) { setTimeout('tick()', 1); }",
        'fetch("https://api.example.com/v1");',
    ]),
)
JS = st.lists(STATEMENT, min_size=1, max_size=8).map(lambda lines: "\n".join(lines) + "\n")
HTML_HEAD = st.lists(st.sampled_from([
    '<script src="/vendor.js"></script>',
    '<script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>',
    '<script src="https://connect.tiktok-minis.com/libs/eruda.js"></script>',
    "<script>eruda.init();</script>",
    "<title>x</title>",
    "<!-- minislint-disable-next-line no-iframe -->",
]), max_size=6)


def _html(head, body_js):
    return ("<!doctype html>\n<html>\n<head>\n" + "".join(f"  {h}\n" for h in head) +
            "</head>\n<body>\n<script>\n" + body_js + "</script>\n</body>\n</html>\n")


# Its message names the script that runs before the SDK, so removing a script (the debug console)
# may change that message or settle the finding: the only finding another fix may touch.
SCRIPT_ORDER = "sdk-first-script"


def _key(f):
    return (f.rule,) if f.rule == SCRIPT_ORDER else (f.rule, f.message)


def _check(folder: Path, name: str, text: str):
    path = folder / name
    before = ENGINE.lint_text(path, text)
    broken = sum(1 for f in before if f.rule == "syntax-error")
    for finding in before:
        if finding.fix is None or any(e.path for e in finding.fix.edits):
            continue
        after_text, applied = apply_edits(text, [Fix("", tuple(Edit(e.start, e.end, e.text) for e in finding.fix.edits))])
        assert applied
        after = ENGINE.lint_text(path, after_text)
        assert sum(1 for f in after if f.rule == "syntax-error") <= broken, (finding, after_text)
        gone = Counter(map(_key, before)) - Counter(map(_key, after))
        new = Counter(map(_key, after)) - Counter(map(_key, before))
        assert _key(finding) in gone, (finding, after_text)
        assert not new, (finding, after_text, new)
        # besides the finding fixed, only what the same edit also repairs may go: the console's
        # init script removed with its <script src>, or the script order it was part of
        others = gone - Counter([_key(finding)])
        assert all(k[0] in (finding.rule, SCRIPT_ORDER) for k in others), (finding, after_text, others)


@PROPS
@given(JS)
def test_each_js_fix_keeps_the_file_parsing_and_the_other_findings(tmp_path_factory, code):
    _check(tmp_path_factory.mktemp("p"), "app.js", code)


@PROPS
@given(HTML_HEAD, JS)
def test_each_html_fix_keeps_the_file_parsing_and_the_other_findings(tmp_path_factory, head, code):
    _check(tmp_path_factory.mktemp("p"), "index.html", _html(head, code))
