"""`factcheck check FOLDER --jobs N` against `--jobs 1`, side by side in one run (issue 13, item 6:
`--jobs 2` >= 1.6x `--jobs 1` on the 1,000 realistic articles when the two cores are idle).

    python benchmarks/bench_jobs.py --data-dir STORE_WITH_COW [--articles 1000] [--jobs 1 2 auto] [--repeat 2]

The articles are bench_speed.py's (the gold corpus's paragraphs, 14-30 each, fixed seed). Each run
is a fresh process writing `--format json` to the null device, as a CI job would. For every run
it prints the wall time, the CPU seconds of the run and its workers, how many cores that kept
busy (CPU / wall: 2.0 is both cores all the time) and the load average before it: on a shared
machine the other load takes cores from the workers, and the measured ratio only means what the
issue asks when the load before the runs is well under 1. Beside it, the ratio of critical paths
in CPU seconds (Linux, from /proc; see `critical_path`): the parent's serial work (start, reading,
the first document, a report built whole) plus the workers' share of the cores, against `--jobs
1`'s CPU. That is what the wall times would be on idle cores if the CPU seconds did not change with
the load (they grow a little when two processes share a core's caches); an estimate, printed as one. With --repeat the runs alternate (1, 2, 2, 1, ...)
so a change of load hits both alike, and the fastest of each counts.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_speed import FACTCHECK, make_articles  # noqa: E402


CLOCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_of(pid: int) -> float | None:
    """CPU seconds (user + system) of one live process, from /proc (None: gone or no /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK


def _children_of(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def run(folder: Path, data_dir: Path, jobs: str) -> dict:
    """One fresh `factcheck check` process: wall seconds, CPU seconds of it and its workers, the
    1-minute load before, and (Linux) the CPU of the parent and of each worker, sampled from /proc
    every 0.1 s, for the critical path: the parent's own CPU plus its busiest worker's."""
    command = [*FACTCHECK, "check", str(folder), "--format", "json", "--output", os.devnull, "--fail-on", "never",
               "--data-dir", str(data_dir), "--jobs", jobs]
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: dict[int, float] = {}
    parent_at = {}  # the parent's CPU when the first worker was seen and the last time one was
    while process.poll() is None:
        children = _children_of(process.pid)
        for pid in [process.pid, *children]:
            cpu = _cpu_of(pid)
            if cpu is not None:
                seen[pid] = cpu
        if children and process.pid in seen:
            parent_at.setdefault("first", seen[process.pid])
            parent_at["last"] = seen[process.pid]
        time.sleep(0.1)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    workers = [v for pid, v in seen.items() if pid != process.pid]
    parent = seen.get(process.pid, cpu)
    return {"wall": wall, "cpu": cpu, "load": load, "parent": parent, "workers": workers,
            "path": critical_path(parent, workers, parent_at)}


def critical_path(parent: float, workers: list[float], parent_at: dict) -> float:
    """The wall time idle cores would give, from CPU seconds: the parent's work before the first
    worker and after the last one is serial; between them the parent's share (taking results,
    writing a streamed report) and the workers' run side by side on the usable cores, and the run
    lasts at least as long as its busiest worker."""
    if not workers or "first" not in parent_at:
        return parent
    before, during = parent_at["first"], parent_at["last"] - parent_at["first"]
    after = parent - parent_at["last"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return before + max(max(workers), (sum(workers) + during) / cores) + after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="A store with imported datasets (COW); default: bundled data only.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", nargs="+", default=["1", "2"], help="The --jobs values to run (the first is the anchor).")
    parser.add_argument("--repeat", type=int, default=1, help="Runs of each value, alternating; the fastest counts.")
    args = parser.parse_args()
    print(f"{len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()} usable cores, "
          f"load {os.getloadavg()[0]:.2f} at the start")
    with tempfile.TemporaryDirectory() as tmp:
        folder, empty = Path(tmp) / "articles", Path(tmp) / "empty-store"
        folder.mkdir(), empty.mkdir()
        words = make_articles(folder, args.articles)
        data_dir = args.data_dir or empty
        print(f"{args.articles} articles, {words:,} words, {'data from ' + str(data_dir) if args.data_dir else 'bundled data only'}")
        runs: dict[str, list[dict]] = {jobs: [] for jobs in args.jobs}
        for round_ in range(args.repeat):
            order = args.jobs if round_ % 2 == 0 else list(reversed(args.jobs))
            for jobs in order:
                r = run(folder, data_dir, jobs)
                runs[jobs].append(r)
                shares = " + ".join(f"{w:.1f}" for w in r["workers"])
                print(f"  --jobs {jobs:>4}: {r['wall']:6.1f} s wall, {r['cpu']:6.1f} s CPU = {r['cpu'] / r['wall']:.2f} "
                      f"cores busy, {args.articles / r['wall']:5.1f} articles/s (load {r['load']:.2f} before); "
                      f"CPU of the parent {r['parent']:.1f} s" + (f", of the workers {shares} s" if shares else "")
                      + f"; critical path {r['path']:.1f} s",
                      flush=True)
        anchor = runs[args.jobs[0]]
        for jobs in args.jobs[1:]:
            fastest = min(runs[jobs], key=lambda r: r["wall"])
            ratio = min(r["wall"] for r in anchor) / fastest["wall"]
            print(f"--jobs {jobs} vs --jobs {args.jobs[0]}: {ratio:.2f}x measured: {verdict(ratio)} on idle cores "
                  f"only (load {fastest['load']:.2f} before its fastest run, {os.getloadavg()[0]:.2f} at the end)")
            path = min(r["path"] for r in anchor) / min(r["path"] for r in runs[jobs])
            print(f"--jobs {jobs} vs --jobs {args.jobs[0]}: {path:.2f}x by the critical path in CPU seconds (see "
                  f"critical_path: what idle cores would give if the CPU seconds do not change with the load): "
                  f"{verdict(path)}")


def verdict(ratio: float) -> str:
    return f"{'met' if ratio >= 1.6 else 'NOT met'} (>= 1.6)"

if __name__ == "__main__":
    main()
