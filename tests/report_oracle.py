"""How `--format json` wrote one claim before factcheck.report.jsontext: `dataclasses.asdict` for
the evidence rows, then the standard library's indented encoder. The oracle the fast writer is
tested against (tests/test_report_jsontext.py) and timed against (benchmarks/bench_report.py)."""

from __future__ import annotations

import json
from dataclasses import asdict

from factcheck.report.json_report import claim_to_dict
from factcheck.report.model import finite_json


def definition(value) -> str:
    """The standard library's text of a report value, as the report was written before."""
    return json.dumps(finite_json(value), indent=2, ensure_ascii=False, allow_nan=False)


def old_claim_dict(lf) -> dict:
    """claim_to_dict as it was built with dataclasses.asdict (the evidence rows)."""
    rows = []
    for obs in lf.finding.evidence:
        row = asdict(obs)
        row["citation"] = str(obs.citation)
        row["url"] = obs.citation.url
        rows.append(row)
    return {**claim_to_dict(lf), "evidence": rows}
