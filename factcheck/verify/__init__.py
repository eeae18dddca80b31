"""Verify: recompute each claim from the reference data and give a verdict (DESIGN.md, verdicts).

Right before clever: a claim is called `contradicted` only when every source for its reading
disagrees beyond tolerance and, when the sentence gave no year, no other year matches either;
whatever the data cannot settle is `unverifiable`, naming the missing part.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from factcheck.claims.model import Claim
from factcheck.link.model import Link
from factcheck.verify.metrics import HANDLERS, unverifiable
from factcheck.verify.model import VERDICT_RANK, VERDICTS, Alternative, Expected, Finding
from factcheck.verify.tolerances import Tolerances

if TYPE_CHECKING:
    from factcheck.reference import Catalog

# Notes the claims stage leaves when a reading leans on the sentences before without a word that
# points there (the paragraph's topic with no "it"/"the total", an elided verb, the story's other
# country), as opposed to reading the sentence itself. A year assumed from earlier text has its own
# guard in the metrics (another year that matches makes the claim unverifiable).
INFERRED_READINGS = ("carried from the sentence before", "ellipsis", "the country the story is about")

__all__ = ["Alternative", "Expected", "Finding", "Tolerances", "VERDICTS", "VERDICT_RANK", "verify_claim"]


def verify_claim(claim: Claim, link: Link, catalog: Catalog, tolerances: Tolerances = Tolerances()) -> Finding:
    if link.query is None:
        reason = "; ".join(link.notes) or f"the claim's {link.missing} could not be identified"
        return unverifiable(claim, link.missing or "metric", reason[0].upper() + reason[1:] + ".")
    handler = HANDLERS.get(claim.metric)
    if handler is None:
        return unverifiable(claim, "metric", f"Checking a {claim.metric} claim is not supported yet.")
    finding = handler(claim, link.query, catalog, tolerances)
    guessed = [note for note in claim.context if any(mark in note for mark in INFERRED_READINGS)]
    if finding.verdict == "contradicted" and guessed:
        # Part of the reading came from outside the sentence by a rule of thumb: enough to check a
        # figure that agrees, not enough to tell an author a figure is wrong.
        return replace(finding, verdict="unverifiable", missing="context", suggestion=None,
                       explanation=finding.explanation + f" Not called wrong: the sentence alone does not say this "
                       f"({'; '.join(guessed)}).")
    return finding
