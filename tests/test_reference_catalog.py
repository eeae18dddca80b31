"""The catalog over the bundled datasets: the figures articles are checked against, their sources,
mirror flows for North Korea, and the preference order."""

from __future__ import annotations

import pytest

from factcheck.reference import Catalog, Observation

GACC = "General Administration of Customs of the People's Republic of China (GACC)"
KOTRA = "Korea Trade-Investment Promotion Agency (KOTRA)"


@pytest.fixture
def catalog(tmp_path, monkeypatch) -> Catalog:
    """Bundled data only: an empty local store, whatever the machine has imported."""
    (tmp_path / "empty-store").mkdir()  # a store named by FACTCHECK_DATA_DIR must exist (issue 12)
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path / "empty-store"))
    return Catalog.load()


def one(observations: list[Observation], **where) -> Observation:
    hits = [o for o in observations if all(getattr(o, k) == v for k, v in where.items())]
    assert len(hits) == 1, hits
    return hits[0]


def test_bundled_datasets_are_listed_with_provenance(catalog):
    infos = {i.id: i for i in catalog.datasets()}
    assert {"chn-prk-news", "factbook-latest", "factbook-history", "kosis-kor-chn", "comtrade-kor-chn",
            "comtrade-china"} <= set(infos)
    for info in infos.values():
        assert info.bundled and info.rows > 0 and info.license and info.citation and len(info.sha256) == 64
    assert infos["chn-prk-news"].years == (2013, 2025)


def test_china_north_korea_2023_is_nearly_2_3_billion_with_its_rounding(catalog):
    obs = one(catalog.observations(reporter="CHN", partner="PRK", flow="total", years=(2023, 2023)),
              dataset="chn-prk-news", mirror=False)
    assert obs.value == 2.3e9 and obs.precision == 1e8 and obs.unit == "USD"
    assert obs.citation.publisher == GACC and obs.citation.url.startswith("http")


def test_both_customs_and_kotra_are_kept_for_2022_customs_first(catalog):
    rows = [o for o in catalog.observations(reporter="CHN", partner="PRK", flow="total", years=(2022, 2022))
            if not o.mirror]
    assert [(o.citation.publisher, o.value) for o in rows] == [(GACC, 1.028e9), (KOTRA, 1.53e9)]


def test_factbook_shares_of_north_korea_trade_2023(catalog):
    exports = one(catalog.observations(reporter="PRK", partner="CHN", flow="export", unit="percent", years=(2023, 2023)),
                  dataset="factbook-latest")
    imports = one(catalog.observations(reporter="PRK", partner="CHN", flow="import", unit="percent", years=(2023, 2023)),
                  dataset="factbook-latest")
    assert (exports.value, exports.precision, imports.value) == (74.0, 1.0, 97.0)
    assert "Factbook" in exports.citation.publisher


def test_factbook_totals_are_plain_dollars_with_the_printed_rounding(catalog):
    obs = one(catalog.observations(reporter="CHN", partner="WLD", flow="export", years=(2023, 2023)),
              dataset="factbook-latest")
    assert obs.value == 3.508e12 and obs.precision == 1e9


def test_kosis_thousand_dollars_become_dollars(catalog):
    obs = one(catalog.observations(reporter="KOR", partner="CHN", flow="export", years=(2019, 2019)),
              dataset="kosis-kor-chn")
    assert obs.value == 136_202_534_000.0


def test_north_korea_exports_come_from_china_imports_as_mirror(catalog):
    rows = catalog.observations(reporter="PRK", partner="CHN", flow="export", years=(2023, 2023))
    mirror = one(rows, mirror=True, dataset="chn-prk-news")
    assert mirror.reporter == "PRK" and mirror.partner == "CHN" and mirror.flow == "export"
    assert mirror.value == 2.92e8 and "China" in mirror.note and "no trade statistics" in mirror.note
    assert not catalog.observations(reporter="PRK", partner="CHN", flow="export", years=(2023, 2023), unit="USD",
                                   mirror=False)


def test_percent_figures_are_never_mirrored(catalog):
    rows = catalog.observations(reporter="CHN", partner="PRK", flow="import", unit="percent")
    assert rows == []


def test_hs_codes_keep_their_leading_zeros(catalog):
    seafood = catalog.observations(reporter="PRK", partner="CHN", flow="export", commodity="03")
    assert [o.value for o in seafood] == [1.924e8]


def test_commodity_none_means_any_commodity(catalog):
    rows = catalog.observations(reporter="PRK", partner="CHN", flow="export", commodity=None, years=(2016, 2016), mirror=False)
    assert {o.commodity for o in rows} >= {"2701", "50-63", "2601", "03"}


def test_preferred_datasets_come_first(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path))
    default = Catalog.load().observations(reporter="KOR", partner="CHN", flow="export", years=(2015, 2015))
    preferred = Catalog.load(preferred=["comtrade-kor-chn"]).observations(
        reporter="KOR", partner="CHN", flow="export", years=(2015, 2015))
    assert default[0].dataset == "kosis-kor-chn"
    assert preferred[0].dataset == "comtrade-kor-chn"


def test_derived_figures_come_after_published_ones(catalog):
    rows = catalog.observations(reporter="PRK", partner="CHN", flow="export", unit="percent", years=(2022, 2022))
    kotra = [o for o in rows if o.citation.publisher == KOTRA]
    assert kotra and kotra[0].note.startswith("derived")
    assert rows.index(kotra[0]) > rows.index(one(rows, dataset="chn-prk-news", value=52.8))


def test_coverage_questions(catalog):
    assert catalog.knows_country("PRK") and catalog.knows_country("kor")
    assert not catalog.knows_country("XYZ")
    assert catalog.years_covered("CHN", "PRK") == (2013, 2025)
    assert catalog.years_covered("KOR", "CHN")[0] == 2001
    assert catalog.latest_year(reporter="PRK", partner="CHN", flow="export", unit="percent") == 2023
    assert catalog.latest_year(reporter="CHN", partner="PRK", flow="total") == 2025
    assert catalog.latest_year(reporter="XYZ") is None


def test_every_row_cites_a_publisher_and_title(catalog):
    for reporter in ("PRK", "CHN", "KOR", "USA"):
        for obs in catalog.observations(reporter=reporter, commodity=None):
            assert obs.citation.publisher and obs.citation.title, obs
            assert obs.unit in ("USD", "percent") and obs.flow in ("export", "import", "total")


def test_load_is_cached_until_a_dataset_changes(catalog, tmp_path):
    assert Catalog.load() is catalog


def test_top_commodities_are_ranked_lists_with_their_source(catalog):
    exports = catalog.top_commodities(reporter="PRK", flow="export")
    assert [(r.rank, r.label) for r in exports[:2]] == [(1, "fake hair"), (2, "iron alloys")]
    assert exports[0].year == 2023 and "Factbook" in exports[0].citation.publisher
    assert catalog.top_commodities(reporter="XYZ", flow="export") == []


def test_a_section_figure_is_found_under_its_chapter_range(catalog):
    from factcheck.reference import commodity_range

    chapters = tuple(str(c) for c in range(50, 64))
    assert commodity_range(chapters) == "50-63"
    assert commodity_range(("50", "52")) is None and commodity_range(("TOTAL",)) is None
    textiles = catalog.observations(reporter="PRK", partner="CHN", flow="export", commodity=commodity_range(chapters),
                                    unit="USD", years=(2016, 2016))
    assert [o.value for o in textiles] == [7.52e8]


def test_observations_are_whole_records_equal_to_the_dataclass_built_ones(catalog):
    """The catalog fills each Observation's fields itself (faster than the dataclass's __init__):
    every field is there, and the record equals one built the ordinary way."""
    from dataclasses import fields

    names = [f.name for f in fields(Observation)]
    found = catalog.observations(reporter="PRK", partner="CHN") + catalog.observations(reporter="PRK", partner="CHN", mirror=True, flow="export")
    assert any(o.mirror for o in found) and any(not o.mirror for o in found)
    for obs in found:
        assert sorted(vars(obs)) == sorted(names)
        assert Observation(**{name: getattr(obs, name) for name in names}) == obs


def test_figures_as_read_are_whole_records_equal_to_the_dataclass_built_ones(catalog):
    """Verification builds the figure of each year as read the same fast way (records.record_of)."""
    from dataclasses import fields

    from factcheck.verify.evidence import Figure, value_figures

    names = [f.name for f in fields(Figure)]
    figures = [f for year in value_figures(catalog, "PRK", "CHN", "export", derive=False).values() for f in year]
    assert figures
    for fig in figures:
        assert sorted(vars(fig)) == sorted(names)
        assert Figure(**{name: getattr(fig, name) for name in names}) == fig
        assert fig.arithmetic.startswith("North Korea's exports to China, ")
