"""The hooks a minislint plugin implements (pluggy), modelled on pytest's hookspec.py.

A plugin is a module registered under the entry-point group ``minislint.plugins``; the built-in
languages and rules implement the same hooks (registered together as one plugin, plugins.py)::

    [project.entry-points."minislint.plugins"]
    my-rules = "my_pack.rules"

and implement any of the hooks below with ``@minislint.hookimpl``.
"""
from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("minislint")
hookimpl = pluggy.HookimplMarker("minislint")


@hookspec
def minislint_rules():
    """Return a list of :class:`minislint.rule.Rule` instances this plugin provides.

    Each rule has a stable kebab-case ``id`` that users type in ``--select``, settings and
    ``minislint-disable`` comments. Ids must be unique across all plugins.
    """


@hookspec
def minislint_languages():
    """Return a list of :class:`minislint.languages.Language`: which file extensions a plugin
    reads and how it splits a :class:`~minislint.source.SourceFile` into
    :class:`~minislint.source.Fragment` objects (for example an HTML file into markup, inline
    scripts and styles)."""


@hookspec
def minislint_parsers():
    """Return a dict ``{fragment_language: parse}``; ``parse(fragment)`` returns the tree the
    rules of that language walk, or raises :class:`minislint.languages.ParseError`."""


@hookspec
def minislint_walkers():
    """Return a dict ``{fragment_language: walk}``; ``walk(tree, handlers)`` visits the tree
    once, calling ``handlers[node_type](node)`` (and ``"<type>:exit"``) for every rule at once."""
