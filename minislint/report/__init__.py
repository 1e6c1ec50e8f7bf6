"""Where findings are printed: one module per output format, each `render(findings, ctx) -> str`."""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("text", "json", "sarif", "github")


@dataclass
class ReportContext:
    rules: dict                     # id -> Rule (all known rules, for SARIF metadata)
    files: int = 0
    cwd: Path = field(default_factory=Path.cwd)
    color: bool = False
    sources: dict = field(default_factory=dict)   # display path -> text, when a reporter wants lines
    # What was not checked or not shown (issue 13): said in every format's summary.
    skipped: list = field(default_factory=list)      # (display path, why)
    suppressed: list = field(default_factory=list)   # findings silenced in source (verdict.py)
    settings_file: str = ""                          # the settings file read, "" for defaults
    accepted: int = 0               # findings the baseline accepted (not among those reported)


def not_checked(ctx) -> list[str]:
    """Lines that say what a clean result does not cover: skipped files and why, findings
    suppressed in source per rule, the settings file used."""
    from collections import Counter

    lines = []
    skipped = getattr(ctx, "skipped", None) or []
    if skipped:
        why = Counter(reason for _, reason in skipped)
        parts = ", ".join(f"{n} {reason}" for reason, n in sorted(why.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(printable(f"Not checked: {len(skipped)} path{'s' * (len(skipped) != 1)} ({parts})."))
    suppressed = getattr(ctx, "suppressed", None) or []
    if suppressed:
        per_rule = Counter(f.rule for f in suppressed)
        parts = ", ".join(f"{rule} {n}" for rule, n in sorted(per_rule.items()))
        lines.append(printable(f"Suppressed in source: {len(suppressed)} ({parts})."))
    if getattr(ctx, "settings_file", ""):
        lines.append(printable(f"Settings: {ctx.settings_file}."))
    return lines


class SourceLines:
    """The text of each reported file, read once and decoded as the engine read it, so reporters
    quote and fingerprint the same lines the engine counted. A file named by a source map is
    quoted only when it is inside the project (a map may name any path)."""

    def __init__(self, ctx: ReportContext):
        self.ctx = ctx
        self.files: dict = {}
        # the last line asked for: findings come sorted by line, and slicing a 20 MB minified
        # line again for each of its findings copied 20 MB per finding
        self._last: tuple = (None, None)

    def line(self, path: str, number: int):
        if self._last[0] == (path, number):
            return self._last[1]
        file = self.file(path)
        if file is None or not 1 <= number <= len(file.line_starts):
            return None
        text = file.line_text(number)
        self._last = ((path, number), text)
        return text

    def file(self, path: str):
        """The SourceFile of a display path, or None when it cannot be read."""
        from minislint.decode import DecodeProblem, decode_lenient
        from minislint.source import SourceFile

        if path not in self.files:
            text = self.ctx.sources.get(path)
            if text is None:
                try:
                    text = decode_lenient(Path(self.ctx.cwd, path).read_bytes())[0]
                except (OSError, DecodeProblem, ValueError):
                    text = None
            self.files[path] = SourceFile(Path(path), path, text) if text is not None else None
        return self.files[path]

    def finding_line(self, f):
        """The source line of a finding, or None when it cannot or may not be read."""
        if f.generated is not None:
            from minislint.bundle import may_quote  # a source map may name any path (issue 5)

            if not may_quote(f.path, f.generated.path, self.ctx.cwd):
                return None
        return self.line(f.path, f.line)


# What a terminal, a CI log or a runner reading workflow commands must never receive raw: C0/C1
# controls (ESC sequences, CR/LF that start a new `::command::` line), line and paragraph
# separators, bidi overrides, and lone surrogates (not encodable: the run ended with no report).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(m) -> str:
    c = ord(m.group())
    if 0xDC80 <= c <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{c - 0xDC00:02x}"
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text: str) -> str:
    """`text` with every character of `_UNSAFE` written as a visible escape (`\\x1b`, `\\n`...)."""
    return _UNSAFE.sub(_escape, text) if not text.isprintable() else text


def unicode_safe(value):
    """`value` (a str, or lists and dicts of them) with lone surrogates written as escapes, so
    JSON and SARIF stay valid UTF-8 whatever a file name or a string in the code held."""
    if isinstance(value, str):
        return _SURROGATE.sub(_escape, value) if not value.isascii() else value
    if isinstance(value, list):
        return [unicode_safe(v) for v in value]
    if isinstance(value, dict):
        return {unicode_safe(k): unicode_safe(v) for k, v in value.items()}
    return value


def render(fmt: str, findings: list, ctx: ReportContext) -> str:
    module = importlib.import_module(f"minislint.report.{fmt}_report")
    return module.render(findings, ctx)
