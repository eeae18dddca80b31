"""Frictionless Data Package descriptors (datapackage.json) for reference datasets, and the checks a
dataset must pass before any figure of it is used: its files match their sha256, its observations
have every column, numbers where numbers belong, and no key twice.

The `frictionless` library would do the checks too, but it is not a dependency and its generic
messages do not name the observation key; these few checks are cheap with pandas.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from factcheck.errors import DatasetError
from factcheck.reference.model import OBSERVATION_COLUMNS

DESCRIPTOR = "datapackage.json"
# Within one dataset a figure is identified by these; two sources for one figure are two publishers.
KEY_COLUMNS = ("reporter", "partner", "flow", "commodity", "year", "unit", "publisher", "title")
NUMERIC_COLUMNS = ("year", "value", "precision")
FLOWS = ("export", "import", "total")
UNITS = ("USD", "percent")

FIELD_DESCRIPTIONS = {
    "dataset": "dataset id (the folder name)",
    "reporter": "ISO 3166 alpha-3 code of the country whose trade it is",
    "partner": "ISO3 code of the partner, or WLD for trade with the world",
    "flow": "export, import or total, seen from the reporter",
    "commodity": "HS code (chapter, heading, subheading or a range such as 50-63), or TOTAL for all goods",
    "year": "calendar year of the figure",
    "value": "the figure, in `unit`",
    "unit": "USD (plain dollars, current prices) or percent (share of the reporter's flow taken by this partner/commodity)",
    "precision": "the publisher's rounding step in `unit` (1e8 for 'nearly $2.3 billion'); 0 for exact sums",
    "publisher": "who published the figure originally",
    "title": "the publication or table the figure comes from",
    "url": "where the figure can be seen",
    "note": "remarks; a figure we computed from published ones starts with 'derived:'",
}
_TYPES = {"year": "integer", "value": "number", "precision": "number"}
# What a figure may be (issue 12, item 14), checked the same way by import, load and validate:
# finite, never negative (exports, imports and totals are amounts), below a quadrillion dollars
# (world trade is ~3e13 a year), shares at most 100%, years that an int16 column holds.
YEAR_RANGE = (1000, 2999)
MAX_USD = 1e15


def observation_schema() -> dict:
    """Table Schema of the one observation layout (see reference/model.py)."""
    return {
        "fields": [
            {"name": name, "type": _TYPES.get(name, "string"), "description": FIELD_DESCRIPTIONS[name]}
            for name in OBSERVATION_COLUMNS
        ],
        "primaryKey": list(KEY_COLUMNS),
    }


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_descriptor(folder: Path) -> dict:
    path = folder / DESCRIPTOR
    try:
        descriptor = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise DatasetError(f"{path}: no datapackage.json", code="FC201") from None
    except (OSError, ValueError) as error:
        raise DatasetError(f"{path}: unreadable datapackage.json ({error})", code="FC201") from None
    if not isinstance(descriptor, dict):
        raise DatasetError(f"{path}: datapackage.json is not a JSON object", code="FC201")
    for required in ("name", "title", "resources"):
        if required not in descriptor:
            raise DatasetError(f"{path}: datapackage.json has no {required!r}", code="FC201")
    check_descriptor_fields(path, descriptor)
    return descriptor


def _fail(path: Path, what: str) -> DatasetError:
    return DatasetError(f"{path}: datapackage.json: {what}", code="FC201")


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_descriptor_fields(path: Path, descriptor: dict) -> None:
    """Every field the catalog reads has the type it reads it as, and every resource path stays
    inside the dataset folder: loading, `data validate` and `data show` all go through here."""
    for key in ("name", "title"):
        if not isinstance(descriptor[key], str) or not descriptor[key].strip():
            raise _fail(path, f"{key} must be a non-empty string")
    _check_resources(path, descriptor["resources"])
    for key in ("licenses", "contributors", "sources"):
        value = descriptor.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise _fail(path, f"{key} must be a list of objects")
    _check_extra(path, descriptor.get("factcheck", {}))


def _check_resources(path: Path, resources) -> None:
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        raise _fail(path, "resources must be a list of objects")
    for resource in resources:
        where = resource.get("path")
        if not isinstance(where, str) or not where or not isinstance(resource.get("name", ""), str):
            raise _fail(path, "each resource needs a name and a path (strings)")
        relative = Path(where)
        if relative.is_absolute() or ".." in relative.parts or "\\" in where:
            raise _fail(path, f"resource path {where!r} points outside the dataset folder")
        if not isinstance(resource.get("hash", ""), str):
            raise _fail(path, f"resource {where!r}: hash must be a string")


def _check_extra(path: Path, extra) -> None:
    if not isinstance(extra, dict):
        raise _fail(path, "factcheck must be an object")
    for key in ("rank", "rows"):
        if key in extra and not (_is_int(extra[key]) and extra[key] >= 0):
            raise _fail(path, f"factcheck.{key} must be a whole number of at least 0")
    if extra.get("vintage") is not None and not _is_int(extra["vintage"]):
        raise _fail(path, "factcheck.vintage must be a year or null")
    years = extra.get("years")
    if years is not None and not (isinstance(years, list) and len(years) == 2 and all(_is_int(y) for y in years)):
        raise _fail(path, "factcheck.years must be [first, last] or null")
    countries = extra.get("countries", [])
    if not isinstance(countries, list) or not all(isinstance(c, str) for c in countries):
        raise _fail(path, "factcheck.countries must be a list of strings")


def write_descriptor(folder: Path, descriptor: dict) -> None:
    (folder / DESCRIPTOR).write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", "utf-8")


def resource_hash(resource: dict) -> str:
    """The hex sha256 a resource declares ("sha256:abc…" or bare "abc…")."""
    return str(resource.get("hash", "")).removeprefix("sha256:")


def verify_hashes(folder: Path, descriptor: dict) -> None:
    for resource in descriptor["resources"]:
        path = folder / resource["path"]
        if not path.is_file():
            raise DatasetError(f"{path}: file named in datapackage.json is missing", code="FC202")
        declared = resource_hash(resource)
        if not declared:
            raise DatasetError(f"{path}: datapackage.json gives no sha256 hash", code="FC203")
        actual = sha256_of(path)
        if actual != declared:
            raise DatasetError(
                f"{path}: sha256 {actual[:12]}… does not match datapackage.json ({declared[:12]}…); "
                "the file was changed after it was packaged",
                code="FC203",
            )


def check_observations(frame: pd.DataFrame, label: str, first_row: int = 2) -> pd.DataFrame:
    """Checks a frame read with dtype=str and returns it with numeric columns converted.

    `first_row` is the line number of the first data row in the file (2 for a CSV with a header),
    so errors name the line a user would open."""
    missing = [c for c in OBSERVATION_COLUMNS if c not in frame.columns]
    if missing:
        raise DatasetError(f"{label}: missing column(s) {', '.join(missing)}", code="FC204")
    frame = frame.reset_index(drop=True)
    for column in ("reporter", "partner", "flow", "commodity", "unit"):
        blank = frame[column].isna() | (frame[column].astype(str).str.strip() == "")
        if blank.any():
            row = int(blank.idxmax()) + first_row
            raise DatasetError(f"{label}: row {row}: empty {column}", code="FC205")
    for column in NUMERIC_COLUMNS:
        numbers = pd.to_numeric(frame[column], errors="coerce")
        bad = numbers.isna()
        if bad.any():
            row = int(bad.idxmax()) + first_row
            raise DatasetError(
                f"{label}: row {row}: {column} {frame[column][row - first_row]!r} is not a number", code="FC206"
            )
        frame[column] = numbers
    check_figures(frame, label, first_row)
    frame["year"] = frame["year"].astype("int64")
    for column, allowed in (("flow", FLOWS), ("unit", UNITS)):
        bad = ~frame[column].isin(allowed)
        if bad.any():
            row = int(bad.idxmax()) + first_row
            raise DatasetError(
                f"{label}: row {row}: {column} {frame[column][row - first_row]!r} is not one of {', '.join(allowed)}",
                code="FC207",
            )
    key = list(KEY_COLUMNS)
    duplicated = frame.duplicated(key, keep="first")
    if duplicated.any():
        row = int(duplicated.idxmax())
        first = int(frame[frame[key].eq(frame.loc[row, key]).all(axis=1)].index[0])
        what = " ".join(str(frame.loc[row, c]) for c in ("reporter", "partner", "flow", "commodity", "year", "unit"))
        raise DatasetError(
            f"{label}: row {row + first_row}: duplicate key ({what}, {frame.loc[row, 'publisher']}) "
            f"already on row {first + first_row}",
            code="FC208",
        )
    return frame


def check_figures(frame: pd.DataFrame, label: str, first_row: int = 2) -> None:
    """DatasetError naming the first row whose value, precision or year is out of range (columns
    already numeric). `first_row` as in check_observations."""
    value, precision, year = (frame[c].to_numpy(dtype="float64") for c in NUMERIC_COLUMNS[1:] + ("year",))
    unit = frame["unit"].to_numpy() if "unit" in frame else None
    problems = (
        (~np.isfinite(value), "value", "is not a finite number"),
        (value < 0, "value", "is negative"),
        ((value > MAX_USD) & (unit == "USD") if unit is not None else value > MAX_USD, "value", f"is above {MAX_USD:.0e} USD"),
        ((value > 100) & (unit == "percent") if unit is not None else np.zeros(len(value), bool), "value", "is above 100 percent"),
        (~np.isfinite(precision) | (precision < 0), "precision", "is not a finite number of at least 0"),
        (~np.isfinite(year) | (year < YEAR_RANGE[0]) | (year > YEAR_RANGE[1]) | (year != np.round(year)), "year",
         f"is not a year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}"),
    )
    for bad, column, what in problems:
        bad = np.nan_to_num(bad, nan=True).astype(bool)
        if bad.any():
            at = int(np.argmax(bad))
            shown = float(frame[column].iloc[at])
            raise DatasetError(f"{label}: row {at + first_row}: {column} {shown:g} {what}", code="FC206")


def read_observation_csv(path: Path) -> pd.DataFrame:
    """Reads a CSV resource as text (dtype=str keeps HS codes' leading zeros) and checks it."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise DatasetError(f"{path}: unreadable CSV ({error})", code="FC209") from None
    return check_observations(frame, str(path))


LICENSES = {
    "CC0-1.0": {"name": "CC0-1.0", "title": "Creative Commons Zero v1.0 Universal", "path": "https://creativecommons.org/publicdomain/zero/1.0/"},
    "ODC-PDDL-1.0": {"name": "ODC-PDDL-1.0", "title": "Open Data Commons Public Domain Dedication and License v1.0", "path": "https://opendatacommons.org/licenses/pddl/1-0/"},
    "etalab-2.0": {"name": "etalab-2.0", "title": "Etalab Open Licence 2.0", "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"},
    "facts-with-citation": {"name": "facts-with-citation", "title": "Published figures quoted with their source; cite the original publisher"},
    "free-with-citation": {"name": "free-with-citation", "title": "Free to use with citation (Correlates of War Project terms of use)", "path": "https://correlatesofwar.org/data-sets/"},
    "IMF-terms": {"name": "IMF-terms", "title": "IMF Copyright and Usage: data may be extracted, copied and published subject to the IMF's conditions; cite the IMF", "path": "https://www.imf.org/en/About/copyright-and-terms"},
    "US-public-domain": {"name": "US-public-domain", "title": "Work of the US federal government, public domain in the US (17 U.S.C. 105)", "path": "https://www.census.gov/about/policies/citation.html"},
    "CC-BY-4.0": {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"},
    "UN-Comtrade-terms": {"name": "UN-Comtrade-terms", "title": "UN Comtrade terms of use: free for non-commercial use with attribution", "path": "https://comtradeplus.un.org/"},
}


def write_package(folder: Path, *, dataset_id: str, title: str, description: str, publisher: str,
                  license: str, citation: str, sources: list[dict], version: str, rank: int, kind: str,
                  resources: list[dict], rows: int, years: tuple[int, int] | None, countries: list[str],
                  homepage: str | None = None, vintage: int | None | str = "from-version",
                  series: list[dict] | None = None) -> dict:
    """Writes datapackage.json for files already in `folder`, hashing each resource.

    `resources` are Frictionless resource dicts with at least name and path; hash and bytes are
    filled in here. `kind` (official, compiled, derived) and `rank` (lower = preferred) order the
    catalog's answers when several datasets hold the same figure. `series` are the entries that
    say what each row measures (reference/series.py): publisher, reporter side, concept, valuation,
    territory, currency, frequency and vintage."""
    for resource in resources:
        path = folder / resource["path"]
        resource["bytes"] = path.stat().st_size
        resource["hash"] = "sha256:" + sha256_of(path)
    descriptor = {
        "profile": "data-package",
        "name": dataset_id,
        "title": title,
        "description": description,
        "version": version,
        "licenses": [LICENSES.get(license, {"name": license})],
        "contributors": [{"title": publisher, "role": "publisher"}],
        "sources": sources,
        "citation": citation,
        "units": {"value": "see the unit column: USD (plain current dollars) or percent"},
        "resources": resources,
        "factcheck": {
            "rank": rank, "kind": kind, "rows": rows,
            "vintage": _vintage_year(version) if vintage == "from-version" else vintage,
            "years": list(years) if years else None, "countries": sorted(countries),
        },
    }
    if series:
        descriptor["factcheck"]["series"] = series
    if homepage:
        descriptor["homepage"] = homepage
    write_descriptor(folder, descriptor)
    return descriptor


def _vintage_year(version: str) -> int | None:
    head = str(version)[:4]
    return int(head) if head.isdigit() else None


def csv_resource(path: str = "observations.csv", name: str = "observations") -> dict:
    return {"name": name, "path": path, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": observation_schema()}
