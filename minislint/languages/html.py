"""HTML files (.html .htm): the markup, inline scripts, inline styles and event handlers.

Fragments of one HTML file:
- ``html``: the whole text; its tree is a :class:`Document` of :mod:`minislint.markup.scan` tags.
  A walker calls ``"Document"``, then ``"StartTag"`` / ``"EndTag"`` for each tag, then
  ``"Document:exit"``. Vue templates give the same tree with ``meta["vue"]``.
- ``js``: each executable inline ``<script>`` body (a module for ``type="module"``; JSON,
  importmap and template types are data, not JS; a ``src`` script's body is never run), and
  each ``on*="..."`` event handler, parsed as the body of ``function (event) { ... }``.
- ``css``: each ``<style>`` body and each ``style="..."`` attribute (entities decoded, every
  position mapped back through the raw attribute text).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from minislint.hookspec import hookimpl
from minislint.languages import Language
from minislint.markup.scan import HtmlRawText, scan
from minislint.minis.readiness import is_js_script
from minislint.source import Fragment

_HANDLER_PREFIX = "(function (event) {"
_HANDLER_SUFFIX = "\n})"


@dataclass
class MappedFragment(Fragment):
    """A fragment whose text is not a plain slice of the file (decoded or wrapped text)."""

    mapper: Optional[Callable[[int], int]] = None

    def file_offset(self, index: int) -> int:
        return self.mapper(index) if self.mapper is not None else self.offset + index


class Document:
    """The tree of an ``html`` fragment: its tags in document order, and its inline scripts
    (:class:`InlineScript`, in document order) for rules that read them together with the
    markup (the SDK script, then TTMinis.init), so no rule parses a script itself."""

    type = "Document"

    def __init__(self, text: str, tags: list, scripts: tuple = ()):
        self.text = text
        self.tags = tags
        self.scripts = scripts
        self.range = (0, len(text))


class InlineScript:
    """An executable inline ``<script>``: its start tag, its JS fragment, and on first use the
    fragment's tree and JS services, the same ones the engine then walks (parsed once)."""

    def __init__(self, tag, fragment):
        self.tag = tag
        self.fragment = fragment

    @property
    def tree(self):
        """The parsed body; raises ParseError (syntax-error reports it on the fragment)."""
        from minislint.js.parse import parse_js

        return parse_js(self.fragment)

    @property
    def services(self):
        from minislint.js.services import services_for

        return services_for("js", self.tree, self.fragment)


def inline_scripts(fragments) -> tuple:
    return tuple(InlineScript(f.meta["tag"], f) for f in fragments if f.meta.get("embedded") == "script")


def inline_fragments(file, tags: list, base: int = 0, vue: bool = False) -> list:
    """JS and CSS fragments inside the markup whose tags are ``tags`` (offsets from ``base``)."""
    text = file.text
    out = []
    for tag in tags:
        if tag.kind != "start":
            continue
        if tag.body is not None and not vue:  # Vue drops <script>/<style> in templates
            start, end = base + tag.body[0], base + tag.body[1]
            if tag.name == "script" and not tag.has("src") and is_js_script(tag.get("type")):
                module = (tag.get("type") or "").strip().lower() == "module"
                out.append(Fragment(file, "js", text[start:end], start, module=module,
                                    meta={"jsx": False, "jsx_fallback": False, "embedded": "script",
                                          "tag": tag}))
            elif tag.name == "style":
                out.append(Fragment(file, "css", text[start:end], start,
                                    meta={"embedded": "style"}))
        for attr in tag.attrs:
            if attr.value is None or not attr.value.strip():
                continue
            if attr.name == "style":
                out.append(MappedFragment(file, "css", attr.value, base + attr.value_start,
                                          meta={"embedded": "style-attribute"},
                                          mapper=_attr_mapper(attr, base)))
            elif attr.name.startswith("on") and len(attr.name) > 2 and not vue:
                wrapped = _HANDLER_PREFIX + attr.value + _HANDLER_SUFFIX
                out.append(MappedFragment(file, "js", wrapped, base + attr.value_start, module=False,
                                          meta={"jsx": False, "jsx_fallback": False,
                                                "embedded": "event-handler"},
                                          mapper=_handler_mapper(attr, base, len(attr.value))))
    return out


def _attr_mapper(attr, base):
    return lambda i: base + attr.offset(i)


def _handler_mapper(attr, base, length):
    skip = len(_HANDLER_PREFIX)

    def mapper(i):
        return base + attr.offset(min(max(i - skip, 0), length))
    return mapper


def split(file):
    tags = scan(file.text)
    inline = inline_fragments(file, tags)
    # The markup fragment's tree is these same tags: handed on so the page is tokenized once.
    page = Fragment(file, "html", file.text, 0, meta={"tags": tags, "scripts": inline_scripts(inline)})
    return [page] + inline


def parse(fragment):
    if fragment.meta.get("tags") is not None:
        return Document(fragment.text, fragment.meta["tags"], fragment.meta.get("scripts", ()))
    if fragment.meta.get("vue"):
        from minislint.markup.vue_sfc import template_raw_text

        policy = template_raw_text
    else:
        policy = HtmlRawText()
    return Document(fragment.text, scan(fragment.text, raw_text=policy))


def walk(tree, handlers):
    get = handlers.get
    for fn in get("Document", ()):
        fn(tree)
    for tag in tree.tags:
        for fn in get(tag.type, ()):
            fn(tag)
    for fn in get("Document:exit", ()):
        fn(tree)


@hookimpl
def minislint_languages():
    return [Language("html", (".html", ".htm"), split)]


@hookimpl
def minislint_parsers():
    return {"html": parse}


@hookimpl
def minislint_walkers():
    return {"html": walk}
