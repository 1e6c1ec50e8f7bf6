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


def render(fmt: str, findings: list, ctx: ReportContext) -> str:
    module = importlib.import_module(f"minislint.report.{fmt}_report")
    return module.render(findings, ctx)
