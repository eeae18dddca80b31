"""The JSON report's writing cost per claim, side by side in one run (issue 13): the definition
(`dataclasses.asdict` for the evidence, then `json.dumps(finite_json(...), indent=2)`, as
`--format json` was written) against factcheck/report/jsontext.py (dicts built field by field,
orjson), on the findings of realistic articles, with a check that both write the same bytes.

    python benchmarks/bench_report.py [--data-dir STORE_WITH_COW] [--articles 100] [--repeat 3]

The articles are bench_speed.py's. The findings are made once, in this process; only the writing
is timed (the fastest of --repeat rounds counts). Ratios, not absolute times, are what compare.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the oracle of the old writer
from bench_speed import make_articles  # noqa: E402


def _definition(lf) -> str:
    """One claim as `--format json` wrote it before jsontext (the oracle, tests/report_oracle.py)."""
    from report_oracle import definition, old_claim_dict

    return definition(old_claim_dict(lf))


def _fast(lf) -> str:
    from factcheck.report.json_report import claim_to_dict
    from factcheck.report.jsontext import dumps_indented

    return dumps_indented(claim_to_dict(lf))


def _timed(function, findings, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for lf in findings:
            function(lf)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="A store with imported datasets (COW); default: bundled only.")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from factcheck.cli.check import Job, load_catalog, run_jobs
    from factcheck.cli.config import Settings
    from factcheck.document import read_document

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_articles(folder, args.articles)
        data_dir = str(args.data_dir) if args.data_dir else None
        load_catalog(data_dir, ())
        jobs = [Job(read_document(str(p)), Settings(), data_dir) for p in sorted(folder.iterdir())]
        results = run_jobs(jobs, 1)
    findings = [lf for r in results if not isinstance(r, str) for lf in r.findings]
    evidence = sum(len(lf.finding.evidence) for lf in findings)
    print(f"{args.articles} articles, {len(findings):,} claims, {evidence:,} evidence rows; "
          f"load {os.getloadavg()[0]:.2f}")
    same = all(_definition(lf) == _fast(lf) for lf in findings)
    old, new = _timed(_definition, findings, args.repeat), _timed(_fast, findings, args.repeat)
    per = 1e6 / max(len(findings), 1)
    print(f"asdict + json.dumps(indent=2): {old:.2f} s ({old * per:.0f} µs a claim)")
    print(f"jsontext (field by field + orjson): {new:.2f} s ({new * per:.0f} µs a claim)")
    print(f"{old / new:.1f}x faster; same bytes: {'yes' if same else 'NO'}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
