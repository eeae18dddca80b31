"""The gold verdicts rest on the expected values written in each claim; a figure mistyped while
annotating would make `factcheck eval` score the tool against a wrong answer. These tests look each
trade value, Factbook share and Factbook rank up again in the raw public files in
../shared/reference-sources/ (skipped when absent)."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

CLAIMS_DIR = Path(__file__).resolve().parents[1] / "claims"
GOLD_CLAIMS = [
    (path.name, claim)
    for path in sorted(CLAIMS_DIR.glob("*.gold.yaml"))
    for claim in yaml.safe_load(path.read_text("utf-8"))["claims"]
]
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
COW_CODES = {"USA": 2, "CHN": 710, "PRK": 731, "KOR": 732, "JPN": 740}
# How the Factbook's partner lists name the partners the corpus uses.
FACTBOOK_PARTNER_NAMES = {
    "CHN": "China", "USA": "USA", "JPN": "Japan", "KOR": "S. Korea", "THA": "Thailand", "CHE": "Switzerland",
}


def claim_id(item) -> str:
    name, claim = item
    return f"{name}:{claim['line']}:{claim['column']} {claim['surface']}"


def checked(metric: str, unit: str | None = None) -> list:
    return [
        item for item in GOLD_CLAIMS
        if item[1]["metric"] == metric and "expected" in item[1] and (unit is None or item[1]["expected"]["unit"] == unit)
    ]


@lru_cache(maxsize=None)
def usd_figures(sources: Path, family: str) -> np.ndarray:
    """Every USD amount one family of sources publishes, in dollars."""
    if family == "news":
        # Read with the csv module: one note in this file holds an unquoted comma, so rows can run
        # one field long; the figure is always the third field.
        with open(sources / "news-figures" / "chn_prk_reference_values.csv", newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))[1:]
        values = pd.Series([float(row[2]) * 1e6 for row in rows if not row[1].endswith("_pct")])
    elif family == "comtrade":
        folder = sources / "comtrade-china"
        frames = [pd.read_csv(p) for p in sorted(folder.glob("derived_*.csv"))]
        values = pd.concat([f.select_dtypes("number").stack() for f in frames])
    elif family == "kosis":
        frame = pd.read_csv(sources / "kosis-korea-china" / "derived_korea_china_annual_2001_2019.csv")
        values = frame.filter(like="kusd").stack() * 1e3
    elif family == "factbook":
        text = "".join(p.read_text("utf-8") for p in sorted((sources / "factbook").glob("trade_fields_*.csv")))
        values = pd.Series([float(n.replace(",", "")) * SCALE.get(scale, 1.0)
                            for n, scale in re.findall(r"\$([\d.,]*\d)(?: (trillion|billion|million))?", text)])
    else:
        raise ValueError(family)
    return values.dropna().to_numpy(dtype=float)


@lru_cache(maxsize=1)
def cow_tables(sources: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    folder = sources / "cow-trade-4.0"
    return pd.read_csv(folder / "dyadic_trade_1870_2014.csv.gz"), pd.read_csv(folder / "national_trade_1870_2014.csv")


def cow_figures(sources: Path, claim: dict) -> np.ndarray:
    """The COW figures for the claim's own pair (or country) and year: both import flows of the dyad
    and their sum, or the national totals. COW publishes whole millions for almost every pair, so
    only a lookup this narrow shows that a figure was copied from the right row."""
    dyads, national = cow_tables(sources)
    reporter, partner, year = COW_CODES[claim["reporter"]], claim["partner"], claim["period"]["start"]
    if partner == "WLD":
        row = national[(national.ccode == reporter) & (national.year == year)]
        values = row[["imports", "exports"]].stack()
    else:
        low, high = sorted((reporter, COW_CODES[partner]))
        row = dyads[(dyads.ccode1 == low) & (dyads.ccode2 == high) & (dyads.year == year)]
        values = pd.concat([row["flow1"], row["flow2"], row["flow1"] + row["flow2"]])
    return values.to_numpy(dtype=float) * 1e6


def families(source: str) -> list[str]:
    keys = {"news": ("GACC", "China customs", "KOTRA", "KITA"), "comtrade": ("Comtrade",), "kosis": ("KOSIS",),
            "cow": ("Correlates of War", "COW"), "factbook": ("Factbook",)}
    return [family for family, words in keys.items() if any(w in source for w in words)]


@lru_cache(maxsize=1)
def factbook_partners(sources: Path) -> dict[tuple[str, str], list[tuple[str, float]]]:
    """(reporter ISO3, flow) -> [(partner name, share)] from the Factbook's latest partner lists."""
    codes = pd.read_csv(sources / "country-codes" / "country-codes.csv", keep_default_na=False)
    iso3_of_fips = dict(zip(codes["FIPS"].str.lower(), codes["ISO3166-1-Alpha-3"]))
    latest = pd.read_csv(sources / "factbook" / "trade_fields_latest.csv", keep_default_na=False)
    table = {}
    for row in latest.itertuples():
        iso3 = iso3_of_fips.get(row.fips)
        for flow, field in (("export", row.exports_partners), ("import", row.imports_partners)):
            table[(iso3, flow)] = [(name.strip(), float(share)) for name, share in re.findall(r"([^,]+?) (\d+(?:\.\d+)?)%", field)]
    return table


@pytest.mark.parametrize("item", checked("trade_value"), ids=claim_id)
def test_expected_trade_value_is_published_by_its_source(item, reference_sources):
    _, claim = item
    expected = claim["expected"]
    assert expected["unit"] == "USD"
    named = families(expected["source"])
    assert named, f"source not recognised: {expected['source']}"
    figures = np.concatenate([cow_figures(reference_sources, claim) if f == "cow" else usd_figures(reference_sources, f)
                              for f in named])
    assert np.isclose(figures, expected["value"], rtol=1e-6, atol=0).any(), expected


@pytest.mark.parametrize("item", [i for i in checked("share", "percent") if "Factbook" in i[1]["expected"]["source"]], ids=claim_id)
def test_expected_factbook_share_is_in_the_partner_list(item, reference_sources):
    _, claim = item
    partners = dict(factbook_partners(reference_sources)[(claim["reporter"], claim["flow"])])
    assert partners[FACTBOOK_PARTNER_NAMES[claim["partner"]]] == claim["expected"]["value"]


@pytest.mark.parametrize("item", [i for i in checked("rank", "rank") if "Factbook" in i[1]["expected"]["source"]
                                  and i[1]["flow"] != "total"], ids=claim_id)
def test_expected_factbook_rank_is_the_partner_place_in_the_list(item, reference_sources):
    _, claim = item
    names = [name for name, _ in factbook_partners(reference_sources)[(claim["reporter"], claim["flow"])]]
    assert names.index(FACTBOOK_PARTNER_NAMES[claim["partner"]]) + 1 == claim["expected"]["value"]
