"""`minislint server`: a Language Server over stdio (pygls), for any editor with an LSP client.

Diagnostics on open, on change (debounced) and on save; each carries the rule id as its code and
a link to the rule's documentation. Code actions: the finding's own fix when it has one (safe,
unsafe or a suggestion, carried in the diagnostic's `data`), a `minislint-disable-next-line`
comment in the comment syntax of the language at that line, and `source.fixAll.minislint`.

Positions: minislint counts columns in code points and also breaks lines at U+2028/U+2029 (as
ESLint does); LSP counts in UTF-16 units by default (UTF-8 or UTF-32 when negotiated, as Neovim
does) and breaks lines only at CR, LF and CRLF. `Positions` converts through file offsets.
"""
from __future__ import annotations

import asyncio
import atexit
import bisect
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from minislint import __version__, config
from minislint.apply_fixes import fix_text
from minislint.engine import Engine
from minislint.fixes import SAFE, UNSAFE, Fix, text_digest
from minislint.plugins import default_registry
from minislint.policy import Policy
from minislint.rule import explain_text
from minislint.source import SourceFile

DEBOUNCE_SECONDS = 0.25
SOURCE = "minislint"
# Untitled buffers have no path: their language id decides which file type they are linted as.
_EXT_BY_LANGUAGE_ID = {
    "javascript": ".js", "javascriptreact": ".jsx", "typescript": ".ts",
    "typescriptreact": ".tsx", "html": ".html", "css": ".css", "vue": ".vue", "json": ".json",
}
_LSP_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Rules a comment cannot (or should not) silence: a file that does not parse has no lines to trust.
_NO_QUICK_FIX = {"syntax-error", "internal-error", "unused-suppression"}
REASON_PLACEHOLDER = "<reason>"
FIX_ALL_KIND = lsp.CodeActionKind.SourceFixAll + ".minislint"
# Files whose change changes every buffer's findings: re-lint the open buffers when one changes.
SETTINGS_GLOBS = ("**/minis.config.json", "**/.minislint.toml", "**/pyproject.toml")


class Positions:
    """Converts minislint (line, column), 1-based code points, to LSP positions in the negotiated
    unit, through offsets into the buffer's text."""

    def __init__(self, text: str, encoding: str = lsp.PositionEncodingKind.Utf16):
        self.text = text
        self.encoding = encoding
        self._mini = SourceFile(Path("<buffer>"), "<buffer>", text)
        self._lsp_starts = [0] + [m.end() for m in _LSP_LINE_BREAK.finditer(text)]

    def offset(self, line: int, column: int) -> int:
        starts = self._mini.line_starts
        line = max(1, min(line, len(starts)))
        return max(0, min(starts[line - 1] + column - 1, len(self.text)))

    def _units(self, s: str) -> int:
        if self.encoding == lsp.PositionEncodingKind.Utf8:
            return len(s.encode("utf-8", "surrogatepass"))
        if self.encoding == lsp.PositionEncodingKind.Utf32:
            return len(s)
        return len(s.encode("utf-16-le", "surrogatepass")) // 2

    def lsp_line(self, offset: int) -> int:
        return bisect.bisect_right(self._lsp_starts, offset) - 1

    def lsp_position(self, offset: int) -> lsp.Position:
        line = self.lsp_line(offset)
        return lsp.Position(line, self._units(self.text[self._lsp_starts[line]:offset]))

    def lsp_range(self, line: int, column: int, end_line: int, end_column: int) -> lsp.Range:
        start = self.offset(line, column)
        end = max(start, self.offset(end_line, end_column))
        return lsp.Range(self.lsp_position(start), self.lsp_position(end))

    def line_start(self, lsp_line: int) -> int:
        return self._lsp_starts[max(0, min(lsp_line, len(self._lsp_starts) - 1))]

    def line_text(self, lsp_line: int) -> str:
        start = self.line_start(lsp_line)
        m = _LSP_LINE_BREAK.search(self.text, start)
        return self.text[start:m.start() if m else len(self.text)]


# -- the suppression comment ---------------------------------------------------------------------
def comment_language(path: Path, text: str, offset: int, registry=None) -> Optional[str]:
    """The fragment language ('js', 'css', 'html', 'json', ...) at `offset`: the smallest fragment
    of the file that contains it. None when the file type is unknown or cannot be split."""
    registry = registry or default_registry()
    language = registry.language_for(path)
    if language is None:
        return None
    try:
        fragments = language.split(SourceFile(path, path.name, text))
    except Exception:  # a file that does not split has no fragment to ask; fall back on the type
        return None
    best = None
    for frag in fragments:
        start = frag.file_offset(0)
        end = frag.file_offset(len(frag.text))
        if start <= offset <= end and (best is None or end - start < best[0]):
            best = (end - start, frag.language)
    return best[1] if best else None


def disable_comment(language: Optional[str], rule: str, line_text: str, previous_line: str) -> Optional[str]:
    """The `minislint-disable-next-line` comment for a line of this language, or None (JSON)."""
    body = f"minislint-disable-next-line {rule} -- {REASON_PLACEHOLDER}"
    if language == "json":
        return None
    if language == "css":
        return f"/* {body} */"
    if language in ("html", "vue", "template"):
        return f"<!-- {body} -->"
    # A JSX child element: `//` there would be rendered as text; a JSX expression holds a comment.
    prev = previous_line.rstrip()
    if line_text.lstrip().startswith("<") and prev.endswith(">") and not prev.endswith("=>"):
        return f"{{/* {body} */}}"
    return f"// {body}"


def suppression_edit(path: Path, text: str, diagnostic: lsp.Diagnostic, positions: Positions,
                     registry=None) -> Optional[lsp.TextEdit]:
    """A TextEdit inserting the disable comment above the diagnostic's line, same indentation."""
    line = diagnostic.range.start.line
    line_text = positions.line_text(line)
    indent = line_text[:len(line_text) - len(line_text.lstrip(" \t"))]
    insert_at = positions.line_start(line) + len(indent)
    language = comment_language(path, text, insert_at, registry)
    previous = ""
    for prev in range(line - 1, -1, -1):
        previous = positions.line_text(prev)
        if previous.strip():
            break
    comment = disable_comment(language, str(diagnostic.code), line_text, previous)
    if comment is None:
        return None
    newline = _newline_of(text)
    where = lsp.Position(line, 0)
    return lsp.TextEdit(lsp.Range(where, where), f"{indent}{comment}{newline}")


def _newline_of(text: str) -> str:
    m = _LSP_LINE_BREAK.search(text)
    return m.group(0) if m else "\n"


# -- rule documentation links --------------------------------------------------------------------
class RuleDocs:
    """`codeDescription.href` for a rule: the rule's own `url` when a plugin sets one, else a file
    URI to its `minislint explain` text, written once per server run (works offline, matches the
    installed version, covers third-party rule packs)."""

    def __init__(self, registry):
        self.registry = registry
        self._folder: Optional[Path] = None

    def href(self, rule_id: str) -> Optional[str]:
        rule = self.registry.rules.get(rule_id)
        if rule is None:
            return None
        url = getattr(rule, "url", None)
        if url:
            return url
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="minislint-docs-"))
            atexit.register(shutil.rmtree, self._folder, True)
        page = self._folder / f"{rule_id}.md"
        if not page.exists():
            page.write_text(explain_text(rule), encoding="utf-8")
        return from_fs_path(str(page))


# -- the server ----------------------------------------------------------------------------------
class MinislintServer(LanguageServer):
    def __init__(self):
        # Full sync: pygls applies incremental edits with str.splitlines(), which also breaks at
        # U+2028, form feeds and other characters LSP does not count, and would corrupt the buffer.
        super().__init__("minislint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.registry = default_registry()
        self.docs = RuleDocs(self.registry)
        self.debounce = DEBOUNCE_SECONDS
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._reported_config_errors: set = set()
        self.open_documents: set = set()
        # One lint at a time, in order, off the event loop.
        self._lint_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="minislint-lint")

    # The path a buffer is linted as: its file, or a name with the extension of its language.
    def path_for(self, uri: str, language_id: Optional[str] = None) -> Path:
        fs = to_fs_path(uri) if urlparse(uri).scheme == "file" else None
        if fs:
            return Path(fs)
        name = Path(unquote(urlparse(uri).path)).name or "untitled"
        ext = _EXT_BY_LANGUAGE_ID.get(language_id or "", "")
        return Path.cwd() / (name if ext and name.endswith(ext) else name + ext)

    def engine_for(self, path: Path) -> tuple[Optional[Engine], Optional[str]]:
        try:
            return Engine(config.load(path.parent, self.registry.rules), self.registry), None
        except config.ConfigError as err:
            return None, str(err)

    def diagnostics(self, uri: str, text: str, language_id: Optional[str],
                    encoding: str) -> tuple[list[lsp.Diagnostic], Optional[str]]:
        """Diagnostics for one snapshot of a buffer, and a settings problem to show, if any.
        Runs on the lint thread: it touches no server state but the docs folder."""
        path = self.path_for(uri, language_id)
        engine, problem = self.engine_for(path)
        if engine is None or not engine.wants(path):
            return [], problem
        positions = Positions(text, encoding)
        out = []
        # per-file-ignores as in a run (policy.py); a baseline is the gate's business, not the editor's
        for f in Policy(engine.settings).apply(engine.lint_text(path, text)):
            line, col, end_line, end_col = f.line, f.column, f.end_line, f.end_column
            if f.generated is not None:  # mapped to another source: mark it here, where it ships
                span = f.end_column - f.column if f.end_line == f.line else 0
                line, col = f.generated.line, f.generated.column
                end_line, end_col = line, col + max(0, span)
            href = self.docs.href(f.rule)
            message = f.message if f.generated is None else f"{f.message} (source: {f.path}:{f.line}:{f.column})"
            out.append(lsp.Diagnostic(
                range=positions.lsp_range(line, col, end_line, end_col),
                message=message,
                severity=lsp.DiagnosticSeverity.Error if f.severity == "error" else lsp.DiagnosticSeverity.Warning,
                code=f.rule,
                code_description=lsp.CodeDescription(href) if href else None,
                source=SOURCE,
                # the fix rides with the diagnostic and comes back with the code action request
                data={"fix": f.fix.to_dict()} if f.fix is not None and f.generated is None else None,
            ))
        return out, None

    def fix_action(self, uri: str, text: str, diagnostic: lsp.Diagnostic,
                   positions: Positions) -> Optional[lsp.CodeAction]:
        """The code action for the fix a diagnostic carries, while the buffer is still the text
        it was made for."""
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        try:
            fix = Fix.from_dict(data["fix"])
        except (KeyError, TypeError, ValueError):
            return None
        if fix.digest != text_digest(text):
            return None  # edited since: the next diagnostics bring a fresh fix
        changes: dict = {}
        for e in fix.edits:
            if e.path is None:
                where, at = uri, positions
            else:
                where = from_fs_path(e.path)
                try:
                    other = self.workspace.get_text_document(where).source
                except OSError:
                    return None
                at = Positions(other, positions.encoding)
            changes.setdefault(where, []).append(
                lsp.TextEdit(lsp.Range(at.lsp_position(e.start), at.lsp_position(e.end)), e.text))
        title = fix.message + (" (unsafe: review the change)" if fix.applicability == UNSAFE else "")
        return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                              is_preferred=fix.applicability == SAFE,
                              edit=lsp.WorkspaceEdit(changes=changes))

    def fix_all(self, uri: str, text: str, language_id: Optional[str], encoding: str) -> list:
        """`source.fixAll.minislint`: what `--fix` would do to the buffer, as one edit."""
        path = self.path_for(uri, language_id)
        engine, _ = self.engine_for(path)
        if engine is None or not engine.wants(path):
            return []
        fixed, count = fix_text(engine, path, text)
        if not count:
            return []
        positions = Positions(text, encoding)
        edit = lsp.TextEdit(lsp.Range(positions.lsp_position(0), positions.lsp_position(len(text))), fixed)
        return [lsp.CodeAction(title="Fix all safely fixable minislint findings", kind=FIX_ALL_KIND,
                               edit=lsp.WorkspaceEdit(changes={uri: [edit]}))]

    async def publish(self, uri: str) -> None:
        """Lint the buffer as it is now, off the event loop (a minified bundle takes seconds and
        the editor must stay answered); drop the result if the buffer changed meanwhile."""
        self._pending.pop(uri, None)
        if uri not in self.open_documents:
            return
        doc = self.workspace.get_text_document(uri)
        version = doc.version
        encoding = self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        try:
            diagnostics, problem = await asyncio.get_running_loop().run_in_executor(
                self._lint_thread, self.diagnostics, uri, doc.source, doc.language_id, encoding)
        except Exception as err:  # never let one buffer take the server down
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, f"minislint: {type(err).__name__}: {err}"))
            return
        if problem and problem not in self._reported_config_errors:  # once, not on every keystroke
            self._reported_config_errors.add(problem)
            self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, f"minislint: {problem}"))
        if uri not in self.open_documents or self.workspace.get_text_document(uri).version != version:
            return  # closed, or a newer text has its own lint coming
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def schedule(self, uri: str, delay: Optional[float] = None) -> None:
        self.cancel(uri)
        self._pending[uri] = asyncio.get_running_loop().call_later(
            self.debounce if delay is None else delay, lambda: asyncio.ensure_future(self.publish(uri)))

    def cancel(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()


def build_server() -> MinislintServer:
    server = MinislintServer()

    @server.feature(lsp.INITIALIZE)
    def _initialize(ls: MinislintServer, params: lsp.InitializeParams):
        options = params.initialization_options or {}
        if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
            ls.debounce = max(0.0, float(options["debounce"]))

    @server.feature(lsp.INITIALIZED)
    async def _initialized(ls: MinislintServer, params: lsp.InitializedParams):
        caps = ls.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps else None
        if not (watched and watched.dynamic_registration):
            return
        try:
            await ls.client_register_capability_async(lsp.RegistrationParams([lsp.Registration(
                id="minislint-settings", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                    [lsp.FileSystemWatcher(glob_pattern=g) for g in SETTINGS_GLOBS]))]))
        except Exception as err:  # a client that refuses still gets diagnostics on each edit
            ls.window_log_message(lsp.LogMessageParams(lsp.MessageType.Log, f"minislint: no file watching: {err}"))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def _settings_changed(ls: MinislintServer, params: lsp.DidChangeWatchedFilesParams):
        ls._reported_config_errors.clear()   # a fixed file, broken again, is worth a new message
        for uri in sorted(ls.open_documents):
            ls.schedule(uri, delay=0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def _did_open(ls: MinislintServer, params: lsp.DidOpenTextDocumentParams):
        ls.open_documents.add(params.text_document.uri)
        ls.schedule(params.text_document.uri, delay=0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def _did_change(ls: MinislintServer, params: lsp.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def _did_save(ls: MinislintServer, params: lsp.DidSaveTextDocumentParams):
        ls.schedule(params.text_document.uri, delay=0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def _did_close(ls: MinislintServer, params: lsp.DidCloseTextDocumentParams):
        ls.open_documents.discard(params.text_document.uri)
        ls.cancel(params.text_document.uri)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND]))
    async def _code_action(ls: MinislintServer, params: lsp.CodeActionParams):
        uri = params.text_document.uri
        doc = ls.workspace.get_text_document(uri)
        encoding = ls.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        only = params.context.only or []
        if any(FIX_ALL_KIND == k or FIX_ALL_KIND.startswith(k + ".") for k in only):
            # the Source Action menu, or fix-all on save: lint off the event loop, as diagnostics are
            return await asyncio.get_running_loop().run_in_executor(
                ls._lint_thread, ls.fix_all, uri, doc.source, doc.language_id, encoding)
        if only and lsp.CodeActionKind.QuickFix not in only:
            return []
        path = ls.path_for(uri, doc.language_id)
        positions = Positions(doc.source, encoding)
        actions = []
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != SOURCE or not diagnostic.code:
                continue
            fix = ls.fix_action(uri, doc.source, diagnostic, positions)
            if fix is not None:
                actions.append(fix)
            if diagnostic.code in _NO_QUICK_FIX:
                continue
            edit = suppression_edit(path, doc.source, diagnostic, positions, ls.registry)
            if edit is None:
                continue
            actions.append(lsp.CodeAction(
                title=f"Disable {diagnostic.code} for this line (minislint-disable-next-line)",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
            ))
        return actions

    return server


def main() -> int:
    build_server().start_io()
    return 0
