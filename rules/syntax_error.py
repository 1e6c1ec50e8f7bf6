"""syntax-error: a file minislint cannot read or parse (reported by the engine, as flake8's E999)."""
from minislint.hookspec import hookimpl
from minislint.rule import Rule


class SyntaxErrorRule(Rule):
    id = "syntax-error"
    severity = "error"
    summary = "The file cannot be read or parsed, so no other rule could check it"
    precision = "very-high"
    tags = ("minis", "correctness")
    docs = """\
## What it does
Reports a file that minislint cannot decode or parse, at the parser's line and column. The other
files are still checked.

## Why is this bad?
Code that does not parse is not checked by any rule: a forbidden `eval` in it would go unseen, and
TikTok's review will reject the package anyway if the browser cannot run it.

## Example
```js
const a = ;
```

## Use instead
```js
const a = 1;
```
"""


@hookimpl
def minislint_rules():
    return [SyntaxErrorRule()]
