"""A progress line on stderr for long runs (a bundle folder, hundreds of files).

Only on a terminal and only once the run has taken a moment, so short runs, pipes, CI logs and
editors never see it; the line is erased before the report is printed.
"""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, stream=None, delay: float = 0.5, interval: float = 0.1):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.delay = delay
        self.interval = interval
        self.started = time.monotonic()
        self.last = 0.0
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (now - self.last < self.interval and done < total):
            return
        self.last = now
        line = f"minislint: {done}/{total} files ({done * 100 // total}%)"
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def close(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
