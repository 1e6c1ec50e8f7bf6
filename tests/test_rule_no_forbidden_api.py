"""no-forbidden-api, RuleTester style: any global path, never a local binding."""
from ruletester import lint, rule_tests

R = "no-forbidden-api"

INVALID = [
    ("navigator.clipboard.writeText(code)", "a.js", [(1, 1)]),
    ("await window.navigator.clipboard.readText()", "a.mjs", [(1, 7)]),
    ("globalThis['navigator']['clipboard'].write([])", "a.js", [(1, 1)]),
    ("const item = new ClipboardItem({});", "a.js", [(1, 18)]),
    ("new window.ClipboardItem({})", "a.js", [(1, 5)]),
    ("document.execCommand('copy')", "a.js", [(1, 1)]),
    ("window.document.execCommand(`Cut`, false)", "a.js", [(1, 1)]),
    ("navigator.geolocation.getCurrentPosition(ok)", "a.js", [(1, 1)]),
    ("navigator.vibrate(200)", "a.js", [(1, 1)]),
    ("navigator?.vibrate?.([100, 50])", "a.js", [(1, 1)]),
    ("const nav = navigator;\nnav.vibrate(10)", "a.js", [(2, 1)]),
    ("const { clipboard } = navigator;\nclipboard.writeText(x)", "a.js", [(1, 9)]),
    ("const { navigator: { geolocation: geo } } = window;", "a.js", [(1, 35)]),
    ("const c = navigator.clipboard;\nc.writeText(x); c.readText()", "a.js", [(1, 11)]),
    ("if ('vibrate' in navigator) navigator.vibrate(1)", "a.js", [(1, 29)]),
    ("<script>\r\n\tnavigator.clipboard.writeText('x')\r\n</script>", "a.html", [(2, 2)]),
    ('<button onclick="navigator.vibrate(50)">buzz</button>', "a.html", [(1, 18)]),
    ("<template><p/></template>\n<script setup>\nnavigator.geolocation.watchPosition(f)\n</script>",
     "a.vue", [(3, 1)]),
]

VALID = [
    ("function f(navigator) { navigator.clipboard.writeText(x) }", "a.js"),
    ("const navigator = fake(); navigator.vibrate(1)", "a.js"),
    ("import { clipboard } from 'electron'; clipboard.writeText(x)", "a.mjs"),
    ("const clipboard = useClipboard(); clipboard.copy(x)", "a.js"),
    ("document.execCommand('bold'); document.queryCommandSupported('copy')", "a.js"),
    ("navigator.userAgent; navigator.language; navigator.onLine", "a.js"),
    ("class ClipboardItemView {} new ClipboardItemView()", "a.js"),
    ("obj.navigator.clipboard.writeText(x)", "a.js"),
    ("const ClipboardItem = Polyfill; new ClipboardItem()", "a.js"),
    ("<p>Copy with navigator.clipboard</p>", "a.html"),
]


test_invalid, test_valid = rule_tests(R, INVALID, VALID)


def test_a_project_adds_apis_in_its_settings():
    code = "navigator.share({ url })"
    assert lint(code, "a.js", select=[R]) == []
    (f,) = lint(code, "a.js", select=[R], rule_options={R: {"extra_apis": ["window.navigator.share"]}})
    assert (f.line, f.column) == (1, 1) and "navigator.share" in f.message
    # the defaults stay when a project only adds
    found = lint("navigator.vibrate(1)", "a.js", select=[R], rule_options={R: {"extra_apis": ["x.y"]}})
    assert len(found) == 1


def test_docs_say_the_list_is_not_public():
    from minislint.rules.no_forbidden_api import NoForbiddenApi

    assert "not public" in NoForbiddenApi.docs
