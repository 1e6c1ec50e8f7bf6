"""config-trusted-domains: domain.trustedDomains lists up to 20 plain https:// hosts."""
from __future__ import annotations

from minislint.hookspec import hookimpl
from minislint.rule import Rule


class ConfigTrustedDomains(Rule):
    id = "config-trusted-domains"
    severity = "error"
    summary = "domain.trustedDomains must list at most 20 plain https:// hosts"
    languages = ()
    precision = "very-high"
    tags = ("minis", "config", "network")
    docs = """\
## What it does
Checks `domain.trustedDomains` (or its other spelling `domain.allowList`) of the project's
`minis.config.json`, each finding at the entry's line:
- missing or empty (error);
- an entry that does not start with `https://` (`http://`, `ws://`, `wss://`, no scheme), has a
  wildcard, a path, a query or a fragment, user info, an IP address or `localhost` (errors);
- a port, a trailing `/`, a host without a public suffix (warnings);
- duplicates (compared as the platform compares hosts: case-insensitive, no trailing dot);
- more than 20 entries (error, at the 21st).

## Why is this bad?
The platform denies every request to a domain that is not registered, accepts only
`https://` domains without wildcards or paths, and at most 20 of them. An entry in another
form trusts nothing, so the app's requests fail in production.

## Example
```json
"domain": { "trustedDomains": ["http://api.example.com/v1", "https://*.example.com"] }
```

## Use instead
```json
"domain": { "trustedDomains": ["https://api.example.com", "https://cdn.example.com"] }
```
"""

    def check_project(self, pctx):
        from minislint.minis import config as mc  # the project check's, not an editor's one file

        mc.report_problems(pctx, self.id)


@hookimpl
def minislint_rules():
    return [ConfigTrustedDomains()]
