"""Country code schemes → ISO3: ISO 3166 alpha-2/alpha-3, UN M49, FIPS 10-4 (CIA Factbook), Correlates
of War state numbers, CEPII BACI numbers.

pycountry covers ISO 3166 only; the other schemes come from small tables beside this file (see
DATA_LICENSES.md): iso_codes.csv (datasets/country-codes, ODC-PDDL), baci_codes.csv (CEPII BACI,
Etalab Open Licence 2.0) and cow_codes.csv (Correlates of War state system numbers; a handful of
codes map to different ISO3 codes in different years, e.g. 365 = USSR until 1991, Russia after).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files

import pycountry

SCHEMES = ("iso2", "iso3", "m49", "fips", "cow", "baci")
WORLD = "WLD"
# FIPS codes the Factbook uses for entities that are not countries but that trade data names.
_FIPS_EXTRA = {"XX": WORLD}
# BACI (like UN Comtrade) files Taiwan's trade under 490 "Other Asia, nes" with no ISO3 in its table.
_BACI_EXTRA = {490: "TWN"}


def _rows(name: str) -> list[dict[str, str]]:
    text = files("factcheck.countries").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def _number(code: str | int) -> int | None:
    try:
        return int(str(code).strip())
    except ValueError:
        return None


@lru_cache(maxsize=1)
def iso_table() -> list[dict[str, str]]:
    """Rows of iso_codes.csv: iso3, iso2, m49, fips, capital, independent, name."""
    return _rows("iso_codes.csv")


@lru_cache(maxsize=1)
def _lookup() -> dict[str, dict]:
    iso = iso_table()
    tables: dict[str, dict] = {
        "iso3": {r["iso3"]: r["iso3"] for r in iso},
        "iso2": {r["iso2"]: r["iso3"] for r in iso if r["iso2"]},
        "m49": {_number(r["m49"]): r["iso3"] for r in iso if _number(r["m49"]) is not None},
        "fips": {r["fips"].upper(): r["iso3"] for r in iso if r["fips"]} | _FIPS_EXTRA,
        "baci": {_number(r["baci"]): r["iso3"] for r in _rows("baci_codes.csv") if r["iso3"].isalpha()}
        | _BACI_EXTRA,
    }
    tables["iso3"][WORLD] = WORLD
    return tables


@lru_cache(maxsize=1)
def cow_table() -> dict[int, list[tuple[str, int | None, int | None]]]:
    """COW ccode → [(iso3, first_year, last_year)], the open-ended (current) mapping last."""
    table: dict[int, list[tuple[str, int | None, int | None]]] = {}
    for r in _rows("cow_codes.csv"):
        first, last = _number(r["first_year"]), _number(r["last_year"])
        table.setdefault(int(r["ccode"]), []).append((r["iso3"], first, last))
    return table


def cow_to_iso3(ccode: int, year: int | None = None) -> str | None:
    """ISO3 for a COW state number, in `year` when given (None for states with no ISO3, such as
    Austria-Hungary or the pre-1905 Korean Empire)."""
    spans = cow_table().get(int(ccode))
    if not spans:
        return None
    if year is None:
        return spans[-1][0]
    for iso3, first, last in spans:
        if (first is None or year >= first) and (last is None or year <= last):
            return iso3
    return None


def from_code(code: str | int, scheme: str, year: int | None = None) -> str | None:
    """ISO3 for `code` in `scheme` (iso2, iso3, m49, fips, cow, baci); None when the code is unknown.

    `year` matters only for COW numbers whose state changed (365 is the USSR before 1992)."""
    scheme = scheme.lower()
    if scheme not in SCHEMES:
        raise ValueError(f"unknown country code scheme {scheme!r}; expected one of {', '.join(SCHEMES)}")
    if scheme == "cow":
        number = _number(code)
        return cow_to_iso3(number, year) if number is not None else None
    if scheme in ("m49", "baci"):
        return _lookup()[scheme].get(_number(code))
    key = str(code).strip().upper()
    hit = _lookup()[scheme].get(key)
    if hit is None and scheme == "iso3":
        historic = pycountry.historic_countries.get(alpha_3=key)
        return historic.alpha_3 if historic else None
    return hit
