"""Replay inputs kept from the fuzzers through the fuzz target's own check.

Each file in tests/data/fuzz/ is one atheris input (first byte: file type, see fuzz/fuzz_lint.py).
The first atheris runs found no crash, so these are inputs it kept for reaching rare paths
(decode problems, invalid regular expressions, broken inline scripts, Vue blocks in TypeScript,
a CSS map comment to a missing file); a crash it finds later belongs here too. The check fails
on an escaping exception, an internal-error or a position outside the file.
"""
import importlib.util
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
INPUTS = sorted((HERE / "data" / "fuzz").glob("*"))


def _target():
    spec = importlib.util.spec_from_file_location("fuzz_lint", HERE.parent / "fuzz" / "fuzz_lint.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TARGET = _target()


def test_there_are_inputs_to_replay():
    assert len(INPUTS) >= 10


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_fuzz_input_replays_cleanly(path):
    TARGET.one_input(path.read_bytes())
