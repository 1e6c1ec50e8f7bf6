"""Parse JavaScript with esprima2 (ES2024 + JSX, ESTree), deciding script vs module like Babel's
``sourceType: "unambiguous"``: a file is a module when it has import/export declarations."""
from __future__ import annotations

import re

import esprima

from minislint.js import jsx_fragments  # noqa: F401  (teaches esprima2 `<>...</>`)
from minislint.languages import ParseError

# Cheap hint: only sources with an import/export keyword at a line start are tried as modules first.
_MODULE_HINT = re.compile(r"(?:^|[;}\n])\s*(?:import\s*[\w{*\"'.]|export\s)", re.M)
_MODULE_DECLS = frozenset(("ImportDeclaration", "ExportNamedDeclaration", "ExportDefaultDeclaration",
                           "ExportAllDeclaration"))
_HASHBANG = re.compile(r"#![^\r\n\u2028\u2029]*")


def _options(jsx: bool) -> dict:
    # `range` only: `loc` objects cost a third of the parse and positions come from offsets.
    return {"range": True, "jsx": jsx}


def parse_js(fragment):
    """Parse a JS fragment; sets ``fragment.module`` when it was undecided. Parsed once: an
    inline script's tree is asked for by the HTML rules (Document.scripts) and by the engine."""
    done = fragment.__dict__.get("_js_parsed")
    if done is None:
        try:
            done = (_parse_fragment(fragment), None)
        except ParseError as err:
            done = (None, err)
        fragment.__dict__["_js_parsed"] = done
    if done[1] is not None:
        raise done[1]
    return done[0]


def _parse_fragment(fragment):
    text = fragment.text
    if text.startswith("#!"):  # keep offsets: blank the hashbang instead of cutting it
        m = _HASHBANG.match(text)
        text = " " * m.end() + text[m.end():]
    jsx = bool(fragment.meta.get("jsx"))
    module = fragment.module
    if module is None:
        return _parse_unambiguous(fragment, text, jsx)
    try:
        return _parse(text, module, jsx)
    except esprima.Error as err:
        if not jsx and fragment.meta.get("jsx_fallback", True) and "<" in text:
            try:  # React code in a .js file
                return _parse(text, module, True)
            except esprima.Error:
                pass
        raise _error(err) from None


_EMPTY_SUBSTITUTION = re.compile(r"\$\{\s*\}")


def _parse(text, module, jsx):
    opts = _options(jsx)
    try:
        return esprima.parseModule(text, opts) if module else esprima.parseScript(text, opts)
    except AssertionError as err:
        # esprima2 asserts instead of raising its Error on some invalid input, e.g. an empty
        # template substitution `${}` (found by fuzz/fuzz_lint.py); make it a syntax error.
        empty = _EMPTY_SUBSTITUTION.search(text) if "template head" in str(err) else None
        index = empty.end() - 1 if empty else 0
        raise esprima.Error(f"Unexpected token }} ({err})" if empty else f"Unexpected input ({err})",
                            index=index) from None


def _parse_unambiguous(fragment, text, jsx):
    first = bool(_MODULE_HINT.search(text))
    order = (True, False) if first else (False, True)
    errors = []
    for module in order:
        for use_jsx in ((jsx,) if jsx else (False, True) if "<" in text else (False,)):
            try:
                tree = _parse(text, module, use_jsx)
            except esprima.Error as err:
                errors.append(err)
                continue
            except RecursionError:
                raise
            if module and not any(n.type in _MODULE_DECLS for n in tree.body):
                module = False  # parsed as a module but has no import/export: script semantics
            fragment.module = module
            return tree
    raise _error(errors[0]) from None


def _error(err) -> ParseError:
    msg = str(getattr(err, "description", None) or err)
    msg = re.sub(r"^Line \d+: ", "", msg)
    return ParseError(msg, int(getattr(err, "index", 0) or 0))
