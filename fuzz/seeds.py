"""Write a seed corpus for fuzz_lint.py: the repository's small fixture files, type byte first.

    python fuzz/seeds.py fuzz/corpus
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = {".js": 0, ".html": 1, ".css": 2, ".json": 3, ".vue": 4, ".ts": 5, ".jsx": 6, ".mjs": 7}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for folder in ("fixtures", "tests/data"):
        for path in sorted((ROOT / folder).rglob("*")):
            kind = TYPES.get(path.suffix)
            if kind is None or not path.is_file() or path.stat().st_size > 16384:
                continue
            (out / f"seed{n:04d}").write_bytes(bytes([kind]) + path.read_bytes())
            n += 1
    print(f"{n} seeds in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "fuzz/corpus"))
