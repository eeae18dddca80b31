"""Reference data benchmark: COW import time, catalog load time, memory, and one reporter/partner/
year query on the COW table — against the naive way (read the whole table into pandas, then filter),
side by side with ratios. Targets (issue 4): import <= 15 s, query <= 50 ms after load, <= 200 MB.

    python benchmarks/bench_reference.py [--cow PATH] [--repeat N]

Each phase runs in its own process so its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_COW = REPO.parent / "shared/reference-sources/cow-trade-4.0/dyadic_trade_1870_2014.csv.gz"
QUERY = dict(reporter="CHN", partner="PRK", flow="import", years=(2010, 2010))
# Pairs spread over the table, each asked once: their row groups are not yet decoded (cold).
COLD_PAIRS = [("USA", "JPN"), ("KOR", "CHN"), ("DEU", "FRA"), ("BRA", "ARG"), ("IND", "PAK"), ("GBR", "USA"),
              ("JPN", "KOR"), ("RUS", "UKR"), ("ZAF", "NAM"), ("AUS", "NZL"), ("CAN", "MEX"), ("EGY", "ISR"),
              ("ITA", "ESP"), ("NGA", "GHA"), ("THA", "VNM"), ("TUR", "GRC"), ("IRN", "IRQ"), ("CHL", "PER"),
              ("SWE", "NOR"), ("KEN", "UGA")]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def phase_import(cow: str, store: str) -> dict:
    from factcheck.reference.importers import import_cow

    started = time.perf_counter()
    import_cow(Path(cow), data_dir=Path(store))
    return {"import_s": time.perf_counter() - started, "import_peak_mb": peak_mb()}


def phase_baseline() -> dict:
    """What any factcheck run holds before touching data: the interpreter, pandas, pyarrow and
    pycountry's tables (which mirror notes and the extractor's aliases load)."""
    import pyarrow.parquet  # noqa: F401

    from factcheck.countries import alias_table, name_of
    from factcheck.reference import Catalog  # noqa: F401

    alias_table(), name_of("PRK")
    return {"baseline_peak_mb": peak_mb()}


def phase_query(store: str, repeat: int) -> dict:
    started = time.perf_counter()
    from factcheck.reference import Catalog

    imported = time.perf_counter()
    catalog = Catalog.load(data_dir=Path(store))
    loaded = time.perf_counter()
    times, answer = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        answer = [o.value for o in catalog.observations(**QUERY) if o.dataset == "cow"]
        times.append(time.perf_counter() - t)
    cold = []
    for reporter, partner in COLD_PAIRS:
        t = time.perf_counter()
        catalog.observations(reporter=reporter, partner=partner, flow="import", years=(2000, 2000))
        cold.append(time.perf_counter() - t)
    return {"python_import_s": imported - started, "load_s": loaded - imported,
            "cold_median_ms": statistics.median(cold) * 1000, "cold_max_ms": max(cold) * 1000,
            "query_first_ms": times[0] * 1000, "query_median_ms": statistics.median(times) * 1000,
            "answer": answer, "query_peak_mb": peak_mb()}


def phase_naive(store: str, repeat: int) -> dict:
    import pandas as pd

    path = Path(store) / "cow/observations.parquet"
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        frame = pd.read_parquet(path)
        hit = frame[(frame.reporter == "CHN") & (frame.partner == "PRK") & (frame.flow == "import") & (frame.year == 2010)]
        times.append(time.perf_counter() - t)
    return {"naive_median_ms": statistics.median(times) * 1000, "answer": hit["value"].tolist(), "naive_peak_mb": peak_mb()}


def run(phase: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", phase, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cow", default=str(DEFAULT_COW))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        functions = {"import": phase_import, "query": phase_query, "naive": phase_naive, "baseline": phase_baseline}
        rest = [int(a) if a.isdigit() else a for a in args.rest]
        print(json.dumps(functions[args.phase](*rest)))
        return
    if not Path(args.cow).is_file():
        sys.exit(f"COW file not found: {args.cow} (pass --cow PATH)")
    with tempfile.TemporaryDirectory() as store:
        imported = run("import", args.cow, store)
        query = run("query", store, str(args.repeat))
        naive = run("naive", store, str(max(3, args.repeat // 5)))
        baseline = run("baseline")
    rows = [
        ("COW import (CSV.gz -> Parquet)", f"{imported['import_s']:.2f} s", "<= 15 s", f"peak {imported['import_peak_mb']:.0f} MB"),
        ("Python imports (pandas, pyarrow)", f"{query['python_import_s'] * 1000:.0f} ms", "", ""),
        ("Catalog.load (bundled + COW, sha256 checked)", f"{query['load_s'] * 1000:.0f} ms", "< 1 s", ""),
        ("query CHN<-PRK imports 2010, first", f"{query['query_first_ms']:.1f} ms", "<= 50 ms", ""),
        ("query CHN<-PRK imports 2010, median of repeats", f"{query['query_median_ms']:.1f} ms", "<= 50 ms", f"answer {query['answer']}"),
        ("20 other pairs, each asked once, median", f"{query['cold_median_ms']:.1f} ms", "<= 50 ms",
         f"max {query['cold_max_ms']:.1f} ms"),
        ("naive: read whole table into pandas + filter", f"{naive['naive_median_ms']:.1f} ms", "",
         f"x{naive['naive_median_ms'] / query['cold_median_ms']:.0f} slower than a cold query"),
        ("peak memory: libraries only (baseline)", f"{baseline['baseline_peak_mb']:.0f} MB", "", ""),
        ("peak memory: load + queries", f"{query['query_peak_mb']:.0f} MB", "<= 200 MB",
         f"+{query['query_peak_mb'] - baseline['baseline_peak_mb']:.0f} MB over baseline"),
        ("peak memory: naive", f"{naive['naive_peak_mb']:.0f} MB", "", f"x{naive['naive_peak_mb'] / query['query_peak_mb']:.1f}"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, figure, target, remark in rows:
        print(f"{name:<{width}}  {figure:>10}  {target:>9}  {remark}")


if __name__ == "__main__":
    main()
