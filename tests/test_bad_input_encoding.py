"""Encodings, line ends, binary and empty files: a finding where it belongs, the rest still checked."""
import codecs
import json
import subprocess
import sys

import pytest

import hostile
from minislint.decode import DecodeProblem, decode, decode_lenient

EVAL = "var a = 1;\r\n// caf\u00e9 \U0001F600\r\n  eval(a);\r\n"  # eval at line 3, column 3


def cli(args, cwd):
    proc = subprocess.run([sys.executable, "-m", "minislint", "check", "--no-cache", "--format", "json",
                           "--select", "no-eval,syntax-error", *args], cwd=cwd, capture_output=True, text=True)
    assert "Traceback" not in proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def findings(out):
    return sorted((f["path"], f["rule"], f["line"], f["column"], f["severity"]) for f in json.loads(out))


# -- decode on its own --------------------------------------------------------------------------
@pytest.mark.parametrize("data", [
    hostile.utf8_bom(EVAL), hostile.utf16(EVAL, "le"), hostile.utf16(EVAL, "be"),
    codecs.BOM_UTF32_LE + EVAL.encode("utf-32-le"), codecs.BOM_UTF32_BE + EVAL.encode("utf-32-be"),
    EVAL.encode(),
])
def test_decode_boms(data):
    assert decode(data) == EVAL


def test_decode_invalid_utf8_is_lenient_with_the_exact_offset():
    text, problem = decode_lenient("é = 1; // \u00a9".encode("utf-8")[:-2] + b"\xa9 x\n")
    assert text == "é = 1; // \ufffd x\n"
    assert problem.offset == text.index("\ufffd") == 10
    assert problem.message.startswith("not valid UTF-8 (byte 0xa9 at byte offset 11)")
    with pytest.raises(DecodeProblem):  # strict decode (minis.config.json) still refuses it
        decode(b"\xa9")


@pytest.mark.parametrize("data, message", [
    (hostile.binary_js(), "binary file (NUL byte at byte offset 8), not text"),
    ("var a = 1;\n".encode("utf-16-le"), "looks like UTF-16 without a byte-order mark; save it as UTF-8"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "invalid UTF-16 (illegal UTF-16 surrogate at byte offset 2)"),
])
def test_decode_refuses_what_is_not_text(data, message):
    with pytest.raises(DecodeProblem) as info:
        decode_lenient(data)
    assert info.value.message == message


def test_decode_empty_and_lone_bom():
    assert decode(b"") == "" and decode(codecs.BOM_UTF8) == ""


# -- through the CLI ----------------------------------------------------------------------------
def test_encodings_and_line_ends_through_the_cli(tmp_path):
    files = {
        "bom.js": hostile.utf8_bom(EVAL),
        "utf16le.js": hostile.utf16(EVAL, "le"),
        "utf16be.js": hostile.utf16(EVAL, "be"),
        "crlf.js": EVAL.encode(),
        "cr.js": EVAL.replace("\r\n", "\r").encode(),
        "lf.js": EVAL.replace("\r\n", "\n").encode(),
        "ls.js": EVAL.replace("\r\n", "\u2028").encode(),  # JS line separator: ESLint counts it too
    }
    for name, data in files.items():
        hostile.write(tmp_path, name, data)
    code, out, err = cli(sorted(files), tmp_path)
    assert code == 1 and err == ""
    assert findings(out) == sorted((name, "no-eval", 3, 3, "error") for name in files)


def test_invalid_utf8_is_a_warning_at_the_byte_and_the_file_is_still_checked(tmp_path):
    hostile.write(tmp_path, "latin1.js", "/* (c) 2014 M\u00fcller */\nvar a = 1;\neval(a);\n".encode("latin-1"))
    hostile.write(tmp_path, "mixed.js", hostile.invalid_utf8())
    code, out, _ = cli(["latin1.js", "mixed.js"], tmp_path)
    assert code == 1
    assert findings(out) == [
        ("latin1.js", "no-eval", 3, 1, "error"),
        ("latin1.js", "syntax-error", 1, 14, "warning"),  # the ü, read as U+FFFD
        ("mixed.js", "no-eval", 3, 1, "error"),
        ("mixed.js", "syntax-error", 2, 10, "warning"),
    ]
    msg = [f["message"] for f in json.loads(out) if f["path"] == "latin1.js" and f["rule"] == "syntax-error"]
    assert msg == ["not valid UTF-8 (byte 0xfc at byte offset 13); read with U+FFFD in its place, as a browser would"]


def test_binary_empty_and_nul_files(tmp_path):
    hostile.write(tmp_path, "logo.js", hostile.binary_js())
    hostile.write(tmp_path, "utf16nobom.js", "eval(a);\n".encode("utf-16-le"))
    hostile.write(tmp_path, "empty.js", b"")
    hostile.write(tmp_path, "bomonly.js", codecs.BOM_UTF8)
    hostile.write(tmp_path, "late_nul.js", b"var a = '" + b"x" * 9000 + b"\x00';\neval(a);\n")
    hostile.write(tmp_path, "ok.js", b"eval(b);\n")
    code, out, err = cli(["logo.js", "utf16nobom.js", "empty.js", "bomonly.js", "late_nul.js", "ok.js"],
                         tmp_path)
    assert code == 1 and err == ""
    assert findings(out) == [
        ("late_nul.js", "no-eval", 2, 1, "error"),  # a NUL inside a string literal is legal JS
        ("logo.js", "syntax-error", 1, 1, "error"),
        ("ok.js", "no-eval", 1, 1, "error"),
        ("utf16nobom.js", "syntax-error", 1, 1, "error"),
    ]
    messages = {f["path"]: f["message"] for f in json.loads(out)}
    assert messages["logo.js"] == "binary file (NUL byte at byte offset 8), not text"


def test_many_short_lines(tmp_path):
    hostile.write(tmp_path, "lines.js", hostile.many_lines(100_000, "  eval(x);"))
    code, out, _ = cli(["lines.js"], tmp_path)
    assert findings(out) == [("lines.js", "no-eval", 100_001, 3, "error")]


def test_twenty_megabyte_single_line(tmp_path):
    """Position arithmetic on one 20 MB line. The bulk is a licence-style comment so the test
    stays quick; a real 20 MB bundle takes esprima2's ~0.4 MB/s of parse time (bench/results/parsers.md)."""
    head = "/*! " + "x" * (20 * 1024 * 1024) + " */"
    hostile.write(tmp_path, "big.min.js", head + "var a=1;eval(a);window.eval(b)")
    code, out, err = cli(["big.min.js"], tmp_path)
    assert err == "" and code == 1
    assert findings(out) == [("big.min.js", "no-eval", 1, len(head) + 9, "error"),
                             ("big.min.js", "no-eval", 1, len(head) + 24, "error")]


def test_stdin_gets_the_same_treatment(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "minislint", "check", "--format", "json",
                           "--select", "no-eval,syntax-error", "--stdin-filename", "in.js", "-"],
                          input="// \u00a9 M\u00fcller\r\neval(a);\r\n".encode("latin-1"), cwd=tmp_path,
                          capture_output=True)
    assert proc.returncode == 1 and proc.stderr == b""
    assert findings(proc.stdout) == [("in.js", "no-eval", 2, 1, "error"), ("in.js", "syntax-error", 1, 4, "warning")]
