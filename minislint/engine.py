"""Where findings are born, one file at a time: read a file, split it into fragments, parse each
once, walk each tree once for every rule, filter by suppressions, map positions back to the file
the user edits. Which files, the cache, workers and project-level rules are runner.py's."""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Optional

from minislint import fixes, guard, suppress
from minislint.config import Settings
from minislint.decode import DecodeProblem, decode_lenient
from minislint.finding import Finding, Location
from minislint.languages import ParseError
from minislint.plugins import Registry, default_registry
from minislint.rule import Rule, RuleContext
from minislint.source import SourceFile

MAX_FILE_BYTES = 64 * 1024 * 1024


def display_path(path: Path, cwd: Optional[Path] = None) -> str:
    """Relative to the current directory with forward slashes, else absolute."""
    cwd = cwd or Path.cwd()
    try:
        return Path(os.path.relpath(path.absolute(), cwd)).as_posix() if _inside(path, cwd) else path.absolute().as_posix()
    except ValueError:  # another drive on Windows
        return path.absolute().as_posix()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.absolute().relative_to(folder.absolute())
        return True
    except ValueError:
        return False


class _Raw:
    """Findings of one file before suppression and position mapping."""

    def __init__(self):
        # (rule_id, default severity, fragment|None, start, end, message, severity, fix)
        self.items = []

    def add(self, rule: Rule, fragment, start, end, message, severity=None, fix=None):
        self.items.append((rule.id, rule.severity, fragment, start, end, message, severity, fix))


class Engine:
    def __init__(self, settings: Optional[Settings] = None, registry: Optional[Registry] = None):
        self.settings = settings or Settings()
        self.registry = registry or default_registry()
        self.rules = [r for rid, r in self.registry.rules.items() if self.settings.enabled(rid)]
        self.enabled_ids = {r.id for r in self.rules}
        self.by_language = defaultdict(list)
        for rule in self.rules:
            for lang in rule.languages:
                self.by_language[lang].append(rule)
        self._engine_rules = {rid: self.registry.rules.get(rid) or _Builtin(rid)
                              for rid in ("syntax-error", "internal-error", "unused-suppression")}

    # -- entry points ---------------------------------------------------------------------------
    def wants(self, path: Path) -> bool:
        return self.registry.language_for(path) is not None

    def lint_file(self, path: Path) -> tuple[list, int]:
        """Findings for one file and the number of rule crashes; never raises for bad input."""
        display = display_path(path)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                return [self._file_finding(display, f"file is {size // (1024 * 1024)} MB; files over "
                                                    f"{MAX_FILE_BYTES // (1024 * 1024)} MB are not read")], 0
            data = path.read_bytes()
        except OSError as err:
            return [self._file_finding(display, f"cannot read file: {err.strerror or err}")], 0
        return self.lint_data(path, display, data)

    def lint_data(self, path: Path, display: str, data: bytes) -> tuple[list, int]:
        """`lint_file` for bytes already read (the cache keys them; workers receive them)."""
        if path.suffix.lower() == ".ts" and data[:1] == b"G" and data[188:189] == b"G":
            return [], 0  # an MPEG transport stream (an HLS video segment), not TypeScript
        try:
            text, problem = decode_lenient(data)
        except DecodeProblem as err:
            return [self._file_finding(display, err.message)], 0
        file = SourceFile(path, display, text)
        found, crashed = self._lint_guarded(file)
        if problem is not None and self.settings.enabled("syntax-error"):
            # the rest of the file is still checked; this says where the stray bytes are
            line, col = file.position(problem.offset)
            sev = self.settings.severity.get("syntax-error") or "warning"
            found.append(Finding("syntax-error", sev, problem.message, display, line, col, line, col + 1))
        return found, crashed

    def lint_text(self, path: Path, text: str) -> list:
        """Lint text as if it were `path` (editors, stdin)."""
        text = text[1:] if text.startswith("\ufeff") else text
        findings, _ = self._lint_guarded(SourceFile(path, display_path(path), text))
        return findings

    def _lint_guarded(self, file: SourceFile) -> tuple[list, int]:
        """`lint_source` on a big stack (guard.py): deep input costs this file's findings, not the run."""
        try:
            return guard.run(self.lint_source, file)
        except guard.TooDeep as err:
            return [self._file_finding(file.display, f"{err}; this file was not checked")], 0
        except Exception as err:  # a language plugin or parser bug costs this file, not the run
            return [Finding("internal-error", "error", f"internal error while checking this file: "
                            f"{type(err).__name__}: {err}", file.display, 1, 1, 1, 1)], 1

    # -- one file -------------------------------------------------------------------------------
    def lint_source(self, file: SourceFile) -> tuple[list, int]:
        raw = _Raw()
        crashes = 0
        lang = self.registry.language_for(file.path)
        if lang is None:
            return [], 0
        try:
            fragments = lang.split(file)
        except ParseError as err:
            raw.add(self._engine_rules[err.rule], None, err.offset, err.offset, err.message)
            fragments = []
        except RecursionError:
            raw.add(self._engine_rules["syntax-error"], None, 0, 0, "too deeply nested to parse")
            fragments = []
        for fragment in fragments:
            crashes += self._lint_fragment(fragment, raw)
        return self._finish(file, raw), crashes

    def _lint_fragment(self, fragment, raw: _Raw) -> int:
        from minislint.js.spelled import Spelled

        spelled = Spelled(fragment.text, fragment.language == "js")  # names assembled from pieces count
        rules = [r for r in self.by_language.get(fragment.language, ()) if not r.triggers or spelled.any(r.triggers)]
        note = fragment.meta.get("note")
        if note:  # e.g. a block in a language nobody parses yet: say so once, never crash
            raw.add(self._engine_rules["syntax-error"], fragment, 0, 0, note, "warning")
        parse = self.registry.parsers.get(fragment.language)
        walk = self.registry.walkers.get(fragment.language)
        # A fragment no rule needs is still parsed while syntax-error is on: a file that does not
        # parse is a finding (as flake8's E999), whatever names it contains.
        if parse is None or walk is None or not rules and not self.settings.enabled("syntax-error"):
            return 0
        try:
            tree = parse(fragment)
        except ParseError as err:
            raw.add(self._engine_rules[err.rule], fragment, err.offset, err.offset, err.message)
            return 0
        except RecursionError:
            raw.add(self._engine_rules["syntax-error"], fragment, 0, 0, "too deeply nested to parse")
            return 0
        if not rules:
            return 0
        from minislint.js.services import services_for

        services = services_for(fragment.language, tree, fragment)
        handlers = defaultdict(list)
        broken: set = set()

        def sink(rule, frag, start, end, message, severity, fix=None):
            raw.add(rule, frag, start, end, message, severity, fix)

        sink.count = lambda frag: sum(1 for item in raw.items if item[2] is frag)

        per_rule = []  # (words, handlers) of each rule: a walker may visit only their candidates
        for rule in rules:
            options = self._options(rule)
            ctx = RuleContext(rule, fragment, tree, services, options, sink, self.settings)
            try:
                subscriptions = rule.create(ctx) or {}
                words = rule.candidates(options) if subscriptions else ()
            except Exception as err:  # one broken rule costs only its own findings
                self._crash(raw, rule, fragment, err)
                broken.add(rule.id)
                continue
            own = {}
            for node_type, fn in subscriptions.items():
                guarded = self._guard(fn, rule, fragment, raw, broken)
                handlers[node_type].append(guarded)
                own[node_type] = [guarded]
            per_rule.append((tuple(words or ()), own))
        try:
            if getattr(walk, "candidates", False):
                walk(tree, handlers, rules=per_rule)
            else:
                walk(tree, handlers)
        except RecursionError:
            raw.add(self._engine_rules["syntax-error"], fragment, 0, 0, "too deeply nested to check")
        return len(broken)

    def _guard(self, fn, rule, fragment, raw, broken):
        def call(node):
            if rule.id in broken:
                return
            try:
                fn(node)
            except RecursionError:
                broken.add(rule.id)
                raw.add(self._engine_rules["syntax-error"], fragment, *node.range,
                        f"too deeply nested for rule {rule.id}")
            except Exception as err:
                broken.add(rule.id)
                self._crash(raw, rule, fragment, err, node)
        return call

    def _crash(self, raw, rule, fragment, err, node=None):
        start, end = node.range if node is not None and hasattr(node, "range") else (0, 0)
        raw.add(self._engine_rules["internal-error"], fragment, start, start,
                f"rule '{rule.id}' crashed: {type(err).__name__}: {err}")

    def _options(self, rule: Rule) -> dict:
        opts = dict(getattr(rule, "options", {}) or {})
        opts.update(self.settings.rule_options.get(rule.id, {}))
        return opts

    def _finish(self, file: SourceFile, raw: _Raw) -> list:
        directives = suppress.parse(file)
        sup = suppress.Suppressions(directives) if directives else None
        out = []
        for rule_id, default_sev, fragment, start, end, message, severity, fix in raw.items:
            if rule_id != "internal-error" and not self.settings.enabled(rule_id):
                continue  # internal errors are never silenced: they mean findings were lost
            so = fragment.file_offset(start) if fragment is not None else start
            eo = fragment.file_offset(max(start, end)) if fragment is not None else max(start, end)
            line, col = file.position(so)
            end_line, end_col = file.position(eo)
            if sup is not None and rule_id != "internal-error" and sup.suppresses(rule_id, line, col):
                continue
            sev = self.settings.severity.get(rule_id) or severity or default_sev
            f = Finding(rule_id, sev, message, file.display, line, col, end_line, end_col,
                        fix=fixes.in_file(fix, fragment, file, self.settings) if fix is not None else None)
            origin = getattr(fragment, "origin", None) if fragment is not None else None
            if origin is not None:
                f = _through_origin(f, origin)
                if f is None:  # suppressed by a comment in the original source (issue 5)
                    continue
            out.append(f)
        if sup is not None and "unused-suppression" in self.enabled_ids:
            rule = self._engine_rules["unused-suppression"]
            fix_for = getattr(rule, "fix_for", None)  # rules/unused_suppression.py
            for d, rule_id, whole, message in sup.unused_rules(self.registry.rules, self.enabled_ids):
                fix = fix_for(file.text, d, rule_id, whole) if fix_for is not None else None
                out.append(Finding(rule.id, self.settings.severity.get(rule.id) or rule.severity, message,
                                   file.display, d.line, d.column, d.line, d.end_column,
                                   fix=fixes.in_file(fix, None, file, self.settings) if fix is not None else None))
        return out

    def _file_finding(self, display: str, message: str) -> Finding:
        rule = self._engine_rules["syntax-error"]
        return Finding(rule.id, rule.severity, message, display, 1, 1, 1, 1)


def _through_origin(f: Finding, origin) -> Optional[Finding]:
    try:
        o = origin.original(f.line, f.column)
    except Exception:  # a hostile map must never cost the finding itself
        o = None
    if o is None:
        return f
    if o.path is None:  # the bundler's own runtime: stays in the bundle, named as such
        return replace(f, package=o.package)
    try:
        if f.rule != "internal-error" and getattr(origin, "suppresses", None) and origin.suppresses(o, f.rule):
            return None
    except Exception:  # as above: a broken map never costs the finding
        pass
    span = f.end_column - f.column if f.end_line == f.line else 0
    return Finding(f.rule, f.severity, f.message, o.path, o.line, o.column, o.line, o.column + span,
                   generated=Location(f.path, f.line, f.column), package=o.package)


class _Builtin(Rule):
    """Stand-in for an engine rule whose plugin is not installed (keeps the engine working)."""

    def __init__(self, rid):
        self.id = rid
