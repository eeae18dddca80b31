"""`--format sarif`: SARIF 2.1.0 for code scanning. One stable rule per verdict; results carry
partialFingerprints from the claim's words, value and dataset (not its line), so alerts survive
edits that move lines. Supported claims are not problems and are not reported."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from factcheck import PROJECT_URL
from factcheck.report.model import LocatedFinding, Report, finite_json
from factcheck.report.registry import RenderOptions, renderer
from factcheck.report.severity import ORDER, SEVERITIES
from factcheck.report.stream import Streamed, StreamWriter, Write, dumps_at, streamer
from factcheck.report.wording import claim_label, format_value

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = PROJECT_URL
HELP_URI = f"{PROJECT_URL}#verdicts"  # README's table of what each verdict means
FINGERPRINT_KEY = "factcheckClaim/v1"


# What to do about each verdict, for code scanning's rule help.
HELP = {
    "contradicted": "Correct the figure to the expected value the result names, or cite the source it comes from.",
    "approximate": "Round or hedge the figure as the source does, or give the exact value.",
    "unverifiable": "Give the year, partner or source the result names as missing, or leave it if the data cannot settle it.",
    "supported": "Nothing to do.",
}


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": s.rule_id,
            "name": s.rule_name,
            "shortDescription": {"text": f"Claim {s.verdict}"},
            "fullDescription": {"text": s.description},
            "helpUri": HELP_URI,
            "help": {"text": f"{s.description} {HELP[s.verdict]}",
                     "markdown": f"**{s.verdict}**: {s.description} {HELP[s.verdict]} ([verdicts]({HELP_URI}))"},
            "defaultConfiguration": {"level": s.sarif_level},
            "properties": {"verdict": s.verdict},
        }
        for s in (SEVERITIES[v] for v in ORDER)
    ]


def _uri(path: str) -> str:
    """Relative paths stay relative (code scanning resolves them against the checkout); absolute
    ones become file:// URIs, as SARIF requires a URI."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix(), safe="/")


def message_text(lf: LocatedFinding) -> str:
    finding = lf.finding
    text = f"{claim_label(finding.claim)}: {finding.explanation or finding.verdict}"
    if finding.expected and format_value(finding.expected.value, finding.expected.unit) not in text:
        text += f" Expected {format_value(finding.expected.value, finding.expected.unit)} ({finding.expected.dataset})."
    return text


def _result(lf: LocatedFinding, rule_index: dict[str, int]) -> dict[str, Any]:
    sev = SEVERITIES[lf.finding.verdict]
    loc = lf.location
    return {
        "ruleId": sev.rule_id,
        "ruleIndex": rule_index[sev.rule_id],
        "level": sev.sarif_level,
        "kind": "fail",
        "message": {"text": message_text(lf)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(lf.path)},
                "region": {"startLine": loc.line, "startColumn": loc.column,
                           "endLine": loc.end_line, "endColumn": loc.end_column},
            }
        }],
        "partialFingerprints": {FINGERPRINT_KEY: lf.fingerprint},
        "properties": {"verdict": lf.finding.verdict, "claimId": lf.id},
    }


@lru_cache(maxsize=1)
def _rule_index() -> dict[str, int]:
    """Each rule id's position in the fixed rules (a result's ruleIndex). Read-only."""
    return {rule["id"]: i for i, rule in enumerate(_rules())}


def report_to_sarif(report: Report, exit_code: int | None = None) -> dict[str, Any]:
    rules = _rules()
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [
        _result(lf, rule_index)
        for doc in report.documents
        for lf in doc.findings
        if SEVERITIES[lf.finding.verdict].is_problem
    ]
    artifacts = [{"location": {"uri": _uri(doc.path)}} for doc in report.documents]
    return {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [{
            "tool": {"driver": {"name": report.tool_name, "version": report.tool_version,
                                "semanticVersion": report.tool_version,
                                "informationUri": INFORMATION_URI, "rules": rules}},
            "columnKind": "unicodeCodePoints",  # DESIGN.md columns count code points
            "artifacts": artifacts,
            "results": results,
            # Rendering means the run did its job (a run that cannot exits 2 with no report).
            **({"invocations": [{"executionSuccessful": True, "exitCode": exit_code}]} if exit_code is not None else {}),
        }],
    }


@renderer("sarif")
def render_sarif(report: Report, options: RenderOptions) -> str:
    return json.dumps(finite_json(report_to_sarif(report, options.exit_code)), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


@streamer("sarif")
class SarifStream(StreamWriter):
    """`render_sarif`'s bytes, one result at a time: the run's rules and artifacts (the paths are
    known before the check), the results as they come, then the invocation."""

    def __init__(self, head: Report, paths: list[str], write: Write) -> None:
        super().__init__(head, paths, write)
        run = report_to_sarif(replace(head, documents=()))["runs"][0]
        run["artifacts"] = [{"location": {"uri": _uri(path)}} for path in paths]
        self.rule_index = {rule["id"]: i for i, rule in enumerate(run["tool"]["driver"]["rules"])}
        self.results = 0
        write(f'{{\n  "version": "2.1.0",\n  "$schema": {json.dumps(SARIF_SCHEMA)},\n  "runs": [\n    {{\n'
              + "".join(f"      {json.dumps(key)}: {dumps_at(run[key], 3)},\n" for key in ("tool", "columnKind", "artifacts"))
              + '      "results": [')

    @classmethod
    def render_finding(cls, lf: LocatedFinding) -> str:
        """A result for a problem (nothing for a supported claim), indexed into the fixed rules."""
        if not SEVERITIES[lf.finding.verdict].is_problem:
            return ""
        return dumps_at(_result(lf, _rule_index()), 4)

    def document(self, path: str, notices: tuple[str, ...], findings: Iterable[Streamed]) -> None:
        self.documents += 1
        for item in self.counted(findings):
            if (text := self.text_of(item)):
                self.write(("," if self.results else "") + "\n        " + text)
                self.results += 1

    def end(self, exit_code: int | None) -> None:
        self.write("\n      ]" if self.results else "]")
        if exit_code is not None:
            self.write(f',\n      "invocations": {dumps_at([{"executionSuccessful": True, "exitCode": exit_code}], 3)}')
        self.write("\n    }\n  ]\n}\n")
