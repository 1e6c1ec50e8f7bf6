"""Human-readable output: `path:line:col: severity rule-id message`, then a summary line."""
from __future__ import annotations

from collections import Counter


def render(findings, ctx) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}" for f in findings]
    lines.append(summary(findings, ctx.files))
    return "\n".join(lines) + "\n"


def summary(findings, files: int) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not findings:
        return f"No problems found ({checked})."
    per_rule = Counter(f.rule for f in findings)
    detail = ", ".join(f"{rule} {n}" for rule, n in sorted(per_rule.items()))
    return (f"Found {errors} error{'s' if errors != 1 else ''} and {warnings} warning"
            f"{'s' if warnings != 1 else ''} ({checked}; {detail}).")
