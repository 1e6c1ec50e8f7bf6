"""`minislint --stdin-filename src/App.tsx -`: lint standard input as if it were that file.

Editors that pipe the buffer get the file's language (by its extension), its project settings
and minis.config.json (looked up from its folder) and its own suppression comments.
"""
from __future__ import annotations

import sys
from pathlib import Path

from minislint.decode import DecodeProblem, decode
from minislint.engine import Engine, Result, display_path
from minislint.finding import Finding
from minislint.source import SourceFile


def lint_stdin(engine: Engine, name: str, stream=None) -> tuple[Result, dict]:
    """The result for the bytes on `stream` (stdin), and {display path: text} for reporters,
    which must show the piped text, not what is on disk under that name."""
    path = Path(name)
    data = (stream if stream is not None else sys.stdin.buffer).read()
    result = Result(files=1)
    display = display_path(path)
    try:
        text = decode(data)
    except DecodeProblem as err:
        result.findings = [engine._file_finding(display, err.message)]
        return result, {}
    findings, crashes = engine._lint_guarded(SourceFile(path, display, text))  # deep input: guard.py
    result.findings = sorted(findings, key=Finding.sort_key)
    result.internal_errors = crashes
    return result, {display: text}
