"""Several publishers in one dataset are separate series (issue 10): KOTRA's 2022 China-North
Korea figure is supported by KOTRA's own series, and the finding shows that China's customs
published another figure. Bundled data only."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.document.model import SourceDocument
from factcheck.pipeline import CheckOptions, check_document
from factcheck.reference import Catalog


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return Catalog.load(tmp_path_factory.mktemp("empty-store"))


def _check(text: str, catalog, as_of: str):
    doc = SourceDocument(path="t.txt", source=text, text=text, offsets=tuple(range(len(text))))
    return check_document(doc, catalog, CheckOptions(as_of=dt.date.fromisoformat(as_of))).findings


def test_kotra_figure_is_not_contradicted_by_china_customs(bundled):
    [found] = _check("Trade between China and North Korea reached $1.53 billion in 2022.", bundled, "2023-08-16")
    finding = found.finding
    assert finding.verdict == "supported", finding.explanation
    assert "KOTRA" in finding.expected.citation
    assert "GACC" in finding.disagreement and "$1.028 billion" in finding.disagreement


def test_china_customs_figure_is_supported_with_kotra_shown(bundled):
    [found] = _check("Trade between China and North Korea reached $1.03 billion in 2022.", bundled, "2023-08-16")
    assert found.finding.verdict == "supported"
    assert "KOTRA" in found.finding.disagreement


def test_every_evidence_row_names_its_series(bundled):
    [found] = _check("Trade between China and North Korea reached $1.53 billion in 2022.", bundled, "2023-08-16")
    for row in found.finding.evidence:
        assert row.series is not None
        assert row.series.publisher and row.series.reporter_side and row.series.concept and row.series.valuation
        assert row.series.vintage


@pytest.fixture(scope="module")
def dots_and_census(tmp_path_factory, reference_sources):
    """IMF DOTS and the US Census series imported (issue 10's acceptance; about 25 s)."""
    from factcheck.reference.importers import IMPORTERS

    store = tmp_path_factory.mktemp("dots-census")
    IMPORTERS["dots"](reference_sources / "imf-dots-1960-2020" / "imf_dots_bilateral_annual_1960_2020.csv.gz", data_dir=store)
    census = reference_sources / "census-country-trade"
    IMPORTERS["census"]([census / "derived_census_country_annual_1985_2024.csv",
                         census / "derived_census_country_monthly_1985_2024.csv.gz"], data_dir=store)
    return Catalog.load(store)


def test_us_imports_from_china_2018_cite_the_imf_and_show_census(dots_and_census):
    [found] = _check("US imports from China were $539.5 billion in 2018.", dots_and_census, "2019-03-01")
    assert found.finding.verdict == "supported", found.finding.explanation
    assert "International Monetary Fund" in found.finding.expected.citation
    assert "Census" in found.finding.disagreement  # 538.5 billion: another figure, shown beside


@pytest.mark.parametrize("text, verdict", [
    # Census: US general imports from China, March 2019 = 31,078.7 million USD (derived monthly CSV, cty_code 5700)
    ("US imports from China were $31.1 billion in March 2019.", "supported"),
    # the data holds the US count alone, and the two sides' counts of this flow have differed by up
    # to 103% (series_gaps_pairs.csv): a figure within that may be China's count; one beyond it is wrong
    ("US imports from China were $48.2 billion in March 2019.", "unverifiable"),
    ("US imports from China were $75 billion in March 2019.", "contradicted"),
])
def test_a_month_is_checked_against_a_monthly_series(dots_and_census, text, verdict):
    [found] = _check(text, dots_and_census, "2019-05-01")
    assert found.finding.verdict == verdict, found.finding.explanation
    assert "March" in found.finding.explanation


def test_the_year_so_far_up_to_a_month_is_no_months_figure(dots_and_census):
    # Census, March 2019 alone: 31,078.7 million; "by March" is January to March, which the
    # monthly series does not hold as one figure
    [found] = _check("US imports from China were $106 billion by March 2019.", dots_and_census, "2019-05-01")
    assert found.finding.verdict == "unverifiable", found.finding.explanation
    assert found.finding.missing == "period"


def test_a_month_without_a_monthly_series_stays_unverifiable(bundled):
    [found] = _check("China's trade with North Korea was $189 million in March 2023.", bundled, "2023-05-01")
    assert found.finding.verdict == "unverifiable" and found.finding.missing == "period"
