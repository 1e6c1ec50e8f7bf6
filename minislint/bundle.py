"""Connect a shipped bundle file to where its code was written.

Finds a generated file's source map (the last `sourceMappingURL` comment, a `data:` URL, or a
sibling `file.js.map`), reads it only from inside the project and under a size limit, and
answers `original(line, column)` with the source path, line, column and npm package.

Source paths as bundlers write them resolve to project files: relative paths (Vite, Rollup,
Rolldown, esbuild), `webpack://<name>/./src/x.js` and `webpack:///src/x.js` (relative to the
webpack project: the folder of the package.json named <name>, else the nearest package.json),
Parcel's `/__parcel_source_root/src/x.js` (relative to the project root), and Parcel 2's plain
`src/x.js` written without a sourceRoot (relative to its project, not to the map). The bundler's own
runtime (`webpack/runtime/...`, Rollup's `\0` virtual modules, Vite's preload helper) has no
file: its findings stay in the bundle, named as that runtime.

Safety: a map or source path that leaves the project (`../../etc/passwd`, an absolute path,
`https://`) is never opened; a source path like that is shown as written.
Every problem becomes a note for the user, never an exception.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, unquote_to_bytes

from .source import Origin, SourceFile

if TYPE_CHECKING:  # imported where a map is read: most files have none (issue 11)
    from .sourcemap import Mapping, SourceMap

__all__ = ["MAX_MAP_BYTES", "BundleOrigin", "load_origin", "origin_for", "find_map_url", "package_of",
           "project_root", "may_quote"]

# Real maps of large vendor bundles reach a few tens of MB; beyond this we refuse and say so.
MAX_MAP_BYTES = 32 * 1024 * 1024
_MAX_PACKAGE_JSON = 1024 * 1024

_H = r"[^\S\r\n\u2028\u2029]*"  # horizontal white space
_JS_URL = re.compile(
    r"//[#@]" + _H + r"sourceMappingURL=([^\s'\"]+)" + _H + r"(?=[\r\n\u2028\u2029]|\Z)"
    r"|/\*[#@]" + _H + r"sourceMappingURL=([^\s'\"*]+)" + _H + r"\*/"
)
_CSS_URL = re.compile(r"/\*[#@]" + _H + r"sourceMappingURL=([^\s'\"*]+)" + _H + r"\*/")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# The last `node_modules/<name>` or `node_modules/@scope/<name>` in a path names the package,
# which also covers pnpm's `.pnpm/x@1/node_modules/x` and Yarn's `.yarn/cache/...zip/node_modules/x`.
_PACKAGE = re.compile(r"(?:^|[/\\])node_modules[/\\]((?:@[\w.~-]+[/\\])?[\w~-][\w.~-]*)")
_WEBPACK = re.compile(r"^webpack://([^/]*)/+(.*)$", re.S)
_PARCEL_ROOT = "/__parcel_source_root/"
# What `package` says for code of the bundler itself (the text report words it apart).
RUNTIME_SUFFIX = " (bundler runtime)"
_RUNTIMES = (  # (source prefix after webpack://<name>/ is removed, or as written; bundler)
    ("webpack/runtime/", "webpack"), ("webpack/bootstrap", "webpack"), ("webpack/startup", "webpack"),
    ("webpack/before-startup", "webpack"), ("webpack/after-startup", "webpack"), ("(webpack)", "webpack"),
    ("\0vite/", "vite"), ("vite/preload-helper", "vite"), ("vite/modulepreload-polyfill", "vite"),
    ("\0rolldown/", "rolldown"), ("rolldown:", "rolldown"), ("\0", "rollup"),
)
_MAX_LOCKFILE = 32 * 1024 * 1024


def find_map_url(text: str, css: bool = False) -> str | None:
    """The URL of the file's source map comment: the last one, and only if nothing but
    white space and comments follows it (ECMA-426's extraction without parsing)."""
    found = _find_map_comment(text, css)
    return found[0] if found else None


def _find_map_comment(text: str, css: bool) -> tuple[str, int] | None:
    """(URL, offset of the comment) or None."""
    if "sourceMappingURL" not in text:
        return None
    last = None
    for last in (_CSS_URL if css else _JS_URL).finditer(text):
        pass
    if last is None or not _only_comments_after(text, last.end(), css):
        return None
    return (last.group(1) if css else (last.group(1) or last.group(2))), last.start()


def _only_comments_after(text: str, i: int, css: bool) -> bool:
    """Whether only white space and comments follow offset i: else the URL comment is not the
    file's own. A loop, not a regex: `(\\s+|//.*)*` backtracks exponentially on hostile input."""
    n = len(text)
    while i < n:
        if text[i].isspace():
            i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                return False
            i = end + 2
        elif not css and text.startswith("//", i):
            brk = _LINE_BREAK.search(text, i)
            if brk is None:
                return True
            i = brk.end()
        else:
            return False
    return True


def project_root(folder: Path) -> Path:
    """The project a generated file belongs to, the limit of what a map may make us read:
    the enclosing git work tree, else the current directory when the file is inside it,
    else the nearest folder with a package.json, else the file's own folder."""
    return _project_root(Path(os.path.abspath(folder)), Path.cwd())


@functools.lru_cache(maxsize=256)
def _project_root(folder: Path, cwd: Path) -> Path:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    if _inside(folder, cwd):
        return cwd
    for candidate in (folder, *folder.parents):
        if (candidate / "package.json").is_file():
            return candidate
    return folder


def runtime_of(source: str) -> str | None:
    """"webpack (bundler runtime)" when a map's source is the bundler's own code, else None."""
    m = _WEBPACK.match(source)
    rest = m.group(2) if m else source
    for prefix, bundler in _RUNTIMES:
        if rest.startswith(prefix) or source.startswith(prefix):
            return bundler + RUNTIME_SUFFIX
    return None


def package_of(path: str, root: Path | None = None, _cache: dict | None = None) -> str | None:
    """`name@version` (or `name`) of the npm package a path lies in. The version comes from
    that package's package.json, or else from the npm lockfile beside the `node_modules` it
    is in (a checkout without `npm ci`), read only when inside `root`."""
    found = None
    for found in _PACKAGE.finditer(path):
        pass
    if found is None:
        return None
    name = found.group(1).replace("\\", "/")
    if root is None or _SCHEME.match(path):
        return name
    pkg_json = Path(path[: found.end()]) / "package.json"
    cache = {} if _cache is None else _cache
    if pkg_json not in cache:
        cache[pkg_json] = _read_version(pkg_json, root)
    version = cache[pkg_json]
    if version is None:
        version = _locked_version(path[: found.end()], root, cache)
    return f"{name}@{version}" if version else name


def _locked_version(package_dir: str, root: Path, cache: dict) -> str | None:
    """The version package-lock.json (lockfileVersion 2 and 3) records for a package folder,
    looked up beside the outermost `node_modules` of the path."""
    first = _PACKAGE.search(package_dir)
    top = Path(package_dir[: first.start() + (1 if package_dir[first.start()] in "/\\" else 0)] or ".")
    lock = top / "package-lock.json"
    if lock not in cache:
        data = _read_inside(lock, root, _MAX_LOCKFILE)
        packages = None
        if isinstance(data, bytes):
            try:
                packages = json.loads(data.decode("utf-8-sig")).get("packages")
            except (ValueError, AttributeError, RecursionError):
                packages = None
        cache[lock] = packages if isinstance(packages, dict) else {}
    key = os.path.relpath(package_dir, top).replace("\\", "/")
    entry = cache[lock].get(key)
    version = entry.get("version") if isinstance(entry, dict) else None
    return version if isinstance(version, str) and len(version) < 100 else None


def may_quote(path: str, generated_path: str, cwd: Path) -> bool:
    """Whether a reporter may open a mapped finding's original file to quote its line: only
    a relative path inside the project of the bundle it was mapped from. A map can name any
    path; `/etc/passwd` or `../../secret` must not be printed."""
    if _SCHEME.match(path) or os.path.isabs(path) or path.startswith(("/", "\\")):
        return False
    try:
        root = project_root(Path(cwd, generated_path).parent)
        real = Path(os.path.realpath(Path(cwd, path)))
        return _inside(real, Path(os.path.realpath(root)))
    except (OSError, ValueError):  # a NUL byte in a name from a map
        return False


def _read_version(pkg_json: Path, root: Path) -> str | None:
    data = _read_inside(pkg_json, root, _MAX_PACKAGE_JSON)
    if not isinstance(data, bytes):
        return None
    try:
        version = json.loads(data.decode("utf-8-sig")).get("version")
    except (ValueError, AttributeError, RecursionError):
        return None
    return version if isinstance(version, str) and len(version) < 100 else None


def _inside(path: Path, root: Path) -> bool:
    try:
        return os.path.commonpath([str(path), str(root)]) == str(root)
    except ValueError:  # different drives
        return False


def _read_inside(path: Path, root: Path, limit: int) -> bytes | str:
    """The bytes of `path`, or a reason it was not read. Symlinks are followed only when
    the real file stays inside the project."""
    try:
        real_root = Path(os.path.realpath(root))
        real = Path(os.path.realpath(path))
    except (OSError, ValueError):  # a NUL byte, a loop of links
        return "is not a usable path, not read"
    if not _inside(real, real_root):
        return "is outside the project, not read"
    try:
        size = real.stat().st_size
        if size > limit:
            return f"is {size / 2**20:.1f} MiB, over the {limit / 2**20:.0f} MiB limit"
        with open(real, "rb") as fh:
            return fh.read(limit + 1)
    except FileNotFoundError:
        return "does not exist"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"


def _decode_data_url(url: str) -> bytes | str:
    head, sep, payload = url[5:].partition(",")
    if not sep:
        return "is a data: URL without a ','"
    if len(payload) > MAX_MAP_BYTES * 4 // 3 + 16:
        return f"is a data: URL over the {MAX_MAP_BYTES / 2**20:.0f} MiB limit"
    params = [p.strip().lower() for p in head.split(";")]
    import base64
    import binascii

    try:
        if "base64" in params[1:]:
            return base64.b64decode(unquote_to_bytes(payload), validate=False)
        return unquote_to_bytes(payload)
    except (binascii.Error, ValueError) as exc:
        return f"is a data: URL that does not decode ({exc})"


class BundleOrigin:
    """The `origin` of a generated file's fragments: generated position -> original."""

    def __init__(self, smap: SourceMap, text: str, map_folder: Path, root: Path, cwd: Path | None = None):
        self.smap = smap
        self.text = text
        self.map_folder = Path(os.path.abspath(map_folder))
        self.root = Path(os.path.abspath(root))
        self.cwd = Path(os.path.abspath(cwd or os.getcwd()))
        self._line_starts: list[int] | None = None
        self._sources: dict[str, tuple[str, str | None]] = {}
        self._packages: dict = {}
        self._contexts: dict = {}  # webpack namespace (None: any) -> the folder the bundler ran in
        # Parcel 2 writes sources relative to its project root, with no sourceRoot to say so;
        # its bundles define `parcelRequire<id>`.
        self.parcel = "parcelRequire" in text
        self._content_lines: dict[int, list[str]] = {}
        self._contents: dict[str, str] = {}  # shown path -> the map's copy of that source
        self._suppressions: dict = {}

    def original(self, line: int, column: int) -> Origin | None:
        """Generated (line, column), 1-based, column in code points, as `SourceFile.position`
        gives them."""
        if line < 1 or column < 1:
            return None
        mapping = self.smap.lookup(line - 1, self._utf16_column(line, column - 1))
        if mapping is None or mapping.source is None:
            return None
        shown, package = self.resolve(mapping.source)
        if shown is None:  # the bundler's runtime: no file to point at, the bundle says it best
            return Origin(None, line, column, package)
        if mapping.content is not None:
            self._contents.setdefault(shown, mapping.content)
        return Origin(shown, mapping.line + 1, _code_points(mapping, self._content_lines) + 1, package)

    def suppresses(self, origin: Origin, rule: str) -> bool:
        return self.suppression(origin, rule) is not None

    def suppression(self, origin: Origin, rule: str):
        """The `minislint-disable` comment in the original source that covers the finding, or
        None. Minifiers drop comments, so the map's `sourcesContent` is where they survive; the
        file itself is not opened. Only real comments count, read by the original's language."""
        text = self._contents.get(origin.path)
        if text is None or "minislint-" not in text:
            return None
        if origin.path not in self._suppressions:
            from . import suppress
            from .plugins import default_registry

            original = SourceFile(Path(origin.path), origin.path, text)
            directives = suppress.directives_for(original, default_registry())
            self._suppressions[origin.path] = suppress.Suppressions(directives) if directives else None
        sup = self._suppressions[origin.path]
        return sup.suppresses(rule, origin.line, origin.column) if sup is not None else None

    def resolve(self, source: str) -> tuple[str, str | None]:
        """(path to show, package) for a source of the map."""
        if source not in self._sources:
            self._sources[source] = self._resolve(source)
        return self._sources[source]

    def _resolve(self, written: str) -> tuple[str | None, str | None]:
        source = written
        runtime = runtime_of(source) or ("parcel" + RUNTIME_SUFFIX if self.parcel and source == "<anon>" else None)
        if runtime is not None:
            return None, runtime
        webpack = _WEBPACK.match(source)
        if webpack is not None:
            base, source = self._bundler_project(webpack.group(1)), webpack.group(2).split("?")[0]
        elif source.startswith(_PARCEL_ROOT):
            base, source = self.root, source[len(_PARCEL_ROOT):]
        elif self.parcel:
            base = self._bundler_project(None)
        else:
            base = self.map_folder
        if _SCHEME.match(source) or source.startswith(("/", "\\")) or os.path.isabs(source):
            return written, package_of(written)
        path = Path(os.path.normpath(base / unquote(source)))
        if not _inside(path, self.root):
            return written, package_of(written)
        shown = Path(os.path.relpath(path, self.cwd)).as_posix()
        return shown, package_of(str(path), self.root, self._packages)

    def _bundler_project(self, name: str | None) -> Path:
        """The folder the bundler ran in. webpack's output.devtoolNamespace defaults to
        package.json's name: the package.json named `name` above the map, else the nearest
        one, else the project root."""
        if name not in self._contexts:
            nearest = None
            for folder in (self.map_folder, *self.map_folder.parents):
                if not _inside(folder, self.root):
                    break
                data = _read_inside(folder / "package.json", self.root, _MAX_PACKAGE_JSON)
                if not isinstance(data, bytes):
                    continue
                nearest = nearest or folder
                try:
                    if name is not None and json.loads(data.decode("utf-8-sig")).get("name") == name:
                        nearest = folder
                        break
                except (ValueError, AttributeError, RecursionError):
                    continue
            self._contexts[name] = nearest or self.root
        return self._contexts[name]

    def _utf16_column(self, line: int, column: int) -> int:
        if self.text.isascii():
            return column
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        if line > len(self._line_starts):
            return column
        start = self._line_starts[line - 1]
        prefix = self.text[start : start + column]
        return column + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def _code_points(mapping: Mapping, cache: dict) -> int:
    """The map's original column counts UTF-16 units; with the source text in the map we can
    give code points, as every other column minislint prints."""
    content = mapping.content
    if content is None or content.isascii():
        return mapping.column
    key = id(content)
    if key not in cache:
        cache[key] = _LINE_BREAK.split(content)
    lines = cache[key]
    if mapping.line >= len(lines):
        return mapping.column
    units = points = 0
    for ch in lines[mapping.line]:
        if units >= mapping.column:
            break
        units += 2 if ord(ch) > 0xFFFF else 1
        points += 1
    return points + max(0, mapping.column - units)


class MapNote(str):
    """A note on an unusable map. `missing`: the map file is simply not shipped (maps uploaded to
    an error tracker and deleted is common), which matters only where there is a finding to map."""

    missing = False


def origin_for(file: SourceFile, css: bool = False) -> tuple[BundleOrigin | None, list[tuple[int, str]]]:
    """What a language plugin calls for each file: the origin, and notes as (file offset,
    message), the offset being the `sourceMappingURL` comment's (0 for a sibling map)."""
    origin, notes = load_origin(file.path, file.text, project_root(Path(file.path).parent), css=css)
    if not notes:
        return origin, []
    found = _find_map_comment(file.text, css)
    return origin, [(found[1] if found else 0, note) for note in notes]


def load_origin(
    path: Path,
    text: str,
    root: Path,
    *,
    css: bool = False,
    cwd: Path | None = None,
) -> tuple[BundleOrigin | None, list[str]]:
    """The origin for a generated file, and notes on any map that could not be used.
    No comment and no sibling `.map` file means no origin and no note."""
    path = Path(os.path.abspath(path))
    root = Path(os.path.abspath(root))
    url = find_map_url(text, css)
    where = f"source map {url[:60] + '...' if url and len(url) > 60 else url}"
    if url is None:
        sibling = path.with_name(path.name + ".map")
        if not sibling.is_file():
            return None, []
        data, folder, where = _read_inside(sibling, root, MAX_MAP_BYTES), sibling.parent, f"source map {sibling.name}"
    elif url.startswith("data:"):
        data, folder = _decode_data_url(url), path.parent
    elif _SCHEME.match(url) or url.startswith(("/", "\\")):
        data, folder = "is not a relative path, not read", path.parent
    else:
        target = Path(os.path.normpath(path.parent / unquote(url.split("#")[0].split("?")[0])))
        data, folder = _read_inside(target, root, MAX_MAP_BYTES), target.parent
    if isinstance(data, str):
        note = MapNote(f"{where} {data}; findings stay at generated positions")
        note.missing = data == "does not exist"
        return None, [note]
    if len(data) > MAX_MAP_BYTES:
        return None, [f"{where} is over the {MAX_MAP_BYTES / 2**20:.0f} MiB limit; findings stay at generated positions"]
    from .sourcemap import SourceMap, SourceMapError

    try:
        smap = SourceMap.parse(data)
    except SourceMapError as exc:
        return None, [f"{where} is not usable: {exc}; findings stay at generated positions"]
    notes = []
    if smap.dropped:
        notes.append(f"{where}: {smap.dropped} segments point outside the map and were skipped")
    return BundleOrigin(smap, text, folder, root, cwd), notes
