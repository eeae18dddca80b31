"""One very long Markdown file through `factcheck check` (issue 11, class 6): exit 0/1, peak memory,
and whether the claims near its end are placed exactly.

    python benchmarks/bench_big_file.py            # 40 MB, the acceptance size (limit: 1 GB peak)
    python benchmarks/bench_big_file.py --mb 4

The file is made of the gold corpus's own paragraphs (claims/*.txt and *.md) in Markdown dress
(headings, bold figures, links, lists), then a last section of sentences whose figures are unique,
so their positions can be checked against the bytes of the file. The check runs in a fresh process;
its peak resident memory is the kernel's (ru_maxrss of the child).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=40.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "big.md", Path(tmp) / "report.json"
        tail = write_big_markdown(path, args.mb)
        size = path.stat().st_size
        command = [sys.executable, "-c", "from factcheck.cli import main; main()", "check", str(path),
                   "--format", "json", "--output", str(out)]
        start = time.perf_counter()
        run = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux: KB -> MB
        print(f"load: {os.getloadavg()[0]:.2f} (1-min average, {os.cpu_count()} cores)")
        print(f"file: {size / 1e6:.1f} MB of Markdown")
        print(f"exit: {run.returncode} ({'met' if run.returncode in (0, 1) else 'NOT met'}: 0 or 1)")
        if run.returncode not in (0, 1):
            print(run.stderr[-2000:])
            return
        print(f"time: {wall:.1f} s ({size / 1e6 / wall:.2f} MB/s)")
        print(f"peak memory: {peak:.0f} MB ({peak / MEMORY_LIMIT_MB:.2f}x the {MEMORY_LIMIT_MB} MB limit: "
              f"{'met' if peak < MEMORY_LIMIT_MB else 'NOT met'})")
        exact, checked = check_tail(path, json.loads(out.read_text(encoding="utf-8")), tail)
        print(f"claims in the last section placed exactly: {exact}/{checked} "
              f"({'met' if checked and exact == checked else 'NOT met'})")


if __name__ == "__main__":
    main()
