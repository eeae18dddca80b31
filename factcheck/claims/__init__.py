"""Claims: turn each sentence's spans into the trade claims it makes (DESIGN.md, claims stage).

A number becomes a claim only where the text talks about trade (exports, imports, trade, trading
partner...), in its own sentence or, for "The total rose 25%", in the paragraph's last claim; page
furniture ("0 views", "$2 every month") and non-trade figures ("employs 3,000 workers") are left
out here, so they can never be called supported or contradicted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache
from importlib.resources import files

import yaml

from factcheck.claims import lexicon as lx
from factcheck.claims.attributions import attribution_in, organisation_spans, publishers
from factcheck.claims.clauses import clause_of, split
from factcheck.claims.closed_world import currency_parts, growth_currency_parts, unaccounted_parts
from factcheck.claims.context import Context
from factcheck.claims.model import Claim, ClaimPeriod
from factcheck.claims.periods import period_for
from factcheck.claims.provenance import Binding, Source, Unaccounted
from factcheck.claims.roles import Roles, Topic, mentions, read_roles, verb_direction
from factcheck.claims.unnumbered import unnumbered_claims
from factcheck.extract.model import Extraction, Quantity, Sentence

__all__ = ["Claim", "ClaimPeriod", "commodity_table", "find_claims"]

AS_MUCH_AS = re.compile(r"\s+as much(?:\s+\w+){0,3}?\s+as\s+(?:it|they|the country|\w+)\s+(?:\w+\s+)?(?:bought|sold|imported|exported|buys|sells|imports|exports)\b", re.I)
RESTATED = re.compile(r":\s*$")  # "100 times its trade with North Korea: $267.5 billion against ..."
AGAINST = re.compile(r"^\s*(?:against|versus|vs\.?|compared with|compared to)\s+(?:about\s+|nearly\s+|some\s+)?$", re.I)
EARLIER_AFTER = re.compile(r"\s+(?:a|one|two|three|four|five|\d+) years? (?:earlier|before)\b", re.I)
EARLIER_FIGURE = Binding("the earlier figure of the same measure", "metric", Source.SAME_SENTENCE)
CHANGE_OF_FIGURE = Binding("the change of the figure before", "metric", Source.SAME_SENTENCE)
RANK_VALUE_GAP = re.compile(r",?\s*(?:at|with|worth|totall?ing|shipping|selling|buying|supplying)\s+(?:about\s+|nearly\s+|some\s+)?", re.I)
# Words that point back at the source the story cited ("The data showed ...").
DATA_BACK_REFERENCE = re.compile(r"\b(?:the|these|those|customs|official|latest|same)\s+(?:data|figures|statistics|numbers|report)\b", re.I)
FRACTION_WORDS = re.compile(r"^(?:a|one|two|three)?[- ]?(?:half|third|thirds|quarter|quarters|fifth|fifths)$", re.I)


@lru_cache(maxsize=1)
def commodity_table() -> dict[str, tuple[str, ...]]:
    """News commodity words -> HS codes (claims/commodities.yaml); link maps claims through it."""
    raw = yaml.safe_load(files("factcheck.claims").joinpath("commodities.yaml").read_text("utf-8"))
    return {word: tuple(codes) for word, codes in raw.items()}


@lru_cache(maxsize=1)
def _commodity_pattern() -> re.Pattern[str]:
    words = sorted(commodity_table(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")(?:e?s)?\b", re.I)


def commodities_in(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1).lower() for m in _commodity_pattern().finditer(text)))


def commodity_for(text: str, clause_start: int, clause_end: int, q_start: int, q_end: int) -> str | None:
    """The goods a figure is about, only where the words tie them to it: "coal exports", "exports of
    coal", "coal made up a third of exports", "textiles worth $752 million"; not "on the back of coal
    sales" elsewhere in the sentence."""
    clause = text[clause_start:clause_end]
    words = "|".join(re.escape(w) for w in sorted(commodity_table(), key=len, reverse=True))
    item = rf"(?:{words})(?:e?s)?"
    listed = rf"{item}(?:\s*,\s*{item})*(?:\s*,?\s*(?:and|or)\s+{item})?"
    patterns = (
        rf"\b(?:tonnes|tons|barrels|worth|cargoes|shipments|exports|imports|sales|purchases)\s+of\s+(?P<c>{listed})\b",
        rf"\b(?P<c>{listed})\s+(?:exports?|imports?|shipments|sales|trade|purchases)\b",
        rf"\b(?:exports?|imports?|shipments|sales|purchases)\s+of\s+(?P<c>{listed})\b",
        rf"\b(?P<c>{listed})\s+(?:worth|valued at)\s*$",
    )
    local_q = q_start - clause_start
    for pattern in patterns:
        # Goods named after the figure are its cause or context ("jumped 41% on the back of coal
        # sales"), not what the figure measures, unless they follow it as "$1.2 billion of coal".
        for m in re.finditer(pattern, clause[:local_q] + clause[q_end - clause_start:][:0], re.I):
            if pattern.endswith("$") and m.end() != len(clause[:local_q].rstrip()) and not clause[:local_q].rstrip().endswith(m.group(0).rstrip()):
                continue
            return ", ".join(commodities_in(m.group("c")))
    of_goods = re.match(rf"\s*(?:of|in)\s+(?P<c>{listed})\b", clause[q_end - clause_start:], re.I)
    if of_goods:
        return ", ".join(commodities_in(of_goods.group("c")))
    subject = re.match(rf"\s*(?:[\w,' ]{{0,40}}?\b)?(?P<c>{listed})\s+(?:(?:made up|make up|makes up|account(?:ed|s)? for|represent(?:ed|s)?|were|was|are|is)\b|(?:about|nearly|almost|roughly|some|around)?\s*$)", clause[:local_q], re.I)
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
    """All trade claims, in document order. `text` (the document's prose) lets the paragraph's
    topic carry across sentences; without it every sentence stands alone."""
    context = Context()
    topic = Topic()
    claims: list[Claim] = []
    previous_end: int | None = None
    attribution: str | None = None  # the publisher the story cites, carried to later sentences
    for sentence in extraction.sentences:
        same_paragraph = not (text is None or previous_end is None or "\n" in text[previous_end : sentence.start])
        if text is None or sentence.heading:
            topic = Topic()  # a heading starts a new story; without the text, sentences stand alone
        elif previous_end is not None and "\n" in text[previous_end : sentence.start]:
            # A new paragraph continues the story (countries, flow) but a year stated in another
            # paragraph is only a base for "a year earlier", never the year of a new figure.
            topic = replace(topic, year=None)
        previous_end = sentence.end
        cited = attribution_in(sentence.text)
        if cited is None and not same_paragraph and not DATA_BACK_REFERENCE.search(sentence.text) \
                and not (attribution and publishers()[attribution].carries):
            attribution = None  # a compiler cited in another paragraph dates other figures
        attribution = cited or attribution
        if not sentence.heading:
            found = sorted(_sentence_claims(_without_organisations(sentence), context, topic), key=lambda c: c.start)
            # the claims were read with organisation names blanked: the sentence and its citation as written
            found = [replace(c, sentence=sentence.text, attribution=c.attribution or cited) for c in found]
            if attribution and not cited:  # "The data showed": the publisher the story cited before
                found = [replace(c, attribution=attribution) if c.attribution is None else c for c in found]
            claims.extend(found)
            numbered = [c for c in found if c.reporter]
            if numbered:
                last = numbered[-1]
                year = last.period.end if last.period and not last.period.assumed else topic.year
                stated = [c.period.end for c in numbered if c.period and c.period.end and not c.period.assumed]
                topic = Topic(last.reporter, last.partner, last.flow, year, max(stated, default=topic.story_year),
                              metric=last.metric)
        context.update(sentence)
    return sorted(_ambiguous_dollars(claims, extraction), key=lambda c: c.start)


# Dollars of other countries, written with their own mark ("A$", "C$", "NZ$", "HK$", "S$").
OTHER_DOLLARS = frozenset({"AUD", "CAD", "NZD", "HKD", "SGD", "TWD"})
BARE_DOLLAR = re.compile(r"^(?:about |nearly |some |over |almost )?\$\s?\d")


def _ambiguous_dollars(claims: list[Claim], extraction: Extraction) -> list[Claim]:
    """In a text that writes another country's dollar ("Aus$100 billion ($US105.6 billion)"), a
    bare "$" may be that dollar: such a figure is not judged against US-dollar data."""
    local = next((q.unit for q in extraction.quantities if q.kind == "money" and q.unit in OTHER_DOLLARS), None)
    if local is None:
        return claims
    part = Unaccounted("currency", "CW04", "$", f"the text writes {local} amounts, so a bare '$' may be {local}, not US dollars")
    return [replace(c, unaccounted=c.unaccounted + (part,))
            if c.quantity is not None and c.quantity.kind == "money" and BARE_DOLLAR.match(c.quantity.surface) else c
            for c in claims]


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
    text = sentence.text
    after, before = text[end:], text[:start]
    if q.kind == "money":
        if lx.PRICE_PER.match(after) or lx.NON_TRADE_UNIT_AFTER.match(after):
            return None
        if q.role == "change" or lx.VALUE_CHANGE_BEFORE.search(before[-60:]):
            return "value_change"  # "rose by $3 billion": the level minus the year before's
        if lx.EXCEEDED_BY.search(before[-60:]):
            return "balance"
        if lx.BALANCE.search(before[-45:]) or re.match(r"\s+(?:trade\s+)?(?:surplus|deficit)\b", after, re.I):
            return "balance"
        return "trade_value"
    if q.kind in ("percent", "ratio"):
        growth_before = lx.GROWTH_UP.search(before[-40:]) or lx.GROWTH_DOWN.search(before[-40:])
        if re.match(r"\s*of\b", after) and not re.match(r"\s*of\s+(?:a|one|the)\s+year\b", after):
            return "share"
        if q.direction or growth_before or lx.YEAR_ON_YEAR.search(after[:40]):
            return "growth"
        if re.match(r"\s*\)", after) or re.match(r"\s*(?:share|stake)\b", after, re.I):
            return "share"
        if lx.SHARE.search(text):
            return "share"
        return None
    if q.kind == "percentage_points":
        return "growth"
    if q.kind == "count" and lx.VOLUME_UNIT.match(after):
        return "volume"
    if q.kind == "multiplier":
        # "doubled", "grew sixfold" change a figure over time; "twice China's $129 million",
        # "three times what Japan sold" compare two figures.
        verb_form = re.search(r"(?:ed|led)$", q.surface.strip(), re.I)
        grew = lx.GROWTH_UP.search(before[-30:]) or lx.GROWTH_DOWN.search(before[-30:])
        return "growth" if verb_form or grew else "ratio"
    return None  # counts and years are not trade figures by themselves


def _follows(text: str, previous: Claim, start: int, found) -> Roles | None:
    """Roles a quantity takes from the claim just before it in the same sentence:
    "$448 billion in 2023, down 22%" (the change of the same figure), "74% of its exports, up 21
    percentage points", and ellipsis: "the United States took 28% of them and China 20%"."""
    gap = text[previous.end - previous.sentence_start : start]
    gap_start = previous.end - previous.sentence_start
    if re.search(r",\s*(?:up|down|rising|falling|compared with|against)\s+from\s+(?:about\s+|less than\s+|more than\s+|nearly\s+|almost\s+)?$", gap, re.I) \
            and len(gap) < 60 and not any(gap_start <= m.start < start and m.iso3 not in (previous.reporter, previous.partner) for m in found):
        return Roles(previous.reporter, previous.partner, previous.flow, list(previous.context) + [EARLIER_FIGURE])
    if re.search(r",\s*(?:which was\s+|a\s+|an?\s+)?(?:up|down|(?:increase|rise|drop|fall|decline|jump|surge|gain|slide|slump) of)\s*(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|more than\s+|some\s+)?$", gap, re.I) \
            and len(gap) < 60 and not any(gap_start <= m.start < start for m in found):
        return Roles(previous.reporter, previous.partner, previous.flow, list(previous.context) + [CHANGE_OF_FIGURE])
    owner = next((m for m in found if m.possessive and 0 <= start - m.end <= 3 and gap_start <= m.start), None)
    if owner is not None and previous.metric in ("trade_value", "share"):  # "$298 million, twice China's $129 million"
        return Roles(owner.iso3, previous.partner, previous.flow, [Binding(f"read like the figure before, for {owner.iso3}", "flow", Source.SAME_SENTENCE)])
    ellipsis = re.fullmatch(r"(.*?)(?:,|\band)\s+(?:the\s+)?$", gap, re.S)
    named = next((m for m in found if m.end <= start and text[m.end:start].strip() == "" and gap.rstrip().endswith(text[m.start:m.end])), None)
    if named is None:
        before = [m for m in found if m.end <= start and re.fullmatch(r"\s*", text[m.end:start])]
        named = before[-1] if before else None
    if named is None:  # "behind Japan at $251 million"
        at = next((m for m in found if gap_start <= m.start and re.fullmatch(r"(?:,[^,]{0,40},)?\s+at\s+", text[m.end:start])), None)
        if at is not None and previous.metric in ("trade_value", "share"):
            named = at
            subject = next((m.iso3 for m in found if m.start < previous.start - previous.sentence_start), None)
            note = [Binding(f"read like the figure before, for {named.iso3}", "flow", Source.ELLIPSIS)]
            if subject == previous.partner and previous.partner not in (None, "WLD"):
                return Roles(previous.reporter, named.iso3, previous.flow, note)
            return Roles(named.iso3, previous.partner, previous.flow, note)
    if named is not None and re.search(r"(?:,|\band)\s+(?:the\s+)?$", text[:named.start]) and previous.metric in ("share", "trade_value") \
            and previous.end - previous.sentence_start < named.start:
        note = [Binding(f"ellipsis: read like the figure before, for {named.iso3}", "flow", Source.ELLIPSIS)]
        subject = next((m.iso3 for m in found if m.start < previous.start - previous.sentence_start), None)
        if subject == previous.partner and previous.partner not in (None, "WLD"):
            return Roles(previous.reporter, named.iso3, previous.flow, note)
        return Roles(named.iso3, previous.partner, previous.flow, note)
    del ellipsis
    return None


def _next_figure(spans, end: int, clause_end: int) -> int:
    """Where the next figure in the clause starts: countries after it belong to that figure
    ("exports reached $12.9 million in 2023, a quarter of them bound for China")."""
    return min([s for s, _ in spans if s >= end] + [clause_end])


def _own_year(sentence: Sentence, q: Quantity, spans) -> bool:
    """Whether a year is written right after the figure ("from $50 billion in 2022")."""
    after = sentence.text[q.end - sentence.start :]
    return bool(re.match(r"\s*,?\s*(?:in|for|during|on|over|from|compared with|against)\s+(?:the\s+)?(?:\d{4}|fiscal)", after, re.I))


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
                                context=tuple(n for n in first.context if n != PENDING_SIDE) + ("one side of the ratio before",))
        if len(later) > 1:
            second = claims[later[1]]
            if AGAINST.match(text[first.end - first.sentence_start : second.start - second.sentence_start]):
                r, p, f = ratio.compared_with[:3]
                out[later[1]] = replace(second, reporter=r, partner=p, flow=f,
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


def _direction(sentence: Sentence, q: Quantity, start: int) -> str | None:
    if q.direction:
        return q.direction
    before = sentence.text[:start][-40:]
    down, up = lx.GROWTH_DOWN.search(before), lx.GROWTH_UP.search(before)
    if down and (not up or down.start() > up.start()):
        return "down"
    return "up" if up else None


def _open_parts(sentence: Sentence, q: Quantity, quantities: list[Quantity], metric: str,
                window: tuple[int, int], figure: tuple[int, int], commodity: str | None):
    """What the words around the figure leave open (closed-world reading, closed_world.yaml)."""
    parts = unaccounted_parts(sentence.text, window, figure, commodity_known=commodity is not None, money=q.kind == "money")
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
    text = sentence.text
    if lx.RETRACTED.search(text):  # a correction box quoting the withdrawn figure makes no claim with it
        return []
    trade_here = bool(lx.TRADE_CUE.search(text) or lx.RANK.search(text)
                      or lx.ORDINAL_RANK.search(text) and topic.flow)
    about_topic = bool(topic.flow and lx.TOPIC_PRONOUN.search(text))  # "It has recovered since then."
    if not trade_here and not (topic.flow and sentence.quantities) and not about_topic:
        return []
    found = mentions(sentence, context)
    clauses = split(text, found)
    ranks = [c for c in unnumbered_claims(sentence, found, clauses, context, topic, has_number=True) if c.metric == "rank"]
    quantities = [_as_share(q) for q in sentence.quantities]
    spans = [(q.start - sentence.start, q.end - sentence.start) for q in quantities]
    claims: list[Claim] = []
    for q, (start, end) in zip(quantities, spans):
        metric = _metric_for(sentence, q, start, end, trade_here)
        if metric is None and q.kind == "percent" and claims and claims[-1].metric == "share":
            metric = "share"  # "took 28% of them and China 20%": the same kind of figure again
        if metric is None:
            continue
        clause = clause_of(clauses, start)
        figures = [c for c in claims if c.metric in ("trade_value", "share")]
        previous = figures[-1] if figures and metric in ("trade_value", "share") else (claims[-1] if claims else None)
        follow = _follows(text, previous, start, found) if previous else None
        rank = next((r for r in ranks if r.end - sentence.start <= start
                     and RANK_VALUE_GAP.fullmatch(text[r.end - sentence.start:start])), None)
        if follow is None and rank is not None and metric == "trade_value":
            # "America's largest source of imports, at $93 billion": the value of that flow
            follow = Roles(rank.reporter, rank.partner, rank.flow, [Binding(f"the value behind the rank '{rank.sentence[rank.start - sentence.start:rank.end - sentence.start]}'", "flow", Source.SAME_SENTENCE)])
        if follow is not None:
            roles = follow
            if follow.notes[-1] == EARLIER_FIGURE:
                metric = previous.metric
            elif metric == "growth" and previous.metric == "balance":
                metric = "balance_change"  # "a jump of about 20%" in the surplus itself
            if metric == "growth" and previous.metric == "share" and q.kind == "percent":
                metric = "share_change"
        else:
            here = _topic_after(claims, topic)
            roles = read_roles(sentence, start, end, found, clause, clauses, context, here)
        if roles.flow is None and metric == "trade_value" and _after_ratio_colon(text, quantities, spans, start):
            roles = Roles(None, None, "total", [PENDING_SIDE])  # filled by _restated_sides, else dropped
        if roles.flow is None:
            continue
        commodity = commodity_for(text, clause.start, clause.end, start, end)
        if commodity is None and metric == "share":
            commodity = _unknown_goods(text, clause.start, start, found)
        if lx.SERVICES.search(text[clause.start : clause.end]):
            commodity = "services"
        partner = roles.partner
        partner_assumed = False
        balance_direction = None
        if metric in ("balance", "balance_change"):
            roles.flow = "total"
            word = lx.BALANCE.search(text[max(clause.start, start - 45):end + 20])
            exceeded = lx.EXCEEDED_BY.search(text[max(0, start - 60):start])
            if exceeded:  # "exports exceeded imports by $75 billion" is a surplus; the other way a deficit
                balance_direction = "up" if exceeded.group("other").lower() == "imports" else "down"
            else:
                balance_direction = "down" if word and word.group(1).lower() == "deficit" else "up"
        region = lx.REGION.search(text[clause.start : clause.end])
        if region and partner is None:
            roles.notes.append(f"the partner, {region.group(1)}, is a region, not a country")
        elif partner is None and roles.reporter is not None and lx.TOTAL_OF.search(text[clause.start : start]):
            partner = "WLD"  # "North Korea's total exports reached $4.5 billion"
        elif metric in ("trade_value", "growth", "balance", "balance_change") and partner is None and roles.reporter is not None \
                and not {m.iso3 for m in found if clause.start <= m.start < _next_figure(spans, end, clause.end)} - {roles.reporter}:
            pair = {topic.reporter, topic.partner}
            if roles.reporter in pair and None not in pair and "WLD" not in pair and len(pair) == 2 \
                    and any(m.demonym and m.iso3 == roles.reporter for m in found):
                # "Chinese purchases peaked at $2.91 billion" in a story about China and North Korea
                partner = (pair - {roles.reporter}).pop()
                roles.notes.append(Binding(f"partner {partner}: the country the story is about with {roles.reporter}", "partner", Source.STORY))
            else:
                partner = "WLD"  # a country's own total: no other country is named
            partner_assumed = True
        if metric == "share" and commodity and partner in (None, roles.reporter):
            partner = "WLD"
        asides = [(c.start, c.end) for c in clauses if c.relative and c is not clause]
        period, period_note = period_for(sentence, start, end, clause.start, clause.end, spans,
                                         growth=metric == "growth", topic_year=topic.year, story_year=topic.story_year,
                                         asides=asides)
        if follow is not None and follow.notes[-1] == EARLIER_FIGURE and not _own_year(sentence, q, spans) \
                and not (period.start is not None and not period.assumed and EARLIER_AFTER.match(text[end:])):
            period, period_note = ClaimPeriod(None, None, unstated=True), "an earlier figure whose year is not given"
        elif follow is not None and follow.notes[-1] == CHANGE_OF_FIGURE and not _own_year(sentence, q, spans):
            # "$86.7 billion in 2009, a fall of about 5%": the change to the latest figure stated
            stated = [c.period for c in claims if c.period and c.period.start is not None and not c.period.assumed
                      and (c.reporter, c.partner, c.flow) == (roles.reporter, roles.partner, roles.flow)]
            if stated:
                latest = max(stated, key=lambda p: p.end or p.start)
                base = min(stated, key=lambda p: p.start)
                if base.start < (latest.end or latest.start) and EARLIER_FIGURE in " ".join(n for c in claims for n in c.context):
                    # "$29.65 billion in 2023, up from $22.4 billion two years earlier, a rise of 33%"
                    period = ClaimPeriod(base.start, latest.end or latest.start, surface=f"{base.start}–{latest.end or latest.start}")
                else:
                    period = latest
                period_note = None
        notes = roles.notes + ([period_note] if period_note else [])
        open_parts = _open_parts(sentence, q, quantities, metric, (clause.start, _next_figure(spans, end, clause.end)),
                                 (start, end), commodity)
        claims.append(Claim(
            sentence=text, sentence_start=sentence.start, start=q.start, end=q.end, metric=metric, quantity=q,
            reporter=roles.reporter, partner=partner, flow=roles.flow, commodity=commodity, period=period,
            hedge=q.hedge, direction=balance_direction if metric == "balance" else
            _direction(sentence, q, start) if metric in ("growth", "share_change", "balance_change", "value_change") else None,
            partner_assumed=partner_assumed,
            context=tuple(dict.fromkeys(notes)),
            unaccounted=open_parts,
            attribution=attribution_in(text),
            currency=q.unit if q.kind == "money" else None,
        ))
    claims = _inherit_open_parts(claims)
    claims = [_with_other_side(c, claims, sentence, found, clauses, context, topic) if c.metric == "ratio" else c for c in claims]
    claims = [c for c in _restated_sides(claims, text) if PENDING_SIDE not in c.context]
    if trade_here or about_topic:
        taken = {c.start for c in claims}
        for claim in unnumbered_claims(sentence, found, clauses, context, topic, has_number=bool(claims)):
            if claim.start not in taken:
                claims.append(claim)
    return claims
