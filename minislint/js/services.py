"""Per-fragment JS services, computed on first use and shared by every rule."""
from __future__ import annotations

from minislint.js.values import Values


class JsServices:
    def __init__(self, tree, fragment):
        self.tree = tree
        self.fragment = fragment
        self._scopes = None
        self.values = Values(tree, fragment, lambda: self.scope)

    @property
    def scope(self):
        if self._scopes is None:
            from minislint.js.scope import LazyScopes, Scopes

            # a tree-sitter tree answers on demand; esprima2's (a file tree-sitter misread) is
            # walked once
            self._scopes = LazyScopes(self.tree) if "_tree" in self.tree.__dict__ else Scopes(self.tree)
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

    def fold(self, node):
        return None

    def fold_prefix(self, node):
        return None

    def global_path(self, node):
        return None


def services_for(language, tree, fragment):
    return JsServices(tree, fragment) if language == "js" else NoServices()
