"""minis.config.json: find it, read it, and check it against what the Minis docs document.

`project_config(path)` is the one entry point other rules use: it finds the nearest
`minis.config.json` above a linted path (or the `--minis-config` file), and returns a
`MinisConfig` with the values under their canonical keys and every problem already found,
each tagged with the rule that reports it and offsets into the config's text.
"""
from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .. import fixes
from ..decode import DecodeProblem, decode
from ..source import SourceFile
from . import domains, jsonpos

FILENAME = "minis.config.json"
SCHEMA_RULE, DOMAINS_RULE, KEY_RULE = "config-schema", "config-trusted-domains", "config-client-key"
INIT_PLACEHOLDER = "your-client-key"
DEFAULT_HTML_ENTRY = "public/index.html"
DEFAULT_OUTPUT_DIR = "build"
PLACEHOLDER_RE = re.compile(r"\{\{[^{}]*\}\}")
_HEX_RE = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def is_hex_colour(value: str) -> bool:
    """`#rgb` or `#rrggbb`: what the navbar keys and setNavigationBarColor accept."""
    return bool(_HEX_RE.fullmatch(value))


@dataclass(frozen=True)
class Key:
    kind: str  # object | string | color | style | port | path | string-list
    aliases: tuple[str, ...] = ()


# Canonical spellings are those of the docs' parameter table; aliases are the spellings the
# docs' examples (and prose: `folderName`) use instead.
SCHEMA: dict[str, dict[str, Key]] = {
    "navbar": {
        "style": Key("style"),
        "bgColorLight": Key("color", ("lightModeBgColor",)),
        "bgColorDark": Key("color", ("darkModeBgColor",)),
    },
    "dev": {
        "host": Key("string"), "port": Key("port"), "clientKey": Key("string"),
        "name": Key("string"), "iconUrl": Key("string"), "desc": Key("string"),
        "ppLink": Key("string"), "tosLink": Key("string"),
    },
    "build": {
        "htmlEntry": Key("path"),
        "outputDir": Key("string", ("output", "folderName")),
    },
    "domain": {"trustedDomains": Key("string-list", ("allowList",))},
}
_ALL_KEYS = [f"{s}.{k}" for s, keys in SCHEMA.items() for k in keys] + [
    f"{s}.{a}" for s, keys in SCHEMA.items() for k in keys.values() for a in k.aliases]


@dataclass
class ConfigProblem:
    rule: str
    severity: str
    message: str
    start: int = 0  # offsets into MinisConfig.text
    end: int = 0
    fix: Any = None  # a fixes.Fix, offsets into MinisConfig.text


@dataclass
class MinisConfig:
    path: Path  # the minis.config.json read
    root: Path  # its folder: the project root
    text: str
    document: Optional[jsonpos.Document]
    values: dict[str, dict[str, Any]]  # {section: {canonical key: plain value}}
    problems: list[ConfigProblem]
    html_entry: Path  # build.htmlEntry (or its default), resolved against root
    html_entry_declared: bool
    output_dir: Path
    trusted_domains: list[domains.TrustedEntry]
    client_key: Optional[str]
    nodes: dict[str, jsonpos.Node] = field(default_factory=dict)  # "dev.clientKey" -> value node
    source: Optional[SourceFile] = None

    @property
    def readable(self) -> bool:
        """The JSON gave an object (possibly after skipping comments/trailing commas)."""
        return self.document is not None and self.document.root is not None \
            and self.document.root.kind == "object"

    def get(self, dotted: str, default: Any = None) -> Any:
        section, _, key = dotted.partition(".")
        return self.values.get(section, {}).get(key, default)

    def node(self, dotted: str) -> Optional[jsonpos.Node]:
        return self.nodes.get(dotted)

    def problems_for(self, rule: str) -> list[ConfigProblem]:
        return [p for p in self.problems if p.rule == rule]

    def position(self, offset: int) -> tuple[int, int]:
        return self.source.position(offset) if self.source else (1, 1)


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean \"{close[0]}\"?)" if close else ""


def _type_of(node: jsonpos.Node) -> str:
    return {"boolean": "a boolean", "null": "null", "number": "a number", "string": "a string",
            "array": "an array", "object": "an object"}[node.kind]


class _Checker:
    def __init__(self, path: Path, text: str, doc: jsonpos.Document):
        self.path, self.root_dir, self.text, self.doc = path, path.parent, text, doc
        self.problems: list[ConfigProblem] = []
        self.values: dict[str, dict[str, Any]] = {s: {} for s in SCHEMA}
        self.nodes: dict[str, jsonpos.Node] = {}
        self.members: dict[str, jsonpos.Member] = {}

    def add(self, rule, severity, message, start=0, end=None, fix=None):
        self.problems.append(ConfigProblem(rule, severity, message, start,
                                           start + 1 if end is None else end, fix))

    def at(self, node, rule, severity, message, fix=None):
        self.add(rule, severity, message, node.start, node.end, fix)

    def run(self):
        for p in self.doc.all_problems:
            self.add(SCHEMA_RULE, "error", f"{FILENAME} is not valid JSON: {p.message}",
                     p.start, p.end)
        root = self.doc.root
        if root is None:
            return
        if root.kind != "object":
            self.at(root, SCHEMA_RULE, "error", f"{FILENAME} must hold a JSON object, "
                    f"not {_type_of(root)}")
            return
        for first, later in self.doc.duplicates:
            line = jsonpos.line_col(self.text, first.key_start)[0]
            self.add(SCHEMA_RULE, "warning", f"duplicate key \"{later.key}\" (also on line "
                     f"{line}); JSON.parse keeps only the last one", later.key_start, later.key_end)
        for member in root.members:
            if member.key.startswith("_"):
                continue  # `_comment` keys: the CLI's own template uses them as comments
            if member.key not in SCHEMA:
                self.unknown(member, "", list(SCHEMA) + _ALL_KEYS)
                continue
            if member.value.kind != "object":
                self.at(member.value, SCHEMA_RULE, "error", f"\"{member.key}\" must be an "
                        f"object, not {_type_of(member.value)}")
                continue
            self.section(member.key, member.value)

    def unknown(self, member, prefix, choices):
        self.add(SCHEMA_RULE, "warning", f"unknown key \"{prefix}{member.key}\""
                 f"{_suggest(prefix + member.key, choices)}", member.key_start, member.key_end)

    def section(self, name: str, obj: jsonpos.Node):
        keys = SCHEMA[name]
        alias_of = {a: k for k, spec in keys.items() for a in spec.aliases}
        chosen: dict[str, jsonpos.Member] = {}
        for member in obj.members:
            key = member.key
            if key.startswith("_"):
                continue
            canonical = alias_of.get(key, key if key in keys else None)
            if canonical is None:
                self.unknown(member, f"{name}.", _ALL_KEYS)
                continue
            if key != canonical:
                self.add(SCHEMA_RULE, "warning", f"\"{name}.{key}\" is another spelling in the "
                         f"docs' examples; the canonical key is \"{name}.{canonical}\"",
                         member.key_start, member.key_end)
            previous = chosen.get(canonical)
            if previous is not None and previous.key != key:
                keep = previous if previous.key == canonical else member
                self.add(SCHEMA_RULE, "warning", f"both \"{name}.{previous.key}\" and "
                         f"\"{name}.{key}\" are set; minislint reads \"{name}.{keep.key}\"",
                         member.key_start, member.key_end)
                if keep is previous:
                    continue
            chosen[canonical] = member
        for canonical, member in chosen.items():
            dotted = f"{name}.{canonical}"
            self.nodes[dotted] = member.value
            self.members[dotted] = member
            if self.value(dotted, keys[canonical].kind, member.value):
                self.values[name][canonical] = member.value.value

    def value(self, dotted: str, kind: str, node: jsonpos.Node) -> bool:
        """Check one value's type and form; True when it is usable."""
        bad = lambda msg: self.at(node, SCHEMA_RULE, "error", msg) or False  # noqa: E731
        if kind == "port":
            return self.port(dotted, node)
        if kind == "string-list":
            if node.kind != "array":
                return bad(f"\"{dotted}\" must be an array of strings, not {_type_of(node)}")
            for item in node.items:
                if item.kind != "string":
                    self.at(item, SCHEMA_RULE, "error", f"\"{dotted}\" entries must be "
                            f"strings, not {_type_of(item)}")
            return True
        if node.kind != "string":
            return bad(f"\"{dotted}\" must be a string, not {_type_of(node)}")
        text = node.value
        if kind == "color" and not is_hex_colour(text):
            return bad(f"\"{dotted}\" must be a hex colour like \"#ffffff\", not \"{text}\"")
        if kind == "style" and text not in ("custom", "default"):
            return bad(f"\"{dotted}\" must be \"custom\" or \"default\", not \"{text}\""
                       f"{_suggest(text, ['custom', 'default'])}")
        if dotted.startswith("build.") and "\x00" in text:
            return bad(f"\"{dotted}\" contains a NUL character: not a path")
        if kind == "path":
            target = self.root_dir / text
            if not text.strip():
                return bad(f"\"{dotted}\" is empty")
            if not _inside(target, self.root_dir):
                return bad(f"\"{dotted}\": {text} is outside the app's folder; minislint does not read it")
            if not target.exists():
                return bad(f"\"{dotted}\": {text} does not exist (relative to "
                           f"{self.root_dir.name or self.root_dir}/)")
            if not target.is_file():
                return bad(f"\"{dotted}\": {text} is not a file")
        return True

    def port(self, dotted: str, node: jsonpos.Node) -> bool:
        value = node.value
        if node.kind == "string" and value.strip().isdigit():
            self.at(node, SCHEMA_RULE, "warning", f"\"{dotted}\" is the string \"{value}\": "
                    f"write the number {int(value)}")
            value = int(value)
        elif node.kind != "number" or isinstance(value, float) and not value.is_integer():
            self.at(node, SCHEMA_RULE, "error", f"\"{dotted}\" must be a whole number, "
                    f"not {_type_of(node) if node.kind != 'number' else value}")
            return False
        if not 1 <= int(value) <= 65535:
            self.at(node, SCHEMA_RULE, "error", f"\"{dotted}\" {int(value)} is outside 1-65535")
            return False
        return True

    def default_entry(self):
        if "build.htmlEntry" in self.members:
            return
        if not (self.root_dir / DEFAULT_HTML_ENTRY).is_file():
            anchor = self.members.get("build.outputDir")
            start = anchor.key_start if anchor else self.doc.root.start
            self.add(SCHEMA_RULE, "warning", f"\"build.htmlEntry\" is not set and its default "
                     f"{DEFAULT_HTML_ENTRY} does not exist: set it to the app's HTML entry",
                     start, start + 1)

    # -- domain.trustedDomains -------------------------------------------------
    def trusted(self) -> list[domains.TrustedEntry]:
        node = self.nodes.get("domain.trustedDomains")
        root = self.doc.root
        if node is None or node.kind != "array":
            if node is None:
                domain = root.member("domain")
                start = domain.key_start if domain else root.start
                self.add(DOMAINS_RULE, "error", "\"domain.trustedDomains\" is missing: every "
                         "request the app makes must go to a trusted https:// domain "
                         "(the upload scan rejects requests to others)", start, start + 1)
            return []
        if not node.items:
            self.at(node, DOMAINS_RULE, "error", "\"domain.trustedDomains\" is empty: the app "
                    "cannot reach any server")
            return []
        entries, seen = [], {}
        for index, item in enumerate(node.items):
            if item.kind != "string":
                continue  # reported by config-schema
            entry = domains.parse_trusted_entry(item.value, index)
            entries.append(entry)
            for i, (severity, message) in enumerate(entry.problems):
                self.at(item, DOMAINS_RULE, severity, message,
                        _repair(self.text, item, entry, entry.repairs.get(i)))
            url = entry.url
            ident = (url.scheme, entry.host, url.port) if url and entry.host else item.value
            if ident in seen:
                first, line = seen[ident], jsonpos.line_col(self.text, seen[ident][1].start)[0]
                self.at(item, DOMAINS_RULE, "warning", f"\"{item.value}\" duplicates entry "
                        f"{first[0] + 1} (\"{first[1].value}\", line {line})")
            else:
                seen[ident] = (index, item)
        if len(node.items) > domains.MAX_TRUSTED:
            self.at(node.items[domains.MAX_TRUSTED], DOMAINS_RULE, "error",
                    f"{len(node.items)} trusted domains: the platform allows at most "
                    f"{domains.MAX_TRUSTED}")
        return entries

    # -- dev.clientKey and placeholders ---------------------------------------
    def client_key(self) -> Optional[str]:
        node = self.nodes.get("dev.clientKey")
        root = self.doc.root
        for dotted, value_node in self.nodes.items():
            if not dotted.startswith("dev.") or value_node.kind != "string":
                continue
            found = PLACEHOLDER_RE.search(value_node.value)
            if found:
                self.at(value_node, KEY_RULE, "error", f"\"{dotted}\" still holds the "
                        f"placeholder {found.group(0)} generated by `ttdx minis init`")
        if node is None:
            dev = root.member("dev")
            start = dev.key_start if dev else root.start
            self.add(KEY_RULE, "error", "\"dev.clientKey\" is missing: the app's client key "
                     "is required and must equal the one passed to TTMinis.init",
                     start, start + 1)
            return None
        if node.kind != "string":
            return None
        key = node.value
        if key.strip() == INIT_PLACEHOLDER:
            self.at(node, KEY_RULE, "error", f"\"dev.clientKey\" is still the placeholder "
                    f"\"{INIT_PLACEHOLDER}\": use the client key of your app")
        elif not key.strip():
            self.at(node, KEY_RULE, "error", "\"dev.clientKey\" is empty")
        return key


def _repair(text: str, item: jsonpos.Node, entry: domains.TrustedEntry, kind: Optional[str]):
    """The edit inside the entry's string that makes the repair `kind` (domains.TrustedEntry):
    only the characters that change, so the rest of the file stays as written."""
    inner = item.start + 1
    if kind is None or text[inner:item.end - 1] != item.value:
        return None  # escapes in the JSON string: offsets in the value are not offsets in the file
    value = item.value
    lead = len(value) - len(value.lstrip())
    stripped = value.strip()
    if kind == "https" and stripped[:7].lower() == "http://":
        return fixes.replace(inner + lead, inner + lead + 4, "https", "Use https://", fixes.UNSAFE)
    if kind == "host" and entry.url is not None and stripped.endswith(entry.url.path):
        end = inner + lead + len(stripped)
        what = "the trailing slash" if entry.url.path == "/" else "the path"
        return fixes.replace(end - len(entry.url.path), end, "", f"Drop {what}")
    return None


def trust_fix(config: MinisConfig, host: str):
    """Editor suggestion: add `https://host` as the last trusted domain, in the list's own layout
    (one per line, or inline); None when the list is missing or full. Never applied by --fix:
    it changes what the app may reach."""
    node = config.node("domain.trustedDomains")
    if node is None or node.kind != "array" or len(node.items) >= domains.MAX_TRUSTED or not host:
        return None
    entry = json.dumps(f"https://{host}", ensure_ascii=False)
    text = config.text
    if not node.items:
        at, insert = node.start + 1, entry
    else:
        first, last = node.items[0], node.items[-1]
        at = last.end
        if any(c in text[node.start:first.start] for c in "\r\n"):  # one entry per line
            insert = "," + fixes.newline_of(text) + fixes.line_indent(text, first.start)[1] + entry
        else:
            insert = ", " + entry
    return fixes.Fix(f"Trust https://{host} in minis.config.json",
                     (fixes.Edit(at, at, insert, str(config.path)),), fixes.SUGGESTION)


def read(path: Path) -> MinisConfig:
    """Read and check one minis.config.json. Never raises on bad content."""
    path = Path(path).absolute()
    root_dir = path.parent
    try:
        text = decode(path.read_bytes())
        problem: Optional[str] = None
    except DecodeProblem as exc:
        text, problem = "", f"{FILENAME} cannot be read: {exc.message}"
    except OSError as exc:
        text, problem = "", f"{FILENAME} cannot be read: {exc.strerror or exc}"
    source = SourceFile(path, str(path), text)
    html_default = root_dir / DEFAULT_HTML_ENTRY
    if problem is not None:
        return MinisConfig(path, root_dir, text, None, {s: {} for s in SCHEMA},
                           [ConfigProblem(SCHEMA_RULE, "error", problem, 0, 0)], html_default,
                           False, root_dir / DEFAULT_OUTPUT_DIR, [], None, source=source)
    doc = jsonpos.parse(text)
    checker = _Checker(path, text, doc)
    checker.run()
    entries: list[domains.TrustedEntry] = []
    key = None
    if doc.root is not None and doc.root.kind == "object":
        checker.default_entry()
        entries = checker.trusted()
        key = checker.client_key()
    values = checker.values
    html_node = checker.nodes.get("build.htmlEntry")  # kept even when the file is missing
    html = html_node.value if html_node is not None and html_node.kind == "string" \
        and "\x00" not in html_node.value else None
    if html is not None and not _inside(root_dir / html, root_dir):
        html = None  # reported above; never read a file outside the app (`../../etc/passwd`)
    out = values["build"].get("outputDir")
    return MinisConfig(
        path, root_dir, text, doc, values, checker.problems,
        root_dir / html if isinstance(html, str) else html_default, isinstance(html, str),
        root_dir / out if isinstance(out, str) and out.strip() else root_dir / DEFAULT_OUTPUT_DIR,
        entries, key if isinstance(key, str) else None, checker.nodes, source)


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path`, symbolic links followed, stays within `folder`."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def find_config(path: Path) -> Optional[Path]:
    """The nearest minis.config.json in `path`'s folder or above it; a copy on its way to the
    build output (see `app_config_of_copy`) stands for the app's own config above it."""
    path = Path(path).absolute()
    folder = path if path.is_dir() else path.parent
    for candidate in (folder, *folder.parents):
        config = candidate / FILENAME
        if config.is_file():
            return app_config_of_copy(config) or config
    return None


# Folders whose files a bundler copies into the output as they are (Vite's and Create React
# App's `public/`, Parcel's `static/`).
COPIED_FOLDERS = ("public", "static")


def app_config_of_copy(config: Path) -> Optional[Path]:
    """The app's minis.config.json when `config` is a copy of it: in a folder the bundler copies
    from (`public/`, as Vite users put it there to get it into the output) or in the app's
    build output (the Minis CLI writes it there). None when `config` is an app's own."""
    folder = Path(config).absolute().parent
    for above in folder.parents:
        outer = above / FILENAME
        if not outer.is_file():
            continue
        rel = folder.relative_to(above).parts
        if rel[0] in COPIED_FOLDERS or rel[0] in ("dist", "build") or folder == load(outer).output_dir:
            return outer
        return None  # an app nested in another (a monorepo's apps/x): its own config
    return None


_cache: dict[Path, tuple[tuple[int, int], MinisConfig]] = {}


def load(path: Path) -> MinisConfig:
    """`read`, cached while the file's size and mtime stay the same."""
    path = Path(path).absolute()
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        return read(path)
    hit = _cache.get(path)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    config = read(path)
    _cache[path] = (stamp, config)
    return config


def project_config(path: Path | str, override: Path | str | None = None) -> Optional[MinisConfig]:
    """The config of the project `path` belongs to: `override` (`--minis-config`) when given,
    else the nearest minis.config.json above `path`; None when there is none."""
    if override is not None:
        return load(Path(override))
    found = find_config(Path(path))
    return load(found) if found is not None else None


def config_for(path: Path | str, settings: Any = None) -> Optional[MinisConfig]:
    """`project_config` with the override taken from the core's Settings (`minis_config`)."""
    return project_config(path, getattr(settings, "minis_config", None))



def run_configs(paths, files, settings=None) -> tuple[list[MinisConfig], Optional[Path]]:
    """The configs of one run (each once), and the outermost folder named in `paths` that
    has none above it (for the single "missing minis.config.json" finding), or None. Named
    files never count: pre-commit's changed files are no view of the whole project."""
    override = getattr(settings, "minis_config", None)
    if override is not None:
        return [load(Path(override))], None
    by_folder: dict[Path, Optional[Path]] = {}
    found: dict[Path, None] = {}
    missing: Optional[Path] = None
    named = [Path(p) for p in paths]
    for path in named + [Path(f) for f in files]:
        absolute = path.absolute()
        folder = absolute if absolute.is_dir() else absolute.parent
        if folder not in by_folder:
            by_folder[folder] = find_config(folder)
        config = by_folder[folder]
        if config is not None:
            found.setdefault(config, None)
        elif path in named and absolute.is_dir() \
                and (missing is None or len(folder.parts) < len(missing.parts)):
            missing = folder
    return [load(p) for p in found], missing


_MINIS_MARKERS = (b"TTMinis", b"tiktok-minis.com")


def looks_like_minis_app(files, limit: int = 4 * 1024 * 1024) -> bool:
    """Whether any of `files` calls the Minis SDK or loads it: what makes a folder a Minis app
    that must carry minis.config.json (a folder of plain JS is not one)."""
    for path in files:
        try:
            with open(path, "rb") as handle:
                data = handle.read(limit)
        except OSError:
            continue
        if any(marker in data for marker in _MINIS_MARKERS):
            return True
    return False


def report_problems(pctx, rule_id: str) -> tuple[list[MinisConfig], Optional[Path]]:
    """For a project-level rule: report `rule_id`'s problems of every config of the run."""
    configs, missing = run_configs(pctx.paths, pctx.files, pctx.settings)
    for config in configs:
        for problem in config.problems_for(rule_id):
            pctx.report_offset(config.source, problem.start, problem.end, problem.message,
                               problem.severity, fix=problem.fix)
    return configs, missing
