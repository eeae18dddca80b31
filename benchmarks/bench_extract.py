"""Extraction speed beside spaCy's bare tokenizer, on the same ~1M words, in one run.

Prints words/s for `nlp.make_doc` (tokenizer only) and for the full extractor (`extract`: the
pipeline's rule components plus the plain records), their ratio (issue 3 target >= 0.5), the
latency of one 1,000-word article after load (target < 20 ms) and the peak memory of a fresh
process that loads the extractor and runs the corpus (target < 250 MB).

    python benchmarks/bench_extract.py [--words 1000000] [--suites ../shared/peer-suites]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "claims" / "cosdream-north-korea-exports.txt"
DEFAULT_SUITES = REPO.parent / "shared" / "peer-suites"


def corpus(words: int, suites: Path) -> list[str]:
    """Article-sized documents: the example article and the suite sentences, repeated."""
    sentences = []
    for path in sorted(suites.glob("*.jsonl")) if suites.is_dir() else ():
        sentences += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]
    article = ARTICLE.read_text("utf-8")
    docs, chunk, chunk_words = [article], [], 0
    for sentence in sentences:
        chunk.append(sentence)
        chunk_words += len(sentence.split())
        if chunk_words >= 1000:
            docs.append("\n".join(chunk))
            chunk, chunk_words = [], 0
    if chunk:
        docs.append("\n".join(chunk))
    base_words = sum(len(d.split()) for d in docs)
    return docs * max(1, round(words / base_words))


def one_thousand_words() -> str:
    text = ARTICLE.read_text("utf-8")
    words = text.split(" ")
    while len(" ".join(words).split()) < 1000:
        words += text.split(" ")
    out = []
    for w in words:
        out.append(w)
        if len(" ".join(out).split()) >= 1000:
            break
    return " ".join(out)


def memory_child(words: int, suites: str) -> None:
    import resource

    from factcheck.extract import extract

    for doc in corpus(words, Path(suites)):
        extract(doc)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # Linux: kilobytes -> MB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--suites", type=Path, default=DEFAULT_SUITES)
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.words, str(args.suites))
        return

    from factcheck.extract import extract, get_nlp

    docs = corpus(args.words, args.suites)
    n_words = sum(len(d.split()) for d in docs)
    nlp = get_nlp()
    extract(docs[0])  # load and warm up (lexeme cache) before timing either side

    # Interleaved, document by document, so both sides see the same machine load. Wall time is
    # what the targets name; CPU time of this process is printed beside it because on a shared
    # machine it moves far less from run to run.
    wall = {"tokenizer": 0.0, "extractor": 0.0}
    cpu = {"tokenizer": 0.0, "extractor": 0.0}
    for doc in docs:
        w0, c0 = time.perf_counter(), time.process_time()
        nlp.make_doc(doc)
        w1, c1 = time.perf_counter(), time.process_time()
        extract(doc)
        w2, c2 = time.perf_counter(), time.process_time()
        wall["tokenizer"] += w1 - w0
        wall["extractor"] += w2 - w1
        cpu["tokenizer"] += c1 - c0
        cpu["extractor"] += c2 - c1

    article = one_thousand_words()
    latencies = []
    for _ in range(30):
        t = time.perf_counter()
        extract(article)
        latencies.append((time.perf_counter() - t) * 1000)

    peak = subprocess.run(
        [sys.executable, __file__, "--memory-child", "--words", str(args.words), "--suites", str(args.suites)],
        capture_output=True, text=True, check=True,
    ).stdout.strip()

    print(f"corpus: {len(docs):,} documents, {n_words:,} words")
    print(f"{'':28}{'words/s (wall)':>16}{'seconds':>10}{'words/s (cpu)':>16}{'seconds':>10}")
    for name, label in (("tokenizer", "tokenizer (nlp.make_doc)"), ("extractor", "extractor (extract)")):
        print(f"{label:28}{n_words / wall[name]:>16,.0f}{wall[name]:>10.2f}{n_words / cpu[name]:>16,.0f}{cpu[name]:>10.2f}")
    print(f"ratio extractor/tokenizer: {wall['tokenizer'] / wall['extractor']:.2f} wall, "
          f"{cpu['tokenizer'] / cpu['extractor']:.2f} cpu (target >= 0.5)")
    print(f"1,000-word article after load: median {statistics.median(latencies):.1f} ms, "
          f"max {max(latencies):.1f} ms (target < 20 ms)")
    print(f"peak memory, fresh process loading the extractor and running the corpus: {float(peak):.0f} MB (target < 250 MB)")


if __name__ == "__main__":
    main()
