"""The plugin registry: every language, parser and rule comes through pluggy hooks.

The built-in pack (BUILTIN) is registered directly, as one plugin; third-party packs are found
through the ``minislint.plugins`` entry-point group, as flake8 finds its plugins, and
importlib.metadata is asked only when an installed distribution's entry_points.txt names that
group. Start-up used to load all 29 built-in modules through entry points (every installed
distribution's metadata read to find them): half of an editor's check of one file (issue 11).
"""
from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.machinery import PathFinder

import pluggy

from minislint import hookspec

GROUP = "minislint.plugins"
BUILTIN = (
    "minislint.languages.js",
    "minislint.languages.html",
    "minislint.languages.css",
    "minislint.languages.vue",
    "minislint.languages.typescript",
    "minislint.rules.no_foreign_script",
    "minislint.rules.no_foreign_stylesheet",
    "minislint.rules.no_iframe",
    "minislint.rules.no_forbidden_api",
    "minislint.rules.no_navigation",
    "minislint.rules.no_native_video",
    "minislint.rules.syntax_error",
    "minislint.rules.no_eval",
    "minislint.rules.no_function_constructor",
    "minislint.rules.no_string_timer",
    "minislint.rules.internal_error",
    "minislint.rules.unused_suppression",
    "minislint.rules.source_map",
    "minislint.rules.sdk_first_script",
    "minislint.rules.sdk_init",
    "minislint.rules.debug_console",
    "minislint.rules.required_capability",
    "minislint.rules.authorize_on_entry",
    "minislint.rules.nav_bar_color",
    "minislint.rules.package_contents",
    "minislint.rules.config_schema",
    "minislint.rules.config_trusted_domains",
    "minislint.rules.config_client_key",
    "minislint.rules.untrusted_domain",
)


class PluginError(Exception):
    pass


@dataclass
class Registry:
    rules: dict = field(default_factory=dict)        # id -> Rule
    languages: dict = field(default_factory=dict)    # ".ext" or file name -> Language
    parsers: dict = field(default_factory=dict)      # fragment language -> parse(fragment)
    walkers: dict = field(default_factory=dict)      # fragment language -> walk(tree, handlers)

    def language_for(self, path):
        return self.languages.get(path.name.lower()) or self.languages.get(path.suffix.lower())


class _BuiltinPack:
    """The built-in modules as one plugin: pluggy inspects one object at start-up instead of 29
    modules (~4 ms of an editor's one-file check). Each module's hooks are called in the order
    pluggy called them when each module was a plugin (the last registered first), so the
    registry is the same; the modules still mark their hooks with @hookimpl."""

    def __init__(self, modules):
        self.modules = modules

    def _results(self, hook):
        for module in reversed(self.modules):
            impl = getattr(module, hook, None)
            result = impl() if impl is not None else None
            if result is not None:
                yield result

    @hookspec.hookimpl
    def minislint_rules(self):
        return [rule for rules in self._results("minislint_rules") for rule in rules]

    @hookspec.hookimpl
    def minislint_languages(self):
        return [lang for langs in self._results("minislint_languages") for lang in langs]

    @hookspec.hookimpl
    def minislint_parsers(self):
        return {k: v for parsers in self._results("minislint_parsers") for k, v in parsers.items()}

    @hookspec.hookimpl
    def minislint_walkers(self):
        return {k: v for walkers in self._results("minislint_walkers") for k, v in walkers.items()}


def plugin_manager(extra=()) -> pluggy.PluginManager:
    pm = pluggy.PluginManager("minislint")
    pm.add_hookspecs(hookspec)
    pm.register(_BuiltinPack([importlib.import_module(name) for name in BUILTIN]), name="minislint.builtin")
    _third_party(pm)
    for plugin in extra:
        pm.register(plugin)
    return pm


def _third_party(pm: pluggy.PluginManager) -> None:
    """Packs from other distributions (an older minislint install's own entries are skipped)."""
    if not _may_declare_packs():
        return
    from importlib.metadata import entry_points

    for ep in entry_points(group=GROUP):
        if ep.value in BUILTIN or pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        pm.register(ep.load(), name=ep.name)


def _may_declare_packs() -> bool:
    """Whether any distribution importlib.metadata would find may declare a pack: a look at each
    ``entry_points.txt`` where the path finder looks, before importing importlib.metadata, which
    (import, then every distribution's metadata read) cost an editor's check of one file ~25 ms.
    Anything this cannot look into cheaply (a zip on sys.path, another finder of distributions)
    answers yes, and importlib.metadata decides."""
    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return True
    for root in sys.path:
        if not isinstance(root, str):
            return True
        try:
            children = os.listdir(root or ".")
        except NotADirectoryError:  # a zip file or egg archive
            return True
        except (OSError, ValueError):
            continue
        egg = os.path.basename(root).lower().endswith(".egg")
        for child in children:
            low = child.lower()
            if not (low.endswith((".dist-info", ".egg-info")) or (egg and low == "egg-info")):
                continue
            try:
                with open(os.path.join(root, child, "entry_points.txt"), "rb") as f:
                    if GROUP.encode() in f.read():
                        return True
            except OSError:  # no entry points, or an .egg-info file
                continue
    return False


def build_registry(pm: pluggy.PluginManager) -> Registry:
    reg = Registry()
    for rules in pm.hook.minislint_rules():
        for rule in rules or ():
            if rule.id in reg.rules and type(reg.rules[rule.id]) is not type(rule):
                raise PluginError(f"two plugins define the rule id {rule.id!r}")
            reg.rules[rule.id] = rule
    for langs in pm.hook.minislint_languages():
        for lang in langs or ():
            for key in lang.extensions + lang.filenames:
                reg.languages[key.lower()] = lang
    for parsers in pm.hook.minislint_parsers():
        reg.parsers.update(parsers or {})
    for walkers in pm.hook.minislint_walkers():
        reg.walkers.update(walkers or {})
    return reg


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    return build_registry(plugin_manager())
