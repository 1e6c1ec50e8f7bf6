"""Which findings a run keeps, past the engine's own filters (enabled rules, `minislint-disable`
comments): `per-file-ignores` from the settings, then a baseline of accepted findings.

`Policy.apply` is the one place: the runner calls it once with every finding of a run
(file-level, engine and project-level alike), and the CLI with the findings of standard input.

- per-file-ignores (ruff's name and shape): `{"node_modules/react-router/**" = ["no-navigation"]}`,
  gitignore-style globs relative to the settings file's folder, matched on the finding's path
  (its original location, e.g. the vendor source a bundle's map names) and on the file that was
  linted (the bundle), so a vendor glob accepts that package's code inside `dist/` and nothing else.
- baseline: a JSON file of findings accepted as they are. An entry matches by rule, path
  (relative to the baseline's folder) and the line's text with white space normalised, not by
  line number, so edits above a finding keep it matched. Where the line cannot be read (a
  missing file, vendor code whose node_modules may not be installed where CI runs) or is
  minified code (one long line that changes with every build) the message stands in for it,
  counted. A bundle's content hash in a file name (`index-Bo4bkgXq.js`, `main.c51d1252.js`) is
  stored as `*`, so the next build still matches. Entries nothing matched any more are stale:
  the problem was fixed.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Optional

from minislint.discovery import gitignore_spec

FORMAT = 1
_SPACE = re.compile(r"\s+")
_MAX_LINE = 200  # a longer line is minified code: the message stands in for it
# A bundler's content hash before the extension, with at least one digit and one letter:
# 8 base64url characters (Vite, Rollup, Rolldown, esbuild) or 8-32 hex digits (webpack).
_HASHED = re.compile(r"(?<=[.-])(?=[A-Za-z_-]*\d)(?=[\d_-]*[A-Za-z])(?:[A-Za-z0-9_-]{8}|[0-9a-f]{9,32})"
                     r"(?=(?:\.[A-Za-z0-9]+)+$)")
# A finding that means other findings were lost is never accepted, by a glob or a baseline.
_NEVER_ACCEPTED = frozenset(("internal-error",))


class BaselineError(Exception):
    """A baseline file that cannot be used: one line for the user, exit status 2."""


class Policy:
    def __init__(self, settings, baseline: Optional["Baseline"] = None, cwd: Optional[Path] = None,
                 sources: Optional[dict] = None):
        self.cwd = Path(cwd or Path.cwd()).absolute()
        self.root = Path(settings.root).absolute() if settings.root else self.cwd
        self.ignores = [(gitignore_spec([glob]), frozenset(rules))
                        for glob, rules in (settings.per_file_ignores or {}).items()]
        self.baseline = baseline
        self.sources = sources or {}

    def apply(self, findings: list) -> list:
        kept = [f for f in findings if f.rule in _NEVER_ACCEPTED or not self.ignored(f)]
        if self.baseline is not None:
            kept = self.baseline.filter(kept, self.key)
        return kept

    def stale(self) -> list:
        return self.baseline.stale() if self.baseline is not None else []

    def ignored(self, f) -> bool:
        if not self.ignores:
            return False
        paths = [f.path] + ([f.generated.path] if f.generated is not None else [])
        for path in paths:
            rel = self._relative(path)
            if any(f.rule in rules and spec.match_file(rel) for spec, rules in self.ignores):
                return True
        return False

    def _relative(self, path: str) -> str:
        """A display path (relative to the current folder) as the settings file sees it."""
        if "://" in path:
            return path
        absolute = Path(os.path.normpath(self.cwd / path))
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return path

    # -- baseline keys ---------------------------------------------------------------------------
    def key(self, f, folder: Path) -> tuple:
        """(rule, path relative to `folder`, what, value): what is "line" or "message" (see the
        module docstring)."""
        absolute = Path(os.path.normpath(self.cwd / f.path)) if "://" not in f.path else None
        try:
            rel = absolute.relative_to(folder).as_posix() if absolute else f.path
        except ValueError:
            rel = Path(os.path.relpath(absolute, folder)).as_posix()
        rel = stable_path(rel)
        text = None if f.package else self._line(f)
        text = _SPACE.sub(" ", text).strip() if text is not None else None
        if text is None or len(text) > _MAX_LINE:
            return (f.rule, rel, "message", f.message)
        return (f.rule, rel, "line", text)

    def _line(self, f) -> Optional[str]:
        if not hasattr(self, "_lines"):
            from minislint.report import ReportContext, SourceLines

            self._lines = SourceLines(ReportContext(rules={}, cwd=self.cwd, sources=self.sources))
        try:
            line = self._lines.finding_line(f)
        except (OSError, ValueError):
            return None
        return line if line is not None and line.strip() else None


def stable_path(rel: str) -> str:
    """`dist/assets/index-Bo4bkgXq.js` -> `dist/assets/index-*.js`: the name the next build keeps."""
    head, _, name = rel.rpartition("/")
    return (head + "/" if head else "") + _HASHED.sub("*", name)


class Baseline:
    """Accepted findings, counted: three identical findings on three identical lines are three."""

    def __init__(self, path: Path, entries: Counter):
        self.path = Path(path)
        self.folder = self.path.absolute().parent
        self.entries = entries
        self._left: Counter = Counter()

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"baseline {path}: no such file (create it with --write-baseline {path})") from None
        except (OSError, UnicodeDecodeError, ValueError) as err:
            raise BaselineError(f"baseline {path}: cannot read: {err}") from None
        if not isinstance(data, dict) or data.get("minislint-baseline") != FORMAT \
                or not isinstance(data.get("findings"), list):
            raise BaselineError(f"baseline {path}: not a minislint baseline (version {FORMAT}); "
                                f"write one with --write-baseline")
        entries: Counter = Counter()
        for i, e in enumerate(data["findings"]):
            what = next((k for k in ("line", "message") if isinstance(e, dict) and k in e), None)
            if what is None or not all(isinstance(e.get(k), str) for k in ("rule", "path", what)) \
                    or not isinstance(e.get("count", 1), int) or e.get("count", 1) < 1:
                raise BaselineError(f"baseline {path}: entry {i + 1} needs rule, path, one of "
                                    f"line or message, and a positive count")
            entries[(e["rule"], e["path"], what, e[what])] += e.get("count", 1)
        return cls(path, entries)

    @staticmethod
    def write(path: Path, findings: list, policy: Policy) -> int:
        """Record `findings` (after per-file-ignores) in `path`; the number of entries."""
        folder = Path(path).absolute().parent
        counts = Counter(policy.key(f, folder) for f in findings if f.rule not in _NEVER_ACCEPTED)
        entries = []
        for (rule, rel, what, value), n in sorted(counts.items()):
            entry = {"rule": rule, "path": rel, what: value}
            if n > 1:
                entry["count"] = n
            entries.append(entry)
        body = {"minislint-baseline": FORMAT, "findings": entries}
        Path(path).write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return len(entries)

    def filter(self, findings: list, key) -> list:
        left = Counter(self.entries)
        kept = []
        for f in findings:
            k = key(f, self.folder) if f.rule not in _NEVER_ACCEPTED else None
            if k is not None and left[k] > 0:
                left[k] -= 1
            else:
                kept.append(f)
        self._left = left
        return kept

    def stale(self) -> list:
        """(rule, path, what the entry matched on) of each entry nothing matched, once per count."""
        out = []
        for (rule, rel, _what, value), n in sorted(self._left.items()):
            out.extend([(rule, rel, value)] * n)
        return out
