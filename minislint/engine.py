"""Where findings are born, one file at a time: read a file, split it into fragments, parse each
once, walk each tree once for every rule, filter by suppressions, map positions back to the file
the user edits. Which files, the cache, workers and project-level rules are runner.py's."""
from __future__ import annotations

import dataclasses
import gc
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
from minislint.verdict import Verdict, shown

MAX_FILE_BYTES = 64 * 1024 * 1024
# Per-file time budget (issue 13): a file that still takes longer is an internal-error finding,
# not a stalled CI job. Ordinary code costs ~9 s per MB (README: a 20 MB bundle, 3 minutes), and
# any 100 kB file lints in under 2 s, so this only catches what is not linear.
BUDGET_BASE_S = 15.0
BUDGET_PER_MB_S = 30.0


def time_budget(size: int) -> float:
    return BUDGET_BASE_S + BUDGET_PER_MB_S * size / (1024 * 1024)


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
        self.comments = []  # (start, end) file offsets of the comments the parsers found

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
        self.verdict = Verdict(self.settings, self.registry)
        self.time_budget = time_budget  # size in characters -> seconds (tests shorten it)
        # Rules whose findings in a file all come from linting that file: a directive naming one
        # that silenced nothing is unused. Project-level rules report elsewhere (runner.py).
        self._file_rule_ids = {r.id for r in self.rules if type(r).check_project is Rule.check_project}

    # -- entry points ---------------------------------------------------------------------------
    def wants(self, path: Path) -> bool:
        return self.registry.language_for(path) is not None

    def lint_file(self, path: Path) -> tuple[list, int]:
        """Findings for one file and the number of rule crashes; never raises for bad input."""
        display = display_path(path)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                return self.verdict.apply([self._file_finding(
                    display, f"file is {size // (1024 * 1024)} MB; files over "
                             f"{MAX_FILE_BYTES // (1024 * 1024)} MB are not read")]), 0
            data = path.read_bytes()
        except OSError as err:
            return self.verdict.apply([self._file_finding(display, f"cannot read file: {err.strerror or err}")]), 0
        return self.lint_data(path, display, data)

    def lint_data(self, path: Path, display: str, data: bytes) -> tuple[list, int]:
        """`lint_file` for bytes already read (the cache keys them; workers receive them).
        Findings silenced in source are in the list, marked (`verdict.shown` leaves them out)."""
        if path.suffix.lower() == ".ts" and data[:1] == b"G" and data[188:189] == b"G":
            return [], 0  # an MPEG transport stream (an HLS video segment), not TypeScript
        try:
            text, problem = decode_lenient(data)
        except DecodeProblem as err:
            return self.verdict.apply([self._file_finding(display, err.message)]), 0
        file = SourceFile(path, display, text)
        found, directives, crashed = self._lint_guarded(file)
        if problem is not None:
            # the rest of the file is still checked; this says where the stray bytes are
            line, col = file.position(problem.offset)
            found.append(Finding("syntax-error", "warning", problem.message, display, line, col, line, col + 1))
        return self._judge(file, found, directives), crashed

    def lint_text(self, path: Path, text: str) -> list:
        """Lint text as if it were `path` (editors, stdin): the findings not silenced in source."""
        text = text[1:] if text.startswith("\ufeff") else text
        file = SourceFile(path, display_path(path), text)
        found, directives, _ = self._lint_guarded(file)
        return shown(self._judge(file, found, directives))

    def _judge(self, file: SourceFile, found: list, directives: list) -> list:
        fix_for = getattr(self._engine_rules["unused-suppression"], "fix_for", None)  # rules/unused_suppression.py
        return self.verdict.apply(found, file, directives, self._file_rule_ids, fix_for)

    def _lint_guarded(self, file: SourceFile) -> tuple[list, list, int]:
        """`lint_source` on a big stack (guard.py): deep input costs this file's findings, not the run."""
        budget = self.time_budget(len(file.text))
        try:
            return guard.run(self.lint_source, file, timeout=budget)
        except guard.TookTooLong:
            return [Finding("internal-error", "error", f"took longer than {budget:g} s; this file was not "
                            "checked", file.display, 1, 1, 1, 1)], [], 1
        except guard.TooDeep as err:
            return [self._file_finding(file.display, f"{err}; this file was not checked")], [], 0
        except Exception as err:  # a language plugin or parser bug costs this file, not the run
            return [Finding("internal-error", "error", f"internal error while checking this file: "
                            f"{type(err).__name__}: {err}", file.display, 1, 1, 1, 1)], [], 1

    # -- one file -------------------------------------------------------------------------------
    def lint_source(self, file: SourceFile) -> tuple[list, list, int]:
        """(findings, suppression directives, rule crashes) of one file, before `verdict`."""
        raw = _Raw()
        crashes = 0
        lang = self.registry.language_for(file.path)
        if lang is None:
            return [], [], 0
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
            if fragment.meta.get("chunk"):
                _release(fragment)
        return self._finish(file, raw), suppress.parse(file, raw.comments), crashes

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
        # parse is a finding (as flake8's E999), whatever names it contains; and when it may
        # hold a suppression comment, for its comments.
        comments = suppress.MARK in fragment.text
        if parse is None or walk is None or not (rules or comments or self.settings.enabled("syntax-error")):
            return 0
        try:
            tree = parse(fragment)
        except ParseError as err:
            raw.add(self._engine_rules[err.rule], fragment, err.offset, err.offset, err.message)
            return 0
        except RecursionError:
            raw.add(self._engine_rules["syntax-error"], fragment, 0, 0, "too deeply nested to parse")
            return 0
        if comments:
            raw.comments.extend(suppress.fragment_comments(fragment, tree))
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
                walk(tree, handlers, rules=per_rule, spelled=spelled)
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
        """Findings at file positions (and through a source map, where the code was written)."""
        out = []
        for rule_id, default_sev, fragment, start, end, message, severity, fix in raw.items:
            so = fragment.file_offset(start) if fragment is not None else start
            eo = fragment.file_offset(max(start, end)) if fragment is not None else max(start, end)
            line, col = file.position(so)
            end_line, end_col = file.position(eo)
            f = Finding(rule_id, severity or default_sev, message, file.display, line, col, end_line, end_col,
                        fix=fixes.in_file(fix, fragment, file, self.settings) if fix is not None else None)
            origin = getattr(fragment, "origin", None) if fragment is not None else None
            if origin is not None:
                f = _through_origin(f, origin)
            out.append(f)
        return out

    def _file_finding(self, display: str, message: str) -> Finding:
        rule = self._engine_rules["syntax-error"]
        return Finding(rule.id, rule.severity, message, display, 1, 1, 1, 1)


def _release(fragment) -> None:
    """Free a linted piece of a big file (languages/js.py) before the next is parsed: its tree
    and services (js/parse.py, js/services.py cache them on the fragment, which the findings
    keep) and, as nodes and their tree point at each other, the cycles, now: the file is linted
    with the collector off (parallel.py), and the pieces' trees would pile up to the whole file's."""
    fragment.__dict__.pop("_js_parsed", None)
    fragment.__dict__.pop("_js_services", None)
    gc.collect(0)


def _through_origin(f: Finding, origin) -> Finding:
    try:
        o = origin.original(f.line, f.column)
    except Exception:  # a hostile map must never cost the finding itself
        o = None
    if o is None:
        return f
    if o.path is None:  # the bundler's own runtime: stays in the bundle, named as such
        return replace(f, package=o.package)
    reason = None
    try:
        if f.rule != "internal-error" and getattr(origin, "suppression", None):
            d = origin.suppression(o, f.rule)  # a comment in the original source (issue 5)
            reason = d.reason if d is not None else None
    except Exception:  # as above: a broken map never costs the finding
        pass
    span = f.end_column - f.column if f.end_line == f.line else 0
    return dataclasses.replace(f, path=o.path, line=o.line, column=o.column, end_line=o.line,
                               end_column=o.column + span, generated=Location(f.path, f.line, f.column),
                               package=o.package, fix=None, suppression=reason)


class _Builtin(Rule):
    """Stand-in for an engine rule whose plugin is not installed (keeps the engine working)."""

    def __init__(self, rid):
        self.id = rid
