#!/usr/bin/env python3
"""Nothing lost: minislint's findings with the tree-sitter front end against the esprima2 one.

Runs the installed minislint twice on the same files, once as shipped and once with
``MINISLINT_JS_FRONTEND=esprima2`` (parse every file with esprima2 and walk every node, the
front end before issue 11), every rule on, no cache, and compares the findings (rule, path,
line, column, message). Prints the counts, CPU seconds of each run and every difference;
exits 1 when they differ.

Needs ``python bench/fetch_corpus.py`` (corpus/ and the 600-file npm sample/).
Usage: python bench/differential.py [--set corpus|sample|all] [--jobs N] [--out results/x.md]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def minislint_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("minislint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "minislint"]


def run(paths: list[str], frontend: str | None, jobs: int) -> tuple[set, float, float]:
    env = dict(os.environ)
    env.pop("MINISLINT_JS_FRONTEND", None)
    if frontend:
        env["MINISLINT_JS_FRONTEND"] = frontend
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([*minislint_cmd(), "check", *paths, "--format", "json", "--no-cache", "--exit-zero",
                           "--jobs", str(jobs)], cwd=BENCH, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"minislint failed ({frontend or 'tree-sitter'}): {proc.stderr[-2000:]}")
    found = {(f["rule"], f["path"], f["line"], f["column"], f["message"]) for f in json.loads(proc.stdout)}
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return found, wall, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=("corpus", "sample", "all"), default="all")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--out", help="also write the report (Markdown) to this file, relative to bench/")
    args = ap.parse_args()
    sets = ["corpus", "sample"] if args.set == "all" else [args.set]
    lines = ["# Differential: tree-sitter front end vs esprima2 front end", "",
             f"`python bench/differential.py --set {args.set} --jobs {args.jobs}`", "",
             "| set | files | MB | findings esprima2 | findings tree-sitter | same | only esprima2 | only tree-sitter "
             "| CPU s esprima2 | CPU s tree-sitter |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    detail = []
    differ = False
    for name in sets:
        root = BENCH / name
        if not root.is_dir():
            sys.exit(f"{root} is missing: run python bench/fetch_corpus.py")
        files = sorted(str(p.relative_to(BENCH)) for p in root.rglob("*")
                       if p.is_file() and p.suffix in (".js", ".mjs", ".cjs"))
        size = sum((BENCH / f).stat().st_size for f in files) / 1e6
        ref, _, ref_cpu = run(files, "esprima2", args.jobs)
        new, _, new_cpu = run(files, None, args.jobs)
        only_ref, only_new = sorted(ref - new), sorted(new - ref)
        differ |= bool(only_ref or only_new)
        lines.append(f"| {name} | {len(files)} | {size:.2f} | {len(ref)} | {len(new)} | {len(ref & new)} | "
                     f"{len(only_ref)} | {len(only_new)} | {ref_cpu:.1f} | {new_cpu:.1f} |")
        for tag, items in (("only esprima2", only_ref), ("only tree-sitter", only_new)):
            for rule, path, line, col, message in items:
                detail.append(f"- {tag}: `{path}:{line}:{col}` {rule}: {message}")
    report = "\n".join(lines + ([""] + detail if detail else ["", "No differences."])) + "\n"
    print(report)
    if args.out:
        (BENCH / args.out).write_text(report)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
