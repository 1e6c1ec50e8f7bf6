"""One check over the paths the user named: which files (discovery.py), cached findings and
worker processes (cache.py, parallel.py), project-level rules, then every finding through one
filter. The engine (engine.py) lints one file and knows nothing of the others."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from minislint import fixes, guard, suppress
from minislint.discovery import iter_files
from minislint.engine import MAX_FILE_BYTES, Engine, display_path
from minislint.finding import Finding
from minislint.parallel import lint_files
from minislint.rule import Rule
from minislint.source import SourceFile
from minislint.verdict import shown, silenced


@dataclass
class Result:
    findings: list = field(default_factory=list)
    files: int = 0
    problems: list = field(default_factory=list)    # (path, message, named on the command line)
    internal_errors: int = 0
    suppressed: list = field(default_factory=list)  # findings silenced by a comment (verdict.py)
    skipped: list = field(default_factory=list)     # (display path, why): what was not checked


class Runner:
    def __init__(self, engine: Engine, jobs: int = 1, cache=None):
        self.engine = engine
        self.jobs = jobs     # worker processes (the CLI's --jobs; parallel.py)
        self.cache = cache   # a cache.Cache, set by the CLI unless --no-cache

    def run(self, paths: list[Path], progress=None) -> Result:
        """`progress(done, total)` is called after each file (the CLI's terminal progress line)."""
        engine = self.engine
        result = Result()
        problems = result.problems
        files = list(iter_files(paths, engine.wants, engine.settings.exclude,
                                lambda p, msg, named: problems.append((display_path(p), msg, named)),
                                lambda p, why: result.skipped.append((display_path(p), why))))
        result.skipped.extend((display_path(f), f"over {MAX_FILE_BYTES // (1024 * 1024)} MB: not read")
                              for f in files if _oversized(f))
        found = []
        for done, (file_found, crashed) in enumerate(lint_files(engine, files, self.jobs, self.cache), 1):
            found.extend(file_found)  # each file's went through engine.verdict already
            result.internal_errors += crashed
            if progress is not None:
                progress(done, len(files))
        result.files = len(files)
        found.extend(self.judge_project(self.check_project(paths, files, result)))
        found.sort(key=Finding.sort_key)
        result.findings, result.suppressed = shown(found), silenced(found)
        return result

    def judge_project(self, findings: list) -> list:
        """Project-level findings through the engine's verdict, with the suppression comments of
        the file each one points at (minis.config.json's `//` comments included)."""
        engine = self.engine
        by_path: dict = {}
        for f in findings:
            by_path.setdefault(f.path, []).append(f)
        out = []
        for path, group in by_path.items():
            file = _project_file(path)
            directives = suppress.directives_for(file, engine.registry) if file is not None else []
            out.extend(engine.verdict.apply(group, file, directives))
        return out

    def check_project(self, paths: list[Path], files: list[Path], result: Result) -> list:
        project_rules = [r for r in self.engine.rules if type(r).check_project is not Rule.check_project]
        if not project_rules:
            return []
        pctx = ProjectContext(self.engine, paths, files)
        for rule in project_rules:
            pctx.rule = rule
            try:
                guard.run(rule.check_project, pctx)
            except Exception as err:
                result.internal_errors += 1
                pctx.findings.append(Finding("internal-error", "error",
                                             f"rule '{rule.id}' crashed: {type(err).__name__}: {err}",
                                             display_path(paths[0] if paths else Path(".")), 1, 1, 1, 1))
        return pctx.findings


class ProjectContext:
    """What a project-level rule sees: the paths the user named, the files linted, and a report."""

    def __init__(self, engine: Engine, paths: list[Path], files: list[Path]):
        self.engine = engine
        self.settings = engine.settings
        self.paths = paths
        self.files = files
        self.folders = [p for p in paths if p.is_dir()]   # empty: only files were named (pre-commit)
        self.findings: list = []
        self.rule: Optional[Rule] = None

    @property
    def options(self) -> dict:
        return self.engine._options(self.rule)

    def report(self, path: Path, message: str, line: int = 1, column: int = 1,
               end_line: Optional[int] = None, end_column: Optional[int] = None,
               severity: Optional[str] = None, fix=None) -> None:
        rule = self.rule
        sev = severity or rule.severity  # the settings' severity: verdict.py, as for every finding
        self.findings.append(Finding(rule.id, sev, message, display_path(path), line, column,
                                     end_line or line, end_column or column, fix=fix))

    def report_offset(self, file: SourceFile, start: int, end: int, message: str,
                      severity: Optional[str] = None, fix=None) -> None:
        """`fix`: a fixes.Fix with offsets into `file.text`."""
        (line, col), (el, ec) = file.position(start), file.position(end)
        self.report(file.path, message, line, col, el, ec, severity,
                    fixes.in_file(fix, None, file, self.settings) if fix is not None else None)


def _oversized(path: Path) -> bool:
    try:
        return path.stat().st_size > MAX_FILE_BYTES
    except OSError:
        return False


def _project_file(path: str) -> Optional[SourceFile]:
    """The text of a file a project-level finding points at, to read its suppression comments;
    None for a file that is not there or not text."""
    from minislint.decode import DecodeProblem, decode_lenient

    try:
        p = Path(path)
        if not p.is_file() or p.stat().st_size > MAX_FILE_BYTES:
            return None
        text = decode_lenient(p.read_bytes())[0]
    except (OSError, ValueError, DecodeProblem):
        return None
    return SourceFile(p, path, text)
