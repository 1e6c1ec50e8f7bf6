"""Which files to lint: walk folders skipping node_modules, .git and what .gitignore ignores.

A path named on the command line is always linted, even when it is ignored (a gitignored `dist/`).
"""
from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Callable, Iterator

import pathspec

ALWAYS_SKIPPED = frozenset(("node_modules", ".git", ".hg", ".svn", ".minislint_cache", "__pycache__"))


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


def _ignored(path: Path, is_dir: bool, specs) -> bool:
    for base, spec in specs:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.match_file(rel + "/" if is_dir else rel):
            return True
    return False


def iter_files(paths: list[Path], wanted: Callable[[Path], bool], exclude: list[str],
               on_problem: Callable[..., None]) -> Iterator[Path]:
    """Yield files to lint, in a stable order; problems go to on_problem(path, message, named)."""
    excl = pathspec.GitIgnoreSpec.from_lines(exclude) if exclude else None
    seen = set()
    for given in paths:
        if given.is_file():
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
        yield from _walk(given, wanted, excl, seen, on_problem)


def _walk(top: Path, wanted, excl, seen, on_problem):
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
        if real in visited_dirs:
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
                if entry.name in ALWAYS_SKIPPED or _ignored(path, True, specs):
                    continue
                if excl is not None and excl.match_file(_rel(path, top) + "/"):
                    continue
                subdirs.append(path)
            elif is_file:
                if not wanted(path) or _ignored(path, False, specs):
                    continue
                if excl is not None and excl.match_file(_rel(path, top)):
                    continue
                key = path.resolve()
                if key not in seen:
                    seen.add(key)
                    yield path
            elif entry.is_symlink() and wanted(path):
                on_problem(path, _link_problem(path), False)
        stack.extend((d, specs) for d in reversed(subdirs))


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
