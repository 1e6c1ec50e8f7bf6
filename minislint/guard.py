"""Run parsers and rules on deep input without crashing the interpreter.

esprima2 and tinycss2 are recursive descent: each level of nesting costs ~16 Python frames
(`((1))`) to ~33 (`f(function(){...})`), so under Python's default limit of 1000 frames a file
with 40 nested callbacks already fails to parse. Raising the limit alone is not safe: on Python
3.10 every Python call also uses ~480 bytes of C stack, and 10 000 nested parentheses under a
raised limit overflow the 8 MB main-thread stack (SIGSEGV, exit 139; measured, see fuzz/README.md).

So `run()` calls the work in a worker thread whose stack is sized for the raised limit
(`STACK_BYTES`, ~2.5 KB per allowed frame, five times what 3.10 needs), and turns what deep or
huge input does to Python - RecursionError, MemoryError - into `TooDeep`, which the engine
reports as a finding for that file while the run goes on. Other exceptions pass through
unchanged, with their traceback.

`run(..., timeout=s)` is the per-file time budget (issue 13): when the work has used `s` seconds
of CPU (the worker thread's own clock: other load on a CI machine does not count), `TookTooLong` is raised inside the worker thread (CPython's PyThreadState_SetAsyncExc,
delivered at the next bytecode; it is a BaseException so no `except Exception` in a rule or a
parser swallows it) and in the caller, which reports the file instead of stalling CI. Work stuck
inside one C call (a regular expression) cannot be interrupted: after a grace period the caller
gives up on the thread (a daemon) and goes on.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import Callable, TypeVar

T = TypeVar("T")

STACK_BYTES = 256 * 1024 * 1024      # reserved address space; only the pages used are touched
BYTES_PER_FRAME = 2560               # C stack per Python frame we allow (3.10 measured ~480)
_FALLBACK_STACKS = (STACK_BYTES, 64 * 1024 * 1024, 16 * 1024 * 1024)

_local = threading.local()
_lock = threading.Lock()
_active = 0          # guarded calls running (the recursion limit is process-wide)
_saved_limit = None


class TooDeep(Exception):
    """The input nests deeper (or is larger) than minislint can follow."""

    def __init__(self, reason: str = "nesting"):
        self.reason = reason  # "nesting" | "memory"
        super().__init__("too deeply nested to check" if reason == "nesting"
                         else "too large to check (out of memory)")


class TookTooLong(BaseException):
    """The work ran past its time budget (a BaseException: `except Exception` lets it through)."""

    def __init__(self, seconds: float = 0):
        self.seconds = seconds
        super().__init__(f"took longer than {seconds:g} s")


GRACE = 2.0  # seconds a thread interrupted at its budget gets to unwind


def limit_for(stack_bytes: int) -> int:
    return stack_bytes // BYTES_PER_FRAME


def active() -> bool:
    """True inside a guarded call (nested `run` calls then run in place)."""
    return getattr(_local, "limit", None) is not None


def run(fn: Callable[..., T], *args, timeout: float | None = None, **kwargs) -> T:
    """`fn(*args, **kwargs)` on a big stack with a raised recursion limit, within `timeout`
    seconds when given; see the module doc."""
    if active():
        return _call(fn, args, kwargs)
    box: dict = {}

    def target():
        try:
            box["value"] = _call(fn, args, kwargs)
        except BaseException as err:  # handed to the caller's thread below
            box["error"] = err

    thread = _start(target)
    if timeout is None:
        thread.join()
    elif _over_budget(thread, timeout):
        _interrupt(thread, TookTooLong)
        thread.join(GRACE)
        if thread.is_alive() or isinstance(box.get("error"), TookTooLong):
            raise TookTooLong(timeout)
    if "error" in box:
        raise box["error"]
    return box["value"]


def _over_budget(thread: threading.Thread, seconds: float) -> bool:
    """Wait for `thread`; True when it used more than `seconds` of CPU (its own clock, so a
    machine busy with other jobs does not make a file time out), or ten times that in wall
    time (where there is no per-thread clock, `seconds` of wall time)."""
    try:
        clock = time.pthread_getcpuclockid(thread.ident)
    except (AttributeError, OSError):  # not on this platform
        clock = None
    start = time.monotonic()
    while True:
        thread.join(min(0.2, seconds))
        if not thread.is_alive():
            return False
        wall = time.monotonic() - start
        try:
            cpu = time.clock_gettime(clock) if clock is not None else wall
        except OSError:  # the thread ended between the two calls
            cpu = 0.0
        if cpu > seconds or wall > 10 * seconds:
            return True


def _interrupt(thread: threading.Thread, exc: type) -> None:
    """Raise `exc` in `thread` at its next bytecode."""
    import ctypes  # only here: loading it is an audit event (tests/test_no_side_effects.py)

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(exc))


def _call(fn, args, kwargs):
    try:
        return fn(*args, **kwargs)
    except RecursionError:
        raise TooDeep("nesting") from None
    except MemoryError:
        raise TooDeep("memory") from None


def _start(target) -> threading.Thread:
    """Start `target` on the biggest stack the platform grants, with the limit that stack allows."""
    with _lock:
        for stack in _FALLBACK_STACKS + (0,):
            try:
                old = threading.stack_size(stack)
            except (ValueError, RuntimeError):  # size refused on this platform
                continue
            try:
                limit = limit_for(stack) if stack else sys.getrecursionlimit()
                thread = threading.Thread(target=_limited, args=(target, limit),
                                          name="minislint-guard", daemon=True)
                thread.start()
                return thread
            except RuntimeError:  # "can't start new thread": the mapping was refused
                continue
            finally:
                threading.stack_size(old)
    raise TooDeep("memory")


def _limited(target, limit: int) -> None:
    _enter(limit)
    try:
        target()
    finally:
        _leave()


def _enter(limit: int) -> None:
    global _active, _saved_limit
    with _lock:
        if _active == 0:
            _saved_limit = sys.getrecursionlimit()
        _active += 1
        # Only ever raise: another guarded thread may be deep in its own work.
        if limit > sys.getrecursionlimit():
            sys.setrecursionlimit(limit)
    _local.limit = limit


def _leave() -> None:
    global _active
    _local.limit = None
    with _lock:
        _active -= 1
        if _active == 0 and _saved_limit is not None:
            sys.setrecursionlimit(_saved_limit)
