"""How far a claim may stray from the reference before the verdict changes (DESIGN.md verdicts)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tolerances:
    """`value` is relative (0.05 = 5%) for money and counts; `points` is absolute, in percentage
    points, for shares and growth rates; `about` widens a claim hedged with "about"/"around"
    (relative). All are configurable (`[tool.factcheck.tolerance]`)."""

    value: float = 0.05
    points: float = 2.0
    about: float = 0.05
    # A sentence without a year is read as "the latest year with data" only when that year is
    # recent: within `recent_years` of `as_of_year` (the --as-of date; today when unset). Older data
    # cannot contradict a claim in the present tense.
    recent_years: int = 3
    as_of_year: int | None = None
