"""The worker processes behind `factcheck check --jobs N` (docs/cli.md, docs/reliability.md).

Why it is built this way (measured on the benchmark's articles, see benchmarks/bench_jobs.py):

- Workers start warm. On Linux they are forked after the parent has checked the run's first
  document, so spaCy's pipeline, the claims stage's compiled patterns, the catalog and its caches
  are inherited, not rebuilt; where fork is not the safe choice (macOS, Windows) the platform's
  start method is used and the caller's `warm_up` builds them once per worker, in its initializer.
- Workers receive batches of documents and send back the DocumentReports of a whole batch, so one
  round trip carries many documents; pickling them costs ~5 ms per document against ~100 ms of
  checking.
- Results come back in input order with at most a few batches in flight (`ordered`), so a report
  written as the run goes stays in the order of the files and the parent never holds the run's
  results because the workers ran ahead.
- A worker cannot outlive the run; Ctrl-C or a dead worker stops the others at once, and a dead
  worker is one line (`WorkerDied`, a FactcheckError: exit 2), not a traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from factcheck.errors import ConfigError, FactcheckError

Item = TypeVar("Item")
Result = TypeVar("Result")

# A worker is worth starting only for a few files of its own: below that, forking it and filling
# its caches (the first batch of a fresh worker costs ~2.5x a warm one) outweigh its share.
MIN_FILES_PER_WORKER = 4
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: one running, one ready when it finishes


class WorkerDied(FactcheckError):
    """A worker process ended without returning its batch (killed, or out of memory)."""


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity (taskset, cgroups cpusets), not the
    machine's count (os.process_cpu_count on Python 3.13+, sched_getaffinity before)."""
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return max(1, counter() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def parse_jobs(value: str) -> int:
    """`--jobs auto` (the default): one worker per usable core; `--jobs N`: at most N; `--jobs 1`:
    everything in this process."""
    text = str(value).strip().lower()
    if text == "auto":
        return usable_cores()
    try:
        number = int(text)
    except ValueError:
        raise ConfigError(f"--jobs must be a number of processes or auto, not {value!r}") from None
    if number < 1:
        raise ConfigError("--jobs must be at least 1 (or auto)")
    return number


def worker_count(requested: int, files: int) -> int:
    """Never more workers than cores to run them (`--jobs 100000` forked 100,000 processes and
    met the OOM killer) nor than the files give work for (MIN_FILES_PER_WORKER each)."""
    return max(1, min(requested, usable_cores(), files // MIN_FILES_PER_WORKER))


def batch_size(files: int, workers: int, largest: int) -> int:
    """Documents per batch: large enough that a round trip carries several documents, small
    enough that each worker gets several batches (the last one to finish is then short)."""
    return max(1, min(largest, files // (workers * 4)))


def _context():
    """fork on Linux: the workers inherit the parent's warm pipeline and caches for free. Elsewhere
    the platform's default (spawn on macOS and Windows, where forking a process that has loaded
    system frameworks is unsafe); the initializer warms each worker up there."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive the run that started it. On Linux the kernel sends SIGKILL when
    the parent dies (prctl PR_SET_PDEATHSIG), even if the parent was killed with SIGKILL;
    elsewhere a watcher thread notices the parent is gone within half a second."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError, TypeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above ran
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _start_worker(parent: int, warm_up: Callable[..., Any] | None, warm_args: tuple) -> None:
    _die_with_parent(parent)
    if warm_up is not None:
        warm_up(*warm_args)


class WorkerPool:
    """`with WorkerPool(n, warm_up, args) as pool: for r in pool.ordered(f, items): ...`

    On leaving the block by an exception (Ctrl-C included) the workers are killed at once rather
    than left to finish the queue; a worker that died is reported as WorkerDied."""

    def __init__(self, workers: int, warm_up: Callable[..., Any] | None = None, warm_args: tuple = ()):
        self.workers = workers
        self._processes: dict[int, Any] = {}
        context = _context()
        if context.get_start_method() == "fork":  # a forked worker inherits the parent's warm state
            warm_up = None
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                                         initargs=(os.getpid(), warm_up, warm_args))

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self._pool.shutdown()
        else:
            self.stop()

    def stop(self) -> None:
        for process in list((getattr(self._pool, "_processes", None) or {}).values()):
            try:
                process.kill()
            except (OSError, ValueError, AttributeError):
                pass
        self._pool.shutdown(wait=False, cancel_futures=True)

    def ordered(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        """`function` over `items` in the workers, results in the order of `items`; at most
        IN_FLIGHT_PER_WORKER items per worker are handed over ahead of the one awaited."""
        todo = iter(items)
        window = self.workers * IN_FLIGHT_PER_WORKER
        pending: deque = deque()
        try:
            for item in todo:
                pending.append(self._submit(function, item))
                if len(pending) >= window:
                    break
            while pending:
                result = pending.popleft().result()
                for item in todo:  # the next item goes out before this result is used
                    pending.append(self._submit(function, item))
                    break
                yield result
        except BrokenProcessPool:
            raise WorkerDied(f"a --jobs worker process stopped unexpectedly ({self._how_workers_ended()}); "
                             "try --jobs 1, or fewer jobs if memory is short") from None

    def _submit(self, function, item):
        future = self._pool.submit(function, item)
        # the processes, kept to say how one ended: the pool forgets them once it is broken
        self._processes.update(getattr(self._pool, "_processes", None) or {})
        return future

    def _how_workers_ended(self) -> str:
        """How the workers ended. The pool sends SIGTERM to the survivors when one dies, so any
        other signal, or an exit status, is the cause."""
        codes = {_exit_code(process) for process in self._processes.values()}
        codes.discard(None)
        causes = sorted(codes - {-signal.SIGTERM}) or sorted(codes)
        signals = [signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else f"signal {-code}"
                   for code in causes if code < 0]
        if signals:
            return "killed by " + ", ".join(signals) + (", perhaps out of memory" if -signal.SIGKILL in causes else "")
        if causes:
            return f"exit status {', '.join(map(str, causes))}"
        return "it was terminated abruptly"


def _exit_code(process) -> int | None:
    """A worker's exit code once it has ended. The pool's own thread reaps dead workers at the
    same time: whichever thread's wait comes second finds the child gone (ECHILD) and sees no
    code until the first has stored it, so a missing code is asked for again, briefly."""
    try:
        process.join(timeout=2)
        for _ in range(40):
            if process.exitcode is not None:
                return process.exitcode
            time.sleep(0.025)
    except (AssertionError, ValueError, OSError):
        pass
    return None
