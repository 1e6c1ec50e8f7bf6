"""Does a URL load from another host? The question no-foreign-script and no-foreign-stylesheet ask.

Read the way a browser's URL parser reads a ``src``/``href``: surrounding whitespace and ASCII
tabs/newlines inside are dropped, ``\\`` counts as ``/`` (so ``\\\\evil.example/x.js`` is
protocol-relative), the scheme and host are case-insensitive and a trailing dot on the host
does not matter.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional
from urllib.parse import urlsplit

_REMOVED = re.compile(r"[\t\n\r]")
_HOST_END = re.compile(r"[/?#]")
_NETWORK = ("http", "https", "ws", "wss", "ftp")


def remote_host(url: Optional[str], partial: bool = False) -> Optional[str]:
    """The host an absolute or protocol-relative URL loads from; None for app-relative URLs,
    ``data:``/``blob:`` and anything that is not a network URL.

    ``partial``: ``url`` is only the known start of a string (``https://cdn.x/${v}.js``); the
    host counts only when something ends it (``/``, ``?``, ``#``, ``:``).
    """
    if not url:
        return None
    text = _REMOVED.sub("", url.strip(" \f\t\n\r")).replace("\\", "/")
    lower = text.lower()
    if lower.startswith("//"):
        rest = text[2:]
    else:
        scheme, sep, rest = text.partition(":")
        if not sep or scheme.lower() not in _NETWORK:
            return None
        rest = rest.lstrip("/")  # "https:evil.example" is "https://evil.example" to a browser
    end = _HOST_END.search(rest)
    if partial and end is None:
        return None
    authority = rest[:end.start()] if end else rest
    try:
        host = urlsplit("//" + authority).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    """``allowed`` holds exact hosts, or ``.example.com`` / ``*.example.com`` for subdomains."""
    host = host.lower()
    for entry in allowed:
        entry = str(entry).strip().lower().rstrip(".")
        if entry.startswith("*."):
            entry = entry[1:]
        if entry.startswith("."):
            if host.endswith(entry) or host == entry[1:]:
                return True
        elif host == entry:
            return True
    return False


def foreign_host(url: Optional[str], allowed: Iterable[str], partial: bool = False) -> Optional[str]:
    """The other host ``url`` loads from, unless it is allowed; None when the URL is fine."""
    host = remote_host(url, partial)
    if host is None or host_allowed(host, allowed):
        return None
    return host
