"""JavaScript files (.js .mjs .cjs .jsx): one fragment per file, parsed with esprima2."""
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
    return [Fragment(file, "js", file.text, 0, module=_MODULE_BY_EXT.get(ext), origin=origin, meta=meta)]


def _parse(fragment):
    from minislint.js.parse import parse_js  # lazy: esprima import costs ~100 ms

    return parse_js(fragment)


def _walk(tree, handlers):
    from minislint.js.walk import walk

    walk(tree, handlers)


@hookimpl
def minislint_languages():
    return [Language("javascript", (".js", ".mjs", ".cjs", ".jsx"), split)]


@hookimpl
def minislint_parsers():
    return {"js": _parse}


@hookimpl
def minislint_walkers():
    return {"js": _walk}
