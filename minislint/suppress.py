"""`minislint-disable` comments, ESLint style, in any language's comment syntax.

    // minislint-disable-next-line no-eval -- reason
    eval(x); // minislint-disable-line no-eval
    /* minislint-disable no-eval */ ... /* minislint-enable no-eval */
    <!-- minislint-disable-next-line no-iframe -->

A directive counts only at the start of a real comment, as ruff reads `noqa` from the tokenizer's
comment tokens: each language hands the engine the ranges of its comments (the JS parser's
`tree.comments`, the HTML tag scanner's `<!-- -->`, tinycss2's comment tokens, the JSON reader's
comments in minis.config.json). A string or template literal that merely holds such text
(`"// minislint-disable-next-line no-eval"`) silences nothing.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

# Matched at a comment's start and ended at its end (`match(text, start, end)`), never searched.
_DIRECTIVE = re.compile(
    r"(?://|/\*+|<!--)[ \t]*minislint-(disable-next-line|disable-line|disable|enable)"
    r"(?=[\s*-]|$)([^\r\n\u2028\u2029]*)")
MARK = "minislint-"  # a text without it has no directive: its comments are not even collected

_RULE_ID = re.compile(r"[^\s,]+")


@dataclass
class Directive:
    kind: str
    rules: tuple            # empty: every rule
    line: int
    column: int
    end_column: int
    used: set = field(default_factory=set)
    end_line: Optional[int] = None  # for `disable` ranges: the line of the matching enable
    # File offsets, for the fix that removes it: the comment, and each rule id in `rules`.
    start: int = 0
    end: int = 0            # after `*/` / `-->`, or the line's end for `//`
    spans: tuple = ()
    reason: str = ""        # the text after ` -- `: the justification a reviewer sees in SARIF


def parse(file, comments: Iterable[tuple[int, int]]) -> list[Directive]:
    """The directives that open one of `comments` ((start, end) offsets into `file.text`)."""
    if MARK not in file.text:
        return []
    out = []
    for c_start, c_end in sorted(set(comments)):
        m = _DIRECTIVE.match(file.text, c_start, c_end)
        if m is None:
            continue
        rest = m.group(2)
        end = m.end()
        for closer in ("*/", "-->"):
            if closer in rest:
                end = m.start(2) + rest.index(closer) + len(closer)
                rest = rest.split(closer, 1)[0]
        reason = ""
        if rest.startswith("--"):
            rest, reason = "", rest[2:]
        elif " --" in rest:
            rest, reason = rest.split(" --", 1)
        spans = tuple((m.start(2) + r.start(), m.start(2) + r.end()) for r in _RULE_ID.finditer(rest))
        rules = tuple(file.text[s:e] for s, e in spans)
        line, col = file.position(m.start())
        out.append(Directive(m.group(1), rules, line, col, col + (m.end() - m.start()),
                             start=m.start(), end=end, spans=spans, reason=reason.strip()))
    return out


def fragment_comments(fragment, tree) -> list[tuple[int, int]]:
    """File offsets of the comments a parser found in one fragment (`tree.comments`, fragment
    offsets: esprima's, the HTML scanner's, tinycss2's)."""
    return [(fragment.file_offset(s), fragment.file_offset(e))
            for s, e in getattr(tree, "comments", None) or ()]


def directives_for(file, registry) -> list[Directive]:
    """Directives of a file no engine run has read (where a project-level finding points, a
    source map's original): its comments as its own language reads them. Text that does not
    parse gives fewer directives, never an error; fewer directives can only add findings."""
    if MARK not in file.text:
        return []
    try:
        return parse(file, _comment_ranges(file, registry))
    except Exception:  # hostile text costs its directives, never the run
        return []


def _comment_ranges(file, registry) -> list[tuple[int, int]]:
    from minislint.minis import jsonpos

    if file.path.name == "minis.config.json":
        return [(p.start, p.end) for p in jsonpos.parse(file.text).problems if p.kind == "comment"]
    lang = registry.language_for(file.path)
    out: list = []
    for fragment in lang.split(file) if lang is not None else ():
        parse_ = registry.parsers.get(fragment.language)
        if parse_ is not None and MARK in fragment.text:
            try:
                out.extend(fragment_comments(fragment, parse_(fragment)))
            except Exception:  # a fragment that does not parse has no comments to read
                continue
    return out


class Suppressions:
    def __init__(self, directives: list[Directive]):
        self.directives = directives
        self._ranges = []  # (directive, start (line, col), end (line, col) or None)
        self._by_line: dict = {}  # line a -line / -next-line directive covers -> directives
        for d in directives:
            if d.kind in ("disable-line", "disable-next-line"):
                self._by_line.setdefault(d.line + (d.kind == "disable-next-line"), []).append(d)
        open_ = []  # ranges not closed yet: an enable looks at these only
        for d in directives:
            if d.kind == "disable":
                open_.append([d, (d.line, d.column), None])
                self._ranges.append(open_[-1])
            elif d.kind == "enable":
                for r in open_:
                    if not d.rules or not r[0].rules or set(r[0].rules) & set(d.rules):
                        r[2] = (d.line, d.column)
                open_ = [r for r in open_ if r[2] is None]

    def suppresses(self, rule: str, line: int, column: int) -> Optional[Directive]:
        """The first directive that silences `rule` at (line, column), or None; every one that
        does is marked used."""
        hit = None
        for d in self._by_line.get(line, ()):
            if d.kind == "disable-next-line" and line == d.line + 1 or d.kind == "disable-line" and line == d.line:
                if not d.rules or rule in d.rules:
                    d.used.add(rule if d.rules else "*")
                    hit = hit or d
        for d, start, end in self._ranges:
            if (line, column) >= start and (end is None or (line, column) < end):
                if not d.rules or rule in d.rules:
                    d.used.add(rule if d.rules else "*")
                    hit = hit or d
        return hit

    def unused(self, known_rules, enabled_rules):
        """(directive, message) for directives or rule names in them that suppressed nothing."""
        for d, _, _, message in self.unused_rules(known_rules, enabled_rules):
            yield d, message

    def unused_rules(self, known_rules, enabled_rules):
        """(directive, rule id or None for the whole directive, whether every rule it names is
        unused, message): what the unused-suppression fix removes."""
        for d in self.directives:
            if d.kind == "enable":
                continue
            if not d.rules:
                if not d.used:
                    yield d, None, True, f"'minislint-{d.kind}' suppresses no finding"
                continue
            found = []
            for rule in d.rules:
                if rule not in known_rules:
                    close = difflib.get_close_matches(rule, list(known_rules), n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    found.append((rule, f"unknown rule '{rule}' in 'minislint-{d.kind}'{hint}"))
                elif rule in enabled_rules and rule not in d.used:
                    found.append((rule, f"'minislint-{d.kind} {rule}' suppresses no finding"))
            whole = len(found) == len(d.rules)
            for rule, message in found:
                yield d, rule, whole, message
