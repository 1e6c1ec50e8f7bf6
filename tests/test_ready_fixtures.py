"""The readiness fixtures: a Vite-built Minis app that passes every rule, and one that fails each
readiness rule, linted as a user would (project root and build output named on the command line)."""
import json
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
READINESS = ("sdk-first-script", "sdk-init", "debug-console", "required-capability", "authorize-on-entry",
             "nav-bar-color", "package-contents")


def cli(*args):
    proc = subprocess.run([sys.executable, "-m", "minislint", *args, "--no-cache", "--format", "json"], cwd=FIXTURES,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_ready_pass_is_clean_under_every_rule():
    status, findings = cli("ready-pass", "ready-pass/dist")
    assert (status, findings) == (0, [])


SRC = [
    ("index.html", 8, 1, "required-capability"),    # createRewardedVideoAd
    ("index.html", 8, 1, "required-capability"),    # getMenuButtonBoundingClientRect
    ("index.html", 8, 1, "required-capability"),    # login
    ("index.html", 8, 1, "sdk-first-script"),       # /analytics.js runs first
    ("index.html", 8, 1, "sdk-init"),               # never initialised
    ("index.html", 8, 61, "sdk-first-script"),      # defer
    ("index.html", 10, 3, "sdk-init"),              # getDeviceInfo before init
    ("index.html", 12, 2, "debug-console"),         # eruda.js
    ("index.html", 14, 5, "debug-console"),         # eruda.init()
]
MAIN = [
    ("src/main.js", 4, 3, "authorize-on-entry"),    # no fallback
    ("src/main.js", 4, 3, "authorize-on-entry"),    # in a "load" listener
    ("src/main.js", 11, 1, "nav-bar-color"),        # no canIUse guard (warning)
    ("src/main.js", 11, 45, "nav-bar-color"),       # frontColor "#fff"
    ("src/main.js", 11, 70, "nav-bar-color"),       # backgroundColor "navy"
]
BUNDLE = [  # the same source, minified by Vite onto one line
    ("dist/assets/index-jPq7A3CE.js", 1, 747, "authorize-on-entry"),
    ("dist/assets/index-jPq7A3CE.js", 1, 747, "authorize-on-entry"),
    ("dist/assets/index-jPq7A3CE.js", 1, 844, "nav-bar-color"),
    ("dist/assets/index-jPq7A3CE.js", 1, 886, "nav-bar-color"),
    ("dist/assets/index-jPq7A3CE.js", 1, 909, "nav-bar-color"),
    ("dist/data/empty.json", 1, 1, "package-contents"),
]


def test_ready_fail_root_then_build_output():
    status, findings = cli("--select", ",".join(READINESS), "ready-fail", "ready-fail/dist")
    got = [(f["path"].removeprefix("ready-fail/"), f["line"], f["column"], f["rule"]) for f in findings]
    # required-capability once, at the app root: its files include the output's (issue 14)
    expected = sorted(BUNDLE + [("dist/" + p, *rest) for p, *rest in SRC if rest[-1] != "required-capability"]
                      + [("dist/minis.config.json", 1, 1, "package-contents")] + SRC + MAIN)
    assert status == 1
    assert got == expected


def test_ready_fail_source_files_only_have_no_project_findings():
    # what pre-commit passes: changed files, no folder
    _, findings = cli("--select", ",".join(READINESS), "ready-fail/index.html", "ready-fail/src/main.js")
    rules = {f["rule"] for f in findings}
    assert "required-capability" not in rules and "package-contents" not in rules
    assert len(findings) == len(SRC) - 3 + len(MAIN)
