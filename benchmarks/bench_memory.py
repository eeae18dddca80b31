"""Peak memory of `factcheck check FOLDER --format json` as the folder grows (issue 13, item 5):
with reports streamed per document, the peak should stay flat with the number of files.

    python benchmarks/bench_memory.py [--data-dir STORE_WITH_COW] [--articles 100 1000] [--format json]

The articles are bench_speed.py's (the gold corpus's own paragraphs). Each run is a fresh process;
its peak resident memory is the kernel's figure (ru_maxrss of the child). Printed side by side:
each size's peak, the ratio of the largest to the smallest (1.0 is flat), and the verdict against
issue 13's 400 MB for 1,000 articles.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_speed import make_articles  # noqa: E402

LIMIT_MB = 400


def peak_of(command: list[str]) -> tuple[float, int]:
    """(peak resident MB, exit code) of one fresh process: os.wait4 gives that child's own usage
    (RUSAGE_CHILDREN would be the largest child so far)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    if code not in (0, 1):
        print(stderr.decode(errors="replace")[-2000:])
    return usage.ru_maxrss / 1024, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="A store with imported datasets (COW).")
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--format", default="json")
    args = parser.parse_args()
    sizes = sorted(args.articles)
    print(f"load: {os.getloadavg()[0]:.2f} (1-min average, {os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty-store"
        empty.mkdir()
        peaks = {}
        for count in sizes:
            folder = Path(tmp) / f"articles-{count}"
            folder.mkdir()
            words = make_articles(folder, count)
            command = [sys.executable, "-c", "from factcheck.cli import main; main()", "check", str(folder),
                       "--format", args.format, "--output", os.devnull, "--no-config",
                       "--data-dir", str(args.data_dir or empty)]
            peaks[count], code = peak_of(command)
            print(f"{count:>6} articles ({words:,} words), --format {args.format}: peak {peaks[count]:.0f} MB "
                  f"(exit {code}; load {os.getloadavg()[0]:.2f})")
        smallest, largest = sizes[0], sizes[-1]
        print(f"peak at {largest} / peak at {smallest} articles: {peaks[largest] / peaks[smallest]:.2f}x (1.00x is flat)")
        if 1000 in peaks:
            print(f"1,000-article peak {peaks[1000]:.0f} MB vs the {LIMIT_MB} MB of issue 13: "
                  f"{'met' if peaks[1000] <= LIMIT_MB else 'NOT met'}")


if __name__ == "__main__":
    main()
