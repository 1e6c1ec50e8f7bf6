"""JavaScript files (.js .mjs .cjs .jsx): one fragment per file, parsed with tree-sitter (esprima2
when tree-sitter finds an error: minislint/js/parse.py)."""
from __future__ import annotations

from minislint.hookspec import hookimpl
from minislint.languages import Language
from minislint.source import Fragment

_MODULE_BY_EXT = {".mjs": True, ".cjs": False}


def split(file):
    ext = file.path.suffix.lower()
    meta = {"jsx": ext == ".jsx"}
    # A bundle with a source map reports where the code was written (issue 5).
    from minislint.bundle import origin_for

    origin, meta["source_map_notes"] = origin_for(file)
    module = _MODULE_BY_EXT.get(ext)
    from minislint.js.parse import CHUNK_FROM, statement_chunks

    # A huge concatenation of bundles is linted one piece of whole statements at a time
    # (js/parse.py); `chunk` tells the engine to free each piece's tree once it is linted. A file
    # with source-map notes stays whole: their rule weighs them against the whole file's findings.
    big = len(file.text) >= CHUNK_FROM and not meta["source_map_notes"]
    pieces = statement_chunks(file.text, module) if big else []
    if not pieces:
        return [Fragment(file, "js", file.text, 0, module=module, origin=origin, meta=meta)]
    return [Fragment(file, "js", file.text[s:e], s, module=module, origin=origin, meta={**meta, "chunk": True})
            for s, e in pieces]


def _parse(fragment):
    from minislint.js.parse import parse_js  # lazy: the editor path imports only what it uses

    return parse_js(fragment)


def _walk(tree, handlers, rules=None, spelled=None):
    if rules is not None and "_tree" in tree.__dict__:  # tree-sitter: only each rule's candidates
        from minislint.js.candidates import dispatch

        dispatch(tree, rules, spelled)
        return
    from minislint.js.walk import walk

    walk(tree, handlers)


_walk.candidates = True  # the engine passes each rule's words and handlers (rules=) and its Spelled


@hookimpl
def minislint_languages():
    return [Language("javascript", (".js", ".mjs", ".cjs", ".jsx"), split)]


@hookimpl
def minislint_parsers():
    return {"js": _parse}


@hookimpl
def minislint_walkers():
    return {"js": _walk}
