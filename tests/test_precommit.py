"""The pre-commit hook, run by the real `pre-commit` against this repository (`try-repo`), and the
policy that makes it safe on changed files only: project-level rules run only when a folder is
linted, never on the list of files pre-commit passes.

`try-repo --ref HEAD` installs the hook from this repository's last commit, exactly as users get it
from a tag: commit before running it locally (CI runs on a clean clone, where HEAD is the change).
Installing the hook environment is pre-commit's own `pip install` of this package, from the package
index like every pre-commit user's first run."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
FIXTURES = ROOT / "fixtures"


def _git(*args, cwd):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def test_hook_definition():
    (hook,) = HOOKS
    assert hook["id"] == "minislint" and hook["language"] == "python"
    assert hook["entry"].split()[0] == "minislint"
    # The console script the entry names is the one the package installs.
    assert 'minislint = "minislint.cli:main"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("path, checked", [
    ("src/App.tsx", True), ("src/main.ts", True), ("src/env.d.mts", True), ("lib/x.cts", True),
    ("src/App.jsx", True), ("src/main.js", True), ("dist/a.mjs", True), ("dist/b.cjs", True),
    ("src/App.vue", True), ("index.html", True), ("public/old.htm", True), ("src/app.css", True),
    ("minis.config.json", True), ("apps/drama/minis.config.json", True),
    # look-alikes that must stay out
    ("package.json", False), ("tsconfig.json", False), ("my-minis.config.json", False),
    ("minis.config.json.bak", False), ("README.md", False), ("src/app.scss", False),
    ("src/main.js.map", False), ("src/html", False), ("styles.css.orig", False),
])
def test_hook_file_filter(path, checked):
    (hook,) = HOOKS
    # pre-commit applies `files` with re.search on the repository-relative path.
    assert bool(re.search(hook["files"], path)) is checked


@pytest.fixture
def project(tmp_path):
    """A real Minis app (the domains-pass fixture) with one bad file, committed in a git repo."""
    app = tmp_path / "app"
    shutil.copytree(FIXTURES / "domains-pass", app)
    (app / "src" / "legacy.js").write_text(
        "// kept from the old web build\r\nexport function later(code) {\r\n"
        "  return setTimeout(\"refresh(\" + code + \")\", 1000);\r\n}\r\n", encoding="utf-8", newline="")
    _git("init", "-q", cwd=app)
    _git("add", ".", cwd=app)
    _git("commit", "-qm", "app", cwd=app)
    return app


def _try_repo(app: Path, *files: str):
    """One `pre-commit try-repo` run: it installs the hook into a fresh store each time (~25 s)."""
    ref = _git("rev-parse", "HEAD", cwd=ROOT).strip()
    env = dict(os.environ, PRE_COMMIT_COLOR="never", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "minislint", "--ref", ref,
         "--verbose", "--files", *files],
        cwd=app, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.integration
def test_pre_commit_try_repo_fails_on_the_bad_file_and_passes_on_good_ones(project):
    bad = _try_repo(project, "src/legacy.js")
    out = bad.stdout + bad.stderr
    assert bad.returncode == 1, out
    assert "minislint" in out and "Failed" in out
    assert "src/legacy.js:3:21: error no-string-timer" in out

    good = _try_repo(project, "src/main.js", "src/api.js", "index.html", "minis.config.json")
    out = good.stdout + good.stderr
    assert good.returncode == 0, out
    assert "Passed" in out and "No problems found (4 files checked)." in out


# -- the policy: project-level rules need the project, so they run only on a folder --------------
def _lint(cwd: Path, *args: str):
    proc = subprocess.run([sys.executable, "-m", "minislint", "--format", "json", *args],
                          cwd=cwd, capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_project_rules_run_on_a_folder_but_not_on_the_files_pre_commit_passes(tmp_path):
    app = tmp_path / "app"
    shutil.copytree(FIXTURES / "ready-fail", app)
    whole = {f["rule"] for f in _lint(app, ".")}
    assert {"required-capability"} <= whole          # the app never calls TTMinis.login, ...
    # pre-commit passes only the changed files: no project-level verdict from a partial view.
    changed = _lint(app, "src/main.js", "index.html", "minis.config.json")
    assert not {"required-capability", "package-contents"} & {f["rule"] for f in changed}
    # file-level rules still report in those files, at their positions
    assert {(f["path"], f["rule"]) for f in changed} >= {("src/main.js", "nav-bar-color")}


def test_a_file_outside_any_minis_app_gets_no_missing_config_finding(tmp_path):
    # A repository where the Minis app is one folder: pre-commit also passes the build scripts
    # at the root. They are not part of an app, so "no minis.config.json" would be a false
    # finding on every commit; the missing file is a project-level verdict, for folder runs of
    # something that looks like a Minis app (it mentions TTMinis or the SDK).
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "build.js").write_text("export const out = 'dist';\n", encoding="utf-8")
    assert _lint(tmp_path, "scripts/build.js") == []
    assert _lint(tmp_path, ".") == []
    (tmp_path / "scripts" / "app.js").write_text("TTMinis.login({});\n", encoding="utf-8")
    assert _lint(tmp_path, "scripts/app.js") == []
    assert [f["rule"] for f in _lint(tmp_path, ".")] == ["config-schema"]


def _readme_yaml_blocks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", readme, re.S)]


def test_readme_pre_commit_config_is_valid_and_names_this_hook(tmp_path):
    (config,) = [b for b in _readme_yaml_blocks() if "repos" in b]
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    for what, file in (("validate-config", path), ("validate-manifest", ROOT / ".pre-commit-hooks.yaml")):
        proc = subprocess.run([sys.executable, "-m", "pre_commit", what, str(file)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert ids == {h["id"] for h in HOOKS}
