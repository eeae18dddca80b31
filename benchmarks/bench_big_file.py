"""One very long Markdown file through `factcheck check` (issue 11, class 6): exit 0/1, peak memory,
and whether the claims near its end are placed exactly.

    python benchmarks/bench_big_file.py            # 40 MB, the acceptance size (limit: 1 GB peak)
    python benchmarks/bench_big_file.py --mb 4
    python benchmarks/bench_big_file.py --mb 2 8   # peak memory per MB of input, extrapolated to 40 MB

The file is made of the gold corpus's own paragraphs (claims/*.txt and *.md) in Markdown dress
(headings, bold figures, links, lists), then a last section of sentences whose figures are unique,
so their positions can be checked against the bytes of the file. The check runs in a fresh process;
its peak resident memory is the kernel's (ru_maxrss of that child, from os.wait4).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MEMORY_LIMIT_MB = 1024


def corpus_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((REPO / "claims").glob("*.txt")) + sorted((REPO / "claims").glob("*.md")):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 40]
    return paragraphs


def dress(paragraph: str, rng: random.Random, i: int) -> str:
    """A paragraph as Markdown: some with a heading, a bold figure, a link or as a list item."""
    kind = i % 5
    if kind == 0:
        return f"## Section {i}\n\n{paragraph}"
    if kind == 1 and "$" in paragraph:
        return paragraph.replace("$", "**$", 1).replace(" billion", " billion**", 1) if " billion" in paragraph else paragraph
    if kind == 2:
        return f"{paragraph} See [the source](https://example.org/{i})."
    if kind == 3:
        return "- " + paragraph.replace("\n", " ")
    return paragraph


TAIL = [
    "China's exports to North Korea were ${a}.{b} billion in 2019.",
    "Vietnam's imports from China rose {p}% in 2014.",
]


def write_big_markdown(path: Path, megabytes: float, seed: int = 11) -> list[str]:
    """Write the file; returns the sentences of its last section (each ends the file's text)."""
    rng = random.Random(seed)
    paragraphs = corpus_paragraphs()
    target = int(megabytes * 1024 * 1024)
    written, i = 0, 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("---\ntitle: A very long file\n---\n# A very long file\n\n")
        while written < target:
            block = dress(rng.choice(paragraphs), rng, i) + "\n\n"
            handle.write(block)
            written += len(block.encode("utf-8"))
            i += 1
        tail = [t.format(a=rng.randint(1, 9), b=rng.randint(10, 99), p=rng.randint(11, 49)) for t in TAIL for _ in range(3)]
        handle.write("## The end\n\n" + "\n\n".join(tail) + "\n")
    return tail


def check_tail(path: Path, report: dict, tail: list[str]) -> tuple[int, int]:
    """(claims near the end whose span is exactly their sentence's figure in the file, claims checked)."""
    source = path.read_text(encoding="utf-8")
    tail_start = source.rindex("## The end")
    claims = [c for d in report["documents"] for c in d["claims"] if c["span"]["start"] >= tail_start]
    exact = 0
    for claim in claims:
        span = claim["span"]
        surface = (claim.get("quantity") or {}).get("surface")
        line_start = source.rfind("\n", 0, span["start"]) + 1
        at_line = source.count("\n", 0, span["start"]) + 1 == span["line"] and span["start"] - line_start + 1 == span["column"]
        if surface and source[span["start"]:span["end"]] == surface and at_line:
            exact += 1
        elif not surface and source[span["start"]:span["end"]] and at_line:
            exact += 1
    return exact, len(claims)


def run_check(path: Path, out: Path) -> tuple[int, float, float, str]:
    """(exit code, wall seconds, peak resident MB, stderr) of one fresh `factcheck check` process;
    os.wait4 gives that child's own peak (RUSAGE_CHILDREN would be the largest child so far)."""
    command = [sys.executable, "-c", "from factcheck.cli import main; main()", "check", str(path),
               "--format", "json", "--output", str(out)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, time.perf_counter() - start, usage.ru_maxrss / 1024, stderr


def measure(megabytes: float, tmp: Path) -> tuple[float, float] | None:
    """Check one file of `megabytes`; print its figures; (MB of input, peak MB) when it ran."""
    path, out = tmp / f"big-{megabytes:g}.md", tmp / f"report-{megabytes:g}.json"
    tail = write_big_markdown(path, megabytes)
    size = path.stat().st_size
    code, wall, peak, stderr = run_check(path, out)
    print(f"\nload: {os.getloadavg()[0]:.2f} (1-min average, {os.cpu_count()} cores)")
    print(f"file: {size / 1e6:.1f} MB of Markdown")
    print(f"exit: {code} ({'met' if code in (0, 1) else 'NOT met'}: 0 or 1)")
    if code not in (0, 1):
        print(stderr[-2000:])
        return None
    print(f"time: {wall:.1f} s ({size / 1e6 / wall:.3f} MB/s)")
    print(f"peak memory: {peak:.0f} MB ({peak / MEMORY_LIMIT_MB:.2f}x the {MEMORY_LIMIT_MB} MB limit: "
          f"{'met' if peak < MEMORY_LIMIT_MB else 'NOT met'})")
    exact, checked = check_tail(path, json.loads(out.read_text(encoding="utf-8")), tail)
    print(f"claims in the last section placed exactly: {exact}/{checked} "
          f"({'met' if checked and exact == checked else 'NOT met'})")
    path.unlink(), out.unlink()
    return size / 1e6, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[40.0],
                        help="File sizes to check, one process each; two or more also print the growth per MB.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        figures = [f for mb in sorted(args.mb) if (f := measure(mb, Path(tmp)))]
    if len(figures) >= 2:
        (small, small_peak), (large, large_peak) = figures[0], figures[-1]
        per_mb = (large_peak - small_peak) / (large - small)
        at_40 = large_peak + per_mb * (40 * 1.048576 - large)
        print(f"\npeak grows {per_mb:.1f} MB per MB of input between {small:.1f} and {large:.1f} MB; "
              f"extrapolated to a 40 MB file: {at_40:.0f} MB ({'under' if at_40 < MEMORY_LIMIT_MB else 'OVER'} "
              f"the {MEMORY_LIMIT_MB} MB limit)")


if __name__ == "__main__":
    main()
