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

import bisect
import difflib
import heapq
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
    """Which directive silences a finding. Linear in directives and findings (issue 13): line
    directives are indexed by the line they cover, ranges become per-rule segments, each found
    by bisection, so a 100 kB file of directives and findings stays fast."""

    def __init__(self, directives: list[Directive]):
        self.directives = directives
        self._by_line: dict = {}  # line a -line / -next-line directive covers -> directives
        for d in directives:
            if d.kind in ("disable-line", "disable-next-line"):
                self._by_line.setdefault(d.line + (d.kind == "disable-next-line"), []).append(d)
        ranges = []             # [directive, start (line, col), end (line, col) or None]
        open_: dict = {}        # rule id or "*" -> ranges that may still be open
        for d in directives:
            if d.kind == "disable":
                r = [d, (d.line, d.column), None]
                ranges.append(r)
                for key in d.rules or ("*",):
                    open_.setdefault(key, []).append(r)
            elif d.kind == "enable":
                # An enable ends the ranges of the rules it names and every range of all rules;
                # one without rules ends them all.
                keys = list(open_) if not d.rules else ["*", *d.rules]
                for key in keys:
                    for r in open_.pop(key, ()):
                        if r[2] is None:
                            r[2] = (d.line, d.column)
        by_key: dict = {}
        for d, start, end in ranges:
            for key in d.rules or ("*",):
                by_key.setdefault(key, []).append((start, end, d))
        self._segments = {key: _segments(rs) for key, rs in by_key.items()}

    def suppresses(self, rule: str, line: int, column: int) -> Optional[Directive]:
        """The directive that silences `rule` at (line, column), or None; it is marked used: a
        line directive first, else the latest-started range that covers the position."""
        hit = None
        for d in self._by_line.get(line, ()):
            if not d.rules or rule in d.rules:
                d.used.add(rule if d.rules else "*")
                hit = hit or d
        if hit is not None:
            return hit
        best = None
        for key in (rule, "*"):
            seg = self._segments.get(key)
            if seg is not None:
                points, latest = seg
                i = bisect.bisect_right(points, (line, column)) - 1
                if i >= 0 and latest[i] is not None and (best is None or latest[i][0] > best[0]):
                    best = latest[i]
        if best is None:
            return None
        d = best[1]
        d.used.add(rule if d.rules else "*")
        return d

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


def _segments(ranges):
    """(points, latest): between points[i] and points[i + 1] the latest-started range covering
    that stretch is latest[i] ((start, directive) or None); a sweep with a heap of open ranges."""
    points = sorted({r[0] for r in ranges} | {r[1] for r in ranges if r[1] is not None})
    ranges = sorted(ranges, key=lambda r: r[0])
    heap: list = []  # (-line, -column, n, end, directive): the latest start on top
    latest, n = [], 0
    for p in points:
        while n < len(ranges) and ranges[n][0] <= p:
            (line, col), end, d = ranges[n]
            heapq.heappush(heap, (-line, -col, n, end, d))
            n += 1
        while heap and heap[0][3] is not None and heap[0][3] <= p:
            heapq.heappop(heap)  # ended; positions only grow, so it never covers again
        latest.append(((-heap[0][0], -heap[0][1]), heap[0][4]) if heap else None)
    return points, latest
