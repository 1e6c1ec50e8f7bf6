"""The editor path pays only for what it uses (issue 11): a JavaScript buffer piped through
`--stdin-filename` imports no parser, stylesheet, gitignore or settings library it does not need,
and does not read every installed distribution's metadata to look for plugins.

What a run imported, not how long it took: timings are bench/run.py's (`--only stdin,editor`)."""
from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

from minislint import config

# Runs the command line as `minislint` does, then writes the modules the process holds.
SCRIPT = """
import json, sys
from minislint.cli import main
code = main(["check", "--format", "json", "--exit-zero", "--stdin-filename", sys.argv[1], "-"])
with open(sys.argv[2], "w") as f:
    json.dump(sorted(sys.modules), f)
"""
JS = b"var code = location.hash;\nwindow.onload = function () { eval(code); };\n"
# Needed by a JavaScript buffer only in other cases: esprima2 when tree-sitter finds an error,
# tinycss2 / html5lib for stylesheets and markup, pathspec for per-file-ignores and walks,
# importlib.metadata when a distribution declares a minislint.plugins entry point,
# minis.config when a rule's words are present (untrusted-domain), hashlib for a fix, the
# source map reader for a file that names a map.
NOT_FOR_PLAIN_JS = ("esprima", "html5lib", "tinycss2", "pathspec", "importlib.metadata",
                    "minislint.minis.config", "minislint.markup.stylesheet", "hashlib",
                    "minislint.sourcemap")


def piped(tmp_path: Path, name: str, data: bytes) -> tuple[list, set]:
    listing = tmp_path / "modules.json"
    proc = subprocess.run([sys.executable, "-c", SCRIPT, name, str(listing)], input=data, cwd=tmp_path,
                          capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode()
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(proc.stdout)]
    return found, set(json.loads(listing.read_text()))


def test_a_javascript_buffer_imports_only_the_javascript_path(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.black]\nline-length = 100\n')  # another tool's
    found, modules = piped(tmp_path, "src/app.js", JS)
    assert found == [("no-eval", 2, 31)]  # the whole path ran: parse, rules, report
    assert {"tree_sitter", "minislint.js.parse", "minislint.rules.no_eval"} <= modules
    assert [m for m in NOT_FOR_PLAIN_JS if m in modules] == []
    if config.find_settings_file(tmp_path) is None:  # no settings file above the temp folder
        assert "tomllib" not in modules  # the pyproject.toml without [tool.minislint] is not parsed


def test_what_a_buffer_needs_is_still_imported(tmp_path):
    """The same listing sees the libraries come in when the buffer needs them."""
    found, modules = piped(tmp_path, "src/app.js", b"var a = ;\n")
    assert found == [("syntax-error", 1, 9)] and "esprima" in modules  # esprima2 words the error
    found, modules = piped(tmp_path, "src/site.css", b"@import url(https://cdn.example.com/a.css);\n")
    assert [f[0] for f in found] == ["no-foreign-stylesheet"] and "tinycss2" in modules
    smap = base64.b64encode(b'{"version": 3, "sources": ["src/a.ts"], "names": [], "mappings": "AAAA"}')
    found, modules = piped(tmp_path, "dist/app.js",
                           b"eval(x);\n//# sourceMappingURL=data:application/json;base64," + smap + b"\n")
    assert found == [("no-eval", 1, 1)] and "minislint.sourcemap" in modules
    (tmp_path / ".minislint.toml").write_text('[per-file-ignores]\n"vendor/*" = ["no-eval"]\n')
    found, modules = piped(tmp_path, "src/app.js", JS)
    assert found == [("no-eval", 2, 31)] and {"tomllib", "pathspec"} <= modules
