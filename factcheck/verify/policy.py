"""The verdict policy, in one place: when a finding may say `contradicted`, and what caps it.

A metric handler compares a claim's figure with the reference figures and proposes a verdict.
This policy then decides what the tool may tell an author, from typed facts only (the claim's
`Unaccounted` parts and `Binding` sources, its period, its cited publisher, the evidence's
series), never from the words of notes:

1. A figure whose clause holds words the reading did not account for (a month, a commodity, a
   target, another currency or measure: `closed_world.yaml`) is not judged at all.
2. A figure for a year that was not over when the text was written (`--as-of`) is not judged.
3. `contradicted` needs every slot bound from the text: stated, or by a pointing word, or from
   the figure before it in the same sentence. A reading that leans on earlier sentences, an
   ellipsis or the story's countries may agree with a figure but never call it wrong.
4. A sentence that cites a publisher whose series the catalog does not hold is never
   contradicted by another publisher's series (definitions differ: CIF/FOB, mirror, revisions).
5. A figure the data holds only as the partner's report (mirror data), or trade between two
   countries that it holds as one side's report only (the article may quote either side's count),
   is contradicted only beyond the gap measured between the two sides' reports of the same flow
   (`series_gaps.yaml`); a country's total held only as a compiler's national total (COW), only
   beyond the gap measured between that compilation and the country's own totals in that decade.
6. A difference of two flows (a balance, a change in value) is contradicted only beyond what the
   revisions of the two flows between vintages could move it (`series_gaps.yaml`, revisions).
7. An amount of trade the data records as exactly zero refutes nothing: a compiler's zero
   (Correlates of War holds inter-Korean trade as 0 in every year) may be trade not recorded.

Anything capped becomes `unverifiable` with `missing` naming the part and the reason in words.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from functools import lru_cache
from importlib.resources import files

from factcheck import yamlfile

from factcheck.claims.attributions import publishers
from factcheck.claims.provenance import SAFE_SOURCES, Source
from factcheck.verify import compare
from factcheck.verify.model import Finding
from factcheck.countries import name_of, possessive
from factcheck.numbers import format_value
from factcheck.verify.tolerances import Tolerances


@lru_cache(maxsize=1)
def series_gaps() -> dict:
    """The measured gaps between series of different kinds (see series_gaps.yaml)."""
    return yamlfile.safe_load(files("factcheck.verify").joinpath("series_gaps.yaml").read_text("utf-8"))


def _cap(finding: Finding, missing: str, reason: str, *, keep_evidence: bool = True) -> Finding:
    return replace(finding, verdict="unverifiable", missing=missing, suggestion=None,
                   explanation=f"{finding.explanation} Not judged: {reason}." if keep_evidence else f"Not judged: {reason}.",
                   **({} if keep_evidence else {"expected": None, "deviation": None, "alternatives": ()}))


def apply_policy(finding: Finding, tol: Tolerances, *, monthly: bool = False) -> Finding:
    """The verdict the tool may state for this finding (`monthly`: checked against a month's
    figure, which the data holds only once the month is over): the first cap that applies, in
    the order of the module docstring; a finding no cap applies to stands as proposed."""
    for cap in JUDGEMENT_CAPS:
        capped = cap(finding, tol, monthly)
        if capped is not None:
            return capped
    if finding.verdict != "contradicted":
        return finding
    for cap in CONTRADICTION_CAPS:
        capped = cap(finding)
        if capped is not None:
            return capped
    return finding


def _open_parts(finding: Finding, tol: Tolerances, monthly: bool) -> Finding | None:
    """1. The reading left a part open (closed_world.yaml): not judged at all."""
    if not finding.claim.unaccounted:
        return None
    part = finding.claim.unaccounted[0]
    return _cap(finding, part.part, f"{part.reason} [{part.rule}]", keep_evidence=False)


def _year_not_over(finding: Finding, tol: Tolerances, monthly: bool) -> Finding | None:
    """2. A stated year that was not over at --as-of: the figure is partial or a forecast."""
    period = finding.claim.period
    if monthly or period is None or period.assumed or period.start is None or tol.as_of_year is None:
        return None
    year = period.end or period.start
    if year < tol.as_of_year or finding.verdict == "unverifiable":
        return None
    return _cap(finding, "period", f"{year} was not over when the text was written ({tol.as_of_year}): "
                                   f"a figure for it is partial or a forecast", keep_evidence=False)


def _unsafe_binding(finding: Finding) -> Finding | None:
    """3. A part read by a rule of thumb (an earlier sentence, an ellipsis, the story's pair). A
    year assumed from the story has its own guard in the metrics (another year that matches)."""
    unsafe = [b for b in finding.claim.bindings if b.source not in SAFE_SOURCES
              and not (b.slot == "period" and b.source is Source.ASSUMED)]
    if not unsafe:
        return None
    missing = "currency" if all(b.slot == "currency" for b in unsafe) else "context"
    return _cap(finding, missing, "the sentence alone does not say this (" + "; ".join(unsafe) + ")")


def _assumed_partner(finding: Finding) -> Finding | None:
    """3. No partner named: reading the figure as the country's trade with the world is an assumption."""
    if not finding.claim.partner_assumed:
        return None
    return _cap(finding, "partner", "the sentence names no partner, and reading it as the country's trade with the "
                                    "whole world is an assumption")


def _other_concept(finding: Finding) -> Finding | None:
    """4. The data's value counts goods and services; news figures usually count goods. (Values
    only: a partner's share is published from goods trade even where the totals beside it count
    services too.)"""
    concepts = {o.series.concept for o in finding.evidence if o.series is not None and o.unit == "USD"}
    if "goods_and_services" not in concepts or finding.claim.commodity == "services":
        return None
    return _cap(finding, "series", "the data's figure counts goods and services, while a trade figure in the news "
                                   "usually counts goods only")


def _cited(finding: Finding):
    claim = finding.claim
    return publishers().get(claim.attribution) if claim.attribution else None


def _unheld_attribution(finding: Finding) -> Finding | None:
    """4. The text cites a publisher whose series for this figure the data does not hold."""
    cited = _cited(finding)
    sources = {o.citation.publisher for o in finding.evidence}
    if cited is None or (cited.held and any(cited.held in s for s in sources)):
        return None
    held = ", ".join(sorted(sources)) or "another publisher's series"
    return _cap(finding, "series", f"the article cites {cited.name}; the data holds {held}, a series of "
                                   f"another definition, so a difference does not make the figure wrong")


def _other_sides_count(finding: Finding) -> Finding | None:
    """4. The sentence quotes the partner's count ("China said ... Nigeria's exports to China
    increased by 43.1 per cent") while the data holds the reporter's own: two counts of one flow."""
    claim = finding.claim
    if claim.counted_by is None or claim.counted_by != claim.partner or not finding.evidence \
            or any(o.mirror for o in finding.evidence):
        return None
    return _cap(finding, "series", f"the sentence quotes {possessive(name_of(claim.counted_by))} count, and the data holds "
                                   f"{possessive(name_of(claim.reporter))} own report of the flow: two sides' counts differ")


def _mirror_difference(finding: Finding) -> Finding | None:
    """5. A difference of two flows (balance, change in value) with a mirror side."""
    if _cited(finding) is not None or finding.claim.metric not in DIFFERENCES or not _one_side_of_two(finding.claim, finding):
        return None
    return _cap(finding, "series", "the figure is a difference of two flows and one of them is the partner's report "
                                   "(mirror data): the gap between the two sides' reports is larger than such a difference")


def _within_mirror_gap(finding: Finding) -> Finding | None:
    """5. Mirror data closer to the claim than the two sides' reports of such a flow differ."""
    if _cited(finding) is not None or not _one_side_of_two(finding.claim, finding) or _beyond_mirror_gap(finding):
        return None
    if any(o.mirror for o in finding.evidence):
        held = "the data holds the partner's report of this flow (mirror data)"
    else:
        held = ("the data holds one side's report of the trade between the two, and the article may quote the "
                "other side's count")
    return _cap(finding, "series", f"{held}; the two sides' reports differ by up to " + _gap_words(finding)
                                   + " (95th percentile), more than this claim's deviation")


def _balance_of_one_side(finding: Finding) -> Finding | None:
    """5. A balance between two countries held as one side's report only. Each side counts both
    flows its own way, and the gap between the two counts of a flow (the mirror band) moves a
    balance by that share of the two flows together: enough to turn a surplus into a deficit
    (Indonesia counted a deficit of $2.5 billion with China in 2021, where China's count gave
    Indonesia a surplus of $2.9 billion). Beyond that reach the balance is judged."""
    claim, expected = finding.claim, finding.expected
    if claim.metric != "balance" or expected is None or expected.unit != "USD" or claim.quantity is None \
            or claim.partner in (None, "WLD") or _cited(finding) is not None or _both_sides_held(finding) \
            or {claim.reporter, claim.partner} & set(series_gaps()["non_reporting"]):
        return None
    flows = [o for o in finding.evidence if o.unit == "USD" and o.flow in ("export", "import")]
    if {o.flow for o in flows} != {"export", "import"}:
        return None
    claimed = (-1.0 if claim.direction == "down" else 1.0) * claim.quantity.value
    reach = sum(_flow_gap(o) * abs(o.value) for o in flows[:2])
    if abs(claimed - expected.value) > reach:
        return None
    return _cap(finding, "series", "the data holds one side's count of the two flows, and the gaps measured between "
                                   "the two sides' counts of each flow move a balance by up to "
                                   f"{format_value(reach, 'USD')}, more than this claim's difference")


def _fob_of_cif_imports(finding: Finding) -> Finding | None:
    """5. Imports held CIF, and a claim lower by no more than the CIF/FOB factor allows ("went up to
    $6.75 billion in 2010" against $7.42 billion CIF): the article may quote the FOB count."""
    claim, expected = finding.claim, finding.expected
    if claim.flow != "import" or claim.metric != "trade_value" or expected is None or expected.unit != "USD" \
            or not expected.value or not any(o.series is not None and o.series.valuation == "cif" for o in finding.evidence):
        return None
    nearest = _nearest_allowed(finding, expected.value)
    factor = series_gaps()["cif_fob"]
    if nearest is None or not expected.value / factor * (1 - Tolerances().value) <= nearest <= expected.value:
        return None
    return _cap(finding, "series", f"the data holds these imports CIF (with freight and insurance); a count FOB, which "
                                   f"some customs publish, is lower by up to {factor - 1:.0%}")


def _balance_of_cif_imports(finding: Finding) -> Finding | None:
    """5. A balance of a country whose customs value imports FOB (series_gaps.yaml fob_imports)
    worked out with its imports held CIF: its own count is higher by up to the CIF/FOB share of the imports, a large
    part of a balance ("Brazil's surplus ... to nearly $30 billion" against $16.3 billion with CIF
    imports; $30.0 billion with its ministry's FOB imports)."""
    claim, expected = finding.claim, finding.expected
    if claim.metric != "balance" or expected is None or expected.unit != "USD" or claim.quantity is None \
            or claim.reporter not in series_gaps()["fob_imports"]:
        return None
    imports = [o for o in finding.evidence if o.flow == "import" and o.unit == "USD"
               and o.series is not None and o.series.valuation == "cif"]
    if not imports:
        return None
    claimed = (-1.0 if claim.direction == "down" else 1.0) * claim.quantity.value
    reach = abs(imports[0].value) * (1 - 1 / series_gaps()["cif_fob"])
    nearest = _nearest_allowed(finding, claimed) if claim.direction != "down" else claimed
    if nearest is None or not expected.value - Tolerances().value * abs(expected.value) <= nearest <= expected.value + reach:
        return None
    return _cap(finding, "series", "the balance was worked out with imports held CIF (with freight and insurance); with "
                                   f"imports FOB, as some customs count them, it is higher by up to {format_value(reach, 'USD')}")


def _flow_gap(o) -> float:
    """The relative gap measured between the two sides' counts of one flow: the pair's own largest
    (exporter, importer) where known, else the 95th percentile of flows of its size."""
    exporter, importer = (o.reporter, o.partner) if o.flow == "export" else (o.partner, o.reporter)
    own = pair_gaps().get((exporter, importer))
    if own is not None:
        return own
    return _size_band(abs(o.value))["value_relative"]


def _within_revisions(finding: Finding) -> Finding | None:
    """6. A difference of two flows (a balance, a change in value) closer to the data than the
    revisions of the two flows between vintages could move it (series_gaps.yaml, revisions)."""
    expected = finding.expected
    if finding.claim.metric not in DIFFERENCES or expected is None or expected.unit != "USD":
        return None
    if (finding.claim.direction == "down") != (expected.value < 0):
        return None  # a surplus called a deficit (or a rise a fall) is wrong whatever the vintage
    size = abs(expected.value)
    nearest = _nearest_allowed(finding, size)  # the claim's own figure is unsigned
    if nearest is None:
        return None
    gap = abs(nearest - size)
    levels = sorted((abs(o.value) for o in finding.evidence if o.unit == "USD"), reverse=True)[:2]
    band = series_gaps()["revisions"]["level_relative"] * sum(levels)
    if gap > band:
        return None
    return _cap(finding, "series", "the figure is a difference of two flows, and revisions of the two between "
                                   f"vintages (up to {series_gaps()['revisions']['level_relative']:.0%} of each) "
                                   "move such a difference by more than this claim's deviation")


def _within_national_gap(finding: Finding) -> Finding | None:
    """5. A country's total (exports, imports or both, with the world) held only as a compiler's
    national total (Correlates of War) and closer to it than that compilation has strayed from
    the country's own published totals in the same decade (series_gaps_national.csv): COW's
    totals for China ran up to 28% above the World Bank's in 2010-2014 ("China's total trade
    reached $2,974 billion in 2010" against COW's $3.80 trillion)."""
    claim, expected = finding.claim, finding.expected
    if claim.partner not in (None, "WLD") or expected is None or not finding.evidence or claim.metric not in ("trade_value", "growth"):
        return None
    compilations = set(series_gaps()["national_compilations"])
    if not all(o.dataset in compilations for o in finding.evidence):
        return None
    measured = [national_gaps().get((claim.reporter, claim.flow, o.year // 10 * 10)) for o in finding.evidence]
    if None in measured:  # a decade the two were not both published in: nothing to measure against
        return None
    gap, points = max(m[0] for m in measured), max(m[1] for m in measured)
    nearest = _nearest_allowed(finding, expected.value)
    if nearest is None or not expected.value:
        return None
    if claim.metric == "growth" and not _compared_as_level_ratio(finding):
        within, words = abs(nearest - expected.value) <= points, f"{points:g} percentage points of yearly change"
    elif claim.metric == "growth":  # two levels, each off by up to the gap, either way
        ratio = (1.0 + nearest / 100.0) / (1.0 + expected.value / 100.0)
        within, words = _within_ratio(ratio, gap, twice=True), f"{gap:.0%} in each of the two levels compared"
    else:
        within, words = _within_ratio(nearest / expected.value, gap), f"{gap:.0%}"
    if not within:
        return None
    decades = " and ".join(f"{d}s" for d in sorted({o.year // 10 * 10 for o in finding.evidence}))
    return _cap(finding, "series", f"the data holds {possessive(name_of(claim.reporter))} total only as compiled by "
                                   f"{finding.evidence[0].citation.publisher}, which differed from the country's own "
                                   f"published totals (World Bank WDI) by up to {words} in the {decades}")


def _within_ratio(ratio: float, gap: float, twice: bool = False) -> bool:
    """Whether claimed/held = `ratio` is within what a held figure off by up to `gap` (relative to
    the true one) allows; `twice`: a ratio of two such figures."""
    low, high = 1.0 / (1.0 + gap), (1.0 / (1.0 - gap) if gap < 1 else float("inf"))
    if twice:
        low, high = low * (1.0 - gap), high * (1.0 + gap)
    return low <= ratio <= high


@lru_cache(maxsize=1)
def national_gaps() -> dict[tuple[str, str, int], tuple[float, float]]:
    """(reporter, flow, decade) -> (largest relative gap, largest difference of yearly growth in
    points) between COW's national totals and the World Bank's (tools/measure_series_gaps.py)."""
    text = files("factcheck.verify").joinpath("series_gaps_national.csv").read_text("utf-8")
    return {(r["reporter"], r["flow"], int(r["decade"])): (float(r["gap"]), float(r["growth_points"]))
            for r in csv.DictReader(io.StringIO(text))}


# Caps on any verdict (the figure is not the data's kind of figure), then caps on `contradicted`
def _recorded_zero(finding: Finding) -> Finding | None:
    """7. An amount of trade the data records as exactly zero: no figure to refute the claim by."""
    expected = finding.expected
    if finding.claim.metric != "trade_value" or expected is None or expected.unit != "USD" or expected.value != 0:
        return None
    return _cap(finding, "series", "the data records no trade for this flow and year; a compiler's zero may be trade "
                                   "it did not record (Correlates of War holds inter-Korean trade as 0)")


# only (the reading or the series is not certain enough to tell an author a figure is wrong).
JUDGEMENT_CAPS = (_open_parts, _year_not_over)
CONTRADICTION_CAPS = (_unsafe_binding, _assumed_partner, _other_concept, _unheld_attribution, _other_sides_count,
                      _recorded_zero, _mirror_difference, _within_mirror_gap, _balance_of_one_side, _within_national_gap,
                      _within_revisions, _fob_of_cif_imports, _balance_of_cif_imports)


# Metrics that subtract one flow from another: a mirror side's gap swamps the difference.
DIFFERENCES = frozenset({"balance", "balance_change", "value_change"})


def _one_side_of_two(claim, finding: Finding) -> bool:
    """Whether the evidence holds one side's report of a flow between two countries that both
    publish statistics, when the article may quote the other side's: the partner's report (mirror
    data), or only one side's report of the trade between the two ("India-China trade totaled
    $95.7 billion" is as often China's count as India's; the order of the names is no publisher)
    or of the amount one sent the other. An attribution is checked before this."""
    if not finding.evidence:
        return False
    if {claim.reporter, claim.partner} & set(series_gaps()["non_reporting"]):
        return False
    if any(o.mirror for o in finding.evidence):
        return True
    bilateral = claim.reporter is not None and claim.partner not in (None, "WLD")
    mixed = set(series_gaps()["mixed_sides"])
    if bilateral and any(o.dataset in mixed or (o.series is not None and o.series.publisher_id in mixed)
                         for o in finding.evidence):
        return claim.metric not in DIFFERENCES
    # Trade between two countries names neither side's count. Nor does the amount of a flow with a
    # direction: exports are counted by the exporter's customs, but news quotes one publisher for
    # both directions of its trade ("In 2019, Nigeria exported $2.52B to China" is China's count of
    # its imports, $2.65 billion, where Nigeria reported $1.67 billion). A share is of one
    # country's own total, and a balance keeps its sign whichever side counts it: those stay
    # judged on one side's report.
    two_way = claim.flow == "total" and bilateral
    directed_amount = bilateral and claim.flow in ("export", "import") and claim.metric == "trade_value"
    return (two_way or directed_amount) and claim.metric not in DIFFERENCES and not _both_sides_held(finding)


def _both_sides_held(finding: Finding) -> bool:
    """Whether the evidence has both countries' own reports of the flow (or a compiler's
    reconciliation of the two), so that neither side's figure is missing from the judgment."""
    sides = {o.series.reporter_side for o in finding.evidence if o.series is not None}
    return "reconciled" in sides or {"reporter", "partner"} <= sides


@lru_cache(maxsize=1)
def pair_gaps() -> dict[tuple[str, str], float]:
    """The largest gap each pair's two reports showed (exporter, importer), 2000-2020, IMF DOTS."""
    text = files("factcheck.verify").joinpath("series_gaps_pairs.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return {(r["exporter"], r["importer"]): float(r["gap"]) for r in rows}


def _size_band(value_usd: float) -> dict:
    """The mirror-gap band (series_gaps.yaml) of a flow of this size."""
    return next(band for band in series_gaps()["mirror"] if value_usd / 1e6 >= band["above_musd"])


def _mirror_band(finding: Finding) -> dict:
    """The measured gap for this flow: its size band's 95th percentile, or the pair's own largest
    gap where the pair is known to report very differently (China and South Africa: 66%)."""
    size = max((o.value for o in finding.evidence if o.unit == "USD"), default=0.0) / 1e6
    band = dict(_size_band(size * 1e6))
    pairs = {(o.reporter, o.partner) for o in finding.evidence} | {(o.partner, o.reporter) for o in finding.evidence}
    own = max((pair_gaps().get(p, 0.0) for p in pairs), default=0.0)
    band["value_relative"] = max(band["value_relative"], own)
    return band


def _beyond_mirror_gap(finding: Finding) -> bool:
    """Whether the nearest figure the claim allows is further from the mirror figure than the
    two sides' reports of such a flow ever differ."""
    band = _mirror_band(finding)
    expected = finding.expected
    if expected is None or finding.deviation is None:
        return False
    nearest = _nearest_allowed(finding, expected.value)
    if _compared_as_level_ratio(finding):
        # a change over several years is the ratio of two levels, each one side's count: compared
        # as a ratio, within the gap measured for such levels ("36-fold from 1992 to 2013" against 45-fold)
        claimed = 1.0 + (nearest if nearest is not None else expected.value + finding.deviation) / 100.0
        reference = 1.0 + expected.value / 100.0
        return reference <= 0 or claimed <= 0 or abs(claimed / reference - 1.0) > band["value_relative"]
    if expected.unit == "percent":
        gap = abs(nearest - expected.value) if nearest is not None else abs(finding.deviation)
        return gap > band["growth_points"]
    gap = abs(nearest - expected.value) / abs(expected.value) if nearest is not None and expected.value else abs(finding.deviation)
    return gap > band["value_relative"]


def _compared_as_level_ratio(finding: Finding) -> bool:
    """A change over several years: held against the mirror gap as the ratio of its two levels."""
    return finding.expected is not None and finding.expected.unit == "percent" and _years_of_change(finding.claim) > 1


def _years_of_change(claim) -> int:
    """How many years a change runs over: the measured band in points is of one year's change; a
    change over a span is compared as the ratio of its two levels ("grew by 31 percent from 2010
    to 2014")."""
    period = claim.period
    if claim.metric != "growth" or period is None or period.start is None or period.end is None:
        return 1
    return max(1, period.end - period.start)


def _nearest_allowed(finding: Finding, value: float) -> float | None:
    """The figure the claim allows that is nearest `value` ("nearly $57 billion" allows $54.2
    billion), or None for a claim without an interval."""
    claimed = compare.claim_interval(finding.claim, Tolerances())
    return min(max(value, claimed.low), claimed.high) if claimed else None


def _gap_words(finding: Finding) -> str:
    band = _mirror_band(finding)
    if _compared_as_level_ratio(finding):
        return f"{band['value_relative']:.0%} in the two levels such a change over several years compares"
    if finding.expected is not None and finding.expected.unit == "percent":
        return f"{band['growth_points']:g} percentage points"
    return f"{band['value_relative']:.0%}"
