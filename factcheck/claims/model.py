"""What the claims stage hands on: one `Claim` per checkable statement about trade."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.claims.provenance import Binding, Unaccounted, bindings_of
from factcheck.extract.model import Quantity

METRICS = ("trade_value", "share", "growth", "ratio", "rank", "trend", "comparison", "value_change", "level_ratio")
# Internal reading: a change of a share just stated ("74% of its exports, up 5%"), checked in points.
SHARE_CHANGE = "share_change"
FLOWS = ("export", "import", "total")


@dataclass(frozen=True)
class ClaimPeriod:
    """Years the claim is about, inclusive. `assumed` is True when the sentence gave no year and
    the latest year with data will be used; `end` None means "to the latest year with data"."""

    start: int | None
    end: int | None
    assumed: bool = False
    relative: bool = False
    surface: str | None = None
    unstated: bool = False  # an earlier figure with no year of its own ("up from less than a quarter")
    # with no year written, whether the figure's clause is told in the past ("accounted for around
    # 30% of U.S. exports"): the data's latest year need not be the one it means
    told_in_past: bool = False


@dataclass(frozen=True)
class Claim:
    """A statement about trade that data could settle.

    `reporter` is the country whose trade it is (ISO3); `partner` the other country or "WLD" for
    the world total; `flow` is seen from the reporter. For a share, the claim reads "partner takes
    `quantity` of reporter's `flow`". `start`/`end` locate the claimed figure (or, for a claim with
    no number such as a trend, the words that make it) in the document text. `context` records
    every part taken from outside the sentence ("reporter PRK from 'its', previous sentence").
    """

    sentence: str
    sentence_start: int
    start: int
    end: int
    metric: str
    quantity: Quantity | None
    reporter: str | None = None
    partner: str | None = None
    flow: str | None = None
    commodity: str | None = None
    period: ClaimPeriod | None = None
    hedge: str | None = None
    direction: str | None = None  # up | down for growth and trend claims
    compared_with: tuple[str | None, ...] | None = None  # (reporter, partner[, flow]) of the other side
    rank: int | None = None  # for rank claims: 1 for "largest", 2 for "second-largest"
    ranked_over: str = "partners"  # partners ("largest buyer") or years ("peaked in 2021")
    partner_assumed: bool = False  # no partner named: read as the reporter's trade with the world
    context: tuple[str, ...] = ()  # notes on the reading; the typed ones are `Binding`s (see `bindings`)
    # Words in the clause that could change what the figure measures and that the reading did not
    # account for (a month, a commodity, another currency, a target): the claim is not judged.
    unaccounted: tuple[Unaccounted, ...] = ()
    attribution: str | None = None  # the publisher the sentence cites ("according to KOTRA"): a key of attributions
    currency: str | None = None  # ISO 4217 code of a money figure as written (None: not money)
    frame: str | None = None  # the id of the frame that read it (claims/frames.yaml)
    counted_by: str | None = None  # the country whose count the sentence quotes ("China said ..."), ISO3

    @property
    def bindings(self) -> tuple[Binding, ...]:
        """Where each slot that was not stated in the clause came from, as typed values."""
        return bindings_of(self.context)
