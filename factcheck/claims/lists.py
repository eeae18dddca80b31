"""Fact-box lists: short lines under a lead-in that ends with a colon.

News pages set figures out as lists ("By the numbers"):

    Top U.S. exports to China in 1997:
    aircraft, $2.1 billion
    U.S. deficits with China for the past 10 years:
    1997, $49.7 billion

Each item line says only a label (a country, a year, goods) and a figure; what the figure measures
is in the lead-in. Read alone, an item is no trade claim at all, and its figure went unchecked and
unreported. So an item is read as one sentence with its lead-in before it: the lead-in's words give
the flow, the countries and the year, the label what the item adds. The slots the lead-in gives are
typed `Source.LEAD_IN`: not written in the item's own words, so the verdict policy never rests a
`contradicted` on them (a lead-in's scope is a reading of the layout, not of a sentence).

This is plain text surgery on the extract stage's records (no spaCy here): the composite sentence
keeps every item record at its own document position, and the lead-in's records are moved to sit
right before the item, so claims point at the item's figure in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from factcheck.claims import lexicon as lx
from factcheck.claims.closed_world import vocabulary as closed_world_vocabulary
from factcheck.claims.model import Claim, ClaimPeriod
from factcheck.claims.provenance import Binding, Source, Unaccounted
from factcheck.extract.model import Sentence
from factcheck.extract.sentences import shifted

LEAD_IN_MAX_WORDS = 25
LIST_LABEL = "CW16"  # closed_world.yaml: a label that names goods or a measure
UNREAD = "CW00"
# The words of an item line before its figure: an optional bullet, a label of a few words (or a
# year), then a comma or colon. A label with its own sentence in it is no item.
ITEM_HEAD = re.compile(r"\s*(?:[-*•–]\s*)?(?P<label>\d{4}|[^\W\d_][^,:;!?$€£¥]{0,60}?)\s*(?P<sep>[,:])\s*")
ITEM_TAIL = re.compile(r"[\s.;)]*")
YEAR_LABEL = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Item:
    """An item line read under its lead-in: the composite sentence and what its label is."""

    sentence: Sentence  # the lead-in's words, then the item's, at the item's document positions
    line: Sentence  # the item as the document has it
    lead_in: Sentence
    label: str
    place: str | None  # the label is a country (ISO3): the other side of the lead-in's flow
    year: int | None  # the label is a year: the figure's period


def _own_line(sentence: Sentence, text: str) -> bool:
    before = text[:sentence.start].rstrip(" \t")
    after = text[sentence.end:].lstrip(" \t")
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))


def is_lead_in(sentence: Sentence, text: str | None) -> bool:
    """A line of its own that ends with a colon and says what about trade the lines after it list."""
    words = sentence.text.strip()
    return text is not None and words.endswith(":") and len(words.split()) <= LEAD_IN_MAX_WORDS \
        and all(q.kind == "count" for q in sentence.quantities) and _own_line(sentence, text) \
        and bool(lx.TRADE_CUE.search(words) or lx.BALANCE.search(words))


def as_item(sentence: Sentence, lead_in: Sentence, text: str) -> Item | None:
    """The line read under the lead-in, when it is an item: a line of its own holding one figure
    after a short label, and nothing after the figure."""
    if len(sentence.quantities) != 1 or not _own_line(sentence, text):
        return None
    q = sentence.quantities[0]
    head = ITEM_HEAD.fullmatch(sentence.text, 0, q.start - sentence.start)
    if head is None or not ITEM_TAIL.fullmatch(sentence.text, q.end - sentence.start):
        return None
    label_start, label_end = head.start("label") + sentence.start, head.end("label") + sentence.start
    lead = lead_in.text.rstrip()
    offset = sentence.start - len(lead) - 1 - lead_in.start  # the lead-in moved to end right before the item
    moved = shifted(lead_in, offset)
    # The colon and the label's comma are layout, not clause breaks: blanked (same length, so every
    # record keeps its position) the lead-in's words read as the figure's own clause.
    separator = head.start("sep")
    item_text = sentence.text[:separator] + " " + sentence.text[separator + 1:]
    composite = Sentence(text=f"{lead[:-1]}  {item_text}", start=moved.start, end=sentence.end,
                         quantities=sentence.quantities,
                         places=moved.places + sentence.places,
                         periods=moved.periods + sentence.periods)
    place = next((p for p in sentence.places if label_start <= p.start and p.end <= label_end and p.iso3), None)
    label = head.group("label")
    return Item(composite, sentence, lead_in, label=label, place=place.iso3 if place else None,
                year=int(label) if YEAR_LABEL.fullmatch(label) else None)


def item_claim(claim: Claim, item: Item) -> Claim:
    """A claim read from the composite sentence, handed on as the item's: its own line as the
    sentence, the label in its slot (a country is the other side, a year the period; any other
    label - "aircraft", "toys and sporting goods" - names goods or a measure the tool did not read,
    CW16), and each slot the lead-in gave typed as such."""
    note = f"read under the list's lead-in '{item.lead_in.text.strip()}'"
    slots = ["reporter", "flow", "metric"]
    changes: dict = {}
    if item.place is not None and item.place != claim.reporter and claim.reporter is not None:
        changes.update(partner=item.place, partner_assumed=False)
    else:
        slots.append("partner")
    if item.year is not None:
        changes.update(period=ClaimPeriod(item.year, item.year, surface=item.label))
    else:
        slots.append("period")
    unaccounted = claim.unaccounted
    if item.place is None and item.year is None and not any(u.rule == UNREAD for u in unaccounted):
        rule = closed_world_vocabulary().rule(LIST_LABEL)
        unaccounted += (Unaccounted(rule.part, rule.id, item.label, rule.reason.format(words=item.label)),)
    balance = lx.BALANCE.search(item.lead_in.text)
    if balance and claim.metric == "trade_value" and claim.quantity is not None and claim.quantity.kind == "money":
        # "U.S. deficits with China for the past 10 years:": every item is that balance
        changes.update(metric="balance", direction="down" if balance.group(1).lower().startswith("deficit") else "up")
    bindings = tuple(Binding(note, slot, Source.LEAD_IN) for slot in slots)
    return replace(claim, sentence=item.line.text, sentence_start=item.line.start, context=claim.context + bindings,
                   unaccounted=unaccounted, **changes)
