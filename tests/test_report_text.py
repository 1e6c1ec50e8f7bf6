"""The text people read: a codeframe with a caret under the finding, colour on a terminal only,
a count per rule, and a progress line on a terminal's stderr."""
from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from minislint.finding import Finding
from minislint.progress import Progress
from minislint.report import ReportContext
from minislint.report.text_report import codeframe, per_rule, render

ESC = "\x1b["


def lint_text_output(tmp_path: Path, name: str, data: bytes, *args: str) -> str:
    """`minislint` as a user runs it, output piped (not a terminal)."""
    (tmp_path / "minis.config.json").write_text('{"domain": {"trustedDomains": ["https://api.example.com"]}}')
    (tmp_path / name).write_bytes(data)
    proc = subprocess.run([sys.executable, "-m", "minislint", name, "--select", "no-eval,no-function-constructor,"
                           "no-string-timer", *args], cwd=tmp_path, capture_output=True, text=True,
                          encoding="utf-8", env={k: v for k, v in os.environ.items() if k != "NO_COLOR"})
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


def frame_after(out: str, header_start: str) -> list[str]:
    lines = out.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    return lines[i + 1:i + 4]


@pytest.mark.parametrize("name, data, header, source, caret", [
    # tab expanded to 4 cells, a CJK identifier is 2 cells wide: the caret still sits under `eval`
    ("cjk.js", '\tconst 名 = "x"; eval(名);\n'.encode(), "cjk.js:1:17: error no-eval",
     '1 |     const 名 = "x"; eval(名);', "  |                     ^^^^"),
    # a combining accent takes no cell; CRLF line ends are not shown
    ("accent.js", "const e\u0301 = 1;\r\neval(e\u0301)\r\n".encode(), "accent.js:2:1: error no-eval",
     "2 | eval(e\u0301)", "  | ^^^^"),
    # a UTF-8 BOM is not a column
    ("bom.js", b"\xef\xbb\xbfnew Function('a')\n", "bom.js:1:5: error no-function-constructor",
     "1 | new Function('a')", "  |     ^^^^^^^^"),
    # a stray byte (read as U+FFFD, as the engine does) does not cost the file its codeframe
    ("stray.js", b"const a = '\xff';\n  eval(a);\n", "stray.js:2:3: error no-eval",
     "2 |   eval(a);", "  |   ^^^^"),
    # the caret spans the string argument, beyond a 4-cell emoji pair
    ("emoji.js", 'const a = "😀😀"; setTimeout("go()", 1);\n'.encode(), "emoji.js:1:28: error no-string-timer",
     '1 | const a = "😀😀"; setTimeout("go()", 1);', "  | " + " " * (11 + 4 + 3 + 11) + "^" * 6),
])
def test_codeframe_caret_under_the_column(tmp_path, name, data, header, source, caret):
    out = lint_text_output(tmp_path, name, data)
    assert ESC not in out   # piped: plain text
    gutter, shown, under = frame_after(out, header)
    assert gutter.strip() == "|"
    assert shown == source
    assert under == caret


def test_minified_line_is_cut_around_the_finding(tmp_path):
    head = "var a=" + "1+" * 3000
    data = f"{head}0;Function('return this')();var z=" + "2*" * 3000 + "2;\n"
    out = lint_text_output(tmp_path, "bundle.min.js", data.encode())
    header = f"bundle.min.js:1:{len(head) + 3}: error no-function-constructor"
    _, shown, under = frame_after(out, header)
    assert len(shown) < 120 and shown.startswith("1 | …") and shown.endswith("…")
    start = under.index("^")
    assert shown[start:start + 8] == "Function" and under[start:].strip() == "^" * 8


def test_multi_line_finding_carets_to_the_end_of_its_first_line():
    line = "setTimeout(`tick(${n})"
    f = Finding("no-string-timer", "error", "m", "a.js", 3, 12, 4, 3)
    ctx = ReportContext(rules={}, files=1, sources={"a.js": "x\ny\n" + line + "\n`, 5);\n"})
    out = render([f], ctx).splitlines()
    assert out[2] == "3 | " + line
    assert out[3] == "  | " + " " * 11 + "^" * (len(line) - 11)


def test_no_frame_for_a_file_that_is_not_there_and_counts_per_rule():
    findings = [
        Finding("no-eval", "error", "m", "gone.js", 1, 1, 1, 5),
        Finding("no-eval", "warning", "m", "gone.js", 2, 1, 2, 5),
        Finding("no-eval", "error", "m", "gone.js", 3, 1, 3, 5),
        Finding("debug-console", "warning", "m", "gone.js", 4, 1, 4, 5),
    ]
    out = render(findings, ReportContext(rules={}, files=1, cwd=Path("/nonexistent"))).splitlines()
    assert out[:4] == [f"gone.js:{n}:1: {f.severity} {f.rule} m" for n, f in enumerate(findings, 1)]
    assert out[5:] == [
        "     3  no-eval        (2 errors, 1 warning)",
        "     1  debug-console  (1 warning)",
        "Found 2 errors and 2 warnings (1 file checked).",
    ]
    assert per_rule(findings[3:]) == ["     1  debug-console  (1 warning)"]


def test_clean_run_is_one_line(tmp_path):
    out = lint_text_output(tmp_path, "ok.js", b"export const ok = () => 1;\n")
    assert out == "No problems found (1 file checked).\n"


def _in_terminal(tmp_path: Path, env: dict) -> str:
    """Run minislint with stdout on a pseudo-terminal and return what the terminal shows."""
    (tmp_path / "minis.config.json").write_text('{"domain": {"trustedDomains": ["https://a.example.com"]}}')
    (tmp_path / "a.js").write_text("eval(x);\n")
    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "minislint", "a.js", "--select", "no-eval"], cwd=tmp_path,
                            stdout=child_fd, stderr=subprocess.DEVNULL, env=env)
    os.close(child_fd)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:   # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(main_fd)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_colour_on_a_terminal_and_not_with_no_color(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = _in_terminal(tmp_path, env)
    assert f"{ESC}1;31merror{ESC}0m" in coloured and f"{ESC}36mno-eval{ESC}0m" in coloured
    assert f"{ESC}31;1m^^^^{ESC}0m" in coloured
    plain = _in_terminal(tmp_path, {**env, "NO_COLOR": "1"})
    assert ESC not in plain and "a.js:1:1: error no-eval" in plain and "| ^^^^" in plain


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_terminal_is_erased_before_the_report():
    term = _Terminal()
    progress = Progress(term, delay=0, interval=0)
    for done in range(1, 4):
        progress(done, 3)
    progress.close()
    shown = term.getvalue()
    assert "\rminislint: 1/3 files (33%)" in shown and "\rminislint: 3/3 files (100%)" in shown
    last = "minislint: 3/3 files (100%)"
    assert shown.endswith("\r" + " " * len(last) + "\r")


def test_no_progress_when_piped_or_when_the_run_is_short():
    piped = io.StringIO()
    progress = Progress(piped, delay=0, interval=0)
    progress(1, 1)
    progress.close()
    assert piped.getvalue() == ""
    term = _Terminal()
    quick = Progress(term, delay=3600)   # a run that ends before the delay shows nothing
    quick(5, 10)
    quick.close()
    assert term.getvalue() == ""


def test_a_line_that_fits_is_shown_whole_even_when_the_finding_is_far_right():
    from minislint.report.text_report import codeframe

    line = 'TTMinis.setNavigationBarColor({ frontColor: "#fff", backgroundColor: "navy" });'
    column = line.index('"navy"') + 1
    frame = codeframe(line, column, column + 6, False, "error", 11)
    assert frame[1] == "11 | " + line
    assert frame[2] == "   | " + " " * (column - 1) + "^^^^^^"


def test_a_long_line_is_measured_only_around_the_finding(monkeypatch):
    # A 20 MB one-line bundle: the width of the whole line was summed for every finding (10 min
    # for 180 findings). Deciding that the line does not fit stops at the first cell over.
    from minislint.report import text_report

    calls = []
    real = text_report._cells
    monkeypatch.setattr(text_report, "_cells", lambda ch: calls.append(ch) or real(ch))
    line = "a=1;" * 250_000 + "eval(s);" + "b=2;" * 250_000
    column = line.index("eval") + 1
    frame = codeframe(line, column, column + 4, False, "error", 1)
    assert len(calls) < 20 * text_report.FRAME_WIDTH
    shown, under = frame[1], frame[2]
    assert shown.startswith("1 | …") and shown.endswith("…")
    assert shown[under.index("^"):under.index("^") + 4] == "eval" and under.strip("| ") == "^^^^"


def test_a_line_of_zero_width_characters_that_fits_is_shown_whole():
    line = "a\u0301" * 150 + "eval(s)"  # 150 letters with a combining accent: 157 cells
    column = line.index("eval") + 1
    frame = codeframe(line, column, column + 4, False, "error", 1)
    assert frame[1].startswith("1 | …")
    short = "e\u0301" * 60 + "eval(s)"  # 67 cells in 127 characters: fits
    column = short.index("eval") + 1
    assert codeframe(short, column, column + 4, False, "error", 1)[1] == "1 | " + short


def test_findings_on_one_line_share_its_text(tmp_path):
    # every finding of a one-line bundle is on line 1: its text is cut from the file once
    from minislint.report import SourceLines

    (tmp_path / "a.js").write_text("eval(a); eval(b);\nx();\n", encoding="utf-8")
    sources = SourceLines(ReportContext(rules={}, cwd=tmp_path))
    first = sources.line("a.js", 1)
    assert first == "eval(a); eval(b);" and sources.line("a.js", 1) is first
    assert sources.line("a.js", 2) == "x();" and sources.line("a.js", 4) is None
