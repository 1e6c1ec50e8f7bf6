#!/usr/bin/env python3
"""minislint's code-from-strings findings next to ESLint's on the corpus (issue 2's comparison).

Pairs no-eval <-> no-eval, no-new-func <-> no-function-constructor, no-implied-eval <->
no-string-timer, on the same line with columns at most 12 apart (ESLint points at the call or
`new`, minislint at the name). Needs results/eslint-baseline.json (eslint_baseline.py) and
minislint installed. Writes results/compare-eslint.md.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PAIRS = {"no-eval": "no-eval", "no-new-func": "no-function-constructor", "no-implied-eval": "no-string-timer"}


def main() -> int:
    eslint = json.loads((BENCH / "results" / "eslint-baseline.json").read_text())["files"]
    files = list(eslint)
    exe = Path(sys.executable).with_name("minislint")
    proc = subprocess.run([str(exe), "check", *files, "--format", "json", "--no-cache", "--exit-zero",
                           "--select", ",".join(PAIRS.values())], cwd=BENCH, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(proc.stderr)
    ours: dict[str, list] = {}
    for f in json.loads(proc.stdout):
        ours.setdefault(f["path"], []).append(f)
    lines = ["# Code-from-strings findings: minislint vs ESLint 9 on the corpus", "",
             "`python bench/compare_eslint.py` (after `eslint_baseline.py`). Pairs: " +
             ", ".join(f"ESLint `{a}` = minislint `{b}`" for a, b in PAIRS.items()) +
             "; same line, columns at most 12 apart.", "",
             "| file | ESLint | minislint | paired | only ESLint | only minislint |", "|---|---:|---:|---:|---:|---:|"]
    detail = []
    for rel in files:
        theirs = [m for m in eslint[rel] if m["ruleId"] in PAIRS]
        mine = list(ours.get(rel, []))
        free = list(mine)
        only_eslint = []
        for m in theirs:
            match = next((f for f in free if f["rule"] == PAIRS[m["ruleId"]] and f["line"] == m["line"]
                          and abs(f["column"] - m["column"]) <= 12), None)
            if match is None:
                only_eslint.append(m)
            else:
                free.remove(match)
        paired = len(theirs) - len(only_eslint)
        lines.append(f"| {rel} | {len(theirs)} | {len(mine)} | {paired} | {len(only_eslint)} | {len(free)} |")
        for m in only_eslint:
            detail.append(f"- only ESLint: `{rel}:{m['line']}:{m['column']}` {m['ruleId']}: {m['message']}")
        for f in free:
            detail.append(f"- only minislint: `{rel}:{f['line']}:{f['column']}` {f['rule']}: {f['message']}")
    lines += ["", "Differences (each needs a reason in the issue-2 note):", ""] + (detail or ["- none"])
    (BENCH / "results" / "compare-eslint.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
