"""package-contents: zero-byte files, a missing minis.config.json, over 50 MiB, in the build output."""
import json
from pathlib import Path

import pytest

from minislint.config import Settings
from minislint.engine import Engine
from minislint.runner import Runner
from minislint.minis.readiness import folder_role, human_size, scan_package

R = "package-contents"
MIB = 1024 * 1024
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONFIG = {"dev": {"clientKey": "awx1"}, "build": {"htmlEntry": "index.html", "outputDir": "dist"},
          "domain": {"trustedDomains": ["https://api.example.com"]}}


def write(root: Path, files: dict) -> Path:
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, int):      # a size: a sparse file, so tests stay small on disk
            with open(p, "wb") as f:
                f.truncate(content)
        else:
            p.write_text(content, encoding="utf-8")
    return root


def run(paths, **options):
    settings = Settings(select={R}, rule_options={R: options} if options else {})
    result = Runner(Engine(settings)).run([Path(p) for p in paths])
    return [(f.path, f.line, f.column, f.message) for f in result.findings]


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"minis.config.json": json.dumps(CONFIG), "index.html": "<p>x</p>", "src/main.js": "1;"})
    return tmp_path


def test_zero_byte_files_and_missing_config(project):
    write(project, {"dist/index.html": "<p>x</p>", "dist/assets/.gitkeep": "", "dist/assets/app.js": "1;",
                    "dist/données/épisode.json": ""})
    assert run(["dist"]) == [
        ("dist/assets/.gitkeep", 1, 1, "assets/.gitkeep is empty (0 bytes): the upload scan rejects zero-byte files"),
        ("dist/données/épisode.json", 1, 1,
         "données/épisode.json is empty (0 bytes): the upload scan rejects zero-byte files"),
        ("dist/minis.config.json", 1, 1, "dist/minis.config.json is missing: the upload scan rejects a package "
                                         "without it (the Minis CLI copies it from the project root)"),
    ]


def test_over_the_limit_lists_the_largest_files(project):
    write(project, {"dist/minis.config.json": "{}", "dist/index.html": "<p>x</p>",
                    "dist/media/intro.mp4": 40 * MIB, "dist/media/outro.mp4": 12 * MIB,
                    "dist/assets/app.js": "//" * 150 * 1024})
    (finding,) = run(["dist"])
    assert finding[:3] == ("dist/media/intro.mp4", 1, 1)
    assert finding[3] == ("dist is 52.3 MiB, over the 50.0 MiB package limit; largest: media/intro.mp4 "
                          "(40.0 MiB), media/outro.mp4 (12.0 MiB), assets/app.js (300.0 KiB), "
                          "index.html (8 B), minis.config.json (2 B)")


def test_exactly_at_the_limit_is_fine_and_the_limit_is_an_option(project):
    write(project, {"dist/minis.config.json": "{}", "dist/video.bin": 50 * MIB - 2})
    assert run(["dist"]) == []
    write(project, {"dist/game.bin": 100 * MIB})
    assert [f[0] for f in run(["dist"])] == ["dist/game.bin"]
    assert run(["dist"], max_size_mb=200) == []             # mini games: 200 MB


def test_only_the_output_folder_is_checked(project):
    write(project, {"dist/assets/.gitkeep": "", "src/empty.js": ""})
    # the app's root brings in its build output (issue 14): the package is checked once
    assert [f[0] for f in run(["."])] == ["dist/assets/.gitkeep", "dist/minis.config.json"]
    assert run(["src"]) == []
    assert run(["dist/assets/.gitkeep", "src/main.js"]) == []  # files only (pre-commit)
    assert [f[0] for f in run(["dist", "src"])] == ["dist/assets/.gitkeep", "dist/minis.config.json"]


def test_output_dir_comes_from_the_config(project):
    cfg = dict(CONFIG, build={"htmlEntry": "index.html", "output": "www"})   # the docs' other spelling
    write(project, {"minis.config.json": json.dumps(cfg), "www/index.html": "", "dist/x.js": ""})
    assert [f[0] for f in run(["www", "dist"])] == ["www/index.html", "www/minis.config.json"]


def test_without_a_config_dist_and_build_are_outputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"build/index.html": "<p>x</p>", "site/index.html": "",
                     "app/package.json": "{}", "app/build/a.js": "1;"})
    assert [f[0] for f in run(["build", "site"])] == ["build/minis.config.json"]
    assert [f[0] for f in run(["app/build"])] == ["app/build/minis.config.json"]


def test_a_package_copied_with_its_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"upload/dist/minis.config.json": json.dumps(CONFIG), "upload/dist/index.html": "<p></p>",
                     "upload/dist/empty.css": ""})
    assert folder_role(tmp_path / "upload" / "dist") == "output"
    assert [f[0] for f in run(["upload/dist"])] == ["upload/dist/empty.css"]


def test_fixtures(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    assert run(["ready-pass/dist"]) == []
    assert [(f[0], f[1], f[2]) for f in run(["ready-fail/dist"])] == [
        ("ready-fail/dist/data/empty.json", 1, 1), ("ready-fail/dist/minis.config.json", 1, 1)]


def test_scan_does_not_follow_folder_symlinks(tmp_path):
    write(tmp_path, {"dist/a.js": "1;", "elsewhere/big.bin": 5 * MIB})
    (tmp_path / "dist" / "loop").symlink_to(tmp_path / "dist", target_is_directory=True)
    (tmp_path / "dist" / "big").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    scan = scan_package(tmp_path / "dist")
    assert [p.name for p, _ in scan.files] == ["a.js"] and scan.total == 2


@pytest.mark.parametrize("n,text", [(0, "0 B"), (1023, "1023 B"), (1024, "1.0 KiB"), (52428800, "50.0 MiB"),
                                    (3 * 1024 ** 3, "3.0 GiB")])
def test_human_size(n, text):
    assert human_size(n) == text




@pytest.mark.parametrize("value", ["big", 0, -5, True])
def test_a_bad_option_is_a_finding_not_a_crash(project, value):
    write(project, {"dist/index.html": "<p>x</p>"})
    (finding,) = run(["dist"], max_size_mb=value)
    assert finding[3] == f"option max_size_mb of package-contents must be a positive number, not {value!r}"
