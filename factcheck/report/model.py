"""The report every output format renders (frictionless-py style: one data object, many views)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: importing verify loads claims, extract and spaCy
    from factcheck.document.model import Location
    from factcheck.reference.model import DatasetInfo
    from factcheck.verify.model import Finding


@dataclass(frozen=True)
class LocatedFinding:
    """A finding with its place in the original file and a stable id (`path:line:column`)."""

    id: str
    path: str
    location: Location
    finding: Finding
    fingerprint: str


@dataclass(frozen=True)
class DocumentReport:
    """One checked file. `text` is the prose the claims' offsets index (SourceDocument.text), kept
    so a report can show the article with its claims marked (`--format html`); empty when the
    report was built without it."""

    path: str
    findings: tuple[LocatedFinding, ...] = ()
    notices: tuple[str, ...] = ()
    text: str = field(default="", repr=False, compare=False)
    baseline_hidden: int = 0  # findings of this document hidden by --baseline

    @property
    def empty_message(self) -> str:
        """What a report says for a document with no finding to show: never "no claims" when a
        baseline hid them."""
        if self.baseline_hidden:
            s = "" if self.baseline_hidden == 1 else "s"
            return f"No new claims: {self.baseline_hidden} claim{s} hidden by the baseline."
        return "No trade claims found."


@dataclass(frozen=True)
class Report:
    documents: tuple[DocumentReport, ...]
    datasets: tuple[DatasetInfo, ...] = ()
    tool_name: str = "factcheck"
    tool_version: str = "0.1.0"
    as_of: str | None = None
    baseline_suppressed: int = 0
    summary: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from factcheck.verify.model import VERDICTS  # loaded by whoever made the findings

        counts = {"claims": 0, **{v: 0 for v in VERDICTS}}
        for doc in self.documents:
            for lf in doc.findings:
                counts["claims"] += 1
                counts[lf.finding.verdict] += 1
        object.__setattr__(self, "summary", counts)


def finite_json(data):
    """`data` with every non-finite float (inf, nan) as None: JSON has no Infinity, and a report
    that says `Infinity` is invalid JSON for every strict reader (issue 12, item 14)."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: finite_json(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [finite_json(value) for value in data]
    return data
