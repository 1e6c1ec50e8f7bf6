"""Type erasure on a whole folder of real TypeScript (opt-in: too large to ship in the repo).

    python bench/typescript.py --fetch --repeat 1   # npm packs zod, rxjs, immer, mobx and four
                                                    # @tanstack packages into bench/ts-corpus/
    MINISLINT_TS_CORPUS=bench/ts-corpus python -m pytest tests/test_typescript_corpus.py -q -s

Every .ts/.tsx/.mts/.cts file (declaration files excepted) must blank to JavaScript of the same
length and line breaks that the project's esprima2 parses, without a syntax-error note.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from minislint.js.parse import parse_js
from minislint.languages import ParseError
from minislint.source import Fragment, SourceFile
from minislint.ts import blank

CORPUS = os.environ.get("MINISLINT_TS_CORPUS")
_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029]")
_SOURCE = re.compile(r"(?<!\.d)\.(ts|tsx|mts|cts)$")


@pytest.mark.skipif(not CORPUS, reason="set MINISLINT_TS_CORPUS to a folder of real TypeScript")
def test_corpus_blanks_to_parseable_javascript():
    files = sorted(p for p in Path(CORPUS).rglob("*") if p.is_file() and _SOURCE.search(p.name))
    assert files, f"no TypeScript under {CORPUS}"
    failures, chars, seconds = [], 0, 0.0
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        tsx = path.suffix == ".tsx"
        start = time.process_time()
        out = blank(text, tsx)
        seconds += time.process_time() - start
        chars += len(text)
        assert len(out.text) == len(text)
        assert [m.start() for m in _BREAKS.finditer(out.text)] == [m.start() for m in _BREAKS.finditer(text)]
        if out.error is not None:
            failures.append(f"{path}: tree-sitter: {out.error}")
            continue
        file = SourceFile(path, str(path), text)
        for code in filter(None, (out.text, out.decorators)):
            try:
                parse_js(Fragment(file, "js", code, meta={"jsx": tsx, "jsx_fallback": False}))
            except ParseError as err:
                failures.append(f"{path}: esprima2 at {file.position(err.offset)}: {err.message}")
    print(f"\n{len(files)} files, {chars} chars, blank() {seconds:.1f} s CPU, {len(failures)} failures")
    assert failures == []
