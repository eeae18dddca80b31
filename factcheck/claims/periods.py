"""Which years a quantity is about: the period written next to it, else the clause's, else the
sentence's, else the paragraph's; "a year earlier" counts back from the year the sentence names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from factcheck.claims.lexicon import FROM_BASE, FROM_BEFORE, LEVEL_AFTER_CHANGE_GAP, PRESENT, RECORD_SINCE_BEFORE, WHOLE_YEAR_OF
from factcheck.claims.model import ClaimPeriod
from factcheck.claims.provenance import Binding, Source
from factcheck.extract.model import Period, Sentence

ATTACHING_GAP = re.compile(
    r"^\s*,?\s*(?:(?:in|for|during|of|by|as of|since|from|through|until|to|on|over|against|compared with|versus)\s+)?(?:the\s+)?"
    + WHOLE_YEAR_OF + r"$"
    r"|^\s*(?:[\w']+\s+){1,3}?(?:in|during)\s+(?:the\s+)?$",  # "$1.72 billion it bought in 2017"
    re.I,
)
# The year of a date with its day ("14th January, 2019", "Jan. 14, 2019"): a dateline or an
# event's day, never the period a trade figure is for.
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
FULL_DATE_BEFORE = re.compile(rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?),?\s+$")
DATE_GOVERNOR = re.compile(r"\b(since|from|until|till|through|after|before|by)\s+(?:[\w-]+,?\s+){0,2}$", re.I)


def _day_date(text: str, year_at: int) -> tuple[int, str | None] | None:
    """Where the date with its day that a year at `year_at` ends starts, and the word that governs
    it ("since Jan. 1, 1994": "since"), or None when the year is no part of such a date."""
    window_at = max(0, year_at - 24)
    m = FULL_DATE_BEFORE.search(text[window_at:year_at])
    if m is None:
        return None
    date_at = window_at + m.start()
    governor = DATE_GOVERNOR.search(text[max(0, date_at - 40):date_at])
    return date_at, governor.group(1).lower() if governor else None


def _a_day(sentence: Sentence, p: Period) -> bool:
    """A year written as part of a date with its day, not governed by "since"/"from"/...: a
    dateline or an event's day ("Sputnik - 14th January, 2019"). "since Jan. 1, 1994" still dates
    a change from 1994."""
    date = _day_date(sentence.text, p.start - sentence.start)
    return date is not None and date[1] is None


LATER = re.compile(r"\b(?:a|one) year later\b|\bthe (?:following|next) year\b", re.I)
BARE_SINCE = re.compile(r"^\s+since\b(?!\s+(?:\d|the|then|last|early|late|mid))", re.I)
# A base year of a change from one year to the next ("grew 9.2% over 1986", "5.9% higher than in
# 2023", "up 3.74 percent compared to 2019"); "from 2000" alone runs to the latest year instead.
# "over 1986", "than in 2018", "than that recorded in 2018", "than the figure for 2018"
# The figure a base year stands for may be named between: "than that recorded in 2018", "compared
# with the level of 2019", "from the amount registered in 2016". A base figure named so after
# "from" is that year's figure, as with "than", whereas a bare "from 2016" runs from that year on.
_NAMED_BASE_FIGURE = (r" (?:that|those|the (?:one|figure|level|value|total|amount|sum|mark)s?|the same (?:period|time|months?))"
                      r"(?: (?:recorded|registered|reported|seen|posted))?")
_BASE_FIGURE = rf"(?:{_NAMED_BASE_FIGURE})?(?: (?:in|for|of))?"
_YEAR_ON_BASE_WORDS = (rf"(?:(?:over|compared (?:with|to)|in comparison (?:with|to)|against|versus|than){_BASE_FIGURE}"
                       rf"|from{_NAMED_BASE_FIGURE}(?: (?:in|for|of))?)")
YEAR_ON_BASE = re.compile(rf"\b(?:{_YEAR_ON_BASE_WORDS})\s+(?:the\s+)?$", re.I)
FROM_WORD = re.compile(r"\b(?:from|compared\s+(?:with|to))\b", re.I)  # a base in time after the figure (lexicon.FROM_BEFORE)
BASE_WORDS_REACH = 44  # characters before a year its base words may take ("compared with the amount registered in 2016")
FROM_YEAR = re.compile(rf"\b(?:from{_BASE_FIGURE}|on|{_YEAR_ON_BASE_WORDS})\s+(?:the\s+)?$", re.I)  # a base year
EARLIER = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|\d+) years? (?:earlier|before)|\b(?:the )?(?:previous|prior|preceding) year|\bthe year before", re.I)
PREVIOUS_AFTER = re.compile(
    r"^\s*,?\s*(?:of|in|for|from|during|recorded in|seen in)?\s*(?:the\s+)?(?:year before|previous year|prior year|preceding year|"
    r"a year (?:earlier|before))\b", re.I)
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _possessive_at(text: str, end: int) -> bool:
    """Whether the period ending at `end` is written possessive ("the previous year's 15.9 percent")."""
    return text.startswith(("'s", "’s"), end)


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


@dataclass(frozen=True)
class _PeriodReading:
    """The periods of a sentence as seen from one figure: which are attached to a figure ("$37
    billion in 2023"), which are free, and the year "a year earlier" counts back from. Offsets
    are local to the sentence; every rule in PERIOD_RULES reads this."""

    sentence: Sentence
    q_start: int
    q_end: int
    clause_start: int
    clause_end: int
    quantity_spans: list[tuple[int, int]]
    growth: bool
    topic_year: int | None
    story_year: int | None
    periods: list[Period]  # in the order written, without those of relative clauses about something else

    @property
    def text(self) -> str:
        return self.sentence.text

    def at(self, p: Period) -> int:
        return _local(self.sentence, p)[0]

    def attached_to(self, p: Period) -> tuple[int, int] | None:
        """The figure a period is written right after, if any ("$37 billion in 2023")."""
        ps = self.at(p)
        for qs, qe in self.quantity_spans:
            if qe <= ps and ATTACHING_GAP.match(self.text[qe:ps]) and ps - qe <= 14:
                return qs, qe
        return None

    @cached_property
    def free(self) -> list[Period]:
        return [p for p in self.periods if self.attached_to(p) is None]

    @cached_property
    def attached_years(self) -> list[int]:
        return [p.end_year or p.start_year for p in self.periods if not p.relative and self.attached_to(p) is not None
                and self.clause_start <= self.at(p) < self.clause_end]

    @cached_property
    def base_figure_years(self) -> set[int]:
        """Years written with a figure that is a base of comparison ("an increase from about $1
        billion in 2022 and a mark of $2.8 billion in 2019"): the year of that base, not of the
        figure compared with it. A figure after this one with "from" between is such a base too."""
        years = set()
        for p in self.periods:
            span = self.attached_to(p)
            if span is None or p.relative:
                continue
            compared_after = span[0] >= self.q_end and FROM_WORD.search(self.text, self.q_end, span[0])
            if compared_after or FROM_BEFORE.search(self.text[max(0, span[0] - 60):span[0]]):
                years.add(p.end_year or p.start_year)
        return years

    @cached_property
    def sentence_years(self) -> list[int]:
        """Years named before the figure in the sentence."""
        return [p.end_year or p.start_year for p in self.periods if not p.relative and p.kind == "year"
                and p.start - self.sentence.start < self.q_start]

    @cached_property
    def base_year(self) -> int | None:
        """ "a year earlier" counts back from the year named before it in the sentence, else the story's."""
        free_years = [p.start_year for p in self.free if not p.relative and p.kind == "year"]
        return (max(self.sentence_years) if self.sentence_years else max(free_years) if free_years
                else self.topic_year or self.story_year or max(self.attached_years, default=None))

    def as_period(self, p: Period) -> ClaimPeriod:
        """A possessive year ("the previous year's 15.9 percent") owns the figure: a rate of that
        year, not a change measured from it."""
        end = _local(self.sentence, p)[1]
        owns = _possessive_at(self.text, end) and end <= self.q_start
        return _as_claim_period(p, growth=self.growth and not owns, base_year=self.base_year)

    @cached_property
    def level_after(self) -> tuple[int, int] | None:
        """The level this figure (a change) moved the measure to, next in its clause: "rose by
        $117 billion (7.6 percent) to nearly $1.7 trillion"."""
        for qs, qe in sorted(self.quantity_spans):
            if self.q_end <= qs < self.clause_end and LEVEL_AFTER_CHANGE_GAP.match(self.text[self.q_end:qs]):
                return qs, qe
        return None

    @cached_property
    def period_of_change_before(self) -> Period | None:
        """The period written with the change right before this level: "increased 12.6 percent
        last year to a record $4.62 trillion" (the words between, less that period, lead to it)."""
        before = [(qs, qe) for qs, qe in self.quantity_spans if qe <= self.q_start]
        if not before:
            return None
        qs, qe = max(before)
        attached = next((p for p in self.periods if self.attached_to(p) == (qs, qe)), None)
        if attached is None:
            return None
        ps, pe = _local(self.sentence, attached)
        if not (qe <= ps and pe <= self.q_start):
            return None
        return attached if LEVEL_AFTER_CHANGE_GAP.match(self.text[qe:ps] + self.text[pe:self.q_start]) else None

    @cached_property
    def is_level_after_change(self) -> bool:
        """This figure is the level a change right before it moved the measure to."""
        return any(qe <= self.q_start and LEVEL_AFTER_CHANGE_GAP.match(self.text[qe:self.q_start])
                   for _, qe in self.quantity_spans)

    def after_base_word(self, p: Period) -> bool:
        """A period written after "from/on/over/compared with": a base year ("from 2000")."""
        return bool(FROM_YEAR.search(self.text[max(0, self.at(p) - BASE_WORDS_REACH):self.at(p)]))


Found = tuple[ClaimPeriod, str | None]  # the period and its note (a Binding, or None)


def _record_since(sentence: Sentence, p: Period) -> bool:
    """ "the highest figures since 2015": a record's "since", which dates no figure (lexicon.RECORD_SINCE_BEFORE)."""
    start = p.start - sentence.start
    return p.kind == "since" and bool(RECORD_SINCE_BEFORE.search(sentence.text, max(0, start - 60), start))


def period_for(sentence: Sentence, q_start: int, q_end: int, clause_start: int, clause_end: int,
               quantity_spans: list[tuple[int, int]], *, growth: bool = False,
               topic_year: int | None = None, story_year: int | None = None,
               asides: list[tuple[int, int]] = ()) -> tuple[ClaimPeriod, str | None]:
    """The claim's period and, when it came from outside the sentence, a note saying so. Periods in
    `asides` (relative clauses: "which gained independence in 2011") date something else. The
    first rule of PERIOD_RULES that finds a period decides; with none, no year is known."""
    periods = sorted((p for p in sentence.periods
                      if not any(a <= p.start - sentence.start < b for a, b in asides if not a <= q_start < b)
                      and not _a_day(sentence, p) and not _record_since(sentence, p)),
                     key=lambda p: p.start)
    reading = _PeriodReading(sentence, q_start, q_end, clause_start, clause_end, quantity_spans, growth,
                             topic_year, story_year, periods)
    for rule in PERIOD_RULES:
        found = rule(reading)
        if found is not None:
            return found
    return ClaimPeriod(None, None, assumed=True), None


def _since_the_year_named(r: _PeriodReading) -> Found | None:
    """ "has more than doubled since." - a change since the year just named (else the paragraph's)."""
    if not (r.growth and BARE_SINCE.match(r.text[r.q_end:])):
        return None
    named = [p.end_year or p.start_year for p in r.periods if not p.relative and p.start < r.sentence.start + r.q_start]
    base = max(named) if named else r.topic_year
    return (ClaimPeriod(base, None, surface="since"), None) if base is not None else None


# "since the Free Trade Agreement", "since its accession", "since the crisis": a change since an
# event whose year the sentence does not give.
SINCE_EVENT = re.compile(r"\bsince\s+(?:the|its|their|his|her)\s+(?!(?:year|turn|start|beginning|end)\b)[a-z-]*\s*[A-Za-z]", re.I)


def _since_an_event(r: _PeriodReading) -> Found | None:
    """ "Imports from China have risen 26 percent since the Free Trade Agreement": a change since an
    event the sentence does not date runs from a year it does not give."""
    if not r.growth:
        return None
    since = SINCE_EVENT.search(r.text, r.q_end, r.clause_end) or SINCE_EVENT.search(r.text, r.clause_start, r.q_start)
    if since is None:
        return None
    dated = next((p for p in r.periods if since.start() < r.at(p) < since.end() + 40 and not p.relative and p.kind == "year"), None)
    if dated is not None:  # "since the Free Trade Agreement was signed in 2005": a change from 2005 on
        return ClaimPeriod(dated.start_year, None, surface=r.text[since.start():r.at(dated) + len(dated.surface)]), None
    return ClaimPeriod(None, None, unstated=True), Binding(
        f"'{r.text[since.start():since.end() + 30].split(',')[0].strip().rstrip('.')}': since an event whose year the sentence does not give",
        "period", Source.STATED)


def _since_a_day(r: _PeriodReading) -> Found | None:
    """ "has grown 286 percent since implementation, Jan. 1, 1994": a change since a date written
    with its day, in its clause, runs from that year on (the extractor gives the year alone)."""
    for p in r.periods if r.growth else ():
        date = None if p.relative or not r.clause_start <= r.at(p) < r.clause_end else _day_date(r.text, r.at(p))
        if date is not None and date[1] == "since":
            return ClaimPeriod(p.start_year, None, surface="since " + r.text[date[0]:r.at(p) + len(p.surface)]), None
    return None


def _the_year_before(r: _PeriodReading) -> Found | None:
    """ "above the $51 billion of the year before": the year before the one the sentence names."""
    if r.growth or not r.sentence_years or not PREVIOUS_AFTER.match(r.text[r.q_end:]):
        return None
    year = max(r.sentence_years) - 1
    return ClaimPeriod(year, year, surface="the year before"), Binding(
        f"'the year before' read as {year}, the year before {year + 1}", "period", Source.SAME_SENTENCE)


LAST_YEAR = re.compile(r"(?:last|previous)\s+year", re.I)  # "a year earlier" counts back from the story's year already


def _year_on_a_relative_base(r: _PeriodReading) -> Found | None:
    """ "In 1998, China's exports to Thailand dropped by 23.5 percent over the same period of last
    year": a relative base ("over/from/compared with [the same period of] last year") makes a
    year-on-year change of the year the sentence, or else its paragraph, is about; "last year"
    counts back from that year, not from the date of the text."""
    if not r.growth:
        return None
    base = next((p for p in r.periods if p.relative and LAST_YEAR.fullmatch(p.surface) and r.after_base_word(p)
                 and not _possessive_at(r.text, r.at(p) + len(p.surface))), None)  # "the previous year's 15.9%" owns its figure
    if base is None:
        return None
    # the year that dates the change is written before it ("In 1998, ..."); one after it dates
    # another predicate ("rose 25% from last year, after a dip of 5% in 2024")
    years = [p for p in r.periods if not p.relative and p.kind == "year" and not r.after_base_word(p)
             and r.at(p) < r.q_start]
    if years:
        year = years[-1]
        return ClaimPeriod(year.start_year, year.start_year, surface=year.surface), None
    if r.topic_year is not None and not any(not p.relative for p in r.periods):
        return ClaimPeriod(r.topic_year, r.topic_year), Binding(
            f"'{base.surface}' counted back from {r.topic_year}, the year the paragraph is about", "period", Source.PREVIOUS_SENTENCE)
    return None


POSSESSIVE_BEFORE = re.compile(r"(?:'s|’s)\s+(?:[\w-]+\s+){0,2}$")


def _written_with_the_figure(r: _PeriodReading) -> Found | None:
    """Written right after the quantity: "$37 billion in 2023"; for a change "grown sixfold from
    2000" the year is its base and the change runs to the other year of the sentence. A year
    owning the figure right before it ("1986's record $169.8-billion deficit") is its year too."""
    for p in r.periods:
        start, end = _local(r.sentence, p)
        if not p.relative and p.kind == "year" and end <= r.q_start and r.q_start - end <= 24 \
                and POSSESSIVE_BEFORE.fullmatch(r.text, end, r.q_start):
            return r.as_period(p), None
    for p in r.periods:
        if r.attached_to(p) != (r.q_start, r.q_end):
            continue
        if r.growth and not p.relative and FROM_YEAR.search(r.text[r.q_end:r.at(p)]):
            # the change runs from the base to a later year ("grew 9.2% over 1986, down from a gain in
            # 1986 over 1985": 1985 is another change's base, never this one's end)
            ends = [e for e in r.free if not e.relative and e.kind == "year" and e.start_year > p.start_year]
            if ends or p.kind != "year" or not YEAR_ON_BASE.search(r.text[r.q_end:r.at(p)]):
                return ClaimPeriod(p.start_year, ends[0].start_year if ends else None, surface=p.surface), None
            return _year_after_base(p)
        if not r.growth and r.is_level_after_change and _spans_years(p):
            # "... to $1.7 trillion from 2017 to 2018": the level is the span's last year's
            return ClaimPeriod(p.end_year, p.end_year, surface=p.surface), None
        return r.as_period(p), None
    return None


def _spans_years(p: Period) -> bool:
    return p.start_year is not None and p.end_year is not None and p.end_year > p.start_year


def _period_of_the_change(r: _PeriodReading) -> Found | None:
    """ "China's foreign trade increased 12.6 percent last year to a record $4.62 trillion": a level
    a change moved the measure to is of the period written with that change."""
    p = None if r.growth else r.period_of_change_before
    if p is None:
        return None
    if _spans_years(p):  # "rose sevenfold between 1990 and 2000, to $119 billion": the span's last year
        return ClaimPeriod(p.end_year, p.end_year, surface=p.surface), None
    return r.as_period(p), None


def _period_of_the_level(r: _PeriodReading) -> Found | None:
    """ "rose by $117 billion (7.6 percent) to nearly $1.7 trillion from 2017 to 2018": the period
    written with the level a change moved the measure to dates the change as well - a span is the
    change from its first year to its last, one year the change in that year."""
    level = r.level_after if r.growth else None
    if level is None:
        return None
    for p in r.periods:
        if r.attached_to(p) == level and not p.relative:
            if _spans_years(p):
                return ClaimPeriod(p.start_year, p.end_year, surface=p.surface), None
            if not r.after_base_word(p):
                base = _dated_base_before(r, p.end_year or p.start_year)
                if base is not None:  # "From $14.6 billion in 2010, trade grew by 31% to $19.15 billion in 2014"
                    return ClaimPeriod(base.start_year, p.end_year or p.start_year, surface=f"{base.surface}–{p.surface}"), None
                return r.as_period(p), None
    return None


TO_LEVEL = re.compile(r"\bto\s+(?:about\s+|nearly\s+|some\s+|around\s+|almost\s+|a record\s+|more than\s+)?$", re.I)


def _from_a_dated_base_to_a_dated_level(r: _PeriodReading) -> Found | None:
    """ "surged some 36-fold from 6.4 billion U.S. dollars in 1992 to 228.9 billion dollars in
    2013": a change followed by its dated base and its dated level runs from the one year to the
    other."""
    if not r.growth:
        return None
    after = sorted(span for span in r.quantity_spans if r.q_end <= span[0] < r.clause_end)
    if len(after) < 2 or not FROM_BASE.match(r.text[r.q_end:after[0][0]]):
        return None
    base, level = after[0], after[1]
    dated = {r.attached_to(p): p for p in r.periods if not p.relative and p.kind == "year"}
    b, l = dated.get(base), dated.get(level)
    if b is None or l is None or (l.end_year or l.start_year) <= (b.end_year or b.start_year) \
            or not TO_LEVEL.search(r.text, r.at(b) + len(b.surface), level[0]):
        return None
    return ClaimPeriod(b.end_year or b.start_year, l.end_year or l.start_year, surface=f"{b.surface}–{l.surface}"), None


def _dated_base_before(r: _PeriodReading, level_year: int) -> Period | None:
    """The year of a base figure written before the change ("From only $14.6 billion in 2010, ...")
    and earlier than the level's year: the change runs from it."""
    for p in r.periods:
        span = r.attached_to(p)
        if span is None or p.relative or p.kind != "year" or span[1] > r.q_start:
            continue
        if FROM_BEFORE.search(r.text[max(0, span[0] - 60):span[0]]) and (p.end_year or p.start_year) < level_year:
            return p
    return None


def _year_after_base(p: Period, growth: bool = True) -> Found:
    """ "up 3.74 percent compared to 2019", "grew 9.2% over 1986": a change from the base year
    written, to the year after it when no other year is given (an assumption, so a year that
    matches better is looked for before anything is called wrong)."""
    year = p.start_year + 1
    if not growth:  # the level beside such a change: "$3.58 trillion (5.9% higher than in 2023)"
        return ClaimPeriod(year, year, assumed=True, surface=p.surface), Binding(
            f"{year}, the year after the base year {p.start_year} written beside it", "period", Source.ASSUMED)
    return ClaimPeriod(p.start_year, year, assumed=True, surface=p.surface), Binding(
        f"the change from {p.start_year}, the base year written, to {year}", "period", Source.ASSUMED)


def _change_from_base_year(r: _PeriodReading) -> Found | None:
    """ "By 2005 purchases had grown sixfold from 2000": a change from 2000 to 2005; the end may be
    a year that dates the level beside the change ("fell 80% to $539 million last year from 2019")."""
    bases = [p for p in r.free if r.after_base_word(p)]
    if not (r.growth and bases):
        return None
    ends = [p for p in r.periods if p not in bases and p.kind in ("year", "relative")
            and (p.end_year or p.start_year) > bases[0].start_year]
    if not ends:
        return None
    return ClaimPeriod(bases[0].start_year, ends[0].start_year, surface=f"{bases[0].surface}–{ends[0].surface}"), None


def _nearest_in_clause(r: _PeriodReading) -> Found | None:
    """The free period of the clause nearest the figure; for a level, never a base year ("grown
    sixfold from 2000, to $502 million": 2000 is the base, not the figure's year), even when the
    clause has no other ("totaling $427.2 billion, a 20% slump from the previous year": the level
    is of the year the slump came to, which the rules after this one find)."""
    in_clause = [p for p in r.free if r.clause_start <= r.at(p) < r.clause_end]
    if not r.growth and in_clause:
        levels = [p for p in in_clause if not r.after_base_word(p)]
        if not levels:  # only a base: a year written is followed by the level's ("than in 2022"), a relative one is not
            nearest = min(in_clause, key=lambda p: abs(r.at(p) - r.q_start))
            return _year_after_base(nearest, False) if nearest.kind == "year" and not nearest.relative else None
        in_clause = levels
    if not in_clause:
        return None
    nearest = min(in_clause, key=lambda p: abs(r.at(p) - r.q_start))
    if nearest.kind == "year" and not nearest.relative \
            and YEAR_ON_BASE.search(r.text[max(0, r.at(nearest) - BASE_WORDS_REACH):r.at(nearest)]):
        return _year_after_base(nearest, r.growth)  # "5.9% higher than in 2023": the year after the base
    return r.as_period(nearest), None


# A time after the one named, that the sentence does not give: "in early 2000-ies the volume of
# trade was below $5 billion, but later reached the level of $40 billion".
LATER_UNDATED = re.compile(r"\b(?:later(?!\s+(?:that|this|the same)\s+year)|subsequently|since then|afterwards|eventually|thereafter)\b", re.I)


def _later_than_the_year_named(r: _PeriodReading) -> Found | None:
    """A figure of a later clause that says it came later than the year an earlier clause named:
    its year is not that one, and the sentence does not give it."""
    earlier = [p for p in r.free if r.at(p) < r.clause_start]
    if not earlier:
        return None
    later = LATER_UNDATED.search(r.text, r.at(earlier[-1]), r.q_start)
    if later is None:
        return None
    return ClaimPeriod(None, None, unstated=True), Binding(
        f"'{later.group(0)}': after {earlier[-1].surface}, at a time the sentence does not give", "period", Source.STATED)


def _earlier_in_sentence(r: _PeriodReading) -> Found | None:
    """ "In 2023, X ..., and Y ...": a free period of an earlier clause."""
    # "since 2014" dates its own clause's verb ("reaching their highest levels since 2014, while
    # exports rose ..."), not what a later clause says
    earlier = [p for p in r.free if r.at(p) < r.clause_start and not p.surface.lower().startswith("since")]
    return (r.as_period(earlier[-1]), None) if earlier else None


def _year_later(r: _PeriodReading) -> Found | None:
    """ "$162.1 billion in 2018 before falling 16% the following year": a year after the one named."""
    later = LATER.search(r.text)
    if not later:
        return None
    named_before = [p.end_year or p.start_year for p in r.periods if not p.relative and p.kind == "year"
                    and p.start - r.sentence.start < later.start()]
    if not (named_before or r.topic_year or r.story_year):
        return None
    year = (named_before[-1] if named_before else r.topic_year or r.story_year) + 1
    return ClaimPeriod(year, year), Binding(f"'{later.group(0)}' read as {year}", "period", Source.PRONOUN)


def _paragraph_year(r: _PeriodReading) -> Found | None:
    """The year of the paragraph, carried (not for "today", "now")."""
    if r.topic_year is None or PRESENT.search(r.text):
        return None
    return ClaimPeriod(r.topic_year, r.topic_year), Binding(
        f"year {r.topic_year} carried from the sentence before", "period", Source.PREVIOUS_SENTENCE)


def _change_base_years(r: _PeriodReading) -> set[int]:
    """Years of the clause written with another figure after a base word ("down 3.4 percent from 2018")."""
    return {p.end_year or p.start_year for p in r.periods if not p.relative and r.attached_to(p) is not None
            and r.clause_start <= r.at(p) < r.clause_end and r.after_base_word(p)}


def _year_of_another_figure(r: _PeriodReading) -> Found | None:
    """Every year in the sentence belongs to another figure: "down 6% from $3.7 trillion in 2022"
    is a change to the year after that base."""
    attached = r.attached_years if r.growth else [y for y in r.attached_years if y not in r.base_figure_years]
    if not attached:
        return None
    if not r.growth and set(attached) == _change_base_years(r):
        # "exports reached $256.4 billion, down 3.4 percent from 2018": the year is the base of the
        # change beside the level, which is of the year after it
        year = max(attached) + 1
        return ClaimPeriod(year, year, assumed=True), Binding(
            f"{year}, the year after {year - 1}, the base of the change beside it", "period", Source.ASSUMED)
    year = max(attached) + 1 if r.growth and re.search(r"\bfrom\b", r.text[r.q_end:]) and len(set(attached)) == 1 else max(attached)
    return ClaimPeriod(year, year), Binding(f"year {year} taken from another figure of the sentence", "period", Source.ELLIPSIS)


def _story_year(r: _PeriodReading) -> Found | None:
    """The year the article is about, as an assumption."""
    if r.story_year is None or PRESENT.search(r.text):
        return None
    return ClaimPeriod(r.story_year, r.story_year, assumed=True), Binding(
        f"no year given; {r.story_year} from earlier in the text", "period", Source.ASSUMED)


# Tried in this order: what is written with the figure beats its clause, its clause the sentence,
# the sentence the paragraph, and the story's year is only ever an assumption.
PERIOD_RULES = (
    _since_a_day,
    _since_the_year_named,
    _the_year_before,
    _year_on_a_relative_base,
    _written_with_the_figure,
    _from_a_dated_base_to_a_dated_level,
    _change_from_base_year,
    _period_of_the_level,
    _period_of_the_change,
    _since_an_event,
    _nearest_in_clause,
    _later_than_the_year_named,
    _earlier_in_sentence,
    _year_later,
    _paragraph_year,
    _year_of_another_figure,
    _story_year,
)
