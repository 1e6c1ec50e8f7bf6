"""Findings cache: a warm re-run reads findings instead of parsing (issue 6).

One entry per linted file, keyed on everything its findings depend on:
- the file's bytes and where it is (absolute path, and the display path findings carry);
- the code that produced them: minislint's version plus the size and mtime of every module of
  the package, the modules of the enabled rules (third-party packs too) and the parser, so an
  editable install or an upgraded plugin never reads stale findings;
- the settings (selected rules, severities, options, excludes, --minis-config);
- the side files a file's findings read: the nearest `minis.config.json` (trusted domains) and
  the source map a bundle names or has beside it (original positions).
Project-level rules (`check_project`) are not cached: they run every time.

Stored in `.minislint_cache/` beside the settings file (or in the current folder), as ruff keeps
`.ruff_cache`, with a `.gitignore` of `*` inside; `MINISLINT_CACHE_DIR` overrides the place.
Safe with several processes: an entry is written to a temporary file and renamed into place
(atomic on POSIX and Windows), and an entry that cannot be read is a miss, never an error.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from importlib.util import find_spec
from pathlib import Path
from typing import Optional

from minislint import __version__
from minislint.finding import Finding, Location
from minislint.fixes import Fix

ENV = "MINISLINT_CACHE_DIR"
FOLDER = ".minislint_cache"
FORMAT = "1"  # bump when the entry layout changes
_MAP_URL = re.compile(rb"[#@][ \t]*sourceMappingURL=([^\s'\"*]+)")
_MINIS_CONFIG = "minis.config.json"


def _stamp(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "-"
    return f"{st.st_mtime_ns}:{st.st_size}"


def _tree_stamp(folder: Path, h) -> None:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith(".py"):
                p = Path(dirpath, name)
                h.update(f"{p}={_stamp(p)};".encode())


def code_fingerprint(engine) -> str:
    """What produced the findings: versions and module stamps (see the module docstring)."""
    import minislint

    h = hashlib.sha256(f"minislint {__version__} format {FORMAT};".encode())
    _tree_stamp(Path(minislint.__file__).parent, h)
    seen = set()
    for rule in sorted(engine.registry.rules.values(), key=lambda r: r.id):
        module = type(rule).__module__
        if module in seen:
            continue
        seen.add(module)
        spec = find_spec(module) if module != "__main__" else None
        origin = getattr(spec, "origin", None)
        h.update(f"{rule.id}@{module}={_stamp(Path(origin)) if origin else '?'};".encode())
    for parser in ("esprima", "tinycss2", "html5lib"):  # find_spec does not import them
        spec = find_spec(parser)
        if spec is not None and spec.origin:
            _tree_stamp(Path(spec.origin).parent, h)
    return h.hexdigest()


def settings_fingerprint(engine) -> str:
    s = engine.settings
    data = {
        "enabled": sorted(engine.enabled_ids),
        "select": sorted(s.select) if s.select is not None else None,
        "ignore": sorted(s.ignore),
        "severity": sorted(s.severity.items()),
        "exclude": list(s.exclude),
        "rules": {k: v for k, v in sorted(s.rule_options.items())},
        "minis_config": str(s.minis_config) if s.minis_config else None,
        "minis_config_stamp": _stamp(Path(s.minis_config)) if s.minis_config else None,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def default_folder(engine) -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    root = engine.settings.root if engine.settings.source is not None else None
    return (root or Path.cwd()) / FOLDER


class Cache:
    def __init__(self, folder: Path, salt: str):
        self.folder = Path(folder)
        self.salt = salt
        self._configs: dict[Path, str] = {}  # folder -> stamp of the nearest minis.config.json
        self.hits = self.misses = 0

    @classmethod
    def for_engine(cls, engine, folder: Optional[Path] = None) -> "Cache":
        salt = hashlib.sha256((code_fingerprint(engine) + settings_fingerprint(engine)).encode()).hexdigest()
        return cls(folder or default_folder(engine), salt)

    # -- keys -------------------------------------------------------------------------------
    def key(self, path: Path, display: str, data: bytes) -> str:
        h = hashlib.sha256(self.salt.encode())
        absolute = Path(os.path.abspath(path))
        h.update(f"\0{absolute}\0{display}\0".encode())
        h.update(self._side_inputs(absolute, data).encode())
        h.update(data)
        return h.hexdigest()

    def _side_inputs(self, path: Path, data: bytes) -> str:
        parts = [self._minis_config(path.parent)]
        found = _MAP_URL.findall(data[-4096:]) if b"sourceMappingURL" in data else []
        url = found[-1].decode("utf-8", "replace") if found else None
        if url is None:
            parts.append(_stamp(path.with_name(path.name + ".map")))
        elif not url.startswith("data:"):  # a data: URL is inside `data` already
            target = url.split("#")[0].split("?")[0]
            parts.append(f"{target}={_stamp(path.parent / target)}")
        return "|".join(parts)

    def _minis_config(self, folder: Path) -> str:
        hit = self._configs.get(folder)
        if hit is None:
            config = folder / _MINIS_CONFIG
            if config.is_file():
                hit = f"{config}={_stamp(config)}"
            elif folder.parent != folder:
                hit = self._minis_config(folder.parent)
            else:
                hit = "-"
            self._configs[folder] = hit
        return hit

    # -- entries ----------------------------------------------------------------------------
    def _entry(self, key: str) -> Path:
        return self.folder / f"v{FORMAT}" / key[:2] / f"{key}.json"

    def get(self, key: str) -> Optional[list]:
        try:
            raw = json.loads(self._entry(key).read_bytes())
            findings = [_finding(d) for d in raw]
        except (OSError, ValueError, TypeError, KeyError):
            self.misses += 1
            return None
        self.hits += 1
        return findings

    def put(self, key: str, findings: list) -> None:
        entry = self._entry(key)
        try:
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump([_plain(f) for f in findings], fh)
                os.replace(tmp, entry)
            except BaseException:
                _unlink(tmp)
                raise
        except OSError:
            pass  # a read-only or full disk costs speed, never findings

    def _prepare(self) -> None:
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore.write_text("# created by minislint: the cache is never committed\n*\n")


def _plain(f: Finding) -> dict:
    d = dict(f.__dict__)
    if f.generated is not None:
        d["generated"] = [f.generated.path, f.generated.line, f.generated.column]
    if f.fix is not None:
        d["fix"] = f.fix.to_dict()
    return d


def _finding(d: dict) -> Finding:
    generated = d.pop("generated", None)
    fix = d.pop("fix", None)
    return Finding(**d, generated=Location(*generated) if generated else None,
                   fix=Fix.from_dict(fix) if fix else None)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
