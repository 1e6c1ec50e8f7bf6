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
_RULE_SEPARATOR = re.compile(r"[\s,]+")


@dataclass
class Directive:
    kind: str
    rules: tuple            # empty: every rule
    line: int
    column: int
    end_column: int
    used: set = field(default_factory=set)
    end_line: Optional[int] = None  # for `disable` ranges: the line of the matching enable


def parse(file) -> list[Directive]:
    if "minislint-" not in file.text:
        return []
    out = []
    for m in _DIRECTIVE.finditer(file.text):
        rest = m.group(2)
        for closer in ("*/", "-->"):
            if closer in rest:
                rest = rest.split(closer, 1)[0]
        rest = rest.split(" --", 1)[0] if " --" in rest or rest.startswith("--") else rest
        if rest.startswith("--"):
            rest = ""
        rules = tuple(r for r in _RULE_SEPARATOR.split(rest.strip()) if r)
        line, col = file.position(m.start())
        out.append(Directive(m.group(1), rules, line, col, col + (m.end() - m.start())))
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
        for d in self.directives:
            if d.kind == "enable":
                continue
            if not d.rules:
                if not d.used:
                    yield d, f"'minislint-{d.kind}' suppresses no finding"
                continue
            for rule in d.rules:
                if rule not in known_rules:
                    close = difflib.get_close_matches(rule, list(known_rules), n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    yield d, f"unknown rule '{rule}' in 'minislint-{d.kind}'{hint}"
                elif rule in enabled_rules and rule not in d.used:
                    yield d, f"'minislint-{d.kind} {rule}' suppresses no finding"
