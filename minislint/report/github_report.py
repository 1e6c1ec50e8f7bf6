"""GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`, one per finding.

GitHub turns each into an inline annotation on the pull request, without code scanning. Escaping
follows the runner's own rules (actions/toolkit `command.ts`): `%`, CR and LF everywhere, and
also `:` and `,` inside property values, where they would end the value.
"""
from __future__ import annotations

from minislint.report import not_checked, printable
from minislint.report.text_report import summary


def _data(s: str) -> str:
    # The runner's escapes first; then every other control character (ESC...) as visible text.
    return printable(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def command(f) -> str:
    level = "error" if f.severity == "error" else "warning"
    props = [f"file={_prop(f.path)}", f"line={f.line}", f"col={f.column}"]
    if f.end_line >= f.line:
        props.append(f"endLine={f.end_line}")
        if f.end_line == f.line and f.end_column > f.column:
            props.append(f"endColumn={f.end_column}")
    props.append(f"title={_prop(f'minislint {f.rule}')}")
    message = f.message
    if f.package:
        message += f" (in dependency {f.package})"
    if f.generated is not None:
        message += f" (shipped at {f.generated.path}:{f.generated.line}:{f.generated.column})"
    return f"::{level} {','.join(props)}::{_data(message)}"


def render(findings, ctx) -> str:
    lines = [command(f) for f in findings]
    # The summary goes to the job log too; a plain line is not a workflow command.
    lines.append(summary(findings, ctx.files))
    lines.extend(not_checked(ctx))
    return "\n".join(lines) + "\n"
