"""Country names, aliases and codes → ISO 3166 alpha-3.

The base table comes from pycountry (maintained ISO 3166 data); news usage that ISO does not
cover (DPRK, "the North", capitals used as metonymy, demonyms, "Sino-") is added from
`news_aliases.yaml` beside this file, then from the capitals and demonyms of independent states in
the code tables (codes.py), leaving out forms that are ambiguous or ordinary English words.
Other code schemes (FIPS, M49, COW, BACI) go through `from_code`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import csv

import pycountry

from factcheck import yamlfile
from factcheck.countries.codes import SCHEMES, cow_to_iso3, from_code, iso_table

__all__ = ["SCHEMES", "alias_table", "ambiguous_default", "ambiguous_readings", "cow_to_iso3", "from_code", "name_of", "possessive",
           "resolve", "sentence_start", "short_name"]

# Capitals and demonyms that mostly mean something else in English prose (a person, a word, a
# city elsewhere) are not country mentions by themselves.
_NOT_METONYMY = {"victoria", "kingston", "male", "georgetown", "jerusalem", "polish", "santiago"}


@lru_cache(maxsize=1)
def _news_aliases() -> dict:
    return yamlfile.safe_load(files("factcheck.countries").joinpath("news_aliases.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def alias_table() -> dict[str, tuple[str, str]]:
    """Lower-cased surface form → (ISO3, how it names the country: name|alias|capital|demonym|prefix).

    Ambiguous forms ("korea", "korean") map to ("", "ambiguous") and are resolved from context
    by the caller; regions whose names hold a country's ("Latin America") map to ("", "region").
    """
    table: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name:
                table.setdefault(name.lower(), (c.alpha_3, "name"))
    for form, (iso3, how) in _table_capitals_and_demonyms().items():
        table.setdefault(form, (iso3, how))
    extra = _news_aliases()
    for how in ("alias", "capital", "demonym", "prefix"):
        for iso3, names in extra.get(how, {}).items():
            for name in names:
                table[name.lower()] = (iso3, how)
    for name in extra.get("ambiguous", {}):
        table[name.lower()] = ("", "ambiguous")
    for name in extra.get("regions", []):
        table[name.lower()] = ("", "region")
    for name in extra.get("not_countries", []):
        table.pop(name.lower(), None)
    return table


@lru_cache(maxsize=1)
def _table_capitals_and_demonyms() -> dict[str, tuple[str, str]]:
    """Capitals (iso_codes.csv) and demonyms (mledoze) of independent states; a form that two
    states share ("Congolese", "Dominican") is left out rather than guessed."""
    independent = {r["iso3"] for r in iso_table() if r["independent"] == "yes"}
    seen: dict[str, set[tuple[str, str]]] = {}
    for r in iso_table():
        if r["iso3"] in independent and r["capital"]:
            seen.setdefault(r["capital"].lower(), set()).add((r["iso3"], "capital"))
    text = files("factcheck.countries").joinpath("mledoze_demonyms.csv").read_text("utf-8")
    for r in csv.DictReader(text.splitlines()):
        if r["iso3"] in independent:
            for form in {r["demonym_m"], r["demonym_f"]} - {""}:
                seen.setdefault(form.lower(), set()).add((r["iso3"], "demonym"))
    return {
        form: next(iter(hits))
        for form, hits in seen.items()
        if len({iso3 for iso3, _ in hits}) == 1 and form not in _NOT_METONYMY
    }


def ambiguous_readings(surface: str) -> tuple[str, ...]:
    """The countries an ambiguous mention ("Korea") may mean."""
    return tuple(_news_aliases().get("ambiguous", {}).get(surface.lower(), ()))


def ambiguous_default(surface: str) -> str | None:
    """The reading an ambiguous name takes when the text does not settle it (news_aliases.yaml)."""
    return _news_aliases().get("ambiguous_default", {}).get(surface.lower())


def resolve(name: str) -> str | None:
    """ISO3 for a country name, alias, ISO2/ISO3 code; None when unknown or ambiguous."""
    key = name.strip().lower()
    hit = alias_table().get(key)
    if hit and hit[0]:
        return hit[0]
    if len(key) in (2, 3):
        c = pycountry.countries.get(**{"alpha_2" if len(key) == 2 else "alpha_3": key.upper()})
        if c:
            return c.alpha_3
    return None


def possessive(name: str) -> str:
    """"North Korea's", "the United States'", "the Philippines'": a name ending in s takes the apostrophe alone."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def name_of(iso3: str) -> str:
    """A short English name for running text ("North Korea", not "Korea, Democratic People's
    Republic of"), with "the" where English puts it ("the United States", "the Netherlands", as
    "the world"), so every sentence that names a country reads right mid-sentence; a sentence that
    starts with one capitalises it (`sentence_start`)."""
    name = short_name(iso3)
    return f"the {name}" if iso3 in _with_article() else name


def sentence_start(text: str) -> str:
    """Text that opens a sentence, capitalised: "The Netherlands and Germany are within ..."."""
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=1)
def _with_article() -> frozenset[str]:
    return frozenset(_news_aliases().get("with_article", ()))


def short_name(iso3: str) -> str:
    """The name alone, as a label or a data file's note holds it ("United States")."""
    short = _news_aliases().get("display", {}).get(iso3)
    if short:
        return short
    if iso3 == "WLD":
        return "the world"
    aliases = _news_aliases().get("alias", {}).get(iso3)
    if aliases:  # the news form first: "DR Congo" style names read better than ISO's inverted ones
        return aliases[0]
    c = pycountry.countries.get(alpha_3=iso3)
    name = getattr(c, "common_name", None) or (c.name if c else iso3)
    return name.split(",")[0] if "," in name else name
