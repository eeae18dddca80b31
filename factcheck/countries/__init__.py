"""Country names, aliases and codes → ISO 3166 alpha-3.

The base table comes from pycountry (maintained ISO 3166 data); news usage that ISO does not
cover (DPRK, "the North", capitals used as metonymy, demonyms, "Sino-") is added from
`news_aliases.yaml` beside this file.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import pycountry
import yaml


@lru_cache(maxsize=1)
def _news_aliases() -> dict:
    return yaml.safe_load(files("factcheck.countries").joinpath("news_aliases.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def alias_table() -> dict[str, tuple[str, str]]:
    """Lower-cased surface form → (ISO3, how it names the country: name|alias|capital|demonym|prefix).

    Ambiguous forms ("korea", "korean") map to ("", "ambiguous") and are resolved from context
    by the caller.
    """
    table: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name:
                table.setdefault(name.lower(), (c.alpha_3, "name"))
    extra = _news_aliases()
    for how in ("alias", "capital", "demonym", "prefix"):
        for iso3, names in extra.get(how, {}).items():
            for name in names:
                table[name.lower()] = (iso3, how)
    for name in extra.get("ambiguous", {}):
        table[name.lower()] = ("", "ambiguous")
    for name in extra.get("not_countries", []):
        table.pop(name.lower(), None)
    return table


def ambiguous_readings(surface: str) -> tuple[str, ...]:
    """The countries an ambiguous mention ("Korea") may mean."""
    return tuple(_news_aliases().get("ambiguous", {}).get(surface.lower(), ()))


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


def name_of(iso3: str) -> str:
    """A short English name for reports ("North Korea", not "Korea, Democratic People's Republic of")."""
    short = _news_aliases().get("display", {}).get(iso3)
    if short:
        return short
    if iso3 == "WLD":
        return "the world"
    c = pycountry.countries.get(alpha_3=iso3)
    return getattr(c, "common_name", None) or (c.name if c else iso3)
