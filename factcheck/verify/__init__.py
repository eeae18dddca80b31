"""Verify: recompute each claim from the reference data and give a verdict (DESIGN.md, verdicts).

Right before clever: a claim is called `contradicted` only when every source for its reading
disagrees beyond tolerance and, when the sentence gave no year, no other year matches either;
whatever the data cannot settle is `unverifiable`, naming the missing part.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from factcheck.countries import sentence_start
from factcheck.claims.model import Claim
from factcheck.link.model import Link
from factcheck.verify.metrics import HANDLERS, monthly_trade_value, unverifiable
from factcheck.verify.policy import apply_policy
from factcheck.verify.model import VERDICT_RANK, VERDICTS, Alternative, Expected, Finding
from factcheck.verify.tolerances import Tolerances

if TYPE_CHECKING:
    from factcheck.reference import Catalog

def _single_month(claim: Claim) -> int | None:
    """The month a claim is about when the only part left open is that month (rule CW01)."""
    months = {u.month for u in claim.unaccounted}
    if not claim.unaccounted or None in months or len(months) != 1:
        return None
    return months.pop()


__all__ = ["Alternative", "Expected", "Finding", "Tolerances", "VERDICTS", "VERDICT_RANK", "verify_claim"]


def verify_claim(claim: Claim, link: Link, catalog: Catalog, tolerances: Tolerances = Tolerances()) -> Finding:
    month = _single_month(claim)
    if month is not None and link.query is not None and claim.metric == "trade_value":
        # a month's figure, where the catalog holds a monthly series for the pair (US Census)
        as_read = replace(claim, unaccounted=tuple(u for u in claim.unaccounted if u.month is None))
        found = monthly_trade_value(as_read, link.query, catalog, tolerances, month)
        if found is not None:
            return apply_policy(found, tolerances, monthly=True)
    if claim.unaccounted:  # not judged: the reading left a part open (closed_world.yaml)
        return apply_policy(unverifiable(claim, claim.unaccounted[0].part, ""), tolerances)
    if link.query is None:
        reason = "; ".join(link.notes) or f"the claim's {link.missing} could not be identified"
        return unverifiable(claim, link.missing or "metric", sentence_start(reason) + ".")
    handler = HANDLERS.get(claim.metric)
    if handler is None:
        return unverifiable(claim, "metric", f"Checking a {claim.metric} claim is not supported yet.")
    return apply_policy(handler(claim, link.query, catalog, tolerances), tolerances)
