#!/usr/bin/env python3
"""Fetch the pinned benchmark inputs listed in corpus.json with `npm pack`.

bench/corpus/<package>/<file>      the ~4 MB corpus (issue 6), one bundle per package
bench/sample/<package>/<path>      a deterministic sample of real npm .js files (issue 2)

Tarballs are cached in bench/.cache/ so a second run does not touch the registry.
Usage: python bench/fetch_corpus.py [--no-sample]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache"
CORPUS = BENCH / "corpus"
SAMPLE = BENCH / "sample"
JS_EXT = (".js", ".mjs", ".cjs")


def pack(spec: str) -> Path:
    """Return the cached tarball for an exact `name@version`, running `npm pack` if needed."""
    CACHE.mkdir(exist_ok=True)
    name, version = spec.rsplit("@", 1)
    tgz = CACHE / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not tgz.exists():
        out = subprocess.run(
            ["npm", "pack", spec, "--json", "--pack-destination", str(CACHE)],
            check=True, capture_output=True, text=True,
        ).stdout
        made = CACHE / json.loads(out)[0]["filename"]
        if made != tgz:
            made.rename(tgz)
    return tgz


def members(tgz: Path) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(tgz) as tar:
        # npm tarballs put everything under "package/"
        return {m.name.split("/", 1)[1]: m for m in tar.getmembers() if m.isfile()}


def extract(tgz: Path, inner: str, dest: Path) -> Path:
    with tarfile.open(tgz) as tar:
        data = tar.extractfile(f"package/{inner}").read()
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return dest


def fetch_corpus(cfg: dict) -> list[dict]:
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    manifest = []
    for item in cfg["corpus"]:
        spec = f"{item['package']}@{item['version']}"
        dest = extract(pack(spec), item["file"], CORPUS / item["package"] / item["file"])
        data = dest.read_bytes()
        manifest.append({
            "package": spec, "file": str(dest.relative_to(BENCH)), "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        })
        print(f"{spec:28} {item['file']:36} {len(data):>9,} B")
    (CORPUS / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n")
    total = sum(m["bytes"] for m in manifest)
    print(f"corpus: {len(manifest)} files, {total:,} bytes ({total / 1e6:.2f} MB)")
    return manifest


def fetch_sample(cfg: dict) -> int:
    """Draw sample_size files, an equal share per package (redistributing what small
    packages cannot fill), with a fixed seed so every run picks the same files."""
    if SAMPLE.exists():
        shutil.rmtree(SAMPLE)
    pools = {}
    for spec in cfg["sample"]:
        tgz = pack(spec)
        pools[spec] = (tgz, sorted(p for p in members(tgz) if p.endswith(JS_EXT)))
    quota = {spec: 0 for spec in pools}
    left = cfg["sample_size"]
    while left:
        open_ = [s for s in pools if quota[s] < len(pools[s][1])]
        if not open_:
            break
        for spec in open_:
            if left and quota[spec] < len(pools[spec][1]):
                quota[spec] += 1
                left -= 1
    count = 0
    for spec, (tgz, files) in pools.items():
        name = spec.rsplit("@", 1)[0]
        chosen = random.Random(spec).sample(files, quota[spec])
        with tarfile.open(tgz) as tar:  # one pass per tarball: gzip cannot seek
            for inner in chosen:
                dest = SAMPLE / name / inner
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(tar.extractfile(f"package/{inner}").read())
                count += 1
    print(f"sample: {count} files from {len(pools)} packages")
    return count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-sample", action="store_true", help="fetch only the timed corpus")
    args = ap.parse_args()
    cfg = json.loads((BENCH / "corpus.json").read_text())
    fetch_corpus(cfg)
    if not args.no_sample:
        fetch_sample(cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
