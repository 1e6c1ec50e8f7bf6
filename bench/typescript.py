#!/usr/bin/env python3
"""Where a TypeScript file's lint CPU goes: TS parse, blanking, JS re-parse, the rest (issue 11).

TypeScript reaches the JavaScript rules through minislint/ts/erase.py: tree-sitter-typescript
parses, the types are blanked to spaces (offsets kept), and the blanked text is parsed again by
tree-sitter-javascript for the candidate dispatch. For every .ts/.tsx/.mts/.cts file of the
corpus (declaration files excepted) this times, in process and serially (CPU time, cyclic GC
paused per file as the CLI does):

- ts parse:   tree-sitter-typescript's parse (`erase.parse`, retries for the call-signature
              repair included)
- blanking:   the rest of `blank()`: the Python walk over every TS node, rendering the blanked
              text, the `: string` declarations
- js parse:   tree-sitter-javascript's parse of the blanked text (`js.tree.ts_parse`)
- rest:       everything else of `Engine.lint_file` (Tree, candidate dispatch, rules, verdict)

and, beside it, the whole lint of the same blanked text given to the engine as a `.js` file:
what the file costs when it is plain JavaScript. The repeat with the smallest total is kept.

`--prototype`: the alternative, measured: the TS tree itself fed to the candidate converter
(minislint/js/tree.py), no blanking, no re-parse (only the `: string` declarations are still
looked for). Prints its CPU beside the shipped path's and every finding that differs.
`--prototype-tests`: the project's TypeScript tests run in process with the prototype in place
(tests that start a subprocess still run the shipped path).

Corpus: `--fetch` `npm pack`s the pinned packages of TS_PACKAGES into bench/ts-corpus/ (the
packages tests/test_typescript_corpus.py names; git-ignored).
Usage: python bench/typescript.py [--fetch] [--repeat 3] [--top 8] [--prototype] [--out results/x.md]
       python bench/typescript.py --prototype-tests
"""
from __future__ import annotations

import argparse
import collections
import gc
import os
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CORPUS = BENCH / "ts-corpus"
TS_PACKAGES = ("zod@4.6.7", "rxjs@7.8.2", "immer@11.2.13", "mobx@7.1.3", "@tanstack/query-core@5.108.4",
               "@tanstack/react-query@5.108.4", "@tanstack/react-router@1.170.46", "@tanstack/react-form@1.33.5")
SOURCE = re.compile(r"(?<!\.d)\.(ts|tsx|mts|cts)$")
PHASES = ("ts parse", "blanking", "js parse", "rest")


def fetch() -> None:
    cache = CORPUS / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "pack", "--silent", *TS_PACKAGES], cwd=cache, check=True, stdout=subprocess.DEVNULL)
    for tgz in sorted(cache.glob("*.tgz")):
        dest = CORPUS / tgz.name[:-4]
        if not dest.exists():
            with tarfile.open(tgz) as tar:
                tar.extractall(dest, filter="data")


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and SOURCE.search(p.name) and ".cache" not in p.parts)


class Clock:
    """CPU seconds spent inside wrapped functions, by phase; nested calls are counted once."""

    def __init__(self):
        self.spent: collections.Counter = collections.Counter()
        self.depth = 0

    def wrap(self, name, fn):
        def timed(*a, **k):
            if self.depth:
                return fn(*a, **k)
            self.depth += 1
            c0 = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                self.spent[name] += time.process_time() - c0
                self.depth -= 1
        return timed


def measure(files: list[Path]) -> dict:
    """{path: {phase: CPU s, "total": ..., "as js": ...}} for one pass over the corpus."""
    from minislint import guard
    from minislint.engine import Engine
    from minislint.js import tree as js_tree
    from minislint.source import SourceFile
    from minislint.ts import erase
    import minislint.ts

    guard.run = lambda fn, *a, timeout=None, **k: fn(*a, **k)  # same thread, no time budget
    clock = Clock()
    ts_clock = Clock()
    real_parse, real_blank, real_js = erase.parse, erase.blank, js_tree.ts_parse
    erase.parse = ts_clock.wrap("ts parse", real_parse)
    minislint.ts.blank = clock.wrap("blank", real_blank)  # languages/typescript.py imports it from here
    js_tree.ts_parse = clock.wrap("js parse", real_js)
    engine = Engine()
    out = {}
    try:
        for path in files:
            clock.spent.clear()
            ts_clock.spent.clear()
            gc.disable()
            c0 = time.process_time()
            found, _ = engine.lint_file(path)
            total = time.process_time() - c0
            crashed = [f for f in found if f.rule == "internal-error"]
            if crashed:
                sys.exit(f"{path}: {crashed[0].message}")
            gc.enable()
            gc.collect(0)
            ts = ts_clock.spent["ts parse"]
            row = {"ts parse": ts, "blanking": clock.spent["blank"] - ts, "js parse": clock.spent["js parse"]}
            row["rest"] = total - sum(row.values())
            row["total"] = total
            # the same code as plain JavaScript: the blanked text linted as a .js file
            text = path.read_text(encoding="utf-8-sig")
            js = real_blank(text, path.suffix == ".tsx").text
            js_path = path.with_suffix(".jsx" if path.suffix == ".tsx" else ".js")
            gc.disable()
            c0 = time.process_time()
            engine.lint_source(SourceFile(js_path, str(js_path), js))
            row["as js"] = time.process_time() - c0
            gc.enable()
            gc.collect(0)
            out[path] = row
    finally:
        erase.parse, minislint.ts.blank, js_tree.ts_parse = real_parse, real_blank, real_js
    return out


def prototype_fragments(file, text: str, offset: int = 0, *, tsx: bool, module=None, meta=None) -> list:
    """languages/typescript.fragments_for without blanking: the fragment keeps the TypeScript text
    and its parse is tree-sitter-typescript's tree, wrapped as js/tree.py wraps a JS one. A tree
    with an error goes the shipped way (its syntax-error is worded there)."""
    from tree_sitter import Query, QueryCursor

    from minislint.js.tree import Tree
    from minislint.languages import typescript
    from minislint.source import Fragment
    from minislint.suppress import MARK
    from minislint.ts import erase
    from minislint.ts.offsets import ByteToChar
    from minislint.ts.stringdecls import string_decls

    data, ts_tree = erase.parse(text, tsx)
    root = ts_tree.root_node
    if root.has_error:
        return SHIPPED_FRAGMENTS(file, text, offset, tsx=tsx, module=module, meta=meta)
    b2c = ByteToChar(text)
    decls = {"value": set(), "returns": set(), "cast": set()}
    for kind, where in string_decls(erase.find(root, tsx)):
        decls[kind].add((b2c(where[0]), b2c(where[1])) if kind == "cast" else b2c(where))
    js_meta = {**(meta or {}), "jsx": tsx, "jsx_fallback": False, "typescript": True,
               "string_decls": frozenset(decls["value"]), "string_returns": frozenset(decls["returns"]),
               "string_casts": frozenset(decls["cast"]), "ts_notes": ()}
    fragment = Fragment(file, "js", text, offset, module=module, meta=js_meta)
    if fragment.module is None:
        fragment.module = any(c.type in ("import_statement", "export_statement") for c in root.children)
    tree = Tree(text, data, ts_tree)
    tree.module = bool(fragment.module)
    comments = []
    if MARK in text:
        found = QueryCursor(Query(ts_tree.language, "(comment) @c")).captures(root).get("c", [])
        comments = sorted((tree.offsets.cp(n.start_byte), tree.offsets.cp(n.end_byte)) for n in found)
    tree.program.comments = comments
    fragment.__dict__["_js_parsed"] = (tree.program, None)  # parse_js hands this tree out
    return [fragment]


SHIPPED_FRAGMENTS = None


def findings(files: list[Path], prototype: bool) -> tuple[set, float]:
    """Every finding (path, rule, line, column, message) and the CPU seconds of linting `files`."""
    global SHIPPED_FRAGMENTS
    from minislint import guard
    from minislint.engine import Engine
    from minislint.languages import typescript

    guard.run = lambda fn, *a, timeout=None, **k: fn(*a, **k)
    SHIPPED_FRAGMENTS = SHIPPED_FRAGMENTS or typescript.fragments_for
    typescript.fragments_for = prototype_fragments if prototype else SHIPPED_FRAGMENTS
    engine = Engine()
    out, cpu = set(), 0.0
    try:
        for path in files:
            gc.disable()
            c0 = time.process_time()
            found, _ = engine.lint_file(path)
            cpu += time.process_time() - c0
            gc.enable()
            gc.collect(0)
            out |= {(str(path.relative_to(CORPUS)), f.rule, f.line, f.column, f.message) for f in found}
    finally:
        typescript.fragments_for = SHIPPED_FRAGMENTS
    return out, cpu


def compare(files: list[Path], repeat: int) -> list[str]:
    shipped = [findings(files, False) for _ in range(repeat)]
    proto = [findings(files, True) for _ in range(repeat)]
    ref, new = shipped[0][0], proto[0][0]
    ref_cpu, new_cpu = min(c for _, c in shipped), min(c for _, c in proto)
    lines = ["", "## Prototype: the TS tree fed to the candidate converter", "",
             "| path | CPU s | findings | only this path |", "|---|---:|---:|---:|",
             f"| shipped (blank + JS re-parse) | {ref_cpu:.2f} | {len(ref)} | {len(ref - new)} |",
             f"| TS tree, no blanking | {new_cpu:.2f} | {len(new)} | {len(new - ref)} |", ""]
    for tag, items in (("only shipped", sorted(ref - new)), ("only prototype", sorted(new - ref))):
        lines += [f"- {tag}: `{p}:{line}:{col}` {rule}: {msg}" for p, rule, line, col, msg in items]
    return lines


PROTOTYPE_TESTS = ("tests/test_typescript_rules.py", "tests/test_typescript_fixture.py", "tests/test_markup_vue_sfc.py")


def prototype_tests() -> int:
    """pytest's exit status for PROTOTYPE_TESTS with the prototype in place of the shipped path."""
    global SHIPPED_FRAGMENTS
    import pytest

    from minislint.languages import typescript

    SHIPPED_FRAGMENTS = typescript.fragments_for
    typescript.fragments_for = prototype_fragments
    return pytest.main(["-q", "-p", "no:cacheprovider", "-rf", *PROTOTYPE_TESTS], plugins=[])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fetch", action="store_true", help="npm pack the corpus into bench/ts-corpus/ first")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--top", type=int, default=8, help="list the N costliest files")
    ap.add_argument("--prototype", action="store_true",
                    help="also lint with the TS tree fed to the converter and compare findings")
    ap.add_argument("--prototype-tests", action="store_true",
                    help="run the TypeScript tests with the prototype in place (and nothing else)")
    ap.add_argument("--out", help="also write the report (Markdown) to this file, relative to bench/")
    args = ap.parse_args()
    sys.setrecursionlimit(20000)
    if args.prototype_tests:
        os.chdir(BENCH.parent)
        return prototype_tests()
    if args.fetch:
        fetch()
    files = corpus_files()
    if not files:
        sys.exit(f"no TypeScript under {CORPUS}: run python bench/typescript.py --fetch")
    size = sum(p.stat().st_size for p in files) / 1e6
    runs = [measure(files) for _ in range(max(args.repeat, 1))]
    best = min(runs, key=lambda r: sum(row["total"] for row in r.values()))
    sums = {k: sum(row[k] for row in best.values()) for k in (*PHASES, "total", "as js")}
    total = sums["total"]
    load = os.getloadavg()
    lines = ["# TypeScript: where a .ts file's lint CPU goes", "",
             f"`python bench/typescript.py --repeat {args.repeat}{' --prototype' if args.prototype else ''}` — "
             f"{len(files)} files, {size:.2f} MB "
             f"({', '.join(TS_PACKAGES)}); fastest of {len(runs)} runs; load average "
             f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", "",
             "| phase | CPU s | share | s per MB |", "|---|---:|---:|---:|"]
    for k in PHASES:
        lines.append(f"| {k} | {sums[k]:.2f} | {100 * sums[k] / total:.0f} % | {sums[k] / size:.2f} |")
    lines.append(f"| **total (.ts)** | {total:.2f} | 100 % | {total / size:.2f} |")
    lines.append(f"| same text as .js | {sums['as js']:.2f} | {100 * sums['as js'] / total:.0f} % | "
                 f"{sums['as js'] / size:.2f} |")
    lines += ["", f"Costliest {args.top} files (CPU s):", "",
              "| file | KB | " + " | ".join(PHASES) + " | total | as .js |", "|---|---:|" + "---:|" * 6]
    for path, row in sorted(best.items(), key=lambda kv: -kv[1]["total"])[:args.top]:
        lines.append(f"| {path.relative_to(CORPUS)} | {path.stat().st_size / 1e3:.0f} | "
                     + " | ".join(f"{row[k]:.3f}" for k in (*PHASES, "total", "as js")) + " |")
    if args.prototype:
        lines += compare(files, max(args.repeat, 1))
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        (BENCH / args.out).write_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
