"""Issue 13, item 5: `--format jsonl`, one JSON line per document, each line the `documents`
entry of `--format json` standing on its own (schema, tool, the document's own summary)."""

from __future__ import annotations

import json

from factcheck.report import render
from test_report_sample import sample_report


def test_jsonl_is_one_line_per_document_matching_the_json_report():
    report = sample_report()
    whole = json.loads(render(report, "json"))
    lines = render(report, "jsonl").splitlines()
    assert len(lines) == len(report.documents) == len(whole["documents"])
    for line, entry in zip(lines, whole["documents"]):
        data = json.loads(line)
        assert data["schema"] == "factcheck.document/1"
        assert data["tool"] == whole["tool"]
        assert {k: data[k] for k in ("path", "claims", "notices")} == entry
        assert data["summary"]["claims"] == len(entry["claims"])
        assert sum(v for k, v in data["summary"].items() if k != "claims") == len(entry["claims"])
    totals = {k: sum(json.loads(line)["summary"][k] for line in lines) for k in whole["summary"]}
    assert totals == whole["summary"]
