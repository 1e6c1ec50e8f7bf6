"""Real compiler output (issue 12): a React app and a Vue app built by Vite and an app built by
webpack 5, each with the same planted violations (fixtures/compiled-*/src, marked `planted:` in
the source). Every one is found in `src/`, in `dist/mapped/` (minified, with source maps: reported
at the source line the compiler's map gives) and in `dist/plain/` (minified, no maps: at the same
generated positions), and no look-alike (`clean:`) is reported anywhere."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from minislint.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
RULES = ("no-eval,no-function-constructor,no-string-timer,no-iframe,no-native-video,"
         "no-foreign-script,no-foreign-stylesheet,untrusted-domain")

# src/planted.js, the same file in all three apps: (rule, line, column)
PLANTED = [
    ("no-string-timer", 7, 15),          # const code = POLL; setInterval(code, 1000)
    ("no-string-timer", 14, 14),         # let q; q = "tick(...)"; setTimeout(q, 5)
    ("no-string-timer", 24, 27),         # setTimeout.call(window, "tock(...)", 5)
    ("no-foreign-script", 31, 11),       # var url = "https://..."; s.src = url
    ("no-foreign-script", 37, 10),       # Object.assign(document.createElement("script"), { src })
    ("no-foreign-script", 45, 26),       # el.setAttribute("src", `https://...`)
    ("no-foreign-stylesheet", 52, 15),   # link.rel = "stylesheet"; link.href = "https://..."
    ("no-eval", 64, 11),                 # const { eval: run } = window
    ("no-function-constructor", 70, 14),  # new AsyncFunction(...), AsyncFunction = (async () => {}).constructor
    ("no-eval", 75, 21),                 # globalThis[["ev", "al"].join("")]
    ("no-native-video", 89, 13),         # a <video> appended to the page
    ("untrusted-domain", 96, 16),        # var endpoint = "https://stats.evil.example/..."; fetch(endpoint)
]

CASES = {
    "compiled-react-vite": {
        "app": [("src/App.jsx", "no-iframe", 11, 7), ("src/App.jsx", "no-native-video", 12, 7),
                ("src/App.jsx", "no-foreign-stylesheet", 13, 35)],
        # source line -> line the minified code's map gives (esbuild put `POLL` where `code` was)
        "moved": {("src/planted.js", 7): 6},
    },
    "compiled-vue-vite": {
        "app": [("src/App.vue", "no-iframe", 10, 5), ("src/App.vue", "no-native-video", 11, 5)],
        "moved": {("src/planted.js", 7): 6},
    },
    "compiled-webpack": {
        "app": [],
        # terser inlined `url`, `endpoint` and `AsyncFunction`: the map points where they were written
        "moved": {("src/planted.js", 7): 6, ("src/planted.js", 31): 28, ("src/planted.js", 70): 69,
                  ("src/planted.js", 96): 95},
    },
}

_MARK = re.compile(r"planted: ([a-z-]+)")


def lint(capsys, monkeypatch, fixture, folder):
    monkeypatch.chdir(FIXTURES / fixture)
    main(["check", "--no-cache", "--select", RULES, "--format", "json", folder])
    return json.loads(capsys.readouterr().out)


def expected_src(fixture):
    return sorted(CASES[fixture]["app"] + [("src/planted.js", r, line, col) for r, line, col in PLANTED])


def source_path(path: str) -> str:
    """`src/x.js` whatever the map calls it (webpack writes `webpack://<name>/./src/x.js`)."""
    return "src/" + path.split("/src/", 1)[-1] if "/src/" in path else path


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_markers_and_table_agree(fixture):
    # the table is the markers written in the source, so neither can drift from the other
    marked = []
    for path in sorted((FIXTURES / fixture / "src").iterdir()):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            marked += [(f"src/{path.name}", m.group(1), n) for m in _MARK.finditer(line)]
    assert sorted(marked) == sorted((p, r, line) for p, r, line, _ in expected_src(fixture))


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_every_planted_violation_in_src(fixture, capsys, monkeypatch):
    found = lint(capsys, monkeypatch, fixture, "src")
    assert sorted((f["path"], f["rule"], f["line"], f["column"]) for f in found) == expected_src(fixture)


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_every_planted_violation_in_the_mapped_bundle(fixture, capsys, monkeypatch):
    found = lint(capsys, monkeypatch, fixture, "dist/mapped")
    assert all("generated" in f for f in found)  # each one came back through the source map
    moved = CASES[fixture]["moved"]
    want = sorted((p, r, moved.get((p, line), line)) for p, r, line, _ in expected_src(fixture))
    assert sorted((source_path(f["path"]), f["rule"], f["line"]) for f in found) == want


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_every_planted_violation_in_the_bundle_without_maps(fixture, capsys, monkeypatch):
    mapped = lint(capsys, monkeypatch, fixture, "dist/mapped")
    plain = lint(capsys, monkeypatch, fixture, "dist/plain")
    assert len(plain) == len(expected_src(fixture))
    assert all("generated" not in f and f["path"].startswith("dist/plain/") for f in plain)
    # the same code without its sourceMappingURL comment: the same generated positions
    assert sorted((f["rule"], f["line"], f["column"]) for f in plain) == \
        sorted((f["rule"], f["generated"]["line"], f["generated"]["column"]) for f in mapped)
