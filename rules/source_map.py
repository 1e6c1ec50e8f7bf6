"""source-map: a generated file names a source map that cannot be used (missing, outside the
project, too large, malformed). Its findings then stay at their positions in the bundle."""
from minislint.hookspec import hookimpl
from minislint.rule import Rule

# Set by the language plugins (see minislint.bundle.origin_for): [(file offset, message)].
NOTES_KEY = "source_map_notes"


class SourceMapRule(Rule):
    id = "source-map"
    severity = "warning"
    summary = "A bundle's source map cannot be used, so findings are reported in the bundle"
    precision = "very-high"
    tags = ("minis", "bundle")
    languages = ("js", "css")
    docs = """\
## What it does
Reports a JavaScript or CSS file whose `sourceMappingURL` comment (or sibling `file.js.map`)
names a source map minislint cannot use: it lies outside the project or on another server, is
over the size limit, or is not a valid source map (bad JSON, bad base64 VLQ, indexes out of
range). It is reported at the comment. A map that is simply not shipped (npm packages and
production builds often drop them) is reported only when the file has findings, since only
then does it change where they point. The file's other findings are still reported, at their
positions in the generated file.

## Why is this bad?
Without the map a finding in `dist/assets/index-4f2a.js` points into minified code, not at the
line of your source (or the npm package) to change.

## Example
```js
console.log("app");
//# sourceMappingURL=index.js.map
```
(with `index.js.map` not shipped beside it)

## Use instead
Build with source maps next to the bundle (`build.sourcemap: true` in Vite, `--sourcemap` in
esbuild), or remove the comment.
"""

    def create(self, ctx):
        notes = ctx.fragment.meta.get(NOTES_KEY)
        if not notes:
            return {}

        def done(node):
            others = ctx.findings_so_far()
            for offset, message in notes:
                if getattr(message, "missing", False) and not others:
                    continue  # a map not shipped beside a clean file changes nothing
                at = max(0, offset - ctx.fragment.offset)
                ctx.report((at, at), message)

        return {"Program:exit": done, "Stylesheet:exit": done}  # the JS and the CSS root


@hookimpl
def minislint_rules():
    return [SourceMapRule()]
