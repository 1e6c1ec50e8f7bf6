"""Newline normalisation that remembers where it came from.

html5lib and tinycss2 both turn ``\\r\\n`` into ``\\n`` before they count anything, so every
position they know is off by one per CRLF seen. :class:`Normalized` holds the text they see
and maps an index in it back to the original text.
"""
from __future__ import annotations

import bisect


class Normalized:
    """``text`` with every ``\\r\\n`` folded to ``\\n``; ``original(i)`` undoes the fold.

    A lone ``\\r`` (and, for CSS, ``\\f``) is left alone here: the libraries turn it into one
    ``\\n``, which keeps every index. An index at a folded ``\\n`` maps to its ``\\r``, so a range
    that starts or ends at a line break covers the whole CRLF pair.
    """

    def __init__(self, original: str):
        self.source = original
        self._folds: list[int] = []  # normalized index of each "\n" whose "\r" was dropped
        if "\r\n" not in original:
            self.text = original
            return
        parts = original.split("\r\n")
        pos = 0
        for part in parts[:-1]:
            pos += len(part)
            self._folds.append(pos)
            pos += 1
        # A lone "\r" becomes "\n" here, as the libraries would make it: left as "\r", the one
        # before a CRLF ("\r\r\n") would form a new CRLF after the fold, folded again unseen.
        self.text = "\n".join(parts).replace("\r", "\n")

    def original(self, index: int) -> int:
        return index + bisect.bisect_left(self._folds, index)
