"""package-contents: what the upload scan rejects in the build output folder (project-level)."""
from __future__ import annotations

from minislint.hookspec import hookimpl
from minislint.minis import readiness as R
from minislint.rule import Rule

MIB = 1024 * 1024


class PackageContents(Rule):
    id = "package-contents"
    severity = "error"
    summary = "The build output has zero-byte files, lacks minis.config.json, or is over 50 MB"
    tags = ("minis", "readiness", "project")
    precision = "very-high"
    languages = ()  # project-level: see check_project
    options = {"max_size_mb": 50, "largest": 5}
    docs = """\
## What it does
Checks the build output folder, the package you upload, when it is named on the command line
(`minislint dist/`) or its app's root is (`minislint .` where minis.config.json is brings in the
configured output, gitignored or not): every zero-byte file (hidden ones too), a missing `minis.config.json` at
its top, and a total size over 50 MiB (52,428,800 bytes, the sum of the files' sizes), with the
largest files listed. Use `max_size_mb = 200` in `[tool.minislint.rules.package-contents]` for a
mini game.

A folder is the build output when it is the `build.outputDir` of the project's
`minis.config.json` (the nearest one above it, or `--minis-config`), or, without such a config,
a folder named `dist` or `build` that holds no `package.json`. Linting a subfolder such as
`src/`, single files or pre-commit's changed files never runs this rule.

## Why is this bad?
TikTok's publication docs list what the upload scan rejects: a package without
`minis.config.json` (the Minis CLI copies it into the output; a plain `vite build` does not),
zero-byte files, and packages over 50 MB for mini apps and dramas (200 MB for games).

## Example
```
dist/
  index.html
  assets/.gitkeep        <- zero bytes
  assets/intro.mp4       <- 61 MiB
```

## Use instead
Build with the Minis CLI (or copy `minis.config.json` into the output), delete empty files,
and serve large media from a trusted domain instead of packaging it.
"""

    def check_project(self, pctx):
        opts = pctx.options
        size, show = opts.get("max_size_mb", 50), opts.get("largest", 5)
        for name, value in (("max_size_mb", size), ("largest", show)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                where = pctx.settings.source or pctx.paths[0]
                pctx.report(where, f"option {name} of package-contents must be a positive number, "
                                   f"not {value!r}")
                return
        limit, show = float(size) * MIB, int(show)
        for folder in pctx.folders:
            if R.folder_role(folder, pctx.settings) != "output":
                continue
            scan = R.scan_package(folder)
            for path in scan.zero_byte:
                pctx.report(path, f"{path.relative_to(folder).as_posix()} is empty (0 bytes): the upload "
                                  "scan rejects zero-byte files")
            if not scan.has_config:
                pctx.report(folder / R.CONFIG_NAME,
                            f"{folder.name}/{R.CONFIG_NAME} is missing: the upload scan rejects a package "
                            "without it (the Minis CLI copies it from the project root)")
            if scan.total > limit and scan.files:
                top = scan.largest(show)
                listed = ", ".join(f"{p.relative_to(folder).as_posix()} ({R.human_size(n)})" for p, n in top)
                pctx.report(top[0][0], f"{folder.name} is {R.human_size(scan.total)}, over the "
                                       f"{R.human_size(int(limit))} package limit; largest: {listed}")


@hookimpl
def minislint_rules():
    return [PackageContents()]
