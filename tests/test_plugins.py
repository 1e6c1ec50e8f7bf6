"""A third-party rule pack is registered like the built-ins and its findings come out alike."""
import sys
import textwrap
from importlib import metadata
from pathlib import Path

from minislint.config import Settings
from minislint.engine import Engine
from minislint.plugins import build_registry, plugin_manager

PACK = textwrap.dedent('''
    from minislint.hookspec import hookimpl
    from minislint.rule import Rule

    class NoAlert(Rule):
        id = "no-alert"
        severity = "warning"
        summary = "alert() blocks the webview"
        languages = ("js",)
        triggers = ("alert",)
        docs = "## What it does\\nx\\n## Why is this bad?\\nx\\n## Example\\nx\\n## Use instead\\nx"

        def create(self, ctx):
            def call(node):
                if ctx.global_path(node.callee) == ("alert",):
                    ctx.report(node.callee, "alert() blocks the webview")
            return {"CallExpression": call}

    @hookimpl
    def minislint_rules():
        return [NoAlert()]
''')


def _install_pack(tmp_path, monkeypatch):
    """A real distribution on sys.path with an entry point in the minislint.plugins group."""
    site = tmp_path / "site"
    (site / "acme_pack").mkdir(parents=True)
    (site / "acme_pack" / "__init__.py").write_text(PACK)
    dist = site / "acme_pack-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-pack\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[minislint.plugins]\nacme = acme_pack\n")
    monkeypatch.syspath_prepend(str(site))
    metadata.distributions.cache_clear() if hasattr(metadata.distributions, "cache_clear") else None


def test_entry_point_pack_reports_like_builtins(tmp_path, monkeypatch):
    _install_pack(tmp_path, monkeypatch)
    registry = build_registry(plugin_manager())
    assert "no-alert" in registry.rules and "no-eval" in registry.rules
    engine = Engine(Settings(), registry)
    found = engine.lint_text(Path("a.js"), "alert(1);\neval(x);\nfunction f(alert) { alert(2) }")
    assert sorted((f.rule, f.severity, f.line, f.column) for f in found) == [
        ("no-alert", "warning", 1, 1), ("no-eval", "error", 2, 1)]
    sys.modules.pop("acme_pack", None)


def test_builtin_pack_needs_no_entry_points(monkeypatch):
    """Start-up registers the built-ins directly (issue 11); entry points are for other packs."""
    monkeypatch.setattr(metadata, "entry_points", lambda **kw: [])
    registry = build_registry(plugin_manager())
    assert {"no-eval", "no-function-constructor", "no-string-timer", "syntax-error"} <= set(registry.rules)
    assert registry.parsers["js"] and registry.language_for(Path("a.ts")).name == "typescript"


def test_a_crashing_rule_costs_only_its_own_findings():
    from minislint.hookspec import hookimpl
    from minislint.rule import Rule

    class Boom(Rule):
        id = "boom"
        languages = ("js",)

        def create(self, ctx):
            def explode(node):
                raise ValueError("kaboom")
            return {"CallExpression": explode}

    class Pack:
        @hookimpl
        def minislint_rules(self):
            return [Boom()]

    registry = build_registry(plugin_manager(extra=[Pack()]))
    found = Engine(Settings(), registry).lint_text(Path("a.js"), "eval(x)")
    assert sorted((f.rule, f.line, f.column) for f in found) == [("internal-error", 1, 1), ("no-eval", 1, 1)]
    assert "rule 'boom' crashed: ValueError: kaboom" in [f for f in found if f.rule == "internal-error"][0].message


def test_metadata_is_read_only_where_a_pack_may_be_declared(tmp_path, monkeypatch):
    """The look before importlib.metadata (issue 11): yes for a distribution that declares the
    group and for a place it cannot look into cheaply (a zip on sys.path), no otherwise."""
    from minislint import plugins

    assert not plugins._may_declare_packs()  # the test install declares no pack
    other = tmp_path / "other" / "other_pack-1.0.dist-info"
    other.mkdir(parents=True)
    (other / "entry_points.txt").write_text("[console_scripts]\nother = other_pack:main\n")
    monkeypatch.syspath_prepend(str(other.parent))
    assert not plugins._may_declare_packs()
    (tmp_path / "packs.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip archive
    monkeypatch.syspath_prepend(str(tmp_path / "packs.zip"))
    assert plugins._may_declare_packs()
    monkeypatch.setattr(sys, "path", [p for p in sys.path if not p.endswith("packs.zip")])
    _install_pack(tmp_path, monkeypatch)
    assert plugins._may_declare_packs()


def test_builtin_pack_as_one_plugin_registers_what_a_plugin_per_module_did():
    """Same rules, languages, parsers and walkers, in the same order, as when pluggy called
    each built-in module (last registered first)."""
    import importlib

    import pluggy

    from minislint import hookspec, plugins

    pm = pluggy.PluginManager("minislint")
    pm.add_hookspecs(hookspec)
    for name in plugins.BUILTIN:
        pm.register(importlib.import_module(name), name=name)
    per_module, pack = build_registry(pm), build_registry(plugin_manager())
    assert [(k, type(r)) for k, r in per_module.rules.items()] == [(k, type(r)) for k, r in pack.rules.items()]
    assert [(k, v.name) for k, v in per_module.languages.items()] == [(k, v.name) for k, v in pack.languages.items()]
    assert per_module.parsers == pack.parsers and list(per_module.parsers) == list(pack.parsers)
    assert per_module.walkers == pack.walkers and list(per_module.walkers) == list(pack.walkers)
