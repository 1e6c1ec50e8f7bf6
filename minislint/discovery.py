"""Which files to lint: walk folders skipping node_modules, .git and what .gitignore ignores.

A path named on the command line is always linted, even when it is ignored (a gitignored `dist/`).
What is left out is said (issue 13): every file or folder an ignore file removes goes to
`on_skip(path, reason)` with that ignore file in the reason, so a committed `dist/.gitignore` of
`*.js` cannot hide the bundle silently. Nothing outside the project is read through a symbolic
link: a link (to a file or a folder) whose target lies outside the project (the git repository
of the named path, else the named folder) is skipped with a warning naming the link, and its
target is never opened, so its lines can never be quoted in a report.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Callable, Iterator

ALWAYS_SKIPPED = frozenset(("node_modules", ".git", ".hg", ".svn", ".minislint_cache", "__pycache__"))
# Read by the project-level config rules, not by a language: a named one is no stray file.
PROJECT_FILES = frozenset(("minis.config.json",))
LINK_OUT = "symbolic link to a path outside the project: not read"


def _git_root(folder: Path) -> Path | None:
    for p in [folder, *folder.parents]:
        if (p / ".git").exists():
            return p
    return None


def _load_ignore(folder: Path):
    gi = folder / ".gitignore"
    try:
        lines = gi.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return gitignore_spec(lines)


def gitignore_spec(lines):
    """pathspec imported here, when a spec is needed: its import costs an editor's check of one
    file ~10 ms (issue 11)."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _inherited_specs(folder: Path) -> list:
    """.gitignore files from the repository root down to `folder`'s parent, nearest last."""
    root = _git_root(folder)
    if root is None:
        return []
    chain = [root, *reversed([p for p in folder.parents if root in p.parents])]
    specs = []
    for base in chain:
        if base == folder:
            continue
        spec = _load_ignore(base)
        if spec is not None:
            specs.append((base, spec))
    return specs


def _ignored(path: Path, is_dir: bool, specs) -> Path | None:
    """The folder of the ignore file that leaves `path` out, or None."""
    for base, spec in specs:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.match_file(rel + "/" if is_dir else rel):
            return base
    return None


def project_root(given: Path) -> Path:
    """The boundary symbolic links may not leave: the git repository holding `given`, else
    `given` itself (a folder) or its folder."""
    real = given.resolve()
    folder = real if real.is_dir() else real.parent
    return _git_root(folder) or folder


def _inside(real: Path, root: Path) -> bool:
    return real == root or root in real.parents


def iter_files(paths: list[Path], wanted: Callable[[Path], bool], exclude: list[str],
               on_problem: Callable[..., None],
               on_skip: Callable[[Path, str], None] = lambda path, reason: None) -> Iterator[Path]:
    """Yield files to lint, in a stable order; problems go to on_problem(path, message, named),
    files and folders left out to on_skip(path, reason). A named path that yields no file to
    lint is a problem (exit 2): `minislint notes.txt` or an empty folder checks nothing."""
    excl = gitignore_spec(exclude) if exclude else None
    seen = set()
    for given in paths:
        if given.is_symlink() and given.exists() and not _inside(given.resolve(), project_root(given.parent)):
            on_skip(given, LINK_OUT)
            on_problem(given, LINK_OUT, True)
            continue
        if given.is_file():
            if not wanted(given) and given.name not in PROJECT_FILES:
                on_problem(given, "not a file type minislint checks: nothing to lint", True)
                continue
            key = given.resolve()
            if key not in seen:
                seen.add(key)
                yield given
            continue
        if not given.exists():
            on_problem(given, "no such file or folder" if not given.is_symlink() else _link_problem(given), True)
            continue
        if not given.is_dir():
            on_problem(given, "not a regular file or folder", True)
            continue
        found = [0, 0]  # files yielded, files left out

        def skip(path, reason, found=found):
            found[1] += 1
            on_skip(path, reason)

        for path in _walk(given, wanted, excl, seen, on_problem, skip, project_root(given), found):
            found[0] += 1
            yield path
        if not found[0] and not found[1]:
            on_problem(given, "no file minislint checks in this folder: nothing to lint", True)
        elif not found[0]:
            on_problem(given, "every file minislint checks here is left out (see the skipped files): "
                              "nothing to lint", True)


def _walk(top: Path, wanted, excl, seen, on_problem, on_skip, root: Path, found):
    specs = _inherited_specs(top.resolve())
    stack = [(top, specs)]
    visited_dirs = set()
    while stack:
        folder, specs = stack.pop()
        try:
            real = folder.resolve()
        except (OSError, RuntimeError):
            on_problem(folder, "cannot resolve (symbolic link loop?)", False)
            continue
        if not _inside(real, root):  # reached through a symbolic link to a folder outside
            on_skip(folder, LINK_OUT)
            on_problem(folder, LINK_OUT, False)
            continue
        if real in visited_dirs:
            found[0] += 1  # a second route to a folder whose files are linted: nothing is lost
            continue  # a symlink cycle or a second route to the same folder
        visited_dirs.add(real)
        own = _load_ignore(folder)
        if own is not None:
            specs = specs + [(folder, own)]
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            on_problem(folder, f"cannot read folder: {err.strerror or err}", False)
            continue
        subdirs = []
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError:
                is_dir = is_file = False
            if is_dir:
                if entry.name in ALWAYS_SKIPPED:
                    continue
                by = _ignored(path, True, specs)
                if by is not None:
                    on_skip(path, _by_ignore_file(by))
                    continue
                if excl is not None and excl.match_file(_rel(path, top) + "/"):
                    on_skip(path, "excluded by the settings' exclude")
                    continue
                subdirs.append(path)
            elif is_file:
                if not wanted(path):
                    continue
                by = _ignored(path, False, specs)
                if by is not None:
                    on_skip(path, _by_ignore_file(by))
                    continue
                if excl is not None and excl.match_file(_rel(path, top)):
                    on_skip(path, "excluded by the settings' exclude")
                    continue
                if entry.is_symlink() and not _inside(Path(os.path.realpath(path)), root):
                    on_skip(path, LINK_OUT)
                    on_problem(path, LINK_OUT, False)
                    continue
                key = path.resolve()
                if key not in seen:
                    seen.add(key)
                    yield path
                else:
                    found[0] += 1
            elif entry.is_symlink() and wanted(path):
                on_problem(path, _link_problem(path), False)
        stack.extend((d, specs) for d in reversed(subdirs))


def _by_ignore_file(folder: Path) -> str:
    return f"ignored by {_shown(folder / '.gitignore')}"


def _shown(path: Path) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()


def _link_problem(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
    return "broken symbolic link"


def _rel(path: Path, top: Path) -> str:
    try:
        return path.relative_to(top).as_posix()
    except ValueError:
        return path.as_posix()
