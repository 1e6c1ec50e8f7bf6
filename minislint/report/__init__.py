"""Where findings are printed: one module per output format, each `render(findings, ctx) -> str`."""
from __future__ import annotations

import importlib
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
    accepted: int = 0               # findings the baseline accepted (not among those reported)


class SourceLines:
    """The text of each reported file, read once and decoded as the engine read it, so reporters
    quote and fingerprint the same lines the engine counted. A file named by a source map is
    quoted only when it is inside the project (a map may name any path)."""

    def __init__(self, ctx: ReportContext):
        self.ctx = ctx
        self.files: dict = {}

    def line(self, path: str, number: int):
        file = self.file(path)
        if file is None or not 1 <= number <= len(file.line_starts):
            return None
        return file.line_text(number)

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


def render(fmt: str, findings: list, ctx: ReportContext) -> str:
    module = importlib.import_module(f"minislint.report.{fmt}_report")
    return module.render(findings, ctx)
