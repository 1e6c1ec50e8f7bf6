"""UTF-8 byte offsets (what tree-sitter reports) to code-point offsets (what Python str uses):
the one conversion, for the JavaScript tree (js/tree.py) and TypeScript blanking (ts/erase.py)."""
from __future__ import annotations

import re
from bisect import bisect_right

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


class ByteToChar:
    """Maps a UTF-8 byte offset of `text` to its code-point offset in O(log n).

    Only the non-ASCII characters are recorded, so an ASCII text (most source code) costs nothing.
    """

    def __init__(self, text: str):
        self._ends: list[int] = []   # byte offset just after each non-ASCII character
        self._extra: list[int] = []  # bytes beyond one per character, up to and including it
        if text.isascii():
            return
        more = 0
        for m in _NON_ASCII.finditer(text):
            i = m.start()
            for ch in m.group():
                n = 2 if ch < "\u0800" else 3 if ch < "\U00010000" else 4
                self._ends.append(i + more + n)
                more += n - 1
                self._extra.append(more)
                i += 1

    @property
    def identity(self) -> bool:
        """Whether every byte offset is its code-point offset (an ASCII text)."""
        return not self._ends

    def __call__(self, byte_offset: int) -> int:
        if not self._ends:
            return byte_offset
        i = bisect_right(self._ends, byte_offset)
        return byte_offset - (self._extra[i - 1] if i else 0)

    cp = __call__
