"""The one observation schema every reference dataset is read into (issue 4)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal, get_args

OBSERVATION_COLUMNS = (
    "dataset", "reporter", "partner", "flow", "commodity", "year", "value", "unit",
    "precision", "publisher", "title", "url", "note",
)


@dataclass(frozen=True)
class Citation:
    publisher: str
    title: str
    url: str | None = None
    year: int | None = None  # the publication year or vintage, where known

    def __str__(self) -> str:
        # Formatted once per citation: a check formats the same few citations for every figure.
        text = self.__dict__.get("_text")
        if text is None:
            parts = [self.publisher, self.title]
            if self.year:
                parts.append(str(self.year))
            text = ", ".join(p for p in parts if p)
            text = f"{text} <{self.url}>" if self.url else text
            object.__setattr__(self, "_text", text)
        return text


@lru_cache(maxsize=1024)
def _turned_round(series: Series) -> Series:
    """Memoised: every mirror row of a query turns the same few series round (Series are frozen)."""
    swap = {"reporter": "partner", "partner": "reporter"}
    return replace(series, reporter_side=swap.get(series.reporter_side, series.reporter_side))


ReporterSide = Literal["reporter", "partner", "reconciled", "estimated", "unknown"]
Concept = Literal["goods", "goods_and_services", "unknown"]
Valuation = Literal["fob", "cif", "customs", "mixed", "unknown"]
Frequency = Literal["annual", "monthly"]
Vintage = Literal["first_release", "revised", "unknown"]
SERIES_VALUES = {"reporter_side": get_args(ReporterSide), "concept": get_args(Concept),
                 "valuation": get_args(Valuation), "frequency": get_args(Frequency), "vintage": get_args(Vintage)}


@dataclass(frozen=True)
class Series:
    """What a figure measures, so two figures of different kinds are never compared as one.

    Built from the `series` entries of a dataset's datapackage.json (reference/series.py), one per
    publisher (a dataset quoting several publishers has several), resolved for the figure's flow.

    - `publisher_id`: short stable key of the publisher ("gacc", "kotra", "census", "imf-dots",
      "wdi", "comtrade", "cia-factbook", "cow", ...), for binding "according to KOTRA" to a series;
      `publisher` is its display name.
    - `reporter_side`: who reported the flow, seen from the observation's reporter: "reporter"
      (the reporter's own statistics: US imports as the US Census counts them), "partner" (mirror:
      the partner's report of the reverse flow, e.g. North Korea's exports as China's imports),
      "reconciled" (a compiler's blend of both sides, e.g. CEPII BACI), "estimated" (an agency's
      estimate, e.g. KOTRA's or IMF-estimated cells), or "unknown". `Observation.mirror` stays: it
      says the catalog turned the row round; `reporter_side` says whose report the number is.
    - `concept`: "goods" (merchandise trade) or "goods_and_services" (balance-of-payments style
      totals, as the Factbook prints since its 2021 editions), or "unknown".
    - `valuation`: "fob" (free on board; US exports are F.A.S., counted here as fob), "cif" (cost,
      insurance and freight: most countries' imports), "customs" (customs value, e.g. US general
      imports: no freight or insurance), "mixed" (a sum of fob exports and cif imports, or a
      compilation of both), "unknown".
    - `territory`: a note on territorial coverage that changes the figure, e.g. "China: mainland,
      excluding Hong Kong, Macao and Taiwan"; None when nothing needs saying.
    - `currency`: ISO 4217 code of the published figure before conversion (values are stored in
      `unit`, USD); `frequency`: "annual" or "monthly".
    - `vintage`: "first_release" (as first published), "revised" (after the publisher's
      revisions) or "unknown"; `as_of`: when the figures were taken (ISO date or its prefix,
      "2022-02"), None if unknown.
    """

    publisher_id: str
    publisher: str
    reporter_side: ReporterSide
    concept: Concept
    valuation: Valuation
    territory: str | None = None
    currency: str = "USD"
    frequency: Frequency = "annual"
    vintage: Vintage = "unknown"
    as_of: str | None = None

    def turned_round(self) -> Series:
        """The same series seen from the partner (a mirror reading): the reporter's own report
        becomes the partner's, and the other way round."""
        return _turned_round(self)

    def describe(self) -> str:
        """A short line for findings: "U.S. Census Bureau, goods, as reported by the reporter,
        revised 2024-06"."""
        side = {"reporter": "as reported by the reporter", "partner": "as reported by the partner (mirror)",
                "reconciled": "reconciled from both sides", "estimated": "estimated",
                "unknown": "reporter side unknown"}[self.reporter_side]
        concept = self.concept.replace("_", " ") if self.concept != "unknown" else "concept unknown"
        parts = [self.publisher, concept, side]
        if self.valuation != "unknown":
            parts.append(self.valuation.upper() if self.valuation in ("fob", "cif") else f"{self.valuation} valuation")
        if self.frequency == "monthly":
            parts.append("monthly")
        if self.vintage != "unknown":
            parts.append(self.vintage.replace("_", " ") + (f" {self.as_of}" if self.as_of else ""))
        return ", ".join(parts)


@dataclass(frozen=True)
class Observation:
    """One published figure.

    `reporter` is the country whose trade it is (ISO3); `partner` ISO3 or "WLD"; `flow` export,
    import or total, seen from the reporter; `commodity` an HS code or "TOTAL"; `unit` "USD" or
    "percent". `precision` is the publisher's rounding step in `unit` (1e7 for "$2.3 billion" given
    to two significant figures, 1.0 for "97%"); 0 means exact as far as we know. `mirror` is True
    when the figure was reported by the partner (North Korea's exports as China's imports).
    `series` says what the figure measures (publisher, reporter side, concept, valuation, territory,
    currency, frequency, vintage); None only for figures built outside a catalog. `month` is 1-12
    for a monthly figure, None for a calendar year.
    """

    dataset: str
    reporter: str
    partner: str
    flow: str
    commodity: str
    year: int
    value: float
    unit: str
    precision: float
    citation: Citation
    note: str | None = None
    mirror: bool = False
    series: Series | None = None
    month: int | None = None


@dataclass(frozen=True)
class DatasetInfo:
    """What `factcheck data list` and the JSON report's `datasets` show for one dataset."""

    id: str
    title: str
    publisher: str
    license: str
    citation: str
    version: str
    sha256: str
    rows: int
    years: tuple[int, int] | None
    bundled: bool
    path: str
