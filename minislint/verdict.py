"""Every finding's one way out (issue 13): selection, severity and in-source suppressions,
applied in one place; then `Runner.finish` sets the suppressed aside and applies the policy
(per-file-ignores, baseline: policy.py) to the rest, once for the whole run.

The engine hands `Verdict.apply` everything it found in one file (rule findings, file-level
ones such as an unreadable or binary file, too deep input, internal errors); the runner hands it
the project-level findings. Nothing else drops a finding or changes its severity, so
`--ignore syntax-error` or `severity = {syntax-error = "warning"}` holds for a binary `.js` as
for a parse error, and a `minislint-disable` comment in minis.config.json holds for the
config rules as one in a script does for no-eval.

A suppressed finding is kept, marked with `suppression` (the directive's reason, "" without
one): SARIF lists it with `suppressions` (kind inSource) and every summary counts it; the
finding lists of text, JSON and GitHub output and the exit status leave it out (`shown`).
Other fields of a Finding (fixes, source-map origins) pass through untouched.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable, Optional

from minislint import suppress
from minislint.finding import Finding

# Never silenced by selection or comments: it means findings were lost (a crash, a time-out).
UNSILENCED = "internal-error"


class Verdict:
    def __init__(self, settings, registry):
        self.settings = settings
        self.registry = registry

    def apply(self, findings: Iterable[Finding], file=None, directives=(),
              judged_rules: Optional[set] = None, fix_for=None) -> list[Finding]:
        """`findings` of one file (or of the project), `directives` from `file`'s comments.
        `judged_rules`: rules whose every finding in `file` is among `findings`, so a directive
        naming one that suppressed nothing is reported (unused-suppression); `fix_for` makes the
        edit that removes such a directive."""
        sup = suppress.Suppressions(directives) if directives else None
        out = [f for f in (self._one(f, file, sup) for f in findings) if f is not None]
        if sup is not None and judged_rules is not None:
            out.extend(f for f in (self._one(f, None, None) for f in self._unused(file, sup, judged_rules, fix_for))
                       if f is not None)
        return out

    def _one(self, f: Finding, file, sup) -> Optional[Finding]:
        settings = self.settings
        if f.rule != UNSILENCED and not settings.enabled(f.rule):
            return None
        severity = settings.severity.get(f.rule)
        if severity and severity != f.severity:
            f = dataclasses.replace(f, severity=severity)
        if (sup is not None and f.rule != UNSILENCED and f.suppression is None and f.generated is None
                and file is not None and f.path == file.display):
            d = sup.suppresses(f.rule, f.line, f.column)
            if d is not None:
                f = dataclasses.replace(f, suppression=d.reason)
        return f

    def _unused(self, file, sup, judged_rules, fix_for):
        from minislint import fixes

        rule = self.registry.rules.get("unused-suppression")
        default = rule.severity if rule is not None else "warning"
        for d, rule_id, whole, message in sup.unused_rules(self.registry.rules, judged_rules):
            fix = fix_for(file.text, d, rule_id, whole) if fix_for is not None else None
            yield Finding("unused-suppression", default, message, file.display, d.line, d.column,
                          d.line, d.end_column, fix=fixes.in_file(fix, None, file, self.settings) if fix is not None else None)


def shown(findings: Iterable[Finding]) -> list[Finding]:
    """The findings a report lists and the exit status counts: not suppressed in source."""
    return [f for f in findings if f.suppression is None]


def silenced(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.suppression is not None]
