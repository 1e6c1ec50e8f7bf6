"""JSON output: an array of findings with 1-based line/column and forward-slash paths."""
from __future__ import annotations

import json

from minislint.report import unicode_safe


def render(findings, ctx) -> str:
    return json.dumps(unicode_safe([f.to_dict() for f in findings]), indent=2, ensure_ascii=False) + "\n"
