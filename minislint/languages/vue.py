"""Vue single-file components (.vue): each block goes to the language that reads it.

- ``<template>`` (HTML): an ``html`` fragment (``meta["vue"]``), plus its ``style="..."``
  attributes as ``css``. Bindings (``:src``, ``v-bind``, ``@click``) are Vue expressions and
  are not read here.
- ``<script>`` / ``<script setup>``: a ``js`` module fragment (``lang="jsx"`` allows JSX).
  ``lang="ts"`` / ``"tsx"`` goes to the TypeScript plugin when it is installed; without it the
  block is skipped with a note, never a crash.
- ``<style>`` (any ``lang``: tinycss2 tokenizes SCSS and Less well enough to find ``@import``
  and ``url()``): a ``css`` fragment. Blocks with ``src="..."`` have no content to read here.
- Custom blocks (``<i18n>``, ``<docs>``) are not code.
All offsets are positions in the ``.vue`` file.
"""
from __future__ import annotations

from minislint.hookspec import hookimpl
from minislint.languages import Language
from minislint.languages.html import inline_fragments
from minislint.markup.scan import scan
from minislint.markup.vue_sfc import split_sfc, template_raw_text
from minislint.source import Fragment

_JS_LANGS = {None: False, "js": False, "javascript": False, "jsx": True}
_TS_LANGS = ("ts", "tsx", "typescript")


def _typescript(file, block, text) -> list:
    """Fragments for a ``lang="ts"`` block from the TypeScript plugin, or a note when the
    plugin is not there (the engine reports a fragment's note once)."""
    try:
        from minislint.languages import typescript
    except ImportError:
        typescript = None
    make = getattr(typescript, "embedded_fragments", None)
    if make is not None:
        return make(file, text, block.start, tsx=block.lang == "tsx")
    return [Fragment(file, "vue-ts", text, block.start, module=True,
                     meta={"note": f'<script lang="{block.lang}"> is not checked: TypeScript '
                                   "support is not installed"})]


def split(file):
    out = []
    for block in split_sfc(file.text):
        text = file.text[block.start:block.end]
        if block.type == "template" and (block.lang or "html") == "html":
            out.append(Fragment(file, "html", text, block.start, meta={"vue": True}))
            tags = scan(text, raw_text=template_raw_text)
            out.extend(inline_fragments(file, tags, base=block.start, vue=True))
        elif block.type == "script" and not block.src and text.strip():
            if block.lang in _TS_LANGS:
                made = _typescript(file, block, text)
                for fragment in made:
                    fragment.meta["setup"] = bool(block.setup)
                out.extend(made)
            elif block.lang in _JS_LANGS:
                out.append(Fragment(file, "js", text, block.start, module=True,
                                    meta={"jsx": _JS_LANGS[block.lang], "vue": True,
                                          "setup": bool(block.setup)}))
        elif block.type == "style" and not block.src and text.strip():
            out.append(Fragment(file, "css", text, block.start,
                                meta={"vue": True, "lang": block.lang or "css"}))
    return out


@hookimpl
def minislint_languages():
    return [Language("vue", (".vue",), split)]
