"""How serious each verdict is, in every output's own vocabulary: the one place that says so."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.verify.model import VERDICTS


@dataclass(frozen=True)
class Severity:
    verdict: str
    rule_id: str  # stable SARIF ruleId
    rule_name: str
    description: str
    sarif_level: str  # error | warning | note | none
    github_command: str | None  # error | warning | notice; None: not annotated
    symbol: str
    style: str  # rich style

    @property
    def is_problem(self) -> bool:
        return self.github_command is not None


SEVERITIES: dict[str, Severity] = {
    "contradicted": Severity(
        "contradicted", "FC-contradicted", "ContradictedClaim",
        "The reference data contradicts the figure, beyond the configured tolerance.",
        "error", "error", "✗", "bold red",
    ),
    "approximate": Severity(
        "approximate", "FC-approximate", "ApproximateClaim",
        "The figure is off the reference value by more than rounding but within the tolerance.",
        "warning", "warning", "≈", "yellow",
    ),
    "unverifiable": Severity(
        "unverifiable", "FC-unverifiable", "UnverifiableClaim",
        "No reference data covers the claim; it could not be checked.",
        "note", "notice", "?", "blue",
    ),
    "supported": Severity(
        "supported", "FC-supported", "SupportedClaim",
        "The reference data supports the figure.",
        "none", None, "✓", "green",
    ),
}
assert set(SEVERITIES) == set(VERDICTS)

# Most serious first: the order summaries and rule lists use.
ORDER = ("contradicted", "approximate", "unverifiable", "supported")


def severity(verdict: str) -> Severity:
    return SEVERITIES[verdict]


def ordered(findings, sort: str = "severity", quiet: bool = False) -> list:
    """Findings as the human-facing reports list them. `severity` (the default) puts what needs
    fixing first, most serious first and in reading order within a verdict: a journalist reads the
    report to learn what to change, and the supported claims are the least of it. `position`
    keeps the article's order. `quiet` leaves out the supported claims."""
    kept = [lf for lf in findings if not (quiet and lf.finding.verdict == "supported")]
    position = {id(lf): index for index, lf in enumerate(findings)}
    if sort == "position":
        return kept
    return sorted(kept, key=lambda lf: (ORDER.index(lf.finding.verdict), position[id(lf)]))
