"""The fix model: edits a finding may carry, as ruff's (safe / unsafe fixes) and ESLint's
(suggestions shown only in the editor).

A rule builds a `Fix` with offsets into its fragment (`ctx.report(node, msg, fix=...)`); the engine
turns them into offsets into the file's decoded text in one place, `in_file`, through
`Fragment.file_offset`, so an edit inside an inline <script>, a Vue block or a type-erased
TypeScript file lands where the user's text is. Applying fixes is `minislint/apply_fixes.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

SAFE, UNSAFE, SUGGESTION = "safe", "unsafe", "suggestion"
APPLICABILITIES = (SAFE, UNSAFE, SUGGESTION)

# A line this long is minified or generated code: nobody edits it by hand, so it gets no fix.
_MINIFIED_LINE = 1000
_MAP_COMMENT = re.compile(r"[#@][ \t]*sourceMappingURL=")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_BREAKS = "\r\n\u2028\u2029"


@dataclass(frozen=True)
class Edit:
    """Replace `[start, end)` of the text with `text` (offsets in code points).

    `path` is set only for an edit in another file than the finding's (an editor suggestion that
    adds a trusted domain to minis.config.json); its offsets are into that file's decoded text."""

    start: int
    end: int
    text: str
    path: Optional[str] = None

    def to_dict(self) -> dict:
        d = {"start": self.start, "end": self.end, "text": self.text}
        if self.path is not None:
            d["path"] = self.path
        return d


@dataclass(frozen=True)
class Fix:
    message: str                 # what the fix does, imperative: "Remove the unused directive"
    edits: tuple                 # of Edit, non-overlapping
    applicability: str = SAFE
    digest: Optional[str] = None  # of the file text the offsets index (set by `in_file`)

    def __post_init__(self):
        if self.applicability not in APPLICABILITIES:
            raise ValueError(f"unknown fix applicability {self.applicability!r}")

    def applies(self, unsafe: bool = False) -> bool:
        """Whether `--fix` (with `--unsafe-fixes` when `unsafe`) applies it; suggestions never."""
        return self.applicability == SAFE or unsafe and self.applicability == UNSAFE

    def to_dict(self) -> dict:
        d = {"message": self.message, "applicability": self.applicability,
             "edits": [e.to_dict() for e in self.edits]}
        if self.digest is not None:
            d["digest"] = self.digest
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Fix":
        return cls(d["message"], tuple(Edit(e["start"], e["end"], e["text"], e.get("path"))
                                       for e in d["edits"]), d["applicability"], d.get("digest"))


def replace(start: int, end: int, text: str, message: str, applicability: str = SAFE) -> Fix:
    return Fix(message, (Edit(start, end, text),), applicability)


def removal(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to delete so that `text[start:end]` goes without leaving a hole: its whole
    line(s) with the line break when nothing else is on them, else the blanks on one side."""
    line_start = max(text.rfind(c, 0, start) for c in _BREAKS) + 1
    line_end = min((i for i in (text.find(c, end) for c in _BREAKS) if i >= 0), default=len(text))
    before, after = text[line_start:start], text[end:line_end]
    if not before.strip() and not after.strip():
        above = text[max(text.rfind(c, 0, max(0, line_start - 2)) for c in _BREAKS) + 1:line_start]
        if "minislint-disable-next-line" in above:
            return line_start, line_end  # keep the line: the directive above must not move down
        if text.startswith("\r\n", line_end):
            return line_start, line_end + 2
        return line_start, min(line_end + 1, len(text))
    if not after.strip():
        return line_start + len(before.rstrip()), line_end    # `code; // comment`
    return start, end + len(after) - len(after.lstrip())      # `/* comment */ code`


def line_indent(text: str, offset: int) -> tuple[int, str]:
    """(start of the line holding `offset`, the blanks that begin it)."""
    line_start = max(text.rfind(c, 0, offset) for c in _BREAKS) + 1
    line = text[line_start:offset]
    return line_start, line[:len(line) - len(line.lstrip(" \t"))]


def newline_of(text: str) -> str:
    """The file's own line break, for inserted lines."""
    m = _NEWLINE.search(text)
    return m.group(0) if m else "\n"


def fixable_file(file, settings=None) -> bool:
    """Fixes are offered for the text people write, never for what a build wrote: no file with a
    source map comment (its source is what to fix), no minified file, nothing in the build output
    folder of a Minis project (the next build overwrites it)."""
    cached = getattr(file, "_fixable", None)
    if cached is None:
        text = file.text
        cached = not _MAP_COMMENT.search(text) and not _long_line(text) \
            and not file.path.name.lower().endswith((".min.js", ".min.css", ".min.mjs")) \
            and not _in_build_output(file.path, settings)
        file._fixable = cached
    return cached


def _in_build_output(path, settings) -> bool:
    from minislint.minis.readiness import project_shape

    shape = project_shape(path, settings)
    if shape.output_dir is None or shape.output_dir == shape.root:
        return False
    try:
        path.resolve().relative_to(shape.output_dir)
        return True
    except ValueError:
        return False


def _long_line(text: str) -> bool:
    start = 0
    n = len(text)
    while start < n:
        nl = text.find("\n", start)
        end = n if nl < 0 else nl
        if end - start > _MINIFIED_LINE:
            return True
        start = end + 1
    return False


def in_file(fix: Fix, fragment, file, settings=None) -> Optional[Fix]:
    """`fix` with fragment offsets turned into file offsets, or None when it cannot be applied
    there: the fragment was reached through a source map, the file is generated, or an edited
    range does not stand in the file as it does in the fragment (type-erased TypeScript, where an
    edit spanning an annotation would delete text the parser never saw)."""
    if not fixable_file(file, settings) or fragment is not None and getattr(fragment, "origin", None) is not None:
        return None
    if fragment is None:
        return Fix(fix.message, fix.edits, fix.applicability, _file_digest(file))
    edits = []
    for e in fix.edits:
        if e.path is not None:
            edits.append(e)
            continue
        if not 0 <= e.start <= e.end <= len(fragment.text):
            return None
        s, t = fragment.file_offset(e.start), fragment.file_offset(e.end)
        if t - s != e.end - e.start or file.text[s:t] != fragment.text[e.start:e.end] \
                or not _fits(e.text, fragment.meta.get("embedded")):
            return None
        edits.append(Edit(s, t, e.text))
    return Fix(fix.message, tuple(edits), fix.applicability, _file_digest(file))


def _file_digest(file) -> str:
    digest = getattr(file, "_digest", None)
    if digest is None:
        digest = file._digest = text_digest(file.text)
    return digest


def _fits(text: str, embedded) -> bool:
    """Whether `text` can stand as it is in the markup around the fragment: an attribute value
    takes no quote or `&` unescaped, an inline <script> no `</script` or `<!--`."""
    if embedded in ("event-handler", "style-attribute"):
        return not any(c in text for c in "\"'&")
    if embedded == "script":
        lower = text.lower()
        return "</script" not in lower and "<!--" not in lower
    return True


def text_digest(text: str) -> str:
    """Names the text a fix was computed for: `--fix` writes only while the file still has it."""
    import hashlib  # here: OpenSSL's load is a cost an editor's check without fixes need not pay

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def apply_edits(text: str, fixes: list) -> tuple[str, list]:
    """Apply the fixes whose edits overlap no edit of an earlier one (ruff's rule: the rest wait
    for the next round, after a re-lint). Returns the new text and the fixes applied."""
    taken: list = []   # (start, end) of accepted edits
    chosen = []
    seen = set()       # edits of accepted fixes
    for fix in fixes:
        if any(e.path is not None for e in fix.edits):
            continue  # edits another file: an editor suggestion only
        if fix.edits and set(fix.edits) <= seen:
            chosen.append(fix)  # the same edit for another finding (two unused ids of one directive)
            continue
        spans = [(e.start, e.end) for e in fix.edits]
        if any(_conflict(a, b) for a in spans for b in taken) or \
                any(_conflict(a, b) for i, a in enumerate(spans) for b in spans[:i]):
            continue
        taken.extend(spans)
        seen.update(fix.edits)
        chosen.append(fix)
    edits = sorted(seen, key=lambda e: (e.start, e.end))
    out, pos = [], 0
    for e in edits:
        out.append(text[pos:e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out), chosen


def _conflict(a, b) -> bool:
    """Two edits overlap, or are insertions at one point (their order would be a guess)."""
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return lo < hi or lo == hi and (a[0] == a[1] or b[0] == b[1])
