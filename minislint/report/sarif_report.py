"""SARIF 2.1.0 for GitHub code scanning.

Follows GitHub's rules: `results: []` even when clean; rules carry name, short and full
descriptions, help text and markdown, default level, tags and precision; URIs are relative to
`%SRCROOT%` (the repository root); our own `partialFingerprints` key survives line shifts. The
upload action computes `primaryLocationLineHash` itself, so it is not invented here.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from minislint import __version__
from minislint.report import SourceLines

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "minislint/v1"
INFO_URI = "https://pypi.org/project/minislint/"


def repo_root(cwd: Path) -> Path:
    for p in [cwd, *cwd.parents]:
        if (p / ".git").exists():
            return p
    return cwd


def _rule_name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def _rule_descriptor(rule) -> dict:
    return {
        "id": rule.id,
        "name": _rule_name(rule.id),
        "shortDescription": {"text": rule.summary or rule.id},
        "fullDescription": {"text": rule.full_description or rule.summary or rule.id},
        "help": {"text": rule.docs or rule.summary or rule.id, "markdown": rule.docs or rule.summary or rule.id},
        "defaultConfiguration": {"level": "error" if rule.severity == "error" else "warning"},
        "properties": {
            "tags": list(rule.tags),
            "precision": rule.precision,
            "problem.severity": "error" if rule.severity == "error" else "warning",
        },
    }


def _uri(path: str, cwd: Path, root: Path):
    """(uri, uses_srcroot) for a finding's display path."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", path):  # webpack://app/src/x.ts as written
        return path, False
    p = Path(path)
    absolute = p if p.is_absolute() else (cwd / p)
    try:
        rel = Path(*absolute.resolve(strict=False).parts).relative_to(root.resolve())
        return quote(rel.as_posix()), True
    except ValueError:
        return absolute.as_uri(), False


def fingerprint(f, occurrence: int, line_text: str) -> str:
    """Stable when unrelated lines move: rule, file, the finding's own line text, occurrence."""
    norm = " ".join(line_text.split())
    key = "\0".join((f.rule, f.path, norm, f.message, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _line_text(f, sources) -> str:
    line = sources.finding_line(f) or ""
    if len(line) > 240:  # minified: a window around the finding keeps the key local
        line = line[max(0, f.column - 120): f.column + 120]
    return line


def _fix(f, sources, cwd: Path, root: Path):
    """SARIF `fix`: replacements by line and column (code points, as `columnKind` says), or None
    when the file is no longer the text the fix was made for."""
    from minislint.fixes import text_digest

    by_path: dict = {}
    for e in f.fix.edits:
        by_path.setdefault(e.path or f.path, []).append(e)
    changes = []
    for path, edits in by_path.items():
        display = path if path == f.path else _display(path, cwd)
        file = sources.file(display)
        if file is None or path == f.path and text_digest(file.text) != f.fix.digest:
            return None
        uri, based = _uri(display, cwd, root)
        artifact = {"uri": uri}
        if based:
            artifact["uriBaseId"] = "%SRCROOT%"
        replacements = []
        for e in edits:
            (sl, sc), (el, ec) = file.position(e.start), file.position(e.end)
            replacements.append({"deletedRegion": {"startLine": sl, "startColumn": sc, "endLine": el,
                                                   "endColumn": ec},
                                 "insertedContent": {"text": e.text}})
        changes.append({"artifactLocation": artifact, "replacements": replacements})
    return {"description": {"text": f.fix.message}, "artifactChanges": changes,
            "properties": {"applicability": f.fix.applicability}}


def _display(path: str, cwd: Path) -> str:
    from minislint.engine import display_path

    return display_path(Path(path), cwd)


def render(findings, ctx) -> str:
    root = repo_root(ctx.cwd)
    used = sorted({f.rule for f in findings} | set(ctx.rules))
    rules = [ctx.rules[r] for r in used if r in ctx.rules]
    index = {r.id: i for i, r in enumerate(rules)}
    seen = Counter()
    sources = SourceLines(ctx)
    results = []
    for f in findings:
        uri, based = _uri(f.path, ctx.cwd, root)
        line_text = _line_text(f, sources)
        seen[(f.rule, f.path, " ".join(line_text.split()), f.message)] += 1
        occurrence = seen[(f.rule, f.path, " ".join(line_text.split()), f.message)]
        artifact = {"uri": uri}
        if based:
            artifact["uriBaseId"] = "%SRCROOT%"
        result = {
            "ruleId": f.rule,
            "level": "error" if f.severity == "error" else "warning",
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": {
                "startLine": f.line, "startColumn": f.column,
                "endLine": max(f.end_line, f.line),
                "endColumn": f.end_column if f.end_line > f.line or f.end_column > f.column else f.column + 1,
            }}}],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f, occurrence, line_text)},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.generated is not None:
            guri, gbased = _uri(f.generated.path, ctx.cwd, root)
            gart = {"uri": guri}
            if gbased:
                gart["uriBaseId"] = "%SRCROOT%"
            result["relatedLocations"] = [{
                "id": 1,
                "message": {"text": "generated code (bundle) position"},
                "physicalLocation": {"artifactLocation": gart, "region": {
                    "startLine": f.generated.line, "startColumn": f.generated.column}},
            }]
        if f.package:
            result["properties"] = {"package": f.package}
        fix = _fix(f, sources, ctx.cwd, root) if f.fix is not None else None
        if fix is not None:
            result["fixes"] = [fix]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "minislint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFO_URI,
                "rules": [_rule_descriptor(r) for r in rules],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root.resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
