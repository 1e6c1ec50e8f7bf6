"""unused-suppression: a minislint-disable comment that suppresses nothing."""
from minislint import fixes
from minislint.hookspec import hookimpl
from minislint.rule import Rule

_BREAKS = "\r\n\u2028\u2029"


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

## Fix
Safe: removes the directive (its whole line when nothing else is on it), or only the unused
rule id when others in it are used. A `/* ... */` directive that spans lines is left alone.
"""

    def fix_for(self, text: str, d, rule, whole: bool):
        """The edit that removes directive `d` (file offsets), or only `rule` from it."""
        if not whole and rule in d.rules:
            spans = d.spans
            i = d.rules.index(rule)
            if i > 0:
                start, end = spans[i - 1][1], spans[i][1]
            else:
                start, end = spans[0][0], spans[1][0]
            return fixes.replace(start, end, "", f"Remove '{rule}' from the directive")
        if any(c in text[d.start:d.end] for c in _BREAKS):
            return None  # a block comment over several lines: what else it says is unclear
        start, end = fixes.removal(text, d.start, d.end)
        return fixes.replace(start, end, "", "Remove the unused directive")


@hookimpl
def minislint_rules():
    return [UnusedSuppressionRule()]
