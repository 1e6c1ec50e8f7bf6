"""The one record every rule produces and every reporter prints."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from minislint.fixes import Fix

SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Location:
    path: str
    line: int
    column: int


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    # Set when the finding was mapped through a source map: where it sits in the shipped file.
    generated: Optional[Location] = None
    # "core-js@3.50.0" when the code belongs to a dependency, not to the user's own source.
    package: Optional[str] = None
    # Edits that repair it (fixes.Fix, file offsets); every filter passes it through untouched.
    fix: Optional["Fix"] = None

    def sort_key(self):
        return (self.path, self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict:
        d = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "endLine": self.end_line,
            "endColumn": self.end_column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
        if self.generated:
            d["generated"] = {"path": self.generated.path, "line": self.generated.line,
                              "column": self.generated.column}
        if self.package:
            d["package"] = self.package
        if self.fix is not None:
            d["fix"] = self.fix.to_dict()
        return d
