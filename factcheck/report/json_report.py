"""`--format json`: exactly the DESIGN.md contract (schema "factcheck.report/1"), plus the extra
per-claim keys the contract allows (evidence, missing, context, fingerprint, ...)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from factcheck.report.jsontext import dumps_indented, field_names, plain
from factcheck.report.model import LocatedFinding, Report
from factcheck.report.registry import RenderOptions, renderer
from factcheck.report.stream import Streamed, StreamWriter, Write, dumps_at, indent_at, streamer

SCHEMA = "factcheck.report/1"


def _quantity(lf: LocatedFinding) -> dict[str, Any] | None:
    q = lf.finding.claim.quantity
    if q is None:
        return None
    return {"surface": q.surface, "kind": q.kind, "value": plain(q.value), "unit": q.unit,
            "low": plain(q.low), "high": plain(q.high), "hedge": q.hedge}


def _period(lf: LocatedFinding) -> dict[str, Any] | None:
    period = lf.finding.claim.period
    if period is None:
        return None
    return {"start": period.start, "end": period.end, "assumed": period.assumed}


_SERIES_DICTS: dict[Any, dict[str, Any]] = {}


def _series(series) -> dict[str, Any] | None:
    """A series as a dict, built once per series: a check's evidence shares a few series."""
    if series is None:
        return None
    try:
        found = _SERIES_DICTS.get(series)
    except TypeError:  # not hashable: build it each time
        return plain(series)
    if found is None:
        if len(_SERIES_DICTS) >= 1024:
            _SERIES_DICTS.clear()
        found = _SERIES_DICTS[series] = plain(series)
    return found


def _evidence(lf: LocatedFinding) -> list[dict[str, Any]]:
    """Each observation as `dataclasses.asdict` gives it, its citation as text and its url after
    it: built field by field, since asdict's generic deep copy was a tenth of a check's time."""
    rows = []
    for obs in lf.finding.evidence:
        row = {}
        for name in field_names(obs):
            if name == "citation":
                row[name] = str(obs.citation)
            elif name == "series":
                row[name] = _series(obs.series)
            else:
                row[name] = plain(getattr(obs, name))
        row["url"] = obs.citation.url
        rows.append(row)
    return rows


def claim_to_dict(lf: LocatedFinding) -> dict[str, Any]:
    """One claim of the report, as plain data (jsontext.plain: JSON-ready, floats marked)."""
    finding, claim, loc = lf.finding, lf.finding.claim, lf.location
    expected = finding.expected
    return {
        "id": lf.id,
        "text": claim.sentence,
        "span": {"start": loc.start, "end": loc.end, "line": loc.line, "column": loc.column,
                 "end_line": loc.end_line, "end_column": loc.end_column},
        "quantity": _quantity(lf),
        "metric": claim.metric,
        "reporter": claim.reporter,
        "partner": claim.partner,
        "flow": claim.flow,
        "commodity": claim.commodity,
        "period": _period(lf),
        "verdict": finding.verdict,
        "expected": None if expected is None else {
            "value": plain(expected.value), "unit": expected.unit, "dataset": expected.dataset,
            "citation": expected.citation,
        },
        "deviation": plain(finding.deviation),
        "explanation": finding.explanation,
        "alternatives": [
            {"description": a.description, "value": plain(a.value), "unit": a.unit, "dataset": a.dataset,
             "citation": a.citation}
            for a in finding.alternatives
        ],
        # Extra keys (allowed by the contract):
        "evidence": _evidence(lf),
        "arithmetic": finding.arithmetic,
        "missing": finding.missing,
        "suggestion": finding.suggestion,
        "disagreement": finding.disagreement,
        "context": list(claim.context),
        # Typed provenance (issue 9): where each slot not stated in the clause came from, what the
        # reading left open (then the claim is not judged), and the publisher the text cites.
        "frame": claim.frame,  # the reading shape that read the claim (factcheck/claims/frames.yaml)
        "provenance": [plain(b.as_dict()) for b in claim.bindings],
        "unaccounted": [plain(u.as_dict()) for u in claim.unaccounted],
        "attribution": claim.attribution,
        "fingerprint": lf.fingerprint,
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "tool": {"name": report.tool_name, "version": report.tool_version},
        "datasets": [{"id": d.id, "title": d.title, "version": d.version, "sha256": d.sha256}
                     for d in report.datasets],
        "documents": [
            {"path": doc.path, "claims": [claim_to_dict(lf) for lf in doc.findings],
             "notices": list(doc.notices)}
            for doc in report.documents
        ],
        "summary": dict(report.summary),
    }


@renderer("json")
def render_json(report: Report, options: RenderOptions) -> str:
    return dumps_indented(report_to_dict(report)) + "\n"  # plain already: claim_to_dict


DOCUMENT_SCHEMA = "factcheck.document/1"


def document_line(doc, report: Report) -> str:
    """One document of the report as one JSON line: the `documents` entry of `--format json`, with
    the schema, tool and summary of that document, so each line stands on its own in an archive."""
    entry = {"schema": DOCUMENT_SCHEMA, "tool": {"name": report.tool_name, "version": report.tool_version},
             "path": doc.path, "claims": [claim_to_dict(lf) for lf in doc.findings], "notices": list(doc.notices),
             "summary": {"claims": len(doc.findings),
                         **{verdict: sum(1 for lf in doc.findings if lf.finding.verdict == verdict)
                            for verdict in report.summary if verdict != "claims"}}}
    return json.dumps(entry, ensure_ascii=False, allow_nan=False)


@renderer("jsonl")
def render_jsonl(report: Report, options: RenderOptions) -> str:
    """`--format jsonl`: one line per document (for archives and line-by-line tools)."""
    return "".join(document_line(doc, report) + "\n" for doc in report.documents)


def _head_entries(report: Report) -> list[tuple[str, Any]]:
    """The keys of `report_to_dict` before "documents", in its order."""
    data = report_to_dict(report)
    return [(key, data[key]) for key in ("schema", "tool", "datasets")]


@streamer("json")
class JsonStream(StreamWriter):
    """`render_json`'s bytes, one claim at a time: the head, each document's entry as it is
    checked (its claims written as they come), then the summary."""

    def __init__(self, head: Report, paths: list[str], write: Write) -> None:
        super().__init__(head, paths, write)
        write("{\n" + "".join(f"  {json.dumps(key)}: {dumps_at(value, 1)},\n" for key, value in _head_entries(head))
              + '  "documents": [')

    @classmethod
    def render_finding(cls, lf: LocatedFinding) -> str:
        return indent_at(dumps_indented(claim_to_dict(lf)), 4)

    def document(self, path: str, notices: tuple[str, ...], findings: Iterable[Streamed]) -> None:
        self.write(("," if self.documents else "") + f'\n    {{\n      "path": {dumps_at(path, 3)},\n      "claims": [')
        self.documents += 1
        count = 0
        for item in self.counted(findings):
            self.write(("," if count else "") + "\n        " + self.text_of(item))
            count += 1
        self.write(("\n      ]" if count else "]") + f',\n      "notices": {dumps_at(list(notices), 3)}\n    }}')

    def end(self, exit_code: int | None) -> None:
        self.write(("\n  ]" if self.documents else "]") + f',\n  "summary": {dumps_at(self.summary, 1)}\n}}\n')


@streamer("jsonl")
class JsonLinesStream(StreamWriter):
    """`render_jsonl`'s bytes: each document's line written claim by claim."""

    @classmethod
    def render_finding(cls, lf: LocatedFinding) -> str:
        return json.dumps(claim_to_dict(lf), ensure_ascii=False, allow_nan=False)

    def document(self, path: str, notices: tuple[str, ...], findings: Iterable[Streamed]) -> None:
        head = self.head
        self.write(json.dumps({"schema": DOCUMENT_SCHEMA, "tool": {"name": head.tool_name, "version": head.tool_version},
                               "path": path}, ensure_ascii=False)[:-1] + ', "claims": [')
        before = dict(self.summary)
        count = 0
        for item in self.counted(findings):
            self.write((", " if count else "") + self.text_of(item))
            count += 1
        counts = {key: self.summary[key] - before[key] for key in self.summary}
        self.write(f'], "notices": {json.dumps(list(notices), ensure_ascii=False)}, '
                   f'"summary": {json.dumps(counts, ensure_ascii=False)}}}\n')
        self.documents += 1

    def end(self, exit_code: int | None) -> None:
        pass
