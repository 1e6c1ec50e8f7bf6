"""Bytes to text: UTF-8 (BOM removed), UTF-16 and UTF-32 with a BOM; anything else is a clear problem.

`decode` is strict (a config file must be exactly right). `decode_lenient` is what the engine
uses for code: a stray byte (a Latin-1 `©` in a licence comment of an old library) must not
cost the whole file its findings, so it decodes as a browser does, one U+FFFD per bad byte
sequence, and returns the first problem beside the text, with its offset in that text.
"""
from __future__ import annotations

import codecs
from typing import Optional

_SNIFF = 8192  # bytes looked at for NULs: a binary file shows itself at once


class DecodeProblem(Exception):
    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.message = message
        self.offset = offset  # code points into the decoded text (0 when there is none)


def decode(data: bytes) -> str:
    text, problem = decode_lenient(data)
    if problem is not None:
        raise problem
    return text


def decode_lenient(data: bytes) -> tuple[str, Optional[DecodeProblem]]:
    """(text, first problem or None); raises DecodeProblem only when there is no text to read."""
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            name = codec[:6].upper()
            try:
                return data[len(bom):].decode(codec), None
            except UnicodeDecodeError as err:
                raise DecodeProblem(f"invalid {name} ({err.reason} at byte offset "
                                    f"{err.start + len(bom)})") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    nul = data.find(b"\x00", 0, _SNIFF)
    if nul >= 0:
        if _looks_utf16(data[:_SNIFF]):
            raise DecodeProblem("looks like UTF-16 without a byte-order mark; save it as UTF-8", 0)
        raise DecodeProblem(f"binary file (NUL byte at byte offset {nul}), not text", 0)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        good = data[:err.start].decode("utf-8")
        text = data.decode("utf-8", "replace")
        return text, DecodeProblem(
            f"not valid UTF-8 (byte 0x{data[err.start]:02x} at byte offset {err.start}); "
            f"read with U+FFFD in its place, as a browser would", len(good))


def _looks_utf16(head: bytes) -> bool:
    """ASCII text in UTF-16: every other byte is NUL."""
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return even.count(0) > 0.9 * len(even) or odd.count(0) > 0.9 * len(odd)
