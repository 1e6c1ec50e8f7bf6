"""Issue 13: how long does a 100 kB file of hostile content take to lint? Every file type,
each built by repeating one token (brackets, comment and string openers, markup, directives,
SDK names...) to 100 kB, one line and many lines. Prints the slowest cases, in CPU seconds
(time.process_time, all threads), so other load on the machine does not count.

    python bench/hostile_100k.py [--top 15] [--size 102400] [--report 1.0] [--ext .js ...]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

TOKENS = [
    "(", ")", "[", "]", "{", "}", "<", ">", "/*", "*/", "//", "`", "${", "'", '"', "\\", "\n", " ",
    "\r", "\t", "\u2028", "a$", "a", "1", ".", "?.", "=", "=>", ";", ",", "+", "!", "/", "#", "@",
    "<!--", "-->", "<script>", "</script>", "<style>", "<a ", "<div>", "&amp;", "url(", "@import ",
    "eval(", "eval(x);", "TTMinis.", "x=TTMinis;", "{a}=TTMinis;", "location.href=", "setTimeout('",
    "new Function(", "import ", "export ", "// minislint-disable-next-line no-eval\n",
    "/* minislint-disable */", "/* minislint-enable */", "<T>", "as T ", "a=a=", "f(", "function(){",
    "@Dec ", "enum E{", "namespace N{", ":string", "\ufeff", "\udcff", "\u00e9", "\x00",
]
EXTENSIONS = (".js", ".ts", ".tsx", ".html", ".css", ".vue", ".json")


def shapes(size: int):
    for token in TOKENS:
        body = (token * (size // max(1, len(token)) + 1))[:size]
        yield token, body
        if "\n" not in token:
            line = token * 40 + "\n"
            yield token + " (lines)", (line * (size // len(line) + 1))[:size]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--size", type=int, default=100 * 1024)
    parser.add_argument("--report", type=float, default=1.0, help="print cases slower than this as they run")
    parser.add_argument("--ext", action="append", help="only these extensions (.js, .json, ...)")
    args = parser.parse_args()
    from minislint.config import Settings
    from minislint.engine import Engine
    from minislint.runner import Runner

    engine = Engine(Settings())
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        for ext in args.ext or EXTENSIONS:
            for name, body in shapes(args.size):
                path = Path("minis.config.json" if ext == ".json" else f"case{ext}")
                path.write_bytes(body.encode("utf-8", "surrogatepass"))
                start = time.process_time()  # CPU of every thread: a busy machine does not count
                if ext == ".json":
                    Runner(engine).run([Path(".")])
                else:
                    engine.lint_file(path)
                took = time.process_time() - start
                times.append((took, ext, name))
                if took > args.report:
                    print(f"  {took:6.2f} s  {ext:6} {name!r}", file=sys.stderr, flush=True)
                path.unlink()
    times.sort(reverse=True)
    for took, ext, name in times[:args.top]:
        print(f"{took:6.2f} s  {ext:6} {name!r}")
    print(f"{len(times)} cases, slowest {times[0][0]:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
