"""Bytes to text: UTF-8 (BOM removed), UTF-16 with a BOM; anything else is a clear problem."""
from __future__ import annotations

import codecs


class DecodeProblem(Exception):
    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.message = message
        self.offset = offset


def decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise DecodeProblem(f"invalid UTF-16: {err.reason}") from None
    if b"\x00" in data[:8192]:
        raise DecodeProblem("binary file (contains NUL bytes), not text", data.index(b"\x00"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DecodeProblem(f"not valid UTF-8 (byte 0x{data[err.start]:02x} at byte offset {err.start})",
                            len(data[:err.start].decode("utf-8", "replace"))) from None
