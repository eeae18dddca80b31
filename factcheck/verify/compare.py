"""Intervals and verdicts (DESIGN.md, contract: verdicts).

statcheck-style: a stated figure stands for the interval its precision allows ("$2.27 billion" is
[2.265, 2.275) billion), widened or opened by its hedge; the reference figure stands for the
interval its publisher's rounding allows. Overlap is `supported`; a gap within tolerance is
`approximate`; beyond that `contradicted`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from factcheck.claims.model import Claim
from factcheck.verify.tolerances import Tolerances

POINT_METRICS = ("share", "growth", "share_change")  # compared in percentage points, not relative
ALMOST_ALL = (90.0, 100.0)


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        """Whether one true value could lie in both. Roundings are half-open ("2.48" is [2.475, 2.485),
        "2.49" is [2.485, 2.495)), so two intervals that only meet at an end share no value; an exact
        figure (a point) on the other's end still does."""
        if self.low > other.high or other.low > self.high:
            return False
        meet_at_an_end = math.isclose(self.high, other.low) or math.isclose(other.high, self.low)
        return not meet_at_an_end or self.is_point() or other.is_point()

    def is_point(self) -> bool:
        return math.isclose(self.low, self.high)

    def gap(self, other: Interval) -> float:
        if self.overlaps(other):
            return 0.0
        return other.low - self.high if other.low > self.high else self.low - other.high

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


def reference_interval(value: float, precision: float) -> Interval:
    half = abs(precision) / 2 if precision else 0.0
    return Interval(value - half, value + half)


def claim_value(claim: Claim) -> float | None:
    """The claim's figure in the metric's terms: growth as a signed percent change."""
    q = claim.quantity
    if q is None:
        return None
    value = q.value
    if q.kind == "multiplier":
        value = (value - 1.0) * 100.0 if claim.metric == "growth" else value
    elif claim.metric in ("growth", "share_change") and claim.direction == "down":
        value = -abs(value)
    return value


def claim_interval(claim: Claim, tol: Tolerances) -> Interval | None:
    q = claim.quantity
    if q is None:
        return Interval(*ALMOST_ALL) if claim.hedge == "almost_all" else None
    low = q.low if q.low is not None else q.value
    high = q.high if q.high is not None else (q.value_max if q.value_max is not None else q.value)
    if q.value_max is not None:
        high = max(high, q.value_max)
    if q.kind in ("percent", "ratio") and not any(ch.isdigit() for ch in q.surface):
        # "a third", "half": a fraction in words is exact; only a hedge ("about a third") widens it
        low = high = q.value
    if q.kind == "multiplier":
        # A whole factor is rounded like any whole number: "tenfold" is 9.5x to 10.5x.
        if float(q.value).is_integer() and q.value >= 2:
            low, high = q.value - 0.5, q.value + 0.5
        else:  # "3.2 times": the rounding of the written figure
            low = q.low if q.low is not None else q.value
            high = q.high if q.high is not None else q.value
        if claim.metric == "growth":
            low, high = (low - 1.0) * 100.0, (high - 1.0) * 100.0
    elif claim.metric in ("growth", "share_change") and claim.direction == "down":
        low, high = -abs(high), -abs(low)
    hedge = claim.hedge or q.hedge
    value = claim_value(claim) if claim.metric in ("growth", "share_change") else q.value
    def widen(x: float) -> float:  # "about"/"nearly": relative for every metric (issue 5: "about" = ±5%)
        return abs(x) * tol.about

    if hedge == "about":
        return Interval(low - widen(low), high + widen(high))
    if hedge == "nearly":
        return Interval(value - widen(value), high) if value >= 0 else Interval(low, value + widen(value))
    if value < 0 and hedge in ("more_than", "at_least", "up_to", "less_than"):
        # "a drop of more than a quarter" is a change below -25%: the bound flips with the sign.
        hedge = {"more_than": "less_than", "at_least": "up_to", "up_to": "at_least", "less_than": "more_than"}[hedge]
        if hedge in ("more_than", "at_least"):
            return Interval(value, 0.0)
        return Interval(-math.inf, value)
    if hedge in ("more_than", "at_least"):
        return Interval(low if hedge == "at_least" else value, math.inf)
    if hedge in ("up_to", "less_than"):
        return Interval(-math.inf if claim.metric == "growth" else 0.0, high if hedge == "up_to" else value)
    if hedge == "almost_all":
        return Interval(*ALMOST_ALL)
    return Interval(low, high)


def verdict_for(claimed: Interval, reference: Interval, metric: str, unit: str, tol: Tolerances) -> str:
    if claimed.overlaps(reference):
        return "supported"
    gap = claimed.gap(reference)
    if unit == "percent" or metric in POINT_METRICS and unit != "USD":
        return "approximate" if gap <= tol.points else "contradicted"
    centre = (reference.low + reference.high) / 2
    scale = abs(centre) if centre else 1.0
    return "approximate" if gap / scale <= tol.value else "contradicted"


def deviation(claimed_value: float | None, expected: float, unit: str) -> float | None:
    if claimed_value is None:
        return None
    if unit == "percent":
        return round(claimed_value - expected, 4)
    return round((claimed_value - expected) / expected, 4) if expected else None
