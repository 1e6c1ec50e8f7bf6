"""`minislint --stdin-filename src/App.tsx -`: lint standard input as if it were that file.

Editors that pipe the buffer get the file's language (by its extension), its project settings
and minis.config.json (looked up from its folder) and its own suppression comments; the bytes go
through the same decoding and guarded lint as a file read from disk.
"""
from __future__ import annotations

import sys
from pathlib import Path

from minislint.decode import DecodeProblem, decode_lenient
from minislint.engine import Engine, display_path
from minislint.finding import Finding
from minislint.parallel import no_gc
from minislint.runner import Result


def lint_stdin(engine: Engine, name: str, stream=None) -> tuple[Result, dict]:
    """The result for the bytes on `stream` (stdin), and {display path: text} for reporters,
    which must quote the piped text, not what is on disk under that name."""
    path = Path(name)
    data = (stream if stream is not None else sys.stdin.buffer).read()
    display = display_path(path)
    with no_gc():  # as a worker lints a file (parallel.py): a big buffer's tree is not re-traversed
        findings, crashes = engine.lint_data(path, display, data)
    # Findings silenced in source are still in the list: Runner.finish sets them aside.
    result = Result(findings=sorted(findings, key=Finding.sort_key), files=1, internal_errors=crashes)
    try:
        return result, {display: decode_lenient(data)[0]}
    except DecodeProblem:
        return result, {}
