#!/usr/bin/env python3
"""Parse success and speed of one esprima-family parser over the corpus and the sample.

Run it with the Python of a scratch venv that has exactly one of esprima / esprima2 /
esprima-fork installed (they all install the module `esprima`):

    /tmp/pv-esprima2/bin/python bench/parsers.py --mode range > out.jsonl

Source type follows Babel's "unambiguous": .mjs module, .cjs script, otherwise a module
when the text has import/export declarations; here approximated as "script, and module
when the script parse fails" (an ES module that is also a valid script is rare and
parses the same for timing purposes).
Modes: bare (no positions), range (offsets only), loc (loc + range, what ESLint-style
tools usually ask for). One JSON line per file: path, bytes, ok, error, seconds (wall) and
cpu (process CPU time: the figure to compare on a shared machine, where wall time depends
on what else runs).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from importlib import metadata
from pathlib import Path

import esprima

BENCH = Path(__file__).resolve().parent
MODES = {"bare": {}, "range": {"range": True}, "loc": {"range": True, "loc": True}}


def dist_name() -> str:
    for name in ("esprima2", "esprima-fork", "esprima"):
        try:
            return f"{name} {metadata.version(name)}"
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


def parse(text: str, suffix: str, options: dict):
    if suffix == ".mjs":
        return esprima.parseModule(text, dict(options))
    try:
        return esprima.parseScript(text, dict(options))
    except Exception:
        if suffix == ".cjs":
            raise
        return esprima.parseModule(text, dict(options))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=MODES, default="range")
    ap.add_argument("--set", choices=("corpus", "sample", "all"), default="all")
    args = ap.parse_args()
    sys.setrecursionlimit(20000)  # deep minified expressions
    dirs = ["corpus", "sample"] if args.set == "all" else [args.set]
    files = [p for d in dirs for p in sorted((BENCH / d).rglob("*")) if p.is_file() and p.suffix in (".js", ".mjs", ".cjs")]
    print(json.dumps({"parser": dist_name(), "mode": args.mode, "python": sys.version.split()[0]}))
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace").lstrip("\ufeff")
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            parse(text, path.suffix, MODES[args.mode])
            ok, error = True, None
        except RecursionError:
            ok, error = False, "RecursionError"
        except Exception as exc:  # the parser's own error type differs between forks
            ok, error = False, f"{type(exc).__name__}: {exc}"[:200]
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(json.dumps({"path": str(path.relative_to(BENCH)), "bytes": len(text.encode()),
                          "ok": ok, "error": error, "seconds": round(dt, 4), "cpu": round(cpu, 4)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
