"""`minislint server` driven end to end by a real LSP client (pytest-lsp) over stdio, with the
capabilities VS Code and Neovim announce. Positions are checked in the units each one negotiates:
UTF-16 for VS Code, UTF-8 for Neovim (its first preference), never Python code points."""
from __future__ import annotations

import asyncio

import sys
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from minislint.engine import Engine

# The tests that start the server process are `integration` (CI runs them too).
server_test = lambda fn: pytest.mark.integration(pytest.mark.asyncio(fn))

def _client() -> LanguageClient:
    """pytest-lsp's client, accepting dynamic registrations as VS Code and Neovim do."""
    client = pytest_lsp.make_test_lsp_client()
    client.registrations = []

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def _register(ls, params: lsp.RegistrationParams):
        ls.registrations.extend(params.registrations)

    return client


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "minislint", "server"], client_factory=_client)
FAST = {"debounce": 0.05}   # the default 0.25 s only slows the suite down


async def _start(client: LanguageClient, editor: str, root: Path):
    await client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities(editor),
        root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="app")],
        initialization_options=FAST,
    ))


@pytest_lsp.fixture(config=SERVER)
async def vscode(lsp_client: LanguageClient, tmp_path):
    await _start(lsp_client, "visual-studio-code", tmp_path)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def neovim(lsp_client: LanguageClient, tmp_path):
    await _start(lsp_client, "neovim", tmp_path)
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, path: Path, text: str, language="javascript", write=True):
    if write:
        path.write_text(text, encoding="utf-8", newline="")
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


def _by_code(diagnostics, code):
    return [d for d in diagnostics if d.code == code]


@server_test
async def test_open_reports_rule_severity_docs_and_utf16_columns(vscode, tmp_path):
    lsp_client = vscode
    # "😀" is one code point (minislint column) but two UTF-16 units (VS Code's column).
    text = 'const face = "😀😀";\n    eval(face);\n'
    uri = await _open(lsp_client, tmp_path / "app.js", text)
    (d,) = lsp_client.diagnostics[uri]
    assert d.code == "no-eval" and d.source == "minislint"
    assert d.severity == lsp.DiagnosticSeverity.Error
    assert d.range == lsp.Range(lsp.Position(1, 4), lsp.Position(1, 8))
    docs = Path(url2pathname(urlparse(d.code_description.href).path))
    assert docs.read_text(encoding="utf-8").startswith("# no-eval (error)")
    assert "## Use instead" in docs.read_text(encoding="utf-8")

    text = 'const face = "😀😀"; eval(face);\n'
    lsp_client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [lsp.TextDocumentContentChangeWholeDocument(text=text)]))
    await lsp_client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    (d,) = lsp_client.diagnostics[uri]
    # code points: `eval` starts at index 19; UTF-16 adds one unit per emoji.
    assert text.index("eval") == 19
    assert d.range.start == lsp.Position(0, 21) and d.range.end == lsp.Position(0, 25)


@server_test
async def test_neovim_negotiates_utf8_and_gets_byte_columns(neovim, tmp_path):
    lsp_client = neovim
    text = 'const s = "中文"; eval(s);\n'
    uri = await _open(lsp_client, tmp_path / "app.js", text)
    (d,) = _by_code(lsp_client.diagnostics[uri], "no-eval")
    # "中文" is 2 code points, 6 UTF-8 bytes: eval starts at code point 16, byte 20.
    assert text.index("eval") == 16
    assert d.range.start == lsp.Position(0, 20) and d.range.end == lsp.Position(0, 24)


@server_test
async def test_u2028_is_not_a_line_break_for_lsp(vscode, tmp_path):
    lsp_client = vscode
    # minislint (like ESLint) counts U+2028 as a line break: it reports `eval` at line 2 column 6;
    # LSP clients do not, so the diagnostic must sit on line 0 where the editor shows it.
    # (In a comment: esprima2 rejects U+2028 inside string literals.)
    text = 'var a = 1; /* x\u2028y */ eval(a);\r\nsetTimeout("tick()", 5);\r\n'
    uri = await _open(lsp_client, tmp_path / "app.js", text)
    diagnostics = lsp_client.diagnostics[uri]
    (ev,) = _by_code(diagnostics, "no-eval")
    (timer,) = _by_code(diagnostics, "no-string-timer")
    assert ev.range.start == lsp.Position(0, text.index("eval"))
    assert timer.range.start == lsp.Position(1, len("setTimeout("))


@server_test
async def test_change_is_debounced_to_the_latest_text_and_save_relints(vscode, tmp_path):
    lsp_client = vscode
    uri = await _open(lsp_client, tmp_path / "app.js", "eval(x);\n")
    assert [d.code for d in lsp_client.diagnostics[uri]] == ["no-eval"]
    for version, text in enumerate(["eval(x);\nev", "eval(x);\nevil", "const ok = 1;\n"], start=2):
        lsp_client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)]))
    await lsp_client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(lsp_client.diagnostics[uri]) == []

    lsp_client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=9),
        [lsp.TextDocumentContentChangeWholeDocument(text="new Function('a', 'b');\n")]))
    lsp_client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(uri=uri)))
    await lsp_client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.code for d in lsp_client.diagnostics[uri]] == ["no-function-constructor"]


@server_test
async def test_close_clears_the_buffers_diagnostics(vscode, tmp_path):
    lsp_client = vscode
    uri = await _open(lsp_client, tmp_path / "app.js", "eval(x);\n")
    assert len(lsp_client.diagnostics[uri]) == 1
    lsp_client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri=uri)))
    await lsp_client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(lsp_client.diagnostics[uri]) == []


def _apply(text: str, edit: lsp.TextEdit) -> str:
    assert edit.range.start == edit.range.end and edit.range.start.character == 0
    lines = text.splitlines(keepends=True)
    line = edit.range.start.line
    return "".join(lines[:line]) + edit.new_text + "".join(lines[line:])


@server_test
async def test_code_action_inserts_a_disable_comment_that_the_linter_honours(vscode, tmp_path):
    lsp_client = vscode
    text = "function run(code) {\r\n\tif (code) {\r\n\t\twindow.setTimeout(code + '', 10);\r\n\t}\r\n}\r\n"
    path = tmp_path / "timer.js"
    uri = await _open(lsp_client, path, text)
    (d,) = lsp_client.diagnostics[uri]
    assert d.code == "no-string-timer" and d.range.start.line == 2
    actions = await lsp_client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=d.range,
        context=lsp.CodeActionContext(diagnostics=[d])))
    (action,) = actions
    assert action.kind == lsp.CodeActionKind.QuickFix
    (edit,) = action.edit.changes[uri]
    # Same indentation and line ending as the flagged line, reason left for the user to write.
    assert edit.new_text == "\t\t// minislint-disable-next-line no-string-timer -- <reason>\r\n"
    fixed = _apply(text, edit)
    findings = Engine().lint_text(path, fixed)
    assert findings == []   # suppressed, and the suppression is used (no unused-suppression)


@server_test
async def test_untitled_buffer_is_linted_by_its_language_id(vscode, tmp_path):
    lsp_client = vscode
    uri = "untitled:Untitled-1"
    lsp_client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="javascript", version=1, text="(0, eval)('1');\n")))
    await lsp_client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    (d,) = lsp_client.diagnostics[uri]
    assert d.code == "no-eval" and d.range.start == lsp.Position(0, 4)


@server_test
async def test_project_settings_apply_and_a_broken_settings_file_is_one_message(vscode, tmp_path):
    lsp_client = vscode
    (tmp_path / ".minislint.toml").write_text('[severity]\nno-eval = "warning"\n')
    uri = await _open(lsp_client, tmp_path / "app.js", "eval(x);\n")
    (d,) = lsp_client.diagnostics[uri]
    assert d.severity == lsp.DiagnosticSeverity.Warning

    (tmp_path / ".minislint.toml").write_text('selcet = ["no-eval"]\n')
    lsp_client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(uri=uri)))
    await lsp_client.wait_for_notification(lsp.WINDOW_SHOW_MESSAGE)
    (message,) = lsp_client.messages
    assert message.type == lsp.MessageType.Error and "selcet" in message.message
    # The server is still alive and answers. The save's own (empty) diagnostics for app.js may
    # arrive first: wait for the new buffer's, however many notifications come before them.
    other = await _open(lsp_client, tmp_path / "sub.mjs", "export const f = () => 1;\n")
    for _ in range(5):
        if other in lsp_client.diagnostics:
            break
        await asyncio.wait_for(lsp_client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    assert list(lsp_client.diagnostics[other]) == []


# -- the quick fix in every language's comment syntax (no server process needed) ------------------
HTML = ('<!doctype html>\n<html><head><title>x</title></head>\n<body>\n'
        '  <iframe src="https://ads.example.com"></iframe>\n  <script>\n    eval(x);\n  </script>\n</body></html>\n')
VUE = ('<template>\n  <div>\n    <iframe src="/x"></iframe>\n  </div>\n</template>\n<script setup>\n'
       'const y = eval("1");\n</script>\n<style>\n@import url(https://evil.example.com/x.css);\n</style>\n')
JSX = 'export function A() {\n  return (\n    <div>\n      <iframe src="/embed" />\n    </div>\n  );\n}\n'
CSS = '@import "https://evil.example.com/a.css";\nbody { color: red; }\n'


@pytest.mark.parametrize("name, text, rule, line, comment", [
    ("index.html", HTML, "no-iframe", 4, "  <!-- minislint-disable-next-line no-iframe -- <reason> -->"),
    ("index.html", HTML, "no-eval", 6, "    // minislint-disable-next-line no-eval -- <reason>"),
    ("App.vue", VUE, "no-iframe", 3, "    <!-- minislint-disable-next-line no-iframe -- <reason> -->"),
    ("App.vue", VUE, "no-eval", 7, "// minislint-disable-next-line no-eval -- <reason>"),
    ("App.vue", VUE, "no-foreign-stylesheet", 10,
     "/* minislint-disable-next-line no-foreign-stylesheet -- <reason> */"),
    # a JSX child: `//` would render as text, so the comment goes in a JSX expression
    ("Embed.jsx", JSX, "no-iframe", 4, "      {/* minislint-disable-next-line no-iframe -- <reason> */}"),
    ("theme.css", CSS, "no-foreign-stylesheet", 1,
     "/* minislint-disable-next-line no-foreign-stylesheet -- <reason> */"),
])
def test_quick_fix_comment_syntax_follows_the_language_at_that_line(tmp_path, name, text, rule, line, comment):
    from minislint.server import Positions, suppression_edit

    (tmp_path / "minis.config.json").write_text('{"domain": {"trustedDomains": ["https://api.example.com"]}}')
    path = tmp_path / name
    before = Engine().lint_text(path, text)
    (f,) = [f for f in before if f.rule == rule]
    assert f.line == line
    positions = Positions(text)
    diagnostic = lsp.Diagnostic(range=positions.lsp_range(f.line, f.column, f.end_line, f.end_column),
                                message=f.message, code=f.rule, source="minislint")
    edit = suppression_edit(path, text, diagnostic, positions)
    assert edit.new_text == comment + "\n"
    after = Engine().lint_text(path, _apply(text, edit))
    # this finding is gone, the others stay, nothing new (no syntax error, no unused suppression)
    key = lambda g: (g.rule, g.message)
    assert sorted(map(key, after)) == sorted(map(key, [g for g in before if g is not f]))


def test_positions_convert_each_way_of_counting():
    from minislint.server import Positions

    text = "a\u2028b = '😀é'; x\r\nlast"
    # minislint: line 2 starts after U+2028 and `x` is its column 11; for LSP it is all line 0,
    # after 12 code points = 13 UTF-16 units (😀 is 2) = 18 UTF-8 bytes (U+2028 3, 😀 4, é 2).
    assert text.index("x") == 12
    for encoding, character in (("utf-16", 13), ("utf-8", 18), ("utf-32", 12)):
        pos = Positions(text, encoding)
        assert pos.lsp_range(2, 11, 2, 12) == lsp.Range(lsp.Position(0, character), lsp.Position(0, character + 1))
    end = Positions(text).lsp_range(3, 1, 3, 5)
    assert end == lsp.Range(lsp.Position(1, 0), lsp.Position(1, 4))


@server_test
async def test_a_changed_minis_config_relints_open_buffers(vscode, tmp_path):
    lsp_client = vscode
    config = tmp_path / "minis.config.json"
    config.write_text('{"domain": {"trustedDomains": ["https://api.example.com"]}}', encoding="utf-8")
    uri = await _open(lsp_client, tmp_path / "feed.js", 'fetch("https://cdn.example.com/list.json");\n')
    assert [d.code for d in lsp_client.diagnostics[uri]] == ["untrusted-domain"]
    (watch,) = [r for r in lsp_client.registrations if r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert "**/minis.config.json" in [w["globPattern"] for w in watch.register_options["watchers"]]
    config.write_text('{"domain": {"trustedDomains": ["https://api.example.com", "https://cdn.example.com"]}}',
                      encoding="utf-8")
    lsp_client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        [lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)]))
    await lsp_client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(lsp_client.diagnostics[uri]) == []


async def _actions(client: LanguageClient, uri: str, diagnostic, only=None):
    """The code actions for one diagnostic (or, with `only`, for the whole buffer)."""
    where = diagnostic.range if diagnostic else lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
    return await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=where,
        context=lsp.CodeActionContext(diagnostics=[diagnostic] if diagnostic else [], only=only)))


@server_test
async def test_code_actions_offer_the_fix_then_the_suppression(vscode, tmp_path):
    lsp_client = vscode
    # "😀" is two UTF-16 units: the edit's columns are VS Code's, not code points
    text = 'const s = "😀";\r\nfunction f(tick) { setTimeout("tick()", 5); }\r\nsetTimeout("go()", 1);\r\n'
    path = tmp_path / "timer.js"
    uri = await _open(lsp_client, path, text)
    unsafe, safe = sorted(_by_code(lsp_client.diagnostics[uri], "no-string-timer"), key=lambda d: d.range.start.line)
    actions = await _actions(lsp_client, uri, safe)
    fix, disable = actions
    assert (fix.title, fix.kind, fix.is_preferred) == ("Pass the code as a function", lsp.CodeActionKind.QuickFix, True)
    assert list(fix.edit.changes[uri]) == [lsp.TextEdit(lsp.Range(lsp.Position(2, 11), lsp.Position(2, 17)),
                                                  "() => { go(); }")]
    assert disable.title.startswith("Disable no-string-timer")
    actions = await _actions(lsp_client, uri, unsafe)
    assert actions[0].title == "Pass the code as a function (unsafe: review the change)"
    assert not actions[0].is_preferred

    # fix-all, as VS Code asks on save with "source.fixAll": the safe fixes only
    actions = await _actions(lsp_client, uri, None, only=[lsp.CodeActionKind.SourceFixAll])
    (fix_all,) = actions
    assert fix_all.kind == "source.fixAll.minislint"
    (edit,) = fix_all.edit.changes[uri]
    assert edit.new_text == text.replace('"go()"', "() => { go(); }")

    # edited since the diagnostics: the stale fix is not offered
    lsp_client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [lsp.TextDocumentContentChangeWholeDocument(text="\n" + text)]))
    actions = await _actions(lsp_client, uri, safe)
    assert [a.title for a in actions] == [disable.title]


@server_test
async def test_unused_suppression_has_its_fix_but_no_disable_comment(vscode, tmp_path):
    lsp_client = vscode
    text = "// minislint-disable-next-line no-eval\nrun();\n"
    uri = await _open(lsp_client, tmp_path / "a.js", text)
    (d,) = lsp_client.diagnostics[uri]
    actions = await _actions(lsp_client, uri, d)
    (action,) = actions
    assert action.title == "Remove the unused directive"
    assert list(action.edit.changes[uri]) == [lsp.TextEdit(lsp.Range(lsp.Position(0, 0), lsp.Position(1, 0)), "")]
