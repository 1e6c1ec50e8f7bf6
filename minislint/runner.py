"""One check over the paths the user named: which files (discovery.py), cached findings and
worker processes (cache.py, parallel.py), project-level rules, then every finding through one
filter. The engine (engine.py) lints one file and knows nothing of the others."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from minislint import fixes, guard
from minislint.discovery import iter_files
from minislint.engine import Engine, display_path
from minislint.finding import Finding
from minislint.parallel import lint_files
from minislint.rule import Rule
from minislint.source import SourceFile


@dataclass
class Result:
    findings: list = field(default_factory=list)
    files: int = 0
    problems: list = field(default_factory=list)    # (path, message, named on the command line)
    internal_errors: int = 0


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
                                lambda p, msg, named: problems.append((display_path(p), msg, named))))
        for done, (found, crashed) in enumerate(lint_files(engine, files, self.jobs, self.cache), 1):
            result.findings.extend(found)
            result.internal_errors += crashed
            if progress is not None:
                progress(done, len(files))
        result.files = len(files)
        result.findings.extend(self.check_project(paths, files, result))
        result.findings.sort(key=Finding.sort_key)
        return result

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
        sev = self.settings.severity.get(rule.id) or severity or rule.severity
        self.findings.append(Finding(rule.id, sev, message, display_path(path), line, column,
                                     end_line or line, end_column or column, fix=fix))

    def report_offset(self, file: SourceFile, start: int, end: int, message: str,
                      severity: Optional[str] = None, fix=None) -> None:
        """`fix`: a fixes.Fix with offsets into `file.text`."""
        (line, col), (el, ec) = file.position(start), file.position(end)
        self.report(file.path, message, line, col, el, ec, severity,
                    fixes.in_file(fix, None, file) if fix is not None else None)
