"""config-client-key: dev.clientKey is the app's real key, the one TTMinis.init gets."""
from __future__ import annotations

from minislint.decode import DecodeProblem, decode
from minislint.hookspec import hookimpl
from minislint.languages import ParseError
from minislint.minis import readiness as R
from minislint.rule import Rule
from minislint.source import SourceFile

MAX_HTML_BYTES = 8 * 1024 * 1024


def init_client_keys(file: SourceFile):
    """(start, end, key) in `file` for each `TTMinis.init({ clientKey: "..." })` of its inline
    scripts whose key folds to a constant string (the scripts as the HTML language splits them)."""
    from minislint.js.values import property_value, unwrap
    from minislint.languages.html import split

    out = []
    for script in split(file)[0].meta["scripts"]:
        try:
            tree, services = script.tree, script.services
        except (ParseError, RecursionError):
            continue  # syntax-error reports it
        for call in R.descendants(tree):
            if call.type != "CallExpression" or not call.arguments \
                    or services.global_path(unwrap(call.callee)) != ("TTMinis", "init"):
                continue
            key = property_value(call.arguments[0], "clientKey")
            value = services.fold(key) if key is not None else None
            if value is not None:
                piece = script.fragment
                out.append((piece.file_offset(key.range[0]), piece.file_offset(key.range[1]), value))
    return out


class ConfigClientKey(Rule):
    id = "config-client-key"
    severity = "error"
    summary = "dev.clientKey must be the app's real key, equal to the one passed to TTMinis.init"
    languages = ()
    precision = "very-high"
    tags = ("minis", "config", "readiness")
    docs = """\
## What it does
In the project's `minis.config.json`: reports a missing or empty `dev.clientKey`, the
placeholder `your-client-key` that `ttdx minis init` writes, and any `{{...}}` placeholder
left in `dev` (`{{your_game_name}}`, `{{your_icon_url}}`...), at the line of the value.
In the HTML entry (`build.htmlEntry`): a `TTMinis.init({ clientKey })` whose key is a known
string that differs from `dev.clientKey`, at the key in the HTML.

## Why is this bad?
The client key identifies the app: the docs require it, the CLI's dev server refuses to
start when it is missing or differs from the key given to `TTMinis.init`, and an app
initialised with another key is not yours.

## Example
```json
"dev": { "clientKey": "your-client-key", "name": "{{your_game_name}}" }
```

## Use instead
```json
"dev": { "clientKey": "awx1a2b3c4d5e6f7", "name": "Moon Drama" }
```
"""

    def check_project(self, pctx):
        from minislint.minis import config as mc  # the project check's, not an editor's one file

        configs, _ = mc.report_problems(pctx, self.id)
        for config in configs:
            key = config.client_key
            if not key or not key.strip() or key.strip() == mc.INIT_PLACEHOLDER \
                    or mc.PLACEHOLDER_RE.search(key):
                continue  # reported on the config already
            entry = config.html_entry
            try:
                if not entry.is_file() or entry.stat().st_size > MAX_HTML_BYTES:
                    continue
                text = decode(entry.read_bytes())
            except (OSError, DecodeProblem):
                continue  # config-schema / syntax-error say why
            file = SourceFile(entry, str(entry), text)
            line = config.position(config.node("dev.clientKey").start)[0]
            for start, end, value in init_client_keys(file):
                if value != key:
                    pctx.report_offset(file, start, end,
                                       f"TTMinis.init clientKey \"{value}\" differs from "
                                       f"dev.clientKey \"{key}\" in {mc.FILENAME} (line {line}): "
                                       "the CLI's dev server refuses to start")


@hookimpl
def minislint_rules():
    return [ConfigClientKey()]
