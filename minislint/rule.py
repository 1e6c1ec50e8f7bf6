"""Rule metadata and the context a rule reports through."""
from __future__ import annotations

from typing import Any, Callable, Optional


class Rule:
    """One check. Subclasses set the metadata beside their code, as ESLint rules do."""

    id: str = ""
    severity: str = "error"            # default level: "error" or "warning"
    summary: str = ""                  # one line, shown by `minislint rules` and SARIF shortDescription
    docs: str = ""                     # markdown: What it does / Why is this bad? / Example / Use instead
    tags: tuple[str, ...] = ("minis",)
    precision: str = "high"            # SARIF/GitHub: very-high, high, medium, low
    languages: tuple[str, ...] = ()    # fragment languages whose trees this rule walks
    triggers: tuple[str, ...] = ()     # a fragment whose text has none of these is skipped
    options: dict[str, Any] = {}       # defaults; settings `[tool.minislint.rules.<id>]` override

    def create(self, ctx: "RuleContext") -> dict[str, Callable]:
        """Return node-type handlers for one fragment (``"Program:exit"`` style keys allowed)."""
        return {}

    def candidates(self, options: dict) -> tuple[str, ...]:
        """The words this rule's nodes contain: a JavaScript rule's handlers see only the nodes
        around them in the text (and around the names of `const`s bound to them); empty: every
        node. A rule whose handlers need other nodes must say so here (minislint/js/candidates.py).
        A word is found anywhere (`State` in `pushState`), except a called name (`h(`), which is
        found only where it is not the end of a longer name (`push(`)."""
        return self.triggers

    def check_project(self, pctx) -> None:
        """Project-level checks, called once per run (see runner.ProjectContext)."""

    @property
    def full_description(self) -> str:
        """The first paragraph under "What it does", for SARIF fullDescription."""
        text = self.docs.split("## What it does", 1)[-1].strip()
        return text.split("\n\n", 1)[0].replace("\n", " ").strip() or self.summary


def explain_text(rule: Rule) -> str:
    """A rule's documentation as `minislint explain` prints it (the editor server links to it)."""
    return f"# {rule.id} ({rule.severity})\n\n{rule.summary}\n\n{rule.docs.rstrip()}\n"


class RuleContext:
    """What a rule sees for one fragment. Services are computed once and shared by all rules."""

    def __init__(self, rule: Rule, fragment, tree, services, options: dict, sink: Callable,
                 settings=None):
        self.rule = rule
        self.settings = settings  # the run's Settings: `minis_config` (--minis-config) and more
        self.fragment = fragment
        self.tree = tree
        self.options = options
        self._services = services
        self._sink = sink

    @property
    def scope(self):
        return self._services.scope

    @property
    def values(self):
        """The value service of a JS fragment (minislint.js.values.Values); None elsewhere."""
        return self._services.values

    def fold(self, node) -> Optional[str]:
        return self._services.fold(node)

    def fold_prefix(self, node) -> Optional[str]:
        """The known leading text of a string expression (`https://x/${id}` -> "https://x/")."""
        return self._services.fold_prefix(node)

    def global_path(self, node) -> Optional[tuple[str, ...]]:
        return self._services.global_path(node)

    def findings_so_far(self) -> int:
        """How many findings every rule has reported in this fragment until now (at a
        ``"Program:exit"`` handler: all of the walk's)."""
        counter = getattr(self._sink, "count", None)
        return counter(self.fragment) if counter else 0

    def report(self, where, message: str, severity: Optional[str] = None, fix=None, fragment=None) -> None:
        """`where` is a node with `.range` or a (start, end) pair of fragment offsets; `fix` a
        fixes.Fix whose edits are fragment offsets too (the engine maps them to the file).
        `fragment`: another fragment of the same file whose offsets `where` holds (an inline
        script of the page, from Document.scripts)."""
        start, end = where if isinstance(where, tuple) else where.range
        self._sink(self.rule, fragment or self.fragment, start, end, message, severity, fix)
