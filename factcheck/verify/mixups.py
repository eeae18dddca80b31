"""Mix-up detection: for a claim that does not hold, the same number under a neighbouring reading.

The readings tried are the ones newsrooms actually confuse: the other flow (imports for exports),
the two countries swapped, the share of total trade instead of exports, another year, and a unit
slip (million for billion). Each is reported only when the claim's own interval would support it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from factcheck.claims.model import Claim
from factcheck.countries import name_of, possessive
from factcheck.numbers import format_value
from factcheck.verify import compare as cmp
from factcheck.verify.evidence import Figure, share_figures, value_figures
from factcheck.verify.model import Alternative
from factcheck.verify.tolerances import Tolerances

if TYPE_CHECKING:
    from factcheck.link.model import Query
    from factcheck.reference import Catalog

OTHER_FLOWS = {"export": ("import", "total"), "import": ("export", "total"), "total": ("export", "import")}


def _readings(query: Query, metric: str):
    """(description, reporter, partner, flow) for each neighbouring reading."""
    r, p = query.reporter, query.partner
    for flow in OTHER_FLOWS[query.flow]:
        yield flow, r, p
    if p not in (None, "WLD"):
        yield query.flow, p, r
        for flow in OTHER_FLOWS[query.flow]:
            yield flow, p, r


def _figures(catalog, metric, reporter, partner, flow, hs_codes, only_year: int | None = None) -> dict[int, list[Figure]]:
    if metric == "share":
        return share_figures(catalog, reporter, partner, flow, hs_codes, only_year=only_year)
    return value_figures(catalog, reporter, partner, flow, hs_codes, only_year=only_year)


def _describe(metric: str, reporter: str, partner: str, flow: str) -> str:
    noun = {"export": "exports", "import": "imports", "total": "total trade"}[flow]
    if metric == "share":
        return f"{possessive(name_of(partner))} share of {possessive(name_of(reporter))} {noun}"
    if partner in (None, "WLD"):
        return f"{possessive(name_of(reporter))} {noun}"
    return f"{possessive(name_of(reporter))} {noun} {'with' if flow == 'total' else 'to' if flow == 'export' else 'from'} {name_of(partner)}"


def _supports(claimed: cmp.Interval | None, fig: Figure, scale: float = 1.0) -> bool:
    """Whether the claim's interval (`cmp.claim_interval`, computed once per claim), scaled,
    overlaps the figure's."""
    if claimed is None:
        return False
    if scale != 1.0:
        claimed = cmp.Interval(claimed.low * scale, claimed.high * scale)
    return claimed.overlaps(cmp.reference_interval(fig.value, fig.precision))


def find_alternatives(claim: Claim, query: Query, catalog: Catalog, tol: Tolerances, year: int) -> list[Alternative]:
    if claim.metric not in ("share", "trade_value") or claim.quantity is None:
        return []
    found: list[Alternative] = []
    surface = claim.quantity.surface
    claimed = cmp.claim_interval(claim, tol)

    def add(description: str, fig: Figure, kind: str = "flow") -> None:
        if not any(a.description == description for a in found):
            found.append(Alternative(description, fig.value, fig.unit, fig.dataset, fig.citation, kind))

    for flow, reporter, partner in _readings(query, claim.metric):
        # The claim's year only: every year of six neighbouring readings was most of verification
        # with COW (145 years a pair), for one year looked at.
        by_year = _figures(catalog, claim.metric, reporter, partner, flow, query.hs_codes, only_year=year)
        for fig in by_year.get(year, []):
            if _supports(claimed, fig):
                add(f"{surface} matches {_describe(claim.metric, reporter, partner, flow)} in {year} "
                    f"({format_value(fig.value, fig.unit)}, {fig.source}), not {_describe(claim.metric, query.reporter, query.partner, query.flow)}", fig,
                    "flow" if reporter == query.reporter else "countries")
    same = _figures(catalog, claim.metric, query.reporter, query.partner, query.flow, query.hs_codes)
    for other_year in sorted(same, reverse=True):
        if other_year == year:
            continue
        for fig in same[other_year]:
            if _supports(claimed, fig):
                add(f"{surface} matches {other_year} ({format_value(fig.value, fig.unit)}, {fig.source}), not {year}", fig, "year")
    # A unit slip changes the number written, so only a bounded figure can have made one: "more
    # than 2.2 trillion" read as millions "matched" any figure above 2.2 billion.
    if claim.metric == "trade_value" and claimed is not None and claimed.low > 0 and math.isfinite(claimed.high):
        for scale, slip in ((1e3, "billion for million"), (1e-3, "million for billion")):
            for fig in same.get(year, []):
                if _supports(claimed, fig, scale=1 / scale):
                    add(f"{surface} matches {format_value(fig.value, 'USD')} ({fig.source}, {year}) if "
                        f"{slip} was a unit slip", fig, "unit")
    if claim.metric == "share" and query.flow != "total":
        for fig in share_figures(catalog, query.reporter, query.partner, "total", query.hs_codes, only_year=year).get(year, []):
            if _supports(claimed, fig):
                add(f"{surface} matches {_describe('share', query.reporter, query.partner, 'total')} in {year}", fig)
    return found[:5]
