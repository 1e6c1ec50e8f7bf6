"""`minislint-disable` comments, ESLint style, in any language's comment syntax.

    // minislint-disable-next-line no-eval -- reason
    eval(x); // minislint-disable-line no-eval
    /* minislint-disable no-eval */ ... /* minislint-enable no-eval */
    <!-- minislint-disable-next-line no-iframe -->

Directives are found with one regular expression over the file text, as ruff finds `noqa`.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Optional

_DIRECTIVE = re.compile(
    r"(?://|/\*+|<!--)[ \t]*minislint-(disable-next-line|disable-line|disable|enable)"
    r"(?=[\s*-]|$)([^\r\n\u2028\u2029]*)", re.M)

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


def parse(file) -> list[Directive]:
    if "minislint-" not in file.text:
        return []
    out = []
    for m in _DIRECTIVE.finditer(file.text):
        rest = m.group(2)
        end = m.end()
        for closer in ("*/", "-->"):
            if closer in rest:
                end = m.start(2) + rest.index(closer) + len(closer)
                rest = rest.split(closer, 1)[0]
        rest = rest.split(" --", 1)[0] if " --" in rest or rest.startswith("--") else rest
        if rest.startswith("--"):
            rest = ""
        spans = tuple((m.start(2) + r.start(), m.start(2) + r.end()) for r in _RULE_ID.finditer(rest))
        rules = tuple(file.text[s:e] for s, e in spans)
        line, col = file.position(m.start())
        out.append(Directive(m.group(1), rules, line, col, col + (m.end() - m.start()),
                             start=m.start(), end=end, spans=spans))
    return out


class Suppressions:
    def __init__(self, directives: list[Directive]):
        self.directives = directives
        self._ranges = []  # (directive, start (line, col), end (line, col) or None)
        open_ = []
        for d in directives:
            if d.kind == "disable":
                open_.append(d)
                self._ranges.append([d, (d.line, d.column), None])
            elif d.kind == "enable":
                for r in self._ranges:
                    if r[2] is None and (not d.rules or not r[0].rules or set(r[0].rules) & set(d.rules)):
                        r[2] = (d.line, d.column)

    def suppresses(self, rule: str, line: int, column: int) -> bool:
        hit = False
        for d in self.directives:
            if d.kind == "disable-next-line" and line == d.line + 1 or d.kind == "disable-line" and line == d.line:
                if not d.rules or rule in d.rules:
                    d.used.add(rule if d.rules else "*")
                    hit = True
        for d, start, end in self._ranges:
            if (line, column) >= start and (end is None or (line, column) < end):
                if not d.rules or rule in d.rules:
                    d.used.add(rule if d.rules else "*")
                    hit = True
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
