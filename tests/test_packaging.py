"""The wheel ships rules/ as minislint.rules, and every subpackage is listed in pyproject.toml."""
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "minislint").rglob("__init__.py")}
    on_disk |= {"minislint.rules." + ".".join(p.parent.relative_to(ROOT / "rules").parts)
                for p in (ROOT / "rules").rglob("__init__.py") if p.parent != ROOT / "rules"}
    on_disk.add("minislint.rules")
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"


def test_rules_are_not_a_top_level_package():
    import minislint.rules.no_eval as mod

    assert mod.__name__ == "minislint.rules.no_eval"
    assert Path(mod.__file__).parent.name == "rules"
    assert "rules" not in sys.modules or getattr(sys.modules["rules"], "__file__", None) is None
