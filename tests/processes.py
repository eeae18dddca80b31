"""The processes of a `factcheck check --jobs` run, read from /proc (Linux): shared by the tests
that start such a run, interrupt or kill it, and check that nothing outlives it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path


def _stat_fields(entry: Path) -> list[str] | None:
    try:
        return (entry / "stat").read_text().rsplit(")", 1)[1].split()  # state ppid pgrp session ...
    except OSError:
        return None


def children(pid: int) -> list[int]:
    """The live child processes of `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        fields = _stat_fields(entry) if entry.name.isdigit() else None
        if fields is not None and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def session_processes(session: int) -> list[int]:
    """The live (not zombie) processes of a session, a run started with start_new_session=True."""
    found = []
    for entry in Path("/proc").iterdir():
        fields = _stat_fields(entry) if entry.name.isdigit() else None
        if fields is not None and int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def wait_for_workers(run: subprocess.Popen, count: int = 2, timeout: float = 120) -> None:
    """Until the run has `count` worker processes (or has ended)."""
    deadline = time.time() + timeout
    while time.time() < deadline and len(children(run.pid)) < count and run.poll() is None:
        time.sleep(0.05)
    assert run.poll() is None and len(children(run.pid)) >= count, "the workers never started"


def left_behind(run: subprocess.Popen, wait: float = 5) -> list[int]:
    """The processes of the finished run's session still alive after `wait` seconds; they are
    killed, so a failing test leaves nothing running."""
    deadline = time.time() + wait
    while time.time() < deadline and session_processes(run.pid):
        time.sleep(0.1)
    left = session_processes(run.pid)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left
