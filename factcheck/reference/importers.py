"""Bulk imports into the local store: Correlates of War dyadic trade, UN Comtrade CSV, CEPII BACI.

Each importer reads the user's file with pyarrow's streaming CSV reader (a rich progress bar on
stderr follows the bytes read), converts it to the observation schema in plain USD, and writes
Parquet sorted by reporter, partner, flow and year in small row groups, so the catalog answers a
reporter/partner query from one or two row groups. A datapackage.json with the sha256 of each file
and the import's provenance goes beside the data; the folder appears only once it is complete.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from factcheck.countries import from_code
from factcheck.countries.codes import cow_table
from factcheck.errors import DatasetError
from factcheck.reference.datapackage import check_figures, observation_schema, write_package
from factcheck.reference.series import check_specs
from factcheck.reference.store import (check_importable_id, recover_store, refuse_non_dataset,
                                       staging_folder, store_dir, store_error, swap_in)

ROW_GROUP_SIZE = 4096
PARQUET_COLUMNS = ["reporter", "partner", "flow", "commodity", "year", "value", "unit", "precision"]
OPTIONAL_COLUMNS = ["series", "month"]  # a row's series entry (when rows of one dataset differ), a month
KEY = ["reporter", "partner", "flow", "commodity", "year", "unit"]
REPORTER_ORDER = ["reporter", "partner", "flow", "commodity", "year"]
PARTNER_ORDER = ["partner", "reporter", "flow", "commodity", "year"]
Progress = Callable[[int], None]  # called with the number of input bytes read so far
BLOCK_SIZE = 1 << 22  # bytes the CSV reader parses at a time; also the longest row it accepts
# Memory guard (issue 12, item 15): a CSV row takes at least ~10 bytes, and gzip seldom shrinks
# trade CSV more than ~10x, so real files give well under 2 rows per input byte. A 1 MB gzip of
# 20 million rows (a "gzip bomb", 8 GB of memory) gives 20 and is refused while it is read.
ROWS_PER_COMPRESSED_BYTE = 2
ROWS_ALWAYS_ALLOWED = 1_000_000


# -- reading ---------------------------------------------------------------------------------------
class _CountingFile:
    """A binary file that remembers how far it has been read, for the progress bar (the CSV reader
    may decompress on top of it, so the position is in compressed bytes, like the file's size)."""

    def __init__(self, path: Path, progress: Progress | None):
        self._handle = open(path, "rb")
        self._progress = progress

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        if self._progress:
            self._progress(self._handle.tell())
        return data

    def close(self) -> None:
        self._handle.close()

    @property
    def closed(self) -> bool:
        return self._handle.closed

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._handle.tell()


def read_csv(path: Path, column_types: dict[str, pa.DataType], progress: Progress | None = None,
             delimiter: str = ",", null_values: tuple[str, ...] = ("",)) -> pa.Table:
    """A whole CSV (plain or .gz) as an Arrow table with the given column types; a missing column
    or an unparsable value is a DatasetError naming the file."""
    if not path.is_file():
        raise DatasetError(f"{path}: no such file", code="FC220")
    counting = _CountingFile(path, progress)
    stream = pa.PythonFile(counting, mode="r")
    if path.suffix == ".gz":
        stream = pa.CompressedInputStream(stream, "gzip")
    try:
        reader = pacsv.open_csv(
            stream,
            read_options=pacsv.ReadOptions(block_size=BLOCK_SIZE),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(column_types=column_types, include_columns=list(column_types),
                                                 null_values=list(null_values), strings_can_be_null=True),
        )
        batches, rows = [], 0
        for batch in reader:
            rows += batch.num_rows
            if rows > ROWS_PER_COMPRESSED_BYTE * counting.tell() + ROWS_ALWAYS_ALLOWED:
                raise DatasetError(f"{path}: decompresses to far more rows than its size allows ({rows:,} rows "
                                   f"from {counting.tell():,} bytes); refusing it rather than exhaust memory",
                                   code="FC224")
            batches.append(batch)
        return pa.Table.from_batches(batches, schema=reader.schema)
    except (pa.ArrowInvalid, pa.ArrowKeyError, OSError) as error:
        text = " ".join(str(error).split())
        if "straddl" in text:
            text = f"a row longer than {BLOCK_SIZE // (1 << 20)} MB; no trade CSV has one"
        raise DatasetError(f"{path}: cannot read as the expected CSV ({text[:200]})", code="FC221") from None
    finally:
        counting.close()


# -- writing ---------------------------------------------------------------------------------------
def check_unique(frame: pd.DataFrame, label: str) -> None:
    key = KEY + (["month"] if "month" in frame else [])
    duplicated = frame.duplicated(key, keep="first")
    if duplicated.any():
        row = frame[duplicated].iloc[0]
        what = " ".join(str(row[c]) for c in key)
        raise DatasetError(f"{label}: duplicate key ({what}) after conversion", code="FC208")


def to_arrow(frame: pd.DataFrame, order: list[str] | None = None) -> pa.Table:
    """Sorted rows and int16 years: small files and tight row-group statistics. `order` is the
    sort (reporter first by default; PARTNER_ORDER for the partner-sorted copy)."""
    order = (order or REPORTER_ORDER) + (["month"] if "month" in frame else [])
    frame = frame.sort_values(order, kind="stable", ignore_index=True)
    columns = {}
    for name in PARQUET_COLUMNS + [c for c in OPTIONAL_COLUMNS if c in frame]:
        values = frame[name]
        if name == "year":
            columns[name] = pa.array(values.to_numpy(dtype="int16"))
        elif name == "month":
            columns[name] = pa.array(values.to_numpy(dtype="int8"))
        elif name in ("value", "precision"):
            columns[name] = pa.array(values.to_numpy(dtype="float64"))
        else:
            # Plain strings in the Arrow schema (Parquet still dictionary-encodes them on disk): a filter on
            # a dictionary-typed column cannot use row-group statistics, a filter on a string column can.
            columns[name] = pa.array(values.astype("category")).cast(pa.string())
    return pa.table(columns)


def year_spans(frame: pd.DataFrame, first: str = "year", last: str = "year") -> pd.DataFrame:
    """First and last year per reporter, partner, flow and unit, for commodity TOTAL and for any
    commodity ("*"): what the catalog needs to say which years a country or pair covers without
    scanning the data (a partner-only filter cannot use the reporter-sorted row groups)."""
    keys = ["reporter", "partner", "flow", "unit"]
    parts = []
    for commodity, rows in (("TOTAL", frame[frame["commodity"] == "TOTAL"]), ("*", frame)):
        if not len(rows):
            continue
        if commodity == "*" and "TOTAL" in set(frame["commodity"].unique()) and frame["commodity"].nunique() == 1:
            spans = parts[-1].drop(columns="commodity")  # all rows are TOTAL: the same spans
        else:
            spans = rows.groupby(keys, observed=True, sort=False).agg(first=(first, "min"), last=(last, "max")).reset_index()
        parts.append(spans.assign(commodity=commodity))
    if not parts:
        return pd.DataFrame(columns=keys + ["commodity", "first", "last"])
    return pd.concat(parts, ignore_index=True)


@contextmanager
def _staging(dataset_id: str, data_dir: Path | None, replace: bool) -> Iterator[Path]:
    """A hidden folder in the store that becomes the dataset only if the import succeeds; the swap
    itself is store.swap_in (locked, old dataset renamed aside until the new one is in place)."""
    root = store_dir(data_dir)
    target = root / check_importable_id(dataset_id)
    refuse_non_dataset(target)
    if target.exists() and not replace:
        raise DatasetError(f"dataset {dataset_id!r} is already imported ({target}); remove it first or pass --replace",
                           code="FC222")
    recover_store(root)
    staging = staging_folder(root, dataset_id)
    try:
        try:
            yield staging
        except OSError as exc:  # a full disk or a vanished store while writing
            raise store_error(root, exc) from None
        swap_in(staging, target, replace)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _write_parquet(frame: pd.DataFrame, path: Path, order: list[str] | None = None) -> None:
    pq.write_table(to_arrow(frame, order), path, row_group_size=ROW_GROUP_SIZE, compression="zstd",
                   write_statistics=True)


def _extra_tables(folder: Path, annual: pd.DataFrame | None, monthly: pd.DataFrame | None, source: Path,
                  meta: dict) -> list[dict]:
    """The partner-sorted copy of the annual rows (so a query naming a partner and no reporter,
    such as every country's imports from North Korea, reads a few row groups, not all) and the
    monthly figures, each a resource beside the observations."""
    resources = []
    if annual is not None and len(annual):
        _write_parquet(annual, folder / "by_partner.parquet", PARTNER_ORDER)
        # "sorted_copy_of": the same rows, so the catalog may read it through the observations'
        # decoded columns (bulk.Decoded.reordered) instead of decoding a second copy
        resources.append({"name": "by_partner", "path": "by_partner.parquet", "format": "parquet",
                          "sorted_copy_of": "observations",
                          "description": "the observations again, sorted by partner first (for partner-only queries)"})
    if monthly is not None and len(monthly):
        check_unique(monthly, str(source))
        _write_parquet(monthly, folder / "monthly.parquet")
        resources.append({"name": "monthly", "path": "monthly.parquet", "format": "parquet",
                          "series": meta.get("monthly_series"),
                          "description": "monthly figures (column month, 1-12); never used for a calendar-year question"})
    return resources


def write_bulk(frame: pd.DataFrame | Iterator[pd.DataFrame], *, dataset_id: str, data_dir: Path | None,
               replace: bool, meta: dict, source: Path, by_year: bool = False, partner_copy: bool = True,
               monthly: pd.DataFrame | None = None) -> Path:
    """Writes the observations as Parquet (one file, or one per year for BACI-sized data) and their
    datapackage.json; returns the dataset folder. With `by_year`, `frame` may be an iterator of
    frames (one per input file), each written as soon as it is read, so memory holds one at a time.
    With `partner_copy` (one-file datasets only) a partner-sorted copy is written too; `monthly`
    figures (with a month column) go to their own file. `meta` holds the descriptor fields,
    including `series` (what the rows measure, see series.py)."""
    frames = iter([frame]) if isinstance(frame, pd.DataFrame) else frame
    meta = dict(meta)
    meta.pop("monthly_series", None) if monthly is None else None
    with _staging(dataset_id, data_dir, replace) as folder:
        resources, countries, rows, years, spans = [], set(), 0, [], []
        for part in frames:
            check_unique(part, str(source))
            check_figures(part, f"{source} (converted rows)", 1)  # the same rule as load and validate
            groups = part.groupby("year", sort=True) if by_year else [(None, part)]
            for year, piece in groups:
                name = f"observations-{year}" if by_year else "observations"
                if (folder / f"{name}.parquet").exists():
                    raise DatasetError(f"{source}: year {year} appears in more than one input file", code="FC208")
                _write_parquet(piece, folder / f"{name}.parquet")
                resources.append({"name": name, "path": f"{name}.parquet", "format": "parquet",
                                  "mediatype": "application/vnd.apache.parquet", "schema": observation_schema()})
            countries |= set(part["reporter"].unique()) | set(part["partner"].unique())
            spans.append(year_spans(part))
            rows += len(part)
            if len(part):
                years += [int(part["year"].min()), int(part["year"].max())]
            if partner_copy and not by_year:
                resources += _extra_tables(folder, part, None, source, meta)
        if monthly is not None and len(monthly):
            resources += _extra_tables(folder, None, monthly, source, meta)
            countries |= set(monthly["reporter"].unique()) | set(monthly["partner"].unique())
            years += [int(monthly["year"].min()), int(monthly["year"].max())]
            rows += len(monthly)
        if not rows:
            raise DatasetError(f"{source}: no usable rows to import", code="FC223")
        meta.pop("monthly_series", None)
        meta["sources"] = meta.get("sources", []) + [{
            "title": f"imported from {source.name} on {dt.date.today().isoformat()}", "path": str(source.resolve()),
        }]
        resources.sort(key=lambda r: r["name"])
        index = year_spans(pd.concat(spans, ignore_index=True), first="first", last="last")
        index.to_parquet(folder / "index.parquet", index=False)
        resources.append({"name": "index", "path": "index.parquet", "format": "parquet",
                          "description": "first and last year of each reporter, partner, flow and unit, for all "
                                         "goods (commodity TOTAL) and any commodity (*)"})
        write_package(folder, dataset_id=dataset_id, rows=rows, resources=resources, countries=sorted(countries),
                      years=(min(years), max(years)), **meta)
        if meta.get("series"):
            check_specs(meta["series"], str(folder / "datapackage.json"))
    return store_dir(data_dir) / dataset_id


FOB_CIF = {"export": "fob", "import": "cif", "total": "mixed"}
CHINA_MAINLAND = "China: customs territory of the mainland, excluding Hong Kong, Macao and Taiwan"


def series_entry(spec_id: str, publisher_id: str, publisher: str, reporter_side, concept: str, valuation,
                 **extra) -> dict:
    """One series entry of a descriptor (see series.py)."""
    return {"id": spec_id, "publisher_id": publisher_id, "publisher": publisher, "reporter_side": reporter_side,
            "concept": concept, "valuation": valuation, "currency": "USD", "frequency": "annual", **extra}


# -- Correlates of War -----------------------------------------------------------------------------
# COW's China (state 710) after 1998 runs above China's own and the IMF's China-reported figures by
# about Hong Kong's share (US imports from China 2014: COW 472.5 bn, IMF DOTS/Census 466.8 bn),
# as if Hong Kong, which COW does not list as a state, were folded into it.
COW_TERRITORY = {"CHN": "COW's China (710): after 1998 its figures behave as if they include Hong Kong (COW lists no "
                        "Hong Kong), so they run above China-only series (US imports from China 2014: 472.5 bn "
                        "against 466.8 bn in IMF DOTS and US Census)"}
COW_SERIES = [series_entry("cow", "cow", "Correlates of War Project (Barbieri & Keshk)", "reporter", "goods",
                           {"import": "cif", "total": "mixed"}, territory=COW_TERRITORY, vintage="revised",
                           as_of="2016", description="COW v4.0: each state's imports as reported (IMF DOTS for recent "
                                                     "decades), gaps filled from the partner's exports")]
COW_META = dict(
    title="Correlates of War Trade v4.0: dyadic trade 1870–2014",
    description="Imports of each state from each other state (flow1 = imports of ccode1 from ccode2, flow2 = "
                "imports of ccode2 from ccode1), in current USD (the source is in current million USD), and "
                "their sum as total trade of the pair (derived). Blank or -9 = missing, left out.",
    publisher="Correlates of War Project (Barbieri & Keshk)", license="free-with-citation", version="4.0",
    rank=50, kind="compiled", homepage="https://correlatesofwar.org/data-sets/bilateral-trade/",
    citation="Barbieri, Katherine and Omar M. G. Omar Keshk. 2016. Correlates of War Project Trade Data Set "
             "Codebook, Version 4.0. Online: https://correlatesofwar.org",
    sources=[{"title": "Correlates of War Project, Trade v4.0 (dyadic)", "path": "https://correlatesofwar.org/data-sets/bilateral-trade/"}],
    series=COW_SERIES,
)


def cow_iso3(codes: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Vectorised COW ccode → ISO3 (None where no ISO3 exists for that state in that year)."""
    result = np.full(codes.shape, None, dtype=object)
    for ccode, spans in cow_table().items():
        at = codes == ccode
        if not at.any():
            continue
        if len(spans) == 1:
            result[at] = spans[0][0]
            continue
        for iso3, first, last in spans:
            span = at & (years >= (first or -10**6)) & (years <= (last or 10**6))
            result[span] = iso3
    return result


def cow_frame(table: pa.Table) -> pd.DataFrame:
    """Four rows per dyad (each side's imports, the pair's total both ways round), built on integer
    country codes: sorting and de-duplicating 2.7 M rows of text took most of the import time."""
    data = table.to_pandas()
    years = data["year"].to_numpy()
    iso1 = cow_iso3(data["ccode1"].to_numpy(), years)
    iso2 = cow_iso3(data["ccode2"].to_numpy(), years)
    codes, countries = pd.factorize(np.concatenate([iso1, iso2]), sort=True, use_na_sentinel=True)
    code1, code2 = codes[: len(iso1)], codes[len(iso1):]
    flow1 = data["flow1"].where(data["flow1"] >= 0).to_numpy()  # -9 = missing
    flow2 = data["flow2"].where(data["flow2"] >= 0).to_numpy()
    total = flow1 + flow2
    flows = ("import", "total")  # alphabetical, so sorting the codes sorts the names
    reporter = np.concatenate([code1, code2, code1, code2])
    partner = np.concatenate([code2, code1, code2, code1])
    flow = np.repeat(np.array([0, 0, 1, 1], dtype=np.int64), len(years))
    year = np.tile(years.astype(np.int64), 4)
    millions = np.concatenate([flow1, flow2, total, total])
    usable = (reporter >= 0) & (partner >= 0) & ~np.isnan(millions)
    reporter, partner, flow, year, millions = (a[usable] for a in (reporter, partner, flow, year, millions))
    key = ((reporter * len(countries) + partner) * 2 + flow) * 4000 + year
    # A state's merger year (West Germany into Germany, 1990) can give one pair twice: keep the larger.
    order = np.lexsort((-millions, key))
    first = np.ones(len(order), dtype=bool)
    first[1:] = key[order][1:] != key[order][:-1]
    keep = order[first]  # sorted by reporter, partner, flow, year
    millions = millions[keep]
    whole = np.isclose(millions, np.round(millions))
    return pd.DataFrame({
        "reporter": pd.Categorical.from_codes(reporter[keep], countries),
        "partner": pd.Categorical.from_codes(partner[keep], countries),
        "flow": pd.Categorical.from_codes(flow[keep], flows), "commodity": "TOTAL", "year": year[keep],
        "value": millions * 1e6, "unit": "USD", "precision": np.where(whole, 1e6, 1e4),
    })


COW_NATIONAL_META = dict(COW_META, title="Correlates of War Trade v4.0: national totals 1870–2014",
                         description="Each state's total imports and exports (partner WLD) and their sum as total "
                                     "trade (derived), in current USD (the source is in current million USD, with "
                                     "COW's own estimates unrounded). Blank or negative = missing, left out.",
                         sources=[{"title": "Correlates of War Project, Trade v4.0 (national)",
                                   "path": "https://correlatesofwar.org/data-sets/bilateral-trade/"}])


def cow_national_frame(table: pa.Table) -> pd.DataFrame:
    data = table.to_pandas()
    years = data["year"].to_numpy()
    iso = cow_iso3(data["ccode"].to_numpy(), years)
    imports = data["imports"].where(data["imports"] >= 0)
    exports = data["exports"].where(data["exports"] >= 0)
    parts = [pd.DataFrame({"reporter": iso, "flow": flow, "year": years, "millions": values.to_numpy()})
             for flow, values in (("import", imports), ("export", exports), ("total", imports + exports))]
    frame = pd.concat(parts, ignore_index=True).dropna(subset=["reporter", "millions"])
    frame = frame.sort_values("millions", ascending=False).drop_duplicates(["reporter", "flow", "year"])
    return pd.DataFrame({"reporter": frame["reporter"], "partner": "WLD", "flow": frame["flow"], "commodity": "TOTAL",
                         "year": frame["year"], "value": frame["millions"] * 1e6, "unit": "USD", "precision": 0.0})


def import_cow(path: Path, *, dataset_id: str | None = None, data_dir: Path | None = None, replace: bool = False,
               progress: Progress | None = None) -> Path:
    """The dyadic table (ccode1, ccode2, year, flow1, flow2; default id "cow") or the national totals
    (ccode, year, imports, exports; default id "cow-national"), told apart by their header."""
    path = Path(path)
    header = _header(path)
    if {"ccode", "year", "imports", "exports"} <= set(header):
        types = {"ccode": pa.int32(), "year": pa.int32(), "imports": pa.float64(), "exports": pa.float64()}
        frame = cow_national_frame(read_csv(path, types, progress))
        return write_bulk(frame, dataset_id=dataset_id or "cow-national", data_dir=data_dir, replace=replace,
                          meta=COW_NATIONAL_META, source=path)
    types = {"ccode1": pa.int32(), "ccode2": pa.int32(), "year": pa.int32(), "flow1": pa.float64(), "flow2": pa.float64()}
    missing = [c for c in types if c not in header]
    if missing:
        raise DatasetError(f"{path}: not a Correlates of War trade CSV: missing column(s) {', '.join(missing)}",
                           code="FC204")
    return write_bulk(cow_frame(read_csv(path, types, progress)), dataset_id=dataset_id or "cow", data_dir=data_dir,
                      replace=replace, meta=COW_META, source=path)


# -- UN Comtrade -----------------------------------------------------------------------------------
COMTRADE_META = dict(
    title="UN Comtrade (imported bulk CSV)", publisher="United Nations Statistics Division (UN Comtrade)",
    description="Reported exports and imports by reporter, partner, commodity (HS) and year, primaryValue in USD.",
    license="UN-Comtrade-terms", version="imported", rank=20, kind="official",
    homepage="https://comtradeplus.un.org/", citation="United Nations Comtrade database, https://comtradeplus.un.org/",
    sources=[{"title": "UN Comtrade", "path": "https://comtradeplus.un.org/"}],
    series=[series_entry("comtrade", "comtrade", "United Nations Statistics Division (UN Comtrade)", "reporter", "goods",
                         FOB_CIF, territory={"CHN": CHINA_MAINLAND}, vintage="unknown")],
)
COMTRADE_FLOWS = {"X": "export", "M": "import"}
COMTRADE_WORLD = {"W00", "WLD", "World"}


def comtrade_frame(table: pa.Table, label: str) -> pd.DataFrame:
    data = table.to_pandas()
    for column, total in (("partner2Code", "0"), ("motCode", "0"), ("customsCode", "C00")):
        if column in data:  # full downloads break totals down; keep only the totals
            data = data[data[column].astype(str) == total]
    flow = data["flowCode"].map(COMTRADE_FLOWS)

    def iso3(codes: pd.Series) -> pd.Series:
        unique = {code: ("WLD" if code in COMTRADE_WORLD else from_code(code, "iso3")) for code in codes.dropna().unique()}
        return codes.map(unique)

    frame = pd.DataFrame({
        "reporter": iso3(data["reporterISO"]), "partner": iso3(data["partnerISO"]), "flow": flow,
        "commodity": data["cmdCode"].astype(str).str.strip(), "year": data["refYear"],
        "value": data["primaryValue"], "unit": "USD", "precision": 1.0,
    })
    return frame.dropna(subset=["reporter", "partner", "flow", "value", "year"])


def import_comtrade(path: Path, *, dataset_id: str | None = None, data_dir: Path | None = None, replace: bool = False,
                    progress: Progress | None = None) -> Path:
    path = Path(path)
    header = _header(path)
    types = {"refYear": pa.int32(), "reporterISO": pa.string(), "partnerISO": pa.string(), "flowCode": pa.string(),
             "cmdCode": pa.string(), "primaryValue": pa.float64()}
    missing = [c for c in types if c not in header]
    if missing:
        raise DatasetError(f"{path}: not a UN Comtrade CSV: missing column(s) {', '.join(missing)}", code="FC204")
    types |= {c: pa.string() for c in ("partner2Code", "motCode", "customsCode") if c in header}
    frame = comtrade_frame(read_csv(path, types, progress), str(path))
    return write_bulk(frame, dataset_id=dataset_id or "comtrade", data_dir=data_dir, replace=replace,
                      meta=COMTRADE_META, source=path)


# -- CEPII BACI ------------------------------------------------------------------------------------
BACI_META = dict(
    title="CEPII BACI (imported)", publisher="CEPII",
    description="Reconciled bilateral trade flows by HS6 product: exporter i's exports to importer j "
                "(v, thousand USD in the source, plain USD here), plus each pair's total over products (derived).",
    license="etalab-2.0", version="imported", rank=35, kind="compiled",
    homepage="http://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37",
    citation="Gaulier, G. and Zignago, S. (2010) BACI: International Trade Database at the Product-Level. "
             "The 1994-2007 Version. CEPII Working Paper, N°2010-23",
    sources=[{"title": "CEPII BACI", "path": "http://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37"}],
    series=[series_entry("baci", "cepii-baci", "CEPII", "reconciled", "goods", "fob", vintage="unknown",
                         description="BACI reconciles exporters' and importers' reports; values FOB (CIF margins removed)")],
)


def baci_codes(countries: Path | None) -> Callable[[int], str | None]:
    if countries is None:
        return lambda code: from_code(code, "baci")
    try:
        text = countries.read_text("utf-8-sig")
        delimiter = ";" if text.count(";") > text.count(",") else ","
        table = pd.read_csv(countries, sep=delimiter, dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise DatasetError(f"--countries {countries}: unreadable ({' '.join(str(error).split())[:200]})", code="FC221") from None
    if not {"country_code", "iso_3digit_alpha"} <= set(table.columns):
        raise DatasetError(f"{countries}: not a BACI country table (needs country_code and iso_3digit_alpha)", code="FC204")
    bad = [c for c in table["country_code"] if not str(c).strip().isdigit()]
    if bad:
        raise DatasetError(f"--countries {countries}: country_code {bad[0]!r} is not a number", code="FC206")
    mapping = {int(c): iso for c, iso in zip(table["country_code"], table["iso_3digit_alpha"]) if iso.isalpha()}
    return lambda code: mapping.get(int(code)) or from_code(code, "baci")


def baci_frame(table: pa.Table, to_iso3: Callable[[int], str | None]) -> pd.DataFrame:
    data = table.to_pandas()
    codes = {int(c): to_iso3(int(c)) for c in pd.unique(pd.concat([data["i"], data["j"]]))}
    products = pd.DataFrame({
        "reporter": data["i"].map(codes), "partner": data["j"].map(codes), "flow": "export",
        "commodity": data["k"].astype(str).str.zfill(6), "year": data["t"], "value": data["v"] * 1000.0,
        "unit": "USD", "precision": 1.0,
    }).dropna(subset=["reporter", "partner", "value"])
    totals = products.groupby(["reporter", "partner", "year"], as_index=False)["value"].sum()
    totals = totals.assign(flow="export", commodity="TOTAL", unit="USD", precision=1.0)
    return pd.concat([products, totals[products.columns]], ignore_index=True)


def import_baci(paths: list[Path] | Path, *, countries: Path | None = None, dataset_id: str | None = None,
                data_dir: Path | None = None, replace: bool = False, progress: Progress | None = None) -> Path:
    """`paths`: one BACI yearly CSV, several, or a folder of them; stored one Parquet file per year."""
    files = _expand(paths)
    types = {"t": pa.int32(), "i": pa.int32(), "j": pa.int32(), "k": pa.string(), "v": pa.float64()}
    to_iso3 = baci_codes(Path(countries) if countries else None)

    def frames() -> Iterator[pd.DataFrame]:
        done = 0
        for file in files:
            offset = done
            yield baci_frame(read_csv(file, types, (lambda n, o=offset: progress(o + n)) if progress else None), to_iso3)
            done += file.stat().st_size

    return write_bulk(frames(), dataset_id=dataset_id or "baci", data_dir=data_dir, replace=replace, meta=BACI_META,
                      source=files[0] if len(files) == 1 else files[0].parent, by_year=True)


# -- IMF Direction of Trade Statistics -------------------------------------------------------------
IMF_DOTS = "International Monetary Fund (Direction of Trade Statistics)"
DOTS_SERIES = [
    series_entry("dots", "imf-dots", IMF_DOTS, "reporter", "goods", FOB_CIF, territory={"CHN": CHINA_MAINLAND},
                 vintage="revised", as_of="2022-02",
                 description="each reporter's exports (FOB) and imports (CIF) as that reporter gave them to the IMF; "
                             "total = exports + imports (derived)"),
    series_entry("dots-estimate", "imf-dots", IMF_DOTS, "estimated", "goods", FOB_CIF, territory={"CHN": CHINA_MAINLAND},
                 vintage="revised", as_of="2022-02",
                 description="cells the IMF marked as its estimate (mostly from partners' reports, e.g. North Korea)"),
]
DOTS_META = dict(
    title="IMF Direction of Trade Statistics (DOTS), annual, 1960–2020 (imported)", publisher=IMF_DOTS,
    description="Exports (FOB) and imports (CIF) of each reporting economy by partner, as each reporter gave them to "
                "the IMF (million USD in the source, plain USD here); partner World = WLD; totals = exports + imports "
                "(derived). Rows the IMF marked as estimates belong to the series dots-estimate. Aggregates "
                "(regions, 'not specified') are left out. Values as of the February 2022 download.",
    license="IMF-terms", version="2022-02", vintage=2022, rank=15, kind="official",
    homepage="https://data.imf.org/", citation="International Monetary Fund, Direction of Trade Statistics (DOTS)",
    sources=[{"title": "IMF DOTS via SamLeBlanc/Direction-of-Trade-Map (data/DOTS/*.xlsx)", "path": "https://data.imf.org/"}],
    series=DOTS_SERIES,
)
DOTS_FLOWS = {"exports_fob": "export", "imports_cif": "import"}
_PLACE_KINDS = ("country", "historical")


def _precision_of_millions(millions: np.ndarray) -> np.ndarray:
    """The rounding step in USD of figures printed in million USD: whole millions → 1e6, one
    decimal → 1e5, anything finer → 1e4."""
    whole = np.isclose(millions, np.round(millions), rtol=0, atol=1e-6)
    tenth = np.isclose(millions * 10, np.round(millions * 10), rtol=0, atol=1e-5)
    return np.where(whole, 1e6, np.where(tenth, 1e5, 1e4))


def dots_frame(table: pa.Table) -> pd.DataFrame:
    """Reporter-reported exports and imports by partner, plus their sum per pair and year as
    total; an estimate in either flow makes the total an estimate."""
    data = table.to_pandas()
    reporter_ok = data["reporter_kind"].isin(_PLACE_KINDS) & data["reporter_iso3"].notna()
    partner = data["partner_iso3"].where(data["partner_kind"].isin(_PLACE_KINDS))
    partner = partner.where(partner.notna(), np.where(data["partner_imf_name"] == "World", "WLD", None))
    flow = data["flow"].map(DOTS_FLOWS)
    keep = reporter_ok & partner.notna() & flow.notna() & data["value_musd"].notna()
    frame = pd.DataFrame({
        "reporter": data["reporter_iso3"][keep].astype("category"), "partner": partner[keep].astype("category"),
        "flow": flow[keep], "year": data["year"][keep].to_numpy(), "millions": data["value_musd"][keep].to_numpy(),
        "estimate": data["imf_estimate_flag"][keep].fillna(0).to_numpy() > 0,
    })
    del data
    # Two workbooks of one reporter repeat the same cells (DOTS_143 and DOTS_144): the same figure
    # twice is one figure. Two different figures for one cell would still fail check_unique.
    frame = frame.drop_duplicates(["reporter", "partner", "flow", "year", "millions"], ignore_index=True)
    keys = ["reporter", "partner", "year"]
    both = frame[frame["flow"] == "export"].merge(frame[frame["flow"] == "import"], on=keys, suffixes=("_x", "_m"))
    totals = pd.DataFrame({
        "reporter": both["reporter"], "partner": both["partner"], "flow": "total", "year": both["year"],
        "millions": both["millions_x"].to_numpy() + both["millions_m"].to_numpy(),
        "estimate": both["estimate_x"].to_numpy() | both["estimate_m"].to_numpy(),
    })
    frame = pd.concat([frame, totals], ignore_index=True)
    millions = frame["millions"].to_numpy()
    return pd.DataFrame({
        "reporter": frame["reporter"].astype(str), "partner": frame["partner"].astype(str), "flow": frame["flow"],
        "commodity": "TOTAL", "year": frame["year"].astype("int64"), "value": np.round(millions * 1e6), "unit": "USD",
        "precision": _precision_of_millions(millions),
        "series": np.where(frame["estimate"].to_numpy(), "dots-estimate", "dots"),
    })


def import_dots(path: Path, *, dataset_id: str | None = None, data_dir: Path | None = None, replace: bool = False,
                progress: Progress | None = None) -> Path:
    """The long DOTS table (imf_dots_bilateral_annual_1960_2020.csv.gz): reporter_iso3, reporter_kind,
    partner_iso3, partner_imf_name, partner_kind, year, flow, value_musd, imf_estimate_flag."""
    path = Path(path)
    types = {"reporter_iso3": pa.string(), "reporter_kind": pa.string(), "partner_iso3": pa.string(),
             "partner_imf_name": pa.string(), "partner_kind": pa.string(), "year": pa.int32(), "flow": pa.string(),
             "value_musd": pa.float64(), "imf_estimate_flag": pa.int8()}
    missing = [c for c in types if c not in _header(path)]
    if missing:
        raise DatasetError(f"{path}: not an IMF DOTS table: missing column(s) {', '.join(missing)}", code="FC204")
    frame = dots_frame(read_csv(path, types, progress))
    return write_bulk(frame, dataset_id=dataset_id or "dots", data_dir=data_dir, replace=replace, meta=DOTS_META,
                      source=path)


# -- US Census Bureau ------------------------------------------------------------------------------
CENSUS = "U.S. Census Bureau (Foreign Trade Division)"
_CENSUS_SERIES = dict(publisher_id="census", publisher=CENSUS, reporter_side="reporter", concept="goods",
                      valuation={"export": "fob", "import": "customs", "total": "mixed"},
                      territory={"CHN": "China (Census code 5700): mainland only; Hong Kong (5820), Macao (5660) and "
                                        "Taiwan (5830) are separate partners"},
                      vintage="revised", as_of="2024-06",
                      description="US-reported goods trade, Census basis: exports F.A.S. (counted as fob), general "
                                  "imports at customs value; not seasonally adjusted; total = exports + imports")
CENSUS_META = dict(
    title="US Census Bureau: US goods trade by country, annual and monthly (imported)", publisher=CENSUS,
    description="US exports (total, F.A.S.) and general imports (customs value) by partner country, not seasonally "
                "adjusted, million USD in the source (plain USD here); partner World (code 0015) = WLD; total = "
                "exports + imports (derived). Annual figures for complete years only; monthly figures in monthly.parquet.",
    license="US-public-domain", version="2024-06", vintage=2024, rank=10, kind="official",
    homepage="https://www.census.gov/foreign-trade/statistics/country/index.html",
    citation="U.S. Census Bureau, U.S. International Trade in Goods and Services (country.xlsx)",
    sources=[{"title": "US Census Bureau country.xlsx via cesinco/tableau-dashboard-extension-d3js",
              "path": "https://www.census.gov/foreign-trade/balance/country.xlsx"}],
    series=[series_entry("census", **_CENSUS_SERIES),
            series_entry("census-monthly", **(_CENSUS_SERIES | {"frequency": "monthly"}))],
    monthly_series="census-monthly",
)


def census_frame(data: pd.DataFrame, monthly: bool) -> pd.DataFrame:
    """US-reported exports, imports and their total by partner (ISO3; Census codes through
    census_codes.py). Where two Census codes give one country in one year (Israel 5080/5081,
    Ethiopia 7740/7749, Sudan in 2011), the larger figure is kept, never both."""
    from factcheck.reference.census_codes import CENSUS_TO_ISO3, CENSUS_WORLD

    codes = data["cty_code"].astype(str).str.zfill(4)
    partner = codes.map(CENSUS_TO_ISO3).where(codes != CENSUS_WORLD, "WLD")
    keep = partner.notna()
    if not monthly and "months_covered" in data:
        keep &= data["months_covered"] == 12  # 2024 holds January-June only: not a year's figure
    data, partner = data[keep], partner[keep]
    time = {"year": data["year"].to_numpy()} | ({"month": data["month"].to_numpy()} if monthly else {})
    parts = [pd.DataFrame({"partner": partner.to_numpy(), "flow": flow, **time, "millions": values})
             for flow, values in (("export", data["exports_musd"].to_numpy()), ("import", data["imports_musd"].to_numpy()),
                                  ("total", (data["exports_musd"] + data["imports_musd"]).to_numpy()))]
    frame = pd.concat(parts, ignore_index=True).dropna(subset=["millions"])
    key = ["partner", "flow", "year"] + (["month"] if monthly else [])
    frame = frame.sort_values("millions", ascending=False, kind="stable").drop_duplicates(key)
    millions = frame["millions"].to_numpy()
    result = pd.DataFrame({"reporter": "USA", "partner": frame["partner"], "flow": frame["flow"], "commodity": "TOTAL",
                           "year": frame["year"], "value": np.round(millions * 1e6), "unit": "USD",
                           "precision": 1e3})  # unrounded in the workbook; the web tables print 0.1 million
    if monthly:
        result["month"] = frame["month"].to_numpy()
    return result.reset_index(drop=True)


def _read_small_csv(path: Path, dtype: dict | None = None) -> pd.DataFrame:
    if not path.is_file():
        raise DatasetError(f"{path}: no such file", code="FC220")
    try:
        return pd.read_csv(path, dtype=dtype)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise DatasetError(f"{path}: cannot read as CSV ({' '.join(str(error).split())[:200]})", code="FC221") from None


def import_census(paths: list[Path] | Path, *, dataset_id: str | None = None, data_dir: Path | None = None,
                  replace: bool = False, progress: Progress | None = None) -> Path:
    """The derived Census CSVs (annual: year, cty_code, exports_musd, imports_musd, months_covered;
    monthly: the same with month), one or both, or their folder; told apart by their header."""
    files = _expand(paths)
    annual, monthly, done = [], [], 0
    needed = {"year", "cty_code", "exports_musd", "imports_musd"}
    for file in files:
        header = set(_header(file))
        if not needed <= header:
            raise DatasetError(f"{file}: not a Census country trade CSV: missing column(s) "
                               f"{', '.join(sorted(needed - header))}", code="FC204")
        is_monthly = "month" in header
        frame = census_frame(_read_small_csv(file, {"cty_code": str}), is_monthly)
        (monthly if is_monthly else annual).append(frame)
        done += file.stat().st_size
        if progress:
            progress(done)
    if len(annual) > 1 or len(monthly) > 1:
        raise DatasetError(f"{files[0].parent}: more than one annual or monthly Census file", code="FC208")
    empty = pd.DataFrame({c: pd.Series(dtype="float64" if c in ("value", "precision") else "int64" if c == "year"
                                       else "object") for c in PARQUET_COLUMNS})
    return write_bulk(annual[0] if annual else empty, dataset_id=dataset_id or "census", data_dir=data_dir,
                      replace=replace, meta=CENSUS_META, source=files[0] if len(files) == 1 else files[0].parent,
                      monthly=monthly[0] if monthly else None)


# -- World Bank WDI --------------------------------------------------------------------------------
WORLD_BANK = "World Bank (World Development Indicators; data from the WTO)"
WDI_META = dict(
    title="World Bank WDI: merchandise exports and imports (current US$), 1960–2025 (imported)", publisher=WORLD_BANK,
    description="Each economy's merchandise exports (TX.VAL.MRCH.CD.WT) and imports (TM.VAL.MRCH.CD.WT) with the "
                "world (partner WLD), current USD, and their sum as total (derived). World Bank aggregates (regions, "
                "income groups, WLD itself) are left out.",
    license="CC-BY-4.0", version="2026-07", vintage=2026, rank=25, kind="compiled",
    homepage="https://data.worldbank.org/indicator/TX.VAL.MRCH.CD.WT",
    citation="World Bank, World Development Indicators: Merchandise exports/imports (current US$), from the WTO",
    sources=[{"title": "World Bank WDI via datasets/world-development-indicators", "path": "https://data.worldbank.org/"}],
    series=[series_entry("wdi", "wdi", WORLD_BANK, "reporter", "goods", FOB_CIF, vintage="revised", as_of="2026-07",
                         description="WTO merchandise totals (exports mostly FOB, imports mostly CIF); the newest year is "
                                     "the most revisable")],
)
WDI_INDICATORS = {"tx.val.mrch.cd.wt": "export", "tm.val.mrch.cd.wt": "import"}


def _wdi_long(file: Path, header: list[str]) -> pd.DataFrame:
    """One file as (code, year, flow, value): the joined wide file, or one indicator's file
    (its flow from the indicator in the file name)."""
    data = _read_small_csv(file)
    if {"merchandise_exports_usd", "merchandise_imports_usd"} <= set(header):
        return pd.concat([pd.DataFrame({"code": data["Country Code"], "year": data["Year"], "flow": flow,
                                        "value": data[column]})
                          for flow, column in (("export", "merchandise_exports_usd"),
                                               ("import", "merchandise_imports_usd"))], ignore_index=True)
    flow = next((f for key, f in WDI_INDICATORS.items() if key.replace(".", "_") in file.name.lower()
                 or key in file.name.lower()), None)
    if flow is None or "Value" not in header:
        raise DatasetError(f"{file}: not a WDI merchandise file (the wide file, or one named after "
                           f"{' or '.join(WDI_INDICATORS)})", code="FC204")
    return pd.DataFrame({"code": data["Country Code"], "year": data["Year"], "flow": flow, "value": data["Value"]})


def wdi_frame(long: pd.DataFrame) -> pd.DataFrame:
    codes = {c: from_code(c, "iso3") for c in long["code"].dropna().unique()}
    long = long.assign(reporter=long["code"].map(codes)).dropna(subset=["reporter", "value"])
    long = long[long["reporter"] != "WLD"].drop_duplicates(["reporter", "flow", "year"])
    wide = long.pivot_table(index=["reporter", "year"], columns="flow", values="value", aggfunc="first").dropna()
    totals = pd.DataFrame({"reporter": wide.index.get_level_values(0), "year": wide.index.get_level_values(1),
                           "flow": "total", "value": (wide["export"] + wide["import"]).to_numpy()})
    frame = pd.concat([long[["reporter", "year", "flow", "value"]], totals], ignore_index=True)
    return pd.DataFrame({"reporter": frame["reporter"], "partner": "WLD", "flow": frame["flow"], "commodity": "TOTAL",
                         "year": frame["year"].astype("int64"), "value": frame["value"].astype(float), "unit": "USD",
                         "precision": 1e6})  # the WTO publishes million USD


def import_wdi(paths: list[Path] | Path, *, dataset_id: str | None = None, data_dir: Path | None = None,
               replace: bool = False, progress: Progress | None = None) -> Path:
    """The wide file (derived_wdi_merchandise_exports_imports_wide.csv), or the two indicator
    files, or their folder (the wide file is used when present)."""
    files = [f for f in _expand(paths) if "datapackage" not in f.name]
    wide = [f for f in files if {"merchandise_exports_usd", "merchandise_imports_usd"} <= set(_header(f))]
    chosen = wide[:1] or files
    frame = wdi_frame(pd.concat([_wdi_long(f, _header(f)) for f in chosen], ignore_index=True))
    if progress:
        progress(sum(f.stat().st_size for f in chosen))
    return write_bulk(frame, dataset_id=dataset_id or "wdi", data_dir=data_dir, replace=replace, meta=WDI_META,
                      source=chosen[0] if len(chosen) == 1 else chosen[0].parent)


def _expand(paths: list[Path] | Path) -> list[Path]:
    paths = [Path(p) for p in (paths if isinstance(paths, list) else [paths])]
    files = []
    for path in paths:
        files.extend(sorted(path.glob("*.csv*")) if path.is_dir() else [path])
    if not files:
        raise DatasetError(f"{', '.join(map(str, paths))}: no CSV files to import", code="FC220")
    return files


def input_size(paths: list[Path] | Path) -> int:
    return sum(p.stat().st_size for p in _expand(paths) if p.is_file())


def _header(path: Path) -> list[str]:
    if not path.is_file():
        raise DatasetError(f"{path}: no such file", code="FC220")
    import gzip

    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8-sig") as handle:
            first = handle.readline()
    except (OSError, UnicodeDecodeError) as error:
        raise DatasetError(f"{path}: unreadable ({error})", code="FC221") from None
    return [c.strip().strip('"') for c in first.split(",")]


IMPORTERS = {"cow": import_cow, "comtrade": import_comtrade, "baci": import_baci, "dots": import_dots,
             "census": import_census, "wdi": import_wdi}
MULTI_FILE = {"baci", "census", "wdi"}  # kinds that take several files or a folder
# The importer kind behind a dataset's title: descriptors do not record it, and an outdated
# dataset's note names the command that imports it again.
KIND_BY_TITLE = {meta["title"]: kind for kind, meta in (
    ("cow", COW_META), ("cow", COW_NATIONAL_META), ("comtrade", COMTRADE_META), ("baci", BACI_META),
    ("dots", DOTS_META), ("census", CENSUS_META), ("wdi", WDI_META))}


def kind_for_title(title: str) -> str | None:
    return KIND_BY_TITLE.get(title)
