"""Country resolution beyond ISO names: code schemes (FIPS, COW, M49, BACI) and news usage, as data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck.countries import alias_table, ambiguous_readings, from_code, name_of, resolve

CASES = yaml.safe_load((Path(__file__).parent / "data/reference/country_codes.yaml").read_text("utf-8"))


@pytest.mark.parametrize("code, scheme, year, expected", CASES["from_code"], ids=lambda v: str(v))
def test_from_code(code, scheme, year, expected):
    assert from_code(code, scheme, year) == expected


@pytest.mark.parametrize("surface, iso3, how", CASES["aliases"])
def test_news_forms_resolve(surface, iso3, how):
    assert alias_table()[surface.lower()] == (iso3, how)
    assert resolve(surface) == iso3


@pytest.mark.parametrize("surface", CASES["not_countries"])
def test_ambiguous_or_common_words_are_not_countries(surface):
    assert surface.lower() not in alias_table()


def test_korea_stays_ambiguous():
    assert alias_table()["korea"] == ("", "ambiguous")
    assert resolve("Korea") is None
    assert set(ambiguous_readings("Korean")) == {"PRK", "KOR"}


def test_unknown_scheme_is_a_programming_error():
    with pytest.raises(ValueError):
        from_code("CN", "iso9")


def test_every_cow_state_in_the_real_trade_data_has_a_mapping_or_is_historical(reference_sources):
    import gzip

    with gzip.open(reference_sources / "cow-trade-4.0/dyadic_trade_1870_2014.csv.gz", "rt") as handle:
        next(handle)
        codes = {int(field) for line in handle for field in line.split(",")[:2]}
    historical = {300, 730, 817}  # Austria-Hungary, the Korean Empire, South Vietnam: no ISO3
    unmapped = {c for c in codes if from_code(c, "cow") is None}
    assert unmapped == historical


def test_factbook_fips_codes_of_the_real_file_resolve(reference_sources):
    import csv

    with open(reference_sources / "factbook/trade_fields_latest.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    resolved = [r for r in rows if from_code(r["fips"], "fips")]
    assert len(resolved) >= 200
    assert {from_code(r, "fips") for r in ("kn", "ks", "ch")} == {"PRK", "KOR", "CHN"}


def test_display_names_stay_short():
    assert name_of("PRK") == "North Korea"
    assert name_of("WLD") == "the world"
