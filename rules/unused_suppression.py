"""unused-suppression: a minislint-disable comment that suppresses nothing."""
from minislint.hookspec import hookimpl
from minislint.rule import Rule


class UnusedSuppressionRule(Rule):
    id = "unused-suppression"
    severity = "warning"
    summary = "A minislint-disable comment suppresses no finding, or names an unknown rule"
    precision = "very-high"
    tags = ("minis", "maintainability")
    docs = """\
## What it does
Reports `minislint-disable-next-line`, `minislint-disable-line` and `minislint-disable` comments
that suppress no finding, and rule ids in them that do not exist.

## Why is this bad?
A stale suppression hides the next real violation on that line, and a misspelt rule id
suppresses nothing at all.

## Example
```js
// minislint-disable-next-line no-eval -- legacy loader
run(code);
```

## Use instead
Remove the comment, or fix the rule id.
"""


@hookimpl
def minislint_rules():
    return [UnusedSuppressionRule()]
