"""Fixes in minis.config.json: config-trusted-domains (--fix) and the untrusted-domain
suggestion (editor only), keeping comments, order and layout of the rest of the file."""
from collections import Counter

import pytest

from minislint import apply_fixes
from minislint.config import Settings
from minislint.engine import Engine
from minislint.fixes import Edit, Fix, apply_edits
from minislint.runner import Runner

CONFIG = """{{
  // the platform's own example carries comments
  "dev": {{ "clientKey": "awx123" }},
  "domain": {{
    "trustedDomains": [
{entries}
    ],
  }},
}}
"""

CASES = [
    # (entries, with --fix, with --unsafe-fixes)
    ('      "https://api.example.com/v1",  // the API\n      "https://cdn.example.com/"',
     '      "https://api.example.com",  // the API\n      "https://cdn.example.com"',
     '      "https://api.example.com",  // the API\n      "https://cdn.example.com"'),
    ('      "http://api.example.com/v1"',
     '      "http://api.example.com"',
     '      "https://api.example.com"'),
    ('      "HTTP://api.example.com:8443/"',
     '      "HTTP://api.example.com:8443"',
     '      "https://api.example.com:8443"'),
    # a query, or escapes in the JSON string: nothing is rewritten
    ('      "https://api.example.com/v1?x=1"', '      "https://api.example.com/v1?x=1"', '      "https://api.example.com/v1?x=1"'),
    ('      "https:\\/\\/api.example.com\\/v1"', '      "https:\\/\\/api.example.com\\/v1"', '      "https:\\/\\/api.example.com\\/v1"'),
]


def _findings(root):
    engine = Engine(Settings())
    return engine, Runner(engine).run([root]).findings


def _fix(root, unsafe):
    engine, findings = _findings(root)
    outcome = apply_fixes.fix_findings(engine, findings, unsafe)
    for change in outcome.changes:
        assert apply_fixes.write(change) is None
    return findings, outcome


@pytest.mark.parametrize("unsafe", [False, True])
@pytest.mark.parametrize("entries, safe, unsafe_out", CASES)
def test_config_trusted_domains_fix(tmp_path, monkeypatch, entries, safe, unsafe_out, unsafe):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "minis.config.json").write_text(CONFIG.format(entries=entries))
    before, outcome = _fix(tmp_path, unsafe)
    expected = CONFIG.format(entries=unsafe_out if unsafe else safe)
    assert (tmp_path / "minis.config.json").read_text() == expected
    _, after = _findings(tmp_path)
    if expected != CONFIG.format(entries=entries):
        # the messages quote the entry, which the fix changed: compare rule, line and severity
        key = lambda f: (f.rule, f.line, f.severity)  # noqa: E731
        fixed = Counter(key(f) for f in before if f.fix is not None and f.fix.applies(unsafe))
        assert Counter(key(f) for f in after) == Counter(key(f) for f in before) - fixed
    _, again = _fix(tmp_path, unsafe)  # twice: nothing more
    assert again.changes == [] and (tmp_path / "minis.config.json").read_text() == expected


@pytest.mark.parametrize("entries, expected", [
    ('    "trustedDomains": [\n      "https://cdn.example.com",  // images\n      "https://api.example.com"\n    ]',
     '    "trustedDomains": [\n      "https://cdn.example.com",  // images\n      "https://api.example.com",\n'
     '      "https://new.example.com"\n    ]'),
    ('    "trustedDomains": ["https://cdn.example.com"]', '    "trustedDomains": ["https://cdn.example.com", "https://new.example.com"]'),
    ('    "trustedDomains": []', '    "trustedDomains": ["https://new.example.com"]'),
])
def test_untrusted_domain_suggests_trusting_the_host(tmp_path, monkeypatch, entries, expected):
    monkeypatch.chdir(tmp_path)
    config = '{\n  "domain": {\n' + entries + '\n  }\n}\n'
    (tmp_path / "minis.config.json").write_text(config)
    code = 'fetch("https://new.example.com/v1/x");\n'
    engine = Engine(Settings())
    (finding,) = [f for f in engine.lint_text(tmp_path / "a.js", code) if f.rule == "untrusted-domain"]
    fix = finding.fix
    assert (fix.message, fix.applicability) == ("Trust https://new.example.com in minis.config.json", "suggestion")
    assert apply_fixes.fix_text(engine, tmp_path / "a.js", code, unsafe=True) == (code, 0)  # never by --fix
    assert {e.path for e in fix.edits} == {str(tmp_path / "minis.config.json")}
    text, _ = apply_edits(config, [Fix(fix.message, tuple(Edit(e.start, e.end, e.text) for e in fix.edits))])
    assert text == '{\n  "domain": {\n' + expected + '\n  }\n}\n'
    (tmp_path / "minis.config.json").write_text(text)
    assert [f for f in Engine(Settings()).lint_text(tmp_path / "a.js", code) if f.rule == "untrusted-domain"] == []
    _, after = _findings(tmp_path)
    assert [f for f in after if f.rule.startswith("config-trusted")] == []


def test_no_suggestion_for_http_or_a_full_list(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    full = ", ".join(f'"https://h{i}.example.com"' for i in range(20))
    (tmp_path / "minis.config.json").write_text('{"domain": {"trustedDomains": [' + full + "]}}")
    found = Engine(Settings()).lint_text(tmp_path / "a.js", 'fetch("https://new.example.com");\nfetch("http://h1.example.com");\n')
    assert [(f.rule, f.line, f.fix) for f in found] == [("untrusted-domain", 1, None), ("untrusted-domain", 2, None)]
