"""config-schema: minis.config.json exists, is JSON, and its keys and values are the documented ones."""
from __future__ import annotations

from minislint.engine import display_path
from minislint.hookspec import hookimpl
from minislint.rule import Rule


class ConfigSchema(Rule):
    id = "config-schema"
    severity = "error"
    summary = "minis.config.json must exist, be plain JSON and use the documented keys and values"
    languages = ()
    precision = "very-high"
    tags = ("minis", "config", "readiness")
    docs = """\
## What it does
Finds the project's `minis.config.json` (the nearest one above the linted path, or
`--minis-config PATH`) and reports:
- a missing file, once per run, when a folder is linted and its files are a Minis app (they
  call `TTMinis` or load the SDK from `connect.tiktok-minis.com`; a folder of plain
  JavaScript is not one, and the changed files pre-commit passes are no view of the project);
- text that is not JSON: `//` and `/* */` comments, trailing commas and missing commas (the
  docs' own examples carry them), single quotes, curly quotes and non-breaking spaces copied
  from a web page, each at its line and column;
- wrong types (`navbar`, `dev`, `build`, `domain` are objects; `dev.port` a whole number in
  1-65535; `domain.trustedDomains` an array of strings), unknown keys (with a did-you-mean),
  duplicate keys;
- `navbar.bgColorLight` / `bgColorDark` that are not `#rgb` / `#rrggbb`, a `navbar.style`
  other than `custom` or `default`;
- a `build.htmlEntry` that does not exist (and a missing default `public/index.html`);
- the docs' other spellings (`lightModeBgColor`, `darkModeBgColor`, `output`, `allowList`),
  which work but get a warning naming the canonical key. Keys starting with `_` (the CLI
  template's `_comment`) are comments.

## Why is this bad?
The upload scan rejects a package without `minis.config.json`, and the Minis CLI cannot read
a file that is not JSON, so copying the docs' examples as printed breaks `ttdx minis dev`.

## Example
```json
{
  "navbar": { "lightModeBgColor": "#ffffff", }, // trailing comma and comment
  "dev": { "port": "3000" }
}
```

## Use instead
```json
{
  "navbar": { "bgColorLight": "#ffffff" },
  "dev": { "port": 3000 }
}
```
"""

    def check_project(self, pctx):
        from minislint.minis import config as mc  # the project check's, not an editor's one file

        configs, missing = mc.report_problems(pctx, self.id)
        if missing is not None and not configs and mc.looks_like_minis_app(pctx.files):
            pctx.report(missing / mc.FILENAME,
                        f"no minis.config.json in {display_path(missing)} or any folder above it: "
                        "the upload scan rejects a package without it (create it with "
                        "`ttdx minis init`, or point at it with --minis-config)")


@hookimpl
def minislint_rules():
    return [ConfigSchema()]
