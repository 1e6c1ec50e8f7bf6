"""`--fix` and `--diff`: apply the fixes findings carry to the files they were found in.

Per file, in memory: apply the fixes that do not overlap, lint the new text, apply what the new
findings offer, until nothing more applies (at most MAX_ROUNDS). A round whose edits make the file
stop parsing is undone and its fixes are tried one at a time. `--diff` prints the change as a
unified diff; `--fix` writes each changed file once, atomically, and only when its bytes on disk are
still the ones that were linted.
"""
from __future__ import annotations

import codecs
import difflib
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from minislint.decode import DecodeProblem, decode_lenient
from minislint.fixes import apply_edits, text_digest

MAX_ROUNDS = 10
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
         (codecs.BOM_UTF8, "utf-8"))
_BROKEN = ("syntax-error",)


@dataclass
class FileChange:
    path: Path
    display: str
    data: bytes          # the bytes read (and linted)
    before: str
    after: str
    fixed: int           # findings fixed


@dataclass
class Outcome:
    changes: list = field(default_factory=list)    # FileChange, one per changed file
    notes: list = field(default_factory=list)      # (display path, why a file was left alone)
    hidden_unsafe: int = 0                          # fixes that only --unsafe-fixes applies

    @property
    def fixed(self) -> int:
        return sum(c.fixed for c in self.changes)


def plan(findings, unsafe: bool) -> tuple[dict, int]:
    """{display path: [fix, ...]} of the fixes `--fix` applies, and how many unsafe ones wait."""
    by_path = defaultdict(list)
    hidden = 0
    for f in findings:
        # A finding mapped through a source map never has a fix (fixes.in_file); a source
        # finding that also ships in a bundle (runner.merge_shipped) keeps its own.
        if f.fix is None:
            continue
        if f.fix.applies(unsafe):
            by_path[f.path].append(f.fix)
        elif f.fix.applicability == "unsafe":
            hidden += 1
    return by_path, hidden


def fix_findings(engine, findings, unsafe: bool = False) -> Outcome:
    """Work out every file's fixed text (nothing is written: see `write`)."""
    by_path, hidden = plan(findings, unsafe)
    out = Outcome(hidden_unsafe=hidden)
    for display, fixes in sorted(by_path.items()):
        path = Path(display)
        try:
            if path.is_symlink():
                out.notes.append((display, "not fixed: a symbolic link (fix the file it points to)"))
                continue
            data = path.read_bytes()
        except OSError as err:
            out.notes.append((display, f"not fixed: cannot read it ({err.strerror or err})"))
            continue
        try:
            text, problem = decode_lenient(data)
        except DecodeProblem as err:
            problem = err
        if problem is not None:
            out.notes.append((display, "not fixed: it is not valid text, and writing it back would "
                                       "change bytes no fix touches"))
            continue
        if any(f.digest != text_digest(text) for f in fixes):
            out.notes.append((display, "not fixed: it changed since it was checked; run again"))
            continue
        after, count = _rounds(engine, path, text, fixes, unsafe)
        if after != text:
            out.changes.append(FileChange(path, display, data, text, after, count))
    return out


def fix_text(engine, path: Path, text: str, unsafe: bool = False) -> tuple[str, int]:
    """`text` as if it were `path`, with every fix applied that --fix (or --unsafe-fixes) would:
    the fixed text and how many findings were fixed (editors' "fix all", tests)."""
    by_path, _ = plan(engine.lint_text(path, text), unsafe)
    return _rounds(engine, path, text, [f for fs in by_path.values() for f in fs], unsafe)


def _rounds(engine, path: Path, text: str, fixes: list, unsafe: bool) -> tuple[str, int]:
    lintable = engine.wants(path)
    broken = _broken(engine, path, text) if lintable else 0
    count = 0
    for _ in range(MAX_ROUNDS):
        new, applied = apply_edits(text, fixes)
        if not applied:
            break
        if lintable and _broken(engine, path, new) > broken:
            new, applied = _one_by_one(engine, path, text, applied, broken)
            if not applied:
                break
        text, count = new, count + len(applied)
        if not lintable:
            break  # minis.config.json: its findings come from the project check, run once
        fixes, _ = plan(engine.lint_text(path, text), unsafe)
        fixes = [f for fs in fixes.values() for f in fs]
    return text, count


def _broken(engine, path, text) -> int:
    return sum(1 for f in engine.lint_text(path, text) if f.rule in _BROKEN)


def _one_by_one(engine, path, text, fixes, broken):
    """The fixes that keep the file parsing, applied one at a time on top of each other."""
    kept = []
    for fix in fixes:
        trial, applied = apply_edits(text, kept + [fix])
        if len(applied) == len(kept) + 1 and _broken(engine, path, trial) <= broken:
            kept.append(fix)
    return apply_edits(text, kept)


def unified_diff(change: FileChange) -> str:
    """A diff `git apply` and `patch -p1` accept (a/ and b/ prefixes, newline markers)."""
    name = change.display
    before, after = _lines(change.before), _lines(change.after)
    lines = []
    for line in difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"):
        if line.startswith(("---", "+++")):
            lines.append(line.rstrip("\n") + "\n")
            continue
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)


def _lines(text: str) -> list:
    """Lines as git sees them: only LF ends one (str.splitlines also splits at U+2028, \\f...)."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def write(change: FileChange) -> str | None:
    """Write one file atomically; None, or why it was left alone."""
    path = change.path
    try:
        if path.read_bytes() != change.data:
            return "not fixed: it changed while minislint was running; run again"
        encoded = _encode(change.data, change.after)
        mode = path.stat().st_mode & 0o7777
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".minislint-fix")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(encoded)
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as err:
        return f"not fixed: cannot write it ({err.strerror or err})"
    return None


def _encode(data: bytes, text: str) -> bytes:
    """The new text in the file's own encoding, keeping its byte-order mark."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return bom + text.encode(codec, "surrogatepass")
    return text.encode("utf-8", "surrogatepass")
