"""Lint many files: cached findings first, then the rest on `--jobs` processes (issue 6).

Parsing is pure Python and holds the GIL, so only processes use more than one core. The main
process reads each file once, asks the cache, and sends the bytes of the misses to the workers
(largest first, so one big bundle does not finish last alone); the findings come back pickled
and are cached under the key of exactly the bytes that were linted.
"""
from __future__ import annotations

import gc
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from minislint.engine import MAX_FILE_BYTES, display_path

# Below this much work a second process costs more than it saves (a fork plus result pickling).
MIN_PARALLEL_BYTES = 256 * 1024

_worker_engine = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def lint_files(engine, files: list[Path], jobs: int = 1, cache=None) -> Iterator[tuple[list, int]]:
    """(findings, rule crashes) for each file, in completion order."""
    todo = []  # (size, path, display, data, key)
    for path in files:
        display = display_path(path)
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise OSError
            data = path.read_bytes()
        except OSError:  # the engine words the finding for unreadable and oversized files
            with no_gc():
                yield engine.lint_file(path)
            continue
        key = cache.key(path, display, data) if cache is not None else None
        found = cache.get(key) if cache is not None else None
        if found is not None:
            yield found, 0
        else:
            todo.append((len(data), path, display, data, key))
    if not todo:
        return
    todo.sort(key=lambda t: -t[0])
    workers = min(jobs, len(todo))
    if workers > 1 and sum(t[0] for t in todo) >= MIN_PARALLEL_BYTES and _can_fork():
        results = _in_processes(engine, todo, workers)
    else:
        results = ((t, _lint(engine, t[1], t[2], t[3])) for t in todo)
    for (_, _, _, _, key), (found, crashed) in results:
        if cache is not None and not crashed:  # a crash is not a result worth keeping
            cache.put(key, found)
        yield found, crashed


def _can_fork() -> bool:
    import multiprocessing  # lazily: ~50 ms that a warm or one-file run does not need

    # fork shares the loaded registry (plugins registered in-process included) at no cost;
    # without it (Windows, macOS default) stay serial rather than re-import everything per worker.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _in_processes(engine, todo, workers):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _worker_engine
    _worker_engine = engine  # inherited by the forked workers
    ctx = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_die_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            futures = {pool.submit(_work, t[1], t[2], t[3]): t for t in todo}
            for future in as_completed(futures):
                t = futures[future]
                try:
                    result = future.result()
                except Exception:  # a worker that died (memory, signal): lint it here instead
                    result = _lint(engine, t[1], t[2], t[3])
                yield t, result
    finally:
        _worker_engine = None


def _die_with_parent(parent: int) -> None:
    """A worker ends when the main process does, even by `kill -9` (which runs no clean-up):
    Linux sends it SIGKILL when its parent exits (prctl PR_SET_PDEATHSIG)."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers are only forked there (_can_fork)
        return
    if os.getppid() != parent:  # the parent died before the call above took effect
        os._exit(1)


def _work(path, display, data):
    return _lint(_worker_engine, path, display, data)


def _lint(engine, path, display, data):
    with no_gc():
        return engine.lint_data(path, display, data)


@contextmanager
def no_gc():
    """No cyclic garbage collection while one file is linted, one young-generation pass after.

    A syntax tree is hundreds of thousands of objects tied in cycles (`parent` links); while it
    is built, every 700 allocations start a collection that traverses the growing tree again.
    On the 3.93 MB corpus that was a third of all CPU time (22.2 s -> 14.6 s, peak memory the
    same). Everything allocated meanwhile is still in generation 0, so the pass after the file
    frees the tree without traversing older objects."""
    if not gc.isenabled():  # the caller manages the collector
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)
