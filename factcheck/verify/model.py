"""What the verify stage hands on: a `Finding` per claim, everything a report needs to render."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.claims.model import Claim
from factcheck.reference.model import Observation

VERDICTS = ("supported", "approximate", "contradicted", "unverifiable")
# What an unverifiable finding names as missing (`Finding.missing`): the registry every stage and
# the gold corpora use. period/currency/series/context come from the verdict policy (policy.py).
MISSING_PARTS = ("country", "partner", "flow", "year", "metric", "commodity", "period", "currency", "series", "context")
# Severity order, used by --fail-on: a finding fails the run when its rank >= the threshold's.
VERDICT_RANK = {"supported": 0, "unverifiable": 1, "approximate": 2, "contradicted": 3}


@dataclass(frozen=True)
class Expected:
    """The reference value the claim was compared with, and where it comes from."""

    value: float
    unit: str
    dataset: str
    citation: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Alternative:
    """The same number under a neighbouring reading ("97% is China's share of North Korea's
    imports, not its exports")."""

    description: str
    value: float
    unit: str
    dataset: str
    citation: str
    kind: str = "flow"  # one of MIXUP_KINDS


# What an alternative changes: "flow" the flow (or a share's whole: total trade), "countries" the
# two countries the other way round, "year" the year, "unit" the scale written (million for billion).
# A flow written wrong is a classic newsroom mix-up ("97% of its exports" for imports); which of two
# named countries is the reporter is the tool's own reading of the syntax, so a figure that holds with
# the countries the other way round is not called wrong (metrics._numeric).
MIXUP_KINDS = ("flow", "countries", "year", "unit")


@dataclass(frozen=True)
class Finding:
    claim: Claim
    verdict: str
    explanation: str
    expected: Expected | None = None
    deviation: float | None = None  # relative for values, in points for shares/growth
    evidence: tuple[Observation, ...] = ()
    arithmetic: str | None = None
    alternatives: tuple[Alternative, ...] = ()
    missing: str | None = None  # for unverifiable: one of MISSING_PARTS
    suggestion: str | None = None  # a suggested correction for contradicted claims
    disagreement: str | None = None  # other sources that disagree with the preferred one
