"""Hostile inputs for the bad-input tests, generated on demand (never committed as big files).

Each generator returns the text or bytes of one file; `write()` puts it into a test's tmp dir.
"""
from __future__ import annotations

import codecs
from pathlib import Path

DEEP = 10_000  # the depth the issue names; each case below breaks Python's default recursion limit


# -- deep nesting -------------------------------------------------------------------------------
def js_parens(n: int = DEEP) -> str:
    return "x = " + "(" * n + "1" + ")" * n + ";\n"


def js_arrays(n: int = DEEP) -> str:
    return "x = " + "[" * n + "]" * n + ";\n"


def js_callbacks(n: int = DEEP, inner: str = "") -> str:
    return "f(function () {" * n + inner + "})" * n + ";\n"


def js_objects(n: int = DEEP) -> str:
    return "x = " + "{a:" * n + "1" + "}" * n + ";\n"


def js_blocks(n: int = DEEP) -> str:
    return "{" * n + "}" * n + "\n"


def js_concat(n: int = DEEP) -> str:
    """A left-deep `+` chain: shallow to parse, deep for anything folding constants recursively."""
    return "x = 'a'" + " + 'a'" * n + ";\n"


def html_elements(n: int = DEEP, tag: str = "div") -> str:
    return "<!doctype html>\n<body>" + f"<{tag}>" * n + "x" + f"</{tag}>" * n + "</body>\n"


def css_blocks(n: int = DEEP) -> str:
    return "a {" + "@media screen {" * n + "}" * n + "}\n"


def css_functions(n: int = DEEP) -> str:
    return "a { b: " + "calc(" * n + "1px" + ")" * n + "; }\n"


JS_DEEP = {"parens": js_parens, "arrays": js_arrays, "callbacks": js_callbacks,
           "objects": js_objects, "blocks": js_blocks}


# -- encodings and sizes ------------------------------------------------------------------------
def utf8_bom(text: str) -> bytes:
    return codecs.BOM_UTF8 + text.encode("utf-8")


def utf16(text: str, endian: str = "le") -> bytes:
    bom, codec = (codecs.BOM_UTF16_LE, "utf-16-le") if endian == "le" else (codecs.BOM_UTF16_BE, "utf-16-be")
    return bom + text.encode(codec)


def invalid_utf8(text_before: str = "var a = 1;\n", text_after: str = "eval(a);\n") -> bytes:
    return text_before.encode() + b"var s = '\xff\xfe\xc3';\n" + text_after.encode()


def binary_js(size: int = 4096) -> bytes:
    """What a PNG renamed to .js looks like: magic, NULs, high bytes."""
    head = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    return head + bytes((i * 37) % 256 for i in range(size))


def huge_single_line(mb: int = 20, inner: str = "eval(x);") -> str:
    """A minified bundle of `mb` MB on one line, with `inner` at the very end."""
    unit = "var a0=function(b,c){return b+c};"
    count = mb * 1024 * 1024 // len(unit)
    return unit * count + inner


def many_lines(n: int = 100_000, inner: str = "eval(x);") -> str:
    return "var a = 1;\n" * n + inner + "\n"


def write(folder: Path, name: str, content) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))  # keep line ends exactly as generated
    return path
