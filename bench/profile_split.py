#!/usr/bin/env python3
"""Where a cold run's CPU goes: parse, scope building, walk + rules, per corpus file.

Serial, in-process, CPU time (time.process_time), cyclic GC paused per file as the CLI does.
Usage: python bench/profile_split.py [--gc] [--rules]   (--gc: leave the collector on;
--rules: also time each rule's handlers)
"""
from __future__ import annotations

import argparse
import collections
import functools
import gc
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gc", action="store_true", help="keep the cyclic collector on (the old behaviour)")
    ap.add_argument("--rules", action="store_true", help="time each rule's handlers too")
    args = ap.parse_args()
    sys.setrecursionlimit(20000)
    from minislint import guard
    from minislint.engine import Engine
    from minislint.plugins import default_registry
    import minislint.js.scope as scope

    guard.run = lambda fn, *a, timeout=None, **k: fn(*a, **k)  # same thread: process_time sees the work
    reg = default_registry()
    spent: collections.Counter = collections.Counter()

    def timed(name, fn):
        @functools.wraps(fn)  # keeps the walker's `candidates` mark, or the engine walks every node
        def wrapper(*a, **k):
            c0 = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.process_time() - c0
        return wrapper

    reg.parsers["js"] = timed("parse", reg.parsers["js"])
    reg.walkers["js"] = timed("walk+rules (incl. scope)", reg.walkers["js"])
    scope.Scopes._build = timed("scope", scope.Scopes._build)
    engine = Engine(registry=reg)
    if args.rules:
        guard_fn = engine._guard

        def per_rule(fn, rule, *rest):
            return guard_fn(timed(f"rule {rule.id}", fn), rule, *rest)
        engine._guard = per_rule
    files = sorted(p for p in (BENCH / "corpus").rglob("*.js") if p.is_file())
    total = 0.0
    for f in files:
        c0 = time.process_time()
        if not args.gc:
            gc.disable()
        engine.lint_file(f)
        if not args.gc:
            gc.enable()
            gc.collect(0)
        total += time.process_time() - c0
    mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"{len(files)} files, {mb:.2f} MB, cyclic GC {'on' if args.gc else 'paused per file'}: "
          f"{total:.2f} CPU s ({mb / total:.2f} MB/s)")
    for name, secs in spent.most_common():
        print(f"  {name:40} {secs:6.2f} s  {100 * secs / total:4.0f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
