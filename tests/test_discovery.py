"""Folder walks skip node_modules, .git and .gitignore'd paths; named paths are always linted."""
import json

from minislint.cli import main


def test_walk_skips_ignored_but_named_paths_are_linted(tmp_path, monkeypatch, capsys):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("dist/\n*.min.js\n")
    for rel in ("src/a.js", "dist/bundle.js", "node_modules/x/index.js", "src/vendor.min.js",
                "src/deep/b.mjs", "src/readme.txt"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("eval(x);\n")
    (tmp_path / "src" / "deep" / ".gitignore").write_text("b.mjs\n")
    monkeypatch.chdir(tmp_path)
    main(["check", ".", "--format", "json", "--select", "no-eval"])
    assert sorted({d["path"] for d in json.loads(capsys.readouterr().out)}) == ["src/a.js"]
    main(["check", "dist", "src/vendor.min.js", "--format", "json", "--select", "no-eval"])
    assert sorted({d["path"] for d in json.loads(capsys.readouterr().out)}) == ["dist/bundle.js", "src/vendor.min.js"]


def test_paths_with_spaces_and_non_ascii(tmp_path, monkeypatch, capsys):
    p = tmp_path / "my app" / "画面.js"
    p.parent.mkdir()
    p.write_text("eval(x);\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", ".", "--format", "json", "--select", "no-eval"])
    assert [d["path"] for d in json.loads(capsys.readouterr().out)] == ["my app/画面.js"]
