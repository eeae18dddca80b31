"""Which years a quantity is about: the period written next to it, else the clause's, else the
sentence's, else the paragraph's; "a year earlier" counts back from the year the sentence names."""

from __future__ import annotations

import re

from factcheck.claims.model import ClaimPeriod
from factcheck.claims.provenance import Binding, Source
from factcheck.extract.model import Period, Sentence

ATTACHING_GAP = re.compile(
    r"^\s*,?\s*(?:(?:in|for|during|of|by|as of|since|from|through|until|to|on|over|against|compared with|versus)\s+)?(?:the\s+)?$"
    r"|^\s*(?:[\w']+\s+){1,3}?(?:in|during)\s+(?:the\s+)?$",  # "$1.72 billion it bought in 2017"
    re.I,
)
LATER = re.compile(r"\b(?:a|one) year later\b|\bthe (?:following|next) year\b", re.I)
BARE_SINCE = re.compile(r"^\s+since\b(?!\s+(?:\d|the|then|last|early|late|mid))", re.I)
PRESENT = re.compile(r"\b(?:today|now|currently|these days|at present|nowadays)\b", re.I)
FROM_YEAR = re.compile(r"\b(?:from|on|over|compared with|against|versus)\s+(?:the\s+)?$", re.I)  # a base year
EARLIER = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|\d+) years? (?:earlier|before)|\bthe (?:previous|prior|preceding) year|\bthe year before", re.I)
PREVIOUS_AFTER = re.compile(
    r"^\s*,?\s*(?:of|in|for|from|during|recorded in|seen in)?\s*(?:the\s+)?(?:year before|previous year|prior year|preceding year|"
    r"a year (?:earlier|before))\b", re.I)
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _local(sentence: Sentence, p: Period) -> tuple[int, int]:
    return p.start - sentence.start, p.end - sentence.start


def _as_claim_period(p: Period, *, growth: bool, base_year: int | None) -> ClaimPeriod:
    """"a year earlier" counts back from the year the text is about (`base_year`); for a growth
    rate "up 25% from a year earlier" the change belongs to that year itself."""
    earlier = EARLIER.search(p.surface)
    if earlier and base_year is not None:
        n = earlier.group("n")
        back = int(n) if n and n.isdigit() else NUMBER_WORDS.get((n or "a").lower(), 1)
        year = base_year if growth else base_year - back
        return ClaimPeriod(year, year, surface=p.surface)
    return ClaimPeriod(p.start_year, p.end_year, relative=p.relative, surface=p.surface)


def period_for(sentence: Sentence, q_start: int, q_end: int, clause_start: int, clause_end: int,
               quantity_spans: list[tuple[int, int]], *, growth: bool = False,
               topic_year: int | None = None, story_year: int | None = None,
               asides: list[tuple[int, int]] = ()) -> tuple[ClaimPeriod, str | None]:
    """The claim's period and, when it came from outside the sentence, a note saying so. Periods in
    `asides` (relative clauses: "which gained independence in 2011") date something else."""
    text = sentence.text
    periods = sorted((p for p in sentence.periods
                      if not any(a <= p.start - sentence.start < b for a, b in asides if not a <= q_start < b)),
                     key=lambda p: p.start)

    def attached_to(p: Period) -> tuple[int, int] | None:
        ps, _ = _local(sentence, p)
        for qs, qe in quantity_spans:
            if qe <= ps and ATTACHING_GAP.match(text[qe:ps]) and ps - qe <= 14:
                return qs, qe
        return None

    free = [p for p in periods if attached_to(p) is None]
    if growth and BARE_SINCE.match(text[q_end:]):  # "has more than doubled since." - since the year just named
        named = [p.end_year or p.start_year for p in periods if not p.relative and p.start < sentence.start + q_start]
        base = max(named) if named else topic_year
        if base is not None:
            return ClaimPeriod(base, None, surface="since"), None
    free_years = [p.start_year for p in free if not p.relative and p.kind == "year"]
    attached_years = [p.end_year or p.start_year for p in periods if not p.relative and attached_to(p) is not None
                      and clause_start <= _local(sentence, p)[0] < clause_end]
    sentence_years = [p.end_year or p.start_year for p in periods if not p.relative and p.kind == "year"
                      and p.start - sentence.start < q_start]
    # "a year earlier" counts back from the year named before it in the sentence, else the story's
    base_year = (max(sentence_years) if sentence_years else max(free_years) if free_years
                 else topic_year or story_year or max(attached_years, default=None))

    def as_period(p: Period) -> ClaimPeriod:
        return _as_claim_period(p, growth=growth, base_year=base_year)

    if sentence_years and not growth and PREVIOUS_AFTER.match(text[q_end:]):
        # "above the $51 billion of the year before": the year before the one the sentence names
        year = max(sentence_years) - 1
        return ClaimPeriod(year, year, surface="the year before"), Binding(
            f"'the year before' read as {year}, the year before {year + 1}", "period", Source.SAME_SENTENCE)

    for p in periods:  # written right after the quantity: "$37 billion in 2023"
        if attached_to(p) == (q_start, q_end):
            if growth and not p.relative and FROM_YEAR.search(text[q_end:_local(sentence, p)[0]]):  # "grown sixfold from 2000"
                ends = [e for e in free if not e.relative and e.kind == "year" and e.start_year != p.start_year]
                return ClaimPeriod(p.start_year, ends[0].start_year if ends else None, surface=p.surface), None
            return as_period(p), None
    in_clause = [p for p in free if clause_start <= _local(sentence, p)[0] < clause_end]
    bases = [p for p in free if FROM_YEAR.search(text[max(0, _local(sentence, p)[0] - 8):_local(sentence, p)[0]])]
    if growth and bases:  # "By 2005 purchases had grown sixfold from 2000": a change from 2000 to 2005
        # the end may be a year that dates the level beside the change ("fell 80% to $539 million last year from 2019")
        ends = [p for p in periods if p not in bases and p.kind in ("year", "relative")
                and (p.end_year or p.start_year) > bases[0].start_year]
        if ends:
            return ClaimPeriod(bases[0].start_year, ends[0].start_year, surface=f"{bases[0].surface}–{ends[0].surface}"), None
    if not growth:  # "grown sixfold from 2000, to $502 million": 2000 is the base, not the figure's year
        in_clause = [p for p in in_clause if not FROM_YEAR.search(text[max(0, _local(sentence, p)[0] - 8):_local(sentence, p)[0]])] or in_clause
    if in_clause:
        p = min(in_clause, key=lambda p: abs(_local(sentence, p)[0] - q_start))
        return as_period(p), None
    earlier = [p for p in free if _local(sentence, p)[0] < clause_start]  # "In 2023, X ..., and Y ..."
    if earlier:
        return as_period(earlier[-1]), None
    later = LATER.search(text)
    named_before = [p.end_year or p.start_year for p in periods if not p.relative and p.kind == "year"
                    and p.start - sentence.start < (later.start() if later else 0)]
    if later and (named_before or topic_year or story_year):
        # "$162.1 billion in 2018 before falling 16% the following year": a year after the one named
        year = (named_before[-1] if named_before else topic_year or story_year) + 1
        return ClaimPeriod(year, year), Binding(f"'{later.group(0)}' read as {year}", "period", Source.PRONOUN)
    if topic_year is not None and not PRESENT.search(text):
        return ClaimPeriod(topic_year, topic_year), Binding(f"year {topic_year} carried from the sentence before", "period", Source.PREVIOUS_SENTENCE)
    attached = attached_years
    if attached:  # every year in the sentence belongs to another figure: "down 6% from $3.7 trillion in 2022"
        year = max(attached) + 1 if growth and re.search(r"\bfrom\b", text[q_end:]) and len(set(attached)) == 1 else max(attached)
        return ClaimPeriod(year, year), Binding(f"year {year} taken from another figure of the sentence", "period", Source.ELLIPSIS)
    if story_year is not None and not PRESENT.search(text):  # the year the article is about, as an assumption
        return ClaimPeriod(story_year, story_year, assumed=True), Binding(f"no year given; {story_year} from earlier in the text", "period", Source.ASSUMED)
    return ClaimPeriod(None, None, assumed=True), None
