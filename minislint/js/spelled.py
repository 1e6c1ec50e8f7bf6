"""The trigger pre-filter: does a fragment's text spell one of a rule's names?

A rule is skipped on a fragment whose text contains none of its triggers (`eval`, `Function`,
`iframe`...), which makes most files cheap. Evasive code spells no name whole:
`window[["ev", "al"].join("")]`, `self["Func" + "tion"]`, `w["\\x65val"]`,
`document.createElement("ifr" + "ame")`. The value service folds exactly such names, from
string literal pieces, so a JS fragment also counts as spelling a trigger when the trigger is
the concatenation of string literal pieces found in its text (escapes decoded). This is looked
at only when no trigger is spelled whole: one scan of the string literals per such fragment,
done once and shared by all rules (about 1 s over the 3.9 MB bench corpus, and few files
pass by it: see docs/architecture.md).
"""
from __future__ import annotations

import re

# Quoted strings and template chunks up to their end or first substitution; one line for
# quotes, so an odd quote costs at most the rest of its line.
# (bytes: offsets are the UTF-8 ones the candidate search works in)
_STRINGS_BYTES = re.compile(rb'"((?:[^"\\\r\n]|\\.)*)"|\'((?:[^\'\\\r\n]|\\.)*)\'|`((?:[^`\\$]|\\[\s\S]|\$(?!\{))*)(?:`|\$\{)')
_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|([\s\S]))")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_MAX_PIECE = 40  # triggers are short names; longer literals cannot be a piece of one


def _decode(raw: str) -> str:
    if "\\" not in raw:
        return raw

    def one(m):
        hex2, brace, hex4, other = m.groups()
        code = hex2 or brace or hex4
        if code is not None:
            value = int(code, 16)
            return chr(value) if value <= 0x10FFFF else ""
        return _SIMPLE.get(other, "" if other in "\r\n" else other)

    return _ESCAPE.sub(one, raw)


class Spelled:
    """Which triggers a fragment's text spells, whole or (JS only) assembled from pieces."""

    def __init__(self, text: str, js: bool):
        self.text = text
        self.js = js
        self._pieces = None
        self._spans = None
        self._known: dict = {}  # trigger -> assembled or not (asked once per rule that has it)

    def any(self, triggers) -> bool:
        text = self.text
        if any(t in text for t in triggers):
            return True
        if not self.js:
            return False
        return any(self.assembled(t) for t in triggers)

    def pieces(self) -> frozenset:
        if self._pieces is None:
            self._scan()
        return self._pieces

    def spans(self) -> dict:
        """piece -> [(raw, start, end)], byte offsets in the UTF-8 text, of the string literals
        that can be a piece of a longer word (two characters or more, short): the candidate
        search's hits (minislint/js/candidates.py)."""
        if self._spans is None:
            self._scan()
        return self._spans

    def _scan(self) -> None:
        """One pass over the string literals, at byte offsets (the candidate search's unit)."""
        found, spans = set(), {}
        for m in _STRINGS_BYTES.finditer(self.text.encode("utf-8", "surrogatepass")):
            raw = m.group(1) if m.group(1) is not None else m.group(2) if m.group(2) is not None else m.group(3)
            if raw and len(raw) <= _MAX_PIECE * 16:  # UTF-8: up to 4 bytes a character
                raw = raw.decode("utf-8", "surrogatepass")
                if len(raw) <= _MAX_PIECE * 4:
                    piece = _decode(raw)
                    if 0 < len(piece) <= _MAX_PIECE:
                        found.add(piece)
                        if len(piece) > 1 and len(raw) <= _MAX_PIECE:
                            spans.setdefault(piece, []).append((raw, m.start(), m.end()))
        self._pieces, self._spans = frozenset(found), spans

    def assembled(self, trigger: str) -> bool:
        """Whether `trigger` is a concatenation of pieces (word break, by dynamic programming)."""
        known = self._known.get(trigger)
        if known is None:
            known = self._known[trigger] = self._break(trigger)
        return known

    def _break(self, trigger: str) -> bool:
        pieces = [p for p in self.pieces() if p in trigger]
        if not pieces:
            return False
        n = len(trigger)
        reach = [False] * (n + 1)
        reach[0] = True
        for i in range(n):
            if reach[i]:
                for p in pieces:
                    if trigger.startswith(p, i):
                        reach[i + len(p)] = True
        return reach[n]
