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
