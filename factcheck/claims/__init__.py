"""Claims: turn each sentence's spans into the trade claims it makes (DESIGN.md, claims stage).

A number becomes a claim only where the text talks about trade (exports, imports, trade, trading
partner...), in its own sentence or, for "The total rose 25%", in the paragraph's last claim; page
furniture ("0 views", "$2 every month") and non-trade figures ("employs 3,000 workers") are left
out here, so they can never be called supported or contradicted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from factcheck import yamlfile

from factcheck.claims import lexicon as lx
from factcheck.claims.attributions import attribution_in, organisation_spans, publishers
from factcheck.claims.clauses import clause_of, split
from factcheck.claims.closed_world import (currency_parts, growth_currency_parts, other_measure_named, story_currency_part,
                                           unaccounted_parts)
from factcheck.claims.closed_world import vocabulary as closed_world_vocabulary
from factcheck.claims.context import Context, split_changes, with_carried_scale
from factcheck.claims.frame_matcher import base_year_of
from factcheck.claims.frame_matcher import metric_of as frame_metric
from factcheck.claims.lists import as_item, is_lead_in, item_claim
from factcheck.claims.model import Claim, ClaimPeriod
from factcheck.claims.periods import period_for
from factcheck.claims.provenance import Binding, Source, Unaccounted, unsafe_bindings
from factcheck.claims.roles import Roles, Topic, flow_of, mentions, read_roles, verb_direction
from factcheck.claims.unnumbered import unnumbered_claims
from factcheck.extract.model import Extraction, Quantity, Sentence
from factcheck.extract.money import table as currency_table

__all__ = ["Claim", "ClaimPeriod", "commodity_table", "find_claims"]

AS_MUCH_AS = re.compile(r"\s+as much(?:\s+\w+){0,3}?\s+as\s+(?:it|they|the country|\w+)\s+(?:\w+\s+)?(?:bought|sold|imported|exported|buys|sells|imports|exports)\b", re.I)
RESTATED = re.compile(r":\s*$")  # "100 times its trade with North Korea: $267.5 billion against ..."
AGAINST = re.compile(r"^\s*(?:against|versus|vs\.?|compared with|compared to)\s+(?:about\s+|nearly\s+|some\s+)?$", re.I)
EARLIER_AFTER = re.compile(r"\s+(?:a|one|two|three|four|five|\d+) years? (?:earlier|before)\b", re.I)
EARLIER_FIGURE = Binding("the earlier figure of the same measure", "metric", Source.SAME_SENTENCE)
CHANGE_OF_FIGURE = Binding("the change of the figure before", "metric", Source.SAME_SENTENCE)
LEVEL_AFTER_CHANGE = Binding("the level the change before moved the measure to", "metric", Source.SAME_SENTENCE)
RANK_VALUE_GAP = re.compile(r",?\s*(?:at|with|worth|totall?ing|shipping|selling|buying|supplying)\s+(?:about\s+|nearly\s+|some\s+)?", re.I)
# Words that point back at the source the story cited ("The data showed ...").
DATA_BACK_REFERENCE = re.compile(r"\b(?:the|these|those|customs|official|latest|same)\s+(?:data|figures|statistics|numbers|report)\b", re.I)
FRACTION_WORDS = re.compile(r"^(?:a|one|two|three)?[- ]?(?:half|third|thirds|quarter|quarters|fifth|fifths)$", re.I)


@lru_cache(maxsize=1)
def commodity_table() -> dict[str, tuple[str, ...]]:
    """News commodity words -> HS codes (claims/commodities.yaml); link maps claims through it."""
    raw = yamlfile.safe_load(files("factcheck.claims").joinpath("commodities.yaml").read_text("utf-8"))
    return {word: tuple(codes) for word, codes in raw.items()}


@lru_cache(maxsize=1)
def _commodity_pattern() -> re.Pattern[str]:
    words = sorted(commodity_table(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")(?:e?s)?\b", re.I)


def commodities_in(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1).lower() for m in _commodity_pattern().finditer(text)))


class _GoodsReadings(NamedTuple):
    """The patterns `commodity_for` reads goods with, built from the commodity table once."""

    before_figure: tuple[re.Pattern[str], ...]  # in the clause before the figure
    worth: re.Pattern[str]  # "textiles worth $752 million": must end right before the figure
    of_goods_after: tuple[re.Pattern[str], ...]  # "$1.2 billion of coal", "... of U.S. imports of crude oil"
    subject: re.Pattern[str]  # "coal made up a third of exports"


@lru_cache(maxsize=1)
def _goods_readings() -> _GoodsReadings:
    words = "|".join(re.escape(w) for w in sorted(commodity_table(), key=len, reverse=True))
    item = rf"(?:{words})(?:e?s)?"
    listed = rf"{item}(?:\s*,\s*{item})*(?:\s*,?\s*(?:and|or)\s+{item})?"
    return _GoodsReadings(
        before_figure=tuple(re.compile(p, re.I) for p in (
            rf"\b(?:tonnes|tons|barrels|worth|cargoes|shipments|exports|imports|sales|purchases)\s+of\s+(?P<c>{listed})\b",
            rf"\b(?P<c>{listed})\s+(?:exports?|imports?|shipments|sales|trade|purchases)\b",
            rf"\b(?:exports?|imports?|shipments|sales|purchases)\s+of\s+(?P<c>{listed})\b")),
        worth=re.compile(rf"\b(?P<c>{listed})\s+(?:worth|valued at)\s*$", re.I),
        of_goods_after=(
            re.compile(rf"\s*(?:of|in)\s+(?P<c>{listed})\b", re.I),
            re.compile(rf"\s*of\s+(?:[^,;]{{0,30}}?\s)?(?:exports?|imports?|shipments|sales|purchases)\s+of\s+(?P<c>{listed})\b", re.I)),
        subject=re.compile(rf"\s*(?:[\w,' ]{{0,40}}?\b)?(?P<c>{listed})\s+(?:(?:made up|make up|makes up|account(?:ed|s)? for|represent(?:ed|s)?|were|was|are|is)\b|(?:about|nearly|almost|roughly|some|around)?\s*$)", re.I),
    )


def commodity_for(text: str, clause_start: int, clause_end: int, q_start: int, q_end: int) -> str | None:
    """The goods a figure is about, only where the words tie them to it: "coal exports", "exports of
    coal", "coal made up a third of exports", "textiles worth $752 million"; not "on the back of coal
    sales" elsewhere in the sentence."""
    clause = text[clause_start:clause_end]
    readings = _goods_readings()
    local_q = q_start - clause_start
    before, after = clause[:local_q], clause[q_end - clause_start:]
    # Goods named after the figure are its cause or context ("jumped 41% on the back of coal
    # sales"), not what the figure measures, unless they follow it as "$1.2 billion of coal".
    for pattern in readings.before_figure:
        for m in pattern.finditer(before):
            return ", ".join(commodities_in(m.group("c")))
    for m in readings.worth.finditer(before):
        if m.end() != len(before.rstrip()) and not before.rstrip().endswith(m.group(0).rstrip()):
            continue
        return ", ".join(commodities_in(m.group("c")))
    # "$1.2 billion of coal"; a share's whole names them too: "13 percent of U.S. imports of crude oil"
    of_goods = readings.of_goods_after[0].match(after) or readings.of_goods_after[1].match(after)
    if of_goods:
        return ", ".join(commodities_in(of_goods.group("c")))
    subject = readings.subject.match(before)
    if subject:
        return ", ".join(commodities_in(subject.group("c")))
    return None


SHARE_SUBJECT = re.compile(
    r"(?P<goods>[a-z][a-z -]{1,30}?)\s+(?:made up|make up|makes up|accounts? for|accounted for|represent(?:s|ed)?|"
    r"comprised?|comprises)\s+(?:about |nearly |more than |almost |some |roughly |around |over |under |less than )?$", re.I)


def _unknown_goods(text: str, clause_start: int, q_start: int, found) -> str | None:
    """The goods a share is of, when the words are not in the commodity table: "raw silk made up
    more than half of what Japan sold" - kept so the claim is reported as about a commodity the
    data may not cover, instead of being read as a share of all trade."""
    m = SHARE_SUBJECT.search(text[clause_start:q_start])
    if not m or any(clause_start + m.start() <= x.start < q_start for x in found):
        return None
    words = m.group("goods").split()
    stop = {"the", "which", "that", "it", "they", "this", "these", "and", "its", "their"}
    goods = " ".join(w for w in words if w.lower() not in stop)
    return goods.lower() or None


def find_claims(extraction: Extraction, *, as_of: dt.date | None = None, text: str | None = None) -> list[Claim]:
    """All trade claims, in document order (iter_claims)."""
    return list(iter_claims(extraction, as_of=as_of, text=text))


def iter_claims(extraction: Extraction, *, as_of: dt.date | None = None, text: str | None = None) -> Iterator[Claim]:
    """The trade claims, in document order, sentence by sentence: a long text's claims need not
    all be held at once (the pipeline verifies each as it comes). `text` (the document's prose)
    lets the paragraph's topic carry across sentences; without it every sentence stands alone."""
    dollar = _other_dollar(extraction)
    context = Context()
    topic = Topic()
    previous_end: int | None = None
    attribution: str | None = None  # the publisher the story cites, carried to later sentences
    lead_in: Sentence | None = None  # the lead-in of the list being read (claims/lists.py)
    paragraph_money: Quantity | None = None  # the paragraph's last amount: its currency is its rates'
    dollars_before = False  # the story has stated amounts in dollars: its rates are likely dollar rates
    for sentence in extraction.sentences:
        item = as_item(sentence, lead_in, text) if lead_in is not None else None
        lead_in = sentence if is_lead_in(sentence, text) else (lead_in if item is not None else None)
        new_paragraph = text is not None and previous_end is not None and "\n" in text[previous_end : sentence.start]
        same_paragraph = not (text is None or previous_end is None or new_paragraph)
        topic = _topic_at(topic, sentence, text, new_paragraph)
        paragraph_money = None if new_paragraph or sentence.heading else paragraph_money
        previous_end = sentence.end
        cited = attribution_in(sentence.text)
        attribution = _carried_attribution(sentence, cited, attribution, same_paragraph)
        # A headline or a list line states claims too ("Peru-China trade up 14% in 2018",
        # "-Exports: $116.8 billion"); a heading starts a new story all the same (_topic_at).
        if item is None:
            found = [_in_open_balance(_in_open_measure(_in_open_period(c, topic), topic), topic)
                     for c in _claims_as_written(sentence, context, topic, cited, attribution)]
        else:
            found = [item_claim(_in_open_period(c, topic), item)
                     for c in _claims_as_written(item.sentence, context, topic, cited, attribution)]
        found = [_rate_in_story_currency(c, sentence, paragraph_money, dollars_before) for c in found]
        paragraph_money = next((q for q in reversed(sentence.quantities) if q.kind == "money"), paragraph_money)
        units = {q.unit for q in sentence.quantities if q.kind == "money"}
        dollars_before = dollars_before or units == {"USD"}  # "212.1 billion euros ($258 billion)" converts
        topic = _topic_after_sentence(found, topic, sentence)
        context.update(sentence)
        yield from sorted((_dollars_read(_no_self_trade(c), dollar) for c in found), key=lambda c: c.start)


FISCAL_YEAR = "CW13"  # the closed-world rule of fiscal years (closed_world.yaml)
PART_OF_YEAR = "CW01"  # the closed-world rule of months, quarters, halves and year-to-date
OTHER_MEASURE = "CW03"  # another measure than merchandise trade (closed_world.yaml)
BALANCE_NOT_TAKEN = "CW18"  # a balance named in the clause that the reading did not take (closed_world.yaml)
NAMES_SERVICES = re.compile(r"\bservices\b", re.I)  # words of a CW03 match that are of goods and services
CARRIED = (Source.PREVIOUS_SENTENCE, Source.ELLIPSIS, Source.PRONOUN)


def _in_open_measure(claim: Claim, topic: Topic) -> Claim:
    """ "U.S. goods and services trade with China totaled $539 billion in 2011. Exports totaled $129
    billion; Imports totaled $411 billion": an amount that takes its countries from the text before
    measures what that text measured - goods and services, which the goods data does not hold. (A
    share "of them" is left alone: a partner's share of the two differs less than their sizes.)"""
    part = topic.open_measure
    if part is None or claim.quantity is None or claim.quantity.kind != "money" or any(p.part == "metric" for p in claim.unaccounted) \
            or not any(b.slot == "reporter" and b.source in CARRIED for b in claim.bindings):
        return claim
    return _carried(claim, part, "the text before is about that measure and this figure names no other")


def _carried(claim: Claim, part: Unaccounted, why: str) -> Claim:
    """The claim with a part the text before left open, carried onto it and saying why."""
    carried = Unaccounted(part.part, part.rule, part.words, f"{part.reason}; {why}", part.month)
    return replace(claim, unaccounted=claim.unaccounted + (carried,))


def _in_open_balance(claim: Claim, topic: Topic) -> Claim:
    """ "The American merchandise trade deficit with Japan grew from $9.9 billion in 1980 to $19.4
    billion in 1983. It neatly doubled in 1984": a pronoun points at what the sentence before was
    about; where its last figure may be of a balance the reading did not take, so may the
    pronoun's, and the trade it was read as must not judge it. (A figure read as a balance names
    its own: "The country's trade deficit with Japan stood at $25.3 billion".)"""
    part = topic.open_balance
    if part is None or claim.metric in ("balance", "balance_change") or any(p.part == "metric" for p in claim.unaccounted) \
            or not any(b.slot == "reporter" and b.source is Source.PRONOUN for b in claim.bindings):
        return claim
    return _carried(claim, part, "the pronoun may point at that balance")


def _in_open_period(claim: Claim, topic: Topic) -> Claim:
    """ "Exports grew to $9 billion in the fiscal year that ended last month. Imports increased to
    $3 billion.": a figure with no period of its own in a story told in fiscal years is read as for
    a fiscal year too, which the calendar-year data does not hold. (A month is no such story: "In
    December exports fell 3.5%. For the year they rose 7.1%" moves back to the year.)"""
    part = topic.open_period
    if part is None or claim.quantity is None or any(p.part == "period" for p in claim.unaccounted):
        return claim
    period = claim.period
    own = period is not None and period.start is not None and not period.assumed \
        and not any(b.slot == "period" and b.source not in (Source.SAME_SENTENCE, Source.ELLIPSIS) for b in claim.bindings)
    if own:
        return claim  # its own year, or the year its sentence states ("$51 billion in 2014, 31 percent more")
    if part.rule == PART_OF_YEAR and not _told_in_the_past(claim.sentence):
        return claim  # "China accounts for about 25 percent of South Korea's exports": the present, not the quarter
    return _carried(claim, part, "the text before is about that period and this figure names no other")


CHANGE_METRICS = ("growth", "balance_change")


def _rate_in_story_currency(claim: Claim, sentence: Sentence, paragraph_money: Quantity | None,
                            dollars_before: bool) -> Claim:
    """ "Exports to China came to 95.9 billion euros. They shrank by 0.1%": a rate of change in a
    sentence that states no amount is of the paragraph's currency, or of the cited publisher's
    where the story has given no dollar amounts (a 1988 story quoting Japan's Finance Ministry in
    dollars quotes its dollar rates)."""
    q = claim.quantity
    if claim.metric not in CHANGE_METRICS or q is None or q.kind == "money" \
            or any(q.kind == "money" for q in sentence.quantities) or any(p.part == "currency" for p in claim.unaccounted):
        return claim
    publisher = publishers().get(claim.attribution) if claim.attribution else None
    part = story_currency_part(paragraph_money, publisher.name if publisher else None,
                               publisher.currency if publisher and not dollars_before else "USD")
    return claim if part is None else replace(claim, unaccounted=claim.unaccounted + (part,))


def _no_self_trade(claim: Claim) -> Claim:
    """A reading that makes a country trade with itself ("'It' read as China-China") has lost
    one of the two sides: whose trade it is stays open, never a check of nothing."""
    if claim.reporter is None or claim.reporter != claim.partner:
        return claim
    return replace(claim, reporter=None)


def _topic_at(topic: Topic, sentence: Sentence, text: str | None, new_paragraph: bool) -> Topic:
    """The topic a sentence starts with. A heading starts a new story (and without the text,
    sentences stand alone); a new paragraph continues the story (countries, flow) but a year
    stated in another paragraph is only a base for "a year earlier", never the year of a new
    figure."""
    if text is None or sentence.heading:
        return Topic()
    if new_paragraph:
        return replace(topic, year=None, open_measure=None)
    return topic


def _carried_attribution(sentence: Sentence, cited: str | None, attribution: str | None, same_paragraph: bool) -> str | None:
    """The publisher a sentence's figures come from: the one it cites, else the one cited before
    in the paragraph, or anywhere before when the sentence points back ("the data showed") or
    the publisher carries (a compiler cited in another paragraph dates other figures)."""
    if cited is None and not same_paragraph and not DATA_BACK_REFERENCE.search(sentence.text) \
            and not (attribution and publishers()[attribution].carries):
        attribution = None
    return cited or attribution


def _claims_as_written(sentence: Sentence, context: Context, topic: Topic, cited: str | None,
                       attribution: str | None) -> list[Claim]:
    """The sentence's claims, read with organisation names blanked, handed on with the sentence
    and its citation as written ("The data showed": the publisher the story cited before)."""
    found = _bases_dated_apart(sorted(_sentence_claims(_without_organisations(sentence), context, topic), key=lambda c: c.start))
    counter = _counted_by(sentence, context) if found else None
    found = [replace(c, sentence=sentence.text, attribution=c.attribution or cited, counted_by=counter) for c in found]
    if attribution and not cited:
        found = [replace(c, attribution=attribution) if c.attribution is None else c for c in found]
    return found


# Whose count a sentence quotes: "China said that in 2019 ...", "according to China's customs",
# "Chinese customs data showed": the figures are that country's count of the flows.
COUNT_LEAD = re.compile(r"(?:^\s*|\baccording to\s+|\b(?:data|figures|statistics) from\s+)(?:the\s+)?$", re.I)
COUNT_CUE = re.compile(r"\b(?:said|says|reported|reports|announced|showed|according to|customs|from)\b", re.I)
COUNT_VERB = re.compile(r"(?:'s|’s)?\s*(?:(?:customs|government|commerce ministry|statistics (?:office|bureau)|officials?)"
                        r"(?:\s+data)?\s*)?(?:said|says|reported|reports|announced|showed|data showed|figures showed)?", re.I)


def _counted_by(sentence: Sentence, context: Context) -> str | None:
    """The country whose own count the sentence quotes, when it says so at its start or after
    "according to" (typed, for the verdict policy: the data may hold the other side's count)."""
    text = sentence.text
    if not COUNT_CUE.search(text):
        return None  # most sentences: no need to read their countries again
    for m in mentions(sentence, context):
        verb = COUNT_VERB.match(text, m.end)
        if COUNT_LEAD.search(text[:m.start]) and verb.group(0).strip() not in ("", "'s", "’s") \
                and (m.demonym is False or "customs" in verb.group(0).lower()):
            return m.iso3
    return None


def _topic_after_sentence(found: list[Claim], topic: Topic, sentence: Sentence) -> Topic:
    """The paragraph's topic after a sentence: its last claim with a reporter, with the year it
    stated (else the paragraph's) and the latest year stated so far. A sentence with no claim
    that names another measure ("U.S. investment in Canada is also vast") may be what a pronoun
    after it means, so the paragraph's flow is not carried past it."""
    numbered = [c for c in found if c.reporter]
    if not numbered:
        return replace(topic, flow=None) if topic.flow and other_measure_named(sentence.text) else topic
    last = numbered[-1]
    # A figure for a fiscal year ("in fiscal year 2021-22") dates no calendar year that a following
    # sentence could take as its own, and the story's later figures keep to fiscal years.
    dated = [c for c in numbered if not any(p.rule == FISCAL_YEAR for p in c.unaccounted)]
    leading = [c for c in dated if not _is_base_figure(c)] or dated
    if not leading:
        fiscal = next(p for c in numbered for p in c.unaccounted if p.rule == FISCAL_YEAR)
        return Topic(last.reporter, last.partner, last.flow, None, topic.story_year, metric=last.metric,
                     open_period=fiscal)
    last_period = leading[-1].period
    year = last_period.end if last_period is not None and not last_period.assumed else topic.year
    stated = [end for c in leading if (end := _stated_end(c))]
    starts = [start for c in dated if (start := _stated_start(c))]
    span = (min(starts), max(stated)) if starts and stated and min(starts) < max(stated) else None
    # "China remained Mongolia's biggest trade partner in the first quarter of 2020. China took up
    # 56.5 percent of Mongolia's total foreign trade": the next figure with no period of its own is
    # of that quarter too (_in_open_period), not of the whole year 2020. Not after one month's
    # figure: "exports grew 10.7% in December. Exports amounted to about USD 3.58 trillion" moves
    # back to the year.
    return Topic(last.reporter, last.partner, last.flow, year, max(stated, default=topic.story_year), metric=last.metric,
                 span=span, open_measure=_open_measure_after(numbered, topic), open_period=_part_of_year(leading[-1]),
                 open_balance=_balance_not_taken(last))


def _balance_not_taken(claim: Claim) -> Unaccounted | None:
    """The balance the claim's words name and its reading did not take (CW18), which a pronoun
    after it may point at (_in_open_balance)."""
    return next((p for p in claim.unaccounted if p.rule == BALANCE_NOT_TAKEN), None)


def _part_of_year(claim: Claim) -> Unaccounted | None:
    """The quarter, half or months-to-date a claim is for (CW01 with no single month), which the
    story's next figures without a period of their own are for too."""
    return next((p for p in claim.unaccounted if p.rule == PART_OF_YEAR and p.month is None), None)


def _open_measure_after(numbered: list[Claim], topic: Topic) -> Unaccounted | None:
    """The measure the paragraph stays in after a sentence: goods and services where one of its
    figures was, else the paragraph's, while its country stays the same."""
    measure = next((p for c in numbered for p in c.unaccounted if p.rule == OTHER_MEASURE and NAMES_SERVICES.search(p.words)), None)
    return measure or (topic.open_measure if topic.reporter == numbered[-1].reporter else None)


def _stated_end(claim: Claim) -> int | None:
    """The last year of the claim's period, where the text stated it (not assumed)."""
    period = claim.period
    return period.end if period is not None and not period.assumed else None


def _stated_start(claim: Claim) -> int | None:
    period = claim.period
    return period.start if period is not None and not period.assumed else None


def _bases_dated_apart(claims: list[Claim]) -> list[Claim]:
    """ "Exports amounted to $17.95 billion against $18.83 billion last year": the base a figure
    is compared with is of another period than the figure itself; a reading that gives both the
    same year from a relative word has misplaced one of them ("last year" read for the base as for
    the figure), so the base's year is left unstated."""
    out: list[Claim] = []
    for claim in claims:
        before = out[-1] if out else None
        if before is not None and claim.period is not None and before.period is not None \
                and claim.period.start is not None and claim.period.relative and _is_base_figure(claim) \
                and (claim.metric, claim.reporter, claim.partner, claim.flow) == (before.metric, before.reporter, before.partner, before.flow) \
                and (claim.period.start, claim.period.end) == (before.period.start, before.period.end):
            claim = replace(claim, period=ClaimPeriod(None, None, unstated=True),
                            context=claim.context + (Binding("a base of comparison read for the same year as the figure compared "
                                                             "with it: its year is left unstated", "period", Source.SAME_SENTENCE),))
        out.append(_undated_base(claim))
    return out


def _undated_base(claim: Claim) -> Claim:
    """ "imports came to $142.8 billion, dipping 8% from $154.5 billion": a base with no year of
    its own is of a year before the figure compared with it, which the text does not give; any
    year read for it is a guess (enough to agree with a figure, never to contradict it)."""
    if claim.period is None or not claim.period.assumed \
            or not lx.FROM_BEFORE.search(claim.sentence[:claim.start - claim.sentence_start][-60:]):
        return claim
    note = Binding("the base of a change, of a year before the figure compared with it, which the text does not give",
                   "period", Source.ELLIPSIS)
    return replace(claim, context=claim.context + (note,))


def _is_base_figure(claim: Claim) -> bool:
    """A figure written as the base a change is measured from ("down from the 7.9 percent reported
    for 2017", "up from $40 billion in 2017"): its year is not the year the sentence is about, so
    it is not the year a following sentence carries."""
    before = claim.sentence[:claim.start - claim.sentence_start][-60:]
    return bool(lx.BASE_BEFORE.search(before))


# Dollars of other countries, written with their own mark ("A$", "C$", "NZ$", "HK$", "S$").
OTHER_DOLLARS = frozenset({"AUD", "CAD", "NZD", "HKD", "SGD", "TWD"})
BARE_DOLLAR = re.compile(r"^(?:about |nearly |some |over |almost )?\$\s?\d")


def _other_dollar(extraction: Extraction) -> str | None:
    """Another country's dollar the text writes ("Aus$100 billion"), if any: the first one found
    (read lazily, so a long text's sentences are not all held for it)."""
    return next((q.unit for s in extraction.sentences for q in s.quantities
                 if q.kind == "money" and q.unit in OTHER_DOLLARS), None)


def _dollars_read(claim: Claim, other_dollar: str | None) -> Claim:
    """In a text that writes another country's dollar ("Aus$100 billion ($US105.6 billion)"), a
    bare "$" may be that dollar: such a figure is not judged against US-dollar data. Without such
    a sign, a bare "$" in the trade of a country whose own currency is a dollar is read as US
    dollars by assumption only (`_local_dollar`)."""
    if claim.quantity is None or claim.quantity.kind != "money" or not BARE_DOLLAR.match(claim.quantity.surface):
        return claim
    if other_dollar is None:
        return _local_dollar(claim)
    part = Unaccounted("currency", "CW04", "$", f"the text writes {other_dollar} amounts, so a bare '$' may be "
                                                f"{other_dollar}, not US dollars")
    return replace(claim, unaccounted=claim.unaccounted + (part,))


def _local_dollar(claim: Claim) -> Claim:
    """(A claim whose figure is a bare "$" amount.) "Canada has a $46-billion deficit with China: we imported $65.6 billion": in the trade of
    Canada (or Australia, Singapore, ...) a bare "$" is as often the country's own dollar as the
    US dollar, so reading it as US dollars is an assumption, never the basis of "contradicted"
    (a US-reported flow with such a partner is the US's own news convention, and stays USD)."""
    dollars = currency_table()["dollar_countries"]
    country = claim.reporter if claim.reporter in dollars else \
        claim.partner if claim.partner in dollars and claim.reporter != "USA" else None
    if country is None:
        return claim
    note = Binding(f"'$' read as US dollars; {country}'s own currency is a dollar ({dollars[country]}), "
                   "which its news also writes '$'", "currency", Source.ASSUMED)
    return replace(claim, context=claim.context + (note,))


def _without_organisations(sentence: Sentence) -> Sentence:
    """The sentence with organisation names blanked out (same offsets) and the places inside them
    dropped: "the Korea Trade Association said" names no trade of Korea's."""
    spans = [(a, b) for a, b in organisation_spans(sentence.text)
             if not any(a <= q.start - sentence.start < b for q in sentence.quantities)]
    if not spans:
        return sentence
    chars = list(sentence.text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    inside = lambda p: any(a <= p.start - sentence.start < b for a, b in spans)  # noqa: E731
    return replace(sentence, text="".join(chars), places=tuple(p for p in sentence.places if not inside(p)))


def _as_share(q: Quantity) -> Quantity:
    """Fractions stated in words ("a third of its exports") as percent shares."""
    if q.kind in ("ratio", "count") and q.value <= 1 and FRACTION_WORDS.match(q.surface.strip()):
        scale = 100.0
        return Quantity(q.surface, q.start, q.end, "percent", q.value * scale, "percent",
                        (q.low if q.low is not None else q.value) * scale, (q.high if q.high is not None else q.value) * scale,
                        None, q.hedge, q.direction)
    return q


def _metric_for(sentence: Sentence, q: Quantity, start: int, end: int, trade_here: bool) -> str | None:
    """What a figure measures, decided by the frames' cues (frames.yaml `readings`, compiled by
    frame_matcher); None for a figure that is no trade figure (counts and years are not trade
    figures by themselves)."""
    return frame_metric(sentence, q, start, end)


# How far back the level a change moved a measure to looks for the measure's word ("the deficit
# widened by $8.3 billion (43.5 percent) to $27.4 billion"); frames.yaml `balance-word-far` reads
# the metric with the same reach, `_balance_direction` the balance's sign.
LEVEL_REACH = 120


def _last_balance_word(text: str, start: int, reach: int) -> re.Match | None:
    """The last "surplus"/"deficit"/"balance" within `reach` characters before `start`."""
    return next(reversed(list(lx.BALANCE.finditer(text, max(0, start - reach), start))), None)


def _level_ratio_period(f: _Figure, period: ClaimPeriod | None) -> ClaimPeriod | None:
    """ "trade in 2023 recovered to 82 percent of 2019 levels": from the base year written after
    the figure to the year of the level (another year of the sentence, else the one read)."""
    base = base_year_of(f.sentence, f.q, f.start, f.end)
    years = [p.start_year for p in f.sentence.periods if p.kind == "year" and p.start_year not in (None, base)]
    read = (period.end or period.start) if period else None
    level = years[0] if years else read if read != base else f.topic.year
    if base is None or level is None or level <= base:
        return None
    assumed = not years and (read == base or bool(period and period.assumed))
    return ClaimPeriod(base, level, assumed=assumed, surface=f"{base}–{level}")


def _level_of_the_topic(f: _Figure, claims: list[Claim]) -> Roles | None:
    """ "The figure was 82 percent of the level posted in 2019", "to recover to 82 percent of
    trade before the pandemic": the level of the trade the sentence or paragraph is about (a
    rule of thumb: it may agree with the data, never be called wrong by it)."""
    topic = _topic_after(claims, f.topic)
    if topic.reporter is None or topic.flow is None:
        return None
    note = Binding(f"the level of {topic.reporter}–{topic.partner or 'WLD'} {topic.flow} the text is about",
                   "reporter", Source.PREVIOUS_SENTENCE)
    return Roles(topic.reporter, topic.partner, topic.flow, [note])


def _follows(text: str, previous: Claim, start: int, found, kind: str | None = None) -> Roles | None:
    """Roles a quantity takes from the claim just before it in the same sentence:
    "$448 billion in 2023, down 22%" (the change of the same figure), "74% of its exports, up 21
    percentage points", and ellipsis: "the United States took 28% of them and China 20%". The
    first rule of FOLLOW_RULES that recognises the words between the two figures decides."""
    between = _Between(text, previous, start, found, kind)
    for rule in FOLLOW_RULES:
        roles = rule(between)
        if roles is not None:
            # a figure read like the one before is no surer of its countries and flow than that one
            # (put first: the rule's own note stays last, where _period_of reads which rule it was)
            roles.notes[:0] = [b for b in unsafe_bindings(previous.bindings) if b.slot in ("reporter", "partner", "flow")]
            return roles
    return None


@dataclass(frozen=True)
class _Between:
    """The words between the claim before and the figure being read (offsets local to the sentence)."""

    text: str
    previous: Claim
    start: int
    found: list
    kind: str | None = None  # the kind of the figure being read (money, percent, ...)

    @property
    def gap_start(self) -> int:
        return self.previous.end - self.previous.sentence_start

    @property
    def gap(self) -> str:
        return self.text[self.gap_start : self.start]

    def countries_in_gap(self) -> list:
        return [m for m in self.found if self.gap_start <= m.start < self.start]


_PREVIOUS_YEARS = r"(?:previous|prior|preceding)\s+year['’]s\s+(?:about\s+|nearly\s+|almost\s+)?$"
PREVIOUS_YEARS = re.compile(r"\b" + _PREVIOUS_YEARS, re.I)
EARLIER_FIGURE_GAP = re.compile(
    r",\s*(?:up|down|rising|falling|compared with|against)\s+from\s+(?:about\s+|less than\s+|more than\s+|nearly\s+|almost\s+)?$"
    # "fell to $26.4 billion from $32.7 billion in 2008": a figure right after another and "from"
    r"|^\s+from\s+(?:about\s+|less than\s+|more than\s+|nearly\s+|almost\s+)?$"
    # "declined to 12.9 percent from the previous year's 15.9 percent"
    r"|\bfrom\s+(?:the\s+)?" + _PREVIOUS_YEARS +
    # "a deficit of $10 billion, though it marked a narrowing from $47.8 billion": a change noun and "from"
    r"|\b(?:narrowing|widening|shrinking|reduction|contraction|expansion|decline|drop|fall|rise|increase|jump)\s+from\s+"
    r"(?:about\s+|less than\s+|more than\s+|nearly\s+|almost\s+)?$", re.I)
CHANGE_OF_FIGURE_GAP = re.compile(
    r",\s*(?:which was\s+|a\s+|an?\s+)?(?:up|down|(?:increase|rise|drop|fall|decline|jump|surge|gain|slide|slump) of)\s*(?:by\s+)?"
    r"(?:about\s+|nearly\s+|almost\s+|more than\s+|some\s+)?$", re.I)


def _earlier_figure(b: _Between) -> Roles | None:
    """ "$29.65 billion, up from $22.4 billion": the same measure at an earlier time (no country
    in between but the figure's own)."""
    previous = b.previous
    same_kind = b.kind is None or previous.quantity is None or previous.quantity.kind == b.kind
    if same_kind and EARLIER_FIGURE_GAP.search(b.gap) and len(b.gap) < 60 \
            and not any(m.iso3 not in (previous.reporter, previous.partner) for m in b.countries_in_gap()):
        return Roles(previous.reporter, previous.partner, previous.flow, list(previous.context) + [EARLIER_FIGURE],
                     frame="earlier-figure")
    return None


# "imports at US$ 12.5 billion, a 9.3 percent rise from the previous year": a rate in apposition
# to the figure before it, its change noun after it.
APPOSED_CHANGE_GAP = re.compile(r"^\s*,\s*(?:an?\s+)(?:about\s+|nearly\s+|almost\s+|some\s+)?$", re.I)
APPOSED_CHANGE_AFTER = re.compile(
    r"[\d.,]+\s*(?:%|percent|per\s+cent)\s+(?:(?:year-on-year|year-over-year|annual|yearly)\s+)?"
    rf"(?:{lx.CHANGE_NOUNS})\b", re.I)


def _change_of_figure(b: _Between) -> Roles | None:
    """ "$448 billion in 2023, down 22%", "$12.5 billion, a 9.3 percent rise": the change of the
    figure just stated (no country between)."""
    previous = b.previous
    apposed = APPOSED_CHANGE_GAP.match(b.gap) and APPOSED_CHANGE_AFTER.match(b.text, b.start)
    if (apposed or CHANGE_OF_FIGURE_GAP.search(b.gap)) and len(b.gap) < 60 and not b.countries_in_gap():
        return Roles(previous.reporter, previous.partner, previous.flow, list(previous.context) + [CHANGE_OF_FIGURE],
                     frame="level-and-change")
    return None


def _figure_of_named_owner(b: _Between) -> Roles | None:
    """ "$298 million, twice China's $129 million": the same measure, owned by the country written
    with a possessive right before the figure."""
    owner = next((m for m in b.found if m.possessive and 0 <= b.start - m.end <= 3 and b.gap_start <= m.start), None)
    if owner is None or b.previous.metric not in ("trade_value", "share"):
        return None
    note = Binding(f"read like the figure before, for {owner.iso3}", "flow", Source.SAME_SENTENCE)
    if any(x.slot == "partner" and x.source is Source.ELLIPSIS for x in b.previous.bindings):
        # the figure before was one partner's in a listing ("Germany, at $176 billion, edged out
        # Japan's $168 billion"): the country written takes the partner's place
        return Roles(b.previous.reporter, owner.iso3, b.previous.flow, [note], frame="figure-for-another-country")
    return Roles(owner.iso3, b.previous.partner, b.previous.flow, [note], frame="figure-for-another-country")


def _country_before(b: _Between):
    """The country written right before the figure ("and China 20%"), if any."""
    text, start = b.text, b.start
    named = next((m for m in b.found if m.end <= start and text[m.end:start].strip() == ""
                  and b.gap.rstrip().endswith(text[m.start:m.end])), None)
    if named is None:
        before = [m for m in b.found if m.end <= start and re.fullmatch(r"\s*", text[m.end:start])]
        named = before[-1] if before else None
    return named


def _like_figure_before(b: _Between, named, note: Binding) -> Roles:
    """The figure before's reading for another country: that country takes the place of the
    partner when the sentence's subject was the partner ("X's largest supplier was China, at ...,
    ahead of Japan at ..."), else of the reporter."""
    previous = b.previous
    subject = next((m.iso3 for m in b.found if m.start < previous.start - previous.sentence_start), None)
    if subject == previous.partner and previous.partner not in (None, "WLD"):
        return Roles(previous.reporter, named.iso3, previous.flow, [note], frame="ellipsis")
    return Roles(named.iso3, previous.partner, previous.flow, [note], frame="ellipsis")


def _figure_behind_named_at(b: _Between) -> Roles | None:
    """ "behind Japan at $251 million": a country then "at" the figure, the measure of the figure
    before."""
    if _country_before(b) is not None or b.previous.metric not in ("trade_value", "share"):
        return None
    at = next((m for m in b.found if b.gap_start <= m.start and re.fullmatch(r"(?:,[^,]{0,40},)?\s+at\s+", b.text[m.end:b.start])), None)
    if at is None:
        return None
    return _like_figure_before(b, at, Binding(f"read like the figure before, for {at.iso3}", "flow", Source.ELLIPSIS))


def _elided_verb(b: _Between) -> Roles | None:
    """ "the United States took 28% of them and China 20%": the verb left out, the country before
    the figure takes the place of the figure before's."""
    named = _country_before(b)
    previous = b.previous
    if named is None or not re.search(r"(?:,|\band)\s+(?:the\s+)?$", b.text[:named.start]) \
            or previous.metric not in ("share", "trade_value") or previous.end - previous.sentence_start >= named.start:
        return None
    return _like_figure_before(b, named, Binding(f"ellipsis: read like the figure before, for {named.iso3}", "flow", Source.ELLIPSIS))


def _level_after_change(b: _Between) -> Roles | None:
    """ "the deficit widened by $8.3 billion (43.5 percent) to $27.4 billion": the level the change
    before moved the same measure to (an aside in brackets may stand between)."""
    previous = b.previous
    if previous.metric not in ("value_change", "balance_change") or not lx.LEVEL_AFTER_CHANGE_GAP.match(b.gap) \
            or b.countries_in_gap():
        return None
    return Roles(previous.reporter, previous.partner, previous.flow, list(previous.context) + [LEVEL_AFTER_CHANGE],
                 frame="level-and-change")


# "... $27 billion to Japan while imports totaled $85 billion": the other flow, named bare in a
# coordinated clause, is of the same pair (the partner left out).
OTHER_FLOW_GAP = re.compile(r"^[^.;:()$€£¥]{0,40}?\b(?:while|whereas|and|but)\s+(?:its\s+|their\s+)?(?P<noun>exports|imports)\b"
                            r"[^.;:()$€£¥\d]{0,40}$", re.I)


def _other_flow_of_pair(b: _Between) -> Roles | None:
    """ "exported goods totaling $27 billion to Japan while imports totaled $85 billion", "exports
    to China rose 5% while imports fell 3%": the other flow of the same two countries."""
    previous = b.previous
    gap = OTHER_FLOW_GAP.match(b.gap)
    if gap is None or previous.partner in (None, "WLD") or previous.partner_assumed \
            or any(m.iso3 not in (previous.reporter, previous.partner) for m in b.countries_in_gap()):
        return None
    flow = flow_of(gap.group("noun"))
    if previous.flow not in ("export", "import") or flow == previous.flow:
        return None
    note = Binding(f"the other flow of {previous.reporter}–{previous.partner} (partner left out)", "partner", Source.ELLIPSIS)
    return Roles(previous.reporter, previous.partner, flow, [note], frame="ellipsis")


BALANCE_LEFT_GAP = re.compile(r"^,?\s*(?:leaving|giving|producing|resulting in|yielding)\s+(?:an?\s+|the\s+)?"
                              r"(?:(?:record|trade)\s+)?(?:(?:surplus|deficit)\s+of\s+)?(?:about\s+|nearly\s+|some\s+)?$", re.I)


def _balance_left_by_flows(b: _Between) -> Roles | None:
    """ "exported $27 billion to Japan while imports totaled $85 billion, leaving a $59-billion
    deficit": the balance the two flows before leave is the same pair's."""
    previous = b.previous
    if not BALANCE_LEFT_GAP.match(b.gap) or b.countries_in_gap() or previous.partner in (None, "WLD") \
            or previous.partner_assumed or previous.metric != "trade_value":
        return None
    note = Binding(f"the balance of {previous.reporter}–{previous.partner} the flows before leave", "partner", Source.SAME_SENTENCE)
    return Roles(previous.reporter, previous.partner, "total", [note], frame="balance")


FOLLOW_RULES = (_earlier_figure, _change_of_figure, _level_after_change, _figure_of_named_owner, _figure_behind_named_at,
                _elided_verb, _other_flow_of_pair, _balance_left_by_flows)


DURATION_AFTER = re.compile(r"\s*[- ](?:months?|weeks?|quarters?|days?)\b", re.I)


def _figure_spans(f: _Figure) -> list:
    """The spans of the sentence's figures, less the counts that are part of a period ("the first
    10 months"): those belong to the words that qualify the figure before them."""
    return [span for span, q in zip(f.spans, f.quantities)
            if not (q.kind == "count" and DURATION_AFTER.match(f.text, span[1]))]


def _next_figure(spans, end: int, clause_end: int) -> int:
    """Where the next figure in the clause starts: countries after it belong to that figure
    ("exports reached $12.9 million in 2023, a quarter of them bound for China")."""
    return min([s for s, _ in spans if s >= end] + [clause_end])


def _qualifying_end(f: _Figure, metric: str) -> int:
    """Where the words that may qualify the figure end: at the next figure of its clause; for a
    change followed by "to" and the level it reached, past that level (and a conversion of it in
    brackets): "tumbled 30.6 percent year on year to 61.3 billion yuan (10 billion U.S. dollars)
    in January and February" is a change over two months."""
    spans = _figure_spans(f)
    following = _next_figure(spans, f.end, f.clause.end)
    if metric not in ("growth", "value_change", "balance_change") or not lx.TO_LEVEL_GAP.fullmatch(f.text, f.end, following):
        return following
    level_end = next(e for s, e in spans if s == following)
    after = _next_figure(spans, level_end, f.clause.end)
    if after < f.clause.end and lx.CONVERSION_GAP.fullmatch(f.text, level_end, after):
        level_end = next(e for s, e in spans if s == after)
    return _next_figure(spans, level_end, f.clause.end)


def _own_year(sentence: Sentence, q: Quantity, spans) -> bool:
    """Whether a year is written right after the figure ("from $50 billion in 2022")."""
    after = sentence.text[q.end - sentence.start :]
    return bool(re.match(r"\s*,?\s*(?:in|for|during|on|over|from|compared with|against)\s+(?:the\s+)?"
                         + lx.WHOLE_YEAR_OF + r"(?:\d{4}|fiscal)", after, re.I))


def _topic_after(claims: list[Claim], topic: Topic) -> Topic:
    """The topic for the next figure in a sentence: its last claim, else the paragraph's."""
    last = next((c for c in reversed(claims) if c.reporter and c.metric not in ("ratio", "comparison")), None)
    if last is None:
        return topic
    return Topic(last.reporter, last.partner, last.flow, topic.year, topic.story_year, in_sentence=True, metric=last.metric)


def _with_other_side(claim: Claim, claims: list[Claim], sentence: Sentence, found, clauses, context, topic) -> Claim:
    """A ratio compares two figures: "$298 million, more than twice China's $129 million" (the
    figures around it), "3.2 times US exports to China" (the words after it), "sold the US three
    times as much as it bought" (two verbs of one subject)."""
    text = sentence.text
    start, end = claim.start - sentence.start, claim.end - sentence.start
    before = [c for c in claims if c.end <= claim.start and c.metric in ("trade_value", "share")]
    after = [c for c in claims if c.start >= claim.end and c.metric in ("trade_value", "share")
             and PENDING_SIDE not in c.context and not RESTATED.search(text[end:c.start - sentence.start])]
    own = before[-1] if before else claim
    verbs = AS_MUCH_AS.match(text[end:])
    clause = clause_of(clauses, start)
    first_dir, _ = verb_direction(text[clause.start:start])
    if verbs and first_dir and clause.subject is not None:
        # "it sold the US about three times as much as it bought": same pair, the two directions
        second_dir, _ = verb_direction(verbs.group(0))
        partner = own.partner if own is not claim else None
        other_partner = next((m.iso3 for m in found if clause.start <= m.start < clause.end and m.iso3 != clause.subject.iso3), partner)
        if other_partner is None and lx.NEIGHBOUR.search(text[clause.start:clause.end]):
            other_partner = topic.partner if topic.partner not in (None, "WLD", clause.subject.iso3) else None
        own = replace(claim, reporter=clause.subject.iso3, partner=other_partner, flow=first_dir)
        compared = (clause.subject.iso3, other_partner, second_dir or first_dir, "inferred")
    elif after:
        other = after[0]
        compared = (other.reporter, other.partner, other.flow, "stated")
    else:
        compared = _read_after(claim, sentence, context, own)
    return replace(claim, metric="ratio", reporter=own.reporter, partner=own.partner, flow=own.flow,
                   period=own.period if own is not claim else claim.period, compared_with=compared,
                   context=claim.context + (f"compared with {compared[0]}–{compared[1]} {compared[2]}",))


PENDING_SIDE = "pending: a side of the ratio before"


def _after_ratio_colon(text: str, quantities, spans, start: int) -> bool:
    return any(q.kind == "multiplier" and qe <= start and ":" in text[qe:start] for q, (_, qe) in zip(quantities, spans))


def _restated_sides(claims: list[Claim], text: str) -> list[Claim]:
    """"X is 100 times Y: $267.5 billion against about $2.3 billion" - the figures after the colon
    are the two sides of the ratio, in order."""
    out = list(claims)
    for i, ratio in enumerate(claims):
        if ratio.metric != "ratio" or not ratio.compared_with:
            continue
        later = [j for j in range(i + 1, len(claims)) if claims[j].metric == "trade_value"]
        if not later or not RESTATED.search(text[ratio.end - ratio.sentence_start : claims[later[0]].start - ratio.sentence_start]):
            continue
        first = claims[later[0]]
        out[later[0]] = replace(first, reporter=ratio.reporter, partner=ratio.partner, flow=ratio.flow,
                                period=ratio.period if first.period is None or first.period.start is None else first.period,
                                frame="ratio-sides",
                                context=tuple(n for n in first.context if n != PENDING_SIDE) + ("one side of the ratio before",))
        if len(later) > 1:
            second = claims[later[1]]
            if AGAINST.match(text[first.end - first.sentence_start : second.start - second.sentence_start]):
                r, p, f = ratio.compared_with[:3]
                out[later[1]] = replace(second, reporter=r, partner=p, flow=f,
                                        frame="ratio-sides",
                                        context=tuple(n for n in second.context if n != PENDING_SIDE) + ("the other side of the ratio before",))
    return out


def _read_after(claim: Claim, sentence: Sentence, context: Context, own: Claim) -> tuple:
    """The other side of a ratio, read from the words after the multiplier only ("more than 100
    times its trade with North Korea"), with "its" meaning the ratio's own reporter."""
    cut = claim.end
    rest = Sentence(sentence.text[cut - sentence.start :], cut, sentence.end,
                    places=tuple(p for p in sentence.places if p.start >= cut),
                    periods=tuple(p for p in sentence.periods if p.start >= cut))
    found = mentions(rest)
    clauses = split(rest.text, found)
    own_topic = Topic(own.reporter, own.partner, own.flow, in_sentence=True)
    named_share = re.match(r"\s*(?:the\s+)?(?:share\s+of\s+)?", rest.text)
    holder = next((m for m in found if m.start == named_share.end()), None)
    if own.metric == "share" and holder is not None and re.match(r"(?:'s|’s)?\s+share\b", rest.text[holder.end:]):
        return (own.reporter, holder.iso3, own.flow, "inferred", "share")  # "three times the US share"
    first = clauses[0]  # read as if the figure stood at the end of the first clause after it
    roles = read_roles(rest, first.end, first.end, found, first, clauses, context, own_topic)
    return (roles.reporter, roles.partner or ("WLD" if roles.reporter else None), roles.flow or own.flow, "inferred")


SIGN_BEFORE = re.compile(r"\(\s*([+\-−])$")  # "imports (+13%)"
ELIDED_CHANGE = re.compile(r",\s+(?:and\s+)?(?:its\s+|the\s+)?(?:exports|imports|trade)\s+by\s+(?:about\s+|nearly\s+|some\s+|almost\s+)?$", re.I)


def _direction(sentence: Sentence, q: Quantity, start: int) -> str | None:
    """Whether the change went up or down: the extract stage's reading, a comparison right after
    the figure, a sign in brackets, or the growth word nearest before it."""
    if q.direction:
        return q.direction
    after = lx.CHANGE_AFTER.match(sentence.text, q.end - sentence.start)
    if after:
        return "down" if after.group("dir").lower() in ("lower", "less", "down", "below") else "up"
    sign = SIGN_BEFORE.search(sentence.text[max(0, start - 3):start])
    if sign:
        return "down" if sign.group(1) in "-−" else "up"
    # "exports decreased by 4.6%, imports by 5.5%": the verb left out is the last one written
    before = sentence.text[:start] if ELIDED_CHANGE.search(sentence.text[:start]) else sentence.text[:start][-40:]
    words = [(m.start(), m.end(), "down") for m in lx.GROWTH_DOWN.finditer(before)]
    words += [(m.start(), m.end(), "up") for m in lx.GROWTH_UP.finditer(before)]
    if not words:
        return None
    _, end, direction = max(words)
    return None if lx.FROM_BASE.match(before[end:]) else direction


# Countries written as one side of the trade: "to Canada and Mexico", "with Japan, Korea and
# Taiwan", "from the US or Europe", "Peru and Bolivia bought", "Canada and Mexico's imports". Two
# names joined by "and"/"or" (a comma before it would start a new clause: "to Peru, and Bolivia
# took ..."), or a list of three or more.
JOINED_PAIR_GAP = re.compile(r"^\s+(?:and|or|&)\s+(?:(?:to|from|with)\s+)?(?:the\s+)?$", re.I)
JOINED_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:(?:to|from|with)\s+)?(?:the\s+)?$", re.I)
GROUP_AFTER_PREPOSITION = re.compile(rf"\b(?:{'|'.join(sorted(lx.PARTNER_PREPOSITIONS))})\s+(?:the\s+)?$", re.I)
GROUP_AS_SUBJECT = re.compile(rf"^\s+(?:(?:also|together|jointly|combined)\s+)?(?:{lx.OUTBOUND_VERB.pattern}|{lx.INBOUND_VERB.pattern})", re.I)
GROUP_AS_OWNER = re.compile(rf"^(?:['’]s?)?\s+(?:\w+\s+)?{lx.FLOW_NOUN.pattern}", re.I)


# A name with a figure right after it opens a clause whose verb is left out: "Australia shipped
# $120 billion of goods to China and Brazil $104 billion" (Brazil is no second partner).
GAPPED_SUBJECT = re.compile(r"\s*(?:,\s*)?(?:(?:about|nearly|some|almost|over|around)\s+)?(?:US\s*|USD\s*)?[$€£¥\d]")


def _joined_group(text: str, named: list, i: int) -> list:
    """The countries joined to named[i] by "and"/"or" or a list's commas."""
    group = [named[i]]
    for m in named[i + 1:]:
        gap = text[group[-1].end:m.start]
        if not (JOINED_LIST_GAP if "," in gap or len(group) > 1 else JOINED_PAIR_GAP).match(gap) \
                or GAPPED_SUBJECT.match(text, m.end):
            break
        group.append(m)
    if len(group) == 2 and "," in text[group[0].end:group[1].start]:
        return group[:1]
    return group


def _side_group(text: str, named: list, i: int) -> list:
    """The countries from named[i] on that make one side of a trade: after "to"/"from"/"with" (a
    possessive at the end owns a flow of its own: "to the US and Japan's exports"), or as the
    subject of a flow verb or the owner of a flow noun. A single country when there is no group."""
    group = _joined_group(text, named, i)
    first, last = group[0], group[-1]
    if GROUP_AFTER_PREPOSITION.search(text, max(0, first.start - 12), first.start):
        while len(group) > 1 and group[-1].possessive:
            group.pop()
        return group
    rest = text[last.end:last.end + 60]
    if GROUP_AS_SUBJECT.match(rest) or last.possessive and GROUP_AS_OWNER.match(rest):
        return group
    return group[:1]


def _joined_countries(f: _Figure, window: tuple[int, int], roles: tuple[str | None, str | None]) -> tuple[Unaccounted, ...]:
    """A side of the trade that is several countries ("U.S. exports to Canada and Mexico | $140
    billion"): the figure is of the group, and the data's pair of the one country read as the
    partner would make a right figure look wrong (rule CW22)."""
    named = [m for m in f.found if m.from_context is None and window[0] <= m.start < window[1]]
    for i in range(len(named)):
        group = _side_group(f.text, named, i)
        members = {m.iso3 for m in group}
        if len(members) > 1 and members & set(roles) and members - set(roles):
            rule = closed_world_vocabulary().rule("CW22")
            words = f.text[group[0].start:group[-1].end]
            return (Unaccounted(rule.part, rule.id, words, rule.reason.format(words=words)),)
    return ()


def _open_parts(sentence: Sentence, q: Quantity, quantities: list[Quantity], metric: str,
                window: tuple[int, int], figure: tuple[int, int], commodity: str | None):
    """What the words around the figure leave open (closed-world reading, closed_world.yaml)."""
    parts = unaccounted_parts(sentence.text, window, figure, commodity_known=commodity is not None, money=q.kind == "money",
                              metric=metric, share=q.kind in ("percent", "ratio"))
    parts += currency_parts(q, quantities, sentence.text, sentence.start)
    if metric in ("growth", "balance_change", "share_change"):
        parts += growth_currency_parts(quantities)
    return tuple(dict.fromkeys(parts))


def _inherit_open_parts(claims: list[Claim]) -> list[Claim]:
    """A figure read as the change or the earlier value of the figure before it ("$874 million
    in January-May, up 174%") measures the same thing: it inherits what that figure left open."""
    out: list[Claim] = []
    for claim in claims:
        followed = any(b.source is Source.SAME_SENTENCE and b.slot == "metric" for b in claim.bindings)
        if followed and out:
            inherited = tuple(p for p in out[-1].unaccounted if p.part != "currency" or claim.metric != "trade_value")
            claim = replace(claim, unaccounted=tuple(dict.fromkeys(claim.unaccounted + inherited)))
        out.append(claim)
    return out


def _sentence_claims(sentence: Sentence, context: Context, topic: Topic) -> list[Claim]:
    """The claims of one sentence: each figure read in turn (a figure may lean on the one before
    it), then the ratios given their other side, then the claims without a number."""
    text = sentence.text
    trade_here, about_topic = _trade_talk(sentence, topic)
    if lx.RETRACTED.search(text) or not trade_here and not (topic.flow and sentence.quantities) and not about_topic:
        return []
    found = mentions(sentence, context)
    clauses = split(text, found)
    ranks = [c for c in unnumbered_claims(sentence, found, clauses, context, topic, has_number=True) if c.metric == "rank"]
    quantities, scale_notes = with_carried_scale(split_changes([_as_share(q) for q in sentence.quantities], sentence),
                                                 context.scaled_money)
    spans = [(q.start - sentence.start, q.end - sentence.start) for q in quantities]
    claims: list[Claim] = []
    for q, span in zip(quantities, spans):
        figure = _Figure(sentence, q, span[0], span[1], quantities, spans, found, clauses, context, topic)
        claim = _numbered_claim(figure, claims, ranks, trade_here)
        if claim is not None:
            claims.append(claim)
    claims = [replace(c, context=c.context + (scale_notes[c.start],)) if c.start in scale_notes else c for c in claims]
    claims = _inherit_open_parts(claims)
    claims = [_with_other_side(c, claims, sentence, found, clauses, context, topic) if c.metric == "ratio" else c for c in claims]
    claims = [c for c in _restated_sides(claims, text) if PENDING_SIDE not in c.context]
    if trade_here or about_topic:
        taken = {c.start for c in claims}
        claims += [c for c in unnumbered_claims(sentence, found, clauses, context, topic, has_number=bool(claims))
                   if c.start not in taken]
    if trade_here or topic.flow:  # a sentence about trade, or one in a paragraph about it
        claims += _unread_figures(sentence, quantities, spans, claims)
    return claims


def _unread_figures(sentence: Sentence, quantities: list[Quantity], spans: list, claims: list[Claim]) -> list[Claim]:
    """Amounts and percentages of a sentence about trade that no reading accounted for (whose
    trade, which flow): listed, never judged (rule CW00), so that a fact-checker sees every
    figure the tool could not check instead of a silent gap. A price or a figure in a non-trade
    unit ("$2 a barrel", "$5 per tonne") is no trade figure and stays out."""
    taken = [(c.start, c.end) for c in claims]
    unread = []
    for q, (start, end) in zip(quantities, spans):
        if q.kind not in ("money", "percent") or any(a <= q.start < b or q.start <= a < q.end for a, b in taken):
            continue
        metric = _metric_for(sentence, q, start, end, True)
        if q.kind == "money" and metric is None:
            continue
        rule = closed_world_vocabulary().rule("CW00")
        part = Unaccounted(rule.part, rule.id, q.surface, rule.reason.format(words=q.surface))
        unread.append(Claim(
            sentence=sentence.text, sentence_start=sentence.start, start=q.start, end=q.end,
            metric=metric or "share", quantity=q, reporter=None, partner=None, flow=None, commodity=None,
            period=None, hedge=q.hedge, unaccounted=(part,), currency=q.unit if q.kind == "money" else None,
            frame="unread"))
    return unread


# "West Germany's sales rose to $243.3 billion in 1986": in a story about trade, a country's sales
# are its exports (elsewhere they are a company's turnover).
SALES = re.compile(r"\b(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*(?:'s|’s)|its|their)\s+(?:foreign\s+|overseas\s+)?sales\b")


def _trade_talk(sentence: Sentence, topic: Topic) -> tuple[bool, bool]:
    """Whether the sentence talks about trade itself (a trade word, a rank), and whether it points
    back at the paragraph's trade topic ("It has recovered since then."). A correction box
    quoting the withdrawn figure (RETRACTED) makes no claim with it either way."""
    text = sentence.text
    trade_here = bool(lx.TRADE_CUE.search(text) or lx.RANK.search(text)
                      or (lx.ORDINAL_RANK.search(text) or SALES.search(text)) and topic.flow)
    about_topic = bool(topic.flow and (lx.TOPIC_PRONOUN.search(text) or topic.metric == "share" and lx.POINTED_SHARE.search(text)))
    return trade_here, about_topic


@dataclass(frozen=True)
class _Figure:
    """One figure of a sentence being read, with what the sentence around it offers (offsets
    `start`/`end` local to the sentence)."""

    sentence: Sentence
    q: Quantity
    start: int
    end: int
    quantities: list
    spans: list
    found: list
    clauses: list
    context: Context
    topic: Topic

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def clause(self):
        return clause_of(self.clauses, self.start)


def _numbered_claim(f: _Figure, claims: list[Claim], ranks: list[Claim], trade_here: bool) -> Claim | None:
    """The claim one figure makes, given the claims read before it in the sentence: its metric,
    who trades with whom (from the figure before, or read from its clause), goods, partner,
    period and what the words leave open. None when the figure is no trade figure."""
    item = _list_item(f, claims)  # read once: its measure, roles and sign are the list's first figure's
    metric = _figure_metric(f, claims, trade_here, item)
    if metric is None:
        return None
    clause = f.clause
    previous = _change_before(f, claims) or _figure_before(claims, metric)
    read_in = clause
    if _flow_written_after(f):  # its own flow words are after it: read them alone
        follow, read_in = None, replace(clause, start=f.start, end=_next_figure(f.spans, f.end, clause.end))
    else:
        follow = _roles_from_before(f, item, previous, ranks, metric)
    if follow is not None:
        roles = follow
        metric = _metric_after(metric, follow, previous, f.q)
    else:
        roles = read_roles(f.sentence, f.start, f.end, f.found, read_in, f.clauses, f.context, _topic_after(claims, f.topic))
    if roles.flow is None:
        roles = _label_roles(f, claims) or roles
    if metric == "level_ratio" and roles.reporter is None:
        roles = _level_of_the_topic(f, claims) or roles
    if roles.flow is None and metric == "trade_value" and _after_ratio_colon(f.text, f.quantities, f.spans, f.start):
        roles = Roles(None, None, "total", [PENDING_SIDE])  # filled by _restated_sides, else dropped
    if roles.flow is None:
        return None
    commodity = _commodity_of(f, metric)
    balance_direction = None
    if metric in ("balance", "balance_change"):
        roles.flow = "total"
        balance_direction = _balance_direction(f, item)
    partner, partner_assumed = _partner_of(f, roles, metric, commodity)
    partner_assumed = partner_assumed or _assumed_as_before(follow, previous, partner)
    partner, partner_assumed = _part_of_the_pair_before(f, roles, claims, partner, partner_assumed)
    period, period_note = _period_of(f, metric, follow, roles, claims)
    if period is not None and period.assumed:
        period = replace(period, told_in_past=_told_in_the_past(f.text[clause.start:clause.end]))
    if metric == "level_ratio":
        period = _level_ratio_period(f, period)
    notes = roles.notes + ([period_note] if period_note else [])
    q, start, end = f.q, f.start, f.end
    qualifying_end = _qualifying_end(f, metric)
    open_parts = _open_parts(f.sentence, q, f.quantities, metric, (clause.start, qualifying_end), (start, end), commodity) \
        + _joined_countries(f, (clause.start, clause.end), (roles.reporter, partner))
    return Claim(
        sentence=f.text, sentence_start=f.sentence.start, start=q.start, end=q.end, metric=metric, quantity=q,
        reporter=roles.reporter, partner=partner, flow=roles.flow, commodity=commodity, period=period,
        hedge=q.hedge, direction=balance_direction if metric == "balance" else
        _direction(f.sentence, q, start) if metric in ("growth", "share_change", "balance_change", "value_change") else None,
        partner_assumed=partner_assumed,
        context=tuple(dict.fromkeys(notes)),
        unaccounted=open_parts,
        attribution=attribution_in(f.text),
        currency=q.unit if q.kind == "money" else None,
        frame=_frame_of(metric, roles, commodity),
    )


# "$25.7 billion worth US exports to India", "$48.6 billion imports from India", "$19.7 billion of
# exports to China": the flow noun written right after the figure is the figure's own.
FLOW_AFTER_FIGURE = re.compile(
    r"\s+(?:worth\s+(?:of\s+)?|of\s+|in\s+)?(?:(?:the\s+)?(?-i:[A-Z][\w.]*)(?:['’]s)?\s+)?(?:(?:goods|merchandise)\s+)?"
    r"(?:exports|imports|shipments|purchases|sales)\s+(?:to|from|into|for)\b", re.I)


def _flow_written_after(f: _Figure) -> bool:
    """Whether the figure's flow is written right after it, so that flow words before the figure
    (another figure's: "trade grew to $74.3 billion, with $25.7 billion worth US exports") are not its own."""
    return f.q.kind == "money" and FLOW_AFTER_FIGURE.match(f.text, f.end) is not None


# "Bilateral Trade (2010): $188.4 billion", "-Exports: $116.8 billion", a table cell read as
# "North Korea's exports to China, 2019: $215 million": a label, a colon, the figure alone.
LABEL_THEN_FIGURE = re.compile(r"^\s*[-*•–]?\s*(?P<label>[^:;.!?]{2,120}?)\s*:\s*(?:(?:about|nearly|some|over|around)\s+)?$", re.I)


def _label_roles(f: _Figure, claims: list[Claim]) -> Roles | None:
    """The roles of a figure that stands alone after a label and a colon: read from the label, as
    if the figure stood at its end (the label is the figure's own clause, cut by the colon)."""
    label = LABEL_THEN_FIGURE.match(f.text[:f.start])
    if label is None:
        return None
    end = label.end("label")
    clause = clause_of(f.clauses, max(0, end - 1))
    own = replace(clause, end=end)
    roles = read_roles(f.sentence, end, end, f.found, own, f.clauses, f.context, _topic_after(claims, f.topic))
    return roles if roles.flow is not None else None


CHANGES = ("value_change", "balance_change")


def _change_before(f: _Figure, claims: list[Claim]) -> Claim | None:
    """The change a level right after it belongs to ("widened by $8.3 billion (43.5 percent) to
    $27.4 billion"), past a bracketed aside."""
    changes = [c for c in claims if c.metric in CHANGES and c.quantity is not None and c.quantity.kind == "money"]
    if not changes or f.q.kind != "money":
        return None
    last = changes[-1]
    return last if lx.LEVEL_AFTER_CHANGE_GAP.match(f.text[last.end - last.sentence_start:f.start]) else None


def _figure_metric(f: _Figure, claims: list[Claim], trade_here: bool, item: _ListItem | None) -> str | None:
    """What the figure measures; a bare percent after a share is the same kind of figure again
    ("took 28% of them and China 20%"); a percent in brackets after a change is that change in
    percent ("fell by $7.4 billion (2.5 percent)"), and an amount in brackets after a rate of
    change is that change in dollars ("up 28.9 per cent ($7.4 billion)")."""
    if item is not None:  # the measure of the list's first figure
        return item.head.metric
    metric = _metric_for(f.sentence, f.q, f.start, f.end, trade_here)
    bracketed = bool(claims) and re.fullmatch(r"\s*\(\s*", f.text[claims[-1].end - claims[-1].sentence_start:f.start])
    if bracketed and f.q.kind == "percent" and claims[-1].metric in CHANGES:
        return "growth" if claims[-1].metric == "value_change" else "balance_change"
    if bracketed and f.q.kind == "money" and metric == "trade_value" and claims[-1].metric == "growth" \
            and claims[-1].quantity is not None and claims[-1].quantity.kind == "percent":
        return "value_change"
    if metric is None and f.q.kind == "percent" and claims and claims[-1].metric == "share":
        metric = "share"
    earlier = [c for c in claims if c.quantity is not None and c.quantity.kind == f.q.kind]
    if metric is None and earlier and EARLIER_FIGURE_GAP.search(f.text[earlier[-1].end - earlier[-1].sentence_start:f.start]):
        metric = earlier[-1].metric  # "declined to 12.9 percent from the previous year's 15.9 percent"
    return metric


def _figure_before(claims: list[Claim], metric: str) -> Claim | None:
    """The claim a figure may lean on: for a value or share the last value or share (a change in
    between does not break "$298 million, twice China's $129 million"), else the last claim."""
    figures = [c for c in claims if c.metric in ("trade_value", "share")]
    return figures[-1] if figures and metric in ("trade_value", "share") else (claims[-1] if claims else None)


@dataclass(frozen=True)
class _ListItem:
    head: Claim  # the list's first figure, whose measure the item's figure is
    partner: object  # the country mention that opens the item


def _list_item(f: _Figure, claims: list[Claim]) -> _ListItem | None:
    """The figure as an item of a list of partners (lexicon.LIST_ITEM_BEFORE/AFTER): its own
    country, written between the figure before it and itself, takes the partner's place in the
    reading of the list's first figure of the same kind, which stated its partner. A bracketed
    aside may follow the figure before ("$227 billion (Census basis), with the European Union
    was $61.1 billion")."""
    head = next((c for c in claims if c.quantity is not None and c.quantity.kind == f.q.kind
                 and c.metric in ("balance", "trade_value", "share") and c.partner not in (None, "WLD")
                 and not c.partner_assumed), None)
    country = _item_country(f) if head is not None else None
    if country is None or country.iso3 == head.reporter:
        return None
    return _ListItem(head, country)


def _item_country(f: _Figure):
    """The one country between the figure before this one and this one, when the words around it
    open a list item (one side holding "with"), else None."""
    before = [span for span in f.spans if span[1] <= f.start]
    if not before:
        return None
    gap_start = before[-1][1]
    named = [m for m in f.found if gap_start <= m.start and m.end <= f.start]
    if len(named) != 1:
        return None
    lead = lx.LIST_ITEM_BEFORE.match(f.text[gap_start:named[0].start])
    tail = lx.LIST_ITEM_AFTER.match(f.text[named[0].end:f.start])
    return named[0] if lead and tail and (lead.group("with") or tail.group("with")) else None


def _list_item_roles(item: _ListItem) -> Roles:
    head = item.head
    note = Binding(f"a list item: read like the list's first figure, for {item.partner.iso3}", "partner", Source.ELLIPSIS)
    return Roles(head.reporter, item.partner.iso3, head.flow, [note], frame="ellipsis")


def _roles_from_before(f: _Figure, item: _ListItem | None, previous: Claim | None, ranks: list[Claim], metric: str) -> Roles | None:
    """Roles taken from what comes before the figure in the sentence: a list's first figure
    (`_list_item`), the claim before it (`_follows`), or a rank right before a value ("America's
    largest source of imports, at $93 billion": the value of that flow)."""
    if item is not None:
        return _list_item_roles(item)
    follow = _follows(f.text, previous, f.start, f.found, f.q.kind) if previous else None
    if follow is not None or metric != "trade_value":
        return follow
    rank = next((r for r in ranks if r.end - f.sentence.start <= f.start
                 and RANK_VALUE_GAP.fullmatch(f.text[r.end - f.sentence.start:f.start])), None)
    if rank is None:
        return None
    words = rank.sentence[rank.start - f.sentence.start:rank.end - f.sentence.start]
    return Roles(rank.reporter, rank.partner, rank.flow,
                 [Binding(f"the value behind the rank '{words}'", "flow", Source.SAME_SENTENCE)], frame="rank-value")


def _metric_after(metric: str, follow: Roles, previous: Claim, q: Quantity) -> str:
    """A figure read from the one before measures what the words make of it: an earlier figure is
    the same measure; a change of a balance is a balance change; a percent change of a share
    is a change in points."""
    if follow.notes[-1] == EARLIER_FIGURE:
        metric = previous.metric
    elif follow.notes[-1] == LEVEL_AFTER_CHANGE:
        metric = "balance" if previous.metric == "balance_change" else "trade_value"
    elif metric == "growth" and previous.metric == "balance":
        metric = "balance_change"  # "a jump of about 20%" in the surplus itself
    if metric == "growth" and previous.metric == "share" and q.kind == "percent":
        metric = "share_change"
    return metric


def _commodity_of(f: _Figure, metric: str) -> str | None:
    """The goods the figure is about: the commodity table's words tied to it; for a share, goods
    the table does not know ("raw silk made up more than half"); services trade named as such."""
    clause = f.clause
    commodity = commodity_for(f.text, clause.start, clause.end, f.start, f.end)
    if commodity is None and metric == "share":
        commodity = _unknown_goods(f.text, clause.start, f.start, f.found)
    if lx.SERVICES.search(f.text[clause.start : clause.end]):
        commodity = "services"
    return commodity


def _balance_direction(f: _Figure, item: _ListItem | None) -> str:
    """Surplus ("up") or deficit ("down"): "exports exceeded imports by $75 billion" is a surplus,
    the other way round a deficit; a list item's is its list's ("the deficit with China was $227
    billion, with Canada was $21.6 billion"); else the balance word near the figure."""
    if item is not None and item.head.metric == "balance" and item.head.direction:
        return item.head.direction
    clause, start, end, text = f.clause, f.start, f.end, f.text
    after = lx.BALANCE_AFTER.match(text[end:end + 40])  # "a $74.2 billion merchandise trade deficit"
    word = lx.BALANCE.search(after.group(0)) if after else lx.BALANCE.search(text[max(clause.start, start - 45):end + 20])
    if word is None:  # the level a change moved the balance to: "the deficit widened by ... to $27.4 billion"
        word = _last_balance_word(text, start, LEVEL_REACH)
    exceeded = lx.EXCEEDED_BY.search(text[max(0, start - 60):start])
    if exceeded:
        return "up" if exceeded.group("other").lower() == "imports" else "down"
    return "down" if word and word.group(1).lower().startswith("deficit") else "up"


def _assumed_as_before(follow: Roles | None, previous: Claim | None, partner: str | None) -> bool:
    """A figure that takes its roles from the one before also takes that figure's assumption of
    the partner ("The US deficit stood at $22.88 billion, down $4.69 billion": the world was
    assumed for both, and the second must not be judged as if the text had named it)."""
    return follow is not None and previous is not None and previous.partner_assumed and partner == previous.partner


def _partner_of(f: _Figure, roles: Roles, metric: str, commodity: str | None) -> tuple[str | None, bool]:
    """The partner and whether it was assumed: a region leaves it open; "total exports" and a
    country's own figure with no other country named are its trade with the world (the other
    country of a two-country story for a demonym's trade, "Chinese purchases peaked at ..."); a
    commodity's share is of the reporter's trade with the world."""
    clause, text = f.clause, f.text
    partner = roles.partner
    partner_assumed = False
    region = lx.REGION.search(text[clause.start : clause.end])
    if region and partner is None:
        roles.notes.append(f"the partner, {region.group(1)}, is a region, not a country")
    elif partner is None and roles.reporter is not None and _total_of_own_noun(text, clause.start, f.start):
        partner = "WLD"  # "North Korea's total exports reached $4.5 billion"
    elif metric in ("trade_value", "growth", "balance", "balance_change") and partner is None and roles.reporter is not None \
            and not {m.iso3 for m in f.found if clause.start <= m.start < _next_figure(f.spans, f.end, clause.end)} - {roles.reporter}:
        partner = _own_total_partner(f, roles)
        partner_assumed = True
    if metric == "share" and commodity and partner in (None, roles.reporter):
        partner = "WLD"
    if metric == "share" and partner is None and roles.reporter is not None:
        partner = _partner_of_pointed_figure(f, roles)
    return partner, partner_assumed


OF_WHICH = re.compile(r"\bof which\b", re.I)


def _part_of_the_pair_before(f: _Figure, roles: Roles, claims: list[Claim], partner, assumed) -> tuple:
    """ "trade between Vietnam and China reached $116.87 billion, of which Vietnam's exports were
    $41.41 billion and imports $75.45 billion": a flow after "of which" is part of the trade of
    the pair named before it, so its partner is that pair's other country."""
    unread = partner is None or partner == "WLD" and assumed
    if roles.reporter is None or roles.flow not in ("export", "import") or not unread:
        return partner, assumed
    whole = next((c for c in reversed(claims) if c.metric == "trade_value" and c.flow == "total"
                  and c.partner not in (None, "WLD") and roles.reporter in (c.reporter, c.partner)), None)
    if whole is None or not OF_WHICH.search(f.text[whole.end - whole.sentence_start:f.start]):
        return partner, assumed
    other = whole.partner if whole.reporter == roles.reporter else whole.reporter
    roles.notes.append(Binding(f"partner {other}: a part ('of which') of the {whole.reporter}–{whole.partner} trade "
                               "before it", "partner", Source.SAME_SENTENCE))
    return other, False


# The figure of the sentence before, as the subject of a share: "The amount took up 96.7 percent
# of North Korea's overall trade", "It took up 20.2 percent of its total trade".
POINTED_FIGURE = re.compile(r"^\s*(?:the|this|that)\s+(?:amount|figure|total|sum|value|trade|volume)\s+|^\s*it\s+", re.I)


def _partner_of_pointed_figure(f: _Figure, roles: Roles) -> str | None:
    """A share whose part is the figure the sentence before stated (the trade of a pair): the
    pair's other country is the partner."""
    pair = (f.topic.reporter, f.topic.partner)
    pointer = POINTED_FIGURE.match(f.text[f.clause.start:f.start])
    if pointer is None or None in pair or "WLD" in pair or roles.reporter not in pair:
        return None
    partner = pair[1] if pair[0] == roles.reporter else pair[0]
    roles.notes.append(Binding(f"'{pointer.group(0).strip()}' read as the {pair[0]}–{pair[1]} trade of the sentence before",
                               "partner", Source.PRONOUN))
    return partner


def _total_of_own_noun(text: str, lo: int, hi: int) -> bool:
    """ "total exports" written with the figure's own flow noun (the last before it), not with an
    earlier one ("the total turnover between A and B ..., of which A's exports were ...")."""
    totals = list(lx.TOTAL_OF.finditer(text, lo, hi))
    if not totals:
        return False
    return not any(m.start() >= totals[-1].end() for m in lx.FLOW_NOUN.finditer(text, lo, hi))


def _own_total_partner(f: _Figure, roles: Roles) -> str:
    """No other country named with the figure: the world, unless the reporter is written as a
    demonym in a story about two countries ("Chinese purchases peaked at $2.91 billion" in a
    story about China and North Korea)."""
    pair = {f.topic.reporter, f.topic.partner}
    if roles.reporter in pair and None not in pair and "WLD" not in pair and len(pair) == 2 \
            and any(m.demonym and m.iso3 == roles.reporter for m in f.found):
        partner = (pair - {roles.reporter}).pop()
        roles.notes.append(Binding(f"partner {partner}: the country the story is about with {roles.reporter}", "partner", Source.STORY))
        return partner
    return "WLD"  # a country's own total: no other country is named


def _told_in_the_past(clause: str) -> bool:
    """ "Peru's exports reached $83.3 billion in 2024, while the United States supplies 12% of
    Peru's imports": the 12% is told in the present, whatever the other clause's tense."""
    return bool(lx.PAST_TENSE.search(clause)) and not lx.PRESENT.search(clause)


def _period_of(f: _Figure, metric: str, follow: Roles | None, roles: Roles, claims: list[Claim]):
    """The figure's period and its note: the period written with it (period_for), except that an
    earlier figure with no year of its own has an unstated year, and a change written after a
    figure is the change to the latest figure stated."""
    clause, sentence, text = f.clause, f.sentence, f.text
    asides = [(c.start, c.end) for c in f.clauses if c.relative and c is not clause]
    same_period = _in_the_same_period(f, metric)
    if same_period is not None:
        return same_period
    period, period_note = period_for(sentence, f.start, f.end, clause.start, clause.end, f.spans,
                                     growth=metric in ("growth", "value_change", "balance_change"), topic_year=f.topic.year, story_year=f.topic.story_year,
                                     asides=asides)
    if f.q.role == "base" and metric == "trade_value" and not _own_year(sentence, f.q, f.spans):
        return ClaimPeriod(None, None, unstated=True), "an earlier figure whose year is not given"  # "from $2.4 billion to"
    if follow is None or _own_year(sentence, f.q, f.spans):
        return period, period_note
    dated = period.start is not None and not period.assumed \
        and (EARLIER_AFTER.match(text[f.end:]) or PREVIOUS_YEARS.search(text[:f.start]))
    if follow.notes[-1] == EARLIER_FIGURE and not dated:
        return ClaimPeriod(None, None, unstated=True), "an earlier figure whose year is not given"
    if follow.notes[-1] == CHANGE_OF_FIGURE:
        changed = _period_of_change(roles, claims)
        if changed is not None:
            return changed, None
    return period, period_note


# "During the same period, ... increased 9 times from $71.88 billion to $644.4 billion": the span
# of years the sentence before stated.
SAME_PERIOD = re.compile(r"\b(?:during|in|over|for|across)\s+the\s+same\s+(?:period|span|years|time)\b", re.I)


def _in_the_same_period(f: _Figure, metric: str) -> tuple[ClaimPeriod, Binding] | None:
    """A figure of a sentence set "during the same period" as the span the sentence before stated
    (and naming no year of its own): the base of a change is the span's first year, the change
    runs over the span, a level is the span's last year. "the same period" points back, so the
    binding is typed like a pronoun's."""
    span = f.topic.span
    if span is None or not SAME_PERIOD.search(f.text[:f.start]) or f.sentence.periods:
        return None
    first, last = span
    if metric in ("growth", "value_change", "balance_change", "ratio") and f.q.kind != "money" or f.q.kind == "multiplier":
        period = ClaimPeriod(first, last, surface="the same period")
    elif f.q.role == "base":
        period = ClaimPeriod(first, first, surface="the same period")
    else:
        period = ClaimPeriod(last, last, surface="the same period")
    note = Binding(f"'the same period' read as {first}–{last}, the years of the sentence before", "period", Source.PRONOUN)
    return period, note


def _period_of_change(roles: Roles, claims: list[Claim]) -> ClaimPeriod | None:
    """ "$86.7 billion in 2009, a fall of about 5%": the change to the latest figure stated of the
    same flow; after an earlier figure ("$29.65 billion in 2023, up from $22.4 billion two years
    earlier, a rise of 33%") the change over the span between them."""
    stated = [c.period for c in claims if c.period and c.period.start is not None and not c.period.assumed
              and (c.reporter, c.partner, c.flow) == (roles.reporter, roles.partner, roles.flow)]
    if not stated:
        return None
    latest = max(stated, key=lambda p: p.end or p.start)
    base = min(stated, key=lambda p: p.start)
    if base.start < (latest.end or latest.start) and EARLIER_FIGURE in " ".join(n for c in claims for n in c.context):
        return ClaimPeriod(base.start, latest.end or latest.start, surface=f"{base.start}–{latest.end or latest.start}")
    return latest


# The frame (frames.yaml) of a figure's reading: a metric read on its own states its own frame; a
# figure read from the one before it (`Roles.frame`) states that frame, unless what the words make
# of it (a balance's or a share's change) is more specific.
METRIC_FRAMES = {"trade_value": "flow-value", "share": "flow-share", "growth": "growth", "value_change": "value-change",
                 "balance": "balance", "balance_change": "balance-change", "share_change": "share-change",
                 "ratio": "ratio", "volume": "volume", "level_ratio": "level-of-base-year"}
# A value read on its own whose goods the words name ("$30 billion of copper").
COMMODITY_FRAMES = {"trade_value": "commodity-value"}


def _frame_of(metric: str, roles: Roles, commodity: str | None) -> str:
    if metric in ("balance_change", "share_change"):
        return METRIC_FRAMES[metric]
    if roles.frame is not None:
        return roles.frame
    if metric in COMMODITY_FRAMES and commodity not in (None, "services"):
        return COMMODITY_FRAMES[metric]
    return METRIC_FRAMES[metric]
