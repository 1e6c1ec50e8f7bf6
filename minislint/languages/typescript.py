"""TypeScript files (.ts .tsx .mts .cts) and Vue ``<script lang="ts">``: linted by every JS rule.

Types are erased in place (minislint/ts), so the JavaScript fragment has the TypeScript file's
offsets and every finding lands on the line and column the developer wrote. The fragment's
``meta["string_decls"]`` holds the offsets of bindings declared ``: string`` (read by
no-string-timer); ``meta["string_returns"]`` those of functions declared to return a string;
``meta["string_casts"]`` the (start, end) of expressions cast to a string (``code as string``).

- ``.d.ts`` / ``.d.mts`` / ``.d.cts`` files declare types only and emit no code: not linted.
- ``.mts`` is a module and ``.cts`` a script; ``.ts`` / ``.tsx`` are decided as for ``.js``.
- A file tree-sitter cannot parse is one ``syntax-error`` finding (a ``ts-syntax`` fragment whose
  parser raises it), and nothing else, as for JavaScript.
- Decorators, which the JavaScript parser does not read, are linted in a second fragment that
  holds only their expressions at their own offsets.
"""
from __future__ import annotations

from minislint.hookspec import hookimpl
from minislint.languages import Language, ParseError
from minislint.source import Fragment

EXTENSIONS = (".ts", ".tsx", ".mts", ".cts")
_DECLARATION_FILES = (".d.ts", ".d.mts", ".d.cts")
_MODULE_BY_EXT = {".mts": True, ".cts": False}
_ERROR = "ts-syntax"  # fragment language of a file that does not parse


def fragments_for(file, text: str, offset: int = 0, *, tsx: bool, module=None, meta=None) -> list:
    """The fragments for TypeScript `text` standing at `offset` in `file`."""
    from minislint.ts import blank  # lazy: tree-sitter loads only when a TS file is linted

    out = blank(text, tsx)
    base = dict(meta or {})
    error = out.error
    if error is not None:
        return [Fragment(file, _ERROR, text, offset, module=module,
                         meta={**base, "ts_error": (error.offset, error.message)})]
    js_meta = {**base, "jsx": tsx, "jsx_fallback": False, "typescript": True,
               "string_decls": out.string_decls, "string_returns": out.string_returns,
               "string_casts": out.string_casts,
               "ts_notes": out.notes}
    fragments = [Fragment(file, "js", out.text, offset, module=module, meta=js_meta)]
    if out.decorators is not None:
        fragments.append(Fragment(file, "js", out.decorators, offset, module=None,
                                  meta={**js_meta, "decorators": True}))
    return fragments


def embedded_fragments(file, text: str, offset: int, tsx: bool = False) -> list:
    """For the Vue plugin: a ``<script lang="ts">`` block's fragments (module code)."""
    return fragments_for(file, text, offset, tsx=tsx, module=True, meta={"vue": True})


def embedded_fragment(file, text: str, offset: int, tsx: bool = False) -> Fragment:
    """One fragment for a ``<script lang="ts">`` block (its decorators, if any, are not linted:
    prefer :func:`embedded_fragments`)."""
    return embedded_fragments(file, text, offset, tsx)[0]


def split(file):
    name = file.path.name.lower()
    if name.endswith(_DECLARATION_FILES):
        return []
    ext = file.path.suffix.lower()
    return fragments_for(file, file.text, tsx=ext == ".tsx", module=_MODULE_BY_EXT.get(ext))


def _parse_error(fragment):
    offset, message = fragment.meta["ts_error"]
    raise ParseError(f"TypeScript: {message}", offset)


def _no_walk(tree, handlers):
    pass


@hookimpl
def minislint_languages():
    return [Language("typescript", EXTENSIONS, split)]


@hookimpl
def minislint_parsers():
    return {_ERROR: _parse_error}


@hookimpl
def minislint_walkers():
    return {_ERROR: _no_walk}
