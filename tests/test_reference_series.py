"""Series metadata (issue 10): every figure says what it measures — publisher, reporter side,
concept, valuation, territory, currency, frequency, vintage — and several publishers in one
dataset are separate series. Also the data-quality flags found while measuring."""

from __future__ import annotations

from dataclasses import fields

import pytest
from typer.testing import CliRunner

import factcheck.cli  # noqa: F401 - registers the commands on the app
from factcheck.cli.app import app
from factcheck.reference import Catalog
from factcheck.reference.bundle import growth_flag
from factcheck.reference.model import SERIES_VALUES, Series
from factcheck.reference.store import bundled_dir, dataset_folders

BUNDLED = [folder.name for folder in dataset_folders(bundled_dir())]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Catalog:
    return Catalog.load(data_dir=tmp_path_factory.mktemp("empty-store"))


def every_figure(catalog: Catalog, dataset: str):
    return [o for o in catalog.observations(commodity=None, mirror=False) if o.dataset == dataset]


@pytest.mark.parametrize("dataset", BUNDLED)
def test_every_bundled_figure_carries_a_complete_series(catalog, dataset):
    figures = every_figure(catalog, dataset)
    assert figures
    for obs in figures:
        series = obs.series
        assert isinstance(series, Series), obs
        for name, allowed in SERIES_VALUES.items():
            assert getattr(series, name) in allowed, (obs, name)
        assert series.publisher and series.publisher_id and series.currency == "USD"
        assert obs.month is None and series.frequency == "annual"


@pytest.mark.parametrize("dataset", BUNDLED)
def test_each_row_carries_its_own_publisher_s_series(catalog, dataset):
    for obs in every_figure(catalog, dataset):
        assert obs.series.publisher == obs.citation.publisher, obs


def test_gacc_and_kotra_in_one_dataset_are_two_series(catalog):
    rows = catalog.observations(reporter="CHN", partner="PRK", flow="total", years=(2022, 2022))
    by_publisher = {o.series.publisher_id: o for o in rows if o.dataset == "chn-prk-news"}
    assert by_publisher["gacc"].value == 1.028e9 and by_publisher["kotra"].value == 1.53e9
    assert by_publisher["gacc"].series.reporter_side == "reporter"
    assert by_publisher["kotra"].series.reporter_side == "estimated"
    assert {"gacc", "kotra", "kita", "itc", "oec", "bok"} <= set(catalog.publishers())


def test_a_mirror_figure_is_the_partner_s_report_valued_as_the_partner_values_it(catalog):
    rows = catalog.observations(reporter="PRK", partner="CHN", flow="export", years=(2019, 2019))
    mirrored = [o for o in rows if o.dataset == "chn-prk-news" and o.mirror]
    assert mirrored and all(o.series.reporter_side == "partner" for o in mirrored)
    assert all(o.series.valuation == "cif" for o in mirrored)  # China's imports
    direct = catalog.observations(reporter="CHN", partner="PRK", flow="import", years=(2019, 2019), mirror=False)
    gacc = [o for o in direct if o.series.publisher_id == "gacc"]
    assert gacc and all(o.series.reporter_side == "reporter" and o.series.valuation == "cif" for o in gacc)


def test_china_customs_rows_of_north_korea_are_china_s_reports(catalog):
    coal = catalog.observations(reporter="PRK", partner="CHN", flow="export", commodity="2701", unit="USD",
                                mirror=False)
    gacc = [o for o in coal if o.series.publisher_id == "gacc"]
    assert gacc and all(o.series.reporter_side == "partner" and o.series.valuation == "cif" for o in gacc)


def test_territory_note_names_china_only_on_rows_about_china(catalog):
    korea = catalog.observations(reporter="KOR", partner="CHN", flow="export", years=(2019, 2019), mirror=False)
    assert all("Hong Kong" in (o.series.territory or "") for o in korea if o.dataset == "kosis-kor-chn")
    others = [o for o in catalog.observations(reporter="DEU", partner="WLD", flow="export", mirror=False)]
    assert others and all(o.series.territory is None for o in others)


def test_factbook_definition_follows_the_edition(catalog):
    rows = catalog.observations(reporter="KOR", partner="WLD", flow="export", years=(2017, 2017), unit="USD")
    concepts = {o.citation.title: o.series.concept for o in rows if o.dataset == "factbook-history"}
    assert concepts["The World Factbook: Exports (2020-11-27 edition)"] == "goods"
    assert concepts["The World Factbook: Exports (2021-10-14 edition)"] == "unknown"
    latest = catalog.observations(reporter="USA", partner="WLD", flow="export", years=(2023, 2023), unit="USD")
    assert {o.series.concept for o in latest if o.dataset == "factbook-latest"} == {"goods_and_services"}


def test_series_describe_and_turned_round():
    series = Series("census", "U.S. Census Bureau", "reporter", "goods", "customs", vintage="revised", as_of="2024-06")
    assert series.describe() == "U.S. Census Bureau, goods, as reported by the reporter, customs valuation, revised 2024-06"
    assert series.turned_round().reporter_side == "partner"
    assert series.turned_round().turned_round() == series
    estimated = Series("kotra", "KOTRA", "estimated", "goods", "unknown")
    assert estimated.turned_round() == estimated
    assert {f.name for f in fields(Series)} >= {"publisher", "reporter_side", "concept", "valuation", "territory",
                                                 "currency", "frequency", "vintage", "as_of"}


def test_catalog_lists_the_series_it_holds(catalog):
    held = catalog.series("comtrade-china")
    sides = {s.reporter_side for _, s in held}
    assert sides == {"reporter", "partner"}
    assert all(dataset == "comtrade-china" for dataset, _ in held)


@pytest.mark.parametrize("dataset", BUNDLED)
def test_data_show_lists_the_series(dataset, tmp_path):
    result = CliRunner().invoke(app, ["data", "show", dataset, "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    series_lines = [line for line in result.output.splitlines() if line.strip().startswith("series ")]
    assert series_lines
    for line in series_lines:
        for label in ("publisher=", "reporter side=", "concept=", "valuation=", "currency=", "frequency=", "vintage="):
            assert label in line, line


# -- data quality -----------------------------------------------------------------------------------
def test_china_s_2025_zero_totals_are_never_data(catalog):
    for flow in ("export", "import"):
        rows = catalog.observations(reporter="CHN", partner="WLD", flow=flow, years=(2025, 2025), mirror=False)
        assert not [o for o in rows if o.dataset == "comtrade-china"]
    assert all(o.value != 0 for o in every_figure(catalog, "comtrade-china") if o.unit == "USD")


def test_china_s_2020_and_2021_comtrade_totals_are_flagged(catalog):
    for year in (2020, 2021):
        rows = catalog.observations(reporter="CHN", partner="WLD", flow="export", years=(year, year), mirror=False)
        comtrade = [o for o in rows if o.dataset == "comtrade-china"]
        assert comtrade and all("flag: below China customs" in o.note for o in comtrade)
    rows = catalog.observations(reporter="CHN", partner="WLD", flow="export", years=(2019, 2019), mirror=False)
    assert all(not o.note for o in rows if o.dataset == "comtrade-china")


def test_chn_prk_news_growth_rate_the_figures_do_not_give_is_flagged(catalog):
    rows = catalog.observations(reporter="CHN", partner="PRK", flow="total", years=(2022, 2022), mirror=False)
    gacc = next(o for o in rows if o.series.publisher_id == "gacc")
    assert "+233% y/y" in gacc.note and "flag:" in gacc.note and "+223%" in gacc.note
    rows = catalog.observations(reporter="CHN", partner="PRK", flow="total", years=(2021, 2021), mirror=False)
    assert all("flag:" not in (o.note or "") for o in rows)  # -41% is what 318 after 539.1 gives


GROWTH_CASES = [
    # (previous value, value, note, flagged?)
    ("318", "1028", "+233% y/y", True),
    ("539.1", "318", "-41% y/y", False),
    ("5060", "2430", "-51.2% y/y", False),  # -52.0% from the rounded figures: within 2 pp
    ("1028", "2300", "'nearly two-point-three billion', +137% y/y", True),
    ("2180", "2730", "no rate here", False),
]


@pytest.mark.parametrize("before, value, note, flagged", GROWTH_CASES)
def test_growth_flag(before, value, note, flagged):
    import pandas as pd

    table = pd.DataFrame({"metric": ["m", "m"], "year": ["2021", "2022"], "value_musd": [before, value]})
    assert bool(growth_flag(table, 2022, "m", note, value)) is flagged
