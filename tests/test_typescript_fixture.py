"""fixtures/ts-app linted as a user would: every finding at its line and column in the TS source."""
import json
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

EXPECTED = [
    ("ts-app/src/App.tsx", 16, 38, "no-string-timer"),       # const code: string
    ("ts-app/src/App.tsx", 21, 11, "no-forbidden-api"),      # navigator.clipboard?.writeText(... as string)
    ("ts-app/src/App.tsx", 29, 24, "no-native-video"),       # <video src={e.src!} />
    ("ts-app/src/App.tsx", 32, 26, "no-navigation"),         # location.href = ...
    ("ts-app/src/Hello.vue", 10, 14, "no-string-timer"),     # <script setup lang="ts">
    ("ts-app/src/api.ts", 12, 25, "untrusted-domain"),       # navigator.sendBeacon!(...)
    ("ts-app/src/legacy.cts", 5, 14, "no-function-constructor"),  # CommonJS with `export =`
]


def test_ts_app_findings_are_at_their_typescript_positions():
    proc = subprocess.run([sys.executable, "-m", "minislint", "ts-app", "--format", "json", "--no-cache"],
                          cwd=FIXTURES, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)
    in_src = sorted((f["path"], f["line"], f["column"], f["rule"]) for f in findings if "/src/" in f["path"])
    assert in_src == EXPECTED
    assert not any(f["rule"] in ("syntax-error", "internal-error") for f in findings)
