"""The plugin registry: every language, parser and rule comes through pluggy entry points."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pluggy

from minislint import hookspec

GROUP = "minislint.plugins"


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


def plugin_manager(extra=()) -> pluggy.PluginManager:
    pm = pluggy.PluginManager("minislint")
    pm.add_hookspecs(hookspec)
    pm.load_setuptools_entrypoints(GROUP)
    for plugin in extra:
        pm.register(plugin)
    return pm


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
