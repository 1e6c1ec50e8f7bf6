"""A decoder of source maps (ECMA-426, "Source Map Format", revision 3).

Pure: no file system, no network. `bundle.py` finds, reads and resolves maps; this module
turns their JSON into a table answering "where was generated line L, column C written?".

Why hand-written: the PyPI packages (`sourcemap` 0.2.1, `jssourcemap`, `libsourcemap`,
`py-sourcemap`) stopped in 2017/2018; Sentry's maintained `symbolic` is a 19 MB wheel of
platform binaries whose lookup falls back to a segment on an *earlier* line, where ECMA-426
(and what a linter needs) is "nearest segment at or before the column on that same line".

Positions here are 0-based, columns in UTF-16 code units, as the format defines them.
"""

from __future__ import annotations

import bisect
import json
import re
from array import array
from dataclasses import dataclass

__all__ = ["SourceMap", "SourceMapError", "Mapping", "decode_vlq_line", "MAX_SEGMENTS"]

# Limits that keep a hostile or absurd map from eating the machine. A 5 MB minified vendor
# bundle has well under a million segments.
MAX_SEGMENTS = 4_000_000
MAX_SECTIONS = 10_000
# The format limits VLQ values to 32-bit signed integers: 7 base64 digits carry 35 bits.
_MAX_VLQ_DIGITS = 7
_INT32 = 2**31 - 1

_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# Spec: a map may start with this line to defeat cross-site script inclusion.
_XSSI_PREFIX = ")]}'"
_EMPTY = array("q")  # shared by every line without segments; "q": 64 bits on every OS


class SourceMapError(ValueError):
    """The map cannot be used: the message says why, for a note to the user."""


@dataclass(frozen=True)
class Mapping:
    """One original position. `source` is None for a segment that maps to nothing."""

    source: str | None  # as in the map, joined with sourceRoot; not yet resolved to a path
    line: int  # 0-based
    column: int  # 0-based, UTF-16 code units
    name: str | None = None
    content: str | None = None  # the source's `sourcesContent` entry, when the map has it


def decode_vlq_line(text: str, start: int = 0, end: int | None = None) -> list[list[int]]:
    """Decode the comma-separated segments of one generated line into lists of (relative)
    integers. Raises SourceMapError on a character outside base64, a value wider than
    32 bits or a value cut off by `,` / end of line."""
    end = len(text) if end is None else end
    segments: list[list[int]] = []
    fields: list[int] = []
    value = shift = digits = 0
    b64 = _B64
    i = start
    while i < end:
        ch = text[i]
        if ch == ",":
            if digits:
                raise SourceMapError(f"mappings: a VLQ value is cut off at character {i}")
            segments.append(fields)
            fields = []
            i += 1
            continue
        d = b64.get(ch)
        if d is None:
            raise SourceMapError(f"mappings: {ch!r} at character {i} is not base64 VLQ")
        digits += 1
        if digits > _MAX_VLQ_DIGITS:
            raise SourceMapError(f"mappings: a VLQ value longer than 32 bits at character {i}")
        value |= (d & 31) << shift
        shift += 5
        if not d & 32:
            n = value >> 1
            if n > _INT32:
                raise SourceMapError(f"mappings: a VLQ value longer than 32 bits at character {i}")
            fields.append(-n if value & 1 else n)
            value = shift = digits = 0
        i += 1
    if digits:
        raise SourceMapError(f"mappings: a VLQ value is cut off at character {i}")
    segments.append(fields)
    return segments


# One VLQ value: continuation digits (32..63: g-z, 0-9, +, /) then a final digit (0..31).
_VLQ_VALUE = re.compile(r"[g-z0-9+/]{0,6}[A-Za-f]")
_VALUE_CACHE: dict[str, int] = {}  # maps repeat the same few hundred values endlessly


def _decode_line_fast(text: str, start: int, end: int) -> list[list[int]]:
    """`decode_vlq_line` by regular expression and a value cache, about twice as fast; any
    anomaly (a stray character, an over-long or cut-off value) goes to the exact decoder,
    which raises with the character's position."""
    cache = _VALUE_CACHE
    out = []
    for seg in text[start:end].split(","):
        tokens = _VLQ_VALUE.findall(seg)
        if sum(map(len, tokens)) != len(seg):
            return decode_vlq_line(text, start, end)
        fields = []
        for tok in tokens:
            value = cache.get(tok)
            if value is None:
                try:
                    value = decode_vlq_line(tok)[0][0]
                except SourceMapError:  # over 32 bits: let the exact decoder say where
                    return decode_vlq_line(text, start, end)
                if len(cache) < 100_000:
                    cache[tok] = value
            fields.append(value)
        out.append(fields)
    return out


def join_source_root(root: str | None, source: str) -> str:
    """ECMA-426 prefixes sourceRoot (with a '/' between); a source that is already an
    absolute path or URL is left alone, as Mozilla's source-map library does."""
    if not root or source.startswith("/") or _SCHEME.match(source):
        return source
    return (root if root.endswith("/") else root + "/") + source


class _Part:
    """One regular map: per generated line, sorted columns and parallel original data."""

    __slots__ = ("sources", "contents", "names", "cols", "data", "dropped")

    def __init__(self, obj: dict, budget: list[int]):
        if obj.get("version") != 3:
            raise SourceMapError(f"version is {obj.get('version')!r}, not 3")
        if "sections" in obj:
            raise SourceMapError("an index map inside a section (not allowed by the format)")
        mappings = obj.get("mappings")
        if not isinstance(mappings, str):
            raise SourceMapError("`mappings` is missing or not a string")
        root = obj.get("sourceRoot")
        root = root if isinstance(root, str) else None
        sources = _list_of(obj, "sources")
        self.sources = [join_source_root(root, s) if isinstance(s, str) else None for s in sources]
        contents = _list_of(obj, "sourcesContent")
        self.contents = [c if isinstance(c, str) else None for c in contents]
        self.names = [n if isinstance(n, str) else None for n in _list_of(obj, "names")]
        self.cols: list[array] = []
        self.data: list[array] = []
        # Segments the format says to skip (index out of range, negative position).
        self.dropped = 0
        self._decode(mappings, budget)

    def _decode(self, mappings: str, budget: list[int]) -> None:
        # Counted before decoding so a hostile map is refused before it takes memory.
        budget[0] -= mappings.count(",") + mappings.count(";") + 1
        if budget[0] < 0:
            raise SourceMapError(f"more than {MAX_SEGMENTS:,} segments and lines")
        nsrc, nnames = len(self.sources), len(self.names)
        src = oline = ocol = name = 0  # these four are relative across the whole map
        pos = 0
        while True:
            semi = mappings.find(";", pos)
            end = len(mappings) if semi < 0 else semi
            cols = data = _EMPTY
            if end > pos:
                gcol = 0
                cl: list[int] = []
                dl: list[int] = []
                for fields in _decode_line_fast(mappings, pos, end):
                    n = len(fields)
                    if n == 4 or n == 5:
                        gcol += fields[0]
                        src += fields[1]
                        oline += fields[2]
                        ocol += fields[3]
                        nm = -1
                        if n == 5:
                            name += fields[4]
                            nm = name if 0 <= name < nnames else -1
                        if gcol < 0:
                            self.dropped += 1
                            continue
                        cl.append(gcol)
                        if 0 <= src < nsrc and oline >= 0 and ocol >= 0:
                            dl += (src, oline, ocol, nm)
                        else:
                            self.dropped += 1
                            dl += (-1, -1, -1, -1)
                    elif n == 1:
                        gcol += fields[0]
                        if gcol < 0:
                            self.dropped += 1
                            continue
                        cl.append(gcol)
                        dl += (-1, -1, -1, -1)
                    elif n:  # ",," is tolerated as an empty segment
                        raise SourceMapError(f"mappings: a segment with {n} fields (1, 4 or 5 expected)")
                if any(cl[k] > cl[k + 1] for k in range(len(cl) - 1)):
                    # Stable: of equal columns the first written stays first.
                    order = sorted(range(len(cl)), key=cl.__getitem__)
                    cl = [cl[k] for k in order]
                    dl = [v for k in order for v in dl[4 * k : 4 * k + 4]]
                cols, data = array("q", cl), array("q", dl)
            self.cols.append(cols)
            self.data.append(data)
            if semi < 0:
                break
            pos = semi + 1

    def lookup(self, line: int, column: int) -> Mapping | None:
        if not 0 <= line < len(self.cols):
            return None
        cols = self.cols[line]
        k = bisect.bisect_right(cols, column) - 1
        if k < 0:
            return None
        # Of several segments at that column, the first wins (as Mozilla's source-map).
        while k > 0 and cols[k - 1] == cols[k]:
            k -= 1
        s, ol, oc, nm = self.data[line][4 * k : 4 * k + 4]
        if s < 0 or self.sources[s] is None:
            return None
        content = self.contents[s] if s < len(self.contents) else None
        return Mapping(self.sources[s], ol, oc, self.names[nm] if nm >= 0 else None, content)


def _list_of(obj: dict, key: str) -> list:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise SourceMapError(f"`{key}` is not a list")
    return value


class SourceMap:
    """A decoded map, regular or index (`sections`)."""

    def __init__(self, parts: list[tuple[int, int, _Part]]):
        self._parts = parts  # (offset line, offset column, part), sorted by offset
        self._offsets = [(ln, col) for ln, col, _ in parts]

    @classmethod
    def parse(cls, data: str | bytes) -> SourceMap:
        """Decode the JSON text of a map. Raises SourceMapError (never anything else) when
        the map is not usable."""
        try:
            if isinstance(data, bytes):
                data = data.decode("utf-8-sig")
            if data.startswith(_XSSI_PREFIX):
                data = data.split("\n", 1)[1] if "\n" in data else ""
            obj = json.loads(data)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise SourceMapError(f"not valid JSON ({type(exc).__name__}: {str(exc)[:80]})") from None
        if not isinstance(obj, dict):
            raise SourceMapError("not a JSON object")
        budget = [MAX_SEGMENTS]
        if "sections" not in obj:
            return cls([(0, 0, _Part(obj, budget))])
        if obj.get("version") != 3:
            raise SourceMapError(f"version is {obj.get('version')!r}, not 3")
        sections = obj["sections"]
        if not isinstance(sections, list):
            raise SourceMapError("`sections` is not a list")
        if len(sections) > MAX_SECTIONS:
            raise SourceMapError(f"more than {MAX_SECTIONS:,} sections")
        parts = []
        for i, sec in enumerate(sections):
            try:
                off = sec["offset"]
                ln, col = off["line"], off["column"]
                if not (type(ln) is int and type(col) is int and ln >= 0 and col >= 0):
                    raise TypeError
                sub = sec["map"]  # `url` sections were dropped from the format
                if not isinstance(sub, dict):
                    raise TypeError
            except (KeyError, TypeError):
                raise SourceMapError(f"section {i} needs an `offset` {{line, column}} and a `map` object") from None
            if parts and (ln, col) < (parts[-1][0], parts[-1][1]):
                raise SourceMapError(f"section {i} starts before the section above it")
            parts.append((ln, col, _Part(sub, budget)))
        return cls(parts)

    @property
    def sources(self) -> list[str | None]:
        return [s for _, _, p in self._parts for s in p.sources]

    @property
    def dropped(self) -> int:
        """How many segments were skipped as out of range (worth a note, not an error)."""
        return sum(p.dropped for _, _, p in self._parts)

    def lookup(self, line: int, column: int) -> Mapping | None:
        """The original position of generated (line, column), both 0-based, column in UTF-16
        units: the nearest segment at or before the column on that line, or None."""
        k = bisect.bisect_right(self._offsets, (line, column)) - 1
        if k < 0:
            return None
        ln, col, part = self._parts[k]
        return part.lookup(line - ln, column - col if line == ln else column)
