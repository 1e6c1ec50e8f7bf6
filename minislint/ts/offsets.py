"""Byte offsets (what tree-sitter reports, UTF-8) to code-point offsets (what Python str uses)."""
from __future__ import annotations

import bisect
import re

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class ByteToChar:
    """Maps a UTF-8 byte offset of `text` to its code-point offset in O(log n).

    Only the non-ASCII characters are recorded, so an ASCII file (most source code) costs nothing.
    """

    def __init__(self, text: str):
        self._ends: list[int] = []  # byte offset just after each non-ASCII character
        self._extra: list[int] = []  # bytes beyond one per character, up to and including it
        extra = 0
        for m in _NON_ASCII.finditer(text):
            width = len(m.group().encode("utf-8", "surrogatepass"))
            self._ends.append(m.start() + extra + width)
            extra += width - 1
            self._extra.append(extra)

    @property
    def identity(self) -> bool:
        """Whether every byte offset is its code-point offset (an ASCII text)."""
        return not self._ends

    def __call__(self, byte_offset: int) -> int:
        i = bisect.bisect_right(self._ends, byte_offset)
        return byte_offset - (self._extra[i - 1] if i else 0)
