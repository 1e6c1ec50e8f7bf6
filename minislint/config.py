"""Project settings: `[tool.minislint]` in pyproject.toml or the top level of .minislint.toml."""
from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


def toml():
    """tomllib, imported when a settings file is read: an editor's check of a file in a project
    without one does not pay for it (issue 11)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


class ConfigError(Exception):
    """A settings problem: printed as one line, exit status 2."""


KEYS = ("select", "ignore", "severity", "exclude", "rules", "minis-config", "per-file-ignores", "baseline")


@dataclass
class Settings:
    select: Optional[set] = None            # None: every rule
    ignore: set = field(default_factory=set)
    severity: dict = field(default_factory=dict)        # rule id -> "error" | "warning" | "off"
    exclude: list = field(default_factory=list)         # gitignore-style patterns, for walks
    rule_options: dict = field(default_factory=dict)    # rule id -> {option: value}
    minis_config: Optional[Path] = None
    per_file_ignores: dict = field(default_factory=dict)  # glob -> set of rule ids (policy.py)
    baseline: Optional[Path] = None         # the default --baseline file
    root: Optional[Path] = None             # folder of the settings file (or the cwd)
    source: Optional[Path] = None           # the settings file read, if any

    def enabled(self, rule_id: str) -> bool:
        if rule_id in self.ignore or self.severity.get(rule_id) == "off":
            return False
        return self.select is None or rule_id in self.select


def find_settings_file(start: Path) -> Optional[Path]:
    start = start.resolve()
    for folder in [start, *start.parents]:
        dot = folder / ".minislint.toml"
        if dot.is_file():
            return dot
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                text = py.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if "minislint" not in text:
                continue  # no [tool.minislint] table: another tool's file, not parsed (issue 11)
            tomllib = toml()
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError:
                if "tool.minislint" in text:
                    return py  # ours but broken: load() says so instead of dropping the settings
                continue  # a broken pyproject without our table is not ours to judge
            if "minislint" in data.get("tool", {}):
                return py
    return None


def load(start: Path, known_rules: dict) -> Settings:
    path = find_settings_file(start)
    if path is None:
        return Settings(root=start.resolve())
    tomllib = toml()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read: {err}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None
    table = data.get("tool", {}).get("minislint", {}) if path.name == "pyproject.toml" else data
    where = f"{path}" + (" [tool.minislint]" if path.name == "pyproject.toml" else "")
    return from_table(table, where, path, known_rules)


def _did_you_mean(word, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_rule_ids(ids, known_rules, where) -> set:
    out = set()
    for rid in ids:
        if not isinstance(rid, str):
            raise ConfigError(f"{where}: rule ids must be strings, got {rid!r}")
        if rid not in known_rules:
            raise ConfigError(f"{where}: unknown rule '{rid}'{_did_you_mean(rid, known_rules)}")
        out.add(rid)
    return out


def from_table(table: dict, where: str, path: Optional[Path], known_rules: dict) -> Settings:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table")
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key '{key}'{_did_you_mean(key, KEYS)}")
    s = Settings(root=path.parent.resolve() if path else None, source=path)
    for key in ("select", "ignore", "exclude"):
        if key in table and not (isinstance(table[key], list) and all(isinstance(v, str) for v in table[key])):
            raise ConfigError(f"{where}: '{key}' must be a list of strings")
    if "select" in table:
        s.select = check_rule_ids(table["select"], known_rules, f"{where} select")
    s.ignore = check_rule_ids(table.get("ignore", []), known_rules, f"{where} ignore")
    s.exclude = list(table.get("exclude", []))
    sev = table.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(f"{where}: 'severity' must be a table of rule = \"error\"|\"warning\"|\"off\"")
    check_rule_ids(sev, known_rules, f"{where} severity")
    for rid, level in sev.items():
        if level not in ("error", "warning", "off"):
            raise ConfigError(f"{where}: severity of '{rid}' must be \"error\", \"warning\" or \"off\", not {level!r}")
    s.severity = dict(sev)
    rules = table.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{where}: 'rules' must be a table of per-rule option tables")
    check_rule_ids(rules, known_rules, f"{where} rules")
    for rid, opts in rules.items():
        defaults = getattr(known_rules[rid], "options", {}) or {}
        if not isinstance(opts, dict):
            raise ConfigError(f"{where}: [rules.{rid}] must be a table")
        for opt in opts:
            if opt not in defaults:
                raise ConfigError(f"{where}: rule '{rid}' has no option '{opt}'{_did_you_mean(opt, defaults)}")
        s.rule_options[rid] = dict(opts)
    if "minis-config" in table:
        if not isinstance(table["minis-config"], str):
            raise ConfigError(f"{where}: 'minis-config' must be a path string")
        s.minis_config = (s.root or Path.cwd()) / table["minis-config"]
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{where}: 'per-file-ignores' must be a table of \"glob\" = [rule ids]")
    for glob, ids in pfi.items():
        if not (isinstance(ids, list) and all(isinstance(v, str) for v in ids)):
            raise ConfigError(f"{where}: per-file-ignores \"{glob}\" must be a list of rule ids")
        s.per_file_ignores[glob] = check_rule_ids(ids, known_rules, f"{where} per-file-ignores \"{glob}\"")
    if "baseline" in table:
        if not isinstance(table["baseline"], str):
            raise ConfigError(f"{where}: 'baseline' must be a path string")
        s.baseline = (s.root or Path.cwd()) / table["baseline"]
    return s
