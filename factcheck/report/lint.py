"""The formats and filters linters share (issue 14, item 3; docs/ci.md has the table):

- `--format concise`: one line per claim, `path:line:col: verdict message`, the line editors'
  problem matchers and `grep` read (ruff's `concise`, Vale's `line`);
- `--format junit`: JUnit XML, one testcase per claim, a failure for each claim at or above
  `--fail-on` (contradicted by default), so CI test-report viewers show them;
- `--select` / `--ignore` by claim kind and `--statistics` (counts per kind and verdict), as ruff
  selects and counts by rule code.

A claim's kind is the family of its metric: the word an editor uses ("a share", "a growth rate"),
not the internal metric name.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace

from factcheck.errors import ConfigError
from factcheck.report.model import LocatedFinding, Report
from factcheck.report.registry import RenderOptions, renderer
from factcheck.report.severity import ORDER
from factcheck.report.wording import claim_label, describe_claim
from factcheck.verify.model import VERDICT_RANK

# metric (factcheck/claims/model.py) -> kind. A metric added later and missing here is a `value`
# until it is given a kind; tests/test_cli_conventions.py fails when one is missing.
KIND_OF_METRIC = {
    "trade_value": "value", "value_change": "value",
    "share": "share", "share_change": "share",
    "growth": "growth", "level_ratio": "growth",
    "rank": "rank",
    "trend": "trend",
    "comparison": "comparison", "ratio": "comparison",
    "balance": "balance", "balance_change": "balance",
}
KINDS = ("value", "share", "growth", "rank", "trend", "comparison", "balance")


def kind_of(metric: str) -> str:
    return KIND_OF_METRIC.get(metric, "value")


def parse_kinds(values: tuple[str, ...], option: str) -> frozenset[str]:
    """`--select share,growth --select rank` as a set of kinds; an unknown kind is a usage error."""
    kinds = {part.strip().lower() for value in values for part in value.split(",") if part.strip()}
    unknown = sorted(kinds - set(KINDS))
    if unknown:
        raise ConfigError(f"{option} {', '.join(unknown)}: no such claim kind (known: {', '.join(KINDS)})")
    return frozenset(kinds)


def select_kinds(report: Report, select: frozenset[str], ignore: frozenset[str]) -> Report:
    """The report with only the claims of the selected kinds (all when `select` is empty), less
    the ignored ones; the summary is recounted."""
    if not select and not ignore:
        return report

    def keep(lf: LocatedFinding) -> bool:
        kind = kind_of(lf.finding.claim.metric)
        return (not select or kind in select) and kind not in ignore

    documents = tuple(replace(doc, findings=tuple(lf for lf in doc.findings if keep(lf))) for doc in report.documents)
    return replace(report, documents=documents)


def statistics(report: Report) -> str:
    """`COUNT  KIND  VERDICT` per kind and verdict, most frequent first (ruff --statistics)."""
    counts = Counter((kind_of(lf.finding.claim.metric), lf.finding.verdict)
                     for doc in report.documents for lf in doc.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], KINDS.index(item[0][0]), ORDER.index(item[0][1])))
    width = max((len(str(n)) for _, n in rows), default=1)
    kind_width = max((len(kind) for (kind, _), _ in rows), default=1)
    return "".join(f"{n:>{width}}  {kind:<{kind_width}}  {verdict}\n" for (kind, verdict), n in rows)


def one_line(text: str) -> str:
    return " ".join(text.split())


def message(lf: LocatedFinding) -> str:
    """What the claim says and what the data say, on one line."""
    finding = lf.finding
    text = f"{claim_label(finding.claim)} ({describe_claim(finding.claim)})"
    if finding.explanation:
        text += f": {finding.explanation}"
    if finding.suggestion:
        text += f" Suggestion: {finding.suggestion}"
    return one_line(text)


@renderer("concise")
def render_concise(report: Report, options: RenderOptions) -> str:
    lines = [f"{lf.path}:{lf.location.line}:{lf.location.column}: {lf.finding.verdict} {message(lf)}"
             for doc in report.documents for lf in doc.findings]
    return "".join(line + "\n" for line in lines)


# XML 1.0 allows tab, newline, carriage return and these ranges only; ElementTree escapes & < > "
# but would write the rest as is, which no parser reads back.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _testcase(suite: ET.Element, lf: LocatedFinding, threshold: int) -> tuple[bool, bool]:
    finding = lf.finding
    loc = lf.location
    case = ET.SubElement(suite, "testcase", {
        "classname": xml_text(f"factcheck.{kind_of(finding.claim.metric)}"),
        "name": xml_text(f"{loc.line}:{loc.column} {claim_label(finding.claim)} ({describe_claim(finding.claim)})"),
        "file": xml_text(lf.path), "line": str(loc.line),
    })
    failed = VERDICT_RANK[finding.verdict] >= threshold
    skipped = not failed and finding.verdict == "unverifiable"
    if failed:
        failure = ET.SubElement(case, "failure", {"message": xml_text(message(lf)), "type": finding.verdict})
        failure.text = xml_text("\n".join(x for x in (finding.explanation, finding.arithmetic, finding.suggestion) if x))
    elif skipped:
        ET.SubElement(case, "skipped", {"message": xml_text(message(lf))})
    out = ET.SubElement(case, "system-out")
    out.text = xml_text(f"{finding.verdict}: {message(lf)}\n{finding.claim.sentence}")
    return failed, skipped


@renderer("junit")
def render_junit(report: Report, options: RenderOptions) -> str:
    threshold = VERDICT_RANK.get(options.fail_on, len(VERDICT_RANK) + 1)  # never: nothing fails
    root = ET.Element("testsuites", {"name": "factcheck"})
    totals = Counter()
    for doc in report.documents:
        suite = ET.SubElement(root, "testsuite", {"name": xml_text(doc.path)})
        if doc.notices:  # before the testcases, as the JUnit schema orders them
            properties = ET.SubElement(suite, "properties")
            for notice in doc.notices:
                ET.SubElement(properties, "property", {"name": "notice", "value": xml_text(notice)})
        counts = Counter()
        for lf in doc.findings:
            failed, skipped = _testcase(suite, lf, threshold)
            counts.update(tests=1, failures=int(failed), skipped=int(skipped))
        suite.attrib.update({key: str(counts[key]) for key in ("tests", "failures", "skipped")}, errors="0")
        totals.update(counts)
    root.attrib.update({key: str(totals[key]) for key in ("tests", "failures", "skipped")}, errors="0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
