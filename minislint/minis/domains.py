"""Trusted domains: URL hosts, exact-host matching, the closest trusted entry.

The platform denies any request whose host is not registered, and matches the host exactly
(`https://api.example.com` trusts `api.example.com` only, as WeChat and Douyin do).  Hosts are
compared after the normalisation a browser applies (lower case, IDNA/punycode, no trailing dot).

tldextract names the registrable domain in messages.  It is built ONCE, from the snapshot of
the Public Suffix List bundled in the wheel: `suffix_list_urls=()` so it never fetches,
`cache_dir=None` so it never writes; the linter must work with the network unplugged.
"""
from __future__ import annotations

import difflib
import fnmatch
import ipaddress
import re
from dataclasses import dataclass, field
from functools import lru_cache


MAX_TRUSTED = 20  # documented limit
NETWORK_SCHEMES = ("https", "http", "wss", "ws")
SECURE = {"https": True, "wss": True, "http": False, "ws": False}
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_SCHEME_PREFIX_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*$")


@lru_cache(maxsize=None)
def _extractor():
    import tldextract  # imported on first use: it pulls in requests (0.3 s) for nothing else

    # Private PSL entries count (github.io, vercel.app): `me.github.io` is a site of its own.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                 include_psl_private_domains=True)


def normalize_host(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if host.isascii():
        return host
    import idna  # tldextract's own dependency

    try:  # what a browser sends: UTS #46 mapping, then punycode
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError:
        return host


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_localhost(host: str) -> bool:
    return host == "localhost" or host.endswith(".localhost")


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """`api.example.co.uk` -> `example.co.uk`; '' for an IP, localhost or an unknown suffix."""
    if not host or is_ip(host):
        return ""
    result = _extractor()(host)
    if hasattr(result, "top_domain_under_public_suffix"):  # tldextract >= 5.3
        return result.top_domain_under_public_suffix
    return result.registered_domain


@lru_cache(maxsize=4096)
def public_suffix(host: str) -> str:
    if not host or is_ip(host):
        return ""
    return _extractor()(host).suffix


@dataclass(frozen=True)
class Url:
    """An absolute network URL, split the way the checks need it."""

    raw: str
    scheme: str  # lower case; '' for a protocol-relative `//host/...`
    host: str  # normalised (see normalize_host); IPv6 without brackets
    port: str  # '' when absent; text, so `:abc` can be reported
    userinfo: str
    path: str
    query: str  # without '?'; '' when absent
    fragment: str
    has_query: bool = False
    has_fragment: bool = False

    @property
    def secure(self) -> bool:
        return SECURE.get(self.scheme, True)  # protocol-relative inherits the https page


def split_url(text: str) -> Url | None:
    """Split `scheme://authority/path?query#fragment`; None when `text` has no authority."""
    raw = text
    text = text.strip()
    m = _SCHEME_RE.match(text)
    scheme = m.group(1).lower() if m else ""
    rest = text[m.end():] if m else text
    if scheme in NETWORK_SCHEMES:
        rest = rest.replace("\\", "/")  # browsers read `\` as `/` in special URLs
    if not rest.startswith("//"):
        return None
    rest = rest[2:]
    cut = len(rest)
    for sep in "/?#":
        pos = rest.find(sep)
        if 0 <= pos < cut:
            cut = pos
    authority, tail = rest[:cut], rest[cut:]
    userinfo, _, hostport = authority.rpartition("@")
    if hostport.startswith("["):
        close = hostport.find("]")
        host, port = (hostport[: close + 1], hostport[close + 2:]) if close > 0 else (hostport, "")
    else:
        host, _, port = hostport.partition(":")
    fragment_at = tail.find("#")
    fragment = tail[fragment_at + 1:] if fragment_at >= 0 else ""
    before = tail[:fragment_at] if fragment_at >= 0 else tail
    query_at = before.find("?")
    query = before[query_at + 1:] if query_at >= 0 else ""
    path = before[:query_at] if query_at >= 0 else before
    return Url(raw, scheme, normalize_host(host), port, userinfo, path, query, fragment,
               has_query=query_at >= 0, has_fragment=fragment_at >= 0)


@dataclass(frozen=True)
class Target:
    """Where a request goes, as far as the text before it is known."""

    kind: str  # "network" (host known) | "relative" (the app's own origin) | "other" (data:, blob:...)
    url: Url | None = None


def request_target(text: str, complete: bool = True) -> Target | None:
    """Classify a request URL.  `complete=False` when `text` is only the known *prefix* of the
    URL (`https://api.example.com/users/` + id): the host is known only once the authority is
    closed by `/`, `?` or `#`.  Returns None when the target cannot be known."""
    stripped = text.lstrip()
    if not complete and (stripped in ("", "/") or _SCHEME_PREFIX_RE.match(stripped)):
        return None  # may still become `//host` or `https:`
    m = _SCHEME_RE.match(stripped)
    if m and m.group(1).lower() not in NETWORK_SCHEMES:
        return Target("other")
    url = split_url(stripped)
    if url is None:
        if m:  # `https:foo` without `//`: the browser reads it relative to the page
            return Target("relative")
        return Target("relative")
    if not complete:
        after = stripped[stripped.find("//") + 2:].replace("\\", "/")
        if not any(sep in after for sep in "/?#"):
            return None  # `https://api.` + region + `.example.com`
    if not url.host:
        return None
    return Target("network", url)


@dataclass
class TrustedEntry:
    raw: str
    index: int
    url: Url | None
    host: str  # '' when the entry has no usable host
    problems: list[tuple[str, str]] = field(default_factory=list)  # (severity, message)
    # problem index -> the mechanical repair of it: "https" (http:// -> https://, changes what is
    # trusted) or "host" (drop the path or trailing slash: the platform matches hosts only)
    repairs: dict = field(default_factory=dict)

    @property
    def matchable(self) -> bool:
        return bool(self.host) and "*" not in self.host


def parse_trusted_entry(raw: str, index: int = 0) -> TrustedEntry:
    """Check one `domain.trustedDomains` entry against the documented format."""
    problems: list[tuple[str, str]] = []
    repairs: dict = {}
    err = lambda msg: problems.append(("error", msg))  # noqa: E731
    warn = lambda msg: problems.append(("warning", msg))  # noqa: E731
    text = raw
    if raw != raw.strip():
        err(f"\"{raw}\" has leading or trailing whitespace")
        text = raw.strip()
    if not text:
        err("empty trusted domain")
        return TrustedEntry(raw, index, None, "", problems)
    url = split_url(text)
    if url is None:
        m = _SCHEME_RE.match(text)
        if m and not text[m.end():].startswith("//") and text[m.end():][:1].isdigit():
            url = split_url("https://" + text)  # `api.example.com:8443`: a port, not a scheme
        elif not m:
            url = split_url("https://" + text)
        if url is not None:
            err(f"\"{text}\" must start with https:// (write \"https://{text}\")")
        else:
            err(f"\"{text}\" is not a URL: write it as https://host")
            return TrustedEntry(raw, index, None, "", problems)
    elif url.scheme != "https":
        shown = url.scheme + "://" if url.scheme else "//"
        why = {"http": " (the platform requires TLS)", "ws": " (the platform requires TLS)",
               "wss": " (an https:// entry also covers wss:// to the same host)"}
        err(f"\"{text}\" must start with https://, not {shown}{why.get(url.scheme, '')}")
        if url.scheme == "http":
            repairs[len(problems) - 1] = "https"
    host = url.host
    if "*" in text:
        err(f"\"{text}\" has a wildcard: the platform matches hosts exactly, list each host")
    if url.userinfo:
        err(f"\"{text}\" has user info before `@`: only https://host is allowed")
    if url.path and url.path != "/":
        err(f"\"{text}\" has a path ({url.path}): trusted domains are hosts, without paths")
        if not (url.has_query or url.has_fragment):
            repairs[len(problems) - 1] = "host"
    elif url.path == "/" and not (url.has_query or url.has_fragment):
        warn(f"\"{text}\" ends with `/`: write it without the trailing slash")
        repairs[len(problems) - 1] = "host"
    if url.has_query:
        err(f"\"{text}\" has a query string: trusted domains are hosts only")
    if url.has_fragment:
        err(f"\"{text}\" has a fragment (#...): trusted domains are hosts only")
    if not host:
        err(f"\"{text}\" has no host")
    elif is_ip(host):
        err(f"\"{text}\" is an IP address: register a domain name served over https")
    elif is_localhost(host):
        err(f"\"{text}\" is localhost, which cannot be reached from users' phones")
    elif "*" not in host and not re.fullmatch(r"[a-z0-9_\-.]+", host):
        err(f"\"{text}\": \"{host}\" is not a valid host name")
    elif "*" not in host and not public_suffix(host):
        warn(f"\"{text}\": \"{host}\" has no public suffix, so it cannot be reached from "
             "users' phones")
    if url.port:
        if url.port.isdigit():
            warn(f"\"{text}\" has a port (:{url.port}): the platform documents hosts only, "
                 "and requests are matched on the host")
        else:
            err(f"\"{text}\" has an invalid port \"{url.port}\"")
    return TrustedEntry(raw, index, url, host, problems, repairs)


def is_trusted(host: str, entries: list[TrustedEntry]) -> bool:
    return any(e.matchable and e.host == host for e in entries)


def closest_trusted(host: str, entries: list[TrustedEntry]) -> TrustedEntry | None:
    """The entry a person most likely meant: same registrable domain first, then the most
    similar host text."""
    candidates = [e for e in entries if e.host]
    if not candidates:
        return None
    site = registrable_domain(host)

    def score(entry: TrustedEntry) -> tuple[bool, float]:
        same_site = bool(site) and registrable_domain(entry.host.replace("*.", "")) == site
        return same_site, difflib.SequenceMatcher(None, host, entry.host).ratio()

    return max(candidates, key=score)


def describe_untrusted(url: Url, entries: list[TrustedEntry], have_config: bool = True) -> str:
    """The message for a request whose host is not trusted (or not secure)."""
    host = url.host
    site = registrable_domain(host)
    who = f"{host} (registrable domain {site})" if site and site != host else host
    parts = []
    if not url.secure:
        parts.append(f"insecure {url.scheme}:// request to {host}: the platform requires "
                     f"{'wss' if url.scheme == 'ws' else 'https'}://")
        if is_trusted(host, entries):
            return parts[0]
    if not have_config:
        return "; ".join(parts + [f"request to {who}: no minis.config.json declares it "
                                  "as a trusted domain"])
    trusted_hosts = [e for e in entries if e.host]
    if not trusted_hosts:
        return "; ".join(parts + [f"{who} is not trusted: domain.trustedDomains is empty"])
    closest = closest_trusted(host, entries)
    more = f" (closest of {len(trusted_hosts)})" if len(trusted_hosts) > 1 else ""
    hint = ""
    if closest is not None and "*" in closest.host and fnmatch.fnmatchcase(host, closest.host):
        hint = "; wildcards do not match, list the host itself"
    return "; ".join(parts + [f"{who} is not trusted; trusted: {closest.raw.strip()}{more}"
                              f"{hint}"])
