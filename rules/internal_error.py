"""internal-error: a rule crashed on a file; its findings for that file are lost (exit status 2)."""
from minislint.hookspec import hookimpl
from minislint.rule import Rule


class InternalErrorRule(Rule):
    id = "internal-error"
    severity = "error"
    summary = "A rule crashed on this file; the other rules' findings are still reported"
    precision = "very-high"
    tags = ("minis",)
    docs = """\
## What it does
Reports that a rule raised an exception on a file, with the rule id and the error. Only that
rule's findings for that file are lost; the run goes on and exits with status 2.

## Why is this bad?
A crash hides findings: the file may contain violations that were not reported.

## Example
A third-party rule pack with a bug.

## Use instead
Report the crash to the rule's authors with the file that triggers it. This finding cannot be
suppressed.
"""


@hookimpl
def minislint_rules():
    return [InternalErrorRule()]
