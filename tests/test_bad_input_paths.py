"""Unreadable files, broken and looping symlinks, a folder named like a file, odd path names."""
import errno
import json
import os
import pathlib
import subprocess
import sys

import pytest

from minislint.cli import main


def cli(args, cwd):
    proc = subprocess.run([sys.executable, "-m", "minislint", "check", "--no-cache", "--format", "json",
                           "--select", "no-eval,syntax-error", *args], cwd=cwd, capture_output=True, text=True)
    assert "Traceback" not in proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def findings(out):
    return sorted((f["path"], f["rule"], f["line"], f["column"]) for f in json.loads(out))


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "ok.js").write_text("eval(a);\n")
    (tmp_path / "broken.js").symlink_to("nowhere.js")
    (tmp_path / "loop1.js").symlink_to("loop2.js")
    (tmp_path / "loop2.js").symlink_to("loop1.js")
    (tmp_path / "x.js").mkdir()                      # a folder named like a file
    (tmp_path / "x.js" / "in.js").write_text("  eval(c);\n")
    (tmp_path / "my dir").mkdir()
    (tmp_path / "my dir" / "ñandú 😀.js").write_text("x;\neval(d);\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")          # a folder loop
    (tmp_path / "fifo.js").parent.mkdir(exist_ok=True)
    os.mkfifo(tmp_path / "fifo.js")                     # reading it would block forever
    return tmp_path


def test_folder_walk_survives_links_loops_and_odd_names(tree):
    code, out, err = cli(["."], tree)
    assert code == 1
    assert findings(out) == [("my dir/ñandú 😀.js", "no-eval", 2, 1), ("ok.js", "no-eval", 1, 1),
                             ("x.js/in.js", "no-eval", 1, 3)]
    assert sorted(err.splitlines()) == ["minislint: broken.js: broken symbolic link",
                                        "minislint: loop1.js: symbolic link loop",
                                        "minislint: loop2.js: symbolic link loop"]


def test_named_bad_paths_are_one_line_each_and_exit_2(tree):
    code, out, err = cli(["broken.js", "loop1.js", "missing.js", "fifo.js", "x.js", "my dir/ñandú 😀.js"], tree)
    assert code == 2  # a path the user named could not be checked
    assert findings(out) == [("my dir/ñandú 😀.js", "no-eval", 2, 1), ("x.js/in.js", "no-eval", 1, 3)]
    assert err.splitlines() == ["minislint: broken.js: broken symbolic link",
                                "minislint: loop1.js: symbolic link loop",
                                "minislint: missing.js: no such file or folder",
                                "minislint: fifo.js: not a regular file or folder"]


def test_unreadable_file_and_folder(tmp_path, monkeypatch, capsys):
    (tmp_path / "secret.js").write_text("eval(s);\n")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "in.js").write_text("eval(t);\n")
    (tmp_path / "ok.js").write_text("eval(a);\n")
    os.chmod(tmp_path / "secret.js", 0)
    os.chmod(tmp_path / "locked", 0)
    try:
        if os.access(tmp_path / "secret.js", os.R_OK):  # root reads anything: simulate the refusal
            real_read, real_scandir = pathlib.Path.read_bytes, os.scandir

            def read_bytes(self):
                if self.name == "secret.js":
                    raise PermissionError(errno.EACCES, "Permission denied", str(self))
                return real_read(self)

            def scandir(path="."):
                if os.path.basename(os.fspath(path)) == "locked":
                    raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
                return real_scandir(path)

            monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
            monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.chdir(tmp_path)
        code = main(["check", "--no-cache", "--jobs", "1", "--format", "json", "--select", "no-eval,syntax-error", "."])
    finally:
        os.chmod(tmp_path / "secret.js", 0o644)
        os.chmod(tmp_path / "locked", 0o755)
    out, err = capsys.readouterr()
    assert code == 1
    data = json.loads(out)
    assert findings(out) == [("ok.js", "no-eval", 1, 1), ("secret.js", "syntax-error", 1, 1)]
    assert [f["message"] for f in data if f["path"] == "secret.js"] == ["cannot read file: Permission denied"]
    assert err == "minislint: locked: cannot read folder: Permission denied\n"
