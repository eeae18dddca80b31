"""Claims that carry no number: rank ("largest trading partner"), trend ("a sharp decline since
2017"), comparison ("meager compared to China-South Korea trade") and worded shares ("almost all
of its exports"). Their span is the words that make the claim."""

from __future__ import annotations

import re

from factcheck.claims import lexicon as lx
from factcheck.claims.clauses import clause_of
from factcheck.claims.context import Context
from factcheck.claims.attributions import attribution_in
from factcheck.claims.closed_world import unaccounted_parts
from factcheck.claims.provenance import Binding, Source
from factcheck.claims.model import Claim, ClaimPeriod
from factcheck.claims.periods import period_for
from factcheck.claims.roles import Mention, Topic, flow_of, pair_in, partner_after, read_roles, scene_of
from factcheck.extract.model import Sentence

RANK_FLOWS = {"supplier": "import", "source of imports": "import", "source": "import", "import partner": "import",
              "import source": "import", "export market": "export",
              "export destination": "export", "destination": "export", "market": "export", "buyer": "export",
              "customer": "export"}
MADE_X_ITS = re.compile(r"\b(?:making|made|make|makes|become|became|becoming)\s+(?:the\s+)?(?P<x>[A-Z][\w.'’ -]*?)\s+(?:its|their)\s+$")
# "This increase made Vietnam the sixth leading supplier": the change is one told before, whose
# countries this sentence does not name.
POINTING_BACK = re.compile(r"\b(?:this|that|these|those|such an?)\s+$", re.I)
SINCE_THEN = re.compile(r"\bsince then\b", re.I)


def unnumbered_claims(sentence: Sentence, found: list[Mention], clauses, context: Context, topic: Topic,
                      *, has_number: bool) -> list[Claim]:
    claims = list(_ranks(sentence, found, clauses, context, topic))
    claims += [c for c in (_ordinal_rank(sentence, found, clauses, context, topic), _peak(sentence, found, clauses, context, topic)) if c]
    for maker in (_worded_share, _comparison, _trend):
        if maker is _trend and has_number and not lx.TREND_SINCE.search(sentence.text) and not lx.TREND_FLAT.search(sentence.text):
            continue
        claim = maker(sentence, found, clauses, context, topic)
        if claim is not None:
            claims.append(claim)
    return claims


def _claim(sentence: Sentence, start: int, end: int, metric: str, clause, topic: Topic, notes=(), **fields) -> Claim:
    period = fields.pop("period", None)
    if period is None:
        period, note = period_for(sentence, start, end, clause.start, clause.end, [], topic_year=topic.year, story_year=topic.story_year)
        notes = tuple(notes) + ((note,) if note else ())
    open_parts = unaccounted_parts(sentence.text, (clause.start, clause.end), (start, end),
                                   commodity_known=fields.get("commodity") is not None)
    return Claim(sentence=sentence.text, sentence_start=sentence.start, start=sentence.start + start,
                 end=sentence.start + end, metric=metric, quantity=None, period=period,
                 context=tuple(dict.fromkeys(notes)), unaccounted=open_parts,
                 attribution=attribution_in(sentence.text), **fields)


def _ranks(sentence, found, clauses, context, topic):
    for m in lx.RANK.finditer(sentence.text):
        claim = _rank(sentence, found, clauses, context, topic, m)
        if claim is not None:
            yield claim


def _rank(sentence, found, clauses, context, topic, m) -> Claim | None:
    """A rank phrase: "X's largest market", "the largest buyer of X's exports", "making Beijing
    its largest customer". The phrase gives the rank and the flow; its owner is the reporter and
    the country ranked the partner."""
    text = sentence.text
    word = m.group("rank").lower()
    rank = next((n for w, n in lx.ORDINALS.items() if word.startswith(w)), 1)
    clause = clause_of(clauses, m.start())
    inside = _owner_inside(found, m)
    if m.group("inside") and inside is None:
        return None  # "its largest Asian partner": a rank among some partners only
    owner, flow = _rank_owner(text, found, m)
    owner = owner or inside
    made = _made_x_its(sentence, found, clause, topic, m, flow, rank)
    if made is not None:
        return made
    scene = _rank_scene(text, found, m)
    notes = []
    reporter = _rank_reporter(text, found, clause, context, topic, m, owner, scene, notes)
    partner = _rank_partner(text, found, clause, m, reporter, scene)
    if reporter is None or partner is None:
        return None
    period = _rank_period(sentence, clause, m)
    return _claim(sentence, m.start(), m.end(), "rank", clause, topic, notes, reporter=reporter, partner=partner,
                  flow=flow, rank=rank, frame="rank", **({"period": period} if period else {}))


def _owner_inside(found, m) -> Mention | None:
    """The country written inside a rank phrase, between its adjective and its noun ("the third
    largest U.S. trading partner": the United States' partners are ranked)."""
    if not m.group("inside"):
        return None
    return next((x for x in found if x.start == m.start("inside")), None)


def _rank_owner(text, found, m) -> tuple[Mention | None, str]:
    """Whose partners are ranked, and in which flow: "X's largest market" (a possessive right
    before), or "largest buyer of X's exports / of Chinese goods" (after "of", where "source of
    X's exports" takes the flow from the noun)."""
    role = m.group("role").lower()
    flow = RANK_FLOWS.get(role, "total")
    possessive = [x for x in found if x.end <= m.start() and m.start() - x.end <= 6 and x.possessive]
    if possessive:
        return possessive[-1], flow
    after_of = re.match(r"\s*(?:of|for)\s+(?:the\s+)?", text[m.end():])
    if not after_of:
        return None, flow
    owner = next((x for x in found if m.end() <= x.start <= m.end() + after_of.end() + 2), None)
    noun = lx.FLOW_NOUN.match(text[(owner.end if owner else m.end() + after_of.end()):].lstrip(" '’s"))
    if noun and role in ("source", "partner"):
        flow = flow_of(noun.group(1))
    return owner, flow


def _made_x_its(sentence, found, clause, topic, m, flow, rank) -> Claim | None:
    """ "making Beijing its largest customer", "has made China its main export market": the
    country made X is the partner, the clause's subject (else the first country before it that no
    preposition governs) the reporter."""
    text = sentence.text
    made = MADE_X_ITS.search(text[:m.start()])
    if not made:
        return None
    partner_m = next((x for x in found if x.start == made.start("x")), None)
    owner_m = clause.subject if clause.subject is not None and partner_m is not None and clause.subject.iso3 != partner_m.iso3 else None
    if owner_m is None and partner_m is not None:
        before = [x for x in found if x.end <= partner_m.start and x.iso3 != partner_m.iso3
                  and not re.search(r"\b(?:to|from|with|of|for|in|than)\s+(?:the\s+)?$", text[max(0, x.start - 6):x.start], re.I)]
        owner_m = before[0] if before else None
    if partner_m is None or owner_m is None:
        return None
    return _claim(sentence, m.start(), m.end(), "rank", clause, topic, reporter=owner_m.iso3,
                  partner=partner_m.iso3, flow=flow, rank=rank, frame="rank")


def _rank_scene(text, found, m) -> Mention | None:
    """The country the ranking is set in: "In Uzbekistan, the largest buyer is ..."."""
    return next((x for x in found if x.end <= m.start() and re.search(r"\bin\s+(?:the\s+)?$", text[max(0, x.start - 4):x.start], re.I)
                 and re.fullmatch(r"[\s,]*(?:the\s+)?", text[x.end:m.start()], re.I)), None) or scene_of(text, found)


def _rank_reporter(text, found, clause, context, topic, m, owner, scene, notes) -> str | None:
    """The owner, else the scene, else the country named before that is not the clause's subject
    (the subject is the one ranked: "China was its largest supplier"), recorded as taken from
    the text before."""
    if owner is not None:
        return owner.iso3
    if scene is not None:
        return scene.iso3
    subject = next((x for x in found if clause.start <= x.start and x.end <= m.start() and not x.possessive
                    and not re.search(r"\b(?:in|to|from|of|for|with|than)\s+(?:the\s+)?$", text[max(0, x.start - 6):x.start], re.I)), None)
    partner_guess = {subject.iso3} if subject is not None else set()
    earlier = [x for x in found if x.end <= m.start() and x.iso3 not in partner_guess]
    reporter = earlier[-1].iso3 if earlier else (context.singular(exclude=partner_guess) or topic.reporter)
    notes.append(Binding(f"reporter {reporter} taken from the text before", "reporter", Source.PREVIOUS_SENTENCE))
    return reporter


def _rank_partner(text, found, clause, m, reporter, scene) -> str | None:
    """The country ranked: the subject of "X is/remains ... largest", the noun the rank phrase is
    in apposition to ("South Korea, China's fifth-largest export market, bought ..."), or what
    follows "is" ("the largest buyer is not China but Switzerland")."""
    candidates = [x for x in found if clause.start <= x.start and x.end <= m.start() and x.iso3 != reporter
                  and not x.possessive and x is not scene
                  and not re.search(r"\b(?:in|to|from|of|for|with|than)\s+(?:the\s+)?$", text[max(0, x.start - 6):x.start], re.I)]
    after_is = re.match(r"\s+(?:is|was|remains|remained|has been)\s+(?:not\s+[\w .'-]+?\s+but\s+)?(?:the\s+)?", text[m.end():])
    if not candidates and after_is:
        candidates = [x for x in found if x.start == m.end() + after_is.end() and x.iso3 != reporter]
    if not candidates and clause.subject is not None and clause.subject.iso3 != reporter and clause.subject is not scene:
        candidates = [clause.subject]
    return candidates[0].iso3 if candidates else None


def _rank_period(sentence, clause, m) -> ClaimPeriod | None:
    """ "Japan was the biggest buyer of North Korean goods: in 1990 ..." - when the clause has no
    year, the sentence's year nearest the rank phrase."""
    if not sentence.periods or any(clause.start <= p.start - sentence.start < clause.end for p in sentence.periods):
        return None
    nearest = min(sentence.periods, key=lambda p: abs(p.start - sentence.start - m.start()))
    return ClaimPeriod(nearest.start_year, nearest.end_year, relative=nearest.relative, surface=nearest.surface)


def _worded_share(sentence, found, clauses, context, topic) -> Claim | None:
    m = lx.WORDED_SHARE.search(sentence.text)
    if not m or m.group(1).lower() not in ("almost all", "nearly all", "virtually all", "all but", "the bulk", "the vast majority"):
        return None
    start, end = m.start(1), m.end(1)
    clause = clause_of(clauses, start)
    roles = read_roles(sentence, start, end, found, clause, clauses, context, topic)
    if roles.flow is None:
        return None
    from factcheck.claims import commodities_in

    commodities = commodities_in(sentence.text)
    partner = roles.partner if roles.partner not in (None, roles.reporter) else ("WLD" if commodities else None)
    return _claim(sentence, start, end, "share", clause, topic, roles.notes, reporter=roles.reporter, partner=partner,
                  flow=roles.flow, commodity=", ".join(commodities) or None, hedge="almost_all", frame="worded-share")


def _owner_of_flow(sentence, found, position, context, topic):
    """Reporter and flow from the flow noun nearest after (or before) `position`."""
    text = sentence.text
    nouns = list(lx.FLOW_NOUN.finditer(text))
    if not nouns:
        return None, None, None
    before = [n for n in nouns if n.end() <= position]
    noun = before[-1] if before else nouns[0]  # "US imports from Japan have declined": the subject comes first
    flow = flow_of(noun.group(1))
    owner = next((x for x in reversed(found) if x.end <= noun.start() and noun.start() - x.end <= 14 and (x.possessive or x.demonym)), None)
    if owner is not None:
        reporter = owner.iso3
    elif lx.POINTING_POSSESSIVE_BEFORE.search(text[max(0, noun.start() - 26):noun.start()]):
        possessive_before = [x for x in found if x.end <= noun.start() and x.possessive]
        reporter = possessive_before[-1].iso3 if possessive_before else (topic.reporter or context.singular())
    else:
        subjects = [x for x in found if x.end <= noun.start() and not x.demonym]
        reporter = subjects[0].iso3 if subjects else topic.reporter
    partner = partner_after(text, found, noun.end(), flow, len(text))
    return reporter, (partner.iso3 if partner else None), flow


def _trend(sentence, found, clauses, context, topic) -> Claim | None:
    text = sentence.text
    m = lx.TREND_FLAT.search(text) or lx.TREND.search(text)
    if not m or _years_of_the_opposite_change(sentence, m) or POINTING_BACK.search(text[:m.start()]):
        return None
    clause = clause_of(clauses, m.start())
    since_then = SINCE_THEN.search(text)
    period = None
    if since_then and (topic.year or topic.story_year):
        period = ClaimPeriod(topic.year or topic.story_year, None, surface="since then")
    elif not sentence.periods:
        return None
    pair = pair_in(text, found, 0, len(text))
    if pair:
        reporter, partner, flow = pair[0], pair[1], "total"
    else:
        reporter, partner, flow = _owner_of_flow(sentence, found, m.end(), context, topic)
        if flow is None and topic.flow:
            reporter, partner, flow = topic.reporter, topic.partner, topic.flow
    if reporter is None or flow is None:
        return None
    direction = "flat" if lx.TREND_FLAT.fullmatch(m.group(0)) else "down" if lx.TREND_DOWN.search(m.group(0)) else "up"
    fields = {"period": period} if period else {}
    return _claim(sentence, m.start(), m.end(), "trend", clause, topic, reporter=reporter,
                  partner=partner or "WLD", flow=flow, direction=direction, frame="trend", **fields)


def _years_of_the_opposite_change(sentence: Sentence, m: re.Match) -> bool:
    """ "the second year of export growth, after two years of declining exports in 2015 and
    2016": the sentence's nearest years are told with a change the other way, so they are not
    the years of this one."""
    text = sentence.text
    opposite = lx.GROWTH_UP if lx.TREND_DOWN.search(m.group(0)) else lx.GROWTH_DOWN
    spans = [(p.start - sentence.start, p.end - sentence.start) for p in sentence.periods]
    if not spans:
        return False
    start, end = min(spans, key=lambda s: min(abs(s[0] - m.end()), abs(m.start() - s[1])))
    between = text[m.end():start] if start >= m.end() else text[end:m.start()]
    return bool(opposite.search(between))


def _comparison(sentence, found, clauses, context, topic) -> Claim | None:
    text = sentence.text
    cue = lx.COMPARE_CUE.search(text)
    m = lx.COMPARE_SMALLER.search(text) or lx.COMPARE_LARGER.search(text)
    if not cue or not m:
        return None
    own = pair_in(text, found, 0, cue.start())
    other = pair_in(text, found, cue.start(), len(text))
    if other is None:
        after = [x for x in found if x.start >= cue.end()]
        other = (after[0].iso3, "WLD") if after else None
    if own is None:
        before = [x for x in found if x.end <= cue.start()]
        own = (before[0].iso3, "WLD") if before else None
    if own is None or other is None:
        return None
    clause = clause_of(clauses, m.start())
    return _claim(sentence, m.start(), m.end(), "comparison", clause, topic, reporter=own[0], partner=own[1],
                  flow="total", compared_with=other, direction="down" if lx.COMPARE_SMALLER.search(m.group(0)) else "up",
                  frame="comparison")


ROLE_FLOWS = {"buyers": "export", "markets": "export", "customers": "export", "export markets": "export",
              "suppliers": "import", "trading partners": "total", "partners": "total"}


def _ordinal_rank(sentence, found, clauses, context, topic) -> Claim | None:
    """"In 2023 India ranked sixth among buyers of Chinese goods"; "Last year it slipped to seventh"
    (the ranking of the claim before)."""
    text = sentence.text
    m = lx.ORDINAL_RANK.search(text)
    if not m:
        return None
    start, end = m.start("ordinal"), m.end("ordinal")
    clause = clause_of(clauses, start)
    rank = lx.ORDINAL_VALUES[m.group("ordinal").lower()]
    if m.group("role"):
        flow = ROLE_FLOWS[m.group("role").lower()]
        goods = re.match(r"\s+of\s+(?:the\s+)?", text[m.end():])
        owner = next((x for x in found if goods and x.start == m.end() + goods.end()), None) if goods else None
        subject = clause.subject
        if owner is None or subject is None or owner.iso3 == subject.iso3:
            return None
        reporter, partner = owner.iso3, subject.iso3
        notes = ()
    elif re.search(r"\b(?:it|they)\s+$", text[max(0, m.start() - 8):m.start()], re.I) and topic.flow and topic.partner:
        reporter, partner, flow = topic.reporter, topic.partner, topic.flow
        notes = (Binding("the ranking of the sentence before", "reporter", Source.PRONOUN),)
    else:
        return None
    return _claim(sentence, start, end, "rank", clause, topic, notes, reporter=reporter, partner=partner,
                  flow=flow, rank=rank, frame="ordinal-rank")


def _peak(sentence, found, clauses, context, topic) -> Claim | None:
    text = sentence.text
    m = lx.PEAK.search(text)
    if not m or not sentence.periods:
        return None
    clause = clause_of(clauses, m.start())
    # The period of the peak is the first one after its words ("hit a record high of $108.6
    # billion last year"), relative ones included, but not a base of comparison after them
    # ("..., which is 683 times compared to $159 million in 1974": 1974 is no peak).
    after = [p for p in sentence.periods if p.start - sentence.start >= m.end() and p.start_year is not None]
    if not after or lx.BASE_BEFORE.search(text, m.end(), after[0].start - sentence.start):
        return None
    year = after[0].start_year
    pair = pair_in(text, found, 0, m.start())
    if pair:
        reporter, partner, flow = pair[0], pair[1], "total"
    else:
        reporter, partner, flow = _owner_of_flow(sentence, found, m.start(), context, topic)
    if reporter is None or flow is None:
        return None
    # no partner named: the world, as an assumption (a peak of the pair the text is about is not the country's)
    return _claim(sentence, m.start(), m.end(), "rank", clause, topic, reporter=reporter, partner=partner or "WLD",
                  partner_assumed=partner is None, flow=flow, rank=1, ranked_over="years",
                  period=ClaimPeriod(year, year, surface=after[0].surface), frame="peak")
