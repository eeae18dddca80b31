"""Verify: recompute each claim from the reference data and give a verdict (DESIGN.md, verdicts).

Right before clever: a claim is called `contradicted` only when every source for its reading
disagrees beyond tolerance and, when the sentence gave no year, no other year matches either;
whatever the data cannot settle is `unverifiable`, naming the missing part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.claims.model import Claim
from factcheck.link.model import Link
from factcheck.verify.metrics import HANDLERS, unverifiable
from factcheck.verify.policy import apply_policy
from factcheck.verify.model import VERDICT_RANK, VERDICTS, Alternative, Expected, Finding
from factcheck.verify.tolerances import Tolerances

if TYPE_CHECKING:
    from factcheck.reference import Catalog

__all__ = ["Alternative", "Expected", "Finding", "Tolerances", "VERDICTS", "VERDICT_RANK", "verify_claim"]


def verify_claim(claim: Claim, link: Link, catalog: Catalog, tolerances: Tolerances = Tolerances()) -> Finding:
    if claim.unaccounted:  # not judged: the reading left a part open (closed_world.yaml)
        return apply_policy(unverifiable(claim, claim.unaccounted[0].part, ""), tolerances)
    if link.query is None:
        reason = "; ".join(link.notes) or f"the claim's {link.missing} could not be identified"
        return unverifiable(claim, link.missing or "metric", reason[0].upper() + reason[1:] + ".")
    handler = HANDLERS.get(claim.metric)
    if handler is None:
        return unverifiable(claim, "metric", f"Checking a {claim.metric} claim is not supported yet.")
    return apply_policy(handler(claim, link.query, catalog, tolerances), tolerances)
