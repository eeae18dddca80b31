"""What the link stage hands on: a `Query` against the reference catalog, or why there is none."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    """A claim restated in the catalog's terms (ISO3 countries, HS codes, flows, years).

    `years` None means "latest year with data" (the claim gave none). `hs_codes` is ("TOTAL",)
    for all goods. `mirror_ok` allows partner-reported data for non-reporting countries.
    """

    metric: str
    reporter: str
    partner: str
    flow: str
    hs_codes: tuple[str, ...] = ("TOTAL",)
    start_year: int | None = None
    end_year: int | None = None
    mirror_ok: bool = True
    commodity_label: str | None = None


@dataclass(frozen=True)
class Link:
    """The outcome of linking one claim: a query, or `missing` naming what could not be resolved
    (country, partner, flow, year, commodity)."""

    query: Query | None
    missing: str | None = None
    notes: tuple[str, ...] = ()
