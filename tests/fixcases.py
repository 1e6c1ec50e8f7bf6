"""Table tests for fixes: input, exact output, the finding gone and nothing new, idempotent."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from minislint.apply_fixes import fix_text
from minislint.config import Settings
from minislint.engine import Engine


def check_fix(rule: str, code: str, filename: str, expected: str, unsafe: bool = False,
              settings: Settings | None = None, root: Path | None = None):
    """Apply the fixes `--fix` (`--unsafe-fixes`) would to `code` as `filename` and check them."""
    engine = Engine(settings or Settings())
    path = (root / filename) if root else Path(filename)
    before = engine.lint_text(path, code)
    assert any(f.rule == rule for f in before), f"no {rule} finding to fix in {code!r}"
    after_text, count = fix_text(engine, path, code, unsafe)
    assert after_text == expected
    after = engine.lint_text(path, after_text)
    if expected != code:
        fixed = Counter((f.rule, f.message) for f in before if f.rule == rule and f.fix is not None
                        and f.fix.applies(unsafe))
        assert count == sum(fixed.values())
        remaining = Counter((f.rule, f.message) for f in before) - fixed
        assert Counter((f.rule, f.message) for f in after) == remaining  # gone, and nothing new
    else:
        assert count == 0
    assert fix_text(engine, path, after_text, unsafe) == (after_text, 0)  # twice changes nothing
    return after
