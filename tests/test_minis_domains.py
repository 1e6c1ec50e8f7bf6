"""domains: URL hosts, exact matching, the closest trusted entry, tldextract offline."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from minislint.minis import domains
from minislint.minis.domains import parse_trusted_entry, request_target

REPO = Path(__file__).resolve().parents[1]


def entries(*raw):
    return [parse_trusted_entry(r, i) for i, r in enumerate(raw)]


# raw entry -> (host, [(severity, words)])
ENTRIES = [
    ("https://api.example.com", "api.example.com", []),
    ("HTTPS://API.Example.COM.", "api.example.com", []),
    ("https://b\u00fccher.de", "xn--bcher-kva.de", []),
    ("http://api.example.com", "api.example.com", [("error", "not http://")]),
    ("wss://ws.example.com", "ws.example.com", [("error", "not wss://")]),
    ("api.example.com", "api.example.com", [("error", 'write "https://api.example.com"')]),
    ("api.example.com:8443", "api.example.com", [("error", "must start with https://"),
                                                 ("warning", "has a port (:8443)")]),
    ("https://*.example.com", "*.example.com", [("error", "wildcard")]),
    ("https://api.example.com/v1", "api.example.com", [("error", "has a path (/v1)")]),
    ("https://api.example.com/", "api.example.com", [("warning", "trailing slash")]),
    ("https://api.example.com?x=1", "api.example.com", [("error", "query string")]),
    ("https://api.example.com#top", "api.example.com", [("error", "fragment")]),
    ("https://127.0.0.1", "127.0.0.1", [("error", "IP address")]),
    ("https://[::1]", "::1", [("error", "IP address")]),
    ("https://localhost:3000", "localhost", [("error", "localhost"), ("warning", ":3000")]),
    ("https://api.example.com:8443", "api.example.com", [("warning", "has a port (:8443)")]),
    ("https://api.example.com:x", "api.example.com", [("error", "invalid port")]),
    ("https://user@api.example.com", "api.example.com", [("error", "user info")]),
    (" https://api.example.com", "api.example.com", [("error", "whitespace")]),
    ("", "", [("error", "empty")]),
    ("https://", "", [("error", "no host")]),
    ("https://exa mple.com", "exa mple.com", [("error", "not a valid host name")]),
    ("https://intranet", "intranet", [("warning", "no public suffix")]),
    ("mailto:x@example.com", "", [("error", "not a URL")]),
]


@pytest.mark.parametrize("raw,host,expected", ENTRIES)
def test_trusted_entry_format(raw, host, expected):
    entry = parse_trusted_entry(raw)
    assert entry.host == host
    assert [severity for severity, _ in entry.problems] == [s for s, _ in expected], entry.problems
    for (_, message), (_, words) in zip(entry.problems, expected):
        assert words in message


# url -> kind, host
TARGETS = [
    ("https://api.example.com/v1?q=1", "network", "api.example.com"),
    ("wss://API.example.com:8443/socket", "network", "api.example.com"),
    ("//cdn.example.com/a.json", "network", "cdn.example.com"),
    ("https:\\\\api.example.com\\x", "network", "api.example.com"),
    ("  https://api.example.com  ", "network", "api.example.com"),
    ("https://user:pw@[2001:db8::1]:8080/p", "network", "2001:db8::1"),
    ("/api/v1", "relative", None),
    ("./data.json", "relative", None),
    ("api/v1", "relative", None),
    ("?page=2", "relative", None),
    ("data:application/json,{}", "other", None),
    ("blob:https://app.example.com/uuid", "other", None),
    ("javascript:void(0)", "other", None),
]


@pytest.mark.parametrize("url,kind,host", TARGETS)
def test_request_target_of_complete_urls(url, kind, host):
    target = request_target(url)
    assert target.kind == kind
    assert (target.url.host if target.url else None) == host


# The known *prefix* of a URL (`BASE + "/users/" + id`): the host counts only once closed.
PREFIXES = [
    ("https://api.example.com/users/", "api.example.com"),
    ("https://api.example.com?id=", "api.example.com"),
    ("//cdn.example.com/", "cdn.example.com"),
    ("https://api.example.com", None),  # `+ ".evil.net"` may follow
    ("https://api.", None),
    ("https", None),  # `+ (secure ? "s" : "") + "://..."`
    ("/", None),  # may become `//host`
    ("", None),
]


@pytest.mark.parametrize("prefix,host", PREFIXES)
def test_request_target_of_prefixes(prefix, host):
    target = request_target(prefix, complete=False)
    assert (target.url.host if target else None) == host


def test_relative_prefix_is_known_to_be_the_apps_own():
    assert request_target("/api/users/", complete=False).kind == "relative"


def test_matching_is_exact_on_the_host():
    trusted = entries("https://api.example.com", "https://*.cdn.example.com", "http://legacy.example.net")
    yes = ["api.example.com", "legacy.example.net"]  # http entries are reported, still matched
    no = ["cdn.example.com", "example.com", "api.example.com.evil.net", "x.cdn.example.com",
          "API.example.com"]  # hosts reach is_trusted normalised; raw upper case never matches
    assert [h for h in yes if domains.is_trusted(h, trusted)] == yes
    assert [h for h in no if domains.is_trusted(h, trusted)] == []


@pytest.mark.parametrize("host,site", [
    ("api.example.co.uk", "example.co.uk"),
    ("a.b.example.com", "example.com"),
    ("me.github.io", "me.github.io"),  # private PSL section counts: each github.io site is its own
    ("d.vercel.app", "d.vercel.app"),
    ("127.0.0.1", ""),
    ("::1", ""),
    ("localhost", ""),
    ("intranet", ""),
])
def test_registrable_domain(host, site):
    assert domains.registrable_domain(host) == site


def test_closest_entry_prefers_the_same_site_then_the_most_similar_host():
    trusted = entries("https://api.other.com", "https://www.example.co.uk", "https://static.example.org")
    assert domains.closest_trusted("api.example.co.uk", trusted).raw == "https://www.example.co.uk"
    assert domains.closest_trusted("static.exmple.org", trusted).raw == "https://static.example.org"
    assert domains.closest_trusted("x.com", []) is None


@pytest.mark.parametrize("url,trusted,message", [
    ("https://api.example.co.uk/v1", ["https://www.example.co.uk"],
     "api.example.co.uk (registrable domain example.co.uk) is not trusted; "
     "trusted: https://www.example.co.uk"),
    ("https://api.example.com.evil.net/", ["https://api.example.com", "https://evil.org"],
     "api.example.com.evil.net (registrable domain evil.net) is not trusted; "
     "trusted: https://api.example.com (closest of 2)"),
    ("http://api.example.com/", ["https://api.example.com"],
     "insecure http:// request to api.example.com: the platform requires https://"),
    ("ws://chat.example.com/", ["https://api.example.com"],
     "insecure ws:// request to chat.example.com: the platform requires wss://; chat.example.com "
     "(registrable domain example.com) is not trusted; trusted: https://api.example.com"),
    ("https://a.example.com/", ["https://*.example.com"],
     "a.example.com (registrable domain example.com) is not trusted; trusted: "
     "https://*.example.com; wildcards do not match, list the host itself"),
    ("https://example.com/", [], "example.com is not trusted: domain.trustedDomains is empty"),
])
def test_messages_name_host_site_and_closest_entry(url, trusted, message):
    target = request_target(url)
    assert domains.describe_untrusted(target.url, entries(*trusted)) == message


def test_message_without_any_config():
    url = request_target("https://api.example.com/x").url
    assert domains.describe_untrusted(url, [], have_config=False) == (
        "request to api.example.com (registrable domain example.com): no minis.config.json "
        "declares it as a trusted domain")


NETWORK_FREE = textwrap.dedent("""
    import json, os, socket, sys
    events = []

    def hook(event, args):
        if event.startswith("socket."):
            events.append(event)
        elif event == "open":
            path, mode, flags = args
            writes = (mode and any(c in mode for c in "wax+")) or (
                flags and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
            if writes:
                events.append(f"write {path}")

    sys.addaudithook(hook)
    import tldextract  # -> requests -> urllib3: import-time side effects are checked apart
    from minislint.minis import domains
    import_events, events[:] = list(events), []
    results = [domains.registrable_domain(h) for h in ("api.example.co.uk", "me.github.io")]
    entry = domains.parse_trusted_entry("https://intranet")
    lint_events = list(events)
    socket.socket().close()  # the hook must see a socket, or this test proves nothing
    with open(os.path.join(os.environ["HOME"], "probe"), "w"):
        pass
    print(json.dumps({"results": results, "entry": entry.problems, "lint": lint_events,
                      "import": import_events,
                      "probe": events[len(lint_events):]}))
""")


def test_tldextract_never_opens_a_socket_nor_writes_a_file(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TLDEXTRACT", "XDG_"))}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), PYTHONDONTWRITEBYTECODE="1",
               PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
               # a proxy that would catch any HTTP attempt instead of the real network
               HTTPS_PROXY="http://127.0.0.1:9", HTTP_PROXY="http://127.0.0.1:9")
    proc = subprocess.run([sys.executable, "-c", NETWORK_FREE], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["results"] == ["example.co.uk", "me.github.io"]  # the bundled snapshot answered
    assert out["entry"] == [["warning", '"https://intranet": "intranet" has no public suffix, '
                             "so it cannot be reached from users' phones"]]
    assert out["lint"] == []  # building the extractor and every look-up: no socket, no write
    # urllib3's import probes IPv6 support by binding an unconnected socket to ::1; nothing
    # at import may resolve a name, connect or send.
    reaching = ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
                "socket.gethostbyname", "socket.gethostbyaddr", "socket.gethostbyname_ex")
    assert [e for e in out["import"] if e.startswith(reaching) or e.startswith("write")] == []
    assert "socket.__new__" in out["probe"] and any(e.startswith("write") for e in out["probe"])
    assert sorted(p.name for p in home.iterdir()) == ["probe"]  # no cache directory appeared


_label = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
_hosts = st.builds(lambda labels, suffix: ".".join(labels + [suffix]),
                   st.lists(_label, min_size=1, max_size=3),
                   st.sampled_from(["com", "co.uk", "org", "com.br", "io"]))


@settings(max_examples=200, deadline=None)
@given(_hosts, st.text(alphabet="abc/?#=&%.-_", max_size=12))
def test_exact_host_matching_properties(host, tail):
    trusted = [parse_trusted_entry(f"https://{host}")]
    assert trusted[0].problems == []
    for url in (f"https://{host}/{tail}", f"HTTPS://{host.upper()}./{tail}", f"wss://{host}/{tail}",
                f"//{host}/{tail}"):
        target = request_target(url)
        assert target.kind == "network" and domains.is_trusted(target.url.host, trusted), url
    for other in (f"{host}.evil.net", f"x{host}", f"x.{host}", host.split(".", 1)[1]):
        assert not domains.is_trusted(request_target(f"https://{other}/").url.host, trusted)
    # the known prefix `https://host/` + anything names the host; without the `/` it does not
    assert request_target(f"https://{host}/", complete=False).url.host == host
    assert request_target(f"https://{host}", complete=False) is None
