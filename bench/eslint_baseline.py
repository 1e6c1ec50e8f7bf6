#!/usr/bin/env python3
"""ESLint 9 baseline over the corpus: per-file counts and every message with its position.

Writes bench/results/eslint-baseline.json (file -> messages) and eslint-baseline.md (counts),
so minislint's findings on the same files can be diffed (issue 2 asks for the comparison).
Needs `npm ci --prefix bench/eslint` and `python bench/fetch_corpus.py` first.
"""
from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ESLINT = ["node", "eslint/node_modules/eslint/bin/eslint.js", "-c", "eslint/eslint.config.mjs",
          "--no-config-lookup", "-f", "json"]
# the four bundles issue 2 names first, then the rest of the corpus
NAMED = ["corpus/lodash/lodash.js", "corpus/core-js-bundle/minified.js",
         "corpus/vue/dist/vue.global.prod.js", "corpus/eruda/eruda.js"]
CODE_RULES = ("no-eval", "no-implied-eval", "no-new-func")
API_RULES = ("no-restricted-globals", "no-restricted-properties")


def run_eslint(paths: list[str]) -> list[dict]:
    proc = subprocess.run(ESLINT + paths, cwd=BENCH, capture_output=True, text=True)
    if proc.returncode not in (0, 1):  # 1 = findings
        sys.exit(f"eslint failed ({proc.returncode}): {proc.stderr.strip()[:500]}")
    return json.loads(proc.stdout)


def main() -> int:
    files = NAMED + sorted(
        str(p.relative_to(BENCH)) for p in (BENCH / "corpus").rglob("*.js")
        if p.is_file() and str(p.relative_to(BENCH)) not in NAMED)
    report = run_eslint(files)
    out = {}
    for entry in report:
        rel = Path(entry["filePath"]).resolve().relative_to(BENCH).as_posix()
        out[rel] = [{k: m.get(k) for k in ("ruleId", "line", "column", "endLine", "endColumn", "message")}
                    for m in entry["messages"]]
    results = BENCH / "results"
    results.mkdir(exist_ok=True)
    version = subprocess.run(ESLINT[:2] + ["--version"], cwd=BENCH, capture_output=True, text=True).stdout.strip()
    (results / "eslint-baseline.json").write_text(json.dumps(
        {"eslint": version, "config": "bench/eslint/eslint.config.mjs", "files": out}, indent=1) + "\n")
    rules = CODE_RULES + API_RULES
    lines = [f"# ESLint {version} baseline on the corpus", "",
             "Command (from `bench/`): `node eslint/node_modules/eslint/bin/eslint.js -c "
             "eslint/eslint.config.mjs --no-config-lookup -f json <files>`; regenerate with "
             "`python bench/eslint_baseline.py`. Messages with line/column: `eslint-baseline.json`.", "",
             "| file | " + " | ".join(rules) + " | total |", "|---|" + "---:|" * (len(rules) + 1)]
    totals = collections.Counter()
    for rel in files:
        c = collections.Counter(m["ruleId"] for m in out.get(rel, []))
        totals.update(c)
        lines.append(f"| {rel} | " + " | ".join(str(c[r]) for r in rules) + f" | {sum(c.values())} |")
    lines.append("| **all** | " + " | ".join(str(totals[r]) for r in rules) + f" | {sum(totals.values())} |")
    lines += ["", "Every message:", ""]
    for rel in files:
        for m in out.get(rel, []):
            lines.append(f"- `{rel}:{m['line']}:{m['column']}` {m['ruleId']}: {m['message']}")
    (results / "eslint-baseline.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:len(files) + 7]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
