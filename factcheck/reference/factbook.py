"""Reads the CIA World Factbook's trade fields, which are prose ("Exports 2023: $3.508 trillion
(2023 est.)", "China 74%, Poland 3% (2023)"), into observation rows.

Hand-written because the fields are a few fixed phrasings no parsing library knows; every phrasing
seen in the 2014–2026 editions is covered by tests/data/reference/factbook_fields.yaml.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Decimal

from factcheck.countries import resolve

SCALES = {"": 1, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# "$3.508 trillion (2023 est.)", "$222 million (2018)"; the year in parentheses is the figure's year.
_AMOUNT = re.compile(r"\$\s?(?P<number>[\d,]+(?:\.\d+)?)\s*(?P<scale>thousand|million|billion|trillion)?\s*\((?P<year>\d{4})")
# "China 74%", "S. Korea 4%", "Republic of the Congo 5.5%"
_SHARE = re.compile(r"(?P<name>[^,%]+?)\s+(?P<number>\d+(?:\.\d+)?)%")
# "Bahamas, The 5%", "Congo, Republic of the 5%": the one place a comma sits inside a name.
_INVERTED = re.compile(r"(?P<name>[A-Za-z .]+), (?P<article>The|Republic of the|Democratic Republic of the) (?=\d)")
_YEAR = re.compile(r"\((?P<year>\d{4})(?: est\.)?\)\s*$")
# Partner names the Factbook abbreviates in ways ISO and news aliases do not cover.
PARTNER_ALIASES = {
    "s. korea": "KOR", "n. korea": "PRK", "uae": "ARE", "turkey": "TUR", "turkiye": "TUR",
    "czechia": "CZE", "russia": "RUS", "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL",
    "venezuela": "VEN", "tanzania": "TZA", "syria": "SYR", "iran": "IRN", "moldova": "MDA",
    "republic of the congo": "COG", "democratic republic of the congo": "COD", "drc": "COD",
    "congo, democratic republic of the": "COD", "congo, republic of the": "COG", "macau": "MAC",
    "burma": "MMR", "micronesia": "FSM", "brunei": "BRN", "cote d'ivoire": "CIV", "ivory coast": "CIV",
    "eswatini": "SWZ", "swaziland": "SWZ", "curacao": "CUW", "taiwan": "TWN", "kosovo": "XKX",
    "bahamas, the": "BHS", "the bahamas": "BHS", "gambia, the": "GMB", "the gambia": "GMB",
    "netherlands antilles": "ANT", "sao tome and principe": "STP", "saint kitts and nevis": "KNA",
    "saint vincent and the grenadines": "VCT", "saint lucia": "LCA", "north macedonia": "MKD",
    "macedonia": "MKD", "west bank": "PSE", "gaza strip": "PSE", "palestine": "PSE",
    "holy see": "VAT", "south korea": "KOR", "north korea": "PRK", "korea, south": "KOR",
    "korea, north": "PRK", "timor-leste": "TLS", "east timor": "TLS", "cabo verde": "CPV",
    "cape verde": "CPV", "bosnia and herzegovina": "BIH", "us": "USA", "usa": "USA", "uk": "GBR",
    "marshall islands": "MHL", "falkland islands": "FLK",
}


@dataclass(frozen=True)
class Amount:
    year: int
    value: float
    precision: float  # the rounding step of the printed figure, in USD


@dataclass(frozen=True)
class Share:
    partner_name: str
    partner: str | None  # ISO3, None when the name is not a country we know
    year: int | None
    value: float  # percent
    precision: float


def _step(number: str) -> Decimal:
    """The rounding step of a printed number: "3.508" → 0.001, "222" → 1."""
    decimals = len(number.split(".")[1]) if "." in number else 0
    return Decimal(1).scaleb(-decimals)


def parse_amounts(field: str) -> list[Amount]:
    """Every "$N scale (YEAR...)" in a totals field, in the order printed."""
    amounts = []
    for m in _AMOUNT.finditer(field or ""):
        number = m["number"].replace(",", "")
        scale = SCALES[m["scale"] or ""]
        amounts.append(
            Amount(int(m["year"]), float(Decimal(number) * scale), float(_step(number) * scale))
        )
    return amounts


def partner_iso3(name: str) -> str | None:
    key = " ".join(html.unescape(name).replace("&", "and").split()).lower()
    key = re.sub(r"^st\. ", "saint ", key)
    return PARTNER_ALIASES.get(key) or resolve(key)


def parse_shares(field: str) -> list[Share]:
    """Partner shares "China 74%, Poland 3% (2023)"; the trailing year applies to all of them."""
    field = (field or "").strip()
    year_match = _YEAR.search(field)
    year = int(year_match["year"]) if year_match else None
    body = field[: year_match.start()] if year_match else field
    body = _INVERTED.sub(lambda m: f"{m['article']} {m['name'].strip()} ", body)
    shares = []
    for m in _SHARE.finditer(body):
        name = m["name"].strip(" ,;")
        shares.append(Share(name, partner_iso3(name), year, float(m["number"]), float(_step(m["number"]))))
    return shares


def parse_commodities(field: str) -> tuple[int | None, list[str]]:
    """Top commodities "fake hair, iron alloys (2023)" → (2023, ["fake hair", "iron alloys"])."""
    field = (field or "").strip()
    year_match = _YEAR.search(field)
    body = field[: year_match.start()] if year_match else field
    items = [item.strip() for item in body.split(",") if item.strip()]
    return (int(year_match["year"]) if year_match else None), items
