"""authorize-on-entry: TTMinis.authorize as the app opens, or without a login fallback."""
import pytest

from ruletester import lint

R = "authorize-on-entry"
OK = '{ scope: "user.info.basic", fail: () => TTMinis.login({}) }'   # has a fallback
ENTRY = "as the app opens"
NOFALLBACK = "no fallback"


def found(code, filename="a.js"):
    out = []
    for f in sorted(lint(code, filename, select=[R]), key=lambda f: (f.line, f.column)):
        kind = ENTRY if ENTRY in f.message else NOFALLBACK if NOFALLBACK in f.message else f.message
        out.append((f.line, f.column, kind))
    return out


INVALID = [
    # (code, filename, [(line, column, kind)])
    (f"TTMinis.authorize({OK});", "a.js", [(1, 1, ENTRY)]),
    (f"import x from './x';\nawait TTMinis.authorize({OK});", "main.js", [(2, 7, ENTRY)]),
    (f"if (ready) {{ try {{ window.TTMinis.authorize({OK}) }} finally {{}} }}", "a.js", [(1, 20, ENTRY)]),
    (f"(function () {{\n  TTMinis.authorize({OK});\n}})();", "a.js", [(2, 3, ENTRY)]),
    (f"!function () {{ TTMinis.authorize({OK}) }}();", "a.js", [(1, 16, ENTRY)]),
    (f"(async () => {{ await TTMinis.authorize({OK}) }})();", "a.js", [(1, 22, ENTRY)]),
    (f'window.addEventListener("load", () => TTMinis.authorize({OK}));', "a.js", [(1, 39, ENTRY)]),
    (f'document.addEventListener("DOMContentLoaded", function () {{ TTMinis.authorize({OK}) }});', "a.js",
     [(1, 61, ENTRY)]),
    (f"window.onload = () => {{ TTMinis.authorize({OK}) }};", "a.js", [(1, 25, ENTRY)]),
    (f'TTMinis.on("minis.launch", () => TTMinis.authorize({OK}));', "a.js", [(1, 34, ENTRY)]),
    (f"$(function () {{ TTMinis.authorize({OK}) }});", "a.js", [(1, 17, ENTRY)]),
    # the root component's first lifecycle
    (f"export default {{\n  mounted() {{\n    TTMinis.authorize({OK});\n  }},\n}};", "App.js", [(3, 5, ENTRY)]),
    (f"import {{ onMounted }} from 'vue';\nonMounted(() => TTMinis.authorize({OK}));", "App.js", [(2, 17, ENTRY)]),
    (f"export default function App() {{\n  useEffect(() => {{ TTMinis.authorize({OK}); }}, []);\n  return null;\n}}",
     "App.jsx", [(2, 21, ENTRY)]),
    (f"class App extends Component {{ componentDidMount() {{ TTMinis.authorize({OK}) }} }}", "App.jsx",
     [(1, 53, ENTRY)]),
    # no fallback to login
    ('btn.onclick = () => TTMinis.authorize({ scope: "user.info.basic", success: show });', "a.js",
     [(1, 21, NOFALLBACK)]),
    ('btn.onclick = () => TTMinis.authorize({ fail: (e) => console.warn(e) });', "a.js", [(1, 21, NOFALLBACK)]),
    ('function f() { TTMinis.authorize() }', "a.js", [(1, 16, NOFALLBACK)]),
    ('async function f() {\n  try { await TTMinis.authorize({}) } catch (e) { toast(e) }\n}', "a.js",
     [(2, 15, NOFALLBACK)]),
    ('function f() { TTMinis.authorize({}).catch(() => toast()) }', "a.js", [(1, 16, NOFALLBACK)]),
    # both
    ('TTMinis.authorize({ scope: "user.info.basic" });', "a.js", [(1, 1, ENTRY), (1, 1, NOFALLBACK)]),
    # CRLF and a BOM
    ('\ufeff// 授权\r\nwindow.addEventListener("load", () => {\r\n  TTMinis.authorize({ fail() { TTMinis.login() } });\r\n});',
     "a.js", [(3, 3, ENTRY)]),
]

VALID = [
    # inside a handler the user triggers, with a fallback in every accepted form
    (f"btn.onclick = () => TTMinis.authorize({OK});", "a.js"),
    ('function profile() { TTMinis.authorize({ fail() { TTMinis.login({ success }) } }) }', "a.js"),
    ('function profile() { TTMinis.authorize({ fail: TTMinis.login }) }', "a.js"),
    ('function profile() { TTMinis.authorize({ complete: () => silentLogin() }) }', "a.js"),
    ('function relogin() { TTMinis.login({}) }\nfunction profile() { TTMinis.authorize({ fail: relogin }) }', "a.js"),
    ('const fallback = () => { track(); TTMinis.login({}) };\n'
     'function profile() { TTMinis.authorize({ fail: () => { fallback() } }) }', "a.js"),
    ('async function profile() { try { await TTMinis.authorize({}) } catch { await doLogin() } }', "a.js"),
    ('function profile() { TTMinis.authorize({}).catch(() => TTMinis.login()) }', "a.js"),
    ('function profile() { TTMinis.authorize({}).then(show, () => TTMinis.login()) }', "a.js"),
    # options that are not a literal: not judged
    ('function profile(opts) { TTMinis.authorize(opts) }', "a.js"),
    ('function profile() { TTMinis.authorize({ ...defaults, scope: "x" }) }', "a.js"),
    # a mounted hook outside the root component, a useEffect that re-runs
    (f"export default {{ mounted() {{ TTMinis.authorize({OK}) }} }};", "Leaderboard.js"),
    (f"function App() {{ useEffect(() => {{ TTMinis.authorize({OK}) }}, [tab]) }}", "App.jsx"),
    # a click listener, a later event
    (f'button.addEventListener("click", () => TTMinis.authorize({OK}));', "a.js"),
    (f'window.addEventListener("message", () => TTMinis.authorize({OK}));', "a.js"),
    # look-alikes
    ('auth.authorize({ scope: "x" });', "a.js"),
    ('function f(TTMinis) { TTMinis.authorize({}) }', "a.js"),
    ('const doc = "TTMinis.authorize()";', "a.js"),
]


@pytest.mark.parametrize("code,filename,expected", INVALID)
def test_invalid(code, filename, expected):
    assert found(code, filename) == expected


@pytest.mark.parametrize("code,filename", VALID)
def test_valid(code, filename):
    assert found(code, filename) == []


def test_messages():
    fs = lint('TTMinis.authorize({ scope: "user.info.basic" });', "a.js", select=[R])
    assert sorted(f.message for f in fs) == [
        "TTMinis.authorize has no fallback to TTMinis.login when it fails: a user who refuses the "
        "authorization screen is left without an OpenID",
        "TTMinis.authorize runs at the top level, as the app opens: a user who refuses loses the OpenID; "
        "call it when the feature that needs the profile is used",
    ]
    assert all(f.severity == "warning" for f in fs)


VUE_SETUP = """<script setup>
import { onMounted } from "vue";
TTMinis.authorize({ scope: "user.info.basic", fail: () => TTMinis.login({}) });
onMounted(() => TTMinis.authorize({ scope: "user.info.basic", fail: () => TTMinis.login({}) }));
</script>
<template><button @click="rank">Rank</button></template>
"""


def test_vue_script_setup_runs_when_its_component_is_created():
    # Leaderboard.vue's setup runs when the leaderboard opens: the documented right moment
    assert found(VUE_SETUP, "Leaderboard.vue") == []
    # App.vue's setup and mount run as the app opens
    assert found(VUE_SETUP, "App.vue") == [(3, 1, ENTRY), (4, 17, ENTRY)]
    # a plain <script> runs when the module is imported
    plain = VUE_SETUP.replace("<script setup>", "<script>")
    assert found(plain, "Leaderboard.vue") == [(3, 1, ENTRY)]
