"""Claims: turn each sentence's spans into the trade claims it makes (DESIGN.md, claims stage).

A number becomes a claim only in a sentence that talks about trade (exports, imports, trade,
trading partner...); page furniture ("0 views", "$2 every month") and non-trade figures ("employs
3,000 workers") are left out here, so they can never be called supported or contradicted.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib.resources import files

import yaml

from factcheck.claims import lexicon as lx
from factcheck.claims.context import Context
from factcheck.claims.model import Claim, ClaimPeriod
from factcheck.claims.roles import Roles, assign, flow_near, mentions
from factcheck.extract.model import Extraction, Period, Quantity, Sentence

__all__ = ["Claim", "ClaimPeriod", "commodity_table", "find_claims"]

RANK_WORDS = {"largest": 1, "biggest": 1, "top": 1, "main": 1, "leading": 1, "most important": 1,
              "second-largest": 2, "second largest": 2, "second-biggest": 2, "second biggest": 2}
RANK_FLOWS = {"supplier": "import", "source of imports": "import", "export market": "export",
              "market": "export", "buyer": "export", "customer": "export"}


@lru_cache(maxsize=1)
def commodity_table() -> dict[str, tuple[str, ...]]:
    """News commodity words -> HS codes (claims/commodities.yaml); link maps claims through it."""
    raw = yaml.safe_load(files("factcheck.claims").joinpath("commodities.yaml").read_text("utf-8"))
    return {word: tuple(codes) for word, codes in raw.items()}


@lru_cache(maxsize=1)
def _commodity_pattern() -> re.Pattern[str]:
    words = sorted(commodity_table(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")(?:e?s)?\b", re.I)


def find_claims(extraction: Extraction, *, as_of: dt.date | None = None) -> list[Claim]:
    context = Context()
    claims: list[Claim] = []
    for sentence in extraction.sentences:
        if not sentence.heading and lx.TRADE_CUE.search(sentence.text):
            claims.extend(_sentence_claims(sentence, context))
        context.update(sentence)
    return claims


def _sentence_claims(sentence: Sentence, context: Context) -> list[Claim]:
    found, notes = mentions(sentence, context)
    claims = [c for q in sentence.quantities if (c := _quantity_claim(sentence, q, found, notes))]
    numbered = {c.start for c in claims}
    for maker in (_rank_claim, _worded_share_claim, _comparison_claim, _trend_claim):
        claim = maker(sentence, found, notes, has_number=bool(numbered))
        if claim and claim.start not in numbered:
            claims.append(claim)
            numbered.add(claim.start)
    return claims


def _local(sentence: Sentence, q: Quantity) -> tuple[int, int]:
    return q.start - sentence.start, q.end - sentence.start


def _metric_for(sentence: Sentence, q: Quantity) -> str | None:
    text = sentence.text
    start, end = _local(sentence, q)
    after, before = text[end:], text[:start]
    if q.kind == "money":
        if lx.PRICE_PER.match(after) or lx.NON_TRADE_UNIT_AFTER.match(after):
            return None
        return "trade_value"
    if q.kind in ("percent", "ratio"):
        if re.match(r"\s*of\b", after) and not lx.GROWTH_UP.search(before[-25:]) and not lx.GROWTH_DOWN.search(before[-25:]):
            return "share"
        if q.direction or lx.GROWTH_UP.search(before[-40:]) or lx.GROWTH_DOWN.search(before[-40:]) or lx.YEAR_ON_YEAR.search(after[:40]):
            return "growth"
        if lx.SHARE.search(text):
            return "share"
        return None
    if q.kind == "percentage_points":
        return "growth"
    if q.kind == "multiplier":
        return "ratio" if lx.TIMES.search(after[:30]) or lx.COMPARE_CUE.search(after[:30]) else "growth"
    return None  # counts and years are not trade figures by themselves


def _period(sentence: Sentence, anchor: int) -> ClaimPeriod:
    periods = sorted(sentence.periods, key=lambda p: abs(p.start - sentence.start - anchor))
    if not periods:
        return ClaimPeriod(None, None, assumed=True)
    p: Period = periods[0]
    return ClaimPeriod(p.start_year, p.end_year, relative=p.relative, surface=p.surface)


def _commodity(text: str) -> str | None:
    m = _commodity_pattern().search(text)
    return m.group(1).lower() if m else None


def _direction(sentence: Sentence, q: Quantity) -> str | None:
    if q.direction:
        return q.direction
    before = sentence.text[: _local(sentence, q)[0]][-40:]
    down, up = lx.GROWTH_DOWN.search(before), lx.GROWTH_UP.search(before)
    if down and (not up or down.start() > up.start()):
        return "down"
    return "up" if up else None


def _quantity_claim(sentence: Sentence, q: Quantity, found, notes) -> Claim | None:
    metric = _metric_for(sentence, q)
    if metric is None:
        return None
    start, end = _local(sentence, q)
    flow, anchor = flow_near(sentence.text, start, end)
    if flow is None:
        return None
    roles: Roles = assign(sentence, found, flow, anchor if anchor is not None else start, start)
    commodity = _commodity(sentence.text)
    if metric == "share" and commodity is None and roles.partner is None and roles.reporter is not None:
        roles.partner = None
    if metric == "trade_value" and roles.partner is None and roles.reporter is not None:
        roles.partner = "WLD"
    if metric == "share" and commodity:
        roles.partner = roles.partner if roles.partner not in (None, roles.reporter) else "WLD"
    return Claim(
        sentence=sentence.text,
        sentence_start=sentence.start,
        start=q.start,
        end=q.end,
        metric=metric,
        quantity=q,
        reporter=roles.reporter,
        partner=roles.partner,
        flow=roles.flow,
        commodity=commodity,
        period=_period(sentence, start),
        hedge=q.hedge,
        direction=_direction(sentence, q) if metric == "growth" else None,
        context=tuple(notes + roles.notes),
    )


def _claim_without_number(sentence, match, found, notes, metric, flow_hint=None, **extra) -> Claim | None:
    start, end = match.start(), match.end()
    flow, anchor = flow_near(sentence.text, start, end)
    flow = flow_hint or flow
    if flow is None:
        return None
    roles = assign(sentence, found, flow, anchor if anchor is not None else start, start)
    return Claim(
        sentence=sentence.text,
        sentence_start=sentence.start,
        start=sentence.start + start,
        end=sentence.start + end,
        metric=metric,
        quantity=None,
        reporter=extra.pop("reporter", roles.reporter),
        partner=extra.pop("partner", roles.partner),
        flow=flow,
        commodity=_commodity(sentence.text),
        period=_period(sentence, start),
        context=tuple(notes + roles.notes),
        **extra,
    )


def _trend_claim(sentence, found, notes, *, has_number) -> Claim | None:
    if has_number:
        return None
    m = lx.TREND.search(sentence.text)
    if not m or not (sentence.periods or re.search(r"\bsince\b", sentence.text, re.I)):
        return None
    direction = "down" if lx.TREND_DOWN.search(m.group(0)) else "up"
    return _claim_without_number(sentence, m, found, notes, "trend", direction=direction)


def _comparison_claim(sentence, found, notes, *, has_number) -> Claim | None:
    if has_number:
        return None
    text = sentence.text
    cue = lx.COMPARE_CUE.search(text)
    m = lx.COMPARE_SMALLER.search(text) or lx.COMPARE_LARGER.search(text)
    if not cue or not m:
        return None
    own = [x for x in found if x.end <= cue.start()]
    other = [x for x in found if x.start >= cue.end()]
    if not own or not other:
        return None
    flow = "total"
    claim = _claim_without_number(sentence, m, own, notes, "comparison", flow_hint=flow,
                                  direction="down" if lx.COMPARE_SMALLER.search(m.group(0)) else "up")
    if claim is None:
        return None
    theirs = (other[0].iso3, other[1].iso3 if len(other) > 1 and other[1].iso3 != other[0].iso3 else "WLD")
    reporter, partner = claim.reporter, claim.partner or "WLD"
    if len(own) >= 2 and claim.partner is None:
        partner = own[1].iso3
    return Claim(**{**claim.__dict__, "reporter": reporter, "partner": partner, "compared_with": theirs})


def _rank_claim(sentence, found, notes, *, has_number) -> Claim | None:
    m = lx.RANK.search(sentence.text)
    if not m:
        return None
    flow = RANK_FLOWS.get(m.group(2).lower(), "total")
    before = [x for x in found if x.end <= m.start()]
    possessive = [x for x in before if x.possessive]
    reporter = possessive[-1].iso3 if possessive else None
    partner_candidates = [x for x in before if x.iso3 != reporter and not x.possessive]
    if reporter is None or not partner_candidates:
        return None
    rank = RANK_WORDS.get(m.group(1).lower().replace("-", " "), RANK_WORDS.get(m.group(1).lower(), 1))
    return Claim(
        sentence=sentence.text, sentence_start=sentence.start,
        start=sentence.start + m.start(), end=sentence.start + m.end(),
        metric="rank", quantity=None, reporter=reporter, partner=partner_candidates[0].iso3, flow=flow,
        period=_period(sentence, m.start()), context=tuple(notes), rank=rank,
    )


def _worded_share_claim(sentence, found, notes, *, has_number) -> Claim | None:
    m = lx.WORDED_SHARE.search(sentence.text)
    if not m or has_number:
        return None
    word = m.group(1).lower()
    hedge = "almost_all" if word in ("almost all", "nearly all", "virtually all", "all but") else None
    span = re.compile(re.escape(m.group(1)), re.I).search(sentence.text, m.start())
    claim = _claim_without_number(sentence, span, found, notes, "share", hedge=hedge)
    if claim and claim.commodity and claim.partner in (None, claim.reporter):
        claim = Claim(**{**claim.__dict__, "partner": "WLD"})
    return claim
