"""Reference trade data: a catalog of datasets (bundled and imported) in one observation schema.

The names are loaded on first use: `factcheck.reference.model` (the plain dataclasses a report
needs) must not pull in the catalog and pandas with it."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.reference.catalog import NON_REPORTING, Catalog, RankedCommodity, commodity_range
    from factcheck.reference.model import OBSERVATION_COLUMNS, Citation, DatasetInfo, Observation

_HOMES = {"NON_REPORTING": "catalog", "Catalog": "catalog", "RankedCommodity": "catalog", "commodity_range": "catalog",
          "OBSERVATION_COLUMNS": "model", "Citation": "model", "DatasetInfo": "model", "Observation": "model"}
__all__ = ["NON_REPORTING", "OBSERVATION_COLUMNS", "Catalog", "RankedCommodity", "commodity_range", "Citation", "DatasetInfo", "Observation"]


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"factcheck.reference.{home}"), name)
    globals()[name] = value
    return value
