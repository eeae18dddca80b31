"""The catalog: every reference dataset (bundled CSVs and imported Parquet), validated on load and
queried in one observation schema.

Small datasets (CSV) are held in one pandas frame; bulk ones (Parquet, hundreds of thousands to
millions of rows) stay on disk: bulk.ParquetTable reads only the row groups whose statistics can
match, so a reporter/partner query reads a few thousand rows, never the whole table.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from factcheck.countries import name_of, possessive
from factcheck.errors import DatasetError
from factcheck.kept import kept_on
from factcheck.records import record_of
from factcheck.reference.bulk import ParquetTable
from factcheck.reference.datapackage import read_descriptor, read_observation_csv, resource_hash, verify_hashes
from factcheck.reference.model import Citation, DatasetInfo, Observation, Series
from factcheck.reference.series import SeriesTable
from factcheck.reference.store import bundled_dir, check_store, dataset_folders, recover_store

WORLD = "WLD"
# Countries that publish no trade statistics: their flows are only known from partners' reports.
NON_REPORTING = frozenset({"PRK"})
SWAPPED_FLOW = {"export": "import", "import": "export", "total": "total"}
DEFAULT_RANK = 50
# Within a dataset that quotes several publishers, official customs and statistics offices come
# first, then agencies' estimates from them, then compilers of mirror data, then the Factbook.
_PUBLISHER_RANKS = (
    (re.compile(r"customs|statistic|kosis|comtrade|GACC", re.I), 0),
    (re.compile(r"KOTRA|KITA|Bank of Korea", re.I), 1),
    (re.compile(r"ITC|OEC|Trade Map|Observatory", re.I), 2),
    (re.compile(r"Factbook|CIA", re.I), 3),
)
_QUERY_COLUMNS = ["reporter", "partner", "flow", "commodity", "year", "value", "unit", "precision"]
_OPTIONAL_COLUMNS = ("series", "month")  # a row's series entry id; the month of a monthly figure


def commodity_range(codes: Sequence[str]) -> str | None:
    """The catalog's code for a contiguous run of HS chapters: ("50", …, "63") → "50-63" (textiles,
    HS section XI). Publishers often give one figure for a whole section; it is stored under the
    range, never split into chapters. None unless `codes` are consecutive two-digit chapters."""
    if len(codes) < 2 or not all(len(c) == 2 and c.isdigit() for c in codes):
        return None
    numbers = sorted(int(c) for c in codes)
    if numbers != list(range(numbers[0], numbers[-1] + 1)):
        return None
    return f"{numbers[0]:02d}-{numbers[-1]:02d}"


@lru_cache(maxsize=256)
def publisher_rank(publisher: str) -> int:
    for pattern, rank in _PUBLISHER_RANKS:
        if pattern.search(publisher or ""):
            return rank
    return 2


def _combined_hash(descriptor: dict) -> str:
    hashes = [resource_hash(r) for r in descriptor["resources"]]
    if len(hashes) == 1:
        return hashes[0]
    return hashlib.sha256("".join(hashes).encode()).hexdigest()


def _publisher(descriptor: dict) -> str:
    for contributor in descriptor.get("contributors", []):
        if contributor.get("role") == "publisher":
            return contributor.get("title", "")
    sources = descriptor.get("sources", [])
    return sources[0].get("title", "") if sources else ""


def _info(folder: Path, descriptor: dict, rows: int, years: tuple[int, int] | None, bundled: bool) -> DatasetInfo:
    licenses = descriptor.get("licenses", [])
    return DatasetInfo(
        id=descriptor["name"],
        title=descriptor["title"],
        publisher=_publisher(descriptor),
        license=licenses[0].get("name", "") if licenses else "",
        citation=descriptor.get("citation", ""),
        version=str(descriptor.get("version", "")),
        sha256=_combined_hash(descriptor),
        rows=rows,
        years=years,
        bundled=bundled,
        path=str(folder),
    )


@dataclass(frozen=True)
class RankedCommodity:
    """One entry of a published ranking of a country's exports or imports."""

    dataset: str
    reporter: str
    flow: str
    year: int | None
    rank: int
    label: str
    citation: Citation


class OutdatedImport(NamedTuple):
    """An imported dataset written by an older factcheck: what it lacks (keys of OUTDATED_PARTS)
    and the source file it was imported from, as its datapackage.json records it."""

    dataset: str
    title: str
    missing: tuple[str, ...]
    source: str

    def note(self) -> str:
        """One line for stderr: what is missing, what it costs, how to complete it."""
        from factcheck.reference.importers import kind_for_title  # only for an outdated dataset

        costs = "; ".join(OUTDATED_PARTS[part] for part in self.missing)
        kind = kind_for_title(self.title) or "KIND"
        named = "" if self.dataset == kind else f" --id {self.dataset}"
        return (f"dataset {self.dataset} was imported by an older factcheck ({costs}); import it again to complete "
                f"it: factcheck data import {kind} {shlex.quote(self.source)}{named} --replace")


# What an import by an older factcheck can lack, and what that costs a check. A partner-sorted copy
# that is missing makes every partner-side question (another country's imports from X, the shares
# of a total) decode hundreds of row groups: a check of realistic articles ran twice as long.
OUTDATED_PARTS = {
    "by_partner": "no partner-sorted copy, so checks that use it run up to 2x slower",
    "series": "no series metadata, so findings cannot say what its figures measure",
}


@dataclass(frozen=True)
class _Bulk:
    """A Parquet dataset: every row shares the dataset's citation. `by_partner` is the same rows
    sorted by partner first (written by the importers), so a query naming a partner but no
    reporter reads a few row groups instead of all; `monthly` holds monthly figures, if any."""

    info: DatasetInfo
    table: ParquetTable
    citation: Citation
    countries: frozenset[str]
    rank: int
    index: Path | None = None  # first/last year per reporter, partner, flow, unit (importers.year_spans)
    by_partner: ParquetTable | None = None
    monthly: ParquetTable | None = None
    default_series: str = ""  # the series entry of rows without a series column
    monthly_series: str = ""
    outdated: OutdatedImport | None = None  # what an import by an older factcheck lacks

    @property
    def spans(self) -> pd.DataFrame | None:
        return _read_spans(self.index) if self.index else None


def _signature(folders: Sequence[Path]) -> tuple:
    """Changes whenever a dataset is imported, removed or repackaged, so the load cache never
    serves stale data."""
    stats = []
    for folder in folders:
        stat = (folder / "datapackage.json").stat()
        stats.append((str(folder), stat.st_mtime_ns, stat.st_size))
    return tuple(stats)


class Catalog:
    """All reference datasets. Build with `Catalog.load()`; query with `observations()`."""

    def __init__(self, frame: pd.DataFrame, bulk: Sequence[_Bulk], infos: Sequence[DatasetInfo],
                 ranks: dict[str, int], citations: dict[str, Citation], preferred: Sequence[str] = (),
                 rankings: Sequence[tuple[str, pd.DataFrame]] = (), series: dict[str, SeriesTable] | None = None):
        self._frame = frame
        self._bulk = tuple(bulk)
        self._infos = tuple(infos)
        self._ranks = dict(ranks)
        self._citation_years = {k: c.year for k, c in citations.items()}
        self.preferred = tuple(preferred)
        self._rankings = tuple(rankings)
        self._citations = dict(citations)
        self._series = dict(series or {})
        self._countries = frozenset(frame["reporter"]).union(frame["partner"]).union(
            *(b.countries for b in self._bulk)) - {WORLD}

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def load(cls, data_dir: Path | None = None, preferred: Sequence[str] = ()) -> Catalog:
        """Bundled datasets plus everything imported into the local store (see store.py).

        Raises DatasetError (one line naming the file and row) for a dataset that fails its checks.
        Loads are cached until a datapackage.json changes."""
        root = check_store(data_dir)
        recover_store(root)  # finish an import or removal that was killed half-way
        folders = dataset_folders(bundled_dir()) + dataset_folders(root)
        return _load_cached(_signature(folders), tuple(preferred))

    # -- what is there ---------------------------------------------------------------------------
    def datasets(self) -> list[DatasetInfo]:
        return list(self._infos)

    def series(self, dataset: str | None = None) -> list[tuple[str, Series]]:
        """Every (dataset id, Series) the catalog can attach to a figure, each entry of each
        dataset resolved for each flow: which publishers, reporter sides, concepts and
        valuations it holds (to bind "according to KOTRA" to a series, or say none is held)."""
        return [(dataset_id, s) for dataset_id, table in self._series.items()
                if dataset is None or dataset_id == dataset for s in table.all_series()]

    def publishers(self) -> dict[str, str]:
        """publisher_id → display name of every publisher whose series the catalog holds."""
        return {s.publisher_id: s.publisher for _, s in self.series()}

    def outdated_imports(self) -> list[OutdatedImport]:
        """Imported datasets that an older factcheck wrote and importing again would complete
        (see OUTDATED_PARTS): the CLI says so in one line rather than run slower in silence. The
        store is never rewritten behind the user's back: a check stays a read-only use of it."""
        return [b.outdated for b in self._bulk if b.outdated is not None]

    def knows_country(self, iso3: str) -> bool:
        return iso3.upper() in self._countries

    def years_covered(self, reporter: str | None = None, partner: str | None = None) -> tuple[int, int] | None:
        """First and last year with any figure for the pair, either way round (mirror data counts)."""
        years = self._years(reporter, partner, None, None, None)
        if reporter or partner:
            years += self._years(partner, reporter, None, None, None)
        return (min(y[0] for y in years), max(y[1] for y in years)) if years else None

    def latest_year(self, *, reporter: str, partner: str | None = None, flow: str | None = None,
                    unit: str | None = None, commodity: str | None = "TOTAL") -> int | None:
        """The last year with a figure for this reporter (or, for USD, a mirror figure)."""
        years = self._years(reporter, partner, flow, commodity, unit)
        if partner != WORLD and unit in (None, "USD"):
            years += self._years(partner, reporter, SWAPPED_FLOW.get(flow) if flow else None, commodity, "USD")
        return max(y[1] for y in years) if years else None

    # -- figures ---------------------------------------------------------------------------------
    def observations(self, *, reporter: str | None = None, partner: str | None = None, flow: str | None = None,
                     commodity: str | None = "TOTAL", years: tuple[int, int] | None = None,
                     unit: str | None = None, mirror: bool = True, month: int | None = None,
                     monthly: bool = False) -> list[Observation]:
        """Every matching figure from every dataset, most preferred first.

        Calendar-year figures only, unless `month` (1-12: that month's figures) or `monthly`
        (every month of the years asked) is given: a monthly figure never answers a question
        about a year. Each figure carries its `series` (publisher, reporter side, concept,
        valuation, territory, currency, frequency, vintage).

        Order: the `preferred` dataset ids, then each dataset's rank (official statistics before
        compilations and estimates), reported before mirror figures, published before derived,
        official publishers before agencies' estimates, then year. With `mirror`, a reporter's
        exports to P are also answered by P's reported imports from it (and vice versa; totals
        either way round), returned with mirror=True and a note."""
        # Memoised: verifying one article asks the same few questions many times (a claim, its
        # mix-up readings, growth bases), and a catalog never changes once loaded.
        months = (month, month) if month is not None else (1, 12) if monthly else None
        key = (reporter, partner, flow, commodity, years, unit, mirror, months)
        cache = kept_on(self, "_answers", ANSWERS_KEPT)
        found = cache.get(key)
        if found is None:
            found = cache.put(key, tuple(self._rows(reporter, partner, flow, commodity, years, unit, mirror, months)))
        return list(found)

    def top_commodities(self, *, reporter: str, flow: str) -> list[RankedCommodity]:
        """A country's largest exports or imports as ranked lists (the Factbook's "top commodities";
        labels as printed, rank 1 = largest), newest year first."""
        ranked = []
        for dataset_id, table in self._rankings:
            hits = table[(table["reporter"] == reporter) & (table["flow"] == flow)]
            for row in hits.itertuples(index=False):
                year = int(row.year) if str(row.year).isdigit() else None
                ranked.append(RankedCommodity(dataset_id, reporter, flow, year, int(row.rank), row.commodity,
                                              self._citations[dataset_id]))
        return sorted(ranked, key=lambda r: (-(r.year or 0), r.dataset, r.rank))

    # -- internals -------------------------------------------------------------------------------
    def _rows(self, reporter, partner, flow, commodity, years, unit, mirror, months=None) -> list[Observation]:
        # Results are small (a few to a few hundred rows): building and ordering them in Python
        # costs less than pandas' per-call overhead on concat, rename and sort.
        found = [self._observation(row, False) for part in self._select(reporter, partner, flow, commodity, years, unit, months)
                 for row in part]
        if mirror and reporter and partner != WORLD and unit in (None, "USD"):
            seen = {_figure_key(o) for o in found}
            for part in self._select(partner, reporter, SWAPPED_FLOW.get(flow) if flow else None, commodity, years, "USD",
                                     months):
                # A dataset storing a pair's total both ways round (COW: ~half the mirror rows a
                # check reads) gives the figure already found: told from the row, before an
                # Observation is built for it.
                found += [self._observation(row, True) for row in part if _mirror_key(row) not in seen]
        order = {dataset: i for i, dataset in enumerate(self.preferred)}
        return sorted(found, key=lambda o: (order.get(o.dataset, len(order)), self._ranks.get(o.dataset, DEFAULT_RANK),
                                            o.mirror, "derived:" in (o.note or ""), publisher_rank(o.citation.publisher),
                                            o.year, o.month or 0))

    def _years(self, reporter, partner, flow, commodity, unit) -> list[tuple[int, int]]:
        """(first, last) year of each dataset's matching rows, reading only the year column."""
        spans = []
        picked = [row.year for row in self._bundled_rows(reporter, partner, flow, commodity, None, unit)]
        if picked:
            spans.append((int(min(picked)), int(max(picked))))
        for bulk in self._bulk:
            if self._skips(bulk, reporter, partner):
                continue
            span = _indexed_span(bulk, reporter, partner, flow, commodity, unit)
            if span is False:
                span = bulk.table.year_span(_equals(reporter, partner, flow, commodity, unit))
            if span:
                spans.append(span)
        return spans

    @staticmethod
    def _mask(f: pd.DataFrame, reporter, partner, flow, commodity, years, unit) -> pd.Series:
        mask = pd.Series(True, index=f.index)
        for column, wanted in (("reporter", reporter), ("partner", partner), ("flow", flow),
                               ("commodity", commodity), ("unit", unit)):
            if wanted is not None:
                mask &= f[column] == wanted
        if years is not None:
            mask &= f["year"].between(years[0], years[1])
        return mask

    @staticmethod
    def _skips(bulk: _Bulk, reporter, partner) -> bool:
        return bool(reporter and reporter not in bulk.countries
                    or partner and partner != WORLD and partner not in bulk.countries)

    def _select(self, reporter, partner, flow, commodity, years, unit, months=None) -> list[list]:
        """The matching rows (named tuples), one list per source: the bundled table, then each bulk dataset."""
        parts = []
        if months is None:  # the bundled CSVs hold calendar years only
            parts.append(self._bundled_rows(reporter, partner, flow, commodity, years, unit))
        for bulk in self._bulk:
            if not self._skips(bulk, reporter, partner):
                found = _query_bulk(bulk, reporter, partner, flow, commodity, years, unit, months)
                if found:
                    parts.append(found)
        return [p for p in parts if p]

    def _bundled_rows(self, reporter, partner, flow, commodity, years, unit) -> list:
        """The bundled table's matching rows (named tuples), in table order: what `_mask` selects.
        The rows are grouped once per catalog by the columns a query names (reporter, partner,
        commodity, flow, unit; one dict per combination) and only the years are filtered in Python:
        a pandas mask and selection over the whole table cost ~5 ms a query, and filtering a
        reporter's every row by flow in Python ~3 ms."""
        asked = (("reporter", reporter), ("partner", partner), ("commodity", commodity), ("flow", flow), ("unit", unit))
        named = tuple(name for name, value in asked if value is not None)
        groups = self.__dict__.setdefault("_bundled_groups", {})
        index = groups.get(named)
        if index is None:
            rows = self.__dict__.get("_bundled_list")
            if rows is None:
                rows = self.__dict__["_bundled_list"] = list(self._frame.itertuples(index=False))
            index = groups[named] = {}
            key_of = _key_getter(named)
            for row in rows:
                index.setdefault(key_of(row), []).append(row)
        candidates = index.get(tuple(value for _, value in asked if value is not None), ())
        if years is None:
            return list(candidates)
        return [row for row in candidates if years[0] <= row.year <= years[1]]

    def _row_series(self, row) -> Series | None:
        table = self._series.get(row.dataset)
        if table is None:
            return None
        entry = table.entry_for(getattr(row, "series", "") or None, row.publisher, row.title)
        return table.resolve(entry, row.flow, row.reporter, row.partner)

    def _observation(self, row, mirror: bool) -> Observation:
        """An Observation from a selected row; a mirror row is turned round to the asker's view
        (its series too: the reporter's own report becomes the partner's).

        What a row shares with the other rows of its pair, flow and source (the turned-round
        names, the note, the citation, the resolved series) is built once per catalog and kept
        (`_shared_fields`): a pair's query returns one row a year, and resolving the same series
        and citation for each of them was most of the cost of a check with a bilateral table."""
        month = getattr(row, "month", None)
        return record_of(Observation, {  # Observation(...), built faster (factcheck.records)
            **self._shared_fields(row, mirror),
            "commodity": row.commodity,
            "year": int(row.year),
            "value": float(row.value),
            "unit": row.unit,
            "precision": float(row.precision),
            "month": int(month) if month is not None and month == month else None,
        })

    def _shared_fields(self, row, mirror: bool) -> dict:
        """The Observation fields that depend on the row's source, pair and flow only (see `_observation`)."""
        key = (row.dataset, getattr(row, "series", ""), row.publisher, row.title, row.url, row.note,
               row.reporter, row.partner, row.flow, mirror)
        shared = kept_on(self, "_shared", SHARED_FIELDS_KEPT)
        found = shared.get(key)
        if found is not None:
            return found
        reporter, partner, flow, note = row.reporter, row.partner, row.flow, row.note or None
        series = self._row_series(row)
        if mirror:
            reporter, partner, flow = partner, reporter, SWAPPED_FLOW[flow]
            note = _mirror_note(row.reporter, reporter, row.flow) + (f"; {note}" if note else "")
            series = series.turned_round() if series else None
        found = shared.put(key, {
            "dataset": row.dataset, "reporter": reporter, "partner": partner, "flow": flow, "note": note,
            "mirror": mirror, "series": series,
            "citation": _citation(row.publisher, row.title, row.url or None, self._citation_years.get(row.dataset)),
        })
        return found


# Questions whose answers `Catalog.observations` keeps (see there): an article asks a few dozen
# again and again; 512 kept answers (with COW, every year of a pair) held ~10 MB more at the same
# speed on 100 benchmark articles.
ANSWERS_KEPT = 128
# Pairs × flows × sources whose shared Observation fields are kept (an article asks about a few
# hundred; COW has ~31k pairs, and keeping them all was ~20 MB; 2**14 of them, ~8 MB).
SHARED_FIELDS_KEPT = 2048


def _figure_key(obs: Observation) -> tuple:
    return obs.dataset, obs.reporter, obs.partner, obs.flow, obs.commodity, obs.year, obs.unit, obs.value


def _mirror_key(row) -> tuple:
    """`_figure_key` of the Observation a selected row gives turned round (`_observation(row, True)`)."""
    return (row.dataset, row.partner, row.reporter, SWAPPED_FLOW[row.flow], row.commodity, int(row.year), row.unit,
            float(row.value))


@lru_cache(maxsize=4096)
def _citation(publisher: str, title: str, url: str | None, year: int | None) -> Citation:
    return Citation(publisher, title, url, year)


@lru_cache(maxsize=4096)
def _mirror_note(original_reporter: str, reporter: str, original_flow: str) -> str:
    who = name_of(original_reporter)
    if original_flow == "total":
        text = f"mirror: {possessive(who)} reported total trade with {name_of(reporter)}"
    else:
        direction = "from" if original_flow == "import" else "to"
        text = f"mirror: {possessive(who)} reported {original_flow}s {direction} {name_of(reporter)}"
    if reporter in NON_REPORTING:
        text += f" ({name_of(reporter)} publishes no trade statistics)"
    return text


def _indexed_span(bulk: _Bulk, reporter, partner, flow, commodity, unit) -> tuple[int, int] | None | bool:
    """The year span from the dataset's index; False when the index cannot answer (no index, or a
    specific commodity)."""
    if bulk.index is None or commodity not in (None, "TOTAL"):
        return False
    wanted = {"reporter": reporter, "partner": partner, "flow": flow, "unit": unit}
    named = tuple(column for column, value in wanted.items() if value is not None)
    spans = _span_lookup(bulk.index, named)
    return spans.get((commodity or "*", *(wanted[column] for column in named)))


@lru_cache(maxsize=64)
def _span_lookup(index: Path, named: tuple[str, ...]) -> dict[tuple, tuple[int, int]]:
    """(commodity, *the named columns' values) → (first, last) year over the index rows that match:
    one grouping per combination of named columns, then each span question is a dict lookup (a
    pandas mask over the index per question was a third of a check's catalog time)."""
    spans = _read_spans(index)
    grouped = spans.groupby(["commodity", *named], observed=True, sort=False).agg(first=("first", "min"), last=("last", "max"))
    return {(key if isinstance(key, tuple) else (key,)): (int(first), int(last))
            for key, first, last in zip(grouped.index, grouped["first"], grouped["last"])}


def _equals(reporter, partner, flow, commodity, unit) -> dict[str, str | None]:
    return {"reporter": reporter, "partner": partner, "flow": flow, "commodity": commodity, "unit": unit}


def _pick_table(bulk: _Bulk, reporter, partner, months) -> tuple[ParquetTable | None, str]:
    """The table to read and the series entry of its rows: monthly figures only when months are
    asked; the partner-sorted copy when a partner but no reporter is named."""
    if months is not None:
        return bulk.monthly, bulk.monthly_series
    if reporter is None and partner is not None and bulk.by_partner is not None:
        return bulk.by_partner, bulk.default_series
    return bulk.table, bulk.default_series


class BulkRow(NamedTuple):
    """One selected row of a Parquet dataset, with its dataset's constant columns: what
    `Catalog._observation` reads (the bundled table's rows are pandas' named tuples of the same fields)."""

    reporter: str
    partner: str
    flow: str
    commodity: str
    year: int
    value: float
    unit: str
    precision: float
    series: str
    month: int | None
    dataset: str
    publisher: str
    title: str
    url: str
    note: str


def _query_bulk(bulk: _Bulk, reporter, partner, flow, commodity, years, unit, months=None) -> list[BulkRow] | None:
    """The matching rows of one Parquet dataset, in file order, as `BulkRow`s. Built from the Arrow
    columns directly: a pandas frame per query (then itertuples) cost more than the query."""
    source, default_series = _pick_table(bulk, reporter, partner, months)
    if source is None:
        return None
    extra = [c for c in _OPTIONAL_COLUMNS if c in source.schema.names]
    found = source.lists(_QUERY_COLUMNS + extra, _equals(reporter, partner, flow, commodity, unit), years)
    if not found["year"]:
        return None
    rows = _bulk_rows(bulk, found, default_series)
    if months is not None and "month" in extra:  # a null month never matches
        rows = [row for row in rows if row.month is not None and months[0] <= row.month <= months[1]]
    return rows or None


def _bulk_rows(bulk: _Bulk, found: dict[str, list], default_series: str) -> list[BulkRow]:
    """`BulkRow`s from a query's columns, with the dataset's constant columns."""
    n = len(found["year"])
    columns = [found[name] for name in _QUERY_COLUMNS]
    series = found.get("series") or [default_series] * n
    month = found.get("month") or [None] * n
    constant = (bulk.info.id, bulk.citation.publisher, bulk.citation.title, bulk.citation.url or "", "")
    return [BulkRow(r, p, f, c, y, v, u, pr, s, m, *constant)
            for r, p, f, c, y, v, u, pr, s, m in zip(*columns, series, month)]


def _key_getter(names: tuple[str, ...]):
    """row -> the tuple of its fields `names` (an attrgetter: a generator per row made grouping
    the bundled table a tenth of a one-article check's verification)."""
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda row: (get(row),)
    return attrgetter(*names) if names else (lambda row: ())


@lru_cache(maxsize=8)
def _load_cached(signature: tuple, preferred: tuple[str, ...]) -> Catalog:
    frames, bulk, infos, ranks, citations, rankings, series = [], [], [], {}, {}, [], {}
    bundled_root = bundled_dir()
    for folder_name, _, _ in signature:
        folder = Path(folder_name)
        descriptor = read_descriptor(folder)
        dataset_id = descriptor["name"]
        if dataset_id in ranks:
            raise DatasetError(f"{folder}: dataset id {dataset_id!r} is used twice (bundled and imported?)", code="FC211")
        verify_hashes(folder, descriptor)
        extra = descriptor.get("factcheck", {})
        ranks[dataset_id] = int(extra.get("rank", DEFAULT_RANK))
        citation = Citation(_publisher(descriptor), descriptor["title"], descriptor.get("homepage"),
                            extra.get("vintage"))
        citations[dataset_id] = citation
        series[dataset_id] = SeriesTable(extra.get("series") or [_unknown_series(descriptor)], str(folder / "datapackage.json"))
        bundled = folder.parent == bundled_root
        paths = [folder / r["path"] for r in descriptor["resources"] if r.get("name", "").startswith("observations")]
        rankings += [(dataset_id, _read_ranking(folder / r["path"])) for r in descriptor["resources"]
                     if r.get("name") == "top_commodities"]
        if all(p.suffix == ".csv" for p in paths):
            frame = pd.concat([read_observation_csv(p) for p in paths], ignore_index=True) if paths else None
            if frame is None:
                continue
            frame["dataset"] = dataset_id
            frames.append(frame)
            years = (int(frame["year"].min()), int(frame["year"].max())) if len(frame) else None
            infos.append(_info(folder, descriptor, len(frame), years, bundled))
        else:
            table = ParquetTable(paths)
            _check_parquet_columns(folder, table)
            years = tuple(extra["years"]) if extra.get("years") else None
            info = _info(folder, descriptor, int(extra.get("rows", 0)), years, bundled)
            infos.append(info)
            bulk.append(_bulk(folder, descriptor, info, table, citation, ranks[dataset_id], series[dataset_id]))
    frame = _categorical(pd.concat(frames, ignore_index=True)) if frames else _empty_frame()
    return Catalog(frame, bulk, infos, ranks, citations, preferred, rankings, series)


def _bulk(folder: Path, descriptor: dict, info: DatasetInfo, table: ParquetTable, citation: Citation, rank: int,
          series: SeriesTable) -> _Bulk:
    """A Parquet dataset with its optional extra tables (partner-sorted copy, monthly figures)."""
    resources = {r.get("name"): r for r in descriptor["resources"]}

    def table_of(name: str) -> ParquetTable | None:
        return ParquetTable([folder / resources[name]["path"]]) if name in resources else None

    first = next((r for r in descriptor["resources"] if r.get("name", "").startswith("observations")), {})
    monthly = resources.get("monthly", {})
    by_partner = table_of("by_partner")
    if by_partner is not None and resources["by_partner"].get("sorted_copy_of") == first.get("name"):
        by_partner.same_rows_as(table)  # the importer wrote it from the same rows (importers._extra_tables)
    return _Bulk(info, table, citation, frozenset(descriptor.get("factcheck", {}).get("countries", [])), rank,
                 folder / resources["index"]["path"] if "index" in resources else None,
                 by_partner=by_partner, monthly=table_of("monthly"),
                 default_series=series.entry_for(first.get("series")),
                 monthly_series=series.entry_for(monthly.get("series")) if monthly else "",
                 outdated=None if info.bundled else _outdated(descriptor, resources, table, by_partner))


def _outdated(descriptor: dict, resources: dict, table: ParquetTable, by_partner: ParquetTable | None) -> OutdatedImport | None:
    """What an older import lacks; None for a dataset `factcheck data import` did not write (no
    "imported from" source: packaged by hand, nothing to import again). Only a one-file dataset
    with rows gets a partner-sorted copy (importers.write_bulk: a BACI-sized one split by year, or
    monthly figures only, never has one)."""
    source = next((s.get("path") for s in descriptor.get("sources", [])
                   if str(s.get("title", "")).startswith("imported from ") and s.get("path")), None)
    if source is None:
        return None
    missing = []
    if by_partner is None and "observations" in resources and table.num_rows:
        missing.append("by_partner")
    if not descriptor.get("factcheck", {}).get("series"):
        missing.append("series")
    return OutdatedImport(descriptor["name"], descriptor["title"], tuple(missing), source) if missing else None


def _unknown_series(descriptor: dict) -> dict:
    """For a dataset packaged before series metadata existed (an old import): its publisher, and
    nothing claimed about what it measures. Importing it again writes the real entries."""
    return {"id": "unknown", "publisher_id": "unknown", "publisher": _publisher(descriptor) or descriptor["name"],
            "reporter_side": "unknown", "concept": "unknown", "valuation": "unknown"}


@lru_cache(maxsize=16)
def _read_spans(path: Path) -> pd.DataFrame:
    """Read on first use: most runs never ask for a country's year span."""
    return _categorical(pd.read_parquet(path))


def _categorical(frame: pd.DataFrame) -> pd.DataFrame:
    """Repeated text (codes, flows, publishers, titles) as categories: a fraction of the memory."""
    for column in ("dataset", "reporter", "partner", "flow", "commodity", "unit", "publisher", "title", "url"):
        if column in frame:
            frame[column] = frame[column].astype("category")
    return frame


def _read_ranking(path: Path) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"reporter", "flow", "year", "rank", "commodity"} - set(table.columns)
    if missing:
        raise DatasetError(f"{path}: missing column(s) {', '.join(sorted(missing))}", code="FC204")
    bad = ~table["rank"].str.isdigit()
    if bad.any():
        raise DatasetError(f"{path}: row {int(bad.idxmax()) + 2}: rank {table['rank'][bad.idxmax()]!r} is not a number",
                           code="FC206")
    return table


def _check_parquet_columns(folder: Path, table: ParquetTable) -> None:
    missing = [c for c in _QUERY_COLUMNS if c not in table.schema.names]
    if missing:
        raise DatasetError(f"{folder}: Parquet data lacks column(s) {', '.join(missing)}", code="FC204")


def _empty_frame() -> pd.DataFrame:
    from factcheck.reference.model import OBSERVATION_COLUMNS

    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "year" else "float64" if c in ("value", "precision") else "object")
                         for c in OBSERVATION_COLUMNS})
