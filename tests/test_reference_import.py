"""Bulk imports (COW, UN Comtrade, BACI) into the local store and the catalog's use of them: small
files made here for each rule, and the real COW table from ../shared where it is."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck.cli  # noqa: F401 - registers the commands on the app
from factcheck.cli.app import app
from factcheck.errors import DatasetError
from factcheck.reference import Catalog
from factcheck.reference.importers import import_baci, import_comtrade, import_cow

COW_CSV = """ccode1,ccode2,year,flow1,flow2,smoothflow1,smoothflow2
710,731,2010,1191.0,2526.0,1191.0,2526.0
710,731,2012,2491.0,3854.0,2491.0,3854.0
2,20,1930,,578.0,,578.0
2,41,1912,-9,6.25,-9,6.25
365,710,1980,100.0,200.0,100.0,200.0
365,710,2000,300.0,400.0,300.0,400.0
2,255,1990,50.0,60.0,50.0,60.0
2,260,1990,70.0,80.0,70.0,80.0
2,300,1900,1.0,2.0,1.0,2.0
"""


def cow_file(tmp_path: Path, gz: bool) -> Path:
    path = tmp_path / ("cow.csv.gz" if gz else "cow.csv")
    if gz:
        with gzip.open(path, "wt") as handle:
            handle.write(COW_CSV)
    else:
        path.write_text(COW_CSV)
    return path


def value(catalog: Catalog, dataset: str | None = None, **query) -> list[tuple]:
    """The imported dataset's answers (bundled data answers some of the same questions)."""
    return [(o.dataset, o.value, o.mirror) for o in catalog.observations(**query)
            if dataset is None or o.dataset == dataset]


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_cow_import_converts_million_dollars_and_states(tmp_path, gz):
    store = tmp_path / "store"
    import_cow(cow_file(tmp_path, gz), data_dir=store)
    catalog = Catalog.load(data_dir=store)
    assert value(catalog, reporter="CHN", partner="PRK", flow="import", years=(2010, 2010)) == [("cow", 1.191e9, False)]
    # flow2 = imports of ccode2 (PRK) from ccode1 (CHN)
    assert value(catalog, reporter="PRK", partner="CHN", flow="import", years=(2010, 2010), mirror=False) == [("cow", 2.526e9, False)]
    total = catalog.observations(reporter="CHN", partner="PRK", flow="total", years=(2010, 2010))
    assert [(o.value, o.mirror) for o in total] == [(1.191e9 + 2.526e9, False)]  # no repeat of the same total as mirror
    # the USSR before 1992, Russia after
    assert value(catalog, reporter="SUN", partner="CHN", flow="import", years=(1980, 1980), mirror=False) == [("cow", 1e8, False)]
    assert value(catalog, reporter="RUS", partner="CHN", flow="import", years=(2000, 2000), mirror=False) == [("cow", 3e8, False)]
    # blank and -9 are missing, not zero
    assert value(catalog, reporter="USA", partner="CAN", flow="import", years=(1930, 1930), mirror=False) == []
    assert value(catalog, reporter="HTI", partner="USA", flow="import", years=(1912, 1912), mirror=False) == [("cow", 6.25e6, False)]
    assert catalog.observations(reporter="HTI", partner="USA", flow="import", years=(1912, 1912))[0].precision == 1e4
    # West Germany and Germany in 1990 are one pair: the larger figure is kept, never both
    assert value(catalog, "cow", reporter="USA", partner="DEU", flow="import", years=(1990, 1990), mirror=False) == [("cow", 7e7, False)]
    info = next(i for i in catalog.datasets() if i.id == "cow")
    assert not info.bundled and info.years == (1912, 2012)  # Austria-Hungary (1900) has no ISO3: left out
    assert "Correlates of War" in info.publisher and "Barbieri" in info.citation


def test_north_korea_exports_from_cow_are_china_imports_marked_mirror(tmp_path):
    store = tmp_path / "store"
    import_cow(cow_file(tmp_path, False), data_dir=store)
    catalog = Catalog.load(data_dir=store)
    rows = [o for o in catalog.observations(reporter="PRK", partner="CHN", flow="export", years=(2010, 2010))
            if o.dataset == "cow"]
    assert [(o.value, o.mirror, o.reporter, o.flow) for o in rows] == [(1.191e9, True, "PRK", "export")]
    assert "China's reported imports from North Korea" in rows[0].note
    assert rows[0].citation.publisher.startswith("Correlates of War")


def test_second_import_needs_replace_and_failed_import_leaves_nothing(tmp_path):
    store = tmp_path / "store"
    path = cow_file(tmp_path, False)
    import_cow(path, data_dir=store)
    with pytest.raises(DatasetError, match="already imported"):
        import_cow(path, data_dir=store)
    import_cow(path, data_dir=store, replace=True)
    bad = tmp_path / "bad.csv"
    bad.write_text("ccode1,ccode2,year,flow1,flow2\n710,731,twenty-ten,1,2\n")
    with pytest.raises(DatasetError, match="bad.csv"):
        import_cow(bad, data_dir=store, dataset_id="bad")
    assert sorted(p.name for p in store.iterdir() if p.name != ".lock") == ["cow"]  # .lock: the store lock


def test_parquet_changed_after_import_is_refused_on_load(tmp_path):
    store = tmp_path / "store"
    folder = import_cow(cow_file(tmp_path, False), data_dir=store)
    with open(folder / "observations.parquet", "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(DatasetError, match="does not match datapackage.json"):
        Catalog.load(data_dir=store)


def test_comtrade_import_keeps_hs_leading_zeros_and_world(tmp_path):
    path = tmp_path / "comtrade.csv"
    path.write_text(
        "refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue,motCode\n"
        "2023,KOR,CHN,X,TOTAL,124655567747,0\n"
        "2023,KOR,CHN,X,0101,1234.5,0\n"
        "2023,KOR,W00,M,TOTAL,642572000000,0\n"
        "2023,KOR,CHN,X,TOTAL,1,2100\n"      # a transport-mode breakdown, not a total
        "2023,KOR,CHN,RX,TOTAL,99,0\n"       # re-exports are not exports
        "2023,S19,CHN,X,TOTAL,5,0\n"         # not a country
    )
    store = tmp_path / "store"
    import_comtrade(path, data_dir=store)
    catalog = Catalog.load(data_dir=store)
    assert value(catalog, reporter="KOR", partner="CHN", flow="export", commodity="0101") == [("comtrade", 1234.5, False)]
    exports = [o for o in catalog.observations(reporter="KOR", partner="CHN", flow="export", years=(2023, 2023))
               if o.dataset == "comtrade"]
    assert [o.value for o in exports] == [124655567747.0]
    assert value(catalog, "comtrade", reporter="KOR", partner="WLD", flow="import", years=(2023, 2023)) == [("comtrade", 642572000000.0, False)]


def test_comtrade_without_its_columns_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("year,value\n2023,1\n")
    with pytest.raises(DatasetError, match="not a UN Comtrade CSV: missing column"):
        import_comtrade(path, data_dir=tmp_path / "store")


def test_baci_import_thousand_dollars_hs6_and_totals(tmp_path):
    data = tmp_path / "BACI_HS17_Y2020_V202301.csv"
    data.write_text("t,i,j,k,v,q\n2020,156,408,010121,1.5,2\n2020,156,408,847130,100.25,3\n2020,410,156,847130,7,1\n")
    countries = tmp_path / "country_codes_V202301.csv"
    countries.write_text("country_code;country_name_abbreviation;country_name_full;iso_2digit_alpha;iso_3digit_alpha\n"
                         "156;China;China;CN;CHN\n408;Dem. People's Rep. of Korea;DPRK;KP;PRK\n410;Rep. of Korea;Korea;KR;KOR\n")
    store = tmp_path / "store"
    folder = import_baci([data], countries=countries, data_dir=store)
    assert (folder / "observations-2020.parquet").is_file()
    catalog = Catalog.load(data_dir=store)
    assert value(catalog, reporter="CHN", partner="PRK", flow="export", commodity="010121") == [("baci", 1500.0, False)]
    assert value(catalog, "baci", reporter="CHN", partner="PRK", flow="export", years=(2020, 2020)) == [("baci", 101750.0, False)]
    mirrored = catalog.observations(reporter="PRK", partner="CHN", flow="import", years=(2020, 2020))
    assert [(o.dataset, o.value, o.mirror) for o in mirrored if o.dataset == "baci"] == [("baci", 101750.0, True)]


def test_cli_import_list_json_and_remove(tmp_path):
    store = tmp_path / "store"
    runner = CliRunner()
    result = runner.invoke(app, ["data", "import", "cow", str(cow_file(tmp_path, True)), "--data-dir", str(store)])
    assert result.exit_code == 0, result.output
    assert "imported cow" in result.output
    listed = runner.invoke(app, ["data", "list", "--format", "json", "--data-dir", str(store)])
    import json

    records = {r["id"]: r for r in json.loads(listed.output)}
    assert {"id", "title", "publisher", "license", "citation", "rows", "years", "sha256"} <= set(records["cow"])
    assert records["cow"]["bundled"] is False and records["chn-prk-news"]["bundled"] is True
    assert runner.invoke(app, ["data", "show", "cow", "--data-dir", str(store)]).exit_code == 0
    assert runner.invoke(app, ["data", "validate", "cow", "--data-dir", str(store)]).exit_code == 0
    removed = runner.invoke(app, ["data", "remove", "cow", "--data-dir", str(store)])
    assert removed.exit_code == 0 and not (store / "cow").exists()
    for args in (["data", "remove", "chn-prk-news"], ["data", "remove", "cow"], ["data", "show", "nope"],
                 ["data", "import", "cow", str(tmp_path / "missing.csv")], ["data", "remove", "../etc"]):
        result = runner.invoke(app, args + ["--data-dir", str(store)])
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith("factcheck: error:") and "Traceback" not in result.output


# -- the real COW table (../shared/reference-sources), skipped where absent ------------------------
@pytest.fixture(scope="module")
def cow_store(reference_sources, tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("cow-store")
    import_cow(reference_sources / "cow-trade-4.0/dyadic_trade_1870_2014.csv.gz", data_dir=store)
    return store


def test_real_cow_china_imports_from_north_korea(cow_store):
    catalog = Catalog.load(data_dir=cow_store)
    obs = [o for o in catalog.observations(reporter="CHN", partner="PRK", flow="import", years=(2010, 2012))
           if o.dataset == "cow"]
    by_year = {o.year: o.value for o in obs}
    assert by_year[2010] == pytest.approx(1.19e9, rel=0.005)   # "$1.19 billion in 2010" is right
    assert by_year[2012] == pytest.approx(2.491e9)             # "$9.5 billion in 2012" is not
    assert all(not o.mirror for o in obs)
    info = next(i for i in catalog.datasets() if i.id == "cow")
    assert info.rows > 2_000_000 and info.years == (1870, 2014)


def test_real_cow_passes_full_validation(cow_store):
    from factcheck.reference.manage import validate_folder

    assert validate_folder(cow_store / "cow") > 2_000_000


def test_corrupted_copy_of_real_cow_is_refused(reference_sources, tmp_path):
    source = reference_sources / "cow-trade-4.0/dyadic_trade_1870_2014.csv.gz"
    broken = tmp_path / "dyadic_trade_1870_2014.csv.gz"
    data = source.read_bytes()
    broken.write_bytes(data[: len(data) // 2])  # a download cut off halfway
    with pytest.raises(DatasetError) as raised:
        import_cow(broken, data_dir=tmp_path / "store")
    assert "dyadic_trade_1870_2014.csv.gz" in str(raised.value)
    assert not (tmp_path / "store" / "cow").exists()


def test_corrupted_rows_in_a_copy_are_refused(reference_sources, tmp_path):
    source = reference_sources / "cow-trade-4.0/dyadic_trade_1870_2014.csv.gz"
    with gzip.open(source, "rt") as handle:
        lines = [next(handle) for _ in range(1000)]
    lines[500] = "2,20,1950,lots,735.0,612.0,735.0\n"
    broken = tmp_path / "cow.csv"
    broken.write_text("".join(lines))
    with pytest.raises(DatasetError, match="cow.csv"):
        import_cow(broken, data_dir=tmp_path / "store")
    shutil.rmtree(tmp_path / "store", ignore_errors=True)


def test_baci_several_years_one_file_each(tmp_path):
    files = []
    for year, thousands in ((2019, 2.0), (2020, 3.0)):
        path = tmp_path / f"BACI_HS17_Y{year}_V202301.csv"
        path.write_text(f"t,i,j,k,v,q\n{year},156,408,2701,{thousands},1\n")
        files.append(path)
    folder = import_baci(files, data_dir=tmp_path / "store")
    assert sorted(p.name for p in folder.glob("observations*.parquet")) == ["observations-2019.parquet", "observations-2020.parquet"]
    catalog = Catalog.load(data_dir=tmp_path / "store")
    assert value(catalog, "baci", reporter="CHN", partner="PRK", flow="export", commodity="002701") == [
        ("baci", 2000.0, False), ("baci", 3000.0, False)]
    assert value(catalog, "baci", reporter="CHN", partner="PRK", flow="export", commodity="002701", years=(2020, 2020)) == [
        ("baci", 3000.0, False)]


def test_year_spans_come_from_the_index_and_agree_with_the_data(tmp_path):
    import pyarrow.parquet as pq

    store = tmp_path / "store"
    folder = import_cow(cow_file(tmp_path, False), data_dir=store)
    assert (folder / "index.parquet").is_file()
    data = pq.read_table(folder / "observations.parquet").to_pandas()
    catalog = Catalog.load(data_dir=store / "nothing-bundled-only")
    imported = Catalog.load(data_dir=store)
    for country in ("CHN", "PRK", "USA", "DEU", "HTI"):
        rows = data[(data.reporter == country) | (data.partner == country)]
        spans = [(int(rows.year.min()), int(rows.year.max()))] if len(rows) else []
        bundled = catalog.years_covered(country)
        spans += [bundled] if bundled else []
        assert imported.years_covered(country) == (min(s[0] for s in spans), max(s[1] for s in spans)), country


def test_an_import_killed_before_its_rename_is_not_a_dataset(tmp_path):
    store = tmp_path / "store"
    folder = import_cow(cow_file(tmp_path, False), data_dir=store)
    shutil.copytree(folder, store / ".cow.abc123")  # what a kill between packaging and rename leaves
    assert [i.id for i in Catalog.load(data_dir=store).datasets() if not i.bundled] == ["cow"]


def test_baci_with_the_real_country_table(reference_sources, tmp_path):
    data = tmp_path / "BACI_HS17_Y2021_V202301.csv"
    data.write_text("t,i,j,k,v,q\n2021,156,408,270119,12.5,1\n2021,490,410,854231,8,1\n")
    folder = import_baci(data, countries=reference_sources / "country-codes/baci_country_codes_V202301.csv",
                         data_dir=tmp_path / "store")
    catalog = Catalog.load(data_dir=tmp_path / "store")
    assert value(catalog, "baci", reporter="CHN", partner="PRK", flow="export", commodity="270119") == [("baci", 12500.0, False)]
    assert value(catalog, "baci", reporter="TWN", partner="KOR", flow="export", commodity="854231") == [("baci", 8000.0, False)]
    assert folder.name == "baci"


def test_cow_national_totals_become_world_rows(tmp_path):
    path = tmp_path / "national.csv"
    path.write_text("ccode,year,imports,exports\n731,2010,4275.99939929569,2142.7524533487\n31,1960,,\n2,1870,450.0,418.0\n")
    folder = import_cow(path, data_dir=tmp_path / "store")
    assert folder.name == "cow-national"
    catalog = Catalog.load(data_dir=tmp_path / "store")
    exports = value(catalog, "cow-national", reporter="PRK", partner="WLD", flow="export", years=(2010, 2010))
    assert exports == [("cow-national", pytest.approx(2.1427524533487e9), False)]
    assert value(catalog, "cow-national", reporter="USA", partner="WLD", flow="total", years=(1870, 1870)) == [
        ("cow-national", 8.68e8, False)]
    assert value(catalog, "cow-national", reporter="BHS", partner="WLD", flow="import") == []


def test_a_file_that_is_neither_cow_table_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(DatasetError, match="not a Correlates of War trade CSV"):
        import_cow(path, data_dir=tmp_path / "store")


def test_real_cow_national_totals(reference_sources, tmp_path):
    import_cow(reference_sources / "cow-trade-4.0/national_trade_1870_2014.csv", data_dir=tmp_path / "store")
    catalog = Catalog.load(data_dir=tmp_path / "store")
    [obs] = [o for o in catalog.observations(reporter="CHN", partner="WLD", flow="export", years=(2010, 2010))
             if o.dataset == "cow-national"]
    assert obs.value == 1_969_662.875 * 1e6  # the file's "710,2010,1832968.5,1969662.875", million USD
