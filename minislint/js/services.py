"""Per-fragment JS services, computed on first use and shared by every rule."""
from __future__ import annotations

from minislint.js.elements import Elements
from minislint.js.values import Values


class JsServices:
    def __init__(self, tree, fragment):
        self.tree = tree
        self.fragment = fragment
        self._scopes = None
        self.values = Values(tree, fragment, lambda: self.scope)
        self.values.elements = Elements(self.values)  # DOM elements and their attributes

    @property
    def scope(self):
        if self._scopes is None:
            from minislint.js.scope import LazyScopes, Scopes

            # a tree-sitter tree answers on demand; esprima2's (a file tree-sitter misread) is
            # walked once
            self._scopes = LazyScopes.of(self.tree) if "_tree" in self.tree.__dict__ else Scopes(self.tree)
        return self._scopes

    def fold(self, node):
        return self.values.fold(node)

    def fold_prefix(self, node):
        return self.values.fold_prefix(node)

    def global_path(self, node):
        return self.values.global_path(node)


class NoServices:
    """Non-JS trees: the JS services are not available."""

    scope = None
    values = None

    def fold(self, node):
        return None

    def fold_prefix(self, node):
        return None

    def global_path(self, node):
        return None


def services_for(language, tree, fragment):
    """The services of a fragment's tree, made once (an inline script's are shared by the HTML
    rules that read it through Document.scripts and by the rules that walk it)."""
    if language != "js":
        return NoServices()
    made = fragment.__dict__.get("_js_services")
    if made is None or made.tree is not tree:
        made = fragment.__dict__["_js_services"] = JsServices(tree, fragment)
    return made
