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
        # --fix applies every rule's applicable fix, not only `rule`'s
        fixed = Counter((f.rule, f.message) for f in before if f.fix is not None and f.fix.applies(unsafe))
        # one edit may fix two findings (the console's <script src> takes its init script along)
        assert 1 <= count <= sum(fixed.values())
        remaining = Counter((f.rule, f.message) for f in before) - fixed
        assert Counter((f.rule, f.message) for f in after) == remaining  # gone, and nothing new
    else:
        assert count == 0
    assert fix_text(engine, path, after_text, unsafe) == (after_text, 0)  # twice changes nothing
    return after


def check_suggestion(rule: str, code: str, filename: str, expected: str, root: Path | None = None):
    """An editor-only fix: `--fix` leaves it alone; applied, it gives `expected` and the finding goes."""
    from minislint.fixes import apply_edits

    engine = Engine(Settings())
    path = (root / filename) if root else Path(filename)
    before = engine.lint_text(path, code)
    (finding,) = [f for f in before if f.rule == rule and f.fix is not None]
    assert finding.fix.applicability == "suggestion"
    assert fix_text(engine, path, code, unsafe=True) == (code, 0)
    after_text, applied = apply_edits(code, [finding.fix])
    assert applied and after_text == expected
    after = engine.lint_text(path, after_text)
    remaining = Counter((f.rule, f.message) for f in before) - Counter([(finding.rule, finding.message)])
    assert Counter((f.rule, f.message) for f in after) == remaining
