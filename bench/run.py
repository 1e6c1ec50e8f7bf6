#!/usr/bin/env python3
"""Time minislint and ESLint 9 side by side on the pinned corpus (issue 6).

Scenarios, each for both tools on the same files:
  cold    the ~4 MB corpus, no cache
  warm    the same again, nothing changed, cache on (minislint's content cache, ESLint --cache)
  edit    a 200-file source tree, caches primed, one file edited, re-run
  editor  one ~20 kB file, process start included (what an editor pays on save)
  stdin   the same file through --stdin-filename (an editor integration's path)
  big     one ~20 MB one-line bundle (minified bundles of the corpus joined on one line)
For each: wall time, CPU time (user+sys of the whole process tree), peak memory (sum of the
tree's RSS, sampled every 5 ms), findings count.
Writes bench/results/<date>.json and .md.

Needs: python bench/fetch_corpus.py; npm ci --prefix bench/eslint; minislint installed;
GNU time at /usr/bin/time for exact peak memory (Debian package `time`; else sampling only).
Usage: python bench/run.py [--repeat N] [--jobs N] [--only cold,warm,edit,editor,stdin,big]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
TREE = BENCH / "tree"
ESLINT = ["node", "eslint/node_modules/eslint/bin/eslint.js", "-c", "eslint/eslint.config.mjs",
          "--no-config-lookup", "--no-warn-ignored", "-f", "json"]
EDIT = '\n;eval("1 + 1"); // bench/run.py edit\n'


def minislint_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("minislint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "minislint"]


def compile_bytecode() -> str:
    """Byte-compile the installed minislint as `pip install` does for a wheel. An editable install
    under PYTHONDONTWRITEBYTECODE (this bench machine's environment) never writes .pyc files, so
    every run compiled the ~70 modules it imports again: ~0.1 s of the one-file scenarios that an
    installed minislint does not pay."""
    import compileall

    import minislint
    import minislint.rules

    folders = [*minislint.__path__, *minislint.rules.__path__]
    ok = all(compileall.compile_dir(f, quiet=1) for f in folders)
    return "byte-compiled before the runs, as pip does on install" if ok else "byte-compiling failed"


# ---------------------------------------------------------------- measuring one process tree
def _tree_rss_kb(root: int) -> int:
    """RSS of root and all its descendants, from /proc (Linux). The descendants come from each
    task's `children` file: reading every process's `stat` took 1.6 ms a sample, a quarter of a
    core at one sample per 5 ms, taken from the tool being measured (a two-worker run on two
    cores lost ~0.35 s of 2.6 to it)."""
    if not _HAS_CHILDREN:
        return _tree_rss_kb_scan(root)
    total, todo = 0, [root]
    page_kb = resource.getpagesize() // 1024
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * page_kb
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):  # a process that ended between two reads
            continue
    return total


_HAS_CHILDREN = os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")


def _tree_rss_kb_scan(root: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            fields = stat[stat.rindex(")") + 2:].split()
            pid, ppid = int(entry), int(fields[1])
            rss[pid] = int(fields[21]) * (resource.getpagesize() // 1024)
            children.setdefault(ppid, []).append(pid)
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


def measure(cmd: list[str], cwd: Path, env: dict | None = None, stdin: Path | None = None) -> dict:
    peak = [0]
    # GNU time forks the tool from a 2 MB process, so its %M is the tool's own largest process
    # (ru_maxrss of a child forked from this bench process would include the bench's RSS)
    gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    maxrss_file = tempfile.NamedTemporaryFile(prefix="bench-maxrss-", delete=False).name
    if gnu_time:
        cmd = [gnu_time, "-f", "%M", "-o", maxrss_file, *cmd]
    t0 = time.perf_counter()
    feed = open(stdin, "rb") if stdin is not None else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=feed, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    done = threading.Event()

    def sample():
        while not done.wait(0.005):
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    box = {}
    readers = [threading.Thread(target=lambda k, f: box.__setitem__(k, f.read()), args=(k, f), daemon=True)
               for k, f in (("out", proc.stdout), ("err", proc.stderr))]
    for r in readers:
        r.start()
    # wait4, not RUSAGE_CHILDREN: its ru_maxrss is the largest child of the whole bench run
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if stdin is not None:
        feed.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join()
    done.set()
    sampler.join()
    cpu = usage.ru_utime + usage.ru_stime  # the process and the children it waited for
    # The sampled sum covers parallel workers; GNU time's figure catches a short-lived peak.
    try:
        largest = int(Path(maxrss_file).read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        largest = 0
    Path(maxrss_file).unlink(missing_ok=True)
    peak_mb = max(peak[0], largest) / 1024
    return {"wall": round(wall, 3), "cpu": round(cpu, 3), "peak_mb": round(peak_mb, 1),
            "rc": proc.returncode, "stdout": box.get("out", ""), "stderr": box.get("err", "")[-2000:]}


def best_of(n: int, run) -> dict:
    """Run n times, keep the fastest run, as timeit does: on a shared machine the slower runs
    measure the neighbours (every wall is kept for the record)."""
    runs = [run() for _ in range(n)]
    runs.sort(key=lambda r: r["wall"])
    pick = dict(runs[0])
    pick["walls"] = [r["wall"] for r in runs]
    return pick


# ---------------------------------------------------------------- the two tools
class Minislint:
    name = "minislint"

    def __init__(self, jobs: int | None, cache_dir: Path):
        self.jobs, self.cache_dir = jobs, cache_dir

    def run(self, paths: list[str], cwd: Path, cache: bool) -> dict:
        cmd = minislint_cmd() + ["check", *paths, "--format", "json", "--exit-zero"]
        if self.jobs:
            cmd += ["--jobs", str(self.jobs)]
        if not cache:
            cmd.append("--no-cache")
        env = dict(os.environ, MINISLINT_CACHE_DIR=str(self.cache_dir))
        r = measure(cmd, cwd, env)
        r["findings"] = count_minislint(r)
        return r

    def run_stdin(self, path: str, cwd: Path) -> dict:
        cmd = minislint_cmd() + ["check", "--format", "json", "--exit-zero", "--stdin-filename", path, "-"]
        r = measure(cmd, cwd, dict(os.environ, MINISLINT_CACHE_DIR=str(self.cache_dir)), stdin=cwd / path)
        r["findings"] = count_minislint(r)
        return r

    def clear(self):
        shutil.rmtree(self.cache_dir, ignore_errors=True)


class ESLint:
    name = "eslint"

    def __init__(self, cache_file: Path):
        self.cache_file = cache_file

    def run(self, paths: list[str], cwd: Path, cache: bool, heap_mb: int | None = None) -> dict:
        cmd = [ESLINT[0], str(BENCH / ESLINT[1]), "-c", str(BENCH / ESLINT[3]), *ESLINT[4:]]
        if cache:
            cmd += ["--cache", "--cache-strategy", "content", "--cache-location", str(self.cache_file)]
        if heap_mb:  # Node's default heap limit (~4 GB here) ends ESLint on the big bundle
            cmd[1:1] = [f"--max-old-space-size={heap_mb}"]
        r = measure(cmd + paths, cwd)
        r["findings"] = count_eslint(r)
        return r

    def run_stdin(self, path: str, cwd: Path) -> dict:
        cmd = [ESLINT[0], str(BENCH / ESLINT[1]), "-c", str(BENCH / ESLINT[3]), *ESLINT[4:], "--stdin",
               "--stdin-filename", path]
        r = measure(cmd, cwd, stdin=cwd / path)
        r["findings"] = count_eslint(r)
        return r

    def clear(self):
        self.cache_file.unlink(missing_ok=True)


def count_minislint(r: dict):
    try:
        items = json.loads(r["stdout"])
    except ValueError:
        return None
    by_rule: dict[str, int] = {}
    for f in items:
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
    return {"total": len(items), "by_rule": dict(sorted(by_rule.items()))}


def count_eslint(r: dict):
    try:
        files = json.loads(r["stdout"])
    except ValueError:
        return None
    by_rule: dict[str, int] = {}
    for f in files:
        for m in f["messages"]:
            by_rule[m.get("ruleId") or "fatal"] = by_rule.get(m.get("ruleId") or "fatal", 0) + 1
    return {"total": sum(by_rule.values()), "by_rule": dict(sorted(by_rule.items()))}


# ---------------------------------------------------------------- inputs
def corpus_files() -> list[str]:
    files = sorted(p.relative_to(BENCH).as_posix() for p in (BENCH / "corpus").rglob("*.js") if p.is_file())
    if not files:
        sys.exit("no corpus: run python bench/fetch_corpus.py first")
    return files


def make_tree(n: int = 200) -> Path:
    """A 200-file source tree: a seeded pick of sample files under 60 kB (app-sized modules)."""
    pool = sorted(p for p in (BENCH / "sample").rglob("*.js") if p.is_file() and p.stat().st_size < 60_000)
    if len(pool) < n:
        sys.exit("sample too small: run python bench/fetch_corpus.py")
    shutil.rmtree(TREE, ignore_errors=True)
    for i, src in enumerate(random.Random(200).sample(pool, n)):
        # ESLint's flat config cannot say "unambiguous": ES modules get .mjs so both tools parse
        # them as modules (and ESLint does not stop at a parse error on 60% of the tree)
        module = _MODULE.search(src.read_text(encoding="utf-8", errors="replace"))
        dest = TREE / "src" / f"{i:03d}_{src.stem}{'.mjs' if module else src.suffix}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    return TREE


_MODULE = re.compile(r"^\s*(?:import\s*[\w{*'\"]|export\s)", re.M)


BIG = BENCH / "big" / "bundle.min.js"


def big_bundle(size: int = 20_000_000) -> str:
    """A 20 MB bundle on one line: the corpus's minified bundles (their few line breaks made
    spaces, source-map comments dropped), each wrapped as `(function(){...;})();` and kept only if
    tree-sitter still parses it, repeated until `size` bytes. Valid JS, as a bundler's output:
    tree-sitter finds no error in the joined file, so esprima2 (the fallback) never reads it.

    It stops at the first piece past `size`: whole rounds of the pieces made it 22.2 MB."""
    import tree_sitter_javascript
    from tree_sitter import Language, Parser

    parser = Parser(Language(tree_sitter_javascript.language()))
    pieces = []
    for p in sorted(q for q in (BENCH / "corpus").rglob("*.js") if q.is_file()):
        text = p.read_text(encoding="utf-8", errors="replace")
        if text.count("\n") > 300:
            continue  # not minified
        text = re.sub(r"//[#@] sourceMappingURL=\S*", "", text).replace("\r", " ").replace("\n", " ")
        piece = "(function(){" + text + ";})();"
        if not parser.parse(piece.encode()).root_node.has_error:
            pieces.append(piece)
    if not pieces:
        sys.exit("no minified bundle in the corpus parses on one line")
    out, n, i = [], 0, 0
    while n < size:
        piece = pieces[i % len(pieces)]
        out.append(piece)
        n += len(piece.encode())
        i += 1
    data = ("".join(out) + "\n").encode("utf-8")
    if not BIG.exists() or BIG.read_bytes() != data:  # built again each run: ~1 s
        BIG.parent.mkdir(exist_ok=True)
        BIG.write_bytes(data)
    return BIG.relative_to(BENCH).as_posix()


def editor_file() -> str:
    """The sample file whose size is closest to 20 kB."""
    pool = [p for p in (BENCH / "sample").rglob("*.js") if p.is_file()]
    return min(pool, key=lambda p: abs(p.stat().st_size - 20_000)).relative_to(BENCH).as_posix()


# ---------------------------------------------------------------- scenarios
def scenarios(tools, repeat: int, only: set[str]) -> dict:
    files = corpus_files()
    out: dict[str, dict] = {}
    if "cold" in only:
        out["cold"] = {"what": f"{len(files)} corpus files, "
                               f"{sum((BENCH / f).stat().st_size for f in files) / 1e6:.2f} MB, no cache"}
        for t in tools:
            out["cold"][t.name] = best_of(repeat, lambda: (t.clear(), t.run(files, BENCH, cache=False))[1])
    if "warm" in only:
        out["warm"] = {"what": "same corpus again, nothing changed, cache primed"}
        for t in tools:
            t.clear()
            t.run(files, BENCH, cache=True)  # prime
            out["warm"][t.name] = best_of(repeat, lambda: t.run(files, BENCH, cache=True))
    if "edit" in only:
        tree = make_tree()
        target = sorted((tree / "src").iterdir())[100]
        original = target.read_bytes()
        out["edit"] = {"what": f"200-file tree ({sum(p.stat().st_size for p in (tree / 'src').iterdir()) / 1e6:.2f} MB), "
                               f"caches primed, then `{target.name}` gains an eval() call"}
        for t in tools:
            t.clear()
            t.run(["src"], tree, cache=True)  # prime
            runs = []
            for _ in range(repeat):
                target.write_bytes(original + EDIT.encode())
                runs.append(t.run(["src"], tree, cache=True))
                target.write_bytes(original)
                t.run(["src"], tree, cache=True)  # back to primed
            runs.sort(key=lambda r: r["wall"])
            out["edit"][t.name] = dict(runs[0], walls=[r["wall"] for r in runs])
    if "editor" in only:
        one = editor_file()
        out["editor"] = {"what": f"one file `{one}` ({(BENCH / one).stat().st_size / 1e3:.1f} kB), "
                                 "process start included, no cache"}
        for t in tools:
            out["editor"][t.name] = best_of(max(repeat, 5), lambda: t.run([one], BENCH, cache=False))
    if "stdin" in only:
        one = editor_file()
        out["stdin"] = {"what": f"the same file through `--stdin-filename` (ESLint `--stdin`), process "
                                "start included"}
        for t in tools:
            out["stdin"][t.name] = best_of(max(repeat, 5), lambda: t.run_stdin(one, BENCH))
    if "big" in only:
        one = big_bundle()
        out["big"] = {"what": f"one one-line bundle `{one}` ({(BENCH / one).stat().st_size / 1e6:.1f} MB), "
                              "no cache; ESLint with a 12 GB heap (`--max-old-space-size=12288`: with Node's "
                              "default it runs out of memory)"}
        # ESLint with its default heap dies on it ("JavaScript heap out of memory" after 145 s at
        # 4.4 GB on the 22 MB version): it gets 12 GB, so that there is a time to compare with
        big_heap = {"heap_mb": 12288} if "eslint" in [t.name for t in tools] else {}
        for t in tools:
            extra = big_heap if t.name == "eslint" else {}
            out["big"][t.name] = best_of(1, lambda: (t.clear(), t.run([one], BENCH, cache=False, **extra))[1])
    return out


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    ml = subprocess.run(minislint_cmd() + ["--version"], capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem, 1), "os": platform.platform(),
            "python": platform.python_version(), "node": node, "minislint": ml,
            "eslint": subprocess.run(ESLINT[:2] + ["--version"], cwd=BENCH, capture_output=True, text=True).stdout.strip()}


def markdown(data: dict) -> str:
    m = data["machine"]
    lines = [f"# minislint vs ESLint, {data['date']}", "",
             f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, {m['os']}; "
             f"Python {m['python']}, Node {m['node']}; {m['minislint']}, ESLint {m['eslint']}."
             + (f" minislint's modules: {data['minislint_bytecode']}." if data.get("minislint_bytecode") else ""), "",
             f"Load average (1, 5, 15 min) before: {data['load_average']['before']}, after: "
             f"{data['load_average']['after']}. Each figure is the fastest of the repeats (all walls "
             "are in the JSON); CPU time (user + sys of the whole process tree) is the steadier figure "
             "when other work shares the cores.", "",
             f"Command: `{data['command']}`", "",
             "| scenario | tool | wall s | CPU s | peak MB | findings | wall ratio (minislint/ESLint) |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for name, sc in data["scenarios"].items():
        a, b = sc.get("minislint"), sc.get("eslint")
        ratio = f"{a['wall'] / b['wall']:.2f}" if a and b and b["wall"] else ""
        for tool in ("minislint", "eslint"):
            r = sc.get(tool)
            if not r:
                continue
            n = (r.get("findings") or {}).get("total", "?")
            lines.append(f"| {name} | {tool} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['peak_mb']:.0f} | {n} | "
                         f"{ratio if tool == 'minislint' else ''} |")
    lines += [""] + [f"- **{k}**: {sc['what']}" for k, sc in data["scenarios"].items()]
    lines += ["", "Findings by rule:", ""]
    for name, sc in data["scenarios"].items():
        for tool in ("minislint", "eslint"):
            if sc.get(tool) and sc[tool].get("findings"):
                lines.append(f"- {name} / {tool}: {sc[tool]['findings']['by_rule']}")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description="minislint vs ESLint 9 on the pinned corpus")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest is kept (best_of)")
    ap.add_argument("--jobs", type=int, default=None, help="minislint --jobs (default: its own default)")
    ap.add_argument("--only", default="cold,warm,edit,editor,stdin,big")
    ap.add_argument("--tools", default="minislint,eslint")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="minislint-bench-"))
    tools = [t for t in (Minislint(args.jobs, tmp / "minislint-cache"), ESLint(tmp / "eslintcache"))
             if t.name in args.tools.split(",")]
    bytecode = compile_bytecode() if "minislint" in args.tools.split(",") else ""
    load_before = os.getloadavg()
    try:
        results = scenarios(tools, args.repeat, set(args.only.split(",")))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(TREE, ignore_errors=True)
    for sc in results.values():
        for tool in ("minislint", "eslint"):
            if tool in sc:
                r = sc[tool]
                if r["rc"] not in (0, 1):
                    print(f"warning: {tool} exited {r['rc']}: {r['stderr'][-300:]}", file=sys.stderr)
                r.pop("stdout")
                if r["rc"] in (0, 1):
                    r.pop("stderr")
    now = dt.datetime.now(dt.timezone.utc)
    data = {"date": now.strftime("%Y-%m-%d %H:%M UTC"), "command": "python bench/run.py " + " ".join(sys.argv[1:]),
            "machine": machine(), "minislint_bytecode": bytecode, "load_average": {"before": [round(x, 2) for x in load_before],
                                                   "after": [round(x, 2) for x in os.getloadavg()]},
            "scenarios": results}
    RESULTS.mkdir(exist_ok=True)
    stem = now.strftime("%Y-%m-%d-%H%M")
    (RESULTS / f"{stem}.json").write_text(json.dumps(data, indent=1) + "\n")
    md = markdown(data)
    (RESULTS / f"{stem}.md").write_text(md)
    print(md)
    print(f"wrote bench/results/{stem}.json and .md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
