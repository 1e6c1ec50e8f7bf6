"""JSON with exact positions, and errors a person can act on.

`minis.config.json` findings must point at the line of a value, and the platform's own docs
show the file with `//` comments and trailing commas, which JSON (and the Minis CLI) refuses.
The stdlib parser gives neither positions of values nor a word on *why* the text is not JSON,
so this is a small recursive-descent parser.  Strings and numbers are read with the stdlib's
own `scanstring` / `NUMBER_RE` so escapes and number syntax are exactly JSON's.

Comments, trailing commas and a missing comma between members are *recoverable*: they are
recorded in `Document.problems` and parsing goes on, so one run reports all of them and the
rest of the file can still be validated.  Anything else stops at `Document.error`.
"""
from __future__ import annotations

import bisect
import functools
import json.decoder
import re
import json.scanner
from dataclasses import dataclass, field
from typing import Any

_WS = " \t\n\r"
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")
_MAX_DEPTH = 256  # deeper nesting is not a config file; avoids RecursionError
_VALUE_START = '"{[-0123456789tfn'
_LOOKALIKE = {
    "\u00a0": "a non-breaking space (U+00A0, often copied from a web page) is not JSON whitespace",
    "\u201c": "a curly quote \u201c is not a JSON quote: use a straight double quote \"",
    "\u201d": "a curly quote \u201d is not a JSON quote: use a straight double quote \"",
    "'": "JSON strings use double quotes, not single quotes",
}


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of `offset`, with the core's line terminators
    (\\r\\n, \\r, \\n, U+2028, U+2029), so messages agree with findings."""
    starts = _line_starts(text)
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


@functools.lru_cache(maxsize=4)
def _line_starts(text: str) -> list[int]:
    # Once per text: each problem rescanning from the top made a 192 kB file of comments
    # (a problem each) take three minutes.
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


@dataclass
class Problem:
    """A syntax problem at `start`..`end` (offsets into the parsed text)."""

    kind: str  # comment | trailing-comma | missing-comma | syntax | depth
    message: str
    start: int
    end: int
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


@dataclass
class Member:
    key: str
    key_start: int
    key_end: int
    value: "Node"


@dataclass
class Node:
    kind: str  # object | array | string | number | boolean | null
    value: Any  # the plain Python value (dict keeps the last duplicate, like JSON.parse)
    start: int
    end: int
    members: list[Member] = field(default_factory=list)  # objects, in source order
    items: list["Node"] = field(default_factory=list)  # arrays

    def get(self, key: str) -> "Node | None":
        """The value node of `key` (the last one, as JSON.parse keeps), or None."""
        for member in reversed(self.members):
            if member.key == key:
                return member.value
        return None

    def member(self, key: str) -> "Member | None":
        for member in reversed(self.members):
            if member.key == key:
                return member
        return None


@dataclass
class Document:
    text: str
    root: Node | None
    problems: list[Problem]  # recoverable: parsing went on
    error: Problem | None  # fatal: parsing stopped here, `root` is None
    duplicates: list[tuple[Member, Member]]  # (earlier, later) members with the same key

    @property
    def strict_ok(self) -> bool:
        """True when the text is plain JSON (what the Minis CLI can read)."""
        return self.error is None and not self.problems

    @property
    def all_problems(self) -> list[Problem]:
        return self.problems + ([self.error] if self.error else [])


class _Stop(Exception):
    pass


class _Parser:
    def __init__(self, text: str):
        self.s = text
        self.i = 0
        self.problems: list[Problem] = []
        self.duplicates: list[tuple[Member, Member]] = []

    # -- errors ------------------------------------------------------------
    def _problem(self, kind: str, message: str, start: int, end: int | None = None) -> Problem:
        line, col = line_col(self.s, start)
        return Problem(kind, message, start, start + 1 if end is None else end, line, col)

    def fail(self, message: str, start: int | None = None, end: int | None = None, kind="syntax"):
        at = self.i if start is None else start
        raise _Stop(self._problem(kind, message, at, end))

    def _describe(self, at: int) -> str:
        if at >= len(self.s):
            return "the end of the file"
        ch = self.s[at]
        if ch.isalpha():  # name the whole word: `or`, `undefined`, `NaN`
            end = at
            while end < len(self.s) and (self.s[end].isalnum() or self.s[end] in "_$"):
                end += 1
            return f"`{self.s[at:end]}`"
        return repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"

    def unexpected(self, expected: str):
        at = self.i
        ch = self.s[at] if at < len(self.s) else ""
        if ch in _LOOKALIKE:
            self.fail(f"{_LOOKALIKE[ch]} (expected {expected})")
        self.fail(f"expected {expected}, found {self._describe(at)}")

    # -- whitespace and comments --------------------------------------------
    def skip(self):
        s, n = self.s, len(self.s)
        while self.i < n:
            ch = s[self.i]
            if ch in _WS:
                self.i += 1
            elif ch == "/" and s.startswith("//", self.i):
                start = self.i
                while self.i < n and s[self.i] not in "\r\n\u2028\u2029":
                    self.i += 1
                self.problems.append(self._problem(
                    "comment", "JSON does not allow comments: remove this `//` comment "
                    "(the Minis docs' examples carry them, the CLI cannot read them)",
                    start, self.i))
            elif ch == "/" and s.startswith("/*", self.i):
                start, close = self.i, s.find("*/", self.i + 2)
                if close < 0:
                    self.fail("unterminated `/*` comment (and JSON does not allow comments)",
                              start, start + 2, kind="comment")
                self.i = close + 2
                self.problems.append(self._problem(
                    "comment", "JSON does not allow comments: remove this `/* */` comment",
                    start, self.i))
            else:
                return

    # -- values ------------------------------------------------------------
    def value(self, depth: int) -> Node:
        if depth > _MAX_DEPTH:
            self.fail(f"nested deeper than {_MAX_DEPTH} levels", kind="depth")
        self.skip()
        s, i = self.s, self.i
        ch = s[i] if i < len(s) else ""
        if ch == "{":
            return self.obj(depth)
        if ch == "[":
            return self.arr(depth)
        if ch == '"':
            text, end = self.string()
            return Node("string", text, i, end)
        for word, val in (("true", True), ("false", False), ("null", None)):
            if s.startswith(word, i):
                self.i = i + len(word)
                return Node("null" if val is None else "boolean", val, i, self.i)
        m = json.scanner.NUMBER_RE.match(s, i)
        if m:
            integer, frac, exp = m.groups()
            self.i = m.end()
            if integer.lstrip("-") == "0" and self.i < len(s) and s[self.i].isdigit():
                self.fail("JSON numbers cannot have leading zeros", i, self.i + 1)
            # past 4 300 digits int() raises (CPython's limit against quadratic conversion)
            num = float(integer + (frac or "") + (exp or "")) if frac or exp or len(integer) > 4000 \
                else int(integer)
            return Node("number", num, i, self.i)
        self.unexpected("a value (string, number, object, array, true, false or null)")
        raise AssertionError  # unreachable

    def string(self) -> tuple[str, int]:
        start = self.i
        try:
            text, end = json.decoder.scanstring(self.s, start + 1, True)
        except json.JSONDecodeError as exc:
            at = min(exc.pos, len(self.s))
            if exc.msg.startswith("Unterminated"):
                self.fail("unterminated string: the closing `\"` is missing", start)
            if exc.msg.startswith("Invalid control"):
                ch = self.s[at]
                what = "a line break" if ch in "\r\n" else f"the control character U+{ord(ch):04X}"
                self.fail(f"a JSON string cannot contain {what}: escape it", at)
            self.fail("invalid escape in string (JSON knows \\\" \\\\ \\/ \\b \\f \\n "
                      "\\r \\t \\uXXXX)", at)
        self.i = end
        return text, end

    def _comma_or_close(self, close: str, what: str, next_ok: str) -> bool:
        """After an element: True when another element follows.  A missing comma before
        something that clearly starts the next element is recorded, not fatal."""
        self.skip()
        s = self.s
        if self.i < len(s) and s[self.i] == ",":
            comma = self.i
            self.i += 1
            self.skip()
            if self.i < len(s) and s[self.i] == close:
                self.problems.append(self._problem(
                    "trailing-comma", f"JSON does not allow a trailing comma before `{close}`: "
                    "remove it", comma))
                return False
            return True
        if self.i < len(s) and s[self.i] == close:
            return False
        if self.i < len(s) and s[self.i] in next_ok:
            self.problems.append(self._problem(
                "missing-comma", f"missing `,` between {what}", self.i))
            return True
        self.unexpected(f"`,` or `{close}`")
        raise AssertionError  # unreachable

    def obj(self, depth: int) -> Node:
        start = self.i
        self.i += 1
        members: list[Member] = []
        seen: dict[str, Member] = {}
        self.skip()
        if self.i < len(self.s) and self.s[self.i] == "}":
            self.i += 1
            return Node("object", {}, start, self.i)
        while True:
            self.skip()
            key_start = self.i
            if key_start >= len(self.s) or self.s[key_start] != '"':
                ch = self.s[key_start] if key_start < len(self.s) else ""
                if ch.isalpha() or ch in "_$":
                    self.fail("property names must be in double quotes")
                self.unexpected("a property name in double quotes")
            key, key_end = self.string()
            self.skip()
            if self.i >= len(self.s) or self.s[self.i] != ":":
                self.unexpected(f"`:` after the property name \"{key}\"")
            self.i += 1
            member = Member(key, key_start, key_end, self.value(depth + 1))
            if key in seen:
                self.duplicates.append((seen[key], member))
            seen[key] = member
            members.append(member)
            if not self._comma_or_close("}", "members", '"'):
                break
        self.i += 1
        value = {m.key: m.value.value for m in members}
        return Node("object", value, start, self.i, members=members)

    def arr(self, depth: int) -> Node:
        start = self.i
        self.i += 1
        items: list[Node] = []
        self.skip()
        if self.i < len(self.s) and self.s[self.i] == "]":
            self.i += 1
            return Node("array", [], start, self.i)
        while True:
            items.append(self.value(depth + 1))
            if not self._comma_or_close("]", "array items", _VALUE_START):
                break
        self.i += 1
        return Node("array", [n.value for n in items], start, self.i, items=items)

    def document(self) -> Document:
        try:
            self.skip()
            if self.i >= len(self.s):
                self.fail("the file is empty: expected a JSON object")
            root = self.value(0)
            self.skip()
            if self.i < len(self.s):
                self.fail(f"unexpected {self._describe(self.i)} after the end of the JSON value")
        except _Stop as stop:
            return Document(self.s, None, self.problems, stop.args[0], self.duplicates)
        return Document(self.s, root, self.problems, None, self.duplicates)


def parse(text: str) -> Document:
    """Parse `text` (already decoded, BOM removed). Never raises on bad input."""
    return _Parser(text).document()
