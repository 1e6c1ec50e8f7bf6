"""required-capability: the app calls the TTMinis capabilities the platform requires (project-level)."""
from __future__ import annotations

from pathlib import Path

from minislint.decode import DecodeProblem, decode
from minislint.hookspec import hookimpl
from minislint.markup.scan import scan
from minislint.minis import readiness as R
from minislint.rule import Rule
from minislint.source import SourceFile

# Capability -> why it is required (platform-facts.md, "The SDK" and "What the upload scan rejects").
REQUIRED = {
    "login": "silent login: the upload scan rejects an app that does not implement the TikTok Login API",
    "createRewardedVideoAd": "rewarded ads are required by the platform's capability table",
    "setNavigationBarColor": "the navigation bar is required by the platform's capability table",
    "getMenuButtonBoundingClientRect": "the navigation bar is required by the platform's capability table",
}
_MAX_READ = 64 * 1024 * 1024


def _text(path: Path):
    try:
        if path.stat().st_size > _MAX_READ:
            return None
        return decode(path.read_bytes())
    except (OSError, DecodeProblem):
        return None


def _anchor(folder: Path, role: str, settings):
    """(file, start offset) where a project finding is shown: the SDK script of the HTML entry,
    else the entry, else minis.config.json, else the folder itself."""
    shape = R.project_shape(folder if role == "output" else folder / R.CONFIG_NAME, settings)
    candidates = []
    if shape.html_entry is not None:
        candidates.append(shape.output_dir / shape.html_entry.name if role == "output" else shape.html_entry)
    candidates += [folder / "index.html", folder / "public" / "index.html", folder / R.CONFIG_NAME]
    for path in candidates:
        if path.is_file():
            text = _text(path)
            if text is None:
                continue
            start = 0
            if path.suffix.lower() in (".html", ".htm"):
                sdk = next((t for t in scan(text) if t.kind == "start" and t.name == "script"
                            and R.sdk_src(t.get("src"))), None)
                start = sdk.start if sdk is not None else 0
            return SourceFile(path, str(path), text), start
    return None, 0


class RequiredCapability(Rule):
    id = "required-capability"
    severity = "warning"
    summary = "The app never calls a TTMinis capability the platform requires (login, rewarded ads, navigation bar)"
    tags = ("minis", "readiness", "project")
    precision = "medium"
    languages = ()  # project-level: see check_project
    options = {"capabilities": list(REQUIRED)}
    docs = """\
## What it does
When a whole project is linted, reports each required TikTok Minis capability that no linted
file calls: `TTMinis.login` (silent login), `TTMinis.createRewardedVideoAd` (rewarded ads),
`TTMinis.setNavigationBarColor` and `TTMinis.getMenuButtonBoundingClientRect` (navigation bar).
A call counts in any linted file (JS, HTML, Vue, TypeScript, minified bundles) in any of these
forms: `TTMinis.login(`, `TTMinis?.login`, `TTMinis["login"]`, `const { login } = TTMinis`, or
`sdk.login` after `const sdk = window.TTMinis`.

It runs only when a folder named on the command line is the project root (the folder of
`minis.config.json`) or its build output (`build.outputDir`, or a folder named `dist` or
`build` when there is no config): `minislint .` and `minislint dist/` check it,
`minislint src/app.js` and pre-commit (which passes only the changed files) never do, so a
partial run cannot report a capability as missing. Findings are shown at the SDK `<script>` of
the HTML entry (else the entry, else `minis.config.json`). The list is the option
`capabilities` (`[tool.minislint.rules.required-capability]`).

## Why is this bad?
TikTok lists silent login, rewarded ads and the navigation bar as capabilities "you are
required to integrate ... for your mini app to run correctly", and the upload scan rejects a
package that does not implement the TikTok Login API.

## Example
An app that only plays video and never calls `TTMinis.login`.

## Use instead
```js
TTMinis.login({ success: ({ code }) => sendToServer(code) });
```
"""

    def check_project(self, pctx):
        names = pctx.options.get("capabilities", list(REQUIRED))
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            where = pctx.settings.source or pctx.paths[0]
            pctx.report(where, "option capabilities of required-capability must be a list of TTMinis "
                               f"method names, not {names!r}")
            return
        for folder in pctx.folders:
            role = R.folder_role(folder, pctx.settings)
            if role is None:
                continue
            if role == "output" and any(o != folder and R.inside(folder, o) for o in pctx.folders):
                continue  # the app's root was named too: its files include the output's; one report
            files = [f for f in pctx.files if R.inside(f, folder)]
            if not files:
                continue
            used = set()
            for f in files:
                text = _text(f)
                if text:
                    used |= R.capabilities_used(text, names)
                if len(used) == len(names):
                    break
            missing = [n for n in names if n not in used]
            if not missing:
                continue
            file, start = _anchor(folder, role, pctx.settings)
            for name in missing:
                why = REQUIRED.get(name, "listed in this rule's `capabilities` option")
                message = f"TTMinis.{name} is never called in {folder.resolve().name or folder}: {why}"
                if file is not None:
                    pctx.report_offset(file, start, start, message)
                else:
                    pctx.report(folder, message)


@hookimpl
def minislint_rules():
    return [RequiredCapability()]
