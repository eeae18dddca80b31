"""One handler per metric, registered by name: each finds the reference figures for the claim's
reading and judges the claim against them."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Callable

from factcheck.claims.model import Claim, ClaimPeriod
from factcheck.countries import name_of, possessive, sentence_start
from factcheck.link.model import Query
from factcheck.numbers import format_change, format_value
from factcheck.verify import compare as cmp
from factcheck.verify.evidence import Figure, balance_figures, partner_ranking, same_series, share_figures, value_figures
from factcheck.verify.growth import growth_figures, level_figures, preferred_without_base
from factcheck.verify.mixups import find_alternatives
from factcheck.verify.policy import series_gaps
from factcheck.verify.model import VERDICT_RANK, Expected, Finding
from factcheck.verify.tolerances import Tolerances

if TYPE_CHECKING:
    from factcheck.reference import Catalog

Handler = Callable[[Claim, Query, "Catalog", Tolerances], Finding]
HANDLERS: dict[str, Handler] = {}


def handles(metric: str):
    def register(fn: Handler) -> Handler:
        HANDLERS[metric] = fn
        return fn
    return register


def unverifiable(claim: Claim, missing: str, explanation: str, **extra) -> Finding:
    return Finding(claim=claim, verdict="unverifiable", explanation=explanation, missing=missing, **extra)


def _span(years) -> str:
    years = sorted(years)
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def _expected(fig: Figure) -> Expected:
    half = fig.precision / 2
    return Expected(fig.value, fig.unit, fig.dataset, fig.citation, fig.value - half, fig.value + half)


def _judge(claim: Claim, figs: list[Figure], tol: Tolerances, unit: str) -> list[tuple[str, Figure]]:
    claimed = cmp.claim_interval(claim, tol)
    return [(cmp.verdict_for(claimed, cmp.reference_interval(f.value, f.precision), claim.metric, unit, tol), f) for f in figs]


def _choose(judged: list[tuple[str, Figure]], claim: Claim) -> tuple[str, Figure, str | None]:
    """The preferred source's verdict, unless it contradicts and another source supports the claim:
    sources that disagree with each other cannot make a correct sentence wrong. Another source's
    figure far past the claim's bound ("an increase of over 41.2%" against one count's 82.8%, where
    the other count gives 40%) is no better: the writer would have given a larger bound."""
    verdict, fig = judged[0]
    if verdict in ("contradicted", "approximate"):
        claimed = cmp.claim_value(claim)
        better = [(v, f) for v, f in judged if VERDICT_RANK[v] < VERDICT_RANK[verdict]
                  and not (verdict == "approximate" and claimed is not None and _bound_far_from(claim, claimed, f.value))]
        if better:
            verdict, fig = min(better, key=lambda vf: VERDICT_RANK[vf[0]])
    # The other sources, where they publish a different figure (not the same one rounded otherwise).
    chosen = cmp.reference_interval(fig.value, fig.precision)
    others = [f for _, f in judged if f is not fig and not chosen.overlaps(cmp.reference_interval(f.value, f.precision))]
    disagreement = None
    if others:
        listed = ", ".join(f"{f.source} ({f.dataset}): {format_value(f.value, f.unit)}" for f in others)
        disagreement = f"{fig.source} gives {format_value(fig.value, fig.unit)}; {listed}."
    return verdict, fig, disagreement


def _later_data_elsewhere(catalog, query: Query, unit: str, year: int, tol: Tolerances) -> bool:
    """Whether `year` is older than the last full year before the text while the catalog holds
    later figures of the same unit for the claim's reporter (a gap in this pair's series)."""
    if tol.as_of_year is None or year >= tol.as_of_year - 1:
        return False
    later = catalog.latest_year(reporter=query.reporter, unit=unit)
    return later is not None and later > year


def _latest(years, tol: Tolerances) -> int | None:
    """The latest year with data that was complete when the text was written (`--as-of`): an
    article of March 2014 speaks of 2013 at the latest, never of figures published after it."""
    bound = tol.as_of_year
    complete = [y for y in years if bound is None or y < bound]
    return max(complete) if complete else None


@dataclass(frozen=True)
class _YearRead:
    """Which year a numeric claim is checked for, and how it was chosen."""

    year: int
    note: str
    assumed: bool  # the sentence gave no year
    story_year: int | None  # the year came from the text before


def _year_for(claim: Claim, by_year: dict[int, list[Figure]], tol: Tolerances, what: str) -> _YearRead | Finding:
    """The stated year; else the year the text before is about; else the latest year complete at
    --as-of (recent enough to speak of the present). A Finding where no year can be used."""
    period = claim.period
    assumed = period is None or period.start is None or period.assumed
    if assumed and period is not None and period.start in by_year:  # the year the article is about
        return _YearRead(period.start, f" The sentence gives no year; {period.start}, the year the text before it is "
                                       f"about, was used.", True, period.start)
    if assumed and period is not None and period.start is not None and period.told_in_past:
        # told in the past about a year the data lacks: another year's figure would be a guess (a
        # sentence in the present, "Peru sends 34% of its exports to China", is about the latest)
        return unverifiable(claim, "year", f"The sentence gives no year; the text before it is about {period.start}, "
                                           f"and the data has no figure for {what} in {period.start}.")
    if assumed:
        year = _latest(by_year, tol)
        if year is None:
            return unverifiable(claim, "year", f"The sentence gives no year and no data for {what} is older than the "
                                               f"text ({tol.as_of_year}).")
        now = tol.as_of_year or dt.date.today().year
        if year < now - tol.recent_years:
            return unverifiable(claim, "year", f"The sentence gives no year and the latest data for {what} is from {year}, "
                                               f"too old to check a claim about the present.")
        if tol.as_of_year is not None and max(by_year) >= tol.as_of_year:  # --as-of kept later figures out
            note = (f" The sentence gives no year, so the latest year complete when the text was written "
                    f"({tol.as_of_year}), {year}, was used; later figures were left out.")
        else:
            note = f" The sentence gives no year, so the latest year with data, {year}, was used."
        return _YearRead(year, note, True, None)
    if period.end is None or period.end != period.start:
        return unverifiable(claim, "year", f"The claim covers a span of years ({period.surface}); "
                                           f"the data has {what} for single years only.")
    return _YearRead(period.start, "", False, None)


def _not_sure_of_the_year(claim: Claim, query: Query, catalog: Catalog, tol: Tolerances, by_year, read: _YearRead,
                          fig: Figure, unit: str, what: str, alternatives_of: Callable[[], tuple]) -> Finding | None:
    """Before a contradiction, the readings of the year that could make a right figure look wrong:
    a pair's series that stops early, a year from the story that is not the data's latest, another
    year that matches, a figure far from a total assumed for want of a partner."""
    year = read.year
    found = dict(expected=_expected(fig), evidence=fig.evidence, arithmetic=fig.arithmetic)
    quantity_text = claim.quantity.surface if claim.quantity else claim.hedge or "the claim"
    if read.assumed and read.story_year is None and claim.period is not None and claim.period.told_in_past:
        return unverifiable(claim, "year", f"The sentence gives no year and speaks of the past; {year}, the latest year "
                                           f"with data, need not be the one it means ({what}: {format_value(fig.value, unit)} "
                                           f"per {fig.source}). Add the year to make the claim checkable.", **found)
    if read.assumed and read.story_year is None and _later_data_elsewhere(catalog, query, unit, year, tol):
        # this pair's series stops before the text's last full year while the dataset goes on
        return unverifiable(claim, "year", f"The sentence gives no year; the latest figure for {what} is for {year} "
                                           f"({format_value(fig.value, unit)}, {fig.source}), older than the text, and the data "
                                           f"has later years for {name_of(query.reporter)}. Add the year to make the claim checkable.",
                            **found)
    if read.story_year is not None and read.story_year != _latest(by_year, tol):
        return unverifiable(claim, "year", f"The sentence gives no year; the text before it is about {read.story_year}, when "
                                           f"{what} {_was(what)} {format_value(fig.value, unit)} per {fig.source}. Add the year to make "
                                           f"the claim checkable.", **found)
    other_years = [y for y in by_year if y != year and any(v == "supported" for v, _ in _judge(claim, by_year[y], tol, unit))]
    if read.assumed and other_years:
        return unverifiable(claim, "year", f"The sentence gives no year; {quantity_text} does not match {year} "
                                           f"({format_value(fig.value, unit)}) but matches {_span(other_years)}. Add the year "
                                           f"to make the claim checkable.", alternatives=alternatives_of(), **found)
    claimed_value = cmp.claim_value(claim)
    if claim.partner_assumed and unit == "USD" and claimed_value and not 0.1 <= claimed_value / fig.value <= 10:
        return unverifiable(claim, "partner", f"The sentence names no partner, so it was read as {what}: "
                                              f"{format_value(fig.value, unit)} in {year} per {fig.source}. {quantity_text} is "
                                              f"far from that figure, so the sentence is probably about other trade; name the "
                                              f"partner to make the claim checkable.", **found)
    return None


# A bound passed by this factor or more ("imports surpassed $130 billion" against $697 billion of
# imports from the world) says nothing about the figure read: the writer would have given a larger
# bound, so the reading, not the figure, is what is likely wrong.
BOUND_REACH = 1.5


def _between_sources(claim: Claim, figs: list[Figure], tol: Tolerances) -> tuple[Figure, Figure] | None:
    """Two sources' figures for the same year on either side of the claim (85% of exports between
    one source's 81.7% and another's 87.6%): their own disagreement is larger than the claim's."""
    claimed = cmp.claim_interval(claim, tol)
    if claimed is None:
        return None
    below = [f for f in figs if f.value < claimed.low]
    above = [f for f in figs if f.value > claimed.high]
    if not below or not above:
        return None
    return max(below, key=lambda f: f.value), min(above, key=lambda f: f.value)


def _bound_far_from(claim: Claim, claimed: float, actual: float) -> bool:
    """Sizes are compared, not signs: "a deficit exceeding $123 billion" bounds a balance of -$917 billion."""
    hedge = claim.hedge or (claim.quantity.hedge if claim.quantity else None)
    claimed, actual = abs(claimed), abs(actual)
    if hedge in ("more_than", "at_least"):
        return actual > claimed * BOUND_REACH
    if hedge in ("less_than", "up_to"):
        return actual * BOUND_REACH < claimed
    return False


def _numeric(claim: Claim, query: Query, catalog: Catalog, tol: Tolerances, by_year: dict[int, list[Figure]],
             unit: str, what: str) -> Finding:
    if not by_year:
        return unverifiable(claim, "metric" if claim.commodity is None else "commodity",
                            f"No reference dataset has {what}.")
    read = _year_for(claim, by_year, tol, what)
    if isinstance(read, Finding):
        return read
    year = read.year
    if year not in by_year:
        return unverifiable(claim, "year", f"No reference dataset has {what} for {year} "
                                           f"(data covers {_span(by_year)}).")
    verdict, fig, disagreement = _choose(_judge(claim, by_year[year], tol, unit), claim)
    quantity_text = claim.quantity.surface if claim.quantity else claim.hedge or "the claim"
    if verdict == "contradicted" and (between := _between_sources(claim, by_year[year], tol)):
        low, high = between
        return unverifiable(claim, "series", f"The sources disagree on {what} in {year}: {low.source} gives "
                                             f"{format_value(low.value, unit)} and {high.source} {format_value(high.value, unit)}; "
                                             f"{quantity_text} lies between them, so the data cannot call it wrong.",
                            expected=_expected(fig), evidence=low.evidence + high.evidence, arithmetic=fig.arithmetic)
    if verdict != "contradicted" and claim.partner_assumed and unit == "USD" \
            and _bound_far_from(claim, cmp.claim_value(claim), fig.value):
        return unverifiable(claim, "partner", f"The sentence names no partner, so it was read as {what}: "
                                              f"{format_value(fig.value, unit)} in {year} per {fig.source}, far past the "
                                              f"bound {quantity_text}, so the sentence is probably about other trade; name "
                                              f"the partner to make the claim checkable.", expected=_expected(fig),
                            evidence=fig.evidence, arithmetic=fig.arithmetic)
    year_note = read.note + (" Mirror data: the figure is as reported by the partner country." if fig.mirror else "")
    # The mix-up readings are asked for only where the finding shows them: most contradictions end
    # as unverifiable in _not_sure_of_the_year, and reading the alternatives' data (other flows,
    # partners and years) was ~40% of verification with COW.
    alternatives_of = cache(lambda: tuple(find_alternatives(claim, query, catalog, tol, year)) if verdict != "supported" else ())
    suggestion = None
    if verdict == "contradicted":
        unsure = _not_sure_of_the_year(claim, query, catalog, tol, by_year, read, fig, unit, what, alternatives_of)
        if unsure is not None:
            return unsure
        suggestion = f"{fig.source} reported {format_value(fig.value, unit)} for {year}, not {quantity_text}."
    alternatives = alternatives_of()
    subject = f"{sentence_start(what)} {_was(what)} {format_value(fig.value, unit)} in {year} per {fig.source}"
    misread = next((a for a in alternatives if a.kind == "countries"), None) if verdict == "contradicted" else None
    if misread is not None:
        # The figure holds with the two countries the other way round: which is the reporter is the
        # tool's reading of the syntax, as likely wrong as the writer ("19.9 per cent share of total
        # imports": China's share of Malaysia's imports, read as Malaysia's share of China's).
        return unverifiable(claim, "metric", f"{subject}, not {quantity_text}, but {misread.description}: "
                                             f"the sentence may mean that instead.", expected=_expected(fig),
                            evidence=fig.evidence, arithmetic=fig.arithmetic, alternatives=alternatives)
    explanation = {
        "supported": f"{subject}; {quantity_text} agrees within rounding.",
        "approximate": f"{subject}; {quantity_text} is close but outside rounding.",
        "contradicted": f"{subject}, not {quantity_text}.",
    }[verdict] + year_note
    if alternatives and verdict == "contradicted":
        explanation += f" Possible mix-up: {alternatives[0].description}."
    if read.assumed:  # the report shows the year that was used, still marked as assumed
        surface = claim.period.surface if claim.period else None
        claim = replace(claim, period=ClaimPeriod(year, year, assumed=True, surface=surface))
    return Finding(claim=claim, verdict=verdict, explanation=explanation, expected=_expected(fig),
                   deviation=cmp.deviation(cmp.claim_value(claim), fig.value, unit),
                   evidence=fig.evidence, arithmetic=fig.arithmetic, alternatives=alternatives,
                   suggestion=suggestion, disagreement=disagreement)


def _was(what: str) -> str:
    """Agreement for "North Korea's exports were", "the Netherlands' exports were" / "China's share ... was"."""
    return "were" if re.match(r"^[^ ]+(?: [^ ]+)*?'s? (?:\w+ )?(?:exports|imports)\b", what) and not re.match(r"^(?:the change|the share)", what, re.I) \
        and "share of" not in what else "was"


def describe(query: Query, metric: str) -> str:
    r, p = name_of(query.reporter), name_of(query.partner)
    goods = f"{query.commodity_label} " if query.commodity_label else ""
    flow = {"export": "exports", "import": "imports", "total": "trade"}[query.flow]
    if metric == "share":
        if query.commodity_label:
            return f"the share of {goods}in {possessive(r)} {flow}"
        return f"{possessive(p)} share of {possessive(r)} {flow}"
    if query.flow == "total":
        return f"{r}–{p} {goods}trade" if query.partner != "WLD" else f"{possessive(r)} total {goods}trade"
    if query.partner == "WLD":
        return f"{possessive(r)} {goods}{flow}"
    return f"{possessive(r)} {goods}{flow} {'to' if query.flow == 'export' else 'from'} {p}"


@handles("trade_value")
def _trade_value(claim, query, catalog, tol):
    figures = value_figures(catalog, query.reporter, query.partner, query.flow, query.hs_codes)
    return _numeric(claim, query, catalog, tol, figures, "USD", describe(query, "trade_value"))


@handles("share")
def _share(claim, query, catalog, tol):
    if query.partner == "WLD" and query.hs_codes == ("TOTAL",):
        # the world's part of a country's whole trade is all of it: the sentence's share is of
        # something the reading did not take ("a 3 per cent share of world exports" was held
        # against 100%)
        return unverifiable(claim, "metric", f"{claim.quantity.surface if claim.quantity else 'The share'} was read "
                                             f"as the world's share of {describe(query, 'trade_value')}, which is all of "
                                             f"it; the share must be of something else.")
    stated = claim.period.start if claim.period and claim.period.start == claim.period.end else None
    figures = share_figures(catalog, query.reporter, query.partner, query.flow, query.hs_codes, sum_year=stated)
    return _numeric(claim, query, catalog, tol, figures, "percent", describe(query, "share"))


@handles("growth")
def _growth(claim, query, catalog, tol):
    if claim.quantity is not None and claim.quantity.kind == "percentage_points":
        return _share_change(claim, query, catalog, tol)
    values = value_figures(catalog, query.reporter, query.partner, query.flow, query.hs_codes)
    what = f"the change in {describe(query, 'trade_value')}"
    if not values:
        return unverifiable(claim, "metric" if claim.commodity is None else "commodity",
                            f"No reference dataset has {describe(query, 'trade_value')}.")
    period = claim.period
    if period is None or period.start is None:
        end = _latest(values, tol)
        if end is None:
            return unverifiable(claim, "year", f"No data for {describe(query, 'trade_value')} is older than the text.")
        start = end - 1
    elif period.end is None:  # "since 2017": from 2017 to the latest year
        start, end = period.start, _latest(values, tol) or max(values)
    elif period.end != period.start:
        start, end = period.start, period.end
    else:
        start, end = period.start - 1, period.start
    growth = growth_figures(values, start, end)
    if not growth:
        return unverifiable(claim, "year", f"No single dataset has {describe(query, 'trade_value')} for both {start} and {end} "
                                           f"(data covers {_span(values)}).")
    # a claim with no year is read for the latest year with data, and says so (not "the year the text before is about")
    no_year = period is None or period.start is None
    pinned = replace(claim, period=None if no_year else replace(period, start=end, end=end))
    finding = _numeric(pinned, query, catalog, tol, {end: growth}, "percent", what)
    if finding.verdict == "contradicted":
        unsure = _change_not_sure(claim, query, finding, values, growth, start, end, no_year, tol)
        if unsure is not None:
            return unsure
    return replace(finding, claim=claim)


def _evidence_of(finding: Finding) -> dict:
    """What a finding made unverifiable still shows: the figure it was compared with and how."""
    return dict(expected=finding.expected, evidence=finding.evidence, arithmetic=finding.arithmetic)


def _change_not_sure(claim, query, finding, values, growth, start: int, end: int, no_year: bool, tol) -> Finding | None:
    """Before a change is called wrong, the readings that could make a right one look wrong: no
    year at all, a change the preferred series cannot compute, a yearly average over several years."""
    if no_year:
        # No year in the sentence or the text before: the latest year's change is an assumption,
        # and a rate of change given with no period is as often a month's, a quarter's or the
        # year so far ("China's imports from Iran increase by 32%" headed a story of seven months).
        latest = growth[0]
        return unverifiable(claim, "year", f"The sentence gives no year; the change in the latest year with data, "
                                           f"{end}, was {format_change(latest.value)} ({latest.source}), not "
                                           f"{claim.quantity.surface}, but a rate of change given with no period may be "
                                           f"of part of a year. Add the period to make the claim checkable.",
                            **_evidence_of(finding))
    unpaired = preferred_without_base(values, start, end)
    if unpaired is not None:
        return unverifiable(claim, "series", f"{finding.explanation} Not judged: {unpaired.source}, whose series the data "
                                             f"prefers here, has {describe(query, 'trade_value')} for {end} "
                                             f"({format_value(unpaired.value, unpaired.unit)}) but not for {start}; the "
                                             f"change comes from another publisher's series, and the first one's own "
                                             f"rate may differ.", **_evidence_of(finding))
    yearly = _matching_yearly_rate(claim, growth, end - start, tol) if end - start >= 2 else None
    if yearly is not None:
        return unverifiable(claim, "metric", f"{claim.quantity.surface} is far from the change from {start} to {end} "
                                             f"({format_change(yearly[0].value)}) but close to its yearly average "
                                             f"({format_change(yearly[1])} a year, {yearly[0].source}): the sentence "
                                             f"may give a yearly rate.", **_evidence_of(finding))
    return None


def _matching_yearly_rate(claim: Claim, growth: list[Figure], years: int, tol: Tolerances) -> tuple[Figure, float] | None:
    """A change over several years that the claim misses but whose compound yearly rate it is
    within tolerance of ("increasing 26 percent since 2005": +198% in all, 24.4% a year)."""
    claimed = cmp.claim_interval(claim, tol)
    if claimed is None:
        return None
    for fig in growth:
        if fig.value <= -100.0:
            continue
        rate = 100.0 * ((1.0 + fig.value / 100.0) ** (1.0 / years) - 1.0)
        if cmp.verdict_for(claimed, cmp.Interval(rate, rate), "growth", "percent", tol) != "contradicted":
            return fig, rate
    return None


@handles("level_ratio")
def _level_ratio(claim, query, catalog, tol):
    """ "recovered to 82 percent of 2019 levels": the level of the claim's year as a percentage of
    the base year's, within one publisher's series."""
    values = value_figures(catalog, query.reporter, query.partner, query.flow, query.hs_codes)
    label = describe(query, "trade_value")
    if not values:  # as in the other handlers: `_span` of no years was an IndexError
        return unverifiable(claim, "metric" if claim.commodity is None else "commodity", f"No reference dataset has {label}.")
    period = claim.period
    if period is None or period.start is None or period.end is None:
        return unverifiable(claim, "year", f"The sentence does not say which year's {label} is compared with which.")
    base, end = period.start, period.end
    levels = level_figures(values, base, end)
    if not levels:
        return unverifiable(claim, "year", f"No single dataset has {label} for both {base} and {end} (data covers {_span(values)}).")
    pinned = replace(claim, period=replace(period, start=end, end=end))
    finding = _numeric(pinned, query, catalog, tol, {end: levels}, "percent", f"{label} in {end} as a percentage of {base}")
    return replace(finding, claim=claim)


def monthly_trade_value(claim, query, catalog, tol, month: int) -> Finding | None:
    """A figure for one month ("$48.2 billion in March 2019") against a monthly series of the pair
    (US Census), where the catalog holds one; None where it does not."""
    period = claim.period
    year = period.start if period and not period.assumed and period.start is not None and period.end == period.start else None
    if year is None:
        return None
    figures = value_figures(catalog, query.reporter, query.partner, query.flow, query.hs_codes, month=month)
    if year not in figures:
        return None
    what = f"{describe(query, 'trade_value')} in {calendar.month_name[month]}"
    return _numeric(claim, query, catalog, tol, {year: figures[year]}, "USD", what)


@handles("value_change")
def _value_change(claim, query, catalog, tol):
    """"rose by $3 billion", "an increase of $12.7 billion": the level of the claim's year minus
    the year before's, within one publisher's series."""
    values = value_figures(catalog, query.reporter, query.partner, query.flow, query.hs_codes)
    label = describe(query, "trade_value")
    if not values:
        return unverifiable(claim, "metric", f"No reference dataset has {label}.")
    period = claim.period
    spans = period is not None and period.start is not None and period.end is not None and period.end > period.start
    end = (period.end if spans else period.start) if period and period.start is not None and not period.assumed \
        else _latest(values, tol)
    if end is None or period and period.end is not None and period.start is not None and period.end < period.start:
        return unverifiable(claim, "year", f"The change in {label} needs a year; the sentence gives {period.surface if period else 'none'}.")
    base = period.start if spans and not period.assumed else end - 1  # "from 2017 to 2018": the span's first year
    changes = [Figure(later.value - earlier.value, "USD", later.precision + earlier.precision, later.dataset, later.citation, end,
                      f"{format_value(later.value, 'USD')} in {end} - {format_value(earlier.value, 'USD')} in {base} = "
                      f"{format_value(later.value - earlier.value, 'USD')}", earlier.evidence + later.evidence)
               for later in values.get(end, [])
               for earlier in [same_series(values.get(base, []), later)] if earlier is not None]
    if not changes:
        return unverifiable(claim, "year", f"No single series has {label} for both {base} and {end} "
                                           f"(data covers {_span(values)}).")
    signed = replace(claim, quantity=_signed(claim.quantity, claim.direction == "down"),
                     period=ClaimPeriod(end, end, surface=period.surface if period else None))
    since = f" from {base}" if base != end - 1 else ""
    finding = _numeric(signed, query, catalog, tol, {end: changes}, "USD", f"the change in {label}{since}")
    return replace(finding, claim=claim)


def _span_growth(values: dict[int, list[Figure]], start: int, end: int | None, before: int | None = None) -> Figure | None:
    """Change from `start` to `end` (or to the latest year before `before`, the year the text was
    written, that the same dataset has), within one dataset."""
    for fig in values.get(start, []):
        years = sorted(y for y, figs in values.items() if y > start and same_series(figs, fig) is not None
                       and (before is None or y < before))
        last = end if end is not None else (years[-1] if years else None)
        if last is None:
            continue
        growth = [g for g in growth_figures(values, start, last) if g.series_key == fig.series_key]
        if growth:
            return growth[0]
    return None


@handles("balance")
def _balance(claim, query, catalog, tol):
    """"a trade surplus of $991 billion": exports minus imports of one dataset and year; a deficit
    is a negative balance."""
    figures = balance_figures(catalog, query.reporter, query.partner)
    signed = replace(claim, quantity=_signed(claim.quantity, claim.direction == "down")) if claim.quantity else claim
    what = f"{possessive(name_of(query.reporter))} trade balance" + (f" with {name_of(query.partner)}" if query.partner != "WLD" else "")
    finding = _numeric(signed, query, catalog, tol, figures, "USD", what)
    return replace(finding, claim=claim if finding.claim is signed else replace(finding.claim, quantity=claim.quantity))


@handles("balance_change")
def _balance_change(claim, query, catalog, tol):
    """"the deficit widened by $16.3 billion (41.3 percent)": the change in the size of the
    balance from the year before (or the span's first year) to the claim's year, within one
    publisher's series, in dollars or in percent as the claim is written. A balance that changed
    sign (a surplus turned deficit) has no such change of size. With no year written, the latest
    year complete at --as-of is read, and a difference is never called wrong for it."""
    balances = balance_figures(catalog, query.reporter, query.partner)
    label = f"{possessive(name_of(query.reporter))} trade balance" + (f" with {name_of(query.partner)}" if query.partner not in (None, "WLD") else "")
    if not balances or claim.quantity is None:
        return unverifiable(claim, "metric", f"No reference dataset has {possessive(name_of(query.reporter))} exports and imports.")
    period = claim.period
    assumed = period is None or period.start is None or period.assumed
    end = _latest(balances, tol) if assumed else (period.end or period.start)
    if end is None:
        return unverifiable(claim, "year", f"No reference data has {label} for a year before the text.")
    start = period.start if not assumed and period.end and period.start != period.end else end - 1
    money = claim.quantity.kind == "money"
    sizes = [_size_change(earlier, later, start, end, money) for later in balances.get(end, [])
             for earlier in [same_series(balances.get(start, []), later)]
             if earlier is not None and earlier.value and (earlier.value < 0) == (later.value < 0)]
    if not sizes:
        return unverifiable(claim, "year", f"No single series has {label} for {start} and {end} with the same sign.")
    signed = replace(claim, metric="value_change" if money else "growth", period=ClaimPeriod(end, end),
                     quantity=_signed(claim.quantity, claim.direction == "down") if money else claim.quantity)
    finding = replace(_numeric(signed, query, catalog, tol, {end: sizes}, "USD" if money else "percent",
                               f"the change in the size of {label}"), claim=claim)
    if assumed and finding.verdict == "contradicted":
        return unverifiable(claim, "year", f"The sentence gives no year. {finding.explanation} Add the year to make "
                                           f"the claim checkable.", **_evidence_of(finding))
    return finding


def _size_change(earlier: Figure, later: Figure, start: int, end: int, money: bool) -> Figure:
    """How much the size of a balance (a deficit or a surplus, unsigned) changed from `earlier` to `later`."""
    a, b = abs(earlier.value), abs(later.value)
    sides = f"{format_value(b, 'USD')} in {end}, {format_value(a, 'USD')} in {start}"
    if money:
        return Figure(b - a, "USD", earlier.precision + later.precision, later.dataset, later.citation, end,
                      f"{sides}: {format_value(b - a, 'USD')}", earlier.evidence + later.evidence)
    change = 100.0 * (b / a - 1.0)
    precision = 100.0 * (later.precision / a + b * earlier.precision / a**2)
    return Figure(change, "percent", precision, later.dataset, later.citation, end,
                  f"{sides}: {format_value(b, 'USD')} / {format_value(a, 'USD')} - 1 = {change:+.1f}%",
                  earlier.evidence + later.evidence)


def _signed(q, negative: bool):
    if not negative:
        return q
    low = -(q.high if q.high is not None else q.value)
    high = -(q.low if q.low is not None else q.value)
    return replace(q, value=-q.value, low=low, high=high)


@handles("trend")
def _trend(claim, query, catalog, tol):
    values = value_figures(catalog, query.reporter, query.partner, query.flow, query.hs_codes)
    label = describe(query, "trade_value")
    if not values or claim.period is None or claim.period.start is None:
        return unverifiable(claim, "year" if values else "metric", f"No reference data settles a trend in {label}.")
    start, end = claim.period.start, claim.period.end
    if end == start:
        start, end = start - 1, start
    fig = _span_growth(values, start, end, tol.as_of_year)
    if fig is None:
        return unverifiable(claim, "year", f"No single dataset has {label} for {start} and a later year "
                                           f"(data covers {_span(values)}).")
    said_down = claim.direction == "down"
    moved_down = fig.value < 0
    flat = abs(fig.value) < 5.0
    if claim.direction == "flat":  # "roughly flat": under 5% either way; over 10% is a real move
        verdict = "supported" if flat else ("approximate" if abs(fig.value) < 10.0 else "contradicted")
        explanation = f"{sentence_start(label)} changed {fig.value:+.1f}% per {fig.source}: {fig.arithmetic}."
        return Finding(claim=claim, verdict=verdict, explanation=explanation, expected=_expected(fig),
                       evidence=fig.evidence, arithmetic=fig.arithmetic)
    verdict = "unverifiable" if flat else ("supported" if said_down == moved_down else "contradicted")
    word = "fell" if moved_down else "rose"
    explanation = f"{sentence_start(label)} {word} {abs(fig.value):.0f}% per {fig.source}: {fig.arithmetic}."
    if verdict == "contradicted":
        explanation += f" The sentence says it {'declined' if said_down else 'grew'}."
    if flat:
        explanation += " A change under 5% does not settle a trend either way."
    return Finding(claim=claim, verdict=verdict, explanation=explanation, expected=_expected(fig),
                   evidence=fig.evidence, arithmetic=fig.arithmetic, missing="metric" if flat else None)


@handles("share_change")
def _share_change(claim, query, catalog, tol):
    """"74% of its exports, up 21 percentage points": the share's change from the year before."""
    shares = share_figures(catalog, query.reporter, query.partner, query.flow, query.hs_codes)
    what = f"the change in {describe(query, 'share')}"
    period = claim.period
    end = period.end if period and period.end else (max(shares) if shares else None)
    if end is None or end not in shares:
        return unverifiable(claim, "year", f"No reference dataset has {describe(query, 'share')} for {end}.")
    start = end - 1
    earlier_years = sorted(y for y in shares if y < end)
    if start not in shares and earlier_years:
        start = earlier_years[-1]
    pairs = [(later, same_series(shares.get(start, []), later)) for later in shares[end]]
    pairs = [(b, a) for b, a in pairs if a is not None]
    if not pairs:
        return unverifiable(claim, "year", f"No single dataset has {describe(query, 'share')} for both {start} and {end}.")
    changes = [Figure(b.value - a.value, "percent", a.precision + b.precision, b.dataset, b.citation, end,
                      f"{format_value(a.value, 'percent')} in {start} -> {format_value(b.value, 'percent')} in {end}: "
                      f"{b.value - a.value:+.1f} points", a.evidence + b.evidence) for b, a in pairs]
    pinned = replace(claim, metric="growth", period=replace(period, start=end, end=end) if period else None)
    finding = _numeric(pinned, query, catalog, tol, {end: changes}, "percent", what)
    return replace(finding, claim=claim)


@handles("comparison")
def _comparison(claim, query, catalog, tol):
    if not claim.compared_with:
        return unverifiable(claim, "partner", "The other side of the comparison is not named.")
    ours = value_figures(catalog, query.reporter, query.partner, query.flow)
    other_reporter, other_partner = claim.compared_with
    theirs = value_figures(catalog, other_reporter, other_partner or "WLD", "total")
    other_q = Query("trade_value", other_reporter, other_partner or "WLD", "total")
    common = sorted(set(ours) & set(theirs))
    if claim.period and claim.period.start is not None:
        common = [y for y in common if y == (claim.period.end or claim.period.start)]
    if not common:
        return unverifiable(claim, "year", f"No year has both {describe(query, 'trade_value')} and {describe(other_q, 'trade_value')}.")
    year = common[-1]
    a, b = ours[year][0], theirs[year][0]
    ratio = a.value / b.value if b.value else float("inf")
    said_smaller = claim.direction == "down"
    holds = ratio < 1 if said_smaller else ratio > 1
    verdict = "supported" if holds else "contradicted"
    arithmetic = f"{a.arithmetic}; {b.arithmetic}; ratio {ratio:.3g}"
    explanation = (f"In {year}, {describe(query, 'trade_value')} ({format_value(a.value, 'USD')}, {a.source}) was "
                   f"{ratio:.3g} times {describe(other_q, 'trade_value')} ({format_value(b.value, 'USD')}, {b.source}).")
    return Finding(claim=claim, verdict=verdict, explanation=explanation, expected=_expected(a),
                   evidence=a.evidence + b.evidence, arithmetic=arithmetic)


@handles("ratio")
def _ratio(claim, query, catalog, tol):
    """ "3.2 times US exports to China": the claim's figure divided by the other side's, same year."""
    other = claim.compared_with
    if not other or other[0] is None or other[1] is None:
        return unverifiable(claim, "partner", "The other side of the comparison could not be identified.")
    other_flow = other[2] if len(other) > 2 and other[2] else query.flow
    if (other[0], other[1], other_flow) in ((query.reporter, query.partner, query.flow), (query.partner, query.reporter, query.flow)):
        return unverifiable(claim, "metric", "The two sides of the comparison could not be told apart.")
    of_shares = len(other) > 4 and other[4] == "share"  # "30% of Brazil's exports, three times the US share"
    figures = share_figures if of_shares else value_figures
    ours = figures(catalog, query.reporter, query.partner, query.flow)
    theirs = figures(catalog, other[0], other[1], other_flow)
    other_q = Query("share" if of_shares else "trade_value", other[0], other[1], other_flow)
    years = sorted(set(ours) & set(theirs))
    period = claim.period
    if period and period.start is not None:
        years = [y for y in years if y == (period.end or period.start)]
    if not years:
        return unverifiable(claim, "year", f"No year has both {describe(query, 'trade_value')} and {describe(other_q, 'trade_value')}.")
    year = years[-1]
    pairs = _ratio_pairs(ours[year], theirs[year], claim, tol)
    if not pairs:
        return unverifiable(claim, "metric", "The other side of the comparison is zero.")
    a, b = pairs[0]
    ratio = a.value / b.value
    low = (a.value - a.precision / 2) / (b.value + b.precision / 2)
    high = (a.value + a.precision / 2) / max(b.value - b.precision / 2, 1e-9)
    unit = "percent" if of_shares else "USD"
    fig = Figure(ratio, "ratio", high - low, a.dataset, a.citation, year,
                 f"{format_value(a.value, unit)} / {format_value(b.value, unit)} = {ratio:.2f}", a.evidence + b.evidence)
    claimed = cmp.claim_interval(claim, tol)
    verdict = cmp.verdict_for(claimed, cmp.reference_interval(fig.value, fig.precision), "ratio", "ratio", tol)
    quantity_text = claim.quantity.surface if claim.quantity else "the claim"
    metric = "share" if of_shares else "trade_value"
    explanation = (f"In {year}, {describe(query, metric)} ({format_value(a.value, unit)}) was {ratio:.2f} times "
                   f"{describe(other_q, metric)} ({format_value(b.value, unit)}), per {a.source}; the sentence says {quantity_text}.")
    if verdict != "supported" and (len(other) < 4 or other[3] != "stated"):
        # The other side was read from words, not a stated figure: not sure enough to call it wrong.
        return unverifiable(claim, "metric", explanation + " The other side of the comparison was inferred from the "
                            "wording, so the claim is not judged.", expected=Expected(ratio, "ratio", a.dataset, a.citation, low, high),
                            evidence=fig.evidence, arithmetic=fig.arithmetic)
    return Finding(claim=claim, verdict=verdict, explanation=explanation,
                   expected=Expected(ratio, "ratio", a.dataset, a.citation, low, high),
                   deviation=cmp.deviation(claim.quantity.value if claim.quantity else None, ratio, "ratio"),
                   evidence=fig.evidence, arithmetic=fig.arithmetic)


def _ratio_pairs(ours: list[Figure], theirs: list[Figure], claim, tol) -> list[tuple[Figure, Figure]]:
    """Both sides of a ratio from one series each (a publisher's part over the same publisher's
    whole), the pair that agrees best with the claim first: where series differ (Census and COW
    count US imports from China differently), a ratio one of them supports is not wrong."""
    pairs = [(a, b) for a in ours for b in [same_series(theirs, a)] if b is not None and b.value]
    if not pairs and theirs[0].value:
        pairs = [(ours[0], theirs[0])]
    claimed = cmp.claim_interval(claim, tol)

    def rank(pair: tuple[Figure, Figure]) -> int:
        a, b = pair
        precision = a.precision / max(b.value, 1e-9)
        return VERDICT_RANK[cmp.verdict_for(claimed, cmp.reference_interval(a.value / b.value, precision), "ratio", "ratio", tol)]

    return sorted(pairs, key=rank)


def _peak(claim, query, catalog) -> Finding:
    """"exports to China peaked in 2021": that year's figure is the highest of the series after
    it (and, for a clear verdict, before it) within one dataset."""
    values = value_figures(catalog, query.reporter, query.partner, query.flow, query.hs_codes)
    year = claim.period.start if claim.period else None
    label = describe(query, "trade_value")
    if year is None or year not in values:
        return unverifiable(claim, "year", f"No reference dataset has {label} for {year} (data covers {_span(values) if values else 'no years'}).")
    fig = values[year][0]
    series = {y: f for y, figs in values.items() for f in figs if f.series_key == fig.series_key}
    later = {y: f for y, f in series.items() if y > year and f.value > fig.value}
    earlier = {y: f for y, f in series.items() if y < year and f.value > fig.value}
    evidence = tuple(o for f in sorted(series.values(), key=lambda f: f.year) for o in f.evidence)
    arithmetic = "; ".join(f"{y}: {format_value(f.value, 'USD')}" for y, f in sorted(series.items()))
    expected = Expected(float(year), "year", fig.dataset, fig.citation)
    if later:
        y = max(later, key=lambda y: later[y].value)
        return Finding(claim=claim, verdict="contradicted", expected=Expected(float(y), "year", fig.dataset, fig.citation),
                       explanation=f"{sentence_start(label)} {_was(label)} higher in {y} ({format_value(later[y].value, 'USD')}) "
                                   f"than in {year} ({format_value(fig.value, 'USD')}), per {fig.source}.",
                       evidence=evidence, arithmetic=arithmetic, suggestion=f"{fig.source} reports the peak in {y}, not {year}.")
    if earlier:
        y = max(earlier, key=lambda y: earlier[y].value)
        return unverifiable(claim, "metric", f"{year} is a peak of the years after it, but {y} was higher "
                                             f"({format_value(earlier[y].value, 'USD')}) per {fig.source}.",
                            expected=expected, evidence=evidence, arithmetic=arithmetic)
    return Finding(claim=claim, verdict="supported", expected=expected, evidence=evidence, arithmetic=arithmetic,
                   explanation=f"{sentence_start(label)} {_was(label)} highest in {year} ({format_value(fig.value, 'USD')}) "
                               f"of {_span(series)}, per {fig.source}.")


def _ranking_as_of(catalog, reporter: str, flow: str, year: int | None, rank: int | None, tol,
                   exclude: frozenset[str] = frozenset()):
    """(year, ranking, a later year): the claim's year's ranking, or with no year the latest one
    complete when the text was written (`--as-of`), so a 2018 article's "third-largest export
    destination" is not judged by a 2023 table; where only later years are ranked, no ranking
    and the year of the newest one, so the caller can say which."""
    need = (rank or 1) + 1
    used_year, ranked = partner_ranking(catalog, reporter, flow, year, min_partners=need, exclude=exclude)
    if year is not None or tol.as_of_year is None or used_year is None or used_year < tol.as_of_year:
        return used_year, ranked, None
    earlier_year, earlier = partner_ranking(catalog, reporter, flow, tol.as_of_year - 1, min_partners=need, exclude=exclude)
    return (earlier_year, earlier, None) if earlier else (None, [], used_year)


def _rankings(claim, query, catalog, flows, year, tol, exclude: frozenset[str] = frozenset()):
    """(flow, year, the partner's position, the ranking) for each flow the data ranks, and the
    year of a ranking newer than the text where that is all there is."""
    results, later = [], None
    for flow in flows:
        used_year, ranked, newer = _ranking_as_of(catalog, query.reporter, flow, year, claim.rank, tol, exclude)
        later = later or newer
        if ranked:
            position = next((i + 1 for i, o in enumerate(ranked) if o.partner == query.partner), None)
            results.append((flow, used_year, position, ranked))
    return results, later


@handles("rank")
def _rank(claim, query, catalog, tol, exclude: frozenset[str] = frozenset()):
    """The partner's place in the reporter's ranking of the claim's flow. A ranking that refutes
    the claim is put beside the other datasets' rankings: one that agrees (COW's partner counts
    against DOTS's estimated cells) means the data does not settle it against the author."""
    period = claim.period
    year = period.start if period and period.start == period.end and not period.assumed else None
    if claim.ranked_over == "years":
        return _peak(claim, query, catalog)
    finding = _rank_in(claim, query, catalog, tol, year, exclude)
    if finding.verdict == "contradicted" and finding.expected is not None:
        other = _rank(claim, query, catalog, tol, exclude | {finding.expected.dataset})
        if other.verdict == "supported":
            return other
    return finding


def _rank_verdict(positions: list[int | None], wanted: int, by_flow: bool, listed: int) -> str:
    """Supported when every ranking puts the partner at the place claimed; contradicted when every
    ranking puts it elsewhere (or none of five or more lists it) and the rankings are of the
    claim's own flow; otherwise the data does not settle it."""
    if all(p == wanted for p in positions):
        return "supported"
    if not by_flow and (all(p is not None and p != wanted for p in positions)
                        or all(p is None for p in positions) and listed >= 5):
        return "contradicted"
    return "unverifiable"


def _near_tie(results, wanted: int) -> str | None:
    """Words for a ranking that puts the partner as close to the country at the place claimed as
    a revision of the same series moves a figure, or the two figures' rounding allows ("Japan
    overtook the United States as Australia's most important source of imports" in 1984: $5.627
    billion against $5.645 billion, 0.3% apart; "15%" and "14%" may both be 14.5%); None where no
    ranking does. A later vintage of the same count may order such a pair the other way."""
    revision = series_gaps()["revisions"]["level_relative"]
    for _, year, position, ranked in results:
        if position is None or wanted > len(ranked):
            continue
        ours, theirs = ranked[position - 1], ranked[wanted - 1]
        rounding = (abs(ours.precision or 0.0) + abs(theirs.precision or 0.0)) / 2
        if theirs.value and abs(ours.value - theirs.value) <= revision * abs(theirs.value) + rounding:
            return (f"{sentence_start(name_of(ours.partner))} and {name_of(theirs.partner)} are within "
                    f"{abs(ours.value / theirs.value - 1):.1%} of each other in {year}, too close for the data to order them")
    return None


def _rank_in(claim, query, catalog, tol, year, exclude):
    results, later = _rankings(claim, query, catalog, (query.flow,), year, tol, exclude)
    by_flow = not results and query.flow == "total"
    if by_flow:  # no table of total trade: its two flows, which can agree with a rank but not refute it
        results, later = _rankings(claim, query, catalog, ("export", "import"), year, tol, exclude)
    if not results and later is not None:
        return unverifiable(claim, "year", f"The sentence gives no year, and the data ranks {possessive(name_of(query.reporter))} "
                                           f"trading partners only for {later}, after the text was written "
                                           f"({tol.as_of_year}).")
    if not results:
        return unverifiable(claim, "metric", f"No reference dataset ranks {possessive(name_of(query.reporter))} trading partners.")
    wanted = claim.rank or 1
    positions = [pos for _, _, pos, _ in results]
    parts = [f"{sentence_start(name_of(query.partner))} ranks {'#' + str(pos) if pos else 'outside the listed partners'} in "
             f"{possessive(name_of(query.reporter))} {'trade (exports plus imports)' if flow == 'total' else flow + 's'} "
             f"({y}, {ranked[0].citation.publisher}: "
             + ", ".join(f"{name_of(o.partner)} {format_value(o.value, o.unit)}" for o in ranked[:3]) + ")"
             for flow, y, pos, ranked in results]
    verdict = _rank_verdict(positions, wanted, by_flow, len(results[0][3]))
    tie = _near_tie(results, wanted) if verdict == "contradicted" else None
    if tie is not None:
        verdict, parts = "unverifiable", parts + [tie]
    evidence = tuple(o for _, _, _, ranked in results for o in ranked[:3])
    first = results[0][3][0]
    expected = Expected(float(positions[0]) if positions[0] else float(len(results[0][3]) + 1), "rank", first.dataset,
                        str(first.citation))
    why_open = (" A rank of total trade is of exports plus imports, which no dataset here lists by partner "
                "for this country; its ranks in each flow cannot settle it." if by_flow and verdict == "unverifiable" else "")
    return Finding(claim=claim, verdict=verdict, explanation="; ".join(parts) + "." + why_open, evidence=evidence,
                   expected=expected, missing="metric" if verdict == "unverifiable" else None)
