"""What the readiness rules share: the SDK and debug-console URLs, TTMinis call detection, where
code runs as the app opens, which HTML file is the entry, which folder is the build output, and
the scan of a package folder (sizes, zero-byte files).

Facts: ../shared/minis/platform-facts.md ("The SDK", "What the upload scan rejects").
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import urlsplit

SDK_URL = "https://connect.tiktok-minis.com/drama/sdk.js"
SDK_HOST = "connect.tiktok-minis.com"
SDK_PATH = "/drama/sdk.js"
CONFIG_NAME = "minis.config.json"
OUTPUT_DIR_NAMES = ("dist", "build")  # the docs' examples of build.outputDir

FRONT_COLOURS = ("#ffffff", "#000000")

# The HTML standard's JavaScript MIME type essences, plus "module"; anything else (JSON,
# templates, importmap) is not run as a classic or module script.
_JS_TYPES = frozenset((
    "", "module", "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
    "text/x-javascript",
))

# Debug consoles: the files the Minis CLI injects (connect.tiktok-minis.com/libs/eruda.js,
# .../vConsole.js) and the same libraries from npm CDNs (unpkg.com/vconsole@3/dist/vconsole.min.js,
# cdn.jsdelivr.net/npm/eruda).
DEBUG_CONSOLES = {"eruda": "eruda", "vconsole": "vConsole"}
_CONSOLE_FILE = re.compile(r"^(eruda|vconsole)(?:[.-][\w.-]*)?\.js$", re.I)
_CONSOLE_SEGMENT = re.compile(r"^(eruda|vconsole)(?:@[^/]*)?$", re.I)


def is_front_colour(value: str) -> bool:
    """`frontColor` accepts only white and black; letter case is not documented, so either."""
    return value.lower() in FRONT_COLOURS


def is_js_script(type_attr: Optional[str]) -> bool:
    """Whether a `<script type=...>` is run by the browser (missing type: yes)."""
    if type_attr is None:
        return True
    return type_attr.split(";")[0].strip().lower() in _JS_TYPES


def sdk_src(src: Optional[str]) -> Optional[str]:
    """'ok' for the Minis SDK over https, 'insecure' for it over http or protocol-relative,
    None for any other script."""
    if not src:
        return None
    try:
        url = urlsplit(src.strip())
    except ValueError:
        return None
    host = (url.hostname or "").rstrip(".")
    if host != SDK_HOST or url.path != SDK_PATH:
        return None
    return "ok" if url.scheme.lower() == "https" else "insecure"


def debug_console_src(src: Optional[str]) -> Optional[str]:
    """'eruda' or 'vConsole' when a script URL loads one of them, else None."""
    if not src:
        return None
    try:
        path = urlsplit(src.strip()).path
    except ValueError:
        return None
    segments = [s for s in path.split("/") if s]
    for i, seg in enumerate(segments):
        m = _CONSOLE_FILE.match(seg) if i == len(segments) - 1 else None
        m = m or _CONSOLE_SEGMENT.match(seg)
        if m:
            return DEBUG_CONSOLES[m.group(1).lower()]
    return None


# -- JavaScript ------------------------------------------------------------------------------
# esprima is imported lazily (the HTML language imports this module for is_js_script).

def unwrap(node):
    from minislint.js.values import unwrap as _unwrap

    return _unwrap(node)


def children(node):
    from minislint.js.walk import children as _children

    return _children(node)


def ttminis_method(callee, global_path: Callable) -> Optional[str]:
    """`TTMinis.login` (also `window.TTMinis.login`, `TTMinis?.["login"]`, a const alias of
    `TTMinis`, `const { login } = TTMinis`) -> "login"; anything else -> None."""
    path = global_path(unwrap(callee))
    if path and len(path) == 2 and path[0] == "TTMinis":
        return path[1]
    return None


def prop(obj, name: str, fold: Callable):
    """The value node of property `name` in an object literal (the last one wins, as in JS)."""
    from minislint.js.values import property_value

    return property_value(obj, name, fold)


def has_spread(obj) -> bool:
    obj = unwrap(obj)
    return obj is not None and obj.type == "ObjectExpression" and any(
        p.type in ("SpreadElement", "RestElement") for p in obj.properties)


def descendants(node):
    """Every node under `node` (itself included), iteratively."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        kids = children(n)
        for k in kids:
            if getattr(k, "parent", None) is None:
                k.parent = n
        stack.extend(reversed(kids))


FUNCTIONS = frozenset(("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"))


def enclosing_function(node):
    p = node.parent
    while p is not None and p.type not in FUNCTIONS:
        p = p.parent
    return p


def is_iife(fn) -> bool:
    """`(function(){...})()`, `(() => {...})()`, `!function(){}()`, `fn.call(this)` at once."""
    p = fn.parent
    while p is not None and p.type in ("ChainExpression", "UnaryExpression", "SequenceExpression"):
        p = p.parent
    if p is None:
        return False
    if p.type in ("CallExpression", "NewExpression") and _is_callee(p, fn):
        return True
    # (function(){}).call(this) / .apply(...)
    if p.type == "MemberExpression" and p.object is not None and _contains(p.object, fn):
        name = p.property.name if not p.computed and p.property.type == "Identifier" else None
        gp = p.parent
        return name in ("call", "apply") and gp is not None and gp.type == "CallExpression" and gp.callee is p
    return False


def _is_callee(call, fn) -> bool:
    return _contains(call.callee, fn)


def _contains(expr, fn) -> bool:
    e = expr
    while e is not None and e.type in ("ChainExpression", "UnaryExpression", "SequenceExpression"):
        e = e.expressions[-1] if e.type == "SequenceExpression" else (
            e.expression if e.type == "ChainExpression" else e.argument)
    return e is fn


def runs_at_top_level(node) -> bool:
    """True when `node` runs while the script itself runs: not inside a function, or only inside
    functions invoked on the spot."""
    fn = enclosing_function(node)
    while fn is not None:
        if not is_iife(fn):
            return False
        fn = enclosing_function(fn)
    return True


# -- which files and folders ---------------------------------------------------------------------

@dataclass
class ProjectShape:
    """What the readiness rules need from minis.config.json (read by minislint.minis.config)."""

    root: Optional[Path]          # folder of minis.config.json; None without one
    html_entry: Optional[Path]    # resolved build.htmlEntry
    output_dir: Optional[Path]    # resolved build.outputDir / build.output


def project_shape(path: Path, settings=None) -> ProjectShape:
    """The project around `path`, from the nearest minis.config.json (or `--minis-config`)."""
    from minislint.minis.config import config_for

    cfg = config_for(path, settings)
    if cfg is None:
        return ProjectShape(None, None, None)
    root = Path(cfg.root).resolve()
    return ProjectShape(root, Path(cfg.html_entry).resolve(), Path(cfg.output_dir).resolve())


def html_entry_role(path: Path, settings=None) -> Optional[str]:
    """'source' when `path` is the project's build.htmlEntry, 'output' when it is that file's
    copy at the top of the build output folder, None for any other HTML file.

    Without minis.config.json, any file named index.html counts as an entry."""
    path = Path(path).resolve()
    shape = project_shape(path, settings)
    if shape.root is None:
        return "source" if path.name.lower() == "index.html" else None
    if shape.html_entry is not None and path == shape.html_entry:
        return "source"
    if shape.output_dir is not None and shape.html_entry is not None:
        if path == shape.output_dir / shape.html_entry.name:
            return "output"
    # A built package carrying its own copy of minis.config.json: its index.html is the entry.
    if shape.root == path.parent and path.name.lower() == "index.html" and shape.output_dir is not None \
            and not shape.html_entry.exists():
        return "output"
    return None


def folder_role(folder: Path, settings=None) -> Optional[str]:
    """'output' when a folder named on the command line is a build output (what gets uploaded),
    'root' when it is a Minis project's root, None otherwise (a subfolder such as src/).

    - output: the build.outputDir of the project's minis.config.json (the nearest one above the
      folder, or `--minis-config`); or, with no such config, a folder named dist or build without
      a package.json, or a folder whose own minis.config.json names it (a package copied with
      the config, as the Minis CLI writes it into the output).
    - root: the folder of the project's minis.config.json."""
    folder = Path(folder).resolve()
    if getattr(settings, "minis_config", None):
        shape = project_shape(folder, settings)
        return "output" if shape.output_dir == folder else "root" if shape.root == folder else None
    config_above = False
    for above in folder.parents:
        if (above / CONFIG_NAME).is_file():
            if project_shape(above / CONFIG_NAME).output_dir == folder:
                return "output"
            config_above = True
            break
    if (folder / CONFIG_NAME).is_file():
        shape = project_shape(folder / CONFIG_NAME)
        if not shape.output_dir.exists() and shape.output_dir.name == folder.name:
            return "output"
        return "root"
    if not config_above and folder.name.lower() in OUTPUT_DIR_NAMES \
            and not (folder / "package.json").exists():
        return "output"
    return None


def inside(path: Path, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False


# -- the package folder ------------------------------------------------------------------------

@dataclass
class PackageScan:
    folder: Path
    files: list = field(default_factory=list)      # (path, size) of every regular file
    total: int = 0
    has_config: bool = False
    unreadable: list = field(default_factory=list)  # paths whose size could not be read

    @property
    def zero_byte(self) -> list:
        return [p for p, size in self.files if size == 0]

    def largest(self, n: int = 5) -> list:
        return sorted(self.files, key=lambda f: (-f[1], str(f[0])))[:n]


def scan_package(folder: Path) -> PackageScan:
    """Every regular file under `folder` (hidden ones too: they are uploaded). Symlinks are
    followed for their size but folders behind symlinks are not walked (no cycles)."""
    folder = Path(folder)
    scan = PackageScan(folder)
    scan.has_config = (folder / CONFIG_NAME).is_file()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            p = Path(dirpath) / name
            try:
                st = p.stat()
            except OSError:
                scan.unreadable.append(p)
                continue
            if not p.is_file():
                continue  # fifo, socket, device
            scan.files.append((p, st.st_size))
            scan.total += st.st_size
    return scan


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    for unit in ("KiB", "MiB", "GiB"):
        n /= 1024
        if n < 1024 or unit == "GiB":
            return f"{n:.1f} {unit}"
    return f"{n:.1f} GiB"  # pragma: no cover


# -- capabilities in any file's text ---------------------------------------------------------------

_ALIAS = re.compile(r"\b([A-Za-z_$][\w$]*)\s*=\s*(?:(?:window|self|globalThis)\s*\.\s*)?TTMinis\b(?!\s*[.\[(?])")


def capabilities_used(text: str, names) -> set:
    """Which of `names` a file's text calls on TTMinis. Text, not a parse: it must see minified
    bundles, TypeScript and Vue alike, and a stray mention only hides a warning, never adds one.

    Counts `TTMinis.x`, `TTMinis?.x`, `TTMinis["x"]`, `{ x } = TTMinis` and `a.x` where
    `a = TTMinis` (`window.TTMinis` too)."""
    if "TTMinis" not in text:
        return set()
    receivers = {"TTMinis"} | {m.group(1) for m in _ALIAS.finditer(text)}
    recv = "|".join(sorted(re.escape(r) for r in receivers))
    found = set()
    for name in names:
        n = re.escape(name)
        if re.search(rf"(?<![\w$])(?:{recv})\s*(?:\?\.|\.)\s*{n}(?![\w$])", text) \
                or re.search(rf"(?<![\w$])(?:{recv})\s*(?:\?\.)?\[\s*([\"'`]){n}\1\s*\]", text) \
                or re.search(rf"\{{[^{{}}]*(?<![\w$]){n}(?![\w$])[^{{}}]*\}}\s*=\s*"
                             rf"(?:(?:window|self|globalThis)\s*\.\s*)?TTMinis\b", text):
            found.add(name)
    return found
