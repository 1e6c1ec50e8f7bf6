"""CSS files (.css), ``<style>`` bodies and ``style=""`` attributes: read with tinycss2.

The tree of a ``css`` fragment is a :class:`Stylesheet`; the walker calls ``"Stylesheet"``,
then ``"Import"`` for each top-level ``@import`` URL and ``"Url"`` for every other ``url()``
(nodes are :class:`minislint.markup.stylesheet.CssUrl`, ``range`` = the raw URL), then
``"Stylesheet:exit"``. tinycss2 never raises: broken CSS gives fewer nodes, not an error.
"""
from __future__ import annotations

from minislint.hookspec import hookimpl
from minislint.languages import Language
from minislint.source import Fragment


class Stylesheet:
    type = "Stylesheet"

    def __init__(self, text: str, urls: list):
        self.text = text
        self.urls = urls
        self.range = (0, len(text))

    @property
    def comments(self) -> list:
        """(start, end) of each comment, for suppress.py: read only when the engine asks."""
        from minislint.markup.stylesheet import css_comments

        return css_comments(self.text)


def split(file):
    # A bundled stylesheet with a source map reports where the rule was written (issue 5).
    from minislint.bundle import origin_for

    origin, notes = origin_for(file, css=True)
    return [Fragment(file, "css", file.text, 0, origin=origin, meta={"source_map_notes": notes})]


def parse(fragment):
    from minislint.markup.stylesheet import css_urls  # tinycss2: imported by a check that has CSS

    return Stylesheet(fragment.text, css_urls(fragment.text))


def walk(tree, handlers):
    get = handlers.get
    for fn in get("Stylesheet", ()):
        fn(tree)
    for url in tree.urls:
        for fn in get(url.type, ()):
            fn(url)
    for fn in get("Stylesheet:exit", ()):
        fn(tree)


@hookimpl
def minislint_languages():
    return [Language("css", (".css",), split)]


@hookimpl
def minislint_parsers():
    return {"css": parse}


@hookimpl
def minislint_walkers():
    return {"css": walk}
