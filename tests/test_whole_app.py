"""The whole app in one command (issue 14): real Vite and webpack builds (fixtures/app-vite,
fixtures/app-webpack), copied into a git work tree with `dist/` gitignored, checked with
`minislint .` as a user would: every problem once, at the source, with where it ships; vendor
findings with their package and version; the package's contents; per-file-ignores; a baseline."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def app(tmp_path, name, git=True) -> Path:
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root, ignore=shutil.ignore_patterns("node_modules"))
    if git:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        (root / ".gitignore").write_text("node_modules/\ndist/\n")
    return root


def minislint(cwd, *args, stdin=None):
    proc = subprocess.run([sys.executable, "-m", "minislint", "--no-cache", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, input=stdin)
    assert proc.returncode in (0, 1), proc.stderr
    return proc


def findings(cwd, *args):
    proc = minislint(cwd, "--format", "json", *args)
    return proc.returncode, json.loads(proc.stdout)


def rows(found):
    return sorted((f["path"], f["line"], f["column"], f["rule"],
                   (f["generated"]["path"], f["generated"]["line"], f["generated"]["column"])
                   if "generated" in f else None, f.get("package")) for f in found
                  if f["rule"] != "required-capability")


def bundle(root, pattern):
    (found,) = (root / "dist").glob(pattern)
    return found.relative_to(root).as_posix()


# -- Vite -----------------------------------------------------------------------------------------

def vite_expected(root):
    js = bundle(root, "assets/index-*.js")
    return sorted([
        ("dist/empty-poster.png", 1, 1, "package-contents", None, None),
        ("node_modules/react-router/dist/production/lib/hooks.js", 687, 108, "no-navigation",
         (js, 9, 135101), "react-router@8.5.3"),
        ("src/Episode.tsx", 9, 26, "no-string-timer", (js, 9, 171036), None),
        ("src/Episode.tsx", 14, 5, "no-navigation", (js, 9, 171111), None),
        ("src/Episode.tsx", 18, 12, "no-eval", (js, 9, 171188), None),
        ("src/api.ts", 10, 9, "untrusted-domain", (js, 9, 170075), None),
    ])


def test_vite_app_every_problem_once_at_the_source(tmp_path):
    root = app(tmp_path, "app-vite")
    status, found = findings(root, ".")
    assert status == 1
    assert rows(found) == vite_expected(root)
    # the four missing capabilities once, at the source entry (the output is part of the app)
    assert sorted((f["path"], f["line"]) for f in found if f["rule"] == "required-capability") == \
        [("index.html", 4)] * 4
    # public/minis.config.json and its copy in dist/ are the app's config on its way to the
    # output, not two more projects: no config finding anywhere
    assert not [f for f in found if f["rule"].startswith("config-")]


def test_without_git_the_same_findings_not_twice(tmp_path):
    """No .gitignore: `.` walks src/ and dist/ alike; a problem is still reported once."""
    root = app(tmp_path, "app-vite", git=False)
    status, found = findings(root, ".")
    assert rows(found) == vite_expected(root)


def test_a_subfolder_is_not_the_app(tmp_path):
    root = app(tmp_path, "app-vite")
    _, found = findings(root, "src")
    assert {f["path"] for f in found} == {"src/Episode.tsx", "src/api.ts"}
    assert not any("generated" in f for f in found)


def test_text_report_shows_where_it_ships_and_groups_vendor_code(tmp_path):
    root = app(tmp_path, "app-vite")
    out = minislint(root, ".").stdout
    js = bundle(root, "assets/index-*.js")
    assert (f"src/Episode.tsx:18:12: error no-eval `eval` is forbidden in TikTok Minis: it runs code "
            f"that review never saw\n   |\n18 |     return eval(expr);\n   |            ^^^^\n"
            f"  shipped at {js}:9:171188\n") in out
    assert ("In code from dependencies (upgrade or replace the package, or accept its findings with "
            "per-file-ignores):\n     1  react-router@8.5.3  (no-navigation)  per-file-ignores: "
            "\"node_modules/react-router/**\" = [\"no-navigation\"]\n") in out


def test_sarif_carries_the_shipped_location(tmp_path):
    root = app(tmp_path, "app-vite")
    log = json.loads(minislint(root, ".", "--format", "sarif").stdout)
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "no-eval"]
    loc = result["locations"][0]["physicalLocation"]
    assert (loc["artifactLocation"]["uri"], loc["region"]["startLine"], loc["region"]["startColumn"]) == \
        ("src/Episode.tsx", 18, 12)
    related = result["relatedLocations"][0]["physicalLocation"]
    assert (related["artifactLocation"]["uri"], related["region"]["startLine"],
            related["region"]["startColumn"]) == (bundle(root, "assets/index-*.js"), 9, 171188)


# -- webpack --------------------------------------------------------------------------------------

def test_webpack_app_sources_vendor_runtime_and_package(tmp_path):
    root = app(tmp_path, "app-webpack")
    status, found = findings(root, ".")
    main, vendor = bundle(root, "main.*.js"), bundle(root, "904.*.js")
    assert status == 1
    assert rows(found) == sorted([
        (main, 1, 1629, "no-function-constructor", None, "webpack (bundler runtime)"),
        ("dist/minis.config.json", 1, 1, "package-contents", None, None),
        ("node_modules/lodash-es/_root.js", 7, 38, "no-function-constructor", (vendor, 1, 361),
         "lodash-es@4.18.1"),
        ("src/api.js", 6, 10, "no-eval", (main, 1, 305), None),
        ("src/api.js", 11, 24, "untrusted-domain", (main, 1, 376), None),
        ("src/player.js", 6, 14, "no-string-timer", (main, 1, 667), None),
        ("src/player.js", 9, 5, "no-navigation", (main, 1, 713), None),
    ])
    assert not any(f["path"].startswith("webpack:") for f in found)


# -- Parcel ---------------------------------------------------------------------------------------

def test_parcel_app_sources_relative_to_its_project_not_to_dist(tmp_path):
    root = app(tmp_path, "app-parcel")
    _, found = findings(root, ".")
    js = bundle(root, "app-parcel.*.js")
    assert rows(found) == [
        ("dist/minis.config.json", 1, 1, "package-contents", None, None),
        ("node_modules/lodash-es/_root.js", 7, 38, "no-function-constructor", (js, 1, 4820), "lodash-es@4.18.1"),
        ("src/main.js", 5, 10, "no-eval", (js, 1, 2084), None),
    ]


# -- per-file-ignores -----------------------------------------------------------------------------

def test_per_file_ignores_on_a_vendor_glob_accepts_that_vendor_only(tmp_path):
    root = app(tmp_path, "app-vite")
    (root / ".minislint.toml").write_text('[per-file-ignores]\n"node_modules/react-router/**" = ["no-navigation"]\n')
    _, found = findings(root, ".")
    assert rows(found) == [r for r in vite_expected(root) if r[5] is None]
    assert ("src/Episode.tsx", 14, 5, "no-navigation") in [(f["path"], f["line"], f["column"], f["rule"]) for f in found]


def test_per_file_ignores_match_the_linted_bundle_too(tmp_path):
    """The webpack runtime has no source file: a glob on the bundle accepts it, and only
    the rules listed; lodash-es in the other chunk stays."""
    root = app(tmp_path, "app-webpack")
    (root / ".minislint.toml").write_text('[per-file-ignores]\n"dist/main.*.js" = ["no-function-constructor"]\n')
    _, found = findings(root, ".")
    got = {(f["path"], f["rule"]) for f in found}
    assert ("node_modules/lodash-es/_root.js", "no-function-constructor") in got
    assert not any(f.get("package") == "webpack (bundler runtime)" for f in found)
    assert ("src/api.js", "no-eval") in got   # shipped in dist/main.*.js, but not a listed rule


# -- baseline -------------------------------------------------------------------------------------

def test_baseline_of_an_unchanged_app_passes_and_a_new_problem_fails_alone(tmp_path):
    root = app(tmp_path, "app-webpack")
    written = minislint(root, ".", "--write-baseline", "minislint-baseline.json")
    assert written.returncode == 0 and "wrote 8 baseline entries for 11 findings"  # 4 on one line: one entry, count 4 in written.stderr
    proc = minislint(root, ".", "--baseline", "minislint-baseline.json")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert "No problems found" in proc.stdout and "11 findings accepted by the baseline" in proc.stdout
    (root / "src" / "extra.js").write_text("export const x = 1;\nsetInterval('tick()', 5);\n")
    status, found = findings(root, ".", "--baseline", "minislint-baseline.json")
    assert status == 1
    assert [(f["path"], f["line"], f["column"], f["rule"]) for f in found] == \
        [("src/extra.js", 2, 13, "no-string-timer")]


def test_baseline_survives_a_rebuild_that_renames_the_bundle(tmp_path):
    """The runtime finding sits in dist/main.<contenthash>.js; the next build has another hash."""
    root = app(tmp_path, "app-webpack")
    minislint(root, ".", "--write-baseline", "b.json")
    assert '"path": "dist/main.*.js"' in (root / "b.json").read_text()
    old = root / bundle(root, "main.*.js")
    text = old.read_text().replace(old.name + ".map", "main.0badcafe.js.map")
    (root / "dist" / "main.0badcafe.js").write_text(text)
    (root / "dist" / (old.name + ".map")).rename(root / "dist" / "main.0badcafe.js.map")
    old.unlink()
    (root / "dist" / "index.html").write_text((root / "dist" / "index.html").read_text().replace(old.name, "main.0badcafe.js"))
    proc = minislint(root, ".", "--baseline", "b.json")
    assert (proc.returncode, proc.stderr) == (0, "")


@pytest.mark.parametrize("name, stable", [
    ("dist/assets/index-Bo4bkgXq.js", "dist/assets/index-*.js"),       # Vite / Rollup
    ("dist/assets/index-C_a-1bcd.js", "dist/assets/index-*.js"),
    ("dist/main.c51d1252.js", "dist/main.*.js"),                       # webpack [contenthash:8]
    ("dist/904.f4d40036ab12cd34ef56.js", "dist/904.*.js"),              # webpack [contenthash]
    ("out/chunk-2KXMQ7GZ.js", "out/chunk-*.js"),                       # esbuild
    ("src/my-component-v2.js", "src/my-component-v2.js"),
    ("vendor/jquery-3.7.1.min.js", "vendor/jquery-3.7.1.min.js"),
    ("src/polyfills.js", "src/polyfills.js"),
    ("src/abc12345.js", "src/abc12345.js"),
])
def test_content_hashes_in_bundle_names(name, stable):
    from minislint.policy import stable_path

    assert stable_path(name) == stable


SOURCE = "const a = 1;\nsetTimeout('go()', 5);\nfunction f() {\n  return eval('1');\n}\n"


@pytest.fixture
def plain(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.js").write_text(SOURCE)
    (tmp_path / "src" / "b.js").write_text("eval('x');\neval('x');\n")   # the same line twice
    (tmp_path / ".minislint.toml").write_text('baseline = "lint-baseline.json"\n')
    minislint(tmp_path, "src", "--write-baseline", "lint-baseline.json")
    return tmp_path


def test_baseline_from_the_settings_key_and_shifted_lines(plain):
    assert minislint(plain, "src").returncode == 0          # `baseline` in .minislint.toml
    (plain / "src" / "a.js").write_text("// a comment\n\n\n" + SOURCE.replace("  return", "    return"))
    assert minislint(plain, "src").returncode == 0          # lines moved, indentation changed
    (plain / "src" / "b.js").write_text("eval('x');\neval('x');\neval('x');\n")
    status, found = findings(plain, "src")
    assert status == 1 and len(found) == 1 and found[0]["path"] == "src/b.js"   # a third copy is new


def test_removed_problem_is_a_stale_entry(plain):
    (plain / "src" / "a.js").write_text(SOURCE.replace("setTimeout('go()', 5)", "setTimeout(go, 5)"))
    proc = minislint(plain, "src")
    assert proc.returncode == 0
    assert proc.stderr == ("minislint: baseline " + str(plain / "lint-baseline.json") + ": stale entry, the "
                           "problem is gone (remove it): src/a.js: no-string-timer: setTimeout('go()', 5);\n")


def test_a_broken_baseline_is_a_usage_error(plain):
    (plain / "lint-baseline.json").write_text("[1, 2]")
    proc = subprocess.run([sys.executable, "-m", "minislint", "src"], cwd=plain, capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr == "minislint: baseline " + str(plain / "lint-baseline.json") + \
        ": not a minislint baseline (version 1); write one with --write-baseline\n"


# -- config copies and monorepos ------------------------------------------------------------------

def test_a_config_copy_in_public_is_the_apps_config(tmp_path):
    """What pre-commit passes: a changed file under public/. Before, public/minis.config.json
    was taken for a second project whose htmlEntry "index.html" does not exist in public/."""
    root = app(tmp_path, "app-vite")
    (root / "public" / "sw.js").write_text("fetch('https://api.example.com/x');\n")
    _, found = findings(root, "--select", "config-schema,untrusted-domain", "public/sw.js")
    assert found == []
    (root / "public" / "sw.js").write_text("fetch('https://cdn.example.org/x');\n")   # trusted: root's list
    _, found = findings(root, "--select", "untrusted-domain", "public/sw.js")
    assert [(f["path"], f["line"], f["column"]) for f in found] == [("public/sw.js", 1, 7)]


def test_monorepo_each_app_brings_its_own_output(tmp_path):
    config = {"dev": {"clientKey": "awx1"}, "build": {"htmlEntry": "index.html", "outputDir": "out"},
              "domain": {"trustedDomains": ["https://api.example.com"]}}
    for name in ("a", "b"):
        (tmp_path / "apps" / name / "out").mkdir(parents=True)
        (tmp_path / "apps" / name / "minis.config.json").write_text(json.dumps(config))
        (tmp_path / "apps" / name / "index.html").write_text("<p>x</p>")
        (tmp_path / "apps" / name / "out" / "app.js").write_text(f"eval('{name}');\n")
    (tmp_path / ".gitignore").write_text("out/\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _, found = findings(tmp_path, "--select", "no-eval,package-contents", ".")
    assert sorted((f["path"], f["rule"]) for f in found) == [
        ("apps/a/out/app.js", "no-eval"), ("apps/a/out/minis.config.json", "package-contents"),
        ("apps/b/out/app.js", "no-eval"), ("apps/b/out/minis.config.json", "package-contents")]
    _, found = findings(tmp_path, "--select", "no-eval", "apps/a")
    assert [f["path"] for f in found] == ["apps/a/out/app.js"]


def test_help_shows_the_check_options():
    proc = subprocess.run([sys.executable, "-m", "minislint", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    for option in ("--format", "--select", "--baseline", "--write-baseline", "--jobs", "minislint rules"):
        assert option in proc.stdout
