"""Batch throughput of `factcheck check FOLDER --jobs N`: articles per second for each N, side by
side, with the ratio to --jobs 1.

    python benchmarks/bench_batch.py                 # 1,000 articles, --jobs 1 and 2
    python benchmarks/bench_batch.py --count 200 --jobs 1 2 4

The articles are generated in a temporary folder from the example article: excerpts of its
paragraphs with figures, years and formats varied (plain text, Markdown with front matter and
bold figures, HTML), so the pipeline meets the same kinds of claims at different places. Each run
is a fresh process (start-up included, as a CI job would see it); start-up alone is measured on an
empty folder and shown on its own line. The machine's other load shows in the figures: run it on
a quiet machine and compare ratios, not single runs.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "claims" / "cosdream-north-korea-exports.txt"
FIGURES = ["$2.27 billion", "$1.59 billion", "$318 million", "$2.8 billion", "$539 million", "$3.1 billion"]
SHARES = ["97%", "74%", "95%", "83%", "about 90%"]


def make_articles(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    paragraphs = [p.strip() for p in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for i in range(count):
        chosen = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(6, 14)))
        text = "\n\n".join(chosen)
        text = text.replace("$2.27 billion", rng.choice(FIGURES)).replace("97%", rng.choice(SHARES))
        text = text.replace("In 2023", f"In {rng.randint(2014, 2024)}")
        kind = i % 3
        if kind == 0:
            (folder / f"article-{i:04}.txt").write_text(text, encoding="utf-8")
        elif kind == 1:
            body = text.replace("$", "**$", 1).replace(" billion", " billion**", 1) if "$" in text else text
            front = f"---\ntitle: Draft {i}\nfigure: \"$5 billion\"\n---\n# Draft {i}\n\n"
            (folder / f"article-{i:04}.md").write_text(front + body + "\n", encoding="utf-8")
        else:
            paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n\n"))
            page = f"<html><head><title>Draft {i}</title><script>var x='$9 billion'</script></head><body>\n{paras}</body></html>\n"
            (folder / f"article-{i:04}.html").write_text(page, encoding="utf-8")


def run(folder: Path, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the run and its workers)."""
    command = [sys.executable, "-c", "from factcheck.cli import main; main()", "check", str(folder),
               "--format", "json", "--output", os.devnull, "--fail-on", "never", "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if completed.returncode != 0:
        raise SystemExit(f"factcheck failed ({completed.returncode}): {completed.stderr.strip()}")
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="articles to generate (default 1000)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="values of --jobs to compare")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        folder, empty = Path(tmp) / "articles", Path(tmp) / "empty"
        folder.mkdir(), empty.mkdir()
        make_articles(folder, args.count)
        load_before = os.getloadavg()[0]
        startup, _ = run(empty, 1)
        results = [(jobs, *run(folder, jobs)) for jobs in args.jobs]
    base = args.count / results[0][1]
    print(f"{args.count} generated articles (txt/md/html), CPUs available: {os.cpu_count()}, "
          f"load average before: {load_before:.1f}")
    print(f"start-up on an empty folder: {startup:.2f} s (included in each run below)")
    # CPU cores used = CPU seconds / wall seconds: far below --jobs means the machine was busy.
    print(f"{'--jobs':>6}  {'seconds':>8}  {'articles/s':>10}  {'ratio vs first':>14}  {'CPU cores used':>14}")
    for jobs, seconds, cpu in results:
        rate = args.count / seconds
        print(f"{jobs:>6}  {seconds:>8.2f}  {rate:>10.2f}  {rate / base:>13.2f}x  {cpu / seconds:>14.2f}")


if __name__ == "__main__":
    main()
