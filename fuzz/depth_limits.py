"""Measure what deep nesting costs the parsers, the numbers behind minislint/guard.py.

    python fuzz/depth_limits.py frames     # Python frames per nesting level (esprima2, tinycss2)
    python fuzz/depth_limits.py stack      # C stack per frame: largest depth that parses in 64 MB
    python fuzz/depth_limits.py abort      # 10 000 parens with a raised limit on the main thread

`abort` runs a child process; on Python 3.10 it dies with SIGSEGV (exit -11 / 139), on 3.11+
pure-Python calls no longer use the C stack and it survives.
"""
import subprocess
import sys
import threading

import esprima
import tinycss2

SHAPES = {
    "parens": lambda n: "(" * n + "1" + ")" * n,
    "arrays": lambda n: "[" * n + "]" * n,
    "objects": lambda n: "x=" + "{a:" * n + "1" + "}" * n,
    "callbacks": lambda n: "f(function(){" * n + "})" * n,
    "blocks": lambda n: "{" * n + "}" * n,
    "ternary": lambda n: "a?b:" * n + "c",
    "arrows": lambda n: "a=>" * n + "1",
    "member": lambda n: "a" + ".b" * n,
}


def parses(fn, text) -> bool:
    try:
        fn(text)
        return True
    except RecursionError:
        return False


def deepest(fn, gen, hi=30000) -> int:
    lo = 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if parses(fn, gen(mid)) else (lo, mid - 1)
    return lo


def frames() -> None:
    limit = 20000
    sys.setrecursionlimit(limit)
    for name, gen in SHAPES.items():
        d = deepest(esprima.parseScript, gen)
        print(f"esprima2 {name:10} deepest {d:6} under limit {limit}: {limit / d:5.1f} frames/level")
    css = lambda t: tinycss2.serialize(tinycss2.parse_component_value_list(t))  # noqa: E731
    d = deepest(css, lambda n: "f(" * n + ")" * n)
    print(f"tinycss2 serialize nested functions deepest {d} under limit {limit}: {limit / d:.1f} frames/level")


def _child(n: int, stack: int) -> None:
    sys.setrecursionlimit(10 ** 7)
    if stack:
        threading.stack_size(stack)
        t = threading.Thread(target=esprima.parseScript, args=(SHAPES["parens"](n),))
        t.start()
        t.join()
    else:
        esprima.parseScript(SHAPES["parens"](n))


def stack() -> None:
    size = 64 * 1024 * 1024
    lo, hi = 100, 20000
    while lo < hi:
        mid = (lo + hi + 1) // 2
        ok = subprocess.run([sys.executable, __file__, "child", str(mid), str(size)]).returncode == 0
        lo, hi = (mid, hi) if ok else (lo, mid - 1)
    print(f"Python {sys.version.split()[0]}: {lo} nested parens in 64 MB -> "
          f"{size // (lo * 16)} bytes of C stack per frame (16 frames per level)")


def abort() -> None:
    code = subprocess.run([sys.executable, __file__, "child", "10000", "0"]).returncode
    print(f"Python {sys.version.split()[0]}: 10 000 parens, limit 10**7, main thread -> exit {code}")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "frames"
    if what == "child":
        _child(int(sys.argv[2]), int(sys.argv[3]))
    else:
        {"frames": frames, "stack": stack, "abort": abort}[what]()
