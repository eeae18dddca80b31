"""Link: restate a claim as a query against the reference catalog (ISO3, HS codes, flows, years).

Countries arrive as ISO3 from the extractor's gazetteer; this stage checks that the parts a query
needs are present, maps commodity words to HS codes, and names the missing part when a claim cannot
be put to the data (the verifier reports it as `unverifiable`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.claims import commodity_table
from factcheck.claims.model import Claim
from factcheck.link.hs import hs_codes_for
from factcheck.link.model import Link, Query

if TYPE_CHECKING:
    from factcheck.reference import Catalog

__all__ = ["Link", "Query", "hs_codes_for", "link_claim"]


def link_claim(claim: Claim, catalog: Catalog) -> Link:
    if claim.reporter is None:
        return Link(None, missing="country", notes=("the sentence does not say whose trade it is",))
    if claim.flow is None:
        return Link(None, missing="flow")
    partner = claim.partner
    if partner is None:
        return Link(None, missing="partner", notes=("the sentence does not name the partner country",))
    for iso3 in (claim.reporter, partner):
        if iso3 != "WLD" and not catalog.knows_country(iso3):
            return Link(None, missing="country", notes=(f"no reference dataset covers {iso3}",))
    hs_codes: tuple[str, ...] = ("TOTAL",)
    if claim.metric == "volume":
        return Link(None, missing="metric", notes=("the reference data holds trade values in dollars, not tonnes or barrels",))
    if claim.period is not None and claim.period.unstated:
        return Link(None, missing="year", notes=("the sentence gives no year for this figure",))
    if claim.commodity == "services":
        return Link(None, missing="metric", notes=("the reference datasets cover trade in goods, not services",))
    if claim.commodity and "," in claim.commodity:
        return Link(None, missing="commodity",
                    notes=(f"no dataset gives one figure for {claim.commodity} together; check each good separately",))
    if claim.commodity:
        hs_codes = commodity_table().get(claim.commodity) or hs_codes_for(claim.commodity)
        if not hs_codes:
            return Link(None, missing="commodity", notes=(f"'{claim.commodity}' matches no HS code",))
    period = claim.period
    query = Query(
        metric=claim.metric,
        reporter=claim.reporter,
        partner=partner,
        flow=claim.flow,
        hs_codes=hs_codes,
        start_year=period.start if period else None,
        end_year=period.end if period else None,
        commodity_label=claim.commodity,
    )
    return Link(query)
