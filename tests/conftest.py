import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import ruletester.py


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory, monkeypatch):
    """The findings cache lives in the user's cache folder: each test (and the minislint
    processes it starts) gets its own, never the real one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
    monkeypatch.delenv("MINISLINT_CACHE_DIR", raising=False)
