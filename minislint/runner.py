"""One check over the paths the user named: which files (discovery.py), cached findings and
worker processes (cache.py, parallel.py), project-level rules, then every finding through one
filter (policy.py). The engine (engine.py) lints one file and knows nothing of the others.

The whole app (issue 14): a named folder that holds a Minis app (its minis.config.json, or in a
monorepo several apps below it) brings in each app's configured build output, gitignored or not,
because that is what ships. A problem seen in a source file and again in the bundle through the
source map is one finding, at the source, with where it ships attached (`generated`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from minislint import fixes, guard, suppress
from minislint.discovery import iter_files
from minislint.engine import MAX_FILE_BYTES, Engine, display_path
from minislint.finding import Finding
from minislint.parallel import lint_files
from minislint.policy import Policy
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
    accepted: int = 0       # findings the baseline accepts (not in `findings`)
    stale: list = field(default_factory=list)       # baseline entries nothing matched any more


class Runner:
    def __init__(self, engine: Engine, jobs: int = 1, cache=None, policy: Optional[Policy] = None):
        self.engine = engine
        self.jobs = jobs     # worker processes (the CLI's --jobs; parallel.py)
        self.cache = cache   # a cache.Cache, set by the CLI unless --no-cache
        self.policy = policy or Policy(engine.settings)

    def run(self, paths: list[Path], progress=None) -> Result:
        """`progress(done, total)` is called after each file (the CLI's terminal progress line)."""
        engine = self.engine
        result = Result()
        problems = result.problems

        def discover(named):
            return list(iter_files(named, engine.wants, engine.settings.exclude,
                                   lambda p, msg, named: problems.append((display_path(p), msg, named)),
                                   lambda p, why: result.skipped.append((display_path(p), why))))

        files = discover(paths)
        outputs = shipped_outputs(paths, files, engine.settings)
        if outputs:
            paths = [*paths, *outputs]
            seen = {f.resolve() for f in files}
            files += [f for f in discover(outputs) if f.resolve() not in seen]
        result.skipped.extend((display_path(f), f"over {MAX_FILE_BYTES // (1024 * 1024)} MB: not read")
                              for f in files if _oversized(f))
        for done, (found, crashed) in enumerate(lint_files(engine, files, self.jobs, self.cache), 1):
            result.findings.extend(found)  # each file's went through engine.verdict already
            result.internal_errors += crashed
            if progress is not None:
                progress(done, len(files))
        result.files = len(files)
        result.findings.extend(self.judge_project(self.check_project(paths, files, result)))
        self.finish(result, merge_shipped(result.findings))
        return result

    def judge_project(self, findings: list) -> list:
        """Project-level findings through the engine's verdict (selection, severity, the
        suppression comments of the file each one points at, minis.config.json's included)."""
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

    def finish(self, result: Result, findings: list) -> None:
        """Every finding of a run, file-level, engine and project-level alike, goes through the
        policy (per-file-ignores, baseline) here, and nowhere else; findings silenced in source
        (verdict.py) are set aside first, in `result.suppressed`."""
        result.suppressed = sorted(silenced(findings), key=Finding.sort_key)
        findings = shown(findings)
        kept = self.policy.apply(findings)
        result.findings = sorted(kept, key=Finding.sort_key)
        result.accepted = len(findings) - len(kept)
        result.stale = self.policy.stale()

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


def shipped_outputs(paths: list[Path], files: list[Path], settings) -> list[Path]:
    """The build output folders of the Minis apps inside the named folders, not named already:
    the `build.outputDir` of each app whose minis.config.json sits in a named folder or below
    it (the apps of a monorepo each bring their own). A subfolder such as `src/` brings none."""
    folders = [p.absolute() for p in paths if p.is_dir()]
    if not folders:
        return []  # files only (pre-commit's changed files): no view of the app
    from minislint.minis import config as minis_config  # here: stdin and files-only runs skip its import

    if settings.minis_config is not None:
        configs = {Path(settings.minis_config).absolute()}
    else:
        configs = {minis_config.find_config(folder)
                   for folder in {*folders, *(Path(f).absolute().parent for f in files)}} - {None}
    named = set(folders)
    out = []
    for path in sorted(configs):
        config = minis_config.load(path)
        root, output = config.root, Path(config.output_dir).absolute()
        if not any(_within(root, f) for f in folders) or not output.is_dir() or output == root \
                or not _within(output, root) or output in named:
            continue
        out.append(_relative_like(output, paths))
        named.add(output)
    return out


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _relative_like(path: Path, paths: list[Path]) -> Path:
    """`dist` rather than `/home/.../app/dist` when the user named relative paths, so findings
    read as the rest of the run."""
    return Path(display_path(path)) if all(not p.is_absolute() for p in paths) else path


def merge_shipped(findings: list) -> list:
    """Each problem once: a finding mapped from a bundle (it has `generated`) onto a source line
    that was linted too, with a finding of the same rule on that line, is that finding; the
    source finding keeps its own position and gains `generated`. Of the same problem shipped in
    two bundles (a legacy and a modern build), the first is kept."""
    direct: dict = {}
    for f in findings:
        if f.generated is None:
            direct.setdefault((f.rule, f.path, f.line), []).append(f)
    gained: dict = {}  # id(direct finding) -> its copy with `generated`
    kept_mapped: set = set()
    out = []
    for f in findings:
        if f.generated is None:
            out.append(f)
            continue
        same_line = direct.get((f.rule, f.path, f.line))
        if same_line:
            target = min(same_line, key=lambda d: abs(d.column - f.column))
            if id(target) not in gained:
                gained[id(target)] = replace(target, generated=f.generated, package=target.package or f.package)
            continue
        key = (f.rule, f.path, f.line, f.column, f.message)
        if key not in kept_mapped:
            kept_mapped.add(key)
            out.append(f)
    return [gained.get(id(f), f) for f in out]


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
