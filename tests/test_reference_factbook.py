"""The Factbook's prose trade fields, in every phrasing its editions used (cases as data), and the
bundled datasets rebuilt from the public sources byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck.reference.datapackage import read_descriptor, sha256_of
from factcheck.reference.factbook import parse_amounts, parse_commodities, parse_shares
from factcheck.reference.store import bundled_dir

CASES = yaml.safe_load((Path(__file__).parent / "data/reference/factbook_fields.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES["amounts"], ids=lambda c: c["field"][:40])
def test_amounts(case):
    got = [(a.year, a.value, a.precision) for a in parse_amounts(case["field"])]
    assert got == [(year, float(value), float(step)) for year, value, step in case["expect"]]  # YAML 1.1 reads 1e9 as text


@pytest.mark.parametrize("case", CASES["shares"], ids=lambda c: c["field"][:40])
def test_shares(case):
    got = [(s.partner, s.year, s.value, s.precision) for s in parse_shares(case["field"])]
    assert got == [tuple(e) for e in case["expect"]]


@pytest.mark.parametrize("case", CASES["commodities"], ids=lambda c: c["field"][:40])
def test_commodities(case):
    assert parse_commodities(case["field"]) == (case["expect"][0], case["expect"][1])


def test_bundled_data_rebuilds_identically_from_the_sources(reference_sources, tmp_path):
    from factcheck.reference.bundle import build

    build(reference_sources, tmp_path)
    for folder in sorted(p for p in bundled_dir().iterdir() if (p / "datapackage.json").is_file()):
        for resource in read_descriptor(folder)["resources"]:
            rebuilt = tmp_path / folder.name / resource["path"]
            assert sha256_of(rebuilt) == sha256_of(folder / resource["path"]), f"{folder.name}/{resource['path']}"


def test_every_news_figure_row_is_carried_over(reference_sources):
    from factcheck.reference.bundle import read_news_figures

    source = read_news_figures(reference_sources / "news-figures/chn_prk_reference_values.csv")
    bundled = (bundled_dir() / "chn-prk-news/observations.csv").read_text("utf-8")
    for url in set(source["cited_via_url"]):
        assert url in bundled
