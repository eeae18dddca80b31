"""Reference data benchmark: COW import time, catalog load time, memory, and one reporter/partner/
year query on the COW table — against the naive way (read the whole table into pandas, then filter),
side by side with ratios. Targets (issue 4): import <= 15 s, query <= 50 ms after load, <= 200 MB.

Then the same with IMF DOTS imported (issue 10): import time, store size, point queries and
queries naming no partner (a reporter's imports from every partner, with the partners' mirror
figures; every reporter's imports from one partner), with and without the partner-sorted copy the
importer writes. Targets: import <= 60 s, point <= 50 ms, no-partner <= 200 ms, <= 300 MB.

    python benchmarks/bench_reference.py [--cow PATH] [--dots PATH] [--repeat N]

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
DEFAULT_DOTS = REPO.parent / "shared/reference-sources/imf-dots-1960-2020/imf_dots_bilateral_annual_1960_2020.csv.gz"
NO_PARTNER = [("USA", "import"), ("DEU", "export"), ("JPN", "import"), ("BRA", "export"), ("KEN", "import"),
              ("IND", "export"), ("AUS", "import"), ("MEX", "export")]
PARTNER_ONLY = ["CHN", "PRK", "USA", "DEU", "NGA", "VNM"]
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


def phase_dots_import(dots: str, store: str) -> dict:
    from factcheck.reference.importers import import_dots

    started = time.perf_counter()
    folder = import_dots(Path(dots), data_dir=Path(store))
    size = sum(f.stat().st_size for f in folder.iterdir())
    copy = (folder / "by_partner.parquet").stat().st_size
    return {"import_s": time.perf_counter() - started, "import_peak_mb": peak_mb(), "store_mb": size / 2**20,
            "copy_mb": copy / 2**20}


def _timed(function) -> float:
    t = time.perf_counter()
    function()
    return (time.perf_counter() - t) * 1000


def phase_dots_query(store: str, use_copy: str) -> dict:
    """Point and no-partner queries on DOTS; `use_copy` "no" hides the partner-sorted copy, so
    partner-only filters scan every row group as before."""
    from factcheck.reference import Catalog

    t = time.perf_counter()
    catalog = Catalog.load(data_dir=Path(store))
    load_ms = (time.perf_counter() - t) * 1000
    if use_copy == "no":
        import dataclasses

        catalog._bulk = tuple(dataclasses.replace(b, by_partner=None) for b in catalog._bulk)
    first = _timed(lambda: catalog.observations(reporter="USA", partner="CHN", flow="import", years=(2018, 2018)))
    answer = [round(o.value / 1e9, 1) for o in catalog.observations(reporter="USA", partner="CHN", flow="import",
                                                                    years=(2018, 2018)) if o.dataset == "dots"]
    points = [_timed(lambda r=r, p=p: catalog.observations(reporter=r, partner=p, flow="import", years=(2010, 2010)))
              for r, p in COLD_PAIRS]
    no_partner = [_timed(lambda r=r, f=f: catalog.observations(reporter=r, flow=f, years=(2015, 2015)))
                  for r, f in NO_PARTNER]
    partner_only = [_timed(lambda p=p: catalog.observations(partner=p, flow="import", years=(2012, 2012)))
                    for p in PARTNER_ONLY]
    return {"load_ms": load_ms, "first_ms": first, "answer": answer, "point_median_ms": statistics.median(points),
            "point_max_ms": max(points), "no_partner_median_ms": statistics.median(no_partner),
            "no_partner_max_ms": max(no_partner), "partner_only_median_ms": statistics.median(partner_only),
            "partner_only_max_ms": max(partner_only), "peak_mb": peak_mb()}


def dots_rows(dots: str) -> list[tuple[str, str, str, str]]:
    with tempfile.TemporaryDirectory() as store:
        imported = run("dots_import", dots, store)
        indexed = run("dots_query", store, "yes")
        scanned = run("dots_query", store, "no")
    return [
        ("DOTS import (CSV.gz -> Parquet + partner copy)", f"{imported['import_s']:.1f} s", "<= 60 s",
         f"peak {imported['import_peak_mb']:.0f} MB"),
        ("DOTS store size", f"{imported['store_mb']:.1f} MB", "", f"of which partner-sorted copy {imported['copy_mb']:.1f} MB"),
        ("Catalog.load (bundled + DOTS)", f"{indexed['load_ms']:.0f} ms", "< 1 s", ""),
        ("DOTS: USA<-CHN imports 2018, first query", f"{indexed['first_ms']:.1f} ms", "<= 50 ms", f"answer {indexed['answer']} bn"),
        ("DOTS: 20 pairs, each asked once, median", f"{indexed['point_median_ms']:.1f} ms", "<= 50 ms",
         f"max {indexed['point_max_ms']:.1f} ms"),
        ("DOTS: no partner (reporter + mirror), median", f"{indexed['no_partner_median_ms']:.1f} ms", "<= 200 ms",
         f"max {indexed['no_partner_max_ms']:.1f} ms; without the copy {scanned['no_partner_median_ms']:.0f} ms "
         f"(x{scanned['no_partner_median_ms'] / indexed['no_partner_median_ms']:.0f})"),
        ("DOTS: partner only (every reporter), median", f"{indexed['partner_only_median_ms']:.1f} ms", "<= 200 ms",
         f"max {indexed['partner_only_max_ms']:.1f} ms; without the copy {scanned['partner_only_median_ms']:.0f} ms "
         f"(x{scanned['partner_only_median_ms'] / indexed['partner_only_median_ms']:.0f})"),
        ("peak memory: load + DOTS queries", f"{indexed['peak_mb']:.0f} MB", "<= 300 MB",
         f"without the copy {scanned['peak_mb']:.0f} MB"),
    ]


def run(phase: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", phase, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cow", default=str(DEFAULT_COW))
    parser.add_argument("--dots", default=str(DEFAULT_DOTS))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        functions = {"import": phase_import, "query": phase_query, "naive": phase_naive, "baseline": phase_baseline,
                     "dots_import": phase_dots_import, "dots_query": phase_dots_query}
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
    if Path(args.dots).is_file():
        rows += dots_rows(args.dots)
    else:
        print(f"DOTS file not found: {args.dots} (pass --dots PATH); DOTS rows left out", file=sys.stderr)
    width = max(len(r[0]) for r in rows)
    for name, figure, target, remark in rows:
        print(f"{name:<{width}}  {figure:>10}  {target:>9}  {remark}")


if __name__ == "__main__":
    main()
