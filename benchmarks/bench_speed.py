"""Speed at the size of a newsroom (issue 13), in one run, each figure as a ratio to its anchor and
against the issue's acceptance threshold:

- the anchor: spaCy's bare tokenizer (`spacy.blank("en").make_doc`) words/s on the same texts;
- `factcheck extract --jsonl` on short lines, as a process, beside a tokenizer process on the lines;
- the extractor in process on the articles;
- `factcheck check FOLDER --format json` words/s and articles/s, bundled data only and with an
  imported store (`--data-dir`, e.g. one holding COW), `--jobs 1` and `--jobs 2`;
- cold start of `factcheck --help` and of a one-article check beside `import spacy; spacy.blank("en")`;
- peak memory of the whole-folder JSON run (the kernel's figure for that process and its workers).

    python benchmarks/bench_speed.py --data-dir STORE_WITH_COW [--articles 1000] [--lines 100000]
        [--only tokenizer,extract,lines,check,jobs,memory,start]

`--only` runs the named parts (the tokenizer anchor always runs): `--only check` prints the two
full-check ratios and nothing else.

Realistic articles are made from the paragraphs of the gold corpus (claims/*.txt, held-out sets
included) and, when they are beside the repository, of the real news pages in
../shared/real-news-dev/*.md (read at run time, never copied into the project): 14-30 paragraphs
each, sampled with a fixed seed. Each paragraph is varied as it is placed, so no article repeats
another: its figures get fresh digits of the same shape ($189.57 million stays a two-decimal
figure in millions), its years move together by one random shift (ranges stay ordered), and the
countries it names are swapped for others (one swap per country for the whole article, so an
article keeps to a few countries as a story does). The short lines are the same pool's sentences,
one per line, varied the same way (each line a story of its own).

What the anchor measures: spaCy's tokenizer caches the tokens of every whitespace-separated
string it has seen, so on text that repeats (paragraphs sampled with replacement, the earlier
benchmark) nearly every token is a cache hit and the tokenizer ran ~2.3M words/s, an anchor no
real newsroom text gives. On the varied text, about 3% of the words are strings the tokenizer
has not seen before (a natural text of that size has a similar share of new word forms); the
anchor is then the tokenizer's rate on text of that kind, warmed as it would be in a long run,
not the cold first pass over a short text (~155-210k words/s) and not an all-hits rate.

Timings on a shared machine are noisy: the load average is printed beside the figures; compare
ratios measured side by side in this one run, not single absolute times.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FACTCHECK = [sys.executable, "-c", "from factcheck.cli import main; main()"]
TOKENIZE_LINES = """
import json, sys, spacy
nlp = spacy.blank("en")
for line in open(sys.argv[1], encoding="utf-8"):
    nlp.make_doc(json.loads(line)["text"])
"""


NEWS_PAGES = REPO.parent / "shared" / "real-news-dev"
FIGURE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
YEAR = re.compile(r"1[89]\d\d|20\d\d")


def paragraphs() -> list[str]:
    """The gold corpus's paragraphs and, where they are, the real news pages' (read, not copied)."""
    paths = sorted((REPO / "claims").glob("**/*.txt")) + sorted(NEWS_PAGES.glob("*.md"))
    found = []
    for path in paths:
        text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
        found += [p.strip() for p in text.split("\n\n") if len(p.split()) > 8]
    return found


def country_names() -> list[str]:
    """Names of independent countries from the project's code table, for the swaps."""
    import csv

    with (REPO / "factcheck" / "countries" / "iso_codes.csv").open(encoding="utf-8") as handle:
        return sorted({row["name"] for row in csv.DictReader(handle) if row["independent"] == "yes"})


class Variation:
    """Varies a paragraph each time it is placed (figures, years, countries), so the benchmark's
    text does not repeat and the tokenizer's cache hits only what natural text would repeat."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.names = country_names()
        self.swaps: dict[str, str] = {}
        self.mentions = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(self.names, key=len, reverse=True)) + r")\b")

    def figure(self, match: re.Match, shift: int) -> str:
        text = match.group()
        if YEAR.fullmatch(text):
            return str(int(text) + shift)
        digits = iter([str(self.rng.randint(1, 9))] + [str(self.rng.randint(0, 9)) for _ in text])
        return "".join(next(digits) if c.isdigit() else c for c in text)

    def new_story(self) -> None:
        """Countries are swapped the same way until the next story (an article, a short line)."""
        self.swaps: dict[str, str] = {}

    def __call__(self, paragraph: str) -> str:
        shift, swaps = self.rng.randint(-20, 3), self.swaps

        def swap(match: re.Match) -> str:
            return swaps.setdefault(match.group(), self.rng.choice(self.names))

        paragraph = self.mentions.sub(swap, paragraph)
        return FIGURE.sub(lambda m: self.figure(m, shift), paragraph)


def make_articles(folder: Path, count: int, seed: int = 13) -> int:
    """Write `count` articles; returns their words."""
    pool, vary = paragraphs(), Variation(seed)
    rng, words = vary.rng, 0
    for i in range(count):
        vary.new_story()
        text = "\n\n".join(vary(rng.choice(pool)) for _ in range(rng.randint(14, 30))) + "\n"
        words += len(text.split())
        (folder / f"article-{i:04}.txt").write_text(text, encoding="utf-8")
    return words


def make_lines(path: Path, count: int, seed: int = 31) -> int:
    sentences = [s for p in paragraphs() for s in re.split(r"(?<=[.!?])\s+", p) if s.strip()]
    vary, words = Variation(seed), 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            vary.new_story()
            text = vary(sentences[i % len(sentences)])
            words += len(text.split())
            handle.write(json.dumps({"id": i, "text": text}) + "\n")
    return words


CPU_SECONDS: dict[tuple[str, ...], float] = {}  # the CPU time (user + system) of each command's fastest run


def timed(command: list[str], env: dict | None = None) -> tuple[float, float, int]:
    """(wall seconds, peak MB of the process or its largest worker, exit code) of one fresh process;
    its CPU seconds go to CPU_SECONDS (kept when lower than an earlier run's)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    key = tuple(command)
    CPU_SECONDS[key] = min(CPU_SECONDS.get(key, float("inf")), usage.ru_utime + usage.ru_stime)
    return wall, usage.ru_maxrss / 1024, process.returncode


def best(command: list[str], repeat: int, env: dict | None = None) -> tuple[float, float]:
    runs = [timed(command, env) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def _cpu_ratio_of_lines(lines: Path) -> float:
    """The tokenizer process's CPU seconds over `extract --jsonl --jobs 1`'s, on the same lines
    (each its fastest run): the per-core ratio, which the workers of the default run do not change."""
    tokenizer = CPU_SECONDS.get((sys.executable, "-c", TOKENIZE_LINES, str(lines)))
    alone = CPU_SECONDS.get((*FACTCHECK, "extract", "--jsonl", str(lines), "--jobs", "1"))
    return tokenizer / alone if tokenizer and alone else float("nan")


def verdict(ratio: float, threshold: float, at_least: bool = True) -> str:
    met = ratio >= threshold if at_least else ratio <= threshold
    return f"{'met' if met else 'NOT met'} ({'>=' if at_least else '<='} {threshold:g})"


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def in_process_rates(folder: Path) -> tuple[float, float]:
    """(tokenizer words/s, extractor words/s) on the articles, in this process, side by side."""
    import spacy

    from factcheck.extract import extract

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
    words = sum(len(t.split()) for t in texts)
    global TOKENIZER_CPU_RATE
    nlp = spacy.blank("en")
    extract(texts[0])  # load the pipeline outside the timing
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        nlp.make_doc(text)
    tokenizer = words / (time.perf_counter() - start)
    TOKENIZER_CPU_RATE = words / (time.process_time() - cpu)
    start = time.perf_counter()
    for text in texts:
        extract(text)
    return tokenizer, words / (time.perf_counter() - start)


# The tokenizer's words per CPU second: on a shared, loaded machine wall-clock ratios swing with
# the other processes; CPU-time ratios much less (printed beside the wall-clock ones, not instead).
TOKENIZER_CPU_RATE = 0.0


PARTS = ("extract", "lines", "check", "jobs", "memory", "start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="A store with imported datasets (COW) for the 'with data' runs.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="Runs of each process; the fastest counts.")
    parser.add_argument("--only", type=lambda text: set(text.split(",")), default=set(PARTS),
                        help=f"Comma-separated parts to run, of: {','.join(PARTS)} (default: all).")
    args = parser.parse_args()
    unknown = args.only - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {','.join(PARTS)}")
    print(f"{os.cpu_count()} cores, {load()} at the start")
    with tempfile.TemporaryDirectory() as tmp:
        folder, empty_store, lines = Path(tmp) / "articles", Path(tmp) / "empty-store", Path(tmp) / "lines.jsonl"
        folder.mkdir(), empty_store.mkdir()
        words = make_articles(folder, args.articles)
        line_words = make_lines(lines, args.lines)
        one = folder / "article-0000.txt"
        print(f"{args.articles} articles, {words:,} words; {args.lines:,} short lines, {line_words:,} words; "
              f"news pages {'read' if NEWS_PAGES.is_dir() else 'not found'} ({NEWS_PAGES})\n")

        tokenizer, extractor = in_process_rates(folder)
        print(f"tokenizer (anchor): {tokenizer:,.0f} words/s on the articles ({load()})")
        if "extract" in args.only:
            print(f"extract on articles: {extractor:,.0f} words/s = {extractor / tokenizer:.2f}x the tokenizer ({load()})")

        if "lines" in args.only:
            wall_tok, _ = best([sys.executable, "-c", TOKENIZE_LINES, str(lines)], args.repeat)
            wall_ext, _ = best([*FACTCHECK, "extract", "--jsonl", str(lines)], args.repeat)
            wall_one, _ = best([*FACTCHECK, "extract", "--jsonl", str(lines), "--jobs", "1"], args.repeat)
            ratio = wall_tok / wall_ext
            print(f"extract --jsonl on short lines: {line_words / wall_ext:,.0f} words/s = {ratio:.2f}x a tokenizer "
                  f"process on the same lines: {verdict(ratio, 0.5)} ({load()}); in one process (--jobs 1): "
                  f"{wall_tok / wall_one:.2f}x, CPU time {_cpu_ratio_of_lines(lines):.2f}x")

        check = [*FACTCHECK, "check", str(folder), "--format", "json", "--output", os.devnull, "--fail-on", "never"]
        runs = {"bundled only": (["--data-dir", str(empty_store)], 0.3)}
        if args.data_dir:
            runs["with imported data"] = (["--data-dir", str(args.data_dir)], 0.2)
        peaks = {}
        for name, (extra, threshold) in runs.items() if {"check", "memory"} & args.only else ():
            command = [*check, *extra, "--jobs", "1"]
            wall, peaks[name] = best(command, args.repeat)
            rate = words / wall
            cpu_ratio = words / CPU_SECONDS[tuple(command)] / TOKENIZER_CPU_RATE
            print(f"full check, {name}: {rate:,.0f} words/s, {args.articles / wall:.1f} articles/s = "
                  f"{rate / tokenizer:.3f}x the tokenizer: {verdict(rate / tokenizer, threshold)} ({load()}); "
                  f"in CPU time {cpu_ratio:.3f}x the tokenizer's")
        if "jobs" in args.only:
            name = "with imported data" if args.data_dir else "bundled only"
            extra = runs[name][0]
            one_job, _ = best([*check, *extra, "--jobs", "1"], args.repeat)
            two_jobs, peak_two = best([*check, *extra, "--jobs", "2"], args.repeat)
            print(f"--jobs 2 vs --jobs 1 ({name}): {one_job / two_jobs:.2f}x: {verdict(one_job / two_jobs, 1.6)} "
                  f"({load()}; the threshold holds for idle cores)")
            print(f"peak memory, --jobs 2 (largest process): {peak_two:.0f} MB")
        if "memory" in args.only:
            for name, peak in peaks.items():
                print(f"peak memory, {args.articles}-article --format json run, {name}: {peak:.0f} MB: "
                      f"{verdict(peak, 400, at_least=False)}")
        if "start" not in args.only:
            return
        spacy_start, _ = best([sys.executable, "-c", 'import spacy; spacy.blank("en")'], max(3, args.repeat))
        help_start, _ = best([*FACTCHECK, "--help"], max(3, args.repeat))
        one_check, _ = best([*FACTCHECK, "check", str(one), "--format", "json", "--data-dir", str(empty_store)],
                            max(3, args.repeat))
        print(f"cold start: import spacy + blank('en') {spacy_start:.2f} s; factcheck --help {help_start:.2f} s: "
              f"{verdict(help_start, 0.5, at_least=False)} s ({help_start / spacy_start:.2f}x spaCy) ({load()})")
        print(f"cold start of a one-article check: {one_check:.2f} s = {one_check / spacy_start:.2f}x spaCy's: "
              f"{verdict(one_check / spacy_start, 1.3, at_least=False)} ({load()})")


if __name__ == "__main__":
    main()
