"""Human-readable output: `path:line:col: severity rule-id message`, the source line with a caret
under the finding (as ruff and ESLint's codeframe show it), a count per rule and a summary line.

Colour only when `ctx.color` (the CLI sets it for a terminal without NO_COLOR); piped output is
plain text that `path:line:col:` problem matchers still read line by line.
"""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from minislint.report import SourceLines, not_checked, printable

FRAME_WIDTH = 100   # display cells of source shown around a finding; minified lines are cut
TAB_WIDTH = 4

_STYLES = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "blue": "34", "cyan": "36"}


def _paint(text: str, on: bool, *styles: str) -> str:
    if not on or not text:
        return text
    return f"\x1b[{';'.join(_STYLES[s] for s in styles)}m{text}\x1b[0m"


def _cells(ch: str) -> int:
    """Terminal cells for one character: CJK wide 2, combining marks 0, the rest 1."""
    if ch == "\t":
        return TAB_WIDTH
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _shown(ch: str) -> str:
    if ch == "\t":
        return " " * TAB_WIDTH
    if unicodedata.category(ch) == "Cs":  # a lone surrogate: cannot be written at all
        return "\ufffd"
    return " " if unicodedata.category(ch) in ("Cc", "Cf") and _cells(ch) else ch


def _fits(line_text: str, width: int) -> bool:
    """Whether the line takes at most `width` cells; stops at the first cell over, so a finding
    on a 20 MB minified line looks at ~100 characters, not 20 million (10 min for 180 findings)."""
    used = 0
    for ch in line_text:
        used += _cells(ch)
        if used > width:
            return False
    return True


def codeframe(line_text: str, column: int, end_column: int, color: bool, severity: str,
              number: int) -> list[str]:
    """Three lines: gutter, the source line (cut around the finding), carets under the span."""
    start = max(0, min(column - 1, len(line_text)))
    end = max(start + 1, min(end_column - 1, len(line_text)))
    if _fits(line_text, FRAME_WIDTH):
        lo, hi = 0, len(line_text)  # the whole line fits: show it whole, as ruff does
    else:
        # Cut a window of FRAME_WIDTH cells that keeps the start of the finding in view.
        lo, used = start, 0
        while lo > 0 and used < FRAME_WIDTH // 3:
            lo -= 1
            used += _cells(line_text[lo])
        hi, used = lo, 0
        while hi < len(line_text) and used + _cells(line_text[hi]) <= FRAME_WIDTH:
            used += _cells(line_text[hi])
            hi += 1
        hi = max(hi, min(start + 1, len(line_text)))
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(line_text) else ""
    shown = head + "".join(_shown(c) for c in line_text[lo:hi]) + tail
    pad = len(head) + sum(_cells(c) for c in line_text[lo:start])
    width = max(1, sum(_cells(c) for c in line_text[start:min(end, hi)]))
    gutter = len(str(number))
    bar = _paint("|", color, "blue")
    caret_color = "red" if severity == "error" else "yellow"
    return [
        f"{' ' * (gutter + 1)}{bar}",
        f"{_paint(str(number), color, 'blue')} {bar} {shown}".rstrip(),
        f"{' ' * (gutter + 1)}{bar} {' ' * pad}{_paint('^' * width, color, caret_color, 'bold')}",
    ]




def render(findings, ctx) -> str:
    color = bool(getattr(ctx, "color", False))
    sources = SourceLines(ctx)
    out = []
    for f in findings:
        sev = _paint(f.severity, color, "bold", "red" if f.severity == "error" else "yellow")
        # Paths and messages come from the repository: escaped, they cannot start a new line
        # (a `::add-mask::` workflow command) or send ESC sequences to the terminal.
        where = f"{_paint(printable(f.path), color, 'bold')}:{f.line}:{f.column}:"
        out.append(f"{where} {sev} {_paint(printable(f.rule), color, 'cyan')} {printable(f.message)}")
        line = sources.finding_line(f)
        if line is not None and line.strip():
            end = f.end_column if f.end_line == f.line else len(line) + 1
            out.extend(codeframe(line, f.column, end, color, f.severity, f.line))
        if f.generated is not None:
            out.append(_paint(printable(f"  shipped at {f.generated.path}:{f.generated.line}:{f.generated.column}"
                                        + (f" ({f.package})" if f.package else "")), color, "dim"))
        elif f.package:
            out.append(_paint(printable(f"  in {_package_words(f.package)}"), color, "dim"))
    if findings:
        out.append("")
        out.extend(per_rule(findings, color))
        out.extend(per_package(findings, color))
    out.append(_paint(summary(findings, ctx.files, detail=False), color, "bold"))
    out.extend(not_checked(ctx))
    hint = fixable(findings)
    if hint:
        out.append(hint)
    accepted = getattr(ctx, "accepted", 0)
    if accepted:
        out.append(f"{_plural(accepted, 'finding')} accepted by the baseline (not shown).")
    return "\n".join(out) + "\n"


def _package_words(package: str) -> str:
    from minislint.bundle import RUNTIME_SUFFIX

    return package[: -len(RUNTIME_SUFFIX)] + " runtime (code the bundler adds)" \
        if package.endswith(RUNTIME_SUFFIX) else f"dependency {package}"


def per_package(findings, color: bool = False) -> list[str]:
    """Findings in code the app does not write, by package, with what can be done about them."""
    from minislint.bundle import RUNTIME_SUFFIX

    groups = defaultdict(Counter)
    for f in findings:
        if f.package:
            groups[f.package][f.rule] += 1
    if not groups:
        return []
    rows = ["", "In code from dependencies (upgrade or replace the package, or accept its findings "
                "with per-file-ignores):"]
    for package, rules in sorted(groups.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        ids = sorted(rules)
        if package.endswith(RUNTIME_SUFFIX):
            hint = "the bundler's own code: a newer build target usually drops it"
        else:
            name = package.rsplit("@", 1)[0] if package.rfind("@") > 0 else package
            hint = f'per-file-ignores: "node_modules/{name}/**" = [{", ".join(repr(r) for r in ids)}]'
            hint = hint.replace("'", '"')
        rows.append(f"  {sum(rules.values()):>4}  {_paint(package, color, 'bold')}  "
                    f"({', '.join(ids)})  {_paint(hint, color, 'dim')}")
    return rows


def fixable(findings) -> str:
    """`3 fixable with --fix (1 more with --unsafe-fixes)`, or '' when nothing is."""
    safe = sum(1 for f in findings if f.fix is not None and f.fix.applicability == "safe")
    unsafe = sum(1 for f in findings if f.fix is not None and f.fix.applicability == "unsafe")
    if not safe and not unsafe:
        return ""
    more = f" ({unsafe} more with --unsafe-fixes)" if unsafe and safe else ""
    return f"{safe} fixable with --fix{more}." if safe else f"{unsafe} fixable with --fix --unsafe-fixes."


def per_rule(findings, color: bool = False) -> list[str]:
    """One line per rule, most frequent first: `  3  no-eval  (3 errors)`."""
    counts = defaultdict(Counter)
    for f in findings:
        counts[f.rule][f.severity] += 1
    width = max(len(r) for r in counts)
    rows = []
    for rule, c in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        parts = [_plural(c[s], s) for s in ("error", "warning") if c[s]]
        total = sum(c.values())
        rows.append(f"  {total:>4}  {_paint(printable(f'{rule:<{width}}'), color, 'cyan')}  ({', '.join(parts)})")
    return rows


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def summary(findings, files: int, detail: bool = True) -> str:
    """One line; `detail` adds the count per rule (for formats without the per-rule table)."""
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not findings:
        return f"No problems found ({checked})."
    if detail:
        per_rule_ = Counter(f.rule for f in findings)
        checked += "; " + ", ".join(f"{rule} {n}" for rule, n in sorted(per_rule_.items()))
    return f"Found {_plural(errors, 'error')} and {_plural(warnings, 'warning')} ({checked})."
