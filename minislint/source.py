"""Where code comes from: a file on disk, and the fragments of it that parsers see.

Rules report offsets into a fragment; only this module turns offsets into lines and columns, so
an inline <script>, a Vue block or a type-erased TypeScript file reports in the file the user edits.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Protocol

# ESLint's line terminators: a finding's line number matches what ESLint and editors show.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")


@dataclass(frozen=True)
class Origin:
    """Where generated code was written (a source map's answer)."""

    path: Optional[str]   # None: the bundler's own runtime code, which has no file
    line: int
    column: int
    package: Optional[str] = None


class OriginMap(Protocol):
    def original(self, line: int, column: int) -> Optional[Origin]:
        """Original position for a 1-based generated position, or None when unmapped."""


class SourceFile:
    """A file's decoded text; `position()` maps offsets to 1-based (line, column) in code points."""

    def __init__(self, path: Path, display: str, text: str):
        self.path = path
        self.display = display
        self.text = text
        self._starts: Optional[list[int]] = None

    @property
    def line_starts(self) -> list[int]:
        if self._starts is None:  # computed on demand: most files have no finding
            self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_text(self, line: int) -> str:
        starts = self.line_starts
        if not 1 <= line <= len(starts):
            return ""
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[starts[line - 1]:end].rstrip("\r\n\u2028\u2029")


@dataclass
class Fragment:
    """A piece of one language inside a file: `text[i]` stands at `file.text[offset + i]`."""

    file: SourceFile
    language: str
    text: str
    offset: int = 0
    module: Optional[bool] = None
    origin: Optional[OriginMap] = None
    meta: dict[str, Any] = field(default_factory=dict)

    def file_offset(self, index: int) -> int:
        return self.offset + index
