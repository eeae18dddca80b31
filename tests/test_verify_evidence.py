"""verify.evidence: a question's figures for one year (`only_year`, what the mix-up readings ask
for) are exactly that year's share of its figures for every year, derived flows and shares
included (bundled data; the 100 benchmark articles with COW give the same report either way)."""

from __future__ import annotations

import pytest

from factcheck.reference import Catalog
from factcheck.verify.evidence import share_figures, value_figures

QUESTIONS = [  # (reporter, partner, flow): published both ways, one side derived, shares, the world
    ("PRK", "CHN", "export"), ("PRK", "CHN", "import"), ("PRK", "CHN", "total"), ("CHN", "PRK", "total"),
    ("KOR", "CHN", "export"), ("KOR", "CHN", "total"), ("USA", "CHN", "import"), ("USA", "WLD", "export"),
]


@pytest.fixture
def catalog(tmp_path, monkeypatch) -> Catalog:
    (tmp_path / "empty-store").mkdir()
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path / "empty-store"))
    return Catalog.load()


@pytest.mark.parametrize("figures", [value_figures, share_figures], ids=["values", "shares"])
@pytest.mark.parametrize("reporter,partner,flow", QUESTIONS)
def test_one_year_is_that_years_share_of_every_year(catalog, figures, reporter, partner, flow):
    every_year = figures(catalog, reporter, partner, flow)
    if figures is value_figures:
        assert every_year, "each question has figures in the bundled data"
    for year in list(every_year) + [1870, 2099]:
        one = figures(catalog, reporter, partner, flow, only_year=year)
        assert {y: list(f) for y, f in one.items() if f} == ({year: list(every_year[year])} if every_year.get(year) else {})
        for fig in one.get(year, []):
            assert fig.arithmetic == next(f for f in every_year[year] if f == fig).arithmetic


def test_figures_are_combined_within_one_countrys_count(catalog):
    """IMF DOTS holds both countries' counts of a pair's trade: a growth rate, balance or total
    pairs a figure with the same country's count of the other year or flow, and falls back to the
    dataset's other count only where it keeps one (COW: each flow as its importer reported it)."""
    from dataclasses import replace

    from factcheck.verify.evidence import Figure, same_series

    [seed] = [o for o in catalog.observations(reporter="PRK", partner="CHN", flow="export") if not o.mirror][:1]
    own = replace(seed, dataset="dots", reporter="GHA", partner="CHN", mirror=False)
    theirs = replace(seed, dataset="dots", reporter="GHA", partner="CHN", mirror=True)  # China's count

    def figure(obs, year, value):
        return Figure(value, "USD", 0.0, "dots", "DOTS", year, "", (obs,))

    later_own, later_theirs = figure(own, 2018, 0.85e9), figure(theirs, 2018, 2.41e9)
    earlier = [figure(own, 2017, 1.0e9), figure(theirs, 2017, 1.84e9)]
    assert later_own.counted_by == "GHA" and later_theirs.counted_by == "CHN"
    assert same_series(earlier, later_theirs).value == 1.84e9
    assert same_series(earlier, later_own).value == 1.0e9
    assert same_series(earlier[:1], later_theirs).value == 1.0e9  # one count kept: paired whoever counted it
