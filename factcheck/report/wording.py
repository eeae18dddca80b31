"""Plain-English pieces every human-facing renderer shares: values, claims, periods."""

from __future__ import annotations

from factcheck.claims.model import Claim
from factcheck.countries import name_of
from factcheck.numbers import format_value  # noqa: F401 - re-exported for the renderers

def format_deviation(deviation: float | None, unit: str | None) -> str:
    if deviation is None:
        return ""
    if unit == "percent":
        return f"{deviation:+.1f} pp"
    return f"{deviation * 100:+.1f}%"


def period_text(claim: Claim) -> str:
    period = claim.period
    if not period or period.start is None:
        return ""
    if period.end is None:
        text = f"since {period.start}"
    elif period.end == period.start:
        text = str(period.start)
    else:
        text = f"{period.start}–{period.end}"
    return f"{text} (assumed)" if period.assumed else text


def _country(code: str | None) -> str:
    return name_of(code) if code else "an unknown country"


def describe_claim(claim: Claim) -> str:
    """What the claim is about, e.g. "China's share of North Korea's exports, 2023"."""
    reporter, partner = _country(claim.reporter), _country(claim.partner)
    flow = claim.flow or "trade"
    flow_noun = {"export": "exports", "import": "imports", "total": "trade"}.get(flow, flow)
    if claim.metric == "share":
        text = f"{partner}'s share of {reporter}'s {flow_noun}"
    elif claim.metric == "trade_value":
        if flow == "total" or not claim.flow:
            text = f"{reporter}–{partner} trade"
        else:
            text = f"{reporter}'s {flow_noun} {'to' if flow == 'export' else 'from'} {partner}"
    else:
        text = f"{claim.metric.replace('_', ' ')}: {reporter}'s {flow_noun}"
        if claim.partner:
            text += f" with {partner}"
    if claim.commodity:
        text += f" ({claim.commodity})"
    period = period_text(claim)
    return f"{text}, {period}" if period else text


def claim_label(claim: Claim) -> str:
    """The claimed figure as written, or the words that make a claim with no number."""
    if claim.quantity is not None:
        return claim.quantity.surface
    return claim.sentence[claim.start - claim.sentence_start: claim.end - claim.sentence_start] or claim.metric
