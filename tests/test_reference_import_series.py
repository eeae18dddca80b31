"""Imports of the series journalists quote (issue 10): IMF DOTS, US Census by country (annual and
monthly), World Bank WDI merchandise totals. Small files made here for each rule; the real files
from ../shared where they are (skipped without them)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import factcheck.cli  # noqa: F401 - registers the commands on the app
from factcheck.cli.app import app
from factcheck.errors import DatasetError
from factcheck.reference import Catalog
from factcheck.reference.datapackage import read_descriptor
from factcheck.reference.importers import import_census, import_dots, import_wdi

DOTS_HEADER = ("reporter_iso3,reporter_imf_name,reporter_kind,partner_iso3,partner_imf_name,partner_kind,year,flow,"
               "value_musd,imf_estimate_flag,source_file\n")
DOTS_ROWS = [
    "USA,United States,country,CHN,\"China, P.R.: Mainland\",country,2018,imports_cif,539503.4,0,a.xlsx",
    "USA,United States,country,CHN,\"China, P.R.: Mainland\",country,2018,exports_fob,120341.4,0,a.xlsx",
    "USA,United States,country,CHN,\"China, P.R.: Mainland\",country,2018,exports_fob,120341.4,0,b.xlsx",  # repeated workbook
    "USA,United States,country,,World,aggregate,2018,imports_cif,2614221.0,0,a.xlsx",
    "USA,United States,country,,Euro Area,aggregate,2018,imports_cif,500000.0,0,a.xlsx",  # aggregate partner: left out
    ",Advanced Economies,aggregate,CHN,\"China, P.R.: Mainland\",country,2018,imports_cif,1.0,0,c.xlsx",  # aggregate reporter
    "CHN,\"China, P.R.: Mainland\",country,USA,United States,country,2018,exports_fob,480688.7,0,d.xlsx",
    "CHN,\"China, P.R.: Mainland\",country,PRK,\"Korea, Dem. People's Rep. of\",country,2018,exports_fob,2220.0,0,d.xlsx",
    "PRK,\"Korea, Dem. People's Rep. of\",country,CHN,\"China, P.R.: Mainland\",country,2018,exports_fob,213.15,1,e.xlsx",
    "PRK,\"Korea, Dem. People's Rep. of\",country,CHN,\"China, P.R.: Mainland\",country,2018,imports_cif,2220.0,1,e.xlsx",
    "SUN,USSR,historical,USA,United States,country,1980,imports_cif,400.0,0,f.xlsx",
]


def dots_file(tmp_path: Path, rows=DOTS_ROWS) -> Path:
    path = tmp_path / "dots.csv.gz"
    with gzip.open(path, "wt") as handle:
        handle.write(DOTS_HEADER + "\n".join(rows) + "\n")
    return path


def only(catalog: Catalog, dataset: str, **query) -> list:
    return [o for o in catalog.observations(**query) if o.dataset == dataset]


def test_dots_reporter_reported_exports_fob_and_imports_cif(tmp_path):
    store = tmp_path / "store"
    import_dots(dots_file(tmp_path), data_dir=store)
    catalog = Catalog.load(data_dir=store)
    imports = only(catalog, "dots", reporter="USA", partner="CHN", flow="import", years=(2018, 2018))
    assert [(o.value, o.mirror) for o in imports] == [(539503.4e6, False), (480688.7e6, True)]
    reported, mirrored = imports
    assert (reported.series.publisher_id, reported.series.reporter_side, reported.series.valuation) == ("imf-dots", "reporter", "cif")
    assert (mirrored.series.reporter_side, mirrored.series.valuation) == ("partner", "fob")  # China's exports
    assert reported.precision == 1e5 and "Hong Kong" in reported.series.territory
    # the repeated workbook is one figure; the pair's total is exports + imports, valued "mixed"
    exports = only(catalog, "dots", reporter="USA", partner="CHN", flow="export", years=(2018, 2018), mirror=False)
    assert [o.value for o in exports] == [120341.4e6]
    total = only(catalog, "dots", reporter="USA", partner="CHN", flow="total", years=(2018, 2018), mirror=False)
    assert [o.value for o in total] == [pytest.approx(659844.8e6)] and total[0].series.valuation == "mixed"
    world = only(catalog, "dots", reporter="USA", partner="WLD", flow="import", years=(2018, 2018))
    assert [o.value for o in world] == [2614221.0e6]
    importers = only(catalog, "dots", partner="CHN", flow="import", years=(2018, 2018), mirror=False)
    assert sorted(o.reporter for o in importers) == ["PRK", "USA"]  # the aggregate reporter is left out
    # IMF estimates (North Korea) are their own series, never "reported by the reporter"
    prk = only(catalog, "dots", reporter="PRK", partner="CHN", flow="export", years=(2018, 2018), mirror=False)
    assert [(o.value, o.series.reporter_side) for o in prk] == [(213.15e6, "estimated")]
    assert only(catalog, "dots", reporter="SUN", partner="USA", flow="import", mirror=False)[0].value == 400e6


def test_dots_partner_only_query_reads_the_partner_sorted_copy_and_agrees_with_a_scan(tmp_path):
    store = tmp_path / "store"
    folder = import_dots(dots_file(tmp_path), data_dir=store)
    names = {r["name"] for r in read_descriptor(folder)["resources"]}
    assert {"observations", "by_partner", "index"} <= names
    copy = pq.read_table(folder / "by_partner.parquet").to_pandas()
    assert list(copy["partner"]) == sorted(copy["partner"])
    catalog = Catalog.load(data_dir=store)
    got = sorted((o.reporter, o.flow, o.value) for o in only(catalog, "dots", partner="CHN", years=(2018, 2018),
                                                           commodity="TOTAL"))
    table = pq.read_table(folder / "observations.parquet").to_pandas()
    scan = table[(table["partner"] == "CHN") & (table["year"] == 2018)]
    assert got == sorted(zip(scan["reporter"], scan["flow"], scan["value"]))
    # a reporter with no partner named also gets the partners' mirror figures
    usa = only(catalog, "dots", reporter="USA", flow="import", years=(2018, 2018))
    assert {(o.partner, o.mirror) for o in usa} == {("CHN", False), ("WLD", False), ("CHN", True)}


def test_dots_file_of_another_kind_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("year,value\n2020,1\n")
    with pytest.raises(DatasetError, match="not an IMF DOTS table"):
        import_dots(path, data_dir=tmp_path / "store")


CENSUS_ANNUAL = """year,cty_code,ctyname,is_aggregate,exports_musd,imports_musd,balance_musd,months_covered
2018,5700,China,0,120281.2,538514.2,-418233.0,12
2018,0015,"World, Not Seasonally Adjusted",1,1665787.0,2536145.0,-870358.0,12
2018,0004,"World, Seasonally Adjusted",1,1.0,1.0,0.0,12
2018,0003,European Union,1,318000.0,487000.0,-169000.0,12
2000,5080,Israel,0,3.0,4.0,-1.0,12
2000,5081,Israel,0,7000.0,13000.0,-6000.0,12
2024,5700,China,0,70000.0,200000.0,-130000.0,6
"""
CENSUS_MONTHLY = """year,month,cty_code,ctyname,is_aggregate,exports_musd,imports_musd
2018,1,5700,China,0,10000.0,45000.0
2018,2,5700,China,0,9000.0,40000.0
2024,1,5700,China,0,11000.5,35790.0
"""


def census_files(tmp_path: Path) -> tuple[Path, Path]:
    annual, monthly = tmp_path / "census_annual.csv", tmp_path / "census_monthly.csv.gz"
    annual.write_text(CENSUS_ANNUAL)
    with gzip.open(monthly, "wt") as handle:
        handle.write(CENSUS_MONTHLY)
    return annual, monthly


def test_census_annual_and_monthly(tmp_path):
    store = tmp_path / "store"
    import_census(list(census_files(tmp_path)), data_dir=store)
    catalog = Catalog.load(data_dir=store)
    imports = only(catalog, "census", reporter="USA", partner="CHN", flow="import", years=(2018, 2018))
    assert [o.value for o in imports] == [538514.2e6]
    series = imports[0].series
    assert (series.publisher_id, series.reporter_side, series.valuation, series.frequency) == ("census", "reporter", "customs", "annual")
    assert only(catalog, "census", reporter="USA", partner="CHN", flow="export", years=(2018, 2018))[0].series.valuation == "fob"
    world = only(catalog, "census", reporter="USA", partner="WLD", flow="export", years=(2018, 2018))
    assert [o.value for o in world] == [1665787.0e6]  # code 0015; the seasonally adjusted 0004 is not the total
    assert [o.value for o in only(catalog, "census", reporter="USA", partner="ISR", flow="export", mirror=False)] == [7000e6]
    # 2024 covers six months: no calendar-year figure, but its months are there
    assert not only(catalog, "census", reporter="USA", partner="CHN", flow="import", years=(2024, 2024))
    month = only(catalog, "census", reporter="USA", partner="CHN", flow="import", years=(2024, 2024), month=1)
    assert [(o.value, o.month, o.series.frequency) for o in month] == [(35790.0e6, 1, "monthly")]
    months = only(catalog, "census", reporter="USA", partner="CHN", flow="export", years=(2018, 2018), monthly=True)
    assert [(o.month, o.value) for o in months] == [(1, 10000e6), (2, 9000e6)]
    # a month's figure never answers a question about a year, and a year's never about a month
    assert all(o.month is None for o in catalog.observations(reporter="USA", partner="CHN", flow="export"))
    assert all(o.month == 2 for o in catalog.observations(reporter="USA", partner="CHN", flow="export", month=2))


def test_census_file_of_another_kind_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("year,value\n2020,1\n")
    with pytest.raises(DatasetError, match="not a Census country trade CSV"):
        import_census(path, data_dir=tmp_path / "store")


WDI_WIDE = """Country Name,Country Code,Year,merchandise_exports_usd,merchandise_imports_usd
China,CHN,2023,3379044000000,2556941000000
World,WLD,2023,23000000000000,23500000000000
East Asia & Pacific,EAS,2023,1,1
Aruba,ABW,1986,30000000,
"""


def test_wdi_merchandise_totals_with_the_world(tmp_path):
    path = tmp_path / "derived_wdi_merchandise_exports_imports_wide.csv"
    path.write_text(WDI_WIDE)
    store = tmp_path / "store"
    import_wdi(path, data_dir=store)
    catalog = Catalog.load(data_dir=store)
    exports = only(catalog, "wdi", reporter="CHN", partner="WLD", flow="export", years=(2023, 2023))
    assert [o.value for o in exports] == [3379044000000.0]
    assert (exports[0].series.publisher_id, exports[0].series.concept, exports[0].series.valuation) == ("wdi", "goods", "fob")
    total = only(catalog, "wdi", reporter="CHN", partner="WLD", flow="total", years=(2023, 2023))
    assert [o.value for o in total] == [3379044000000.0 + 2556941000000.0]
    info = next(i for i in catalog.datasets() if i.id == "wdi")
    assert info.rows == 4  # CHN export, import, total; Aruba's export (no import: no total). Aggregates left out
    assert not catalog.knows_country("EAS")


@pytest.mark.parametrize("kind", ["dots", "census", "wdi"])
def test_cli_import_new_kinds(tmp_path, kind):
    census_annual, census_monthly = census_files(tmp_path)
    wdi = tmp_path / "derived_wdi_merchandise_exports_imports_wide.csv"
    wdi.write_text(WDI_WIDE)
    paths = {"dots": [dots_file(tmp_path)], "census": [census_annual, census_monthly], "wdi": [wdi]}[kind]
    result = CliRunner().invoke(app, ["data", "import", kind, *map(str, paths), "--data-dir", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert f"imported {kind}:" in result.output
    shown = CliRunner().invoke(app, ["data", "show", kind, "--data-dir", str(tmp_path / "s")])
    assert "series " in shown.output and "reporter side=" in shown.output


# -- the real files -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def real_store(reference_sources, tmp_path_factory):
    dots = reference_sources / "imf-dots-1960-2020/imf_dots_bilateral_annual_1960_2020.csv.gz"
    census = reference_sources / "census-country-trade"
    wdi = reference_sources / "wdi-merchandise-trade"
    if not (dots.is_file() and census.is_dir() and wdi.is_dir()):
        pytest.skip("the DOTS, Census or WDI folders are absent from ../shared/reference-sources/")
    store = tmp_path_factory.mktemp("real-store")
    import_dots(dots, data_dir=store)
    import_census(census, data_dir=store)
    import_wdi(wdi, data_dir=store)
    return store


# The READMEs' spot checks, million USD (reporter, partner, flow, year, dataset, value)
SPOT_CHECKS = [
    ("USA", "CHN", "import", 2018, "dots", 539503.4),
    ("USA", "CHN", "export", 2018, "dots", 120341.4),
    ("CHN", "USA", "export", 2018, "dots", 480688.7),
    ("CHN", "USA", "import", 2018, "dots", 156259.1),
    ("CHN", "WLD", "export", 2020, "dots", 2598024.0),
    ("DEU", "WLD", "export", 2018, "dots", 1560539.3),
    ("KOR", "CHN", "export", 2019, "dots", 136272.8),
    ("USA", "CHN", "import", 2018, "census", 538514.2),
    ("USA", "CHN", "export", 2018, "census", 120281.2),
    ("USA", "MEX", "import", 2023, "census", 475216.0),
    ("USA", "CHN", "import", 2023, "census", 426885.0),
    ("CHN", "WLD", "export", 2023, "wdi", 3379044.0),
    ("DEU", "WLD", "import", 2018, "wdi", 1284353.0),
]


@pytest.mark.parametrize("reporter, partner, flow, year, dataset, millions", SPOT_CHECKS)
def test_readme_spot_checks(real_store, reporter, partner, flow, year, dataset, millions):
    catalog = Catalog.load(data_dir=real_store)
    rows = [o for o in catalog.observations(reporter=reporter, partner=partner, flow=flow, years=(year, year),
                                            mirror=False) if o.dataset == dataset]
    assert len(rows) == 1 and rows[0].value / 1e6 == pytest.approx(millions, abs=0.1)
    assert rows[0].series is not None and rows[0].series.reporter_side == "reporter"


def test_real_census_monthly_sums_to_the_year(real_store):
    catalog = Catalog.load(data_dir=real_store)
    months = [o for o in catalog.observations(reporter="USA", partner="CHN", flow="import", years=(2018, 2018),
                                              monthly=True) if o.dataset == "census"]
    assert sorted(o.month for o in months) == list(range(1, 13))
    assert sum(o.value for o in months) / 1e6 == pytest.approx(538514.2, abs=0.1)
