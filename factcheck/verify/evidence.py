"""Reference figures for a query, one per dataset and year, with the arithmetic that made them.

Derivations are kept inside one dataset (total = exports + imports of the same source and year;
a share = part / whole of the same source and year), because mixing publishers' figures would
hide exactly the disagreements a fact-checker needs to see.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from factcheck.countries import name_of, possessive
from factcheck.kept import kept_on
from factcheck.numbers import format_value
from factcheck.records import record_of
from factcheck.reference.catalog import commodity_range
from factcheck.reference.model import Observation

if TYPE_CHECKING:
    from factcheck.reference import Catalog


class LazyText:
    """A text formatted on first use: `value_figures` builds a figure for every year of every
    dataset, and a finding shows the arithmetic of one or two of them (issue 13)."""

    __slots__ = ("_build", "_args", "_text")

    def __init__(self, build: Callable[..., str], *args):
        self._build, self._args, self._text = build, args, None

    def __str__(self) -> str:
        if self._text is None:
            self._text = self._build(*self._args)
            self._build, self._args = None, ()
        return self._text

    def __repr__(self) -> str:
        return repr(str(self))

    def __eq__(self, other) -> bool:
        return str(self) == (str(other) if isinstance(other, LazyText) else other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __reduce__(self):  # a worker process sends the text, not the recipe
        return str, (str(self),)


@dataclass(frozen=True)
class Figure:
    """One reference figure. `arithmetic` says how it was read or derived; it may be given as a
    `LazyText`, formatted only when read."""

    value: float
    unit: str
    precision: float
    dataset: str
    citation: str
    year: int
    _arithmetic: str | LazyText
    evidence: tuple[Observation, ...] = field(default=())

    @property
    def arithmetic(self) -> str:
        return str(self._arithmetic)

    @property
    def source(self) -> str:
        """The publisher, for prose ("per China customs (GACC)"); the dataset id when unknown."""
        return self.evidence[0].citation.publisher if self.evidence and self.evidence[0].citation.publisher else self.dataset

    @property
    def mirror(self) -> bool:
        return any(o.mirror for o in self.evidence)

    @property
    def counted_by(self) -> str | None:
        """The country whose count the figure is (that of its first observation)."""
        return counted_by(self.evidence[0]) if self.evidence else None

    @property
    def series_key(self) -> tuple[str, str, str | None]:
        """One publisher's series of one dataset as one country counts it: the unit within which
        figures are combined (IMF DOTS holds both countries' counts of a pair's trade)."""
        return self.dataset, self.source, self.counted_by


def counted_by(o: Observation) -> str:
    """The country whose count an observation is: its reporter, or the partner for mirror data."""
    return o.partner if o.mirror else o.reporter


def same_series(figures, fig: Figure) -> Figure | None:
    """The figure among `figures` from the same publisher's series as `fig`: derivations (totals,
    shares, balances, growth) never mix publishers, which would hide their disagreements, nor two
    countries' counts where the dataset holds both (a growth rate from Ghana's 2017 count to
    China's 2018 count measured neither). A dataset that keeps one count a flow (COW: each flow as
    its importer reported it) pairs its flows whoever counted them."""
    same = [f for f in figures if f.series_key[:2] == fig.series_key[:2]]
    return next((f for f in same if f.counted_by == fig.counted_by), same[0] if same else None)


# The arithmetic texts, formatted when a finding shows them (see LazyText).
def _as_read(label: str, year: int, value: float, mirror: bool) -> str:
    return f"{label}, {year}: {format_value(value, 'USD')}" + (" (mirror: as reported by the partner)" if mirror else "")


def _summed_lines(label: str, year: int, lines: int, total: float) -> str:
    return f"{label}, {year}: sum of {lines} HS lines = {format_value(total, 'USD')}"


def _total_less_other(label: str, year: int, total: float, other: float, value: float) -> str:
    return (f"{label}, {year}: total {format_value(total, 'USD')} - the other flow "
            f"{format_value(other, 'USD')} = {format_value(value, 'USD')}")


def _two_flows(label: str, year: int, exports: float, sign: str, imports: float, result: float) -> str:
    return (f"{label}, {year}: exports {format_value(exports, 'USD')} {sign} imports {format_value(imports, 'USD')}"
            f" = {format_value(result, 'USD')}")


def _published_share(what: str, year: int, value: float) -> str:
    return f"{what}, {year}: {format_value(value, 'percent')} as published"


def _part_of_whole(what: str, year: int, part: float, whole: float, share: float) -> str:
    return f"{what}, {year}: {format_value(part, 'USD')} / {format_value(whole, 'USD')} = {format_value(share, 'percent')}"


def _summed_partners(partners: int, total: float) -> str:
    return f"sum over {partners} partners = {format_value(total, 'USD')}"


def _fetch(catalog: Catalog, reporter: str, partner: str | None, flow: str, hs_codes, unit: str,
           month: int | None = None, only_year: int | None = None) -> list[Observation]:
    """The observations of the question, of every year or of `only_year` only (the same rows in
    the same order as that year's share of every year's)."""
    by_month = {"month": month} if month is not None else {}  # a monthly series answers a month only
    section = commodity_range(hs_codes)  # a whole section ("50-63", textiles) is published as one figure
    if section:  # published in any year, the section stands for its codes in every year
        rows = list(catalog.observations(reporter=reporter, partner=partner, flow=flow, commodity=section, unit=unit, **by_month))
        if rows:
            return rows if only_year is None else [o for o in rows if o.year == only_year]
    years = {"years": (only_year, only_year)} if only_year is not None else {}
    rows = []
    for hs in hs_codes:
        rows.extend(catalog.observations(reporter=reporter, partner=partner, flow=flow, commodity=hs, unit=unit,
                                         **by_month, **years))
    return rows


@lru_cache(maxsize=4096)
def _label(reporter: str, partner: str | None, flow: str) -> str:
    r, p = name_of(reporter), name_of(partner) if partner else None
    if flow == "total":
        return f"{r}–{p} trade" if p and partner != "WLD" else f"{possessive(r)} total trade"
    noun = "exports" if flow == "export" else "imports"
    if not p or partner == "WLD":
        return f"{possessive(r)} {noun}"
    return f"{possessive(r)} {noun} {'to' if flow == 'export' else 'from'} {p}"


# Figures are a pure function of the (immutable) catalog and the question: an article, and a batch of
# articles, asks the same few questions again and again (a claim, its mix-up readings, growth bases,
# derived flows). They are built once per catalog and question and kept as tuples; each caller gets
# its own dict (a defaultdict: looking up a missing year adds an empty list to that caller's dict
# only) holding the shared tuples, which cannot be changed (the Figures themselves are frozen).
# Copying every year's list for every call was a tenth of a check's time. 128 questions: as fast
# on 100 benchmark articles with COW as 512, and ~10 MB less held.
FIGURE_CACHE_SIZE = 128


def _memoised(builder):
    def cached(catalog, *args, **kwargs):
        key = (builder.__name__, *(tuple(a) if isinstance(a, list) else a for a in args),  # a None keyword is its default
               *sorted((name, value) for name, value in kwargs.items() if value is not None))
        cache = kept_on(catalog, "_figures", FIGURE_CACHE_SIZE)
        try:
            found = cache.get(key)
        except TypeError:  # an unhashable argument: build without the cache
            return builder(catalog, *args, **kwargs)
        if found is None:
            found = cache.put(key, {year: tuple(figures) for year, figures in builder(catalog, *args, **kwargs).items()})
        return defaultdict(list, found)

    cached.__name__, cached.__doc__, cached.__wrapped__ = builder.__name__, builder.__doc__, builder
    return cached


@_memoised
def value_figures(catalog: Catalog, reporter: str, partner: str, flow: str, hs_codes=("TOTAL",),
                  *, derive: bool = True, month: int | None = None, only_year: int | None = None) -> dict[int, list[Figure]]:
    """USD figures per year (or, with `month`, for that month of each year), one per publisher of
    each dataset in the catalog's preference order; with `derive`, a pair's total from its two
    flows and one flow from the total and the other. With `only_year`, that year's figures only, the
    same as every year's give for it (each year's figures are built from that year's rows)."""
    rows = _fetch(catalog, reporter, partner, flow, hs_codes, "USD", month, only_year)
    if flow == "total" and partner not in (None, "WLD"):
        rows += _fetch(catalog, partner, reporter, "total", hs_codes, "USD", month, only_year)
    if month is not None:
        derive = False  # monthly tables publish each flow
    # One figure per publisher, reporting country and year, never one per dataset: a dataset may
    # hold several publishers' figures for the same flow (China's customs and KOTRA in
    # chn-prk-news), and IMF DOTS both countries' counts of their trade (Egypt's $6.9 billion with
    # China in 2018, China's $13.9 billion: the second was dropped as the same publisher's).
    grouped: dict[tuple[int, str, str, str], list[Observation]] = defaultdict(list)
    order: list[tuple[int, str, str, str]] = []
    for o in rows:
        key = (o.year, o.dataset, o.citation.publisher, counted_by(o))
        if key not in grouped:
            order.append(key)
        grouped[key].append(o)
    label = _label(reporter, partner, flow)
    figures: dict[int, list[Figure]] = defaultdict(list)
    for key in order:
        obs = grouped[key]
        if len(obs) > 1 and hs_codes != ("TOTAL",):
            total = sum(o.value for o in obs)
            figures[key[0]].append(Figure(total, "USD", max(o.precision for o in obs), key[1], str(obs[0].citation), key[0],
                                          LazyText(_summed_lines, label, key[0], len(obs), total), tuple(obs)))
        else:
            figures[key[0]].append(_figure_as_read(obs[0], label))  # the usual case, one figure per row read
    if derive and flow == "total" and partner is not None:  # a pair's trade, or a country's total with the world
        _add_derived_totals(catalog, reporter, partner, hs_codes, figures, label, only_year)
    if derive and flow in ("export", "import") and partner not in (None, "WLD"):
        _add_derived_flows(catalog, reporter, partner, flow, hs_codes, figures, label, only_year)
    return figures


def _figure_as_read(o: Observation, label: str) -> Figure:
    """The Figure of one observation as read: the usual case, built for each year of each question."""
    return record_of(Figure, {"value": o.value, "unit": "USD", "precision": o.precision, "dataset": o.dataset,
                              "citation": str(o.citation), "year": o.year,
                              "_arithmetic": LazyText(_as_read, label, o.year, o.value, o.mirror), "evidence": (o,)})


def _add_derived_flows(catalog, reporter, partner, flow, hs_codes, figures, label, only_year=None) -> None:
    """One flow = the pair's total minus the other flow, within one publisher's series and year,
    for years in which no dataset publishes the flow itself (China's customs gave North Korea's
    2023 total and one side)."""
    totals = value_figures(catalog, reporter, partner, "total", hs_codes, derive=False, only_year=only_year)
    # A published figure for the flow beats any derived one: the other flow is read only when
    # some year with a total lacks one (a bilateral table's every year has both flows).
    missing = [year for year in totals if not figures.get(year)]
    if not missing:
        return
    others = value_figures(catalog, reporter, partner, "import" if flow == "export" else "export", hs_codes,
                           derive=False, only_year=only_year)
    for year in missing:
        for total in totals[year]:
            other = same_series(others.get(year, []), total)
            if other is None or other.value >= total.value:
                continue
            value = total.value - other.value
            figures[year].append(Figure(
                value, "USD", total.precision + other.precision, total.dataset, total.citation, year,
                LazyText(_total_less_other, label, year, total.value, other.value, value), total.evidence + other.evidence))


def _add_derived_totals(catalog, reporter, partner, hs_codes, figures, label, only_year=None) -> None:
    """total = exports + imports, within one dataset and year, where no total is published."""
    exports = value_figures(catalog, reporter, partner, "export", hs_codes, derive=False, only_year=only_year)
    if not exports:
        return
    imports = value_figures(catalog, reporter, partner, "import", hs_codes, derive=False, only_year=only_year)
    for year, ex_list in exports.items():
        have = {f.series_key for f in figures.get(year, [])}
        for ex in ex_list:
            im = same_series(imports.get(year, []), ex)
            if im is None or ex.series_key in have:
                continue
            total = ex.value + im.value
            figures[year].append(Figure(
                total, "USD", ex.precision + im.precision, ex.dataset, ex.citation, year,
                LazyText(_two_flows, label, year, ex.value, "+", im.value, total), ex.evidence + im.evidence))


@_memoised
def share_figures(catalog: Catalog, reporter: str, partner: str, flow: str, hs_codes=("TOTAL",),
                  *, sum_year: int | None = None, only_year: int | None = None) -> dict[int, list[Figure]]:
    """Percent shares per year: published shares first, then part/whole from one dataset. For
    `sum_year` only, the whole may be summed over a bilateral table's partners (a costly scan).
    With `only_year`, that year's shares only (as `value_figures`)."""
    figures: dict[int, list[Figure]] = defaultdict(list)
    commodity_share = hs_codes != ("TOTAL",)
    published = _fetch(catalog, reporter, partner, flow, hs_codes, "percent", only_year=only_year)
    seen: set[tuple[int, str]] = set()
    what = (f"share of {possessive(name_of(reporter))} {flow}s" if commodity_share
            else f"{possessive(name_of(partner))} share of {possessive(name_of(reporter))} {flow}s")
    for o in published:
        if (o.year, o.dataset) in seen:
            continue
        seen.add((o.year, o.dataset))
        figures[o.year].append(Figure(o.value, "percent", o.precision or 1.0, o.dataset, str(o.citation), o.year,
                                      LazyText(_published_share, what, o.year, o.value), (o,)))
    part = value_figures(catalog, reporter, "WLD" if commodity_share else partner, flow, hs_codes, only_year=only_year)
    whole = value_figures(catalog, reporter, "WLD", flow, only_year=only_year)
    for year, parts in part.items():
        for p in parts:
            w = same_series(whole.get(year, []), p)
            if w is None and year == sum_year and not commodity_share and (year, p.dataset) not in seen:
                w = _sum_of_partners(catalog, reporter, flow, year, p.dataset)
            if w is None or not w.value or (year, p.dataset) in seen:
                continue
            seen.add((year, p.dataset))
            share = 100.0 * p.value / w.value
            precision = 100.0 * (p.precision / w.value + p.value * w.precision / w.value**2)
            figures[year].append(Figure(share, "percent", precision, p.dataset, p.citation, year,
                                        LazyText(_part_of_whole, what, year, p.value, w.value, share), p.evidence + w.evidence))
    return figures


MIN_PARTNERS_FOR_A_WHOLE = 20


def _sum_of_partners(catalog: Catalog, reporter: str, flow: str, year: int, dataset: str) -> Figure | None:
    """The reporter's total as the sum over every partner of one bilateral table (Correlates of
    War): only where the table lists enough partners to stand for the whole."""
    rows = [o for o in catalog.observations(reporter=reporter, flow=flow, unit="USD", years=(year, year))
            if o.dataset == dataset and o.partner not in ("WLD", reporter) and o.commodity == "TOTAL"]
    if len({o.partner for o in rows}) < MIN_PARTNERS_FOR_A_WHOLE:
        return None
    total = sum(o.value for o in rows)
    return Figure(total, "USD", sum(o.precision for o in rows), dataset, str(rows[0].citation), year,
                  LazyText(_summed_partners, len(rows), total), ())


MIN_PARTNERS_TO_RANK = {"percent": 3, "USD": 10}  # the Factbook lists the top five partners


def partner_ranking(catalog: Catalog, reporter: str, flow: str, year: int | None,
                    min_partners: int = 0, exclude: frozenset[str] = frozenset()) -> tuple[int | None, list[Observation]]:
    """The reporter's partners for one year and one dataset, largest first: published shares
    where a dataset lists enough of them (`min_partners`: a claimed sixth place needs more than
    the Factbook's top five), else values (bilateral tables such as Correlates of War)."""
    for unit in ("percent", "USD"):
        rows = _ranked_rows(catalog, reporter, flow, unit, year, exclude)
        if not rows:
            continue
        chosen = year if year is not None else max(o.year for o in rows)
        in_year = [o for o in rows if o.year == chosen]
        if not in_year:
            continue
        by_dataset: dict[str, list[Observation]] = defaultdict(list)
        for o in in_year:
            by_dataset[o.dataset].append(o)
        # A ranking needs a table of partners: a dataset that lists one or two partners of this
        # reporter (a mirror extract centred on China) cannot say who comes first.
        need = max(MIN_PARTNERS_TO_RANK[unit], min_partners)
        full = [rows for rows in by_dataset.values() if len({o.partner for o in rows}) >= need]
        if not full:
            continue
        # one figure a partner: a dataset may hold two counts of one flow (the reporter's and the
        # partner's); the catalog's preferred one comes first
        one_each = list({o.partner: o for o in reversed(full[0])}.values())
        return chosen, sorted(one_each, key=lambda o: -o.value)
    return None, []


# A ranking with no year is of the newest year with partner figures. Those are looked for in the
# last years before the newest figure of any kind first: all of a reporter's partners in every year
# of a bilateral table (Correlates of War: ~190 partners × 145 years) were most of a check's time.
NEWEST_RANKING_WINDOW = 10


def _ranked_rows(catalog: Catalog, reporter: str, flow: str, unit: str, year: int | None,
                 exclude: frozenset[str]) -> list[Observation]:
    """The rows `partner_ranking` chooses from: the year's, or with no year rows whose newest year
    is the newest year of any partner figure (the window's rows when it holds any such figure,
    since nothing newer exists; else every year's)."""
    def rows_in(years: tuple[int, int] | None, sum_flows: bool = True) -> list[Observation]:
        return [o for o in _partner_rows(catalog, reporter, flow, unit, years, sum_flows) if o.dataset not in exclude]

    if year is not None:
        return rows_in((year, year))
    newest = catalog.latest_year(reporter=reporter, flow=flow, unit=unit)
    window = rows_in((newest - NEWEST_RANKING_WINDOW + 1, newest), sum_flows=False) if newest is not None else []
    return window or rows_in(None)


def _partner_rows(catalog: Catalog, reporter: str, flow: str, unit: str, years: tuple[int, int] | None,
                  sum_flows: bool = True) -> list[Observation]:
    """The reporter's figures by partner for one flow. A ranking of total trade ("the largest
    trading partner") is of exports plus imports: where no dataset publishes the total, each
    partner's two flows of one dataset and year are added up (unless `sum_flows` is False: a
    window of years without a published total says nothing of the years before it). Shares are
    never added: a share of exports and one of imports have different wholes."""

    def rows_of(f: str) -> list[Observation]:
        return [o for o in catalog.observations(reporter=reporter, flow=f, unit=unit, years=years)
                if o.partner not in ("WLD", reporter) and o.commodity == "TOTAL"]

    rows = rows_of(flow)
    if rows or flow != "total" or unit != "USD" or not sum_flows:
        return rows
    imports = {(o.dataset, o.year, o.partner): o for o in rows_of("import")}
    summed = []
    for ex in rows_of("export"):
        im = imports.get((ex.dataset, ex.year, ex.partner))
        if im is not None and im.mirror == ex.mirror:
            summed.append(replace(ex, flow="total", value=ex.value + im.value, precision=max(ex.precision, im.precision)))
    return summed


@_memoised
def balance_figures(catalog: Catalog, reporter: str, partner: str) -> dict[int, list[Figure]]:
    """Trade balance (exports minus imports) per year, within one publisher's series and year."""
    exports = value_figures(catalog, reporter, partner, "export")
    imports = value_figures(catalog, reporter, partner, "import")
    figures: dict[int, list[Figure]] = defaultdict(list)
    label = f"{possessive(name_of(reporter))} trade balance" + (f" with {name_of(partner)}" if partner not in (None, "WLD") else "")
    for year, ex_list in exports.items():
        for ex in ex_list:
            im = same_series(imports.get(year, []), ex)
            if im is None:
                continue
            balance = ex.value - im.value
            figures[year].append(Figure(
                balance, "USD", ex.precision + im.precision, ex.dataset, ex.citation, year,
                LazyText(_two_flows, label, year, ex.value, "-", im.value, balance), ex.evidence + im.evidence))
    return figures
