"""File types: a Language turns a SourceFile into Fragments; parsers turn Fragments into trees."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass
class Language:
    name: str
    extensions: tuple[str, ...]       # lower-case, with the dot: (".js", ".mjs")
    split: Callable                   # split(SourceFile) -> list[Fragment]
    filenames: tuple[str, ...] = ()   # exact file names this language reads (minis.config.json)


class ParseError(Exception):
    """A fragment that does not parse: becomes one `syntax-error` finding at `offset`."""

    def __init__(self, message: str, offset: int = 0, rule: str = "syntax-error"):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.rule = rule
