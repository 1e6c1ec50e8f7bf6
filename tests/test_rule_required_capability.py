"""required-capability: login, rewarded ads and the navigation bar, checked over a whole project."""
import json
from pathlib import Path

import pytest

from minislint.config import Settings
from minislint.engine import Engine
from minislint.runner import Runner
from minislint.minis.readiness import capabilities_used

R = "required-capability"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ALL = ["login", "createRewardedVideoAd", "setNavigationBarColor", "getMenuButtonBoundingClientRect"]
CONFIG = {"dev": {"clientKey": "awx1"}, "build": {"htmlEntry": "index.html", "outputDir": "dist"},
          "domain": {"trustedDomains": ["https://api.example.com"]}}
HTML = ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        '<script src="https://connect.tiktok-minis.com/drama/sdk.js"></script>\n'
        '<script>TTMinis.init({ clientKey: "awx1" });</script>\n</head>\n<body></body>\n</html>\n')
FULL = ("TTMinis.login({});\nTTMinis.createRewardedVideoAd({ adUnitId: 'a' });\n"
        "TTMinis.setNavigationBarColor({});\nTTMinis.getMenuButtonBoundingClientRect();\n")


def write(root: Path, files: dict) -> Path:
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content, encoding="utf-8")
    return root


def run(paths, **options):
    settings = Settings(select={R}, rule_options={R: options} if options else {})
    result = Runner(Engine(settings)).run([Path(p) for p in paths])
    return [(f.path, f.line, f.column, f.severity, f.message) for f in result.findings]


def missing(findings):
    return sorted(f[4].split(" ")[0].split(".")[1] for f in findings)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"minis.config.json": json.dumps(CONFIG), "index.html": HTML})
    return tmp_path


def test_each_missing_capability_is_one_warning_at_the_sdk_script(project):
    write(project, {"src/main.js": "TTMinis.login({ success() {} });\n"})
    found = run(["."])
    assert [(f[0], f[1], f[2], f[3]) for f in found] == [("index.html", 5, 1, "warning")] * 3
    assert missing(found) == ["createRewardedVideoAd", "getMenuButtonBoundingClientRect", "setNavigationBarColor"]
    assert found[0][4] == ("TTMinis.createRewardedVideoAd is never called in " + project.name +
                           ": rewarded ads are required by the platform's capability table")


def test_calls_spread_over_files_and_languages_count(project):
    write(project, {"src/a.js": "TTMinis.login({});",
                    "src/ads.mjs": "export const ad = window.TTMinis.createRewardedVideoAd({});",
                    "src/nav.js": 'const { setNavigationBarColor } = TTMinis;\nsetNavigationBarColor({});',
                    "index.html": HTML.replace("</head>", "<script>TTMinis.getMenuButtonBoundingClientRect()</script></head>")})
    assert run(["."]) == []


def test_no_call_at_all(project):
    write(project, {"src/main.js": "console.log('hello');"})
    assert missing(run(["."])) == sorted(ALL)


def test_partial_runs_never_report(project):
    write(project, {"src/main.js": "console.log('hello');", "src/sub/x.js": "1;"})
    assert run(["src/main.js"]) == []          # files only: what pre-commit passes
    assert run(["src"]) == []                  # a subfolder is not the project
    assert run(["src/sub", "index.html"]) == []


def test_build_output_is_a_project_too(project):
    write(project, {"src/main.js": FULL, "dist/index.html": HTML, "dist/assets/index-x1.js": "TTMinis.login({})"})
    assert run(["."]) == []                     # the source has everything
    assert missing(run(["dist"])) == ["createRewardedVideoAd", "getMenuButtonBoundingClientRect",
                                      "setNavigationBarColor"]
    assert {f[0] for f in run(["dist"])} == {"dist/index.html"}


def test_the_list_is_an_option(project):
    write(project, {"src/main.js": "TTMinis.login({});"})
    assert run(["."], capabilities=["login"]) == []
    assert missing(run(["."], capabilities=["login", "pay"])) == ["pay"]


def test_without_an_html_entry_the_finding_sits_on_the_config(project):
    (project / "index.html").unlink()
    write(project, {"src/main.js": FULL.replace("TTMinis.login({});", "")})
    assert [(f[0], f[1], f[2]) for f in run(["."])] == [("minis.config.json", 1, 1)]


def test_fixtures(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    assert run(["ready-pass"]) == [] and run(["ready-pass/dist"]) == []
    found = run(["ready-fail"])
    assert {(f[0], f[1], f[2]) for f in found} == {("ready-fail/index.html", 8, 1)}
    assert missing(found) == ["createRewardedVideoAd", "getMenuButtonBoundingClientRect", "login"]


USED = [
    ("TTMinis.login({})", {"login"}),
    ("TTMinis?.login()", {"login"}),
    ("TTMinis . login ()", {"login"}),
    ('TTMinis["login"]({})', {"login"}),
    ("TTMinis?.['login']()", {"login"}),
    ("const {login, createRewardedVideoAd: ad} = window.TTMinis;", {"login", "createRewardedVideoAd"}),
    ("const sdk = window.TTMinis; sdk.login()", {"login"}),
    ("var t=TTMinis;t.getMenuButtonBoundingClientRect()", {"getMenuButtonBoundingClientRect"}),
    # minified bundle shape
    ('!function(){TTMinis.login({success:e=>fetch("/s",{body:e.code})})}();', {"login"}),
    # look-alikes
    ("auth.login(); TTMinis.loginLater(); myTTMinis.login()", set()),
    ("const x = TTMinis.login_button;", set()),
    ("login();", set()),
]


@pytest.mark.parametrize("text,expected", USED)
def test_capabilities_used(text, expected):
    assert capabilities_used(text, ALL) == expected


def test_a_single_name_and_a_bad_option(project):
    write(project, {"src/main.js": "TTMinis.login({});"})
    assert run(["."], capabilities="login") == []
    (finding,) = run(["."], capabilities=[1])
    assert finding[4] == "option capabilities of required-capability must be a list of TTMinis method names, not [1]"
